"""Clock arithmetic: minutes since midnight and the times printed on the agenda."""

from __future__ import annotations


def clock(minutes: int, has_clock: bool) -> str:
    """``09:30`` on a clock; without a start time, the time since the start (``1:05``)."""
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}" if has_clock else f"{hours}:{mins:02d}"


def to_minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def day_part(start: int, end: int) -> str:
    """The label key for the part of the day a session sits in, or "" for a longer one."""
    if end <= 13 * 60:
        return "day_morning"
    if start >= 17 * 60:
        return "day_evening"
    if start >= 12 * 60 and end <= 18 * 60:
        return "day_afternoon"
    return ""
