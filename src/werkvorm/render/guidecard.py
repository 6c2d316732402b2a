"""How tall a block's card in the facilitator guide is: its notes beside its cues.

A short card never splits over two pages (guide.css ``.g-cols.whole``): split, it left
its last line or two and a cue alone at the top of the next page. A long one splits
like text, or it would leave half a page empty. The height is estimated from the text
with the bundled font's widths (render/fonts.py) on the narrowest guide (A4), so it
errs towards tall.
"""

from __future__ import annotations

from typing import Any

from werkvorm.render.fonts import text_width
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


# The run sheet (guide.css .runsheet): a table in auto layout, so each column gets its
# widest cell's width when all fit, else a share between its longest word and its widest
# cell (as WeasyPrint sets it). Its height decides where the run sheet goes: a short one
# follows the introduction wherever it fits whole, a long one where half a page is free.
RUN_PT = 10.0  # a cell's text; the time 11 pt bold, the materials 9 pt
RUN_PAD_MM = (1.4, 2.0)  # a cell's padding, top and bottom / left and right
HEAD_PAD_MM = 1.5  # a column head's padding above and below (base.css th)
RUN_HEADING_MM = 6 + 17 * 1.15 / MM + 3  # "Run sheet": margin above, its line, below
HALF_PAGE_MM = 125.0  # guide.css .keep-half
WIDEN = 1.04  # the estimate errs towards wide text, so towards a tall table

Cell = tuple[str, float, int, bool]  # text, size (pt), weight, never wraps


def _cells(session: Any, labels: dict[str, str], slides: dict[str, Any]) -> list[list[Cell]]:
    """The run sheet's rows as the template sets them, the column heads first."""
    rows: list[list[Cell]] = [
        [(labels[k], 9.0, 600, False) for k in ("time", "block", "format", "min")]
        + [(labels["running_total"], 9.0, 600, False), (labels["slide_no"], 9.0, 600, False)]
        + [(labels["materials"], 9.0, 600, False)]
    ]
    for item in session.items:
        title = f"{item.number}.   {item.title}" if item.number else item.title
        rows.append(
            [
                (item.start, 11.0, 700, True),
                (title, RUN_PT, 400, False),
                (item.format_label or "", RUN_PT, 400, False),
                (str(item.minutes), RUN_PT, 400, True),
                (str(item.offset + item.minutes), RUN_PT, 400, True),
                (str(slides.get(item.id, "")), RUN_PT, 400, True),
                (", ".join(item.materials), 9.0, 400, False),
            ]
        )
    planned = f"{labels['planned']}: {session.planned_minutes}"
    end = [(session.end, 11.0, 700, True), (labels["end"], RUN_PT, 700, False)]
    total = (str(session.total_minutes), RUN_PT, 700, True)
    rows.append([*end, ("", RUN_PT, 400, True), ("", RUN_PT, 400, True), total])
    rows[-1] += [("", RUN_PT, 400, True), (planned, RUN_PT, 400, False)]
    return rows


def _width(text: str, size: float, weight: int) -> float:
    return text_width(text, size, weight) * WIDEN / MM


def _columns(rows: list[list[Cell]], room_mm: float) -> list[float]:
    """Each column's text width (mm) in ``room_mm``, as auto table layout shares it."""
    pad = 2 * RUN_PAD_MM[1]
    least = [0.0] * len(rows[0])
    most = [0.0] * len(rows[0])
    for row in rows:
        for n, (text, size, weight, nowrap) in enumerate(row):
            words = [text] if nowrap else text.split() or [""]
            least[n] = max(least[n], max(_width(w, size, weight) for w in words) + pad)
            most[n] = max(most[n], _width(text, size, weight) + pad)
    spare = sum(most) - sum(least)
    share = 1.0 if spare <= 0 else min(1.0, max(0.0, (room_mm - sum(least)) / spare))
    return [lo + share * (hi - lo) - pad for lo, hi in zip(least, most, strict=True)]


def runsheet_mm(session: Any, labels: dict[str, str], slides: dict[str, Any]) -> float:
    """The estimated height (mm) of the run sheet with its heading, on an A4 guide
    (the narrowest: a Letter guide's is a little lower)."""
    rows = _cells(session, labels, slides)
    widths = _columns(rows, TEXT_MM)
    total = RUN_HEADING_MM
    for n, row in enumerate(rows):
        pad = HEAD_PAD_MM if n == 0 else RUN_PAD_MM[0]
        tallest = 0.0
        for (text, size, weight, nowrap), width in zip(row, widths, strict=True):
            words = [(w, weight) for w in text.split()]
            lines = 1 if nowrap or not words else len(break_lines(words, size, width / WIDEN))
            tallest = max(tallest, lines * size * 1.38 / MM)
        total += tallest + 2 * pad + 0.35  # the rule under the row
    return total


def whole_runsheet(session: Any, labels: dict[str, str], slides: dict[str, Any]) -> bool:
    """The run sheet is under half a page: it follows wherever it fits whole."""
    return runsheet_mm(session, labels, slides) <= HALF_PAGE_MM
