"""Participant lists as files: the rows of a CSV (any encoding Excel writes) or a workbook.

A CSV is read as Excel really exports it: UTF-8 with or without BOM, Windows-1252,
UTF-16 ("Unicode text"), comma, semicolon or tab. A workbook (``.xlsx``) is read with
openpyxl from its first sheet. Everything is checked before it is read: the file's
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


def decode_list(path: Path, raw: bytes) -> str:
    """The text of a CSV file, or an error that says how to save it properly."""
    if raw.startswith(b"PK\x03\x04"):
        raise _not_a_list(path, _zip_kind(raw))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _not_a_list(path, "an old Excel .xls or another Office file")
    if raw.startswith(b"%PDF"):
        raise _not_a_list(path, "a PDF")
    text = _utf16(raw)
    if text is None:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
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
    text = decode_list(path, raw)
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
    table = Table(rows=[])
    start = 1
    try:
        for cells in reader:
            table.rows.append((start, cells))
            if any("\n" in c or "\r" in c for c in cells):
                table.warnings.append(_merged_rows(name, start, reader.line_num))
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)


def read_xlsx(path: Path) -> Table:
    """The first sheet of a workbook, values only (never formulas), within limits."""
    raw = _read_list(path, MAX_XLSX_BYTES, "a participant workbook is at most 5 MB")
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
        sheet = book.worksheets[0]
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
    return Table(rows=rows)
