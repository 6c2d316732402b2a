"""Build one deck: open the template, brand it, write the slides, save reproducibly."""

from __future__ import annotations

from pathlib import Path

from werkvorm.errors import display_path
from werkvorm.render.deck import _oxml, brand, template
from werkvorm.render.deck.canvas import DeckReport
from werkvorm.render.deck.layouts import choose_layouts
from werkvorm.render.deck.writer import DeckWriter
from werkvorm.session import Session


def build_deck(session: Session) -> tuple[bytes, DeckReport]:
    """The deck's bytes and what had to be adapted (for ``check``)."""
    _oxml.speed_up()
    path = Path(session.deck_template) if session.deck_template else template.default_template()
    branded = not session.deck_template
    prs = template.open_template(path)
    template.sanitise(prs)
    choice = choose_layouts(prs, session.layouts, display_path(path))
    if branded:
        brand.theme_colours(prs, session)
    if brand.wants_logo(prs, session):
        brand.place_logo(prs, session)
    writer = DeckWriter(session, prs, choice, branded=branded)
    writer.write()
    brand.tag_language(prs, brand.language_tag(session))
    template.set_metadata(
        prs,
        session.title,
        session.facilitator,
        session.client,
        brand.language_tag(session),
    )
    return template.save(prs), writer.report


def render_deck(session: Session) -> bytes:
    return build_deck(session)[0]
