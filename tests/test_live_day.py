"""The session day's logic: what each press does, and the rest of the day re-timed as
``fit`` would (flex first, then optional blocks left out, then long breaks shortened)."""

from __future__ import annotations

import time

from werkvorm.live.day import Item, Run, outlook, press, skippable


def _at(hhmm: str) -> float:
    """Epoch seconds of a local clock time on 3 December 2026."""
    h, m = map(int, hhmm.split(":"))
    return time.mktime((2026, 12, 3, h, m, 0, 0, 0, -1))


def _run(*items: Item, start: int = 9 * 60, end: int = 10 * 60 + 40) -> Run:
    return Run(1, "c/w", "w", "c", "T", "nl", "2026-12-03", 0.0, "t", "s", start, end, items)


ITEMS = (
    Item(0, "welkom", "Welkom", False, False, 20, 20, 20),
    Item(1, "oefenen", "Oefenen", False, False, 30, 20, 40),
    Item(2, "pauze", "Pauze", True, False, 15, 15, 15),
    Item(3, "extra", "Extra", False, True, 20, 20, 20),
    Item(4, "afsluiting", "Afsluiting", False, False, 15, 15, 15),
)


def test_start_next_and_five_minutes() -> None:
    run = press(_run(*ITEMS), "start", _at("09:00"))
    assert run.current == 0 and run.items[0].started == _at("09:00")
    assert press(run, "start", _at("09:05")) == run  # a second start changes nothing
    run = press(run, "plus5", _at("09:10"))
    assert run.items[0].minutes == 25
    run = press(run, "minus5", _at("09:10"))
    run = press(run, "minus5", _at("09:10"))
    assert run.items[0].minutes == 15
    run = press(run, "next", _at("09:16"))
    assert run.current == 1 and run.items[0].ended == run.items[1].started == _at("09:16")


def test_skip_leaves_out_the_next_optional_block_and_next_passes_it() -> None:
    run = press(_run(*ITEMS), "start", _at("09:00"))
    assert skippable(run) == ITEMS[3]
    run = press(run, "skip", _at("09:01"))
    assert run.items[3].skipped and skippable(run) is None
    assert press(run, "skip", _at("09:02")) == run
    for t in ("09:20", "09:50", "10:05"):
        run = press(run, "next", _at(t))
    assert run.current == 4
    run = press(run, "next", _at("10:20"))
    assert run.finished
    assert press(run, "next", _at("10:30")) == run


def test_on_time_the_day_ends_at_the_booked_end() -> None:
    run = press(_run(*ITEMS), "start", _at("09:00"))
    seen = outlook(run, _at("09:10"))
    assert (seen.current_end, seen.behind, seen.projected_end, seen.changes) == (
        9 * 60 + 20,
        0,
        640,
        [],
    )


def test_running_late_shrinks_flex_first() -> None:
    run = press(_run(*ITEMS), "start", _at("09:00"))
    run = press(run, "plus5", _at("09:15"))
    seen = outlook(run, _at("09:15"))
    assert seen.behind == 5 and seen.unchanged_end == 645
    assert [(c.item.item, c.minutes) for c in seen.changes] == [("oefenen", 25)]
    assert seen.projected_end == 640 and seen.over == 0


def test_running_very_late_drops_the_optional_block_then_shortens_the_break() -> None:
    run = press(_run(*ITEMS), "start", _at("09:00"))
    seen = outlook(run, _at("09:45"))  # 25 minutes over in the first block
    assert seen.behind == 25
    assert [(c.item.item, c.minutes) for c in seen.changes] == [("oefenen", 25), ("extra", None)]
    seen = outlook(run, _at("10:00"))
    changes = [(c.item.item, c.minutes) for c in seen.changes]
    assert changes == [("oefenen", 20), ("pauze", 10), ("extra", None)]
    assert seen.projected_end == 10 * 60 + 45 and seen.over == 5


def test_before_the_start_the_plan_is_shown_from_the_booked_start() -> None:
    seen = outlook(_run(*ITEMS), _at("08:30"))
    assert seen.current is None and seen.projected_end == 640
    assert [start for _, start, _ in seen.rest] == [540, 560, 590, 605, 625]
