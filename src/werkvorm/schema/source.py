"""Read a YAML file into plain data that keeps exactly what the trainer typed.

PyYAML's own constructors apply YAML 1.1 typing (``no`` becomes False, ``9:30`` becomes
570, ``01234`` becomes 668) and let duplicate keys win silently. So we build the tree
ourselves from the parser's event stream: every scalar stays a string (or None for an
empty value), the models convert types, and every key and value keeps its line and
column. Walking events iteratively also means deep nesting cannot exhaust the stack,
and refusing alias events means a billion-laughs file never expands.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from werkvorm.errors import InputError, Problem, display_path

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
_NULLS = {"", "~", "null", "Null", "NULL"}
# C0 controls other than tab, newline and carriage return, DEL, C1 controls, lone surrogates.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

PathKey = tuple[str | int, ...]

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """One loaded file: its data, and where each value (and each key) stands in it."""

    path: Path
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def position(self, loc: PathKey, *, key: bool = False) -> Position:
        """The best position for a field path: itself, or its nearest parent."""
        table = self.keys if key else self.values
        for n in range(len(loc), -1, -1):
            pos = table.get(loc[:n]) or self.values.get(loc[:n])
            if pos:
                return pos
        return Position(1, 1)

    def problem(
        self, loc: PathKey, message: str, *, key: bool = False, severity: str = "error"
    ) -> Problem:
        pos = self.position(loc, key=key)
        return Problem(self.name, pos.line, pos.column, dotted(loc), message, severity)  # type: ignore[arg-type]


def dotted(loc: PathKey) -> str:
    """``('agenda', 2, 'minutes')`` as a trainer reads it: ``agenda[2].minutes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _decode(path: Path, raw: bytes) -> str:
    name = display_path(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(raw, exc.start)
        raise InputError(
            f"{name} is not valid UTF-8 text",
            [
                Problem(
                    name,
                    line,
                    col,
                    "",
                    "this byte is not UTF-8: save the file as UTF-8 "
                    "(in most editors: 'Save with encoding' → UTF-8)",
                )
            ],
        ) from None
    return text.removeprefix("\ufeff")


def read_document(path: Path, *, allow_list: bool = False) -> Document:
    """Load one YAML file, or raise an :class:`InputError` listing what is wrong with it."""
    name = display_path(path)
    try:
        if not path.is_file():
            raise InputError(
                f"{name} does not exist",
                [Problem(name, 0, 0, "", "file not found: check the name and folder")],
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{name} is too large",
                [
                    Problem(
                        name,
                        0,
                        0,
                        "",
                        f"the file is {size:,} bytes; a workshop file is at most "
                        f"{MAX_BYTES:,}: split it into modules",
                    )
                ],
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{name} cannot be read", [Problem(name, 0, 0, "", exc.strerror or str(exc))]
        ) from None
    return parse_document(path, _decode(path, raw), allow_list=allow_list)


def parse_document(path: Path, text: str, *, allow_list: bool = False) -> Document:
    """Build plain data from YAML text (see the module docstring for why by hand)."""
    doc = Document(path=path, data=None)
    name = doc.name
    problems: list[Problem] = []

    def report(pos: Position, message: str, field: str = "") -> None:
        problems.append(Problem(name, pos.line, pos.column, field, message))

    for match in _BAD_CHARS.finditer(text):
        before = text[: match.start()]
        line = before.count("\n") + 1
        col = match.start() - (before.rfind("\n") + 1) + 1
        problems.append(
            Problem(
                name,
                line,
                col,
                "",
                f"invisible control character "
                f"U+{ord(match.group()):04X}: delete it (it often comes "
                "with text pasted from another program)",
            )
        )
        if len(problems) >= 20:
            break
    if problems:
        raise InputError(f"{name} contains characters that cannot be printed", problems)

    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or "YAML syntax error"
        raise InputError(
            f"{name} is not valid YAML",
            [
                Problem(
                    name,
                    line,
                    col,
                    "",
                    f"{what}: check the indentation and quotes on this line "
                    "(text with ': ' or starting with a special character needs quotes)",
                )
            ],
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name} is not valid YAML", [Problem(name, 0, 0, "", str(exc))]) from None

    # Stack frames: [container, path, pending_key, pending_key_pos]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    root_seen = False

    def place(value: Any, pos: Position) -> PathKey | None:
        nonlocal root, root_seen
        if not stack:
            root, root_seen = value, True
            doc.values[()] = pos
            return ()
        frame = stack[-1]
        container, base = frame[0], frame[1]
        if isinstance(container, list):
            loc = (*base, len(container))
            container.append(value)
            doc.values[loc] = pos
            return loc
        if frame[2] is _NO_KEY:
            if not isinstance(value, str):
                report(pos, "a key must be plain text, not a list or mapping", dotted(base))
                frame[2], frame[3] = "\0invalid", pos
                return None
            if value in container:
                first = doc.keys[(*base, value)]
                report(
                    pos,
                    f"'{value}' appears twice in the same place (first on line {first.line}); "
                    "keep one of them",
                    dotted((*base, value)),
                )
            frame[2], frame[3] = value, pos
            return None
        key = frame[2]
        frame[2] = _NO_KEY
        if key == "\0invalid":
            return None
        loc = (*base, key)
        if key not in container:
            container[key] = value
            doc.keys[loc] = frame[3]
            doc.values[loc] = pos
        return loc

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                pos = _pos(event.start_mark)
                report(pos, "a second document ('---') in one file: one workshop per file")
                break
            continue
        if isinstance(event, yaml.AliasEvent):
            pos = _pos(event.start_mark)
            report(
                pos,
                f"'*{event.anchor}' repeats another part of the file; "
                "write the text out instead (aliases are not supported)",
            )
            place(None, pos)
            continue
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            pos = _pos(event.start_mark)
            report(
                pos,
                f"'&{event.anchor}' marks text for reuse; remove it "
                "(anchors and aliases are not supported)",
            )
        if isinstance(event, yaml.ScalarEvent):
            pos = _pos(event.start_mark)
            explicit_tag = (
                event.tag not in (None, "!") and not event.implicit[0] and not event.implicit[1]
            )
            if explicit_tag:
                report(pos, f"the tag '{event.tag}' is not supported: remove it")
            plain = event.style in (None, "")
            value = None if plain and event.value in _NULLS else event.value
            if value is not None and not value.isascii():
                value = unicodedata.normalize("NFC", value)
            loc = place(value, pos)
            bad = _BAD_CHARS.search(event.value)
            if bad:
                report(
                    pos,
                    f"the text contains the unprintable character "
                    f"U+{ord(bad.group()):04X} (written as an escape): "
                    "remove it",
                    dotted(loc) if loc else "",
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            pos = _pos(event.start_mark)
            if event.tag is not None and not event.implicit:
                report(pos, f"the tag '{event.tag}' is not supported: remove it")

            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            loc = place(container, pos)
            if len(stack) >= MAX_DEPTH:
                report(
                    pos, f"nested more than {MAX_DEPTH} levels deep; a workshop never needs that"
                )
                break
            stack.append([container, loc if loc is not None else ("?",), _NO_KEY, None])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()

    if not problems:
        if not root_seen or root is None:
            problems.append(
                Problem(
                    name, 1, 1, "", "the file is empty: it needs at least a title and an agenda"
                )
            )
        elif isinstance(root, list) and allow_list:
            pass
        elif not isinstance(root, dict):
            problems.append(
                Problem(
                    name,
                    doc.values[()].line,
                    doc.values[()].column,
                    "",
                    "must be a mapping of fields (lines like 'title: ...'), "
                    "not a single value or a list",
                )
            )
    if problems:
        raise InputError(f"{name} has {len(problems)} problem(s)", problems)
    doc.data = root
    return doc


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY: Any = _NoKey()
