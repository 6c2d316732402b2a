"""Page flow of the handout: how tall a block's parts will be, estimated before layout,
so the template can tell WeasyPrint what to keep whole.

``break-inside: avoid`` on a box taller than a page makes WeasyPrint push it to a new
page first and split it there, leaving the page before it empty; so only a part that
fits one page is marked whole. The estimates follow handout.css (line heights, writing
lines, table rows) and err on the tall side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from werkvorm.compose.session import SessionExercise, SessionItem, WorksheetEntry
from werkvorm.render.fonts import text_width
from werkvorm.render.paper import MM, Paper

LINE = 10.5 * 1.45 / MM  # a body line, mm
SHORT_INTRO = 35.0  # mm: an intro this short travels with its exercise
MARGIN = 0.85  # only what the estimate puts under 85 % of a page is marked whole


def _lines(text: str, width_mm: float, size: float = 10.5, weight: int = 400) -> int:
    words = text.replace("\n", " ")
    return max(1, math.ceil(text_width(words, size, weight) / (width_mm * MM * 0.95)))


def _paragraphs(text: str, width_mm: float) -> float:
    parts = [p for p in text.split("\n\n") if p.strip()]
    return sum(_lines(p, width_mm) * LINE + 2.5 for p in parts)


def item_height(entry: WorksheetEntry, measure: float) -> float:
    """One worksheet item with its 6 mm gap below."""
    question = _lines(entry.text, measure, 10.5, 600) * LINE + 1
    if entry.kind == "question":
        return question + entry.lines * 9 + 6
    if entry.kind == "scale":
        return question + 13 + 5 + 6
    if entry.kind == "checklist":
        column = (measure - 8) / 2 - 6.7
        rows = [_lines(text, column) * LINE + 2.5 for text in entry.items]
        return sum(rows) / 2 + max(rows, default=0) / 2 + 6
    return 8 + entry.rows * 11 + 6  # a table: its head and rows


def exercise_height(ex: SessionExercise, measure: float) -> float:
    return 7 + 5 + 8 + 5 + _paragraphs(ex.instructions, measure - 12) + 10


@dataclass(frozen=True)
class Flow:
    worksheet_whole: bool  # the worksheet fits one page: never split it
    exercise_whole: bool  # the exercise box and its worksheet fit one page together
    block_whole: bool  # heading, a short intro, exercise and worksheet fit one page
    short_intro: bool  # the intro travels with the exercise box (no heading left alone)


def block_flow(item: SessionItem, P: Paper) -> Flow:
    page = P.height - P.top - P.bottom - 6
    room = page * MARGIN
    ex = item.exercise
    if ex is None:
        return Flow(False, False, False, False)
    worksheet = (12 + sum(item_height(w, P.measure) for w in ex.worksheet)) if ex.worksheet else 0
    exercise = exercise_height(ex, P.measure) + worksheet
    intro = _paragraphs(item.intro, P.measure)
    head = 12 + 6 + (_lines(item.title, P.measure - 60, 17, 700) - 1) * 7
    return Flow(
        worksheet_whole=0 < worksheet <= page * 0.95,
        exercise_whole=exercise <= room,
        block_whole=intro <= SHORT_INTRO and head + intro + exercise <= room,
        short_intro=intro <= SHORT_INTRO,
    )
