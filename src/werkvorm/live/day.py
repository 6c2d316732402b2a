"""The session day as plain data: the run, its agenda items, what a button press does,
and where the day is heading (pure; no database, no clock of its own: ``now`` is given).

Times are epoch seconds; clock times are minutes after local midnight. A run that
has a booked slot (the client's ``start``, and ``end`` or the agenda's end) compares
with it; a run without a clock time counts from the moment the trainer presses start.

Every press re-times the rest of the day as ``werkvorm build`` fits an agenda into its
slot (:func:`werkvorm.compose.fit.fit`): flex blocks first, then optional blocks left
out (the last first), then long breaks shortened; the changes are what to cut.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from werkvorm.compose.fit import SlotTooShort, Span, fit

ACTIONS = ("start", "next", "plus5", "minus5", "skip")
NO_CLOCK = -1  # booked_start of a run without a clock time: it starts when started


@dataclass(frozen=True)
class Item:
    """One agenda item of the day: planned minutes (after fitting to the slot), its
    bounds (``low``/``high``: flex, else the minutes), and what happened to it."""

    position: int
    item: str  # the block's id
    title: str
    is_break: bool
    optional: bool
    planned: int
    low: int
    high: int
    extra: int = 0  # minutes the trainer added (+5) or took off (-5)
    skipped: bool = False
    started: float | None = None
    ended: float | None = None

    @property
    def minutes(self) -> int:
        return self.planned + self.extra


@dataclass(frozen=True)
class Run:
    """One session day of one kit: its booked slot and where it is."""

    id: int
    kit: str
    workshop: str
    client: str
    title: str
    language: str
    day: str
    created: float
    token: str
    secret: str
    booked_start: int  # minutes after midnight, or NO_CLOCK
    booked_end: int  # minutes after midnight; without a clock: the day's length
    items: tuple[Item, ...]
    started: float | None = None
    current: int = -1  # position of the running item; len(items): the day is over
    version: int = 0

    @property
    def finished(self) -> bool:
        return self.current >= len(self.items)


def clock_minutes(at: float) -> int:
    """Minutes after local midnight of an epoch time."""
    t = time.localtime(at)
    return t.tm_hour * 60 + t.tm_min


def exact_minutes(at: float) -> float:
    """Minutes after local midnight, with the seconds as a fraction."""
    return clock_minutes(at) + (at % 60) / 60


def hhmm(minutes: float) -> str:
    m = int(minutes) % (24 * 60)
    return f"{m // 60:02d}:{m % 60:02d}"


def _following(run: Run, after: int) -> int:
    """The position of the next item that is not skipped (len(items): none)."""
    for item in run.items[after + 1 :]:
        if not item.skipped:
            return item.position
    return len(run.items)


def _set(run: Run, position: int, **changes: object) -> tuple[Item, ...]:
    items = list(run.items)
    items[position] = replace(items[position], **changes)  # type: ignore[arg-type]
    return tuple(items)


def press(run: Run, action: str, now: float) -> Run:
    """The run after the trainer pressed ``action`` at ``now`` (unchanged: nothing to do)."""
    if action not in ACTIONS:
        raise ValueError(action)
    if run.finished and action != "skip":
        return run
    if run.started is None or run.current < 0:
        if action not in ("start", "next"):
            return _skip(run) if action == "skip" else run
        first = _following(run, -1)
        if first >= len(run.items):
            return run
        return replace(run, started=now, current=first, items=_set(run, first, started=now))
    if action == "start":
        return run
    if action == "next":
        items = _set(run, run.current, ended=now)
        moved = replace(run, items=items)
        following = _following(moved, run.current)
        if following < len(run.items):
            items = _set(moved, following, started=now)
        return replace(moved, current=following, items=items)
    if action in ("plus5", "minus5"):
        item = run.items[run.current]
        extra = item.extra + (5 if action == "plus5" else -5)
        if item.planned + extra < 1:
            return run
        return replace(run, items=_set(run, run.current, extra=extra))
    return _skip(run)


def _skip(run: Run) -> Run:
    """The next optional block after the current one is left out."""
    target = skippable(run)
    if target is None:
        return run
    return replace(run, items=_set(run, target.position, skipped=True))


def skippable(run: Run) -> Item | None:
    """The optional block that "skip" leaves out: the first one still to come."""
    for item in run.items[run.current + 1 :]:
        if item.optional and not item.skipped and not item.is_break and item.started is None:
            return item
    return None


@dataclass(frozen=True)
class Change:
    """What re-timing does to one item still to come: new minutes (None: left out)."""

    item: Item
    minutes: int | None


@dataclass
class Outlook:
    """Where the day is heading at ``now`` (clock times in minutes after midnight)."""

    now: int
    booked_end: int
    current: Item | None = None
    current_start: int = 0
    current_end: int = 0
    ends_at: float = 0.0  # epoch seconds: the current item's planned end
    behind: int = 0  # minutes behind the plan (negative: ahead)
    projected_end: int = 0  # with the cuts below
    unchanged_end: int = 0  # without them
    rest: list[tuple[Item, int, int | None]] = field(default_factory=list)  # item, start, min
    changes: list[Change] = field(default_factory=list)
    over: int = 0  # minutes over the booked end even after every cut


def _spans(items: list[Item]) -> list[Span]:
    spans = []
    for item in items:
        low, high = item.low + item.extra, item.high + item.extra
        spans.append(Span(item.minutes, low, high, item.optional, item.is_break))
    return spans


def _schedule(run: Run, start: int) -> dict[int, int]:
    """Each item's planned start (minutes after midnight) with the run starting at ``start``."""
    out, at = {}, start
    for item in run.items:
        out[item.position] = at
        at += item.planned
    return out


def _slot(run: Run, now: float) -> tuple[int, int]:
    """The booked start and end as clock minutes (without a clock: from the start)."""
    if run.booked_start != NO_CLOCK:
        return run.booked_start, run.booked_end
    start = round(exact_minutes(run.started if run.started is not None else now))
    return start, start + run.booked_end


def outlook(run: Run, now: float) -> Outlook:
    """The day at ``now``: the current item and its planned end, how far ahead or
    behind, the rest of the day re-timed to end on time, and what that cuts."""
    booked_start, booked_end = _slot(run, now)
    minute = exact_minutes(now)
    seen = Outlook(now=int(minute), booked_end=booked_end)
    schedule = _schedule(run, booked_start)
    if run.started is None or run.current < 0:
        rest_from = max(booked_start, int(minute))
        todo = list(run.items)
        seen.behind = rest_from - booked_start
    elif run.finished:
        seen.projected_end = seen.unchanged_end = int(minute)
        return seen
    else:
        item = run.items[run.current]
        assert item.started is not None
        start = exact_minutes(item.started)
        seen.current, seen.current_start = item, int(start)
        seen.current_end = round(start + item.minutes)
        seen.ends_at = item.started + item.minutes * 60
        rest_from = round(max(start + item.minutes, minute))
        seen.behind = rest_from - (schedule[item.position] + item.planned)
        todo = list(run.items[run.current + 1 :])
    _retime(seen, todo, rest_from)
    return seen


def _retime(seen: Outlook, coming: list[Item], rest_from: int) -> None:
    """The items still to come fitted between ``rest_from`` and the booked end (those
    the trainer skipped stay in ``rest``, without minutes)."""
    todo = [i for i in coming if not i.skipped]
    seen.unchanged_end = rest_from + sum(i.minutes for i in todo)
    window = seen.booked_end - rest_from
    if window < 0 or not todo:
        fitted: list[int | None] = [i.minutes for i in todo]
        seen.over = max(0, seen.unchanged_end - seen.booked_end)
    else:
        try:
            fitted = fit(_spans(todo), window)
        except SlotTooShort:
            fitted = _shortest(todo)
            seen.over = rest_from + sum(m or 0 for m in fitted) - seen.booked_end
    at, new = rest_from, dict(zip((i.position for i in todo), fitted, strict=True))
    for item in coming:
        minutes = new.get(item.position)
        seen.rest.append((item, at, minutes))
        at += minutes or 0
        if not item.skipped and minutes != item.minutes:
            seen.changes.append(Change(item, minutes))
    seen.projected_end = at


def _shortest(todo: list[Item]) -> list[int | None]:
    """Every cut fitting may make: optional blocks out, flex at its least, long breaks
    down to ten minutes (the day still runs over)."""
    out: list[int | None] = []
    for span, item in zip(_spans(todo), todo, strict=True):
        out.append(None if item.optional and not item.is_break else span.floor)
    if all(m is None for m, i in zip(out, todo, strict=True) if not i.is_break):
        out[-1] = _spans(todo)[-1].floor  # never the last block of all
    return out
