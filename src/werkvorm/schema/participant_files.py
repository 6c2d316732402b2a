"""Participant lists as files: the rows of a CSV (any encoding Excel writes) or a workbook.

A CSV is read as Excel really exports it: UTF-8 with or without BOM, Windows-1252,
UTF-16 ("Unicode text"), comma, semicolon or tab. A workbook (``.xlsx``) is read with
openpyxl from its active sheet (never a hidden one). Everything is checked before it is read: the file's
size and kind (``stat`` first), a zip's unpacked size. A file that is no list at all
(an ``.xlsx`` or ``.potx`` renamed ``.csv``, an old ``.xls``) gets one sentence that
says what to do, never a line of binary junk.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from werkvorm.errors import InputError, Problem, display_path
from werkvorm.project.folder import read_regular_file

MAX_BYTES = 2_000_000
MAX_XLSX_BYTES = 5_000_000
MAX_XLSX_UNPACKED = 50_000_000
MAX_COLUMNS = 200
MAX_LINES = 5000
SAVE_AS = "in Excel use Save as > CSV UTF-8 (comma delimited), or save it as .xlsx"


@dataclass
class Table:
    """The rows of a list, each with its line (CSV) or row (workbook) number."""

    rows: list[tuple[int, list[str]]]
    warnings: list[Problem] = field(default_factory=list)


def _not_a_list(path: Path, what: str) -> InputError:
    name = display_path(path)
    return InputError(
        f"{name} is not a participant list",
        [Problem(name, 0, 0, "", f"this is not a CSV file ({what}): {SAVE_AS}")],
    )


def _bad_workbook(path: Path, what: str) -> InputError:
    name = display_path(path)
    return InputError(
        f"{name} cannot be read",
        [
            Problem(
                name,
                0,
                0,
                "",
                f"{what}: open it in Excel and save it again as .xlsx, or as CSV UTF-8",
            )
        ],
    )


def _zip_kind(raw: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "a damaged zip file"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook renamed .csv"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint file"
    if any(n.startswith("word/") for n in names):
        return "a Word document"
    return "a zip file"


def _utf16(raw: bytes) -> str | None:
    """Excel's "Unicode text": UTF-16 with a BOM, or without one (every other byte 0)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    head = raw[:2000]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return raw.decode("utf-16-le", errors="replace")
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return raw.decode("utf-16-be", errors="replace")
    return None


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _password(path: Path, raw: bytes) -> InputError | None:
    """Excel saves a workbook with a password as an OLE file with an encrypted package."""
    if not (raw.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED in raw):
        return None
    name = display_path(path)
    return InputError(
        f"{name} is protected with a password",
        [
            Problem(
                name,
                0,
                0,
                "",
                f"{path.name} is protected with a password: remove the password in Excel "
                "(File > Info > Protect Workbook > Encrypt with Password, empty it) and save "
                "it again",
            )
        ],
    )


def _mixed(path: Path, raw: bytes, table: Table | None) -> str:
    """UTF-8 with a line or two from an older program (Windows-1252): each line decoded
    by itself, so one such line never turns every accented name into mojibake."""
    lines = raw.split(b"\n")
    out, odd = [], []
    for n, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            odd.append(n)
    utf8 = any(not line.isascii() for n, line in enumerate(lines, 1) if n not in odd)
    if not utf8:  # a Windows-1252 file through and through
        return raw.decode("cp1252", errors="replace")
    if table is not None:
        shown = ", ".join(map(str, odd[:5])) + (" ..." if len(odd) > 5 else "")
        table.warnings.append(
            Problem(
                display_path(path),
                odd[0],
                1,
                "",
                f"line{'s' if len(odd) > 1 else ''} {shown} {'are' if len(odd) > 1 else 'is'} "
                "not UTF-8 like the rest of the list (read as Windows-1252): check the "
                f"accented names there, and save the list again as CSV UTF-8",
                "warning",
            )
        )
    return "\n".join(out)


def decode_list(path: Path, raw: bytes, table: Table | None = None) -> str:
    """The text of a CSV file, or an error that says how to save it properly (warnings
    about the encoding go into ``table``)."""
    if raw.startswith(b"PK\x03\x04"):
        raise _not_a_list(path, _zip_kind(raw))
    locked = _password(path, raw)
    if locked is not None:
        raise locked
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _not_a_list(path, "an old Excel .xls or another Office file")
    if raw.startswith(b"%PDF"):
        raise _not_a_list(path, "a PDF")
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text: str | None = raw.decode("utf-32", errors="replace")
    else:
        text = _utf16(raw)
    if text is None:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _mixed(path, raw, table)
    text = text.removeprefix("\ufeff")
    sample = text[:4000]
    junk = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\r\n\0")
    if junk > max(8, 0.05 * len(sample)):
        raise _not_a_list(path, "it holds binary data")
    return text


def _read_list(path: Path, max_bytes: int, limit: str) -> bytes:
    return read_regular_file(
        path,
        max_bytes=max_bytes,
        what="participant list",
        too_large=f"{limit}: is this the right file?",
    )


def read_csv(path: Path) -> Table:
    raw = _read_list(path, MAX_BYTES, "a participant list is at most 2 MB")
    table = Table(rows=[])
    text = decode_list(path, raw, table)
    name = display_path(path)
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    if header.lower().startswith("sep=") and len(header.strip()) == 5:
        # Excel's hint line, 'sep=;': it names the delimiter and is no row of the list.
        delimiter = header.strip()[4]
        text = text.replace(header, "", 1)
    else:
        delimiter = max((";", ",", "\t"), key=header.count)
    reader = csv.reader(io.StringIO(text.replace("\0", ""), newline=""), delimiter=delimiter)
    start = 1
    width = 0
    try:
        for cells in reader:
            if any("\n" in c or "\r" in c for c in cells):
                table.warnings.append(_merged_rows(name, start, reader.line_num))
            cells = [spaced(c) for c in cells]
            table.rows.append((start, cells))
            if not width and any(c.strip() for c in cells):
                width = len(cells)  # the header
            elif width and any(c.strip() for c in cells[width:]) and len(table.warnings) < 20:
                table.warnings.append(_too_wide(name, start, len(cells), width, delimiter))
            start = reader.line_num + 1
            if len(table.rows) > MAX_LINES:
                break
    except csv.Error as exc:
        raise InputError(
            f"{name} is not a readable list",
            [
                Problem(
                    name,
                    reader.line_num,
                    1,
                    "",
                    f"this is not a CSV file Excel could have made ({exc}): {SAVE_AS}",
                )
            ],
        ) from None
    return table


def _too_wide(name: str, line: int, cells: int, width: int, delimiter: str) -> Problem:
    mark = {"\t": "a tab", ";": "a semicolon", ",": "a comma"}[delimiter]
    return Problem(
        name,
        line,
        1,
        "",
        f"line {line} has {cells} fields, the first line {width}: the text after the "
        f"last column is not read. A text that contains {mark} needs quotes "
        '("Gemeente Haren, afdeling Communicatie"); or save the list from Excel as CSV UTF-8',
        "warning",
    )


def _merged_rows(name: str, first: int, last: int) -> Problem:
    return Problem(
        name,
        first,
        1,
        "",
        f'lines {first} to {last} were read as one row: a quote (") on line {first} is '
        "not closed; check the quotes, or export the list again",
        "warning",
    )


def spaced(text: str) -> str:
    """A cell's text with every kind of space (a tab, a no-break space, a thin space, a
    line break inside the cell) as one plain space, none at the ends: "Jan\u00a0 Jansen"
    and "Jan Jansen" are one name, on a badge and in a file name."""
    return " ".join(text.split())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return spaced(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)


def read_xlsx(path: Path) -> Table:
    """The active sheet of a workbook, values only (never formulas), within limits."""
    raw = _read_list(path, MAX_XLSX_BYTES, "a participant workbook is at most 5 MB")
    locked = _password(path, raw)
    if locked is not None:
        raise locked
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _bad_workbook(path, "it is not a workbook Excel could open") from None
    if unpacked > MAX_XLSX_UNPACKED or not any(n.startswith("xl/") for n in archive.namelist()):
        raise _bad_workbook(path, "it is not an ordinary Excel workbook")
    import openpyxl  # costs import time; only workbooks need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet, warnings = _sheet(path, book)
        rows = [
            (n, [_cell(v) for v in values])
            for n, values in enumerate(
                sheet.iter_rows(max_row=MAX_LINES, max_col=MAX_COLUMNS, values_only=True),
                start=1,
            )
        ]
        book.close()
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise _bad_workbook(path, "the workbook is damaged") from None
    return Table(rows=rows, warnings=warnings)


def _sheet(path: Path, book: Any) -> tuple[Any, list[Problem]]:
    """The sheet the list is on: the active one (the one Excel opens on), or else the
    first visible one; never a hidden sheet (Excel files often carry hidden lookup or
    HR sheets). With several sheets, a warning says which one was read."""
    sheets = list(book.worksheets)
    visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
    if not visible:
        raise _bad_workbook(path, "every sheet of the workbook is hidden")
    active = book.active
    sheet = active if active in visible else visible[0]
    if len(sheets) == 1:
        return sheet, []
    hidden = len(sheets) - len(visible)
    note = f", {hidden} of them hidden" if hidden else ""
    message = (
        f"read sheet '{sheet.title}' ({'the active one' if sheet is active else 'the first visible one'}) "
        f"of {len(sheets)} sheets{note}; if the list is on another sheet, make that the "
        "active one in Excel (click its tab and save)"
    )
    return sheet, [Problem(display_path(path), 0, 0, "", message, "warning")]
