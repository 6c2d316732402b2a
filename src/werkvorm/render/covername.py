"""The participant's name on a personal handout's cover (name-overlay.html.j2).

One line at 15 pt, smaller as the name is longer, but not below 12 pt: a longer name
is set on two lines of about equal length, as large as the 10 mm under the field's label
allows, before a single line shrinks further (to 9 pt, as the native markup does). A
surname written with a hyphen ("Wateringen-Oppenheimer") never breaks at it: the lines
break between words only.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkvorm.render.fonts import fit_size, fits, text_width
from werkvorm.render.paper import MM

LARGEST, ONE_LINE_SMALLEST = 15.0, 12.0  # pt: one line
TWO_LINES_LARGEST, TWO_LINES_SMALLEST = 13.0, 11.0  # pt: two lines, under the label
TWO_LINE_HEIGHT = 1.0  # of the size: the two lines close together, one name
WEIGHT = 600  # name.css .nm


@dataclass(frozen=True)
class CoverName:
    size: float  # pt
    lines: tuple[str, ...]  # one, or two of about equal length


def _halves(name: str) -> tuple[str, str] | None:
    """``name`` in two lines between words, the longer as short as can be; never after a
    particle ("van", "der", "de", "bin": a word in lower case), which stays with the
    surname it belongs to."""
    words = name.split()
    cuts = [n for n in range(1, len(words)) if not words[n - 1].islower()]
    if not cuts:
        cuts = list(range(1, len(words)))
    if not cuts:
        return None
    halves = [(" ".join(words[:n]), " ".join(words[n:])) for n in cuts]
    return min(halves, key=lambda c: max(text_width(part, 1, WEIGHT) for part in c))


def cover_name(name: str, measure_mm: float) -> CoverName | None:
    """The name's size and lines on the cover, or None when even one line at the
    smallest size is too long (the template then wraps it at 7.5 pt)."""
    one = fit_size(name, measure_mm, LARGEST, ONE_LINE_SMALLEST, WEIGHT)
    if fits(name, measure_mm, one, WEIGHT):
        return CoverName(one, (name,))
    halves = _halves(name)
    if halves is not None:
        longer = max(halves, key=lambda part: text_width(part, 1, WEIGHT))
        two = fit_size(longer, measure_mm, TWO_LINES_LARGEST, TWO_LINES_SMALLEST, WEIGHT)
        if fits(longer, measure_mm, two, WEIGHT):
            return CoverName(two, halves)
    small = fit_size(name, measure_mm, ONE_LINE_SMALLEST, 9, WEIGHT)
    return CoverName(small, (name,)) if fits(name, measure_mm, small, WEIGHT) else None


def padding_mm(name: CoverName, field_mm: float = 13.8) -> float:
    """The space above the name in its band: its last line's baseline lands where a
    one-line name's does (a line box 1.15 x its size high whose bottom is 1.2 mm above
    the field's foot, ``field_mm`` below the band's top)."""
    size_mm = name.size / MM
    if len(name.lines) == 1:
        return field_mm - 1.15 * size_mm
    # the baseline sits (height - 0.624) / 2 of the size above its line box's bottom
    # (Source Sans 3: ascent 1.024, descent 0.4): lower the lines by the difference
    lower = ((1.15 - 0.624) - (TWO_LINE_HEIGHT - 0.624)) / 2 * size_mm
    return field_mm - 2 * TWO_LINE_HEIGHT * size_mm + lower
