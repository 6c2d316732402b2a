"""Fit an agenda into a booked slot: the arithmetic only, on plain numbers.

The order is the trainer's: first every block with ``flex`` stretches or shrinks within
its bounds, in proportion to its room; then optional blocks are dropped, the last one
first, only as many as needed; only then are breaks longer than ten minutes shortened,
never below ten. A slot that still cannot be met raises :class:`SlotTooShort` with the
fewest minutes the agenda needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_BREAK = 10  # fitting never shortens a break below this, nor touches a shorter one


@dataclass(frozen=True)
class Span:
    """One agenda item as fitting sees it."""

    minutes: int
    low: int  # fewest minutes (flex min, or the minutes themselves)
    high: int  # most minutes (flex max, or the minutes themselves)
    optional: bool = False
    is_break: bool = False

    @property
    def floor(self) -> int:
        """The fewest minutes this item can take while it stays in the agenda."""
        if self.is_break:
            return min(self.minutes, MIN_BREAK)
        return self.low


class SlotTooShort(Exception):
    """Even at its shortest the agenda does not fit: ``needed`` minutes at least."""

    def __init__(self, needed: int, kept: list[int]) -> None:
        super().__init__(f"needs at least {needed} minutes")
        self.needed = needed
        self.kept = kept  # the items that remain at the shortest: the ones ``needed`` adds up


def fit(spans: Sequence[Span], window: int) -> list[int | None]:
    """Each item's minutes in the slot of ``window`` minutes (None: dropped).

    The result fills the window exactly when the bounds allow it; otherwise it is as close
    as the bounds allow (shorter than the window: the caller says so)."""
    optional = [i for i, s in enumerate(spans) if s.optional and not s.is_break]
    # Drop at most every optional block, but never the last block of all.
    most = len(optional) - (not any(not s.is_break and not s.optional for s in spans))
    for k in range(most + 1):
        dropped = set(optional[len(optional) - k :])
        kept = [i for i in range(len(spans)) if i not in dropped]
        items = [spans[i] for i in kept]
        if sum(s.minutes if s.is_break else s.low for s in items) <= window:
            return _place(len(spans), kept, _flex(items, window))
        if k == most and sum(s.floor for s in items) <= window:
            return _place(len(spans), kept, _shorten_breaks(items, window))
    raise SlotTooShort(sum(s.floor for s in items), kept)


def _place(size: int, kept: list[int], minutes: list[int]) -> list[int | None]:
    out: list[int | None] = [None] * size
    for i, m in zip(kept, minutes, strict=True):
        out[i] = m
    return out


def _flex(spans: list[Span], window: int) -> list[int]:
    """Blocks stretched or shrunk toward ``window`` within their bounds; breaks as they are."""
    total = sum(s.minutes for s in spans)
    if total > window:
        rooms = [0 if s.is_break else s.minutes - s.low for s in spans]
        return [s.minutes - d for s, d in zip(spans, share(total - window, rooms), strict=True)]
    rooms = [0 if s.is_break else s.high - s.minutes for s in spans]
    return [s.minutes + d for s, d in zip(spans, share(window - total, rooms), strict=True)]


def _shorten_breaks(spans: list[Span], window: int) -> list[int]:
    """Blocks at their shortest, breaks shortened toward ten minutes to meet ``window``."""
    at_low = [s.minutes if s.is_break else s.low for s in spans]
    rooms = [s.minutes - s.floor if s.is_break else 0 for s in spans]
    cut = share(sum(at_low) - window, rooms)
    return [m - d for m, d in zip(at_low, cut, strict=True)]


def share(amount: int, rooms: Sequence[int]) -> list[int]:
    """``amount`` whole minutes spread over ``rooms`` in proportion, none over its room.

    Largest remainders get the odd minutes (earlier items first on a tie), so the parts
    add up exactly to ``min(amount, sum(rooms))``."""
    total = sum(rooms)
    amount = min(amount, total)
    if amount <= 0:
        return [0] * len(rooms)
    parts = [amount * r // total for r in rooms]
    order = sorted(range(len(rooms)), key=lambda i: (-(amount * rooms[i] % total), i))
    for i in order[: amount - sum(parts)]:
        parts[i] += 1
    return parts
