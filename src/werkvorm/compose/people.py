"""Participants with safe, unique file names for their personal copies."""

from __future__ import annotations

from werkvorm.compose.session import SessionParticipant
from werkvorm.names import slugify
from werkvorm.schema.participants import Participant

RESERVED_FILES = {"certificates", "all-handouts", "all-handouts-booklet", "sign-in", "badges"}


def session_participants(people: list[Participant]) -> list[SessionParticipant]:
    """Participants with safe, unique file names (``jan-jansen``, ``jan-jansen-2``)."""
    out: list[SessionParticipant] = []
    used: set[str] = set(RESERVED_FILES)
    for person in people:
        base = slugify(person.name, fallback="deelnemer")[:50].rstrip("-")
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out.append(
            SessionParticipant(
                name=person.name, organisation=person.organisation, email=person.email, slug=slug
            )
        )
    return out
