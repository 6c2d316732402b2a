"""Short hyphenated compounds never break at their hyphen on a slide.

A slide is measured in Source Sans 3 but may be drawn in a wider stand-in (LibreOffice's
DejaVu Sans where Source Sans 3 is not installed), so "flip-over" at the end of a line
broke as "flip-" / "over". On the slides the hyphen of a short compound ("flip-over",
"e-mail", "open-source": one hyphen between two words of at most six letters, or one of
one or two letters, "e-mailadres") becomes U+2011 NON-BREAKING HYPHEN: the same glyph,
and no line break at it in PowerPoint or LibreOffice. Never in a range ("10-12"), a
chain ("state-of-the-art"), a web or e-mail address ("my-site.org"), nor in the speaker
notes, which the presenter copies from.

Only when every typeface the deck can be drawn in is known to carry U+2011 (checked
with fontTools in the tests): werkvorm's own template (Source Sans 3, its stand-ins
DejaVu Sans and Liberation Sans have it too). A client template's fonts are not here to
be checked (Georgia, Montserrat, Calibri, whose stand-in Carlito lacks the glyph), so
its slides keep the hyphen as typed: a box or another font's hyphen would be worse than
a break.
"""

from __future__ import annotations

import re
from typing import Any

from werkvorm.render.deck import _oxml

NB_HYPHEN = "\u2011"
SHORT = 6  # letters: each word of a compound that must not break
TINY = 2  # letters: one word this short is never left alone at a line's end or start
# Fonts that carry U+2011 (tests/test_deck_hyphens.py checks the files with fontTools).
CARRY_NB_HYPHEN = frozenset(
    {"source sans 3", "dejavu sans", "dejavu serif", "liberation sans", "liberation serif"}
)
_COMPOUND = re.compile(r"(?<![\w\-\u2011./@:])([^\W\d_]+)-([^\W\d_]+)(?![\w\-\u2011]|[./@:]\w)")


def _keep(match: re.Match[str]) -> str:
    a, b = match.group(1), match.group(2)
    short = len(a) <= SHORT and len(b) <= SHORT
    return f"{a}{NB_HYPHEN}{b}" if short or min(len(a), len(b)) <= TINY else match.group(0)


def keep_together(text: str) -> str:
    """``text`` with the hyphen of each short compound made non-breaking."""
    return _COMPOUND.sub(_keep, text) if "-" in text else text


def safe(prs: Any) -> bool:
    """Whether every typeface the deck names carries U+2011."""
    fonts = _oxml.latin_typefaces(prs)
    return bool(fonts) and all(f.strip().lower() in CARRY_NB_HYPHEN for f in fonts)


def keep_compounds(prs: Any) -> int:
    """Short compounds on every slide joined by U+2011 where the fonts carry it; how
    many text runs changed."""
    if not safe(prs):
        return 0
    changed = 0
    for node in _oxml.slide_text_nodes(prs):
        text = node.text or ""
        kept = keep_together(text)
        if kept != text:
            node.text = kept
            changed += 1
    return changed
