"""Will this text fit this box? Measured with real font metrics, wrapped word by word.

PowerPoint's autofit acts only after an edit and LibreOffice ignores it, so the deck is
sized when it is written. Widths come from the bundled Source Sans 3 (the default
template's font); for a client template's own font, which werkvorm does not have, the
same metrics are widened by a safety margin (the widest common font, or the fallback
LibreOffice draws when the font is missing), so text errs towards fitting.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from werkvorm.resources import builtin_templates

_FONTS = {False: "SourceSans3_400Regular.ttf", True: "SourceSans3_700Bold.ttf"}
_UNITS = 1000  # measure at 1000 px and scale: TrueType advances scale linearly
# Any other font is measured 25 % wider than Source Sans 3: Arial is about 10 % wider,
# Georgia 15 %, Montserrat and LibreOffice's fallback DejaVu 22-25 %.
UNKNOWN_FONT_WIDENING = 1.25
LINE_HEIGHT = 1.2  # of the font size
PARAGRAPH_GAP = 0.2  # space before a paragraph, of the font size
INSET_X_PT = 14.4  # python-pptx's default text frame insets: 0.1 in left and right
INSET_Y_PT = 7.2  # 0.05 in top and bottom


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(builtin_templates() / "fonts" / _FONTS[bold]), _UNITS)


class Measure:
    """Text widths in points for one deck's font."""

    def __init__(self, typeface: str) -> None:
        known = typeface.strip().lower() in ("source sans 3", "source sans pro", "+mn-lt", "+mj-lt")
        self.widening = 1.0 if known else UNKNOWN_FONT_WIDENING

    @lru_cache(maxsize=4096)  # noqa: B019 - one Measure per deck, short-lived
    def _advance(self, word: str, bold: bool) -> float:
        return float(_font(bold).getlength(word)) / _UNITS * self.widening

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The width of ``text`` on one line at ``size``, in points."""
        return self._advance(" ".join(text.split()), bold) * size  # one line: no newlines

    def lines(self, text: str, size: float, width_pt: float, bold: bool = False) -> int:
        """How many lines ``text`` wraps to at ``size`` points in ``width_pt``; a newline
        in it (a title written over two lines) starts a line."""
        if "\n" in text:
            return sum(self.lines(part, size, width_pt, bold) for part in text.split("\n"))
        space = self._advance(" ", bold) * size
        count, used = 1, 0.0
        for word in text.strip().split(" "):  # runs of spaces are drawn, so measured
            w = self._advance(word, bold) * size
            if used and used + space + w > width_pt:
                count += 1
                used = 0.0
            while w > width_pt:  # a word longer than the line breaks where it must
                count += 1
                w -= width_pt
            used += (space if used else 0) + w
        return count

    def fit(
        self,
        paragraphs: list[str],
        width: float,
        height: float,
        largest: int,
        smallest: int,
        *,
        bold: bool = False,
        indent_pt: float = 0.0,
    ) -> int | None:
        """The largest even size from ``largest`` down to ``smallest`` at which the
        paragraphs fit a box of ``width`` x ``height`` points, or None."""
        usable_w = width - INSET_X_PT - indent_pt
        usable_h = (height - INSET_Y_PT) * 0.95  # a little room for rounding in renderers
        for size in range(largest, smallest - 1, -2):
            lines = (
                sum(self.lines(p, size, usable_w, bold) for p in paragraphs) if paragraphs else 0
            )
            needed = lines * size * LINE_HEIGHT + max(0, len(paragraphs) - 1) * size * PARAGRAPH_GAP
            if needed <= usable_h:
                return size
        return None
