"""Laid-out documents kept between builds: opt-in, for ``werkvorm watch`` only.

A document is laid out again only when what it is made from changed. For a PDF that is
the exact HTML handed to WeasyPrint, its name and base URL, and a fingerprint of the
files it may read (size and modification time of every file in the allowed folders,
except the sources werkvorm itself reads: YAML, participant lists, Markdown). For the
deck it is the session's content and the same fingerprint of its folders, its template
and its logo.

Nothing here is active unless a :class:`LayoutMemo` round is open in the current thread
(``with memo.round(): ...``): ``build``, ``check`` and the benchmark never see one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

# Files a layout never reads: the sources werkvorm parses itself (their content reaches
# a document through its HTML or its session, which are part of the key already).
SOURCES = frozenset({".yaml", ".yml", ".csv", ".xlsx", ".xls", ".md", ".txt", ".json"})
KEPT_ROUNDS_MAX = 64  # entries kept after a round that did not finish

_ACTIVE: ContextVar[LayoutMemo | None] = ContextVar("werkvorm_layout_memo", default=None)


def active_memo() -> LayoutMemo | None:
    """The memo of the round open in this thread, or None (always None for ``build``)."""
    return _ACTIVE.get()


def folder_fingerprint(folders: Iterable[Path]) -> str:
    """Size and modification time of every file a layout may read in ``folders``."""
    digest = hashlib.sha256()
    for folder in sorted({Path(f).resolve() for f in folders}):
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or Path(name).suffix.lower() in SOURCES:
                    continue
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def file_fingerprint(paths: Iterable[str]) -> str:
    """Size and modification time of single files (a deck template, a logo)."""
    parts = []
    for path in sorted(p for p in paths if p):
        try:
            stat = os.stat(path)
            parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\0missing")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class LayoutMemo:
    """Layouts (and decks) by what they are made from, kept from one round to the next.

    A round is one build of a kit's documents. What a finished round did not use is
    dropped afterwards, so the memo holds about one kit's documents. ``laid_out`` and
    ``reused`` name what the last round laid out again and what it took from the memo.
    """

    def __init__(self) -> None:
        self._kept: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._prints: dict[tuple[str, ...], str] = {}
        self.laid_out: list[str] = []
        self.reused: list[str] = []

    @contextmanager
    def round(self) -> Iterator[LayoutMemo]:
        """Use the memo in this thread for one build."""
        self._used, self._prints = {}, {}
        self.laid_out, self.reused = [], []
        token = _ACTIVE.set(self)
        finished = False
        try:
            yield self
            finished = True
        finally:
            _ACTIVE.reset(token)
            if finished:
                self._kept = self._used
            else:  # abandoned or failed: keep both, the next round sorts it out
                self._kept.update(self._used)
                while len(self._kept) > KEPT_ROUNDS_MAX:
                    del self._kept[next(iter(self._kept))]
            self._used = {}

    def fingerprint(self, folders: Iterable[Path]) -> str:
        """The folders' fingerprint, taken once per round."""
        key = tuple(sorted(str(Path(f)) for f in folders))
        if key not in self._prints:
            self._prints[key] = folder_fingerprint(Path(f) for f in key)
        return self._prints[key]

    @staticmethod
    def _key(name: str, parts: Iterable[str]) -> str:
        digest = hashlib.sha256(name.encode())
        for part in parts:
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()

    def get(self, name: str, parts: Iterable[str], make: Callable[[], T]) -> T:
        """The kept value for these inputs, else ``make()`` (recorded as laid out). A
        value promised for these inputs (:meth:`promise`) is waited for here."""
        key = self._key(name, parts)
        if key in self._used or key in self._kept:
            found = self._used[key] if key in self._used else self._kept[key]
            if isinstance(found, Promised):
                self._used.pop(key, None)
                self._kept.pop(key, None)
                found = found.resolve()  # may raise: then nothing is kept
                self.laid_out.append(name)
            else:
                self.reused.append(name)
            self._used[key] = found
            return cast("T", found)
        made = make()
        self._used[key] = made
        self.laid_out.append(name)
        return made

    def layout_parts(self, html: str, base_url: Path, allowed: Iterable[Path]) -> tuple[str, ...]:
        """What a PDF layout is keyed on, besides its name."""
        return html, str(base_url), self.fingerprint([*allowed, base_url])

    def layout(
        self, html: str, base_url: Path, allowed: Iterable[Path], name: str, make: Callable[[], T]
    ) -> T:
        """A PDF layout: keyed on its HTML, name, base URL and the files it may read."""
        return self.get(name, self.layout_parts(html, base_url, allowed), make)

    def known(self, name: str, parts: Iterable[str]) -> bool:
        key = self._key(name, parts)
        return key in self._used or key in self._kept

    def promise(self, name: str, parts: Iterable[str], resolve: Callable[[], object]) -> None:
        """A value being made elsewhere (a layout worker): :meth:`get` waits for it."""
        self._used[self._key(name, parts)] = Promised(resolve)


class Promised:
    """A value another process is making; ``resolve()`` waits for it."""

    def __init__(self, resolve: Callable[[], object]) -> None:
        self.resolve = resolve
