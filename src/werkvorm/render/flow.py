"""Page flow of the handout: how tall a block's parts will be, estimated before layout,
so the template can tell WeasyPrint what to keep whole.

``break-inside: avoid`` on a box taller than a page makes WeasyPrint push it to a new
page first and split it there, leaving the page before it empty; so only a part that
fits one page is marked whole. The estimates follow handout.css (line heights, writing
lines, table rows) and err on the tall side.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from werkvorm.compose.session import Session, SessionExercise, SessionItem, WorksheetEntry
from werkvorm.render.fonts import text_width
from werkvorm.render.paper import MM, Paper, paper

LINE = 10.5 * 1.45 / MM  # a body line, mm
SHORT_INTRO = 35.0  # mm: an intro this short travels with its exercise
MARGIN = 0.85  # only what the estimate puts under 85 % of a page is marked whole
# A tightened worksheet keeps at least two 9 mm writing lines a question (room for a
# sentence or two in handwriting) and three blank rows a table; one that has no more
# than that is never tightened.
FLOOR_LINES = 2
FLOOR_ROWS = 3


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
    # Set after a layout (``replan``), never by the estimate:
    left: bool = False  # starts on a left-hand page, so that it reads as one spread
    # a checklist that split badly: (its index in the worksheet, items before the page
    # break); 0 items: it starts whole on the next page
    splits: tuple[tuple[int, int], ...] = ()
    # the page before would be left under half full (``_fill_back``): the worksheet gives
    # up ``trim`` writing lines a question and blank rows a table (never below
    # ``FLOOR_LINES`` / ``FLOOR_ROWS``) so that it fits there with its box; or the box
    # stays on that left-hand page, its worksheet ``facing`` it; ``tried``: one of these
    # fitted worse than what it replaced, so the block keeps its first plan
    trim: int = 0
    facing: bool = False
    tried: bool = False
    # the page before this block's exercise box stays under half full all the same: it
    # ends with ``notes`` ruled lines for notes (``with_notes``), before the block or,
    # ``notes_in`` it, between the block's intro and its box
    notes: int = 0
    notes_in: bool = False
    # its heading and intro ended a right-hand page with its exercise box (and worksheet)
    # a page turn away: the whole block starts the next page (``_turn``); where that
    # costs a page, its worksheet is ``trim``-med so that its box follows the intro on
    # the heading's page (``pulled``, ``_pull``)
    turned: bool = False
    pulled: bool = False

    def split(self, index: int) -> int | None:
        """Items of checklist ``index`` before its page break (None: it flows)."""
        return dict(self.splits).get(index)

    def lines(self, lines: int) -> int:
        """The writing lines a question gets: ``trim`` fewer, never below the floor."""
        return lines if lines <= FLOOR_LINES else max(FLOOR_LINES, lines - self.trim)

    def rows(self, rows: int) -> int:
        """The blank rows a table gets: ``trim`` fewer, never below the floor."""
        return rows if rows <= FLOOR_ROWS else max(FLOOR_ROWS, rows - self.trim)


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


# ---------------------------------------------------------------- the real layout
#
# The estimate above cannot know where a block lands. After WeasyPrint has laid the
# handout out, ``placements`` reads where every block's parts landed and how full each
# page is, and ``replan`` changes what the estimate got wrong for the next pass:
# - an exercise box never ends one page while its worksheet starts the next: the box
#   (with its heading when the intro is short) moves with the worksheet; only when the
#   two cannot share a page does the box stay, on a left-hand page facing its worksheet;
# - a worksheet of two pages that runs from a right-hand page onto the back of its sheet
#   starts on the next left-hand page instead, so that it reads as one spread (a longer
#   one cannot be seen at once anyway: it flows on, and no page is lost for it);
# - a checklist never leaves fewer than ``FEW`` items on either side of a page break.
# ``half_empty`` says which pages are still under half full and why (check --verbose,
# and the page-fill test, ask the same function).

HALF = 0.5
PASSES = 4  # layouts at most: each pass only escalates a block, so it settles fast
FEW = 4  # a checklist keeps at least this many items on each side of a page break
TRIM = 1  # writing lines (rows) a tightened worksheet gives up per question (table)
GAP = 12.0  # mm between what a page holds and a block or box moved back onto it


@dataclass
class Placed:
    """Where one block landed (page numbers from 1; 0: it has no such part)."""

    number: int
    title: str
    first: int = 0  # the block's first page
    exercise: int = 0  # the exercise box's first page
    ws_first: int = 0
    ws_last: int = 0
    # how tall the exercise box with its worksheet is, and the whole block, in pages
    # (the sum of their parts on every page: what they need to share one page)
    tall_ex: float = 0.0
    tall_block: float = 0.0
    tall_ws: float = 0.0  # the worksheet alone
    tight: bool = False  # its worksheet gave up a writing line a question (``Flow.trim``)
    pulled: bool = False  # so that its box is on its heading's page (``Flow.pulled``)
    turned: bool = False  # it starts a page whole (``Flow.turned``)
    # each checklist of the worksheet (by its index): its items on each page it is on
    lists: dict[int, dict[int, int]] = field(default_factory=dict)


@dataclass
class Placement:
    fills: list[float]  # how far down the text area each page is filled, 0..1
    blank: list[bool]  # a page WeasyPrint left empty before a left-hand page
    opens: list[str]  # the block id whose content opens each page ("" for none)
    blocks: dict[str, Placed]
    # each ruled notes area (``Flow.notes``) by the block it stands before: its pages
    rooms: dict[str, set[int]] = field(default_factory=dict)
    # the closing (takeaways and sources): its first and last page (0: none printed);
    # the notes page (0: none, or not known: the last page); the page a notes area under
    # the closing is on (0: none); the closing's gaps tightened (``CLOSING``)
    closing: tuple[int, int] = (0, 0)
    notes_page: int = 0
    closing_room: int = 0
    closing_tight: bool = False


def _classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    if element is None or not getattr(box, "element_tag", ""):
        return []
    return (element.get("class") or "").split()


def _bottom(box: Any) -> float:
    return float(box.position_y + box.margin_height() - box.margin_bottom)


def _walk(box: Any, block: str, visit: Any) -> None:
    classes = _classes(box)
    if "keep-third" in classes or "ws-mark" in classes:
        return
    if "block" in classes and box.element.get("id", "").startswith("block-"):
        block = box.element.get("id").removeprefix("block-")
    visit(box, block, classes)
    for child in getattr(box, "children", ()):
        _walk(child, block, visit)


def _landed(placed: Placed, number: int, box: Any, classes: list[str], page: float) -> None:
    placed.first = placed.first or number
    measured = {"ex-ws", "block", "worksheet"}.intersection(classes)
    if type(box).__name__ == "BlockBox" and measured:
        # what its parts take on this page (a box split over pages reaches the foot)
        bottom = max((_bottom(c) for c in box.children), default=box.position_y)
        tall = (bottom - box.position_y) / page if page else 0.0
        if "ex-ws" in classes:
            placed.tall_ex += tall
        elif "worksheet" in classes:
            placed.tall_ws += tall
        else:
            placed.tall_block += tall
    if "exercise" in classes:
        placed.exercise = placed.exercise or number
    if "block" in classes and "turned" in classes:
        placed.turned = True
    if "worksheet" in classes:
        placed.ws_first = placed.ws_first or number
        placed.ws_last = number
        placed.tight = "tight" in classes
        placed.pulled = "pulled" in classes
    if "ck" in classes and "list-item" in box.style["display"]:
        index = int(next(c for c in classes if c.startswith("ck-")).removeprefix("ck-"))
        pages = placed.lists.setdefault(index, {})
        pages[number] = pages.get(number, 0) + 1


def _page(page_box: Any, number: int, placement: Placement) -> None:
    top = page_box.content_box_y()
    height = page_box.height
    deepest = top
    opened = [""]

    def visit(box: Any, block: str, classes: list[str]) -> None:
        nonlocal deepest
        leaf = not getattr(box, "children", None)
        if leaf and box.margin_height() > 0 and box.element_tag not in ("html", "body"):
            deepest = max(deepest, _bottom(box))
            if not opened[0]:
                opened[0] = block or "-"
        placed = placement.blocks.get(block)
        if placed is not None:
            _landed(placed, number, box, classes, height)
        if "closing-room" in classes:
            placement.closing_room = placement.closing_room or number
        elif "notes-room" in classes:
            room = box.element.get("id", "").removeprefix("notes-")
            placement.rooms.setdefault(room, set()).add(number)
        _ends(placement, number, box, classes)

    for child in page_box.children:
        if type(child).__name__ != "MarginBox":
            _walk(child, "", visit)
    placement.fills.append(min(1.0, max(0.0, (deepest - top) / height)) if height else 0.0)
    placement.blank.append(bool(page_box.page_type.blank))
    placement.opens.append(opened[0] if opened[0] != "-" else "")


def _ends(placement: Placement, number: int, box: Any, classes: list[str]) -> None:
    """Where the closing (its first and last page with ink) and the notes page landed."""
    if "notes-page" in classes:
        placement.notes_page = placement.notes_page or number
    if "closing" not in classes or not _inked(box):
        return
    placement.closing_tight = "tight" in classes
    placement.closing = (placement.closing[0] or number, number)


def _inked(box: Any) -> bool:
    children = getattr(box, "children", None)
    if not children:
        return bool(box.margin_height() > 0)
    return any(_inked(child) for child in children)


def placements(document: Any, session: Session) -> Placement:
    """Page fills and where every block with an exercise landed, read from WeasyPrint's
    layout boxes (no pixels: the same numbers for every rasteriser)."""
    blocks = {b.id: Placed(b.number, b.title) for b in session.blocks if b.exercise}
    placement = Placement([], [], [], blocks)
    for number, page in enumerate(document.pages, 1):
        _page(page._page_box, number, placement)
    return placement


def _splits(fl: Flow, placed: Placed) -> tuple[tuple[int, int], ...]:
    """Where each checklist breaks next time: one that left fewer than ``FEW`` items
    before the break starts whole on the next page; one that left fewer after it gives
    the next page enough of its items."""
    splits = dict(fl.splits)
    for index, pages in placed.lists.items():
        counts = [pages[n] for n in sorted(pages)]
        if len(counts) < 2 or index in splits:
            continue
        if counts[0] < FEW:
            splits[index] = 0
        elif counts[-1] < FEW and len(counts) == 2:  # (a longer one keeps its breaks)
            splits[index] = max(FEW, counts[0] - (FEW - counts[-1]))
    return tuple(sorted(splits.items()))


def _box_apart(fl: Flow, placed: Placed) -> Flow | None:
    """The exercise box ended one page while its worksheet, whole, starts the next; or a
    heading whose short intro goes with the box was left alone. When they fit one page
    as laid out, the box goes with its worksheet (and its heading with it); when they
    cannot share a page, the heading and box face the worksheet from a left-hand page."""
    torn = fl.short_intro and placed.first != placed.exercise
    if not placed.exercise or not fl.worksheet_whole:
        return None
    if placed.exercise == placed.ws_first and not torn:
        return None
    need = placed.tall_block if fl.short_intro else placed.tall_ex
    if need <= 0.98 and not fl.exercise_whole:
        better = replace(fl, exercise_whole=True)
    elif (placed.first if torn else placed.exercise) % 2 == 0:
        better = replace(fl, exercise_whole=False, block_whole=False)  # already a spread
    else:  # the box starts the next left-hand page, its worksheet facing it
        better = replace(fl, left=True, exercise_whole=False, block_whole=False)
    return better if better != fl else None


def _escalated(fl: Flow, placed: Placed) -> Flow | None:
    """What this block needs next, by where it landed (None: nothing)."""
    if not placed.ws_first:
        return None
    splits = _splits(fl, placed)
    changed = replace(fl, splits=splits) if splits != fl.splits else fl
    two_pages = placed.ws_last == placed.ws_first + 1
    if not fl.left and two_pages and placed.ws_first % 2 == 1:
        # front to back of one sheet: start on the next left-hand page, with the box
        return replace(
            changed, left=True, worksheet_whole=False, exercise_whole=False, block_whole=False
        )
    if not fl.left and not fl.facing:
        changed = _box_apart(changed, placed) or changed
    return None if changed == fl else changed


def trimmed_mm(ex: SessionExercise, trim: int) -> float:
    """How much shorter ``trim`` lines fewer a question and rows fewer a table make the
    worksheet (mm; the heights of handout.css: 9 mm a line, 11 mm a row)."""
    fl = Flow(True, False, False, False, trim=trim)
    lines = sum(w.lines - fl.lines(w.lines) for w in ex.worksheet if w.kind == "question")
    rows = sum(w.rows - fl.rows(w.rows) for w in ex.worksheet if w.kind == "table")
    return lines * 9.0 + rows * 11.0


def _fill_back(fl: Flow, placed: Placed, at: Placement, item: SessionItem, P: Paper) -> Flow | None:
    """The box moved with its worksheet to the next page and left the page before under
    half full: first tighten the worksheet (``TRIM`` lines a question, rows a table) when
    that makes it fit there; else, when that page is a left-hand one, keep the box (with
    its heading and short intro) there and let the worksheet face it; else leave it (and
    ``half_empty`` says why)."""
    page, ex = placed.exercise, item.exercise
    before = page - 1
    if fl.left or fl.facing or fl.tried or not fl.worksheet_whole or page != placed.ws_first:
        return None
    if not ex or before < 2 or placed.first < before or at.blank[before - 1]:
        return None
    if at.opens[page - 1] != item.id:  # it follows something on its page: nothing moved
        return None
    fill = at.fills[before - 1]
    if fill >= HALF:
        return None
    height = P.height - P.top - P.bottom
    room = 1 - fill - GAP / height
    need = placed.tall_block if placed.first == page else placed.tall_ex
    if not fl.trim and need - trimmed_mm(ex, TRIM) / height <= room:
        return replace(fl, trim=TRIM)
    stays = need - placed.tall_ws  # what stays on the left-hand page
    if before % 2 == 0 and stays <= room and fill + stays >= HALF:
        return replace(fl, facing=True, exercise_whole=False, block_whole=False, trim=0)
    return replace(fl, trim=0, tried=True) if fl.trim else None  # tightened for nothing


def replan(plan: dict[str, Flow], at: Placement, session: Session) -> dict[str, Flow]:
    """The plan for the next pass: each block escalated where its layout needs it. A
    block moved to a left-hand page changes the sides of all after it, so no later block
    is judged in the same pass."""
    P = paper(session.paper)
    new = dict(plan)
    for item in session.blocks:
        placed = at.blocks.get(item.id)
        if placed is None:
            continue
        fl = new.get(item.id) or block_flow(item, P)
        better = _escalated(fl, placed)
        if better is None and new == plan:  # one block filled back a pass, alone
            better = _fill_back(fl, placed, at, item, P)
            if better is not None:  # what follows moves up a page: judge it next pass
                new[item.id] = better
                break
        if better is not None:
            new[item.id] = better
            if better.left != fl.left:
                break
    return new


def _emptiness(at: Placement) -> tuple[int, int, float]:
    """How far a layout is from full pages: pages under half full, pages, and how far
    under half they are together (less is better)."""
    pages = half_empty(at)
    short = sum(HALF - (0.0 if at.blank[p.page - 1] else at.fills[p.page - 1]) for p in pages)
    return len(pages), len(at.fills), round(short, 3)


def settle(lay_out: Callable[[dict[str, Flow]], Any], session: Session) -> Any:
    """Lay the handout out, then again while the plan changes (``PASSES`` at most);
    ``lay_out(plan)`` returns a layout with ``.document``. Returns the last layout. A
    page filled back (``_fill_back``) that leaves the handout emptier than before (the
    hole moved on, or a page more) is undone: that block keeps its plan."""
    plan: dict[str, Flow] = {}
    laid = lay_out(plan)
    at = placements(laid.document, session)
    for _ in range(PASSES - 1):
        better = replan(plan, at, session)
        if better == plan:
            break
        now = lay_out(better)
        landed = placements(now.document, session)
        # a page filled back, or a tightening undone: kept only when no emptier
        back = [k for k, fl in better.items() if fl.trim or fl.facing or fl.tried]
        back = [k for k in back if better[k] != plan.get(k)]
        if back and _emptiness(landed) > _emptiness(at):
            undone = plan.get(back[0]) or block_flow(_item(session, back[0]), paper(session.paper))
            plan = {**plan, back[0]: replace(undone, tried=True)}  # laid out as before
            continue
        plan, laid, at = better, now, landed
    plan, laid, at = _turn(lay_out, Laid(plan, laid, at), session)
    plan, laid, at = _pull(lay_out, Laid(plan, laid, at), session)
    noted = with_notes(plan, at, session)
    if noted != plan:
        now = lay_out(noted)
        landed = placements(now.document, session)
        if _kept(at, landed, noted):
            plan, laid, at = noted, now, landed
    return _close(lay_out, Laid(plan, laid, at), session).layout


def _apart(placed: Placed) -> bool:
    """The block's heading and intro end a right-hand page and its exercise box with
    all of its worksheet opens the next, the back of the sheet."""
    first = placed.first
    if placed.turned or first < 2 or first % 2 == 0:
        return False
    return placed.exercise == placed.ws_first == placed.ws_last == first + 1


def _turnable(fl: Flow, placed: Placed, at: Placement) -> bool:
    """:func:`_apart`, not at the top of its page, and the whole block fits one page."""
    if fl.left or fl.facing or fl.turned or not _apart(placed):
        return False
    return at.opens[placed.first - 1] != "" and placed.tall_block <= 0.9


class Laid(NamedTuple):
    """A plan, its layout and where that layout put everything."""

    plan: dict[str, Flow]
    layout: Any
    at: Placement


def _turn(lay_out: Callable[[dict[str, Flow]], Any], was: Laid, session: Session) -> Laid:
    """Each block whose exercise box is a page turn away from its heading starts the
    next page whole, when that costs no page and leaves no page under half full but
    the ones it left (which then end with room for notes)."""
    plan, at = was.plan, was.at
    P = paper(session.paper)
    new = dict(plan)
    for item in session.blocks:
        placed = at.blocks.get(item.id)
        fl = new.get(item.id) or block_flow(item, P)
        if placed is not None and _turnable(fl, placed, at):
            new[item.id] = replace(fl, turned=True, block_whole=True)
    if new == plan:
        return was
    now = lay_out(new)
    landed = placements(now.document, session)
    left = {at.blocks[k].first for k, fl in new.items() if fl.turned and k in at.blocks}
    before = {p.page for p in half_empty(at)}
    worse = {p.page for p in half_empty(landed)} - before - left
    whole = all(
        landed.blocks[k].first == landed.blocks[k].exercise for k, fl in new.items() if fl.turned
    )
    if len(landed.fills) > len(at.fills) or worse or not whole:
        return was
    return Laid(new, now, landed)


def _pull(lay_out: Callable[[dict[str, Flow]], Any], was: Laid, session: Session) -> Laid:
    """Each block whose exercise box is still a page turn away from its heading (the
    whole block on the next page would cost a page) gives up ``TRIM`` writing lines a
    question (rows a table) where that lets its box and worksheet follow the intro on
    the heading's page; kept when every such box lands there, the handout has no page
    more and no page is newly under half full."""
    plan, at = was.plan, was.at
    P = paper(session.paper)
    height = P.height - P.top - P.bottom
    new = dict(plan)
    for item in session.blocks:
        placed = at.blocks.get(item.id)
        fl = new.get(item.id) or block_flow(item, P)
        if placed is None or item.exercise is None or fl.trim or fl.tried or fl.left:
            continue
        if not _apart(placed):
            continue
        room = 1 - at.fills[placed.first - 1] - GAP / height
        if placed.tall_ex - trimmed_mm(item.exercise, TRIM) / height <= room:
            new[item.id] = replace(fl, trim=TRIM, pulled=True)
    if new == plan:
        return was
    now = lay_out(new)
    landed = placements(now.document, session)
    pulled = [k for k, fl in new.items() if fl.pulled and k in landed.blocks]
    kept = all(landed.blocks[k].exercise == landed.blocks[k].first for k in pulled)
    worse = {p.page for p in half_empty(landed)} - {p.page for p in half_empty(at)}
    if len(landed.fills) > len(at.fills) or worse or not kept:
        return was
    return Laid(new, now, landed)


def apart(at: Placement) -> list[str]:
    """Each exercise box still on the back of the sheet from its block's heading, and
    why nothing moved it (``check --verbose``); not where :func:`noted` says why: box
    and worksheet need a page of their own, and the page ends with room for notes."""
    return [
        f"handout page {p.first} ends with the heading and introduction of block "
        f"{p.number} '{p.title}', and its exercise box is on page {p.exercise}, the back "
        "of the sheet: the whole block on that page would cost a page or leave one half "
        "empty, and its worksheet does not fit under the introduction even with a "
        "writing line fewer per question"
        for block, p in sorted(at.blocks.items(), key=lambda kv: kv[1].number)
        if _apart(p) and block not in at.rooms
    ]


# ---------------------------------------------------------------- room for notes
#
# A page that stays under half full because the next block's exercise box and worksheet
# need a page of their own ends with a ruled notes area (a small heading, 9 mm lines)
# down to a little above the page foot, so that it reads as finished. It is laid out
# once more at the end, and kept only when nothing else moved.

NOTES_HEAD = 18.0  # mm: the gap above the area, its heading and the space under it
NOTES_FOOT = 5.0  # mm kept free above the page foot: the area never runs over the page
NOTES_MIN = 4  # ruled lines at least; a smaller room stays empty


def _room(at: Placement, n: int) -> str:
    """The block whose exercise box, with its worksheet (or facing it from a left-hand
    page), opens page ``n + 1`` and leaves page ``n`` under half full ("" for none)."""
    if at.blank[n - 1] or at.fills[n - 1] >= HALF or n >= len(at.opens):
        return ""
    block = at.opens[n]
    placed = at.blocks.get(block)
    if placed is None or placed.exercise != n + 1:
        return ""
    together = placed.ws_first == n + 1
    facing_it = placed.ws_first == n + 2 and (n + 1) % 2 == 0
    return block if together or facing_it else ""


def with_notes(plan: dict[str, Flow], at: Placement, session: Session) -> dict[str, Flow]:
    """The plan with a ruled notes area at the end of each page (but the cover, the
    closing and the notes page) that an exercise box with its worksheet leaves under
    half full: as many 9 mm lines as fit the room the layout ``at`` measured."""
    P = paper(session.paper)
    height = P.height - P.top - P.bottom
    new = dict(plan)
    for n in range(2, len(at.fills) - 2):
        block = _room(at, n)
        if not block:
            continue
        free = (1 - at.fills[n - 1]) * height - NOTES_HEAD - NOTES_FOOT
        lines = math.floor(free / 9.0)
        if lines < NOTES_MIN:
            continue
        fl = new.get(block) or block_flow(_item(session, block), P)
        inside = at.blocks[block].first <= n  # its heading and intro stay on page n
        new[block] = replace(fl, notes=lines, notes_in=inside)
    return new


def _kept(at: Placement, now: Placement, plan: dict[str, Flow]) -> bool:
    """The notes areas of ``plan`` each stayed on the page they fill, and nothing else
    moved: the same pages, each opened by the same block, every box where it was."""
    if len(now.fills) != len(at.fills) or now.opens != at.opens or now.blank != at.blank:
        return False
    where = [(p.first, p.exercise, p.ws_first, p.ws_last) for p in at.blocks.values()]
    if where != [(p.first, p.exercise, p.ws_first, p.ws_last) for p in now.blocks.values()]:
        return False
    wanted = {k: {at.blocks[k].exercise - 1} for k, fl in plan.items() if fl.notes}
    return now.rooms == wanted


def noted(at: Placement) -> list[str]:
    """Each page that ends with room for notes, and why (``check --verbose``)."""
    said = []
    for block, pages in sorted(at.rooms.items(), key=lambda kv: min(kv[1])):
        placed = at.blocks[block]
        what = f"block {placed.number} '{placed.title}'"
        if placed.turned:
            why = (
                f"{what} starts page {placed.first} whole, so that its exercise box is not "
                "a page turn away from its heading"
            )
        elif placed.ws_first == placed.exercise:
            why = f"the exercise and worksheet of {what} need a page of their own"
        else:
            why = (
                f"the exercise of {what} cannot share a page with its worksheet, so it "
                f"starts on the left-hand page {placed.exercise}, facing it"
            )
        said.append(f"handout page {min(pages)} ends with room for notes: {why}")
    if at.closing_room:
        said.append(
            f"handout page {at.closing_room} ends with room for notes under the closing, "
            "instead of a notes page that would take a sheet of its own"
        )
    return said


def short_closing(at: Placement) -> list[str]:
    """The page the whole closing is on, when it is under half full and a notes page
    follows (allowed: the handout ends there), and why (``check --verbose``)."""
    first, last = at.closing
    if not first or first != last or at.closing_room or at.fills[first - 1] >= HALF:
        return []
    empty = round((1 - at.fills[first - 1]) * 100)
    return [
        f"handout page {first} is {empty} % empty: it holds the closing (takeaways and "
        f"sources) and ends the handout; the notes page follows on page {first + 1}"
    ]


# ---------------------------------------------------------------- the closing
#
# The closing (takeaways, then sources) follows the last block; the notes page ends the
# handout. A closing that runs a few entries onto a page of their own is tightened: the
# last block's worksheet gives up a writing line a question (``TRIM``, never below the
# floor) and the gaps before the takeaways and the sources narrow, when that brings the
# whole closing onto one page. A notes page that would open a sheet of its own (an odd
# page count) becomes ruled lines under the closing instead, when the closing page has
# room for ``CLOSING_NOTES_MIN`` lines: one sheet less. Each is laid out once and kept
# only when the closing lands as planned and no block moved.

CLOSING = "#closing"  # the plan's entry for the closing (no block id starts with "#")
CLOSING_NOTES_MIN = 8  # lines under the closing at least, else the notes page stays


def _tighten_closing(plan: dict[str, Flow], at: Placement, session: Session) -> dict[str, Flow]:
    """The plan with the closing tightened when it ran onto a page it leaves under half
    full (the same plan when not)."""
    first, last = at.closing
    if CLOSING in plan or not first or first == last or at.fills[last - 1] >= HALF:
        return plan
    new = {**plan, CLOSING: Flow(False, False, False, False, trim=TRIM)}
    final = session.blocks[-1] if session.blocks else None
    placed = at.blocks.get(final.id) if final is not None else None
    if final is not None and placed is not None and placed.ws_last == first:
        fl = new.get(final.id) or block_flow(final, paper(session.paper))
        new[final.id] = replace(fl, trim=TRIM)
    return new


def _closing_notes(plan: dict[str, Flow], at: Placement, session: Session) -> dict[str, Flow]:
    """The plan with ruled lines under the closing instead of a notes page, when that
    page would open a sheet of its own (the same plan when not)."""
    pages = len(at.fills)
    end = at.closing[1] or pages - 1
    if at.notes_page != pages or pages % 2 == 0 or end != pages - 1 or at.blank[end - 1]:
        return plan
    P = paper(session.paper)
    free = (1 - at.fills[end - 1]) * (P.height - P.top - P.bottom) - NOTES_HEAD - NOTES_FOOT
    lines = math.floor(free / 9.0)
    if lines < CLOSING_NOTES_MIN:
        return plan
    closing = plan.get(CLOSING) or Flow(False, False, False, False)
    return {**plan, CLOSING: replace(closing, notes=lines)}


def _closed(at: Placement, now: Placement, plan: dict[str, Flow]) -> bool:
    """The closing landed as ``plan`` meant: on one page (its notes under it), no page
    more, and every block where it was."""
    where = [(p.first, p.exercise, p.ws_first, p.ws_last) for p in at.blocks.values()]
    if where != [(p.first, p.exercise, p.ws_first, p.ws_last) for p in now.blocks.values()]:
        return False
    first, last = now.closing
    if plan[CLOSING].notes:
        return now.notes_page == 0 and now.closing_room == (last or first) == len(now.fills)
    return first == last and len(now.fills) <= len(at.fills)


def _close(lay_out: Callable[[dict[str, Flow]], Any], was: Laid, session: Session) -> Laid:
    """The layout with the closing tightened and its notes under it where that helps."""
    for step in (_tighten_closing, _closing_notes):
        better = step(was.plan, was.at, session)
        if better == was.plan:
            continue
        now = lay_out(better)
        landed = placements(now.document, session)
        if _closed(was.at, landed, better):
            was = Laid(better, now, landed)
    return was


def _item(session: Session, block: str) -> SessionItem:
    return next(item for item in session.blocks if item.id == block)


@dataclass(frozen=True)
class EmptyPage:
    page: int
    empty: int  # per cent of the text area left empty
    why: str  # why the page is left so (what could not fit); "" when nothing explains it
    notes: bool = False  # a page left blank before a left-hand page, ruled for notes

    def sentence(self) -> str:
        """What ``check --verbose`` says about this page."""
        if self.notes:
            return f"handout page {self.page} is ruled for notes: {self.why}"
        said = f"handout page {self.page} is {self.empty} % empty"
        return f"{said}: {self.why}" if self.why else f"{said}, and nothing explains it"


def _ends_free(at: Placement) -> set[int]:
    """The pages that may be under half full: the last, the notes page, and the page the
    whole closing is on (or, with no closing, the last block's page before the notes).
    A page the closing only runs onto is not one of them."""
    pages = len(at.fills)
    notes = at.notes_page or pages
    first, last = at.closing
    free = {pages, notes}
    if not first:
        free.add(notes - 1)
    elif first == last:
        free.add(first)
    return free


def half_empty(at: Placement) -> list[EmptyPage]:
    """Every page but the cover, the closing page and the notes page under half full,
    with why when the next page opens with a worksheet that could not fit on it."""
    found: list[EmptyPage] = []
    free = _ends_free(at)
    for n in range(2, len(at.fills) + 1):
        fill = 0.0 if at.blank[n - 1] else at.fills[n - 1]
        if fill >= HALF or n in free:
            continue
        found.append(EmptyPage(n, round((1 - fill) * 100), _why(at, n), at.blank[n - 1]))
    return found


def facing(at: Placement) -> list[str]:
    """Each exercise box that ends a left-hand page with its worksheet opening the
    facing page (one spread, so allowed), when ``half_empty`` does not name that page."""
    said = {page.page for page in half_empty(at)}
    return [
        f"handout page {p.exercise} ends with the exercise box of block {p.number} "
        f"'{p.title}', and its worksheet faces it on page {p.ws_first}"
        for p in sorted(at.blocks.values(), key=lambda p: p.number)
        if p.exercise
        and p.exercise % 2 == 0
        and p.ws_first == p.exercise + 1
        and p.exercise not in said
    ]


def tightened(at: Placement) -> list[str]:
    """Each worksheet that gave up a writing line a question (a blank row a table) so
    that it fits the page before with its box (``check --verbose`` says so)."""
    final = max((p.number for p in at.blocks.values()), default=0)

    def why(p: Placed) -> str:
        if p.pulled:
            return (
                "so that its exercise box follows the block's introduction on this page "
                "instead of on the back of the sheet"
            )
        if at.closing_tight and p.number == final and p.ws_last == at.closing[0]:
            return (
                "so that the closing (takeaways and sources) fits on this page with it "
                "instead of running a few entries onto the next"
            )
        return (
            "so that it fits on this page with its exercise box instead of leaving the "
            "page half empty"
        )

    return [
        f"handout page {p.ws_first}: the worksheet of block {p.number} '{p.title}' has one "
        "writing line fewer per question (one blank row fewer per table, never under "
        f"{FLOOR_LINES} lines or {FLOOR_ROWS} rows), {why(p)}"
        for p in sorted(at.blocks.values(), key=lambda p: p.number)
        if p.tight
    ]


def _why(at: Placement, n: int) -> str:
    first, last = at.closing
    if first < n == last:
        return (
            f"the closing (takeaways and sources) runs on from page {first} and ends here; "
            "even with narrower gaps and the last worksheet one line shorter it does not "
            f"fit on page {first}"
        )
    after = n + 1
    while after <= len(at.blank) and at.blank[after - 1]:
        after += 1
    if after > len(at.opens):
        return ""
    placed = at.blocks.get(at.opens[after - 1])
    if placed is None:
        return ""
    if placed.exercise == after == placed.ws_first - 1 and after % 2 == 0:
        return (
            f"the exercise of block {placed.number} '{placed.title}' cannot share a page "
            f"with its worksheet, so it starts on the left-hand page {after}, facing it"
        )
    if placed.ws_first != after:
        return ""
    what = f"the worksheet of block {placed.number} '{placed.title}'"
    if at.blank[n - 1] or after > n + 1 or (placed.ws_last > after and after % 2 == 0):
        pages = placed.ws_last - after + 1
        if pages > 2:  # it cannot avoid the back of a sheet; it opens on a spread
            return (
                f"{what} takes {pages} pages, so it starts on the left-hand page {after} "
                "and opens on a spread"
            )
        return (
            f"{what} starts on the left-hand page {after}, so that it spans a spread "
            "instead of running onto the back of the sheet"
        )
    if placed.exercise == after:
        return (
            f"the exercise of block {placed.number} '{placed.title}' and its worksheet do not "
            f"fit in the room left, so they start together on page {after}"
        )
    facing = ", facing its exercise" if placed.exercise == after - 1 and after % 2 else ""
    return f"{what} does not fit in the room left, so it starts whole on page {after}{facing}"
