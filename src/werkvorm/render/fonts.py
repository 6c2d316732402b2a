"""Fonts for names: how wide a name sets, and whether every letter of it can print.

The bundled Source Sans 3 covers Latin, Greek and Cyrillic only partly and no CJK,
Arabic or Hebrew. WeasyPrint (Pango) falls back to any installed font that has the
glyphs (fontconfig); when none has them it prints empty boxes. ``missing_glyph_warnings``
finds those names before anything is printed and says which package to install.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from werkvorm.render.paper import MM
from werkvorm.resources import builtin_templates

_FILES = {
    400: "SourceSans3_400Regular.ttf",
    600: "SourceSans3_600SemiBold.ttf",
    700: "SourceSans3_700Bold.ttf",
}

# The system package that brings the glyphs, by the first word of a letter's Unicode name.
_PACKAGES = {
    "CJK": "fonts-noto-cjk",
    "HIRAGANA": "fonts-noto-cjk",
    "KATAKANA": "fonts-noto-cjk",
    "HANGUL": "fonts-noto-cjk",
    "BOPOMOFO": "fonts-noto-cjk",
    "IDEOGRAPHIC": "fonts-noto-cjk",
}
_DEFAULT_PACKAGE = "fonts-noto-core"
_WIDE = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "FULLWIDTH")


@lru_cache(maxsize=4)
def _font(weight: int) -> tuple[dict[int, int], int]:
    """The bundled font's advance widths by code point, and its units per em."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(builtin_templates() / "fonts" / _FILES[weight])) as font:
        hmtx = font["hmtx"]
        widths = {code: hmtx[glyph][0] for code, glyph in font.getBestCmap().items()}
        return widths, int(font["head"].unitsPerEm)


def bundled_covers(char: str) -> bool:
    """Source Sans 3 has a glyph for ``char``."""
    return ord(char) in _font(400)[0]


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def text_width(text: str, size: float, weight: int = 400) -> float:
    """The advance width of ``text`` in points at ``size`` pt (fallback letters estimated)."""
    widths, upem = _font(weight if weight in _FILES else 400)
    units = 0.0
    for char in text:
        width = widths.get(ord(char))
        if width is not None:
            units += width
        else:
            units += upem * (1.0 if _script(char) in _WIDE else 0.62)
    return units * size / upem


def fit_size(
    text: str, width_mm: float, largest: float, smallest: float, weight: int = 400
) -> float:
    """The largest size (pt, in half points) at which ``text`` fits ``width_mm`` on one
    line; ``smallest`` when it does not fit even then (the template then wraps it)."""
    room = width_mm * MM
    size = largest
    while size > smallest and text_width(text, size, weight) > room:
        size -= 0.5
    return size


def fits(text: str, width_mm: float, size: float, weight: int = 400) -> bool:
    return text_width(text, size, weight) <= width_mm * MM


def direction(text: str) -> str:
    """'rtl' when the first strong letter of ``text`` is right-to-left, else 'ltr'."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@lru_cache(maxsize=1)
def _installed_ranges() -> list[tuple[int, int]] | None:
    """Every code point range some installed font covers (one fontconfig call, merged)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run(
            [fc_list, "--format", "%{charset}\\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges: set[tuple[int, int]] = set()
    for token in listing.split():
        first, _, last = token.partition("-")
        try:
            ranges.add((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def system_covers(char: str) -> bool | None:
    """An installed font has ``char`` (fontconfig); None when that cannot be asked."""
    ranges = _installed_ranges()
    if ranges is None:
        return None
    index = bisect.bisect_right(ranges, (ord(char), 0x10FFFF)) - 1
    return index >= 0 and ranges[index][0] <= ord(char) <= ranges[index][1]


def unprintable(text: str) -> list[str]:
    """The letters of ``text`` that no font, bundled or installed, can draw."""
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs"):
            continue
        if bundled_covers(char) or system_covers(char) is not False:
            continue
        missing.append(char)
    return missing


def package_for(chars: Iterable[str]) -> str:
    """The Debian/Ubuntu package with a font for these letters."""
    for char in chars:
        if _script(char) in _PACKAGES:
            return _PACKAGES[_script(char)]
        if unicodedata.category(char) == "So":
            return "fonts-noto-color-emoji"
    return _DEFAULT_PACKAGE


def missing_glyph_warnings(names: Iterable[str]) -> list[str]:
    """One warning per name that would print as empty boxes, naming the package to install.

    ``check`` and ``build`` call this with the participants' names (and organisations).
    """
    warnings: list[str] = []
    for name in dict.fromkeys(names):
        missing = unprintable(name)
        if missing:
            letters = " ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
            warnings.append(
                f"'{name}' would print as empty boxes: no installed font has {letters}; "
                f"install a font that has them (on Debian/Ubuntu: apt install "
                f"{package_for(missing)}) and build again"
            )
    return warnings
