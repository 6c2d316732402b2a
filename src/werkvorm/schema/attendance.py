"""A programme's attendance list: who was at which session.

A list as Excel saves it (read as a participant list is, ``schema.participant_files``):
a name column (``naam``/``name``, or first and last name), optionally ``organisatie``,
and one column per session date (``2027-03-02``, or ``2-3-2027`` as Dutch spreadsheets
write it), ``x`` or ``1`` for present. Two sessions on one day share that day's column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from werkvorm.errors import InputError, Problem, display_path
from werkvorm.schema.participants import _columns, _name, read_table


@dataclass
class Attendance:
    """Who attended which session (by session index), read from the attendance list."""

    people: list[tuple[str, str, frozenset[int]]] = field(default_factory=list)  # name, org, held
    warnings: list[Problem] = field(default_factory=list)


_PRESENT = {"x", "1"}
_ABSENT = {"", "0", "-"}
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def column_date(text: str) -> dt.date | None:
    """A column header as a date: 2027-03-02 (or 2027-03-02 00:00:00 from a workbook),
    or day first as Dutch spreadsheets write it: 2-3-2027, 02/03/2027."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d\d-\d\d( 00:00(:00)?)?", text):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _header_date(text: str) -> dt.date | None:
    found = column_date(text)
    if found is not None:
        return found
    match = _DAY_FIRST.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def read_attendance(path: Path, dates: list[dt.date]) -> Attendance:
    """Who was there: a name column (as in a participant list) and one column per
    session date, x or 1 for present. A date column of no session is an error; a
    session without a column is a warning (nobody counted present)."""
    name = display_path(path)
    rows = [(n, cells) for n, cells in read_table(path).rows if any(c.strip() for c in cells)]
    if not rows:
        raise InputError(
            f"{name} is empty",
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "the list is empty: the first line names the columns "
                    "(naam and one column per session date, like 2027-03-02)",
                )
            ],
        )
    line, header = rows[0]
    columns, warnings = _columns(name, line, header)
    days: dict[dt.date, list[int]] = {}
    for i, day in enumerate(dates):
        days.setdefault(day, []).append(i)
    held, problems = _date_columns(name, line, header, days)
    covered = {i for sessions in held.values() for i in sessions}
    for i, day in enumerate(dates):
        if i not in covered:
            problems.append(
                Problem(
                    name,
                    line,
                    1,
                    "",
                    f"no column for session {i + 1} ({day}): everyone counts as "
                    f"absent; add a column '{day}' (leave it empty until the session "
                    "is held)",
                    "warning",
                )
            )
    attendance = Attendance(warnings=warnings + [p for p in problems if p.severity == "warning"])
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(f"{name} does not match the programme's sessions", errors)
    for n, cells in rows[1:]:
        person, _raw = _name(columns, cells)
        if not person:
            continue
        org = columns.get("organisation")
        organisation = cells[org].strip() if org is not None and org < len(cells) else ""
        present = _present(name, n, cells, held, attendance.warnings)
        attendance.people.append((person, organisation, frozenset(present)))
    return attendance


def _date_columns(
    name: str, line: int, header: list[str], days: dict[dt.date, list[int]]
) -> tuple[dict[int, list[int]], list[Problem]]:
    """The sessions of each date column (column index → session indexes: two sessions on
    one day share a column)."""
    held: dict[int, list[int]] = {}
    problems: list[Problem] = []
    listed = ", ".join(str(d) for d in days)
    for c, text in enumerate(header):
        day = _header_date(text)
        if day is None:
            continue
        if day not in days:
            problems.append(
                Problem(
                    name,
                    line,
                    c + 1,
                    f"column {c + 1}",
                    f"'{text.strip()}' is not the date of a session of the programme "
                    f"({listed}): correct the date here or in the programme",
                )
            )
        else:
            held[c] = days[day]
    return held, problems


def _present(
    name: str, line: int, cells: list[str], held: dict[int, list[int]], warnings: list[Problem]
) -> set[int]:
    present: set[int] = set()
    for c, sessions in held.items():
        mark = cells[c].strip().lower() if c < len(cells) else ""
        if mark in _PRESENT:
            present.update(sessions)
        elif mark not in _ABSENT:
            warnings.append(
                Problem(
                    name,
                    line,
                    c + 1,
                    f"column {c + 1}",
                    f"'{cells[c].strip()}' read as absent: write x or 1 for present, "
                    "leave the cell empty for absent",
                    "warning",
                )
            )
    return present
