"""A programme's calendar: ``programme.ics`` with one event per session, and one ``.ics``
per session, for Outlook, Google Calendar and Apple Calendar.

Times are local times with their zone (``DTSTART;TZID=Europe/Amsterdam``) and the zone
itself is in the file (a ``VTIMEZONE`` covering the programme's years), as RFC 5545 asks
and Outlook needs. Each event's ``UID`` is made from the client, the programme and the
session's workshop, never from its date or place: a re-issued calendar (a session moved)
updates the events already imported instead of adding them twice. ``DTSTAMP`` is fixed, so
the same programme gives the same bytes. icalendar is imported here only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from werkvorm.compose.programme import ComposedProgramme, Part

if TYPE_CHECKING:
    from icalendar import Calendar

STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
PRODID = "-//werkvorm//programme//EN"


def uids(programme: ComposedProgramme) -> list[str]:
    """One stable id per session: client, programme, workshop (and its repeat number when
    a workshop comes back in the same programme)."""
    seen: Counter[str] = Counter()
    out = []
    for part in programme.parts:
        seen[part.workshop] += 1
        again = f"-{seen[part.workshop]}" if seen[part.workshop] > 1 else ""
        out.append(f"{programme.client_id}.{programme.stem}.{part.workshop}{again}@werkvorm")
    return out


def _at(day: str, clock: str, zone: Any) -> dt.datetime:
    hours, minutes = (int(x) for x in clock.replace(".", ":").split(":"))
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hours, minutes), zone)


def _description(programme: ComposedProgramme, part: Part) -> str:
    words = programme.words
    head = f"{words['series'].format(n=part.number, total=len(programme.parts))} · "
    lines = [head + programme.title]
    if part.goals:
        lines += ["", f"{words['goals']}:", *(f"- {g}" for g in part.goals)]
    return "\n".join(lines)


def _event(programme: ComposedProgramme, part: Part, uid: str) -> Any:
    from zoneinfo import ZoneInfo

    from icalendar import Event

    zone = ZoneInfo(programme.timezone)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", STAMP)
    event.add("sequence", 0)
    event.add("dtstart", _at(part.date, part.start, zone))
    event.add("dtend", _at(part.date, part.end, zone))
    event.add("summary", f"{programme.title}: {part.title} ({part.number}/{len(programme.parts)})")
    if part.location:
        event.add("location", part.location)
    event.add("description", _description(programme, part))
    event.add("transp", "OPAQUE")
    return event


def _calendar(programme: ComposedProgramme, parts: list[tuple[Part, str]]) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", programme.title)
    calendar.add("x-wr-timezone", programme.timezone)
    for part, uid in parts:
        calendar.add_component(_event(programme, part, uid))
    years = [int(part.date[:4]) for part, _ in parts]
    calendar.add_missing_timezones(
        first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years), 12, 31)
    )
    return calendar


def _bytes(calendar: Calendar) -> bytes:
    data: bytes = calendar.to_ical()
    return data


def programme_ics(programme: ComposedProgramme) -> bytes:
    """Every session of the programme, one event each."""
    return _bytes(_calendar(programme, list(zip(programme.parts, uids(programme), strict=True))))


def session_ics(programme: ComposedProgramme) -> dict[str, bytes]:
    """One calendar per session, by file name in the session's folder: the same event,
    with the same UID, as in programme.ics."""
    return {
        f"{part.folder}/{part.folder}.ics": _bytes(_calendar(programme, [(part, uid)]))
        for part, uid in zip(programme.parts, uids(programme), strict=True)
    }
