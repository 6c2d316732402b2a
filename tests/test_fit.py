"""The arithmetic of fitting an agenda into a booked slot, on plain numbers."""

from __future__ import annotations

import pytest

from werkvorm.compose.fit import SlotTooShort, Span, fit, share


def block(minutes: int, low: int | None = None, high: int | None = None, **kw: bool) -> Span:
    return Span(minutes, minutes if low is None else low, minutes if high is None else high, **kw)


def brk(minutes: int) -> Span:
    return Span(minutes, minutes, minutes, is_break=True)


def test_share_is_proportional_and_adds_up_exactly() -> None:
    assert share(20, [20, 10]) == [13, 7]
    assert share(10, [5, 5, 5]) == [4, 3, 3]  # the odd minute goes to the earliest
    assert sum(share(17, [3, 11, 40])) == 17


def test_share_never_exceeds_a_room() -> None:
    assert share(50, [10, 5]) == [10, 5]
    assert share(5, [0, 0]) == [0, 0]


def test_a_window_that_fits_changes_nothing() -> None:
    assert fit([block(30, 20, 40), brk(15), block(30)], 75) == [30, 15, 30]


def test_only_flex_blocks_stretch_and_breaks_stay() -> None:
    assert fit([block(30, 20, 40), brk(15), block(30)], 80) == [35, 15, 30]


def test_stretching_stops_at_flex_max() -> None:
    assert fit([block(30, 20, 40), brk(15), block(30)], 120) == [40, 15, 30]


def test_shrinking_comes_before_dropping() -> None:
    spans = [block(30, 20, 40), block(20, optional=True), block(30)]
    assert fit(spans, 70) == [20, 20, 30]


def test_the_last_optional_block_is_dropped_first() -> None:
    spans = [block(20, optional=True), block(30), block(20, optional=True)]
    assert fit(spans, 50) == [20, 30, None]
    assert fit(spans, 30) == [None, 30, None]


def test_after_dropping_flex_fills_the_room_that_freed_up() -> None:
    spans = [block(30, 20, 45), block(30, optional=True)]
    assert fit(spans, 40) == [40, None]


def test_breaks_shorten_last_and_not_below_ten_minutes() -> None:
    assert fit([block(30), brk(20), block(30)], 70) == [30, 10, 30]
    assert fit([block(30), brk(20), block(30)], 75) == [30, 15, 30]
    assert fit([block(30), brk(8), brk(20), block(30)], 78) == [30, 8, 10, 30]


def test_a_break_under_ten_minutes_is_never_touched() -> None:
    with pytest.raises(SlotTooShort) as info:
        fit([block(30), brk(8), block(30)], 66)
    assert info.value.needed == 68


def test_the_last_block_is_never_dropped() -> None:
    with pytest.raises(SlotTooShort) as info:
        fit([block(30, optional=True), block(40, optional=True)], 20)
    assert info.value.needed == 30


def test_too_short_reports_the_fewest_minutes_needed() -> None:
    spans = [block(40, 30, 60), brk(15), block(30, optional=True), block(30, 20, 40)]
    with pytest.raises(SlotTooShort) as info:
        fit(spans, 55)
    assert info.value.needed == 60  # 30 + 10 + 20, the optional block dropped
