"""Participant lists as Excel really exports them: BOM or not, UTF-8 or Windows-1252,
comma or semicolon, Dutch or English headers, blank lines, duplicates."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from werkvorm.errors import InputError, Problem, display_path

MAX_BYTES = 2_000_000
MAX_ROWS = 2000
HEADERS = {
    "name": ("naam", "name", "volledige naam", "full name", "deelnemer", "participant"),
    "organisation": (
        "organisatie",
        "organisation",
        "organization",
        "bedrijf",
        "company",
        "werkgever",
        "afdeling",
    ),
    "email": ("e-mail", "email", "e-mailadres", "emailadres", "mail", "email address"),
}


@dataclass(frozen=True)
class Participant:
    name: str
    organisation: str = ""
    email: str = ""
    row: int = 0  # line in the file, for messages


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _key(header: str) -> str | None:
    clean = " ".join(header.strip().strip('"').lower().replace("_", " ").split())
    for key, names in HEADERS.items():
        if clean in names:
            return key
    return None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # Drop control and bidirectional-override characters that would garble a certificate.
    return "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()


def read_participants(path: Path) -> tuple[list[Participant], list[Problem]]:
    """The participants, and warnings (duplicates); an InputError for a broken list."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{name} cannot be read", [Problem(name, 0, 0, "", str(exc.strerror))]
        ) from None
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{name} is too large", [Problem(name, 0, 0, "", "a participant list is at most 2 MB")]
        )
    text = _decode(raw)
    lines = text.splitlines()
    header_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_line is None:
        raise InputError(
            f"{name} is empty",
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "the list is empty: the first line names the columns (naam;organisatie;e-mail)",
                )
            ],
        )
    first = lines[header_line]
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        rows = list(
            csv.reader(io.StringIO(text.replace("\0", ""), newline=""), delimiter=delimiter)
        )
    except csv.Error as exc:
        raise InputError(
            f"{name} is not a readable list",
            [
                Problem(
                    name,
                    0,
                    0,
                    "",
                    f"this is not a CSV file Excel could have made ({exc}): export "
                    "the list again as CSV",
                )
            ],
        ) from None

    header = rows[header_line]
    columns = {(_key(h) or f"?{n}"): n for n, h in enumerate(header)}
    if "name" not in columns:
        found = ", ".join(h.strip() for h in header if h.strip()) or "none"
        raise InputError(
            f"{name} has no name column",
            [
                Problem(
                    name,
                    header_line + 1,
                    1,
                    "",
                    f"no column 'naam' or 'name' in the first line "
                    f"(found: {found}); add one, with one participant per row",
                )
            ],
        )
    people: list[Participant] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows[header_line + 1 :], start=header_line + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(people) >= MAX_ROWS:
            problems.append(
                Problem(
                    name,
                    n,
                    1,
                    "",
                    f"more than {MAX_ROWS} participants: the rest is ignored",
                    "warning",
                )
            )
            break

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return _clean(row[index]) if index is not None and index < len(row) else ""

        person = Participant(cell("name"), cell("organisation"), cell("email"), n)
        if not person.name:
            raise InputError(
                f"{name} has a row without a name",
                [Problem(name, n, 1, "naam", f"row {n} has no name: fill it in or delete the row")],
            )
        key = (person.name.casefold(), person.organisation.casefold())
        if key in seen:
            problems.append(
                Problem(
                    name,
                    n,
                    1,
                    "naam",
                    f"'{person.name}' is on the list twice "
                    f"(also row {seen[key]}): delete one of the rows",
                    "warning",
                )
            )
            continue
        seen[key] = n
        people.append(person)
    return people, problems
