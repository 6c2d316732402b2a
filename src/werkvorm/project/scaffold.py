"""Writing the files ``init`` and ``new`` make: atomically, and never over the trainer's own.

These are a trainer's source files, not build outputs: a file that exists is theirs and
is never overwritten; schema files werkvorm owns are replaced whole or not at all.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from werkvorm.errors import ProjectError, display_path


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and move it into place."""
    tmp = _temporary(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temporary(path: Path, text: str) -> Path:
    """``text`` in a complete, synced temporary file beside ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_new(path: Path, text: str, *, what: str = "file") -> Path:
    """Create ``path`` with ``text``; refuse when it exists (werkvorm never overwrites).

    The text goes to a temporary name first and is linked into place, so the file is
    either complete or absent, and a file made meanwhile by someone else still wins.
    """
    if path.exists():
        raise ProjectError(
            f"{display_path(path)} already exists: choose another name "
            f"(werkvorm never overwrites a {what})"
        )
    tmp = _temporary(path, text)
    try:
        try:
            os.link(tmp, path)  # fails when path exists: never overwrite, even in a race
        except FileExistsError:
            raise ProjectError(
                f"{display_path(path)} already exists: choose another name "
                f"(werkvorm never overwrites a {what})"
            ) from None
        except OSError:  # a file system without hard links: exclusive create instead
            with open(path, "x", encoding="utf-8", newline="\n") as out:
                out.write(text)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def fill(text: str, placeholder: str, value: str) -> str:
    """Put ``value`` where ``placeholder`` stands, keeping the comments after it aligned."""

    def padded(m: re.Match[str]) -> str:
        width = len(m.group(0))
        if m.group(0) == placeholder or len(value) >= width - 1:
            return value + (" " if m.group(0) != placeholder else "")
        return value.ljust(width)

    return re.sub(re.escape(placeholder) + r" *(?=#)|" + re.escape(placeholder), padded, text)
