"""A programme composed: every session fitted as for its client, marked with its place in
the series, and what the binder, the calendar and the certificates print.

Pure, like the rest of ``compose``: the files were read by ``schema.programme`` and
``schema.load``. A session is the client's profile with the programme's date, times,
place, ``omit`` and ``minutes`` put in its place, composed as that client's kit would
be; a later session's first block opens with the previous session's takeaways.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from pydantic import BaseModel, ConfigDict

from werkvorm.compose import compose
from werkvorm.compose.labels import long_date
from werkvorm.compose.people import surname_key
from werkvorm.compose.session import Session, SessionItem, SessionSlide, duration_text
from werkvorm.errors import InputError, Problem
from werkvorm.names import slugify
from werkvorm.schema.load import LoadedClient, LoadedWorkshop
from werkvorm.schema.models import SessionInfo
from werkvorm.schema.programme import ZONES, LoadedProgramme, ProgrammeSession, minutes_of

RECAP_LINES = 5  # the takeaways recalled on the opening slide, at most

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "series": "Sessie {n} van {total}",
        "recap": "Terugblik op sessie {n}",
        "recap_cue": "Open met een terugblik op sessie {n} ({title}): vraag wat deelnemers "
        "sindsdien hebben toegepast.",
        "programme": "Leergang",
        "at_a_glance": "Het programma in één oogopslag",
        "contents": "Inhoud",
        "sources": "Bronnen",
        "session": "Sessie",
        "when": "Wanneer",
        "where": "Waar",
        "goals": "Doelen",
        "certificate": "Certificaat",
        "took_part": "heeft deelgenomen aan de leergang",
        "attended": "Bijgewoonde sessies",
        "total": "Totaal",
        "length": "Duur",
        "page": "blz.",
        "sessions_of": "{n} van {total} sessies",
    },
    "en": {
        "series": "Session {n} of {total}",
        "recap": "Looking back at session {n}",
        "recap_cue": "Open by looking back at session {n} ({title}): ask what participants "
        "have put to use since.",
        "programme": "Programme",
        "at_a_glance": "The programme at a glance",
        "contents": "Contents",
        "sources": "Sources",
        "session": "Session",
        "when": "When",
        "where": "Where",
        "goals": "Goals",
        "certificate": "Certificate",
        "took_part": "has taken part in the programme",
        "attended": "Sessions attended",
        "total": "Total",
        "length": "Length",
        "page": "p.",
        "sessions_of": "{n} of {total} sessions",
    },
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Part(_Model):
    """One session as the binder, the calendar and a certificate name it."""

    number: int
    folder: str  # "01-kanteling"
    workshop: str
    title: str
    date: str  # ISO
    date_text: str
    start: str
    end: str
    minutes: int
    location: str
    goals: list[str] = []
    hours_text: str = ""  # its length in words: "2 uur en 45 minuten"


class Attendee(_Model):
    name: str
    organisation: str = ""
    attended: list[int] = []  # session numbers, from 1

    @property
    def slug(self) -> str:
        return slugify(self.name, fallback="deelnemer")


class ComposedProgramme(_Model):
    """Everything a programme's own documents print; ``sessions`` are the kits' Sessions."""

    stem: str
    title: str
    subtitle: str = ""
    client: str
    client_id: str
    timezone: str
    language: str
    words: dict[str, str]
    sessions: list[Session]
    parts: list[Part]
    attendees: list[Attendee] = []
    has_attendance: bool = False
    min_sessions: int

    @property
    def qualified(self) -> list[Attendee]:
        """Who attended enough sessions for a certificate, in sign-in order (by surname
        without particles), as the certificates are printed."""
        enough = [a for a in self.attendees if len(a.attended) >= self.min_sessions]
        return sorted(enough, key=lambda a: surname_key(a.name))

    @property
    def not_qualified(self) -> list[Attendee]:
        return [a for a in self.attendees if len(a.attended) < self.min_sessions]

    def hours_text(self, attendee: Attendee) -> str:
        minutes = sum(self.parts[n - 1].minutes for n in attendee.attended)
        return duration_text(minutes, self.language)


@dataclass
class ProgrammeInputs:
    """A loaded programme with its client and each session's workshop."""

    programme: LoadedProgramme
    client: LoadedClient
    workshops: list[LoadedWorkshop] = field(default_factory=list)


def session_client(client: LoadedClient, planned: ProgrammeSession) -> LoadedClient:
    """The client's profile as it would read for this one session."""
    own = client.client
    booked = SessionInfo(
        date=planned.date,
        start=planned.start,
        end=planned.end,
        location=planned.location or own.session.location,
        facilitator=own.session.facilitator,
        participants=own.session.participants,
    )
    profile = own.model_copy(
        update={
            "workshop": planned.workshop,
            "session": booked,
            "omit": list(planned.omit),
            "minutes": dict(planned.minutes),
        }
    )
    return replace(client, client=profile)


def compose_sessions(inputs: ProgrammeInputs) -> list[Session]:
    """Each session composed as for a client, marked and recalling the one before.

    Problems of all sessions are reported together, and what the client profile would
    be blamed for (its slot, omit, minutes) is said at the session's line in the
    programme: an omitted block that does not exist, a slot too short."""
    loaded = inputs.programme
    planned = loaded.programme.sessions
    sessions: list[Session] = []
    problems: list[Problem] = []
    client = inputs.client.doc.name
    for i, (workshop, wanted) in enumerate(zip(inputs.workshops, planned, strict=True)):
        try:
            session = compose(workshop, session_client(inputs.client, wanted))
        except InputError as exc:
            problems += [at_session(loaded, i, p, client) for p in exc.problems]
            continue
        warnings = [at_session(loaded, i, w, client) for w in session.warnings]
        sessions.append(session.model_copy(update={"warnings": warnings}))
    problems += overlaps(loaded, sessions) if not problems else []
    if problems:
        raise InputError(f"{loaded.name} has {len(problems)} problem(s)", problems)
    return [mark(s, i, sessions) for i, s in enumerate(sessions)]


def overlaps(loaded: LoadedProgramme, sessions: list[Session]) -> list[Problem]:
    """A session that starts before the one before it on the same day has ended, by that
    session's agenda (a booked end is checked when the file is loaded)."""
    planned = loaded.programme.sessions
    problems = []
    for i in range(1, len(sessions)):
        before, now = planned[i - 1], planned[i]
        ends = sessions[i - 1].end
        if before.end or now.date != before.date or minutes_of(now.start) >= minutes_of(ends):
            continue
        problems.append(
            loaded.doc.problem(
                ("sessions", i, "start"),
                f"starts at {now.start}, before session {i} ends ({ends}, by its agenda) on "
                f"the same day: start at {ends} or later",
            )
        )
    return problems


_OWN = {"session", "omit", "minutes"}  # what a programme's session puts in the profile


def at_session(loaded: LoadedProgramme, i: int, problem: Problem, client: str) -> Problem:
    """A problem the client profile would be blamed for, said at session ``i``'s line."""
    parts: list[str | int] = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", problem.field):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    if problem.file != client or not parts or parts[0] not in _OWN:
        return problem
    loc = ("sessions", i, *(parts[1:] if parts[0] == "session" else parts))
    moved = loaded.doc.problem(loc, problem.message, severity=problem.severity)
    return moved


def mark(session: Session, i: int, sessions: list[Session]) -> Session:
    """'Sessie 2 van 3', and the previous session's takeaways at the opening."""
    words = WORDS[session.language]
    update: dict[str, object] = {
        "series": words["series"].format(n=i + 1, total=len(sessions)),
    }
    if i > 0 and sessions[i - 1].takeaways and session.blocks:
        update["items"] = recall(session, sessions[i - 1], i, words)
    return session.model_copy(update=update)


def recall(session: Session, before: Session, i: int, words: dict[str, str]) -> list[SessionItem]:
    """The items with the first block opening on the previous session's takeaways: a
    paragraph in the handout, a cue in the guide, a slide in the deck."""
    first = session.blocks[0]
    head = words["recap"].format(n=i)
    lines = before.takeaways
    listed = "\n".join(f"- {line}" for line in lines)
    intro = f"**{head}** ({before.title})\n\n{listed}\n\n{first.intro}".rstrip() + "\n"
    cue = words["recap_cue"].format(n=i, title=before.title)
    slide = SessionSlide(kind="bullets", title=head, bullets=lines[:RECAP_LINES], notes=cue)
    opened = first.model_copy(
        update={
            "intro": intro,
            "facilitator": f"{cue}\n\n{first.facilitator}".rstrip(),
            "slides": [slide, *first.slides],
        }
    )
    return [opened if item is first else item for item in session.items]


def folder_name(number: int, workshop: str) -> str:
    return f"{number:02d}-{slugify(workshop, fallback='sessie')}"


def compose_programme(inputs: ProgrammeInputs, sessions: list[Session]) -> ComposedProgramme:
    """The programme's own documents' data, from its sessions (already composed)."""
    loaded = inputs.programme
    wanted = loaded.programme
    first = sessions[0]
    language = first.language
    parts = [
        Part(
            number=n,
            folder=folder_name(n, s.workshop),
            workshop=s.workshop,
            title=s.title,
            date=s.date,
            date_text=s.date_text or long_date(dt.date.fromisoformat(s.date), language),
            start=s.start,
            end=planned.end or s.end,  # the booked slot, when the programme gives one
            minutes=s.total_minutes,
            location=s.location,
            goals=s.goals,
            hours_text=duration_text(s.total_minutes, language),
        )
        for n, (s, planned) in enumerate(zip(sessions, wanted.sessions, strict=True), 1)
    ]
    attendance = loaded.attendance
    attendees = [
        Attendee(name=name, organisation=org, attended=sorted(i + 1 for i in held))
        for name, org, held in (attendance.people if attendance else [])
    ]
    return ComposedProgramme(
        stem=loaded.stem,
        title=wanted.title,
        subtitle=wanted.subtitle or "",
        client=first.client,
        client_id=inputs.client.stem,
        timezone=wanted.timezone or ZONES.get(first.locale, ZONES["nl"]),
        language=language,
        words=WORDS[language],
        sessions=sessions,
        parts=parts,
        attendees=attendees,
        has_attendance=attendance is not None,
        min_sessions=min(wanted.certificate.min_sessions or len(parts), len(parts)),
    )
