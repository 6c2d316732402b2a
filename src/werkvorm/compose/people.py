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


# Dutch, Flemish and German name particles: a sign-in sheet sorts "Anna van der Berg"
# under B ("Berg, van der"), as a Dutch list does (written lower case: a Flemish
# "Van Damme", capitalised, is part of the surname and sorts under V).
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "ten",
        "te",
        "'t",
        "op",
        "in",
        "aan",
        "bij",
        "uit",
        "la",
        "le",
        "du",
        "da",
        "di",
        "von",
        "zu",
    ]
)


def split_surname(name: str) -> tuple[str, str]:
    """``name`` as (what comes before the surname, the surname): "Anna van der" and
    "Berg". The surname starts after the first lower-case particle run that follows a
    given name; without one it is the last word (with a capitalised particle before it:
    "El Amrani", "Van Damme"). A one-word name is all surname."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    for i in range(1, len(words) - 1):
        if words[i] in PARTICLES:
            j = i
            while j < len(words) - 1 and words[j] in PARTICLES:
                j += 1
            return " ".join(words[:j]), " ".join(words[j:])
    start = len(words) - 1
    if start > 1 and words[start - 1].lower() in PARTICLES | {"el", "al", "ben", "bin"}:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def surname_key(name: str) -> tuple[str, str]:
    """Sort key: the surname without particles, then the whole name (case-folded)."""
    _, surname = split_surname(name)
    return surname.casefold(), name.casefold()


def short_name(name: str) -> str:
    """``name`` as its first name and surname, the surname's particles kept and any names
    between dropped: "Maximiliaan Alexander van der Berg" → "Maximiliaan van der Berg".
    A name of one or two words is returned as it is."""
    before, surname = split_surname(" ".join(name.split()))
    given = before.split()
    if len(given) <= 1:
        return " ".join(name.split())
    particles: list[str] = []
    while len(given) > 1 and given[-1] in PARTICLES:
        particles.insert(0, given.pop())
    return " ".join([given[0], *particles, surname])
