"""How tall a block's card in the facilitator guide is: its notes beside its cues.

A short card never splits over two pages (guide.css ``.g-cols.whole``): split, it left
its last line or two and a cue alone at the top of the next page. A long one splits
like text, or it would leave half a page empty. The height is estimated from the text
with the bundled font's widths (render/fonts.py) on the narrowest guide (A4), so it
errs towards tall.
"""

from __future__ import annotations

from typing import Any

from werkvorm.render.paper import MM
from werkvorm.render.sentence import break_lines
from werkvorm.render.text import to_runs
from werkvorm.render.typography import worksheet_summary

BODY_PT = 10.0  # guide.css: the card's text
LINE_MM = BODY_PT * 1.38 / MM  # one line (line-height 1.38)
HEAD_LINES = 1.6  # a column's small heading with its margins, in lines
GAP_LINES = 0.5  # after a paragraph (2.5 mm)
TEXT_MM = 210 - 33  # the A4 guide's text width
NOTES_MM = TEXT_MM * 0.6 - 6  # .g-main: 60 %, less its gutter
CUES_MM = TEXT_MM * 0.4 - 12  # .g-side, less the clock time's column
SHORT_CARD_MM = 70.0  # a card up to this tall moves whole (with its heading)


def _lines(text: str, width_mm: float) -> int:
    words = [(w, 400) for w in text.split() if w]
    return len(break_lines(words, BODY_PT, width_mm)) if words else 0


def _markdown(text: str, width_mm: float) -> float:
    """Lines (with paragraph gaps) that Markdown ``text`` takes in ``width_mm``."""
    total = 0.0
    for paragraph in to_runs(text or ""):
        total += _lines("".join(run for run, _, _ in paragraph), width_mm - 6) + GAP_LINES
    return total


def card_mm(item: Any, labels: dict[str, str]) -> float:
    """The estimated height (mm) of ``item``'s card: its taller column."""
    notes = HEAD_LINES + _markdown(item.facilitator, NOTES_MM) if item.facilitator else 0.0
    exercise = item.exercise
    if exercise:
        notes += HEAD_LINES + _markdown(exercise.instructions, NOTES_MM)
        notes += 1 + GAP_LINES if exercise.group_size and exercise.group_size > 1 else 0
        if exercise.worksheet:
            summary = worksheet_summary(exercise.worksheet, labels)
            notes += _lines(f"{labels['worksheet']}: {summary}", NOTES_MM) + GAP_LINES
    cues = HEAD_LINES + sum(_lines(c, CUES_MM) * 1.1 for c in item.cues)
    if item.materials:
        cues += HEAD_LINES + _lines(", ".join(item.materials), CUES_MM + 12)
    return max(notes, cues) * LINE_MM


def whole_card(item: Any, labels: dict[str, str]) -> bool:
    """``item``'s card is short enough to keep on one page."""
    return card_mm(item, labels) <= SHORT_CARD_MM


SLIDE_PT = 9.5  # guide.css .slides-summary
SLIDE_LINE_MM = SLIDE_PT * 1.38 / MM
SLIDE_MM = (TEXT_MM - 6) / 2 - 8 - 3.5  # a column, less the number and the bullet
SHORT_SLIDES_MM = 45.0  # a list of what the slides say up to this tall moves whole


def slides_mm(item: Any) -> float:
    """The estimated height (mm) of the list of what ``item``'s slides say (two columns)."""
    lines = 0.0
    for slide in item.slides:
        lines += 1.3  # the title, and the gap after the slide
        texts = list(slide.bullets or []) if slide.kind not in ("quote", "image") else ["quote"]
        texts += [slide.notes] if slide.notes else []
        lines += sum(max(1, _lines(t, SLIDE_MM)) for t in texts)
    return lines / 2 * SLIDE_LINE_MM * BODY_PT / SLIDE_PT


def whole_slides(item: Any) -> bool:
    """What ``item``'s slides say is short enough to keep on one page."""
    return slides_mm(item) <= SHORT_SLIDES_MM
