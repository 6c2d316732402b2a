"""Build one deck: open the template, brand it, write the slides, save reproducibly."""

from __future__ import annotations

from pathlib import Path

from werkvorm.compose.session import Session
from werkvorm.errors import display_path
from werkvorm.render.deck import _oxml, brand, hyphens, template
from werkvorm.render.deck.canvas import DeckReport
from werkvorm.render.deck.layouts import choose_layouts
from werkvorm.render.deck.writer import DeckWriter


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
    used = list({id(li.layout): li.layout for li in choice.by_kind.values()}.values())
    wanted = brand.wants_logo(prs, session)
    logo = brand.place_logo(prs, session, used) if wanted else None
    writer = DeckWriter(session, prs, choice, branded=branded)
    writer.logo = logo
    if wanted and logo is None:
        writer.note(brand.tall_logo_note(session))
    if logo is not None:
        for name in brand.covered_layouts(used, logo):
            writer.note(
                f"the logo would cover text on the template's layout '{name}': "
                "set deck_logo: never, or add the logo to the template yourself"
            )
    with _oxml.quick_partnames(prs):
        writer.write()
    hyphens.keep_compounds(prs)  # "flip-over" never breaks at its hyphen
    brand.tag_language(prs, brand.language_tag(session))
    _oxml.deck_in_schema_order(prs)
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
