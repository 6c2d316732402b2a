"""Participant lists as trainers get them: Excel's CSV in any encoding, or a workbook;
Dutch or English headers; one name column, or first name, tussenvoegsel and last name
apart; blank lines, duplicates and the traces of a lossy export reported as warnings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from werkvorm.errors import InputError, Problem, display_path
from werkvorm.schema.participant_files import SAVE_AS, Table, read_csv, read_xlsx

MAX_ROWS = 2000
HEADERS = {
    "name": ("naam", "name", "volledige naam", "full name", "deelnemer", "participant"),
    "first": ("voornaam", "first name", "firstname", "given name", "roepnaam", "voornamen"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "tussenv", "prefix", "infix"),
    "last": ("achternaam", "last name", "lastname", "surname", "family name", "familienaam"),
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
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# What a lossy export leaves: '?' for every letter the code page lacked, or U+FFFD.
_LOSSY = re.compile(r"\?|\ufffd")


@dataclass(frozen=True)
class Participant:
    name: str
    organisation: str = ""
    email: str = ""
    row: int = 0  # line in the file, for messages


def _key(header: str) -> str | None:
    clean = " ".join(header.strip().strip('"').lower().replace("_", " ").split()).rstrip(".:")
    for key, names in HEADERS.items():
        if clean in names:
            return key
    return None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # Drop control and bidirectional-override characters that would garble a certificate.
    return "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()


def read_table(path: Path) -> Table:
    """The rows of a participant list, by the file's kind."""
    return read_xlsx(path) if path.suffix.lower() == ".xlsx" else read_csv(path)


def _columns(name: str, line: int, header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Each known column's first position; a warning for a column that is there twice."""
    columns: dict[str, int] = {}
    warnings: list[Problem] = []
    for n, text in enumerate(header):
        key = _key(text)
        if key is None:
            continue
        if key in columns:
            warnings.append(
                Problem(
                    name,
                    line,
                    n + 1,
                    "",
                    f"column {n + 1} ('{_clean(text)}') holds the same as column "
                    f"{columns[key] + 1} ('{_clean(header[columns[key]])}'): werkvorm uses "
                    f"column {columns[key] + 1}; delete the other",
                    "warning",
                )
            )
            continue
        columns[key] = n
    if "name" not in columns and "last" not in columns:
        found = ", ".join(_clean(h) for h in header if _clean(h))[:200] or "none"
        raise InputError(
            f"{name} has no name column",
            [
                Problem(
                    name,
                    line,
                    1,
                    "",
                    f"no column 'naam' or 'name' in the first line (found: {found}); add one "
                    "(or 'voornaam' and 'achternaam'), with one participant per row",
                )
            ],
        )
    return columns, warnings


_USED_FOR = {
    "name": "the name",
    "first": "the name",
    "infix": "the name",
    "last": "the name",
    "organisation": "the organisation",
    "email": "the e-mail address",
}


def _quoted(names: list[str]) -> str:
    said = [f"'{n}'" for n in names]
    return ", ".join(said[:-1]) + (" and " if len(said) > 1 else "") + said[-1]


def _unused_columns(
    name: str, line: int, header: list[str], columns: dict[str, int]
) -> list[Problem]:
    """One warning naming the columns werkvorm leaves alone, and the ones it reads."""
    unused = [
        (n, _clean(text))
        for n, text in enumerate(header)
        if _clean(text) and n not in columns.values() and _key(text) is None
    ]
    if not unused:
        return []
    uses: dict[str, list[str]] = {}
    for key, n in sorted(columns.items(), key=lambda kv: kv[1]):
        uses.setdefault(_USED_FOR[key], []).append(_clean(header[n]))
    read = "; ".join(f"{_quoted(cols)} for {what}" for what, cols in uses.items())
    names = [text for _, text in unused]
    what = "column" if len(names) == 1 else "columns"
    verb = "is" if len(names) == 1 else "are"
    if "organisation" not in columns:
        hint = (
            "call it 'organisatie' to print it on badges"
            if len(names) == 1
            else ("call the one with the organisation 'organisatie' to print it on badges")
        )
    elif "email" not in columns:
        hint = "call the one with e-mail addresses 'e-mail' if you want them on the list"
    else:
        hint = "werkvorm does not need it; nothing is printed from it"
    return [
        Problem(
            name,
            line,
            unused[0][0] + 1,
            "",
            f"{what} {_quoted(names)} {verb} not used: {hint} (werkvorm reads {read})",
            "warning",
        )
    ]


def _name(columns: dict[str, int], cells: list[str]) -> tuple[str, str]:
    """The full name as printed, and the raw text it came from (for warnings)."""

    def raw(key: str) -> str:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    if "name" in columns and raw("name").strip():
        return _clean(raw("name")), raw("name")
    parts = [raw(k) for k in ("first", "infix", "last")]
    return " ".join(_clean(p) for p in parts if _clean(p)), " ".join(parts)


def read_participants(path: Path) -> tuple[list[Participant], list[Problem]]:
    """The participants, and warnings; an InputError for a list that cannot be used."""
    name = display_path(path)
    table = read_table(path)
    rows = [(n, cells) for n, cells in table.rows if any(c.strip() for c in cells)]
    if not rows:
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
    header_line, header = rows[0]
    columns, problems = _columns(name, header_line, header)
    problems = table.warnings + problems + _unused_columns(name, header_line, header, columns)
    people = _people(name, columns, rows[1:], problems)
    if not people:
        problems.append(
            Problem(
                name,
                header_line,
                1,
                "",
                "the list has only the column names and no participants: "
                "add one participant per row",
                "warning",
            )
        )
    return people, problems


def _people(
    name: str, columns: dict[str, int], rows: list[tuple[int, list[str]]], problems: list[Problem]
) -> list[Participant]:
    people: list[Participant] = []
    seen: dict[tuple[str, str], int] = {}
    lossy = 0
    for n, row in rows:
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

        full, raw = _name(columns, row)
        person = Participant(full, cell("organisation"), cell("email"), n)
        if not person.name:
            raise InputError(
                f"{name} has a row without a name",
                [Problem(name, n, 1, "naam", f"row {n} has no name: fill it in or delete the row")],
            )
        problems.extend(_name_warnings(name, n, person.name, raw, lossy))
        lossy += bool(_LOSSY.search(person.name))
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
    return people


def _name_warnings(name: str, n: int, full: str, raw: str, lossy_before: int) -> list[Problem]:
    found: list[Problem] = []
    if _BIDI.search(raw):
        found.append(
            Problem(
                name,
                n,
                1,
                "naam",
                f"the name '{full}' held invisible direction characters, which can show "
                "it in another order; werkvorm left them out: check the name",
                "warning",
            )
        )
    if _LOSSY.search(full) and lossy_before < 5:
        found.append(
            Problem(
                name,
                n,
                1,
                "naam",
                f"'{full}' has a '?' where a letter should be: the list was saved in a way "
                f"that loses letters such as ł or 李; {SAVE_AS}",
                "warning",
            )
        )
    return found


def check_list(path: Path) -> list[Problem]:
    """``werkvorm check lijst.csv``: the same reading as ``build``, as findings."""
    try:
        return read_participants(path)[1]
    except InputError as exc:
        return exc.problems
