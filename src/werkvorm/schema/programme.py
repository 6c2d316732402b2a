"""Programmes (workshops/programmes/*.yaml): several sessions for one client, one binder.

A programme names a client profile (logo, colours, language, template, participants) and
the sessions it buys, each a workshop on a date; the client's own ``session:``,
``omit:`` and ``minutes:`` are replaced per session. Loading checks what the file alone
can tell (the client and every workshop exist, the dates in order, no overlap, the
attendance list's columns against the sessions); fitting a session to its slot is
compose's (``compose.programme``). Each field's ``description`` is the editor's hover
help and the field reference.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator

from werkvorm.errors import InputError, Problem, display_path
from werkvorm.project.folder import placed
from werkvorm.schema.attendance import Attendance, read_attendance
from werkvorm.schema.load import _validate as validate
from werkvorm.schema.paths import require_inside, resolve_inside, workshop_reference
from werkvorm.schema.profiles import Section, Strict, _nullable
from werkvorm.schema.source import Document, read_document
from werkvorm.schema.types import Clock, Minutes

MAX_SESSIONS = 30
# The zone of a programme that does not name one, by the client's language.
ZONES = {"nl": "Europe/Amsterdam", "nl-BE": "Europe/Brussels", "en": "Europe/London"}


ZONE_PATTERN = r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2}$"  # Europe/Amsterdam, America/Argentina/Salta


def _zone(value: Any) -> Any:
    """An IANA time zone name, as Outlook, Google and Apple Calendar know them."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str) or not re.fullmatch(ZONE_PATTERN, value):
        raise ValueError(
            "must be a time zone name like Europe/Amsterdam or Europe/Brussels "
            "(the IANA name, not CET or +01:00)"
        )
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"'{value}' is not a time zone this computer knows: write it like "
            "Europe/Amsterdam, Europe/Brussels or Europe/London"
        ) from None
    return value


class ProgrammeSession(Strict):
    """One session of the programme: a workshop on a day, fitted as for a client."""

    workshop: str = Field(
        description="The workshop of this session: a file stem in workshops/.",
        examples=["kanteling"],
    )
    date: dt.date = Field(
        description="The day, as year-month-day.",
        examples=["2027-03-02"],
        json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"},  # editors check no format
    )
    start: Clock = Field(
        description='The start time, in quotes: "09:30". Gives the agenda clock times '
        "and the calendar event.",
        examples=["09:30"],
    )
    end: Clock | None = Field(
        default=None,
        description='The end time, in quotes: "16:30". The agenda is fitted into this '
        "slot, as for a client; without it the session takes the workshop's own length.",
        examples=["16:30"],
    )
    location: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Where this session is; the client's location when left out.",
        examples=["Stadhuis, zaal 3"],
    )
    omit: list[str] = Field(
        default_factory=list,
        description="Block ids to leave out of this session, as in a client profile.",
        examples=[["gelijkgestemden"]],
    )
    minutes: dict[str, Minutes] = Field(
        default_factory=dict,
        description="Re-time blocks of this session by id, as in a client profile: "
        "{naar-het-werk: 40}.",
        examples=[{"naar-het-werk": 40}],
    )


class ProgrammeCertificate(Strict):
    """Who gets the programme certificate."""

    min_sessions: int | None = Field(
        default=None,
        ge=1,
        le=MAX_SESSIONS,
        description="The sessions a participant must have attended (per the attendance "
        "list) for the programme certificate; default: all of them.",
        examples=[2],
    )


class Programme(Strict):
    """A programme in workshops/programmes/: several sessions for one client."""

    title: str = Field(
        min_length=1,
        max_length=120,
        description="The programme's name, on the binder, the calendar and the certificate.",
        examples=["Leergang sociale media"],
    )
    subtitle: str | None = Field(
        default=None,
        max_length=200,
        description="A line under the title on the binder's cover.",
        examples=["Drie dagdelen voor communicatieadviseurs"],
    )
    client: str = Field(
        description="The client profile: a file stem in workshops/clients/ (logo, colours, "
        "language, template, participants).",
        examples=["gemeente-lindewaard"],
    )
    timezone: str | None = Field(
        default=None,
        description="The time zone of the session times, for the calendar; from the "
        "client's language when left out (nl: Europe/Amsterdam, nl-BE: Europe/Brussels, "
        "en: Europe/London).",
        examples=["Europe/Amsterdam"],
        json_schema_extra={"pattern": ZONE_PATTERN},
    )
    sessions: list[ProgrammeSession] = Field(
        min_length=1,
        max_length=MAX_SESSIONS,
        description="The sessions, in the order they are held, each a workshop on a date.",
        examples=[[{"workshop": "kanteling", "date": "2027-03-02", "start": "09:30"}]],
    )
    attendance: str | None = Field(
        default=None,
        description="Who was there (.csv or .xlsx), relative to this file: a name column and "
        "one column per session date (2027-03-02), x or 1 = present.",
        examples=["aanwezigheid.csv"],
    )
    certificate: Section[ProgrammeCertificate] = Field(
        json_schema_extra=_nullable,
        default_factory=ProgrammeCertificate,
        description="The programme certificate: min_sessions, the sessions a participant "
        "must have attended.",
        examples=[{"min_sessions": 2}],
    )

    @field_validator("timezone", mode="before")
    @classmethod
    def _known_zone(cls, value: Any) -> Any:
        return None if value is None else _zone(value)


# ---------------------------------------------------------------- loading


@dataclass
class LoadedProgramme:
    """A validated programme: its client profile and workshops exist; the attendance
    list, if any, is read and matches the sessions."""

    stem: str
    doc: Document
    programme: Programme
    client_path: Path
    workshop_paths: list[Path]
    attendance_path: Path | None = None
    attendance: Attendance | None = None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.doc.name


def load_programme(path: Path, workshops: Path) -> LoadedProgramme:
    """Read and validate a programme; every problem of the file at once, or a result.

    ``workshops`` is the project's ``workshops/``: the client comes from its
    ``clients/``, each session's workshop from it, the attendance list from the
    programme's own folder."""
    path = placed(path)
    root = path.parent
    require_inside(path, root, what="programme")
    doc = read_document(path)
    problems: list[Problem] = []
    programme: Programme | None = validate(doc, Programme, problems)
    if programme is None:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    client = _client_path(doc, programme.client, workshops / "clients", problems)
    paths: list[Path] = []
    for i, session in enumerate(programme.sessions):
        own: list[Problem] = []
        found = workshop_reference(doc, session.workshop, workshops, own)
        problems += [doc.problem(("sessions", i, "workshop"), p.message) for p in own]
        paths.append(found or workshops / f"{session.workshop}.yaml")
    problems += order_problems(doc, programme)
    wanted = programme.certificate.min_sessions
    if wanted is not None and wanted > len(programme.sessions):
        problems.append(
            doc.problem(
                ("certificate", "min_sessions"),
                f"is {wanted}, but the programme has {len(programme.sessions)} session(s): "
                f"make it at most {len(programme.sessions)}",
            )
        )
    loaded = LoadedProgramme(path.stem, doc, programme, client or path, paths)
    if programme.attendance:
        where = ("attendance",)
        loaded.attendance_path = resolve_inside(
            doc, where, programme.attendance, root, problems, what="attendance list"
        )
    if loaded.attendance_path is not None:
        try:
            loaded.attendance = read_attendance(
                loaded.attendance_path, [p.date for p in programme.sessions]
            )
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    loaded.warnings = past_warnings(doc, programme, dt.date.today())
    if loaded.attendance is not None:
        loaded.warnings += loaded.attendance.warnings
    return loaded


def _client_path(doc: Document, name: str, clients: Path, problems: list[Problem]) -> Path | None:
    stem = name.removesuffix(".yaml").removesuffix(".yml")
    candidate = clients / f"{stem}.yaml"
    if "/" in name or "\\" in name or not candidate.is_file():
        known = sorted(p.stem for p in clients.glob("*.yaml") if p.is_file())
        problems.append(
            doc.problem(
                ("client",),
                f"there is no client '{name}' in {display_path(clients)}/ (clients: "
                f"{', '.join(known) or 'none yet'}): name a client profile's file stem",
            )
        )
        return None
    return placed(candidate)


def minutes_of(clock: str) -> int:
    hours, minutes = re.split(r"[:.]", clock.strip())
    return int(hours) * 60 + int(minutes)


def order_problems(doc: Document, programme: Programme) -> list[Problem]:
    """Sessions out of order, or one starting before the one before it has ended."""
    problems = []
    sessions = programme.sessions
    for i in range(1, len(sessions)):
        before, now = sessions[i - 1], sessions[i]
        here = ("sessions", i, "date")
        if now.date < before.date:
            problems.append(
                doc.problem(
                    here,
                    f"{now.date} comes before session {i}'s date ({before.date}): list the "
                    "sessions in the order they are held",
                )
            )
        elif (
            now.date == before.date
            and before.end
            and minutes_of(now.start) < minutes_of(before.end)
        ):
            problems.append(
                doc.problem(
                    ("sessions", i, "start"),
                    f"starts at {now.start}, before session {i} ends ({before.end}) on the "
                    f"same day: start at {before.end} or later",
                )
            )
        elif now.date == before.date and minutes_of(now.start) <= minutes_of(before.start):
            problems.append(
                doc.problem(
                    ("sessions", i, "start"),
                    f"starts at {now.start}, not after session {i} ({before.start}) on the "
                    "same day: list the sessions in the order they are held",
                )
            )
    return problems


def past_warnings(doc: Document, programme: Programme, today: dt.date) -> list[Problem]:
    """A session dated before today: a typo in the year, or a programme being reissued."""
    return [
        doc.problem(
            ("sessions", i, "date"),
            f"{s.date} is in the past: check the year (fine for a programme already held)",
            severity="warning",
        )
        for i, s in enumerate(programme.sessions)
        if s.date < today
    ]
