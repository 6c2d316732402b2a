"""The one family of errors werkvorm raises for a trainer to read.

Every error a user can cause derives from :class:`WerkvormError`; the CLI turns it into
red lines and exit status 1. Anything else escaping is a bug in werkvorm.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "InputError",
    "Location",
    "Problem",
    "ProjectError",
    "RenderError",
    "Severity",
    "TemplateError",
    "WerkvormError",
    "display_path",
]

Severity = Literal["error", "warning", "note"]  # a note: check --verbose only


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file the trainer can open: the file, a line and column, a field path."""

    file: str
    line: int = 0
    column: int = 0
    field: str = ""


@dataclass(frozen=True, order=True)
class Problem(Location):
    """One finding in one file, pointing at a line and a field, in a trainer's words.

    The one type for errors and warnings alike: loading raises errors, compose puts its
    warnings (``severity="warning"``) on the Session, and ``check`` prints both."""

    message: str = ""
    severity: Severity = dataclasses.field(default="error", compare=False)

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        parts = [where]
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return "  ".join(parts)

    def as_warning(self) -> Problem:
        """The same finding as a warning: the trainer's call, not a stop."""
        return dataclasses.replace(self, severity="warning")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


def printable(text: str) -> str:
    """``text`` safe to print in a terminal: control and direction characters (an escape
    sequence in a file name that clears the screen or sets the window title) written
    as ``\x1b`` or ``\u202e``."""
    import unicodedata

    def shown(c: str) -> str:
        if unicodedata.category(c) not in ("Cc", "Cf") or c == "\u200d":
            return c
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return text if text.isprintable() else "".join(map(shown, text))


def display_path(path: Path | str) -> str:
    """A path as short as the trainer would type it: relative to the cwd when inside it,
    with control characters escaped (:func:`printable`)."""
    p = Path(path)
    try:
        return printable(str(p.resolve().relative_to(Path.cwd().resolve())))
    except (ValueError, OSError):
        return printable(str(p))


class WerkvormError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 1."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = sorted(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join([self.message, *(p.format() for p in self.problems)])


class InputError(WerkvormError):
    """A workshop, module or client file is wrong; every problem of the file is listed."""


class ProjectError(WerkvormError):
    """No project folder, or a workshop or client that does not exist in it."""


class TemplateError(WerkvormError):
    """A Jinja or PowerPoint template is missing, broken or unsafe."""


class RenderError(WerkvormError):
    """A renderer could not turn the session into a document (a missing image, say)."""
