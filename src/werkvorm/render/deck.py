"""Session → an editable slide deck (python-pptx), on the default or the client's template.

Every text goes into the template's placeholders. Layouts are chosen by what their
placeholders are (centre title, body, picture), never by name or position: real
templates name layouts in any language, name two alike, and carry vertical-text
layouts that must never be picked. Text that would not fit is sized down to at least
18 pt when the deck is written, and continued on a next slide beyond that, because
PowerPoint's autofit only acts after an edit and LibreOffice's not at all.
"""

from __future__ import annotations

import copy
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from werkvorm.errors import TemplateError, display_path
from werkvorm.render.text import to_plain, to_runs
from werkvorm.render.textfit import Measure
from werkvorm.resources import builtin_templates
from werkvorm.session import Session, SessionItem, SessionSlide

KINDS = ("title", "content", "section", "title_only", "picture", "closing")
MAX_MEMBERS = 2000
MAX_UNPACKED = 300_000_000
MAX_RATIO = 200
MAX_BULLETS = 6
BODY_MAX, BODY_MIN = 28, 18
BODY_FLOOR = 14  # a single text that cannot continue on a next slide may shrink to this
BULLET_INDENT_PT = 27.0  # the hanging indent of a first-level bullet
TITLE_MAX, TITLE_MIN = 36, 24
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
_CHROME = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
_BODIES = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}
_VERTICAL_TYPES = {"vertTx", "vertTitleAndTx", "vertTitleAndTxOverChart"}


# ---------------------------------------------------------------- opening a template


def default_template() -> Path:
    return builtin_templates() / "deck.pptx"


def read_template(path: Path) -> bytes:
    """The template's bytes as a .pptx, checked before python-pptx unpacks anything."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{name} cannot be read: {exc.strerror}") from None
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise TemplateError(
            f"{name} is not a PowerPoint file (.pptx or .potx): open it in "
            "PowerPoint and save it again as a template"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = zf.infolist()
            if len(members) > MAX_MEMBERS:
                raise TemplateError(
                    f"{name} has {len(members)} parts; a PowerPoint template "
                    f"has far fewer than {MAX_MEMBERS}: is it damaged?"
                )
            total = sum(m.file_size for m in members)
            if total > MAX_UNPACKED:
                raise TemplateError(
                    f"{name} would unpack to {total // 1_000_000} MB: too large for a template"
                )
            for m in members:
                if (
                    m.compress_size
                    and m.file_size / m.compress_size > MAX_RATIO
                    and m.file_size > 1_000_000
                ):
                    raise TemplateError(
                        f"{name} contains a part ({m.filename}) that is "
                        "compressed suspiciously well; refusing to unpack it"
                    )
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
                raise TemplateError(f"{name} is a zip file but not a PowerPoint presentation")
            types = zf.read("[Content_Types].xml")
            if _TEMPLATE_TYPE not in types:
                return raw
            # python-pptx refuses .potx: rewrite the one content type, keep all else.
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for m in members:
                    data = zf.read(m.filename)
                    if m.filename == "[Content_Types].xml":
                        data = data.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
                    zout.writestr(m, data)
            return out.getvalue()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise TemplateError(f"{name} is a damaged PowerPoint file ({exc})") from None


def open_template(path: Path) -> Any:
    data = read_template(path)
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:
        raise TemplateError(
            f"{display_path(path)} cannot be opened as a PowerPoint "
            f"template ({exc.__class__.__name__}): save it again from "
            "PowerPoint"
        ) from None


# ---------------------------------------------------------------- choosing layouts


@dataclass
class LayoutInfo:
    layout: Any
    name: str
    master: int
    index: int
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> score
    vertical: bool = False
    placeholders: list[str] = field(default_factory=list)


def _ph_type(ph: Any) -> Any:
    try:
        return ph.placeholder_format.type
    except ValueError:
        return None


def _is_vertical(ph: Any) -> bool:
    el = ph._element
    if el.xpath("./p:nvSpPr/p:nvPr/p:ph[@orient='vert']"):
        return True
    return bool(el.xpath(".//a:bodyPr[@vert and @vert!='horz']"))


def classify(layout: Any, master: int, index: int) -> LayoutInfo:
    """Which slide kinds a layout can serve, with a score for how well."""
    info = LayoutInfo(layout=layout, name=layout.name, master=master, index=index)
    phs = [ph for ph in layout.placeholders if _ph_type(ph) not in _CHROME]
    info.placeholders = [str(_ph_type(ph)).split(".")[-1].split(" ")[0] for ph in phs]
    ltype = layout._element.get("type")
    if ltype in _VERTICAL_TYPES or any(_is_vertical(ph) for ph in phs):
        info.vertical = True
        return info
    centre = [ph for ph in phs if _ph_type(ph) == PP_PLACEHOLDER.CENTER_TITLE]
    titles = [ph for ph in phs if _ph_type(ph) == PP_PLACEHOLDER.TITLE]
    bodies = [ph for ph in phs if _ph_type(ph) in _BODIES]
    subtitles = [ph for ph in phs if _ph_type(ph) == PP_PLACEHOLDER.SUBTITLE]
    pictures = [ph for ph in phs if _ph_type(ph) == PP_PLACEHOLDER.PICTURE]
    others = len(phs) - len(centre) - len(titles) - len(bodies) - len(pictures)
    if centre and (subtitles or bodies):
        info.kinds["title"] = 10 + (5 if subtitles else 0) + (3 if ltype == "title" else 0)
        info.kinds["closing"] = info.kinds["title"]
        info.kinds["section"] = 4
    if titles and len(bodies) == 1 and not pictures and not others:
        big = (bodies[0].height or 0) > 2 * 914400
        if ltype == "secHead":
            info.kinds["section"] = 20
        elif big:
            info.kinds["content"] = 10 + (5 if ltype == "obj" else 0)
        else:
            info.kinds["section"] = 6
    if titles and not bodies and not pictures and not others:
        info.kinds["title_only"] = 10 + (5 if ltype == "titleOnly" else 0)
        info.kinds.setdefault("section", 3)
    if titles and pictures:
        info.kinds["picture"] = 10 + (5 if ltype == "picTx" else 0)
    return info


@dataclass
class LayoutChoice:
    """The layout each slide kind uses in one template, and how it was chosen."""

    by_kind: dict[str, LayoutInfo]
    layouts: list[LayoutInfo]
    notes: list[str] = field(default_factory=list)
    fallbacks: dict[str, str] = field(default_factory=dict)  # kind -> the kind standing in


FALLBACKS = {
    "title": ("title", "section", "content", "title_only"),
    "closing": ("closing", "title", "section", "content", "title_only"),
    "content": ("content",),
    "section": ("section", "title", "title_only", "content"),
    "title_only": ("title_only", "content"),
    "picture": ("picture", "title_only", "content"),
}


def choose_layouts(
    prs: Any, pinned: dict[str, str] | None = None, template_name: str = "template"
) -> LayoutChoice:
    infos: list[LayoutInfo] = []
    for m, master in enumerate(prs.slide_masters):
        for i, layout in enumerate(master.slide_layouts):
            infos.append(classify(layout, m, i))
    choice = LayoutChoice(by_kind={}, layouts=infos)
    for kind in KINDS:
        if pinned and kind in pinned:
            named = [li for li in infos if li.name == pinned[kind]]
            if not named:
                names = ", ".join(sorted({li.name for li in infos}))
                raise TemplateError(
                    f"layouts.{kind}: {template_name} has no layout named "
                    f"'{pinned[kind]}' (layouts: {names})"
                )
            if named[0].vertical:
                raise TemplateError(
                    f"layouts.{kind}: '{pinned[kind]}' is a vertical-text layout; choose another"
                )
            choice.by_kind[kind] = named[0]
            continue
        for candidate in FALLBACKS[kind]:
            scored = [li for li in infos if candidate in li.kinds and not li.vertical]
            if scored:
                best = max(scored, key=lambda li: (li.kinds[candidate], -li.master, -li.index))
                choice.by_kind[kind] = best
                if candidate != kind:
                    choice.fallbacks[kind] = candidate
                    choice.notes.append(
                        f"no layout for '{kind}' slides: using '{best.name}' ({candidate} layout)"
                    )
                break
    if "content" not in choice.by_kind:
        raise TemplateError(
            f"{template_name} has no layout with a title and a text area: "
            "werkvorm cannot put bullets on its slides"
        )
    return choice


# ---------------------------------------------------------------- text fitting


# ---------------------------------------------------------------- the deck


def _rgb(hex_colour: str) -> RGBColor:
    h = hex_colour.lstrip("#")
    return RGBColor(int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


@dataclass
class DeckNote:
    """One adaptation, tied to the block whose slide it is ('' for session slides)."""

    block: str
    message: str


@dataclass
class DeckReport:
    """What the deck renderer had to adapt, for ``check``."""

    notes: list[DeckNote] = field(default_factory=list)
    fallbacks: dict[str, str] = field(default_factory=dict)


def _theme_font(prs: Any) -> str:
    """The body (minor) latin typeface of the template's theme."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        xml = prs.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8", "replace")
    except (KeyError, AttributeError):
        return ""
    found = re.search(r"<a:minorFont>\s*<a:latin typeface=\"([^\"]*)\"", xml)
    return found.group(1) if found else ""


class DeckWriter:
    def __init__(self, session: Session, prs: Any, choice: LayoutChoice, branded: bool) -> None:
        self.s = session
        self.prs = prs
        self.choice = choice
        self.branded = branded
        self.report = DeckReport(fallbacks=dict(choice.fallbacks))

        self.block = ""  # the id of the block being written, for the report
        self.footer = " · ".join(p for p in (session.title, session.client) if p)
        self.measure = Measure(_theme_font(prs))

    def note(self, message: str) -> None:
        self.report.notes.append(DeckNote(self.block, message))

    # -- primitives

    def new_slide(self, kind: str) -> Any:
        info = self.choice.by_kind.get(kind) or self.choice.by_kind["content"]
        slide = self.prs.slides.add_slide(info.layout)
        self._add_chrome(slide, info.layout)
        return slide

    def _add_chrome(self, slide: Any, layout: Any) -> None:
        """Footer and slide number placeholders, which add_slide leaves out."""
        for ph in layout.placeholders:
            kind = _ph_type(ph)
            if kind not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            el = copy.deepcopy(ph._element)
            slide.shapes._spTree.append(el)
            shape = slide.placeholders[ph.placeholder_format.idx]
            if kind == PP_PLACEHOLDER.FOOTER:
                shape.text_frame.text = self.footer
                if self.branded:  # the werkvorm look; a client template keeps its own
                    for run in shape.text_frame.paragraphs[0].runs:
                        run.font.name = "+mn-lt"
                        run.font.size = Pt(10)
            elif not el.xpath(".//a:fld[@type='slidenum']"):
                self._slide_number(shape)

    @staticmethod
    def _slide_number(shape: Any) -> None:
        tf = shape.text_frame
        tf.clear()
        p = tf.paragraphs[0]._p
        fld = p.makeelement(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}fld",
            {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"},
        )
        t = fld.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}t", {})
        t.text = "‹#›"
        fld.append(t)
        p.append(fld)

    def _content_placeholders(self, slide: Any) -> list[Any]:
        return [ph for ph in slide.placeholders if _ph_type(ph) not in _CHROME | _TITLES]

    def _title(self, slide: Any, text: str) -> None:
        ph = next((p for p in slide.placeholders if _ph_type(p) in _TITLES), None)
        if ph is None:
            return
        tf = ph.text_frame
        tf.text = text
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        size = self.measure.fit(
            [text], Emu(ph.width).pt, Emu(ph.height).pt, TITLE_MAX, TITLE_MIN, bold=True
        )
        if size is None:
            size = TITLE_MIN
            self.note(f"the slide title '{text[:40]}' is too long: shorten it")
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)
                if self.branded:
                    r.font.color.rgb = _rgb(self.s.branding.text)

    def _fill(
        self,
        ph: Any,
        paragraphs: list[str],
        *,
        largest: int = BODY_MAX,
        smallest: int = BODY_MIN,
        bullets: bool = True,
        what: str = "",
        report: bool = True,
    ) -> None:
        """Fill a placeholder, sized to fit; ``report`` notes shrinking for ``check``."""
        tf = ph.text_frame
        tf.clear()
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        plain = [to_plain(p) for p in paragraphs]
        size = self.measure.fit(
            plain,
            Emu(ph.width).pt,
            Emu(ph.height).pt,
            largest,
            smallest,
            indent_pt=BULLET_INDENT_PT if bullets else 0.0,
        )
        if size is None:
            size = smallest
            self.note(f"{what}: the text does not fit even at {smallest} pt: shorten it")
        elif report and size < BODY_MIN:
            self.note(
                f"{what}: the text had to shrink to {size} pt to fit (slides read best "
                f"at {BODY_MIN} pt or more): shorten it"
            )

        for n, text in enumerate(paragraphs):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            runs = to_runs(text) or [[(text, False, False)]]
            for para_runs in runs[:1]:
                for chunk, bold, italic in para_runs:
                    r = p.add_run()
                    r.text = chunk
                    r.font.size = Pt(size)
                    if bold:
                        r.font.bold = True
                    if italic:
                        r.font.italic = True
            numbered = bool(re.match(r"\d+\. ", plain[n]))  # its number is its bullet
            if not bullets or numbered:
                pPr = p._p.get_or_add_pPr()
                pPr.set("indent", "0")
                pPr.set("marL", "0")
                pPr.insert(
                    0,
                    pPr.makeelement(
                        "{http://schemas.openxmlformats.org/drawingml/2006/main}buNone", {}
                    ),
                )

    @staticmethod
    def _drop_empty(slide: Any) -> None:
        for ph in list(slide.placeholders):
            if _ph_type(ph) in _CHROME:
                continue
            if (ph.has_text_frame and not ph.text_frame.text.strip()) or (
                _ph_type(ph) == PP_PLACEHOLDER.PICTURE and not hasattr(ph, "image")
            ):
                ph._element.getparent().remove(ph._element)

    def notes(self, slide: Any, *parts: str) -> None:
        text = "\n\n".join(to_plain(p) for p in parts if p and p.strip())
        if text:
            slide.notes_slide.notes_text_frame.text = text

    def block_notes(self, item: SessionItem, extra: str = "") -> str:
        L = self.s.labels
        head = f"{item.start}–{item.end} · {item.title} · {item.format_label}"
        if item.materials:
            head += f"\n{L['materials']}: {', '.join(item.materials)}"
        return "\n\n".join(p for p in (head, extra, item.facilitator) if p)

    def _picture_fitted(
        self, slide: Any, path: str, alt: str, box: tuple[int, int, int, int]
    ) -> None:
        from PIL import Image

        left, top, width, height = box
        with Image.open(path) as im:
            iw, ih = im.size
        scale = min(width / iw, height / ih)
        w, h = int(iw * scale), int(ih * scale)
        pic = slide.shapes.add_picture(path, left + (width - w) // 2, top + (height - h) // 2, w, h)
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        pic.name = f"Picture: {alt[:40]}"

    def _body_box(self, slide: Any) -> tuple[int, int, int, int]:
        bodies = self._content_placeholders(slide)
        if bodies:
            b = max(bodies, key=lambda ph: (ph.width or 0) * (ph.height or 0))
            return b.left, b.top, b.width, b.height
        w, h = self.prs.slide_width, self.prs.slide_height
        return int(w * 0.06), int(h * 0.25), int(w * 0.88), int(h * 0.62)

    # -- slide kinds

    def bullets_slide(
        self, title: str, items: list[str], notes: str, what: str, *, bullets: bool = True
    ) -> None:
        """One or more content slides: at most six items each, continued when needed."""
        probe = self.choice.by_kind["content"].layout
        body = next((ph for ph in probe.placeholders if _ph_type(ph) in _BODIES), None)
        final: list[list[str]] = []
        current: list[str] = []
        for item in items:
            candidate = [*current, item]
            too_many = len(candidate) > MAX_BULLETS
            too_long = (
                body is not None
                and self.measure.fit(
                    [to_plain(c) for c in candidate],
                    Emu(body.width).pt,
                    Emu(body.height).pt,
                    BODY_MAX,
                    BODY_MIN,
                    indent_pt=BULLET_INDENT_PT,
                )
                is None
            )
            if current and (too_many or too_long):
                final.append(current)
                current = [item]
            else:
                current = candidate
        final = [*final, current] if current else (final or [[]])
        if len(final) > 1:
            self.note(
                f"'{title}' did not fit one slide and continues on {len(final)} slides: "
                "split it yourself or shorten it"
            )
        for n, chunk in enumerate(final):
            slide = self.new_slide("content")
            suffix = f" ({n + 1}/{len(final)})" if len(final) > 1 else ""
            self._title(slide, title + suffix)
            ph = next(iter(self._content_placeholders(slide)), None)
            if ph is not None and chunk:
                self._fill(ph, chunk, what=what, bullets=bullets, smallest=BODY_FLOOR)
            self._drop_empty(slide)
            self.notes(slide, notes)

    def title_slide(self) -> None:
        s, L = self.s, self.s.labels
        slide = self.new_slide("title")
        self._title(slide, s.title)
        meta = [
            p
            for p in (s.client, ", ".join(x for x in (s.date_text, s.location) if x), s.facilitator)
            if p
        ]
        phs = sorted(self._content_placeholders(slide), key=lambda ph: ph.top or 0)
        subs = [ph for ph in phs if _ph_type(ph) == PP_PLACEHOLDER.SUBTITLE]
        # The subtitle is one line: it takes the subtitle placeholder, else the smaller body;
        # the client, date, place and facilitator take the tallest of the others.
        first = subs[0] if subs else (min(phs, key=lambda ph: ph.height or 0) if phs else None)
        rest = sorted((ph for ph in phs if ph is not first), key=lambda ph: -(ph.height or 0))
        if rest and not subs and first is not None and not s.subtitle:
            first, rest = rest[0], []

        if first is not None:
            lines = [s.subtitle] if s.subtitle else []
            if not rest:
                lines += meta
            if lines:
                self._fill(
                    first,
                    lines,
                    largest=24,
                    smallest=12,
                    bullets=False,
                    what="title slide",
                    report=False,
                )
        if rest and meta:
            self._fill(
                rest[0],
                meta,
                largest=20,
                smallest=10,
                bullets=False,
                what="title slide",
                report=False,
            )
        if self.branded:
            self._brand_bar(slide)
            if s.branding.logo:
                w = self.prs.slide_width
                self._picture_fitted(
                    slide,
                    s.branding.logo,
                    s.client,
                    (
                        int(w * 0.78),
                        Inches(0.35),
                        int(w * 0.18),
                        Inches(0.9),
                    ),
                )
        self._drop_empty(slide)
        self.notes(slide, f"{s.start}–{s.end} · {s.total_minutes} {L['min']}", s.summary)

    def _brand_bar(self, slide: Any) -> None:
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, self.prs.slide_width, Inches(0.12))
        bar.fill.solid()
        bar.fill.fore_color.rgb = _rgb(self.s.branding.primary)
        bar.line.fill.background()
        bar.name = "werkvorm accent bar"

    def agenda(self) -> None:
        L = self.s.labels
        rows = [
            f"{i.start}  {i.title}" if i.kind == "break" else f"{i.start}  {i.number}. {i.title}"
            for i in self.s.items
        ]
        rows.append(f"{self.s.end}  {L['end']}")
        # At most nine lines a slide, spread evenly: never a second slide with one line.
        per_slide = math.ceil(len(rows) / math.ceil(len(rows) / 9))
        chunks = [rows[i : i + per_slide] for i in range(0, len(rows), per_slide)]

        for n, chunk in enumerate(chunks):
            title = L["agenda"] if n == 0 else L["agenda_continued"]
            slide = self.new_slide("content")
            self._title(slide, title)
            ph = next(iter(self._content_placeholders(slide)), None)
            if ph is not None:
                self._fill(
                    ph, chunk, largest=24, smallest=16, bullets=False, what="agenda", report=False
                )
            self._drop_empty(slide)
            self.notes(slide, f"{self.s.total_minutes} {L['min']}")

    def section(self, item: SessionItem) -> None:
        L = self.s.labels
        slide = self.new_slide("section")
        self._title(slide, f"{item.number}. {item.title}")
        ph = next(iter(self._content_placeholders(slide)), None)
        if ph is not None:
            self._fill(
                ph,
                [f"{item.start}–{item.end} · {item.minutes} {L['min']} · {item.format_label}"],
                largest=24,
                smallest=12,
                bullets=False,
                what=f"section {item.number}",
                report=False,
            )

        if self.branded:
            self._brand_bar(slide)
        self._drop_empty(slide)
        self.notes(slide, self.block_notes(item))

    def block_slide(self, item: SessionItem, sl: SessionSlide) -> None:
        notes = self.block_notes(item, sl.notes)
        what = f"block {item.number}, slide '{sl.title or sl.kind}'"
        if sl.kind in ("bullets", "questions"):
            title = sl.title or (
                self.s.labels["questions"] if sl.kind == "questions" else item.title
            )
            self.bullets_slide(title, sl.bullets, notes, what, bullets=True)
        elif sl.kind == "quote":
            slide = self.new_slide(
                "title_only" if "title_only" in self.choice.by_kind else "content"
            )
            self._title(slide, sl.title or item.title)
            box = self._body_box(slide)
            self._drop_empty(slide)
            ph = next(iter(self._content_placeholders(slide)), None)
            text = f"“{to_plain(sl.quote)}”" + (f"\n— {sl.by}" if sl.by else "")
            if ph is None:
                tb = slide.shapes.add_textbox(*box)
                tb.name = "Quote"
                self._fill(
                    tb, text.split("\n"), largest=32, smallest=BODY_FLOOR, bullets=False, what=what
                )
                for p in tb.text_frame.paragraphs[1:]:
                    for r in p.runs:
                        r.font.italic = True
            else:
                self._fill(
                    ph, text.split("\n"), largest=32, smallest=BODY_FLOOR, bullets=False, what=what
                )
            self.notes(slide, notes)
        elif sl.kind == "image":
            slide = self.new_slide("picture")
            self._title(slide, sl.title or sl.caption or item.title)
            pics = [ph for ph in slide.placeholders if _ph_type(ph) == PP_PLACEHOLDER.PICTURE]
            texts = [ph for ph in self._content_placeholders(slide) if ph not in pics]
            if pics:
                ph = pics[0]
                box = (ph.left, ph.top, ph.width, ph.height)
                ph._element.getparent().remove(ph._element)
            else:
                box = self._body_box(slide)
                for ph in texts:
                    if (ph.width or 0) * (ph.height or 0) >= box[2] * box[3]:
                        ph._element.getparent().remove(ph._element)
                texts = [ph for ph in texts if ph._element.getparent() is not None]
            self._picture_fitted(slide, sl.image, sl.alt, box)
            if sl.caption and texts and sl.title:
                self._fill(
                    texts[0], [sl.caption], largest=20, smallest=12, bullets=False, what=what
                )
            self._drop_empty(slide)
            self.notes(slide, notes)
        else:  # a title-only slide
            slide = self.new_slide("title_only")
            self._title(slide, sl.title)
            self._drop_empty(slide)
            self.notes(slide, notes)

    def exercise(self, item: SessionItem) -> None:
        """Title, numbered instructions, minutes and group size."""
        ex = item.exercise
        assert ex is not None
        L = self.s.labels
        steps = to_plain(ex.instructions).split("\n") if ex.instructions else []
        meta = f"{item.minutes} {L['min']}"
        if ex.group_size:
            meta += f" · {L['group_size']}: {ex.group_size} {L['persons']}"
        self.bullets_slide(
            f"{L['exercise']}: {ex.title}",
            [*steps, meta],
            self.block_notes(item, ex.instructions),
            f"exercise '{ex.title}'",
            bullets=not any(step[:1].isdigit() for step in steps),
        )

    def break_slide(self, item: SessionItem) -> None:
        L = self.s.labels
        slide = self.new_slide("section")
        self._title(slide, f"{item.title} · {item.minutes} {L['min']}")
        resume = (
            L["resume"].format(time=item.end)
            if self.s.has_clock
            else L["resume_relative"].format(minutes=item.minutes)
        )
        ph = next(iter(self._content_placeholders(slide)), None)
        if ph is not None:
            self._fill(
                ph, [resume], largest=28, smallest=14, bullets=False, what="break", report=False
            )

        self._drop_empty(slide)
        self.notes(slide, f"{item.start}–{item.end} · {resume}")

    def closing(self) -> None:
        s, L = self.s, self.s.labels
        if s.takeaways:
            self.bullets_slide(L["takeaways"], s.takeaways, "\n\n".join(s.takeaways), "takeaways")
        if s.sources:
            refs = [
                f"{src.author}, {src.title}"
                + (f", {src.publication}" if src.publication else "")
                + (f" ({src.year})" if src.year else "")
                for src in s.sources
            ]
            self.bullets_slide(
                L["sources"],
                refs,
                "\n\n".join(
                    f"{ref}{' ' + src.url if src.url else ''}"
                    for ref, src in zip(refs, s.sources, strict=True)
                ),
                "sources",
                bullets=False,
            )
        slide = self.new_slide("closing")
        self._title(slide, L["closing"])
        phs = self._content_placeholders(slide)
        if phs:
            ph = max(phs, key=lambda p: p.height or 0)
            lines = [p for p in (s.facilitator, s.client) if p] or [s.title]
            self._fill(
                ph, lines, largest=24, smallest=12, bullets=False, what="closing", report=False
            )
        if self.branded:
            self._brand_bar(slide)
        self._drop_empty(slide)
        self.notes(slide, *s.takeaways)

    def write(self) -> None:
        self.title_slide()
        self.agenda()
        for item in self.s.items:
            self.block = item.id
            if item.kind == "break":
                self.break_slide(item)
                continue
            self.section(item)
            for sl in item.slides:
                self.block_slide(item, sl)
            if item.exercise:
                self.exercise(item)
        self.block = ""
        self.closing()


def _remove_sample_slides(prs: Any) -> None:
    """A template's own example slides never end up in the deck."""
    sld_ids = prs.slides._sldIdLst
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)


def _fix_metadata(prs: Any, session: Session) -> None:
    import datetime as dt

    cp = prs.core_properties
    cp.title = session.title
    cp.author = session.facilitator or "werkvorm"
    cp.subject = session.client or ""
    cp.language = session.language
    fixed = dt.datetime(2000, 1, 1)
    cp.created = fixed
    cp.modified = fixed
    cp.last_modified_by = "werkvorm"
    cp.revision = 1


def build_deck(session: Session) -> tuple[bytes, DeckReport]:
    template = Path(session.deck_template) if session.deck_template else default_template()
    prs = open_template(template)
    _remove_sample_slides(prs)
    choice = choose_layouts(prs, session.layouts, display_path(template))
    writer = DeckWriter(session, prs, choice, branded=not session.deck_template)
    writer.write()
    _fix_metadata(prs, session)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue(), writer.report


def render_deck(session: Session) -> bytes:
    return build_deck(session)[0]


def describe_template(path: Path) -> list[dict[str, Any]]:
    """For ``inspect-template``: every layout, its placeholders, the kinds it serves."""
    prs = open_template(path)
    choice = choose_layouts(prs, None, display_path(path))
    chosen = {id(li): [k for k, v in choice.by_kind.items() if v is li] for li in choice.layouts}
    return [
        {
            "master": li.master + 1,
            "index": li.index + 1,
            "name": li.name,
            "placeholders": li.placeholders,
            "vertical": li.vertical,
            "serves": sorted(li.kinds),
            "chosen_for": chosen[id(li)],
        }
        for li in choice.layouts
    ]


def structure(data: bytes) -> list[dict[str, Any]]:
    """A deck as comparable text: per slide its layout, placeholders and text, and notes."""
    prs = Presentation(io.BytesIO(data))
    out: list[dict[str, Any]] = []
    for slide in prs.slides:
        shapes: list[dict[str, Any]] = []
        for shape in slide.shapes:
            entry: dict[str, Any] = {"name": shape.name}
            if shape.is_placeholder:
                entry["placeholder"] = str(_ph_type(shape)).split(".")[-1].split(" ")[0]
            if shape.has_text_frame:
                entry["text"] = shape.text_frame.text
            if shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
                entry["descr"] = shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
            shapes.append(entry)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"layout": slide.slide_layout.name, "shapes": shapes, "notes": notes})
    return out
