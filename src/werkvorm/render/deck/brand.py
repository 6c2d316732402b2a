"""The client's look on a deck: brand colours in the theme, the logo on the master.

The default template's colours are theme colours (accent 1 and dark 2), so writing the
brand into the theme recolours every band, title and bullet at once, and a trainer who
edits the deck keeps the brand. The logo goes onto the slide master (and onto layouts
that hide the master's shapes), so every slide carries it and no slide can lose it.
"""

from __future__ import annotations

import re
from typing import Any

from werkvorm.render.deck import _oxml
from werkvorm.session import Session

LOGO_HEIGHT_IN = 0.55
LOGO_MAX_WIDTH_IN = 1.8
MARGIN_IN = 0.3
_EMU = 914400
LANGUAGES = {"nl": "nl-NL", "nl-BE": "nl-BE", "en": "en-GB"}


def language_tag(session: Session) -> str:
    """The BCP 47 tag every text run carries: nl-NL, nl-BE or en-GB."""
    return LANGUAGES.get(session.locale) or LANGUAGES.get(session.language, "en-GB")


def theme_colours(prs: Any, session: Session) -> None:
    """Brand colours into the theme of every master (the default template only)."""
    b = session.branding
    colours = {
        "accent1": b.primary,
        "accent2": b.accent,
        "dk2": b.text,
        "hlink": b.text,
    }
    for master in prs.slide_masters:
        xml = _oxml.theme_xml(master)
        if not xml:
            continue
        for name, value in colours.items():
            hexa = value.lstrip("#").upper()
            if re.fullmatch(r"[0-9A-F]{6}", hexa):
                xml = re.sub(
                    rf"<a:{name}>.*?</a:{name}>",
                    f'<a:{name}><a:srgbClr val="{hexa}"/></a:{name}>',
                    xml,
                    flags=re.S,
                )
        _oxml.set_theme_xml(master, xml)


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


def _logo_box(path: str, prs: Any) -> tuple[int, int, int, int]:
    """Bottom right, clear of the master's slide number and footer."""
    from PIL import Image

    with Image.open(path) as im:
        iw, ih = im.size
    height = int(LOGO_HEIGHT_IN * _EMU)
    width = int(height * iw / max(ih, 1))
    if width > LOGO_MAX_WIDTH_IN * _EMU:
        width = int(LOGO_MAX_WIDTH_IN * _EMU)
        height = int(width * ih / max(iw, 1))
    margin = int(MARGIN_IN * _EMU)
    sw, sh = int(prs.slide_width), int(prs.slide_height)
    box = (sw - margin - width, sh - margin - height, width, height)
    chrome = [
        (int(ph.left or 0), int(ph.top or 0), int(ph.width or 0), int(ph.height or 0))
        for ph in prs.slide_master.placeholders
        if "SLIDE_NUMBER" in str(ph.placeholder_format.type)
        or "FOOTER" in str(ph.placeholder_format.type)
    ]
    for other in chrome:
        if _overlaps(box, other):  # move up, above the footer row
            box = (box[0], max(margin, other[1] - height - margin // 2), width, height)
    return box


def place_logo(prs: Any, session: Session) -> None:
    """The logo top right on every master, and on each layout that hides its master."""
    path = session.branding.logo
    box = _logo_box(path, prs)
    name = f"Logo: {session.client or 'logo'}"[:60]
    for master in prs.slide_masters:
        _oxml.add_picture_to(master, path, box, name)
        for layout in master.slide_layouts:
            if _oxml.hides_master_shapes(layout):
                _oxml.add_picture_to(layout, path, box, name)


def tag_language(prs: Any, lang: str) -> None:
    """Every run on every slide and in every speaker note carries the session's language."""
    for slide in prs.slides:
        _oxml.set_language(slide, lang)
        if slide.has_notes_slide:
            _oxml.set_language(slide.notes_slide, lang)
