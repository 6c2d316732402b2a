"""participants/badges.pdf: name badges (8 a sheet, cut marks) or table tents (2 a sheet,
fold marks), from the participant list, in the client's colours.

A name is never cut off: it is set as large as its box allows, on up to three lines
broken between words, and shrinks down to a floor; a name that does not fit even at
the floor is set at the floor, broken where it must, and reported by ``too_long``.
Widths are measured by laying the words out once with the badges' own fonts (so a
name in another script is measured in the fallback font that will draw it), then the
lines and sizes are chosen here and the sheets laid out with exactly those lines.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from werkvorm.compose.people import short_name, surname_key
from werkvorm.compose.session import Session
from werkvorm.errors import Problem, display_path
from werkvorm.render.sheets import layout, with_labels
from werkvorm.resources import builtin_templates

MM_PT = 72 / 25.4
REFERENCE_PX = 20  # words are measured at this size (badges.css); widths scale with it
LINE_HEIGHT = 1.08  # of a name (badges.css)
ORG_LINE_HEIGHT = 1.15
ONE_LINE_FLOOR = 0.8  # a name shrinks to this share of its largest size before it wraps
_FONTS = {True: "SourceSans3_700Bold.ttf", False: "SourceSans3_400Regular.ttf"}
SAFETY = 0.97  # of the box width: room for kerning and rounding between renderers


@dataclass(frozen=True)
class Face:
    """One printed face: the box its name and organisation must fit (mm), sizes (pt)."""

    kind: str  # badges | tents
    width_mm: float
    height_mm: float
    per_sheet: int
    name_box: tuple[float, float]  # width, height
    name_pt: tuple[float, float]  # largest, smallest
    org_box: tuple[float, float]
    org_pt: tuple[float, float]
    area_mm: float  # the height of name box, rule and organisation (badges.css .who)
    rule_mm: float  # the accent rule between them, with its margins
    max_lines: int = 3
    # A name that does not fit ``max_lines`` at ``read_pt`` is set as its first name and
    # surname (or its first name alone) at that size or larger, with the full name small
    # under it, as a conference badge does; 0: no such rule, the name shrinks to
    # ``name_pt``'s floor.
    read_pt: float = 0.0
    event_pt: float = 7.0  # the event line (badges.css)
    event_mm: float = 80.0  # its width
    spare_mm: float = 0.0  # how far a shortened name's stack may run past the area


# A badge's area ends 2.5 mm above its event line; a shortened name's stack (name, full
# name, rule, organisation) keeps 4 mm: with less, its organisation crowds the event line.
BADGE = Face(
    "badges", 90, 55, 8, (80, 19), (26, 11), (80, 7), (10, 7), 31, 4.7, 2, 16.0, 7.0, 80.0, -1.5
)
TENT = Face(
    "tents", 210, 0, 2, (176, 32), (50, 20), (176, 9), (16, 10), 48.25, 5.9, 3, 0.0, 8.0, 118.0
)
FULL_NAME_PT = (8.5, 7.0)  # the full name under a shortened one: two lines at most
FULL_NAME_GAP_MM = 1.2  # above it (badges.css .full)
EVENT_SAFETY = 0.94  # of the event line's width: it must never be cut by the renderer


def face_for(session: Session) -> Face:
    """Badges or tents; a tent on Letter is a little lower (a quarter of 279.4 mm)."""
    if session.badges != "tents":
        return BADGE
    return replace(TENT, name_box=(176, 29), area_mm=43.85) if session.paper == "letter" else TENT


@dataclass(frozen=True)
class Setting:
    """How one text is set: its lines, its size in points, and whether it fits."""

    lines: tuple[str, ...]
    size: float
    fits: bool = True


def _wrap(words: list[tuple[str, float]], space: float, limit: float) -> list[list[str]]:
    """Greedy line breaking of (word, width) pairs into lines no wider than ``limit``."""
    lines: list[list[str]] = []
    used = 0.0
    for word, width in words:
        if lines and used + space + width <= limit:
            lines[-1].append(word)
            used += space + width
        else:
            lines.append([word])
            used = width
    return lines


def fit(
    words: list[tuple[str, float]],
    space: float,
    box: tuple[float, float],
    sizes: tuple[float, float],
    max_lines: int,
) -> Setting:
    """The largest size (half-point steps) at which ``words`` fit ``box`` (mm).

    Widths are at ``REFERENCE_PX``; at ``size`` points a width ``w`` becomes
    ``w * size / REFERENCE_PX`` points.
    """
    if not words:
        return Setting((), sizes[0])
    width_pt = box[0] * MM_PT * SAFETY
    height_pt = box[1] * MM_PT
    # First one line, shrinking to 80 % of the largest size; only then wrap (a name on one
    # line reads as a name; two lines at full size look like a different badge).
    size = sizes[0]
    while size >= max(sizes[1], sizes[0] * ONE_LINE_FLOOR):
        scale = size / REFERENCE_PX
        if sum(x * scale for _, x in words) + space * scale * (len(words) - 1) <= width_pt:
            return Setting((" ".join(w for w, _ in words),), size)
        size -= 0.5
    size = sizes[0]
    while size >= sizes[1]:
        scale = size / REFERENCE_PX
        lines = _wrap([(w, x * scale) for w, x in words], space * scale, width_pt)
        fits_width = all(x * scale <= width_pt for _, x in words)
        tall = len(lines) * size * LINE_HEIGHT
        if fits_width and len(lines) <= max_lines and tall <= height_pt:
            return Setting(tuple(" ".join(line) for line in lines), size)
        size -= 0.5
    smallest = sizes[1]
    scale = smallest / REFERENCE_PX
    lines = _wrap([(w, x * scale) for w, x in words], space * scale, width_pt)
    return Setting(tuple(" ".join(line) for line in lines), smallest, fits=False)


def _measure(session: Session, templates: Path | None) -> dict[str, float]:
    """Widths (px at REFERENCE_PX) of every word of every name and organisation: from the
    bundled font's metrics where they tell (its own letters, and wide CJK signs at a full
    em), else by laying the word out once in the fallback font that will draw it."""
    widths = _estimate(session)
    unknown = {key: word for key, word in _words_of(session) if not _known(word)}
    if unknown:
        widths.update(_laid_out(session, templates, unknown))
    return widths


def _laid_out(session: Session, templates: Path | None, words: dict[str, str]) -> dict[str, float]:
    """The widths of ``words`` (by key) as WeasyPrint lays them out."""
    extra = {"mode": "measure", "sheets": [], "sheet": {}, "words": sorted(words.items())}
    doc = layout("badges.html.j2", session, templates, extra)
    widths: dict[str, float] = {}
    for page in doc.document.pages:
        for box in page._page_box.descendants():  # WeasyPrint's laid-out boxes
            element = getattr(box, "element", None)
            if type(box).__name__ == "InlineBlockBox" and element is not None:
                key = element.get("data-w")
                if key is not None:
                    widths[key] = float(box.width)
    return widths


def _words_of(session: Session) -> list[tuple[str, str]]:
    """(key, word) for every word of every name (``n``) and organisation (``o``)."""
    found = []
    for i, person in enumerate(session.participants):
        for prefix, text in (("n", person.name), ("o", person.organisation)):
            found += [(f"{prefix}{i}-{j}", word) for j, word in enumerate(text.split())]
    return found


def _known(word: str) -> bool:
    """Whether the bundled font's metrics give ``word``'s width: all its letters are in
    the font, or drawn by the fallback at a full em (CJK)."""
    _, cmap = _font(True)
    return all(ord(c) in cmap or unicodedata.east_asian_width(c) in ("W", "F") for c in word)


def _words(text: str, prefix: str, widths: dict[str, float]) -> list[tuple[str, float]]:
    return [(w, widths[f"{prefix}{j}"]) for j, w in enumerate(text.split())]


def _estimate(session: Session) -> dict[str, float]:
    """The widths ``_measure`` gives, from the bundled font's metrics without laying
    anything out (for ``check``, which should not wait for WeasyPrint): a character the
    font lacks counts a full em when it is wide (CJK), else 0.6 em."""
    widths = {key: _advance(word, key[0] == "n") for key, word in _words_of(session)}
    widths["space-b"], widths["space-r"] = _advance(" ", True), _advance(" ", False)
    return widths


@lru_cache(maxsize=2)
def _font(bold: bool) -> tuple[Any, frozenset[int]]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from PIL import ImageFont

    path = builtin_templates() / "fonts" / _FONTS[bold]
    with TTFont(str(path), lazy=True) as font:
        cmap = frozenset(font["cmap"].getBestCmap())
    return ImageFont.truetype(str(path), 1000), cmap


def _advance(word: str, bold: bool) -> float:
    font, cmap = _font(bold)
    word = " ".join(word.splitlines())  # Pillow measures one line only
    known = "".join(c for c in word if ord(c) in cmap)
    em = float(font.getlength(known)) / 1000 if known else 0.0
    for c in word:
        if ord(c) not in cmap:
            em += 1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.6
    return em * REFERENCE_PX


def settings(session: Session, widths: dict[str, float]) -> list[dict[str, Any]]:
    """For each participant, how the name and the organisation are set."""
    face = face_for(session)
    out = []
    for i, person in enumerate(session.participants):
        name, full = _name_setting(face, person.name, _words(person.name, f"n{i}-", widths), widths)
        org = fit(
            _words(person.organisation, f"o{i}-", widths),
            widths["space-r"],
            face.org_box,
            face.org_pt,
            2,
        )
        out.append({"person": person, "name": name, "full": full, "org": org, "index": i})
    for first in range(0, len(out), face.per_sheet):
        _place(face, out[first : first + face.per_sheet], widths)
    return out


def _tall(setting: Setting | None, line_height: float) -> float:
    """The height (mm) of ``setting``'s lines."""
    return len(setting.lines) * setting.size * line_height / MM_PT if setting else 0.0


def _place(face: Face, sheet: list[dict[str, Any]], widths: dict[str, float]) -> None:
    """Where the names of one sheet's faces sit: the last line of every large name on one
    baseline (a fixed name box), the rule and the organisation right under it. A full
    name under a shortened one goes under the large name and pushes its rule and
    organisation down; when they would then leave the area, the baseline of the whole
    sheet moves up by what they need (and a name of several lines is refitted to the
    smaller box above it)."""
    box_w, box_h = face.name_box
    raise_mm = 0.0
    for f in sheet:
        below = face.rule_mm + _tall(f["org"], ORG_LINE_HEIGHT)
        if f["full"] is not None:
            below += _tall(f["full"], 1.2) + FULL_NAME_GAP_MM
        raise_mm = max(raise_mm, box_h + below - face.area_mm - face.spare_mm)
    for f in sheet:
        height = box_h - raise_mm
        if raise_mm > 0 and f["full"] is None and _tall(f["name"], LINE_HEIGHT) > height:
            words = _words(f["person"].name, f"n{f['index']}-", widths)
            f["name"] = fit(words, widths["space-b"], (box_w, height), face.name_pt, face.max_lines)
        f["top"] = round(max(0.0, height - _tall(f["name"], LINE_HEIGHT)), 2)


def _name_setting(
    face: Face, name: str, words: list[tuple[str, float]], widths: dict[str, float]
) -> tuple[Setting, Setting | None]:
    """How a name is set on ``face``, and the full name's small line when the large one
    is shortened to first name and surname (else None)."""
    space = widths["space-b"]
    if not face.read_pt:
        return fit(words, space, face.name_box, face.name_pt, face.max_lines), None
    readable = (face.name_pt[0], face.read_pt)
    setting = fit(words, space, face.name_box, readable, face.max_lines)
    if setting.fits:
        return setting, None
    full = _small(name, face.name_box[0])
    for wanted in (short_name(name).split(), name.split()[:1]):  # first + surname, first
        kept = _subsequence(words, wanted)
        if full is None or kept is None or len(kept) >= len(words):
            continue
        height = face.name_box[1] - len(full.lines) * full.size * 1.2 / MM_PT - FULL_NAME_GAP_MM
        shortened = fit(kept, space, (face.name_box[0], height), readable, face.max_lines)
        if shortened.fits:
            return shortened, full
    return fit(words, space, face.name_box, face.name_pt, 3), None


def _subsequence(
    words: list[tuple[str, float]], wanted: list[str]
) -> list[tuple[str, float]] | None:
    """The (word, width) pairs of ``words`` that spell ``wanted`` in order, or None."""
    kept: list[tuple[str, float]] = []
    rest = iter(words)
    for word in wanted:
        found = next((pair for pair in rest if pair[0] == word), None)
        if found is None:
            return None
        kept.append(found)
    return kept


def _small(text: str, box_mm: float) -> Setting | None:
    """``text`` in regular weight in at most two lines of ``box_mm``, broken between
    words, at the largest size of ``FULL_NAME_PT`` it fits, or None."""
    from werkvorm.render.fonts import text_width

    size = FULL_NAME_PT[0]
    while size >= FULL_NAME_PT[1]:
        pairs = [(w, text_width(w, size)) for w in text.split()]
        limit = box_mm * MM_PT * SAFETY
        lines = _wrap(pairs, text_width(" ", size), limit)
        if len(lines) <= 2 and all(x <= limit for _, x in pairs):
            return Setting(tuple(" ".join(line) for line in lines), size)
        size -= 0.5
    return None


def too_long(session: Session) -> list[tuple[str, str]]:
    """(field, message) for each name or organisation that does not fit even at the floor
    (estimated from font metrics: quick enough for ``check``)."""
    if not session.participants:
        return []
    face = face_for(session)
    what = "table tent" if face.kind == "tents" else "badge"
    found = []
    for s in settings(session, _estimate(session)):
        for field, setting, floor in (
            ("name", s["name"], face.name_pt[1]),
            ("organisation", s["org"], face.org_pt[1]),
        ):
            if not setting.fits:
                text = getattr(s["person"], field)
                found.append(
                    (
                        text,
                        f"{field} '{text}' does not fit a {what} even at {floor:g} pt: it is "
                        f"broken over {len(setting.lines)} lines; shorten it in the participant "
                        "list (a first and a last name are enough)",
                    )
                )
    return found


def badge_problems(session: Session, participants: Path | None) -> list[Problem]:
    """Warnings for ``check``: names too long for a badge, at their line in the list."""
    lines: list[str] = []
    if participants is not None and participants.suffix.lower() == ".csv":
        try:
            lines = participants.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        except OSError:
            lines = []
    problems = []
    for text, message in too_long(session):
        line = next((n for n, row in enumerate(lines, 1) if text in row), 0)
        where = display_path(participants) if participants else session.client_id
        problems.append(Problem(where, line, 0, "participants", message, "warning"))
    return problems


def _line(x: float, y: float, length: float, vertical: bool, kind: str = "cut") -> dict[str, Any]:
    return {"x": round(x, 2), "y": round(y, 2), "len": length, "vertical": vertical, "kind": kind}


def _sheet(face: Face, paper: str) -> dict[str, Any]:
    """The sheet, the grid of faces on it and its cut or fold marks, in millimetres."""
    width, height = (215.9, 279.4) if paper == "letter" else (210.0, 297.0)
    gap, length = 3.0, 6.0  # a mark stops 3 mm short of the card and is 6 mm long
    if face.kind == "tents":
        marks = []
        for n in (1, 2, 3):  # folds at a quarter and three quarters, a cut in the middle
            kind = "cut" if n == 2 else "fold"
            y = height * n / 4
            marks += [_line(3, y, length, False, kind), _line(width - 9, y, length, False, kind)]
        return {
            "width": width,
            "height": height,
            "face_w": width,
            "face_h": height / 4,
            "marks": marks,
        }
    cols, rows = 2, 4
    left = (width - cols * face.width_mm) / 2
    top = (height - rows * face.height_mm) / 2
    right, bottom = left + cols * face.width_mm, top + rows * face.height_mm
    marks = []
    for c in range(cols + 1):
        x = left + c * face.width_mm
        marks += [_line(x, top - gap - length, length, True), _line(x, bottom + gap, length, True)]
    for r in range(rows + 1):
        y = top + r * face.height_mm
        marks += [
            _line(left - gap - length, y, length, False),
            _line(right + gap, y, length, False),
        ]
    return {
        "width": width,
        "height": height,
        "face_w": face.width_mm,
        "face_h": face.height_mm,
        "left": round(left, 2),
        "top": round(top, 2),
        "cols": cols,
        "marks": marks,
    }


def _places(face: Face, sheet: dict[str, Any], slot: int) -> list[tuple[float, float, bool]]:
    """Where participant ``slot`` of a sheet goes: (x, y, turned) of each face in mm."""
    if face.kind == "tents":
        top = slot * 2 * sheet["face_h"]
        return [(0.0, top, True), (0.0, top + sheet["face_h"], False)]
    col, row = slot % sheet["cols"], slot // sheet["cols"]
    return [(sheet["left"] + col * sheet["face_w"], sheet["top"] + row * sheet["face_h"], False)]


def logo_fits(logo: str) -> bool:
    """Whether a logo stays recognisable in a badge's 9 mm logo strip: not taller than
    wide (a 1:3 logo would be a 3 mm sliver) and at least 150 px wide. Otherwise the
    badge prints the client's name in its place (``check`` says so)."""
    if not logo:
        return False
    if logo.lower().endswith(".svg"):
        return True
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(logo) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        return True  # WeasyPrint reports a broken image itself
    return width >= height and width >= MIN_LOGO_PX


MIN_LOGO_PX = 150


def event_line(session: Session, face: Face) -> dict[str, str]:
    """The one-line event line of a face: the date, and the title when it fits whole
    beside it, else the title cut after a word with "…" (at least three words, else the
    date alone); never cut inside a word."""
    from werkvorm.render.fonts import text_width

    size, room = face.event_pt, face.event_mm * MM_PT * EVENT_SAFETY
    date = " ".join(session.date_text.split())
    title = " ".join(session.title.split())
    if date:
        room -= text_width(date, size, 600) + text_width(" · ", size)
    if text_width(title, size) <= room:
        return {"date": date, "title": title}
    words = title.split(" ")
    least = 3 if date else 1
    for count in range(len(words) - 1, least - 1, -1):
        cut = " ".join(words[:count]).rstrip(" ,;:·–—-") + "…"
        if text_width(cut, size) <= room:
            return {"date": date, "title": cut}
    return {"date": date, "title": ""}


def by_surname(session: Session) -> Session:
    """``session`` with its participants in sign-in order: by surname without particles
    (Boer, de; Meulen, van der), as the sign-in sheet lists them."""
    people = sorted(session.participants, key=lambda p: surname_key(p.name))
    return session.model_copy(update={"participants": people})


def badges_pdf(session: Session, templates: Path | None = None) -> bytes:
    """Every participant's badge or table tent, on A4 (Letter for a Letter client): blank
    sheets laid out once (a full one, and the last one if it is not full), every name
    and organisation laid out once as stamps (``render.stamps``), stamped face by face."""
    import pikepdf

    from werkvorm.render.personal import save_pdf
    from werkvorm.render.stamps import Column, Names, Place, own_page, set_forms

    session = by_surname(with_labels(session))
    face = face_for(session)
    faces = settings(session, _measure(session, templates))
    sheet = _sheet(face, session.paper)
    count, per = len(faces), face.per_sheet
    rest = count % per if count > per else 0
    blanks = [[None] * min(count, per)] + ([[None] * rest] if rest else [])
    extra: dict[str, Any] = {
        "mode": face.kind,
        "sheets": blanks,
        "sheet": sheet,
        "use_logo": logo_fits(session.branding.logo),
        "event": event_line(session, face),
    }
    base = pikepdf.open(io.BytesIO(layout("badges.html.j2", session, templates, extra).write()))
    column = Column(sheet["face_w"], sheet["face_h"], count)
    extra = {"mode": "names", "kind": face.kind, "faces": faces, "column": column, "sheet": sheet}
    names = Names(layout("badges.html.j2", session, templates, extra).write(tagged=False), column)
    out = pikepdf.new()
    pristine = [out.copy_foreign(page.obj) for page in base.pages]
    for first in range(0, count, per):
        group = range(first, min(first + per, count))
        template = pristine[-1] if len(group) < per else pristine[0]
        copy = pikepdf.Dictionary({k: v for k, v in template.items() if k != "/Parent"})
        out.pages.append(pikepdf.Page(out.make_indirect(copy)))
        page = out.pages[-1]
        height = float(page.mediabox[3])
        places = [(n, p) for n in group for p in _places(face, sheet, n - first)]
        own_page(out, page, len(places))
        set_forms(page, [names.form(out, n, Place(x, y, height, t)) for n, (x, y, t) in places])
    return save_pdf(out, f"{session.title}: {session.client or 'werkvorm'}")
