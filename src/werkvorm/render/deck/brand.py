"""The client's look on a deck: brand colours in the theme, the logo on the master.

The default template's colours are theme colours (accent 1 and dark 2), so writing the
brand into the theme recolours every band, title and bullet at once, and a trainer who
edits the deck keeps the brand. The logo goes onto the slide master (and onto layouts
that hide the master's shapes), so every slide carries it and no slide can lose it.
"""

from __future__ import annotations

import re
from typing import Any

from werkvorm.compose.session import Session
from werkvorm.render.deck import _oxml

LOGO_HEIGHT_IN = 0.55
LOGO_MAX_WIDTH_IN = 1.8
MARGIN_IN = 0.3
MIN_WIDTH_MM = 12  # narrower than this a logo is a sliver, not a logo
_EMU = 914400
NO_LOGO = {"werkvorm break"}
LANGUAGES = {"nl": "nl-NL", "nl-BE": "nl-BE", "en": "en-GB"}


def language_tag(session: Session) -> str:
    """The BCP 47 tag every text run carries: nl-NL, nl-BE or en-GB."""
    return LANGUAGES.get(session.locale) or LANGUAGES.get(session.language, "en-GB")


DARK_NEUTRAL = "1F2328"  # text and marks when the brand colour is too pale to read
PALE = 3.0  # a brand colour under this contrast on white is a fill, never text


def theme_roles(session: Session) -> dict[str, str]:
    """The default template's colour slots for a brand (see tools/make_deck_template.py):
    a pale brand colour fills the bands with dark text on them, and never colours text,
    bullets or rules; a dark one is used as it is, with white text on its bands."""
    from werkvorm.compose.colours import contrast

    b = session.branding
    primary = "#" + b.primary.lstrip("#")
    pale = contrast(primary) < PALE
    on_fill = (
        "FFFFFF"
        if contrast(primary, "#ffffff") >= contrast(primary, "#" + DARK_NEUTRAL)
        else DARK_NEUTRAL
    )
    text = DARK_NEUTRAL if pale else b.text
    roles = {
        "dk2": text,
        "accent1": text if pale else b.primary,
        "accent2": b.accent if contrast("#" + b.accent.lstrip("#")) >= PALE else text,
        "accent5": b.primary,
        "accent6": on_fill,
        "hlink": text,
    }
    if pale:
        roles["lt2"] = b.primary  # the exercise card in the brand colour, dark text on it
    clean = {k: v.lstrip("#").upper() for k, v in roles.items()}
    return {k: v for k, v in clean.items() if re.fullmatch(r"[0-9A-F]{6}", v)}


def theme_colours(prs: Any, session: Session) -> None:
    """Brand colours into the theme of every master (the default template only)."""
    roles = theme_roles(session)
    for master in prs.slide_masters:
        _oxml.set_theme_colours(master, roles)


def template_has_logo(prs: Any) -> bool:
    """Whether the template draws a picture of its own on a master or layout."""
    for master in prs.slide_masters:
        if _oxml.carries_picture(master):
            return True
        if any(_oxml.carries_picture(layout) for layout in master.slide_layouts):
            return True
    return False


def wants_logo(prs: Any, session: Session) -> bool:
    if not session.branding.logo or session.deck_logo == "never":
        return False
    return session.deck_logo == "always" or not template_has_logo(prs)


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _box(ph: Any) -> tuple[int, int, int, int]:
    return (int(ph.left or 0), int(ph.top or 0), int(ph.width or 0), int(ph.height or 0))


def _obstacles(prs: Any, layouts: list[Any]) -> list[tuple[int, int, int, int]]:
    """What a logo must not cover: the text placeholders of the layouts in use, and the
    master's footer and slide number (the date is never filled)."""
    from werkvorm.render.deck.layouts import CHROME, ph_type

    boxes = [
        _box(ph)
        for ph in prs.slide_master.placeholders
        if "SLIDE_NUMBER" in str(ph_type(ph)) or "FOOTER" in str(ph_type(ph))
    ]
    for layout in layouts:
        boxes += [_box(ph) for ph in layout.placeholders if ph_type(ph) not in CHROME]
    return boxes


def _logo_box(path: str, prs: Any, layouts: list[Any]) -> tuple[int, int, int, int] | None:
    """The first free corner (bottom right, bottom left, top right, top left), at full size
    or smaller, never under 12 mm wide (a tall logo grows taller instead); bottom right when
    no corner is free (``check`` then warns), or None for a tall logo that fits nowhere at
    12 mm wide (the deck leaves it off and ``check`` says why)."""

    iw, ih = _oxml.picture_size(path)
    sw, sh = int(prs.slide_width), int(prs.slide_height)
    obstacles = _obstacles(prs, layouts)
    least = int(MIN_WIDTH_MM / 25.4 * _EMU)
    first: tuple[int, int, int, int] | None = None
    for scale in (1.0, 0.75, 0.55):
        height = int(LOGO_HEIGHT_IN * _EMU * scale)
        width = int(height * iw / max(ih, 1))
        if width > LOGO_MAX_WIDTH_IN * _EMU * scale:
            width = int(LOGO_MAX_WIDTH_IN * _EMU * scale)
            height = int(width * ih / max(iw, 1))
        if width < least:  # a tall logo: 12 mm wide, as tall as that makes it
            width, height = least, int(least * ih / max(iw, 1))
        margin = int(MARGIN_IN * _EMU * scale)
        corners = [
            (sw - margin - width, sh - margin - height),
            (margin, sh - margin - height),
            (sw - margin - width, margin),
            (margin, margin),
        ]
        for x, y in corners:
            box = (x, y, width, height)
            first = first or box
            fits = y >= 0 and y + height <= sh
            if fits and not any(_overlaps(box, other) for other in obstacles):
                return box
    assert first is not None
    return None if first[2] <= least else first


def tall_logo_note(session: Session) -> str:
    """Why a tall logo is not on the slides, and what to do (for ``check``)."""
    iw, ih = _oxml.picture_size(session.branding.logo)
    return (
        f"the logo is taller than wide ({iw}×{ih} px): on the slides it would be under "
        f"{MIN_WIDTH_MM} mm wide or cover text, so the deck leaves it off; ask the client "
        "for a wide version of the logo, or add it to the template yourself"
    )


def place_logo(prs: Any, session: Session, layouts: list[Any]) -> tuple[int, int, int, int] | None:
    """The logo bottom right on every master, and on each layout that hides its master;
    the box it takes, or None when a tall logo has no place 12 mm wide."""
    path = session.branding.logo
    box = _logo_box(path, prs, layouts)
    if box is None:
        return None
    name = f"Logo: {session.client or 'logo'}"[:60]
    for master in prs.slide_masters:
        _oxml.add_picture_to(master, path, box, name)
        for layout in master.slide_layouts:
            if layout.name in NO_LOGO:  # a full-colour slide: the logo would vanish
                continue
            if _oxml.hides_master_shapes(layout):
                _oxml.add_picture_to(layout, path, box, name)
    return box


def covered_layouts(layouts: list[Any], box: tuple[int, int, int, int]) -> list[str]:
    """The layouts whose text placeholders the logo box would cover."""
    from werkvorm.render.deck.layouts import CHROME, ph_type

    names = []
    for layout in layouts:
        for ph in layout.placeholders:
            if ph_type(ph) in CHROME:
                continue
            other = (int(ph.left or 0), int(ph.top or 0), int(ph.width or 0), int(ph.height or 0))
            if _overlaps(box, other) and layout.name not in names:
                names.append(layout.name)
    return names


def tag_language(prs: Any, lang: str) -> None:
    """Every run on every slide and in every speaker note carries the session's language."""
    for slide in prs.slides:
        _oxml.set_language(slide, lang)
        if slide.has_notes_slide:
            _oxml.set_language(slide.notes_slide, lang)
