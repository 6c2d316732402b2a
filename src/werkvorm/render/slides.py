"""``slides.pdf``: the deck's slides three to a page (two on A5), with lines for notes beside
each.

The slides are the deck itself: LibreOffice converts the deck (``deck.rendering``) and
each slide's page is placed, as vector art, into its frame on the handout page, which
Jinja2 and WeasyPrint draw (running head, section headings, frames, note lines). Where
LibreOffice is missing, the build says so and the frames show the slides drawn from the
data the deck writer recorded (``DeckReport.slides``) instead.

What participants do not need on paper is left out: the programme repeated before each
block, break slides and the closing slide. A section slide becomes a thin heading over
the slides of its block. Frames sit at the same place on every page, computed here in
millimetres, so the slide pages land exactly in them.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from werkvorm.compose.session import Session
from werkvorm.render import html
from werkvorm.render.documents import allowed_folders
from werkvorm.render.paper import MM, paper
from werkvorm.resources import builtin_templates

PER_PAGE = 3  # A4 and Letter; A5 takes two, so a mini-slide stays readable (83 mm wide)
PER_PAGE_A5 = 2
LEFT_OUT = ("break", "closing")  # and repeated agendas (role "agenda")
LINE_MM = 8.0


@dataclass(frozen=True)
class Grid:
    """Where things go on a handout page, in millimetres from the top left."""

    page_w: float
    page_h: float
    margin: float
    head_top: float
    head_h: float
    slot_top: float
    slot_h: float
    heading_h: float
    slide_w: float
    slide_h: float
    per_page: int = PER_PAGE

    def frame(self, k: int) -> tuple[float, float]:
        """The top left corner of the ``k``-th frame on a page."""
        return self.margin, self.slot_top + k * self.slot_h + self.heading_h


def grid(paper_key: str, ratio: float) -> Grid:
    """The page grid for a paper size and a slide's height / width."""
    p = paper(paper_key)
    small = p.width <= 160
    per_page = PER_PAGE_A5 if small else PER_PAGE
    margin = 11.0 if small else 14.0
    head_top, head_h = 10.0, 8.0
    slot_top = head_top + head_h + 4.0
    slot_h = (p.height - slot_top - 8.0) / per_page
    heading_h = 6.0
    width = (p.width - 2 * margin) * (0.66 if small else 0.6)
    height = width * ratio
    room = slot_h - heading_h - 4.0
    if height > room:
        width, height = room / ratio, room
    return Grid(
        p.width,
        p.height,
        margin,
        head_top,
        head_h,
        slot_top,
        slot_h,
        heading_h,
        width,
        height,
        per_page,
    )


def page_sizes(count: int, per_page: int) -> list[int]:
    """How many slides each page holds: full pages, except that a last page with one lone
    slide is avoided by ending on two pages of two (25 slides: 3 × 7, 2, 2)."""
    sizes = [per_page] * (count // per_page) + ([count % per_page] if count % per_page else [])
    if per_page == 3 and len(sizes) > 1 and sizes[-1] == 1:
        sizes[-2:] = [2, 2]
    return sizes


HEAD_PT = 9.0  # the running head's size (slides.css)
HEAD_GAP_MM = 4.0
LOGO_H_MM, LOGO_MAX_MM = 6.0, 26.0


def _logo_width(logo: str) -> float:
    """The running head's logo width in mm (6 mm high, at most 26 mm wide)."""
    if not logo:
        return 0.0
    try:
        from PIL import Image

        with Image.open(logo) as im:
            w, h = im.size
    except (OSError, ValueError):
        return LOGO_MAX_MM
    return min(LOGO_MAX_MM, LOGO_H_MM * w / max(h, 1))


def head_title(title: str, meta: str, logo: str, measure_mm: float) -> str:
    """The title for the running head: whole when it fits beside the meta line and the
    logo, else cut after the last word that fits, with "…" (never mid-word)."""
    from werkvorm.render.textfit import Measure

    m = Measure("Source Sans 3")
    room = measure_mm - m.width(" ".join(meta.split()), HEAD_PT) / MM - HEAD_GAP_MM
    logo_mm = _logo_width(logo)
    if logo_mm:
        room -= logo_mm + HEAD_GAP_MM
    room_pt = room * MM * 0.97  # a little slack for kerning and rounding
    title = " ".join(title.split())
    if m.width(title, HEAD_PT, bold=True) <= room_pt:
        return title
    words = title.split(" ")
    while len(words) > 1:
        words.pop()
        cut = " ".join(words).rstrip(",:;·–-") + "…"
        if m.width(cut, HEAD_PT, bold=True) <= room_pt:
            return cut
    return words[0] + "…" if words else ""


def handout_cards(slides: list[Any]) -> list[dict[str, Any]]:
    """The slides participants get on paper, each with its deck number and the heading
    of the section it opens (a section slide itself is only that heading)."""
    cards: list[dict[str, Any]] = []
    heading = ""
    for number, card in enumerate(slides, 1):
        if card.kind == "section":
            heading = card.title
            continue
        if card.kind in LEFT_OUT or card.role == "agenda":
            continue
        cards.append({**asdict(card), "number": number, "heading": heading})
        heading = ""
    return cards


def _pages(cards: list[dict[str, Any]], g: Grid) -> list[list[dict[str, Any]]]:
    pages, at = [], 0
    for size in page_sizes(len(cards), g.per_page):
        pages.append(cards[at : at + size])
        at += size
    # beside the slide; on a page of two, down the whole slot (room to write)
    tall = g.slot_h - 6.0 if g.per_page < PER_PAGE else g.slide_h + g.heading_h
    lines = max(1, int(tall // LINE_MM))
    for page in pages:
        for k, card in enumerate(page):
            x, y = g.frame(k)
            card.update(x=x, y=y, note_lines=lines, lines_top=y - g.heading_h + 2)
    return pages


def slides_html(
    session: Session,
    templates: Path | None = None,
    *,
    rendered: bool = False,
    report: Any = None,
) -> str:
    """The handout page by page; ``rendered``: empty frames for the real slides."""
    from werkvorm.render.deck import build_deck
    from werkvorm.render.deck.brand import language_tag

    if report is None:
        _, report = build_deck(session)
    width, height = (int(x) for x in report.ratio.split(" / "))
    g = grid(session.paper, height / width)
    pages = _pages(handout_cards(report.slides), g)
    return html.render(
        "slides.html.j2",
        session,
        project_templates=templates,
        preview=False,
        extra={
            "pages": pages,
            "g": g,
            "rendered": rendered,
            "lang": language_tag(session),
            "head_logo_mm": round(_logo_width(session.branding.logo), 2),
            "head_title": head_title(
                session.title,
                " · ".join(p for p in (session.labels["slides_handout"], session.client) if p),
                session.branding.logo,
                g.page_w - 2 * g.margin,
            ),
        },
    )


def _place_slides(handout: bytes, deck: bytes, pages: list[list[int]], g: Grid) -> bytes:
    """Each slide's page from LibreOffice's PDF into its frame, as vector art (a form
    XObject with a fixed name, so the same deck gives the same bytes)."""
    import pikepdf

    from werkvorm.render.personal import save_pdf

    out = pikepdf.open(io.BytesIO(handout))
    source = pikepdf.open(io.BytesIO(deck))
    for n, (page, numbers) in enumerate(zip(out.pages, pages, strict=True)):
        ops = []
        if pikepdf.Name.Resources not in page.obj:
            page.obj[pikepdf.Name.Resources] = pikepdf.Dictionary()
        resources = page.obj[pikepdf.Name.Resources]
        if pikepdf.Name.XObject not in resources:
            resources[pikepdf.Name.XObject] = pikepdf.Dictionary()
        xobjects = resources[pikepdf.Name.XObject]
        for k, number in enumerate(numbers):
            slide = source.pages[number - 1]
            x0, y0, x1, _ = (float(v) for v in slide.mediabox)
            scale = g.slide_w * MM / (x1 - x0)
            x, y = g.frame(k)
            left, bottom = x * MM, (g.page_h - y - g.slide_h) * MM
            name = f"/Slide{n}_{k}"  # unique: pages may share one resource dictionary
            xobjects[pikepdf.Name(name)] = out.copy_foreign(slide.as_form_xobject())
            ops.append(
                f"q {scale:.6f} 0 0 {scale:.6f} {left - x0 * scale:.4f} "
                f"{bottom - y0 * scale:.4f} cm {name} Do Q"
            )
        page.contents_add(out.make_stream(b"q\n"), prepend=True)
        page.contents_add(out.make_stream(("Q\n" + "\n".join(ops) + "\n").encode()))
    return save_pdf(out)


def slides_pdf(
    session: Session,
    templates: Path | None = None,
    *,
    findings: list[str] | None = None,
) -> bytes:
    """slides.pdf: the real slides where LibreOffice can draw them, else drawn here
    (and a line in ``findings`` that says why)."""
    from werkvorm.render.deck import build_deck
    from werkvorm.render.deck.rendering import deck_pdf
    from werkvorm.render.pdf import render_pdf

    deck, report = build_deck(session)
    drawn = deck_pdf(deck)
    count = _page_count(drawn.pdf) if drawn.pdf else 0
    real = bool(drawn.pdf) and count == len(report.slides)
    if not real and findings is not None:
        why = drawn.reason or "LibreOffice drew a different number of slides"
        findings.append(
            f"slides.pdf: {why}, so the slides are redrawn, not the deck itself: "
            "install LibreOffice (Impress) for the real slides"
        )
    markup = slides_html(session, templates, rendered=real, report=report)
    handout = render_pdf(
        markup,
        base_url=builtin_templates(),
        allowed=allowed_folders(session, templates),
        name=f"slides for {session.workshop}",
    )
    if not real:
        return handout
    width, height = (int(x) for x in report.ratio.split(" / "))
    g = grid(session.paper, height / width)
    numbers = [[c["number"] for c in page] for page in _pages(handout_cards(report.slides), g)]
    return _place_slides(handout, drawn.pdf, numbers, g)


def _page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)
