"""``slides.pdf``: the deck's slides three to a page, with lines for notes beside each.

Drawn from the slide data the deck writer records (``DeckReport.slides``), so the
handout shows exactly what the projector shows, through Jinja2 and the PDF renderer:
no LibreOffice needed, in the session's language and branding.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from werkvorm.compose.session import Session
from werkvorm.render import html
from werkvorm.render.documents import allowed_folders
from werkvorm.resources import builtin_templates

PER_PAGE = 3
SLIDE_WIDTH_MM = 98  # as in slides.css


def slides_html(session: Session, templates: Path | None = None) -> str:
    from werkvorm.render.deck import build_deck
    from werkvorm.render.deck.brand import language_tag

    _, report = build_deck(session)
    cards = [{**asdict(c), "number": n} for n, c in enumerate(report.slides, 1)]
    width, height = (int(x) for x in report.ratio.split(" / "))
    height_mm = round(SLIDE_WIDTH_MM * height / width, 1)
    pages = [cards[i : i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)]
    return html.render(
        "slides.html.j2",
        session,
        project_templates=templates,
        preview=False,
        extra={"pages": pages, "height_mm": height_mm, "lang": language_tag(session)},
    )


def slides_pdf(session: Session, templates: Path | None = None) -> bytes:
    from werkvorm.render.pdf import render_pdf

    return render_pdf(
        slides_html(session, templates),
        base_url=builtin_templates(),
        allowed=allowed_folders(session, templates),
        name=f"slides for {session.workshop}",
    )
