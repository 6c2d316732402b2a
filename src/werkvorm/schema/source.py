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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from werkvorm.errors import InputError, Problem, display_path
from werkvorm.names import slugify
from werkvorm.project.folder import read_regular_file
from werkvorm.schema.pureyaml import PureLoader
from werkvorm.schema.syntax import colour_comment, colour_message, explain, snippet

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
_NULLS = {"", "~", "null", "Null", "NULL"}
# C0 controls other than tab, newline and carriage return, DEL, C1 controls, lone surrogates.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

PathKey = tuple[str | int, ...]

# Bidirectional embedding, override and isolate controls: they can make text display in
# another order than it is stored ("Trojan source"); a workshop never needs them.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# A cheap cap before parsing: this many unclosed '[' or '{' is never a workshop.
MAX_FLOW_BRACKETS = 200
# Keys, values, lists and mappings in one file: 20,000 slides are 80,000; a workshop ~3,000.
MAX_EVENTS = 100_000
MAX_PROBLEMS = 20  # reading stops after this many problems in one file

try:  # libyaml is ~10x faster; the pure-Python parser (as fixed) gives the same events.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = PureLoader


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
        field = field_name(self.data, loc)
        return Problem(self.name, pos.line, pos.column, field, message, severity)  # type: ignore[arg-type]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _item_name(item: Any, n: int, where: str, language: str) -> str:
    """An agenda item as the trainer knows it: ``block 'posten' (5th in the agenda)``."""
    place = f"({ordinal(n + 1)} in {where})"
    if isinstance(item, dict) and ("break" in item or "pauze" in item):
        return f"the break {place}"
    if isinstance(item, dict) and isinstance(item.get("use"), str):
        return f"module '{item['use']}' {place}"
    ident = item.get("id") if isinstance(item, dict) else None
    if not isinstance(ident, str) or not ident:
        title = item.get("title") if isinstance(item, dict) else None
        if isinstance(title, dict):
            title = title.get(language) or next(iter(title.values()), None)
        ident = slugify(title, fallback="") if isinstance(title, str) else ""
    return f"block '{ident}' {place}" if ident else f"the {ordinal(n + 1)} item in {where}"


def field_name(data: Any, loc: PathKey) -> str:
    """A field path in a message: blocks by id and place (``minutes in block 'posten'
    (5th in the agenda)``), never by a count from 0 like ``agenda[4]``."""
    head: tuple[str | int, ...] = ()
    items: Any = None
    where = ""
    if len(loc) >= 2 and loc[0] == "agenda" and isinstance(loc[1], int):
        items = data.get("agenda") if isinstance(data, dict) else None
        head, where = loc[:2], "the agenda"
    elif loc and isinstance(loc[0], int) and isinstance(data, list):
        items, head, where = data, loc[:1], "the module"
    if not isinstance(items, list) or not isinstance(head[-1], int) or head[-1] >= len(items):
        return dotted(loc)
    language = data.get("language") if isinstance(data, dict) else None
    name = _item_name(
        items[head[-1]], head[-1], where, language if isinstance(language, str) else "nl"
    )
    rest = dotted(loc[len(head) :])
    return f"{rest} in {name}" if rest else name


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


def read_document(path: Path, *, allow_list: bool = False, allow_empty: bool = False) -> Document:
    """Load one YAML file, or raise an :class:`InputError` listing what is wrong with it."""
    name = display_path(path)
    if not path.exists() and not path.is_symlink():
        raise InputError(
            f"{name} does not exist",
            [Problem(name, 0, 0, "", "file not found: check the name and folder")],
        )
    raw = read_regular_file(
        path,
        max_bytes=MAX_BYTES,
        what="workshop file",
        too_large=f"the file is {_size(path):,} bytes; a workshop file is at most "
        f"{MAX_BYTES:,}: split it into modules",
    )
    return parse_document(path, _decode(path, raw), allow_list=allow_list, allow_empty=allow_empty)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _where(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _character_problems(name: str, text: str) -> list[Problem]:
    """Unprintable and bidirectional control characters, with line and column."""
    kinds = (
        (
            _BAD_CHARS,
            "invisible control character U+{:04X}: delete it "
            "(it often comes with text pasted from another program)",
        ),
        (
            _BIDI,
            "invisible direction character U+{:04X}: it can make "
            "text show in another order than it is written; delete it",
        ),
    )
    problems: list[Problem] = []
    for pattern, message in kinds:
        for match in pattern.finditer(text):
            line, col = _where(text, match.start())
            problems.append(Problem(name, line, col, "", message.format(ord(match.group()))))
            if len(problems) >= 20:
                return problems
    return problems


def _outside_quotes(text: str) -> Iterator[tuple[int, str]]:
    """The characters of YAML text outside quoted scalars and comments, with their
    offsets: a '[' in "Een rij haken: [[[[" is text, not nesting. A quote opens a
    scalar only where YAML allows one (after ': ', '- ', '[', '{', ',' or at a line's
    start), so the apostrophe of "Auto's" is a letter."""
    quote, escaped, before = "", False, "\n"
    for offset, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif (ch == "\\" and quote == '"') or (
                ch == quote == "'" and text[offset + 1 : offset + 2] == "'"
            ):
                escaped = True  # \" in double quotes, '' in single quotes
            elif ch == quote:
                quote, before = "", ch
            continue
        if ch in "\"'" and before in "\n:-[{,?":
            quote = ch
        elif ch == "#" and (offset == 0 or text[offset - 1] in " \t\n"):
            quote = "\n"  # a comment runs to the end of the line
        else:
            yield offset, ch
        if ch == "\n" or not ch.isspace():
            before = ch


def _bracket_problem(name: str, text: str) -> Problem | None:
    """A linear pre-scan: far too many unclosed '[' or '{' outside quoted text."""
    if text.count("[") + text.count("{") <= MAX_FLOW_BRACKETS:
        return None
    depth = 0
    for offset, ch in _outside_quotes(text):
        if ch in "[{":
            depth += 1
            if depth > MAX_FLOW_BRACKETS:
                line, col = _where(text, offset)
                return Problem(
                    name,
                    line,
                    col,
                    "",
                    f"nested more than {MAX_DEPTH} levels deep; a workshop never needs that",
                )
        elif ch in "]}" and depth:
            depth -= 1
    return None


def _yaml_problem(name: str, exc: yaml.YAMLError, text: str) -> InputError:
    """A syntax error in plain words, with the line and a caret (see ``syntax.py``)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        line, col, message = explain(text, exc)
        return InputError(f"{name} is not valid YAML", [Problem(name, line, col, "", message)])
    return InputError(f"{name} is not valid YAML", [Problem(name, 0, 0, "", str(exc))])


def _colour_comments(doc: Document, text: str) -> list[Problem]:
    """``primary: #006699`` without quotes: YAML read the colour as a comment, the field is
    empty, and the brand colour would silently be the default one."""
    lines = text.splitlines()
    found: list[Problem] = []
    for loc, pos in doc.keys.items():
        if _value_at(doc.data, loc) is not None or not 1 <= pos.line <= len(lines):
            continue
        hit = colour_comment(lines[pos.line - 1], colour_field=loc[-1] in ("primary", "accent"))
        if hit is not None:
            column, colour = hit
            found.append(
                Problem(
                    doc.name,
                    pos.line,
                    column,
                    field_name(doc.data, loc),
                    colour_message(colour) + snippet(lines, pos.line, column),
                )
            )
    return found


def _value_at(data: Any, loc: PathKey) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def parse_document(
    path: Path,
    text: str,
    *,
    allow_list: bool = False,
    loader: type | None = None,
    allow_empty: bool = False,
) -> Document:
    """Build plain data from YAML text (see the module docstring for why by hand).

    The parser's events are streamed, never collected: a hostile file stops at the
    first event past the depth limit. ``loader`` picks the parser (tests use both).
    """
    doc = Document(path=path, data=None)
    name = doc.name
    problems = _character_problems(name, text)
    if problems:
        raise InputError(f"{name} contains characters that cannot be printed", problems)
    deep = _bracket_problem(name, text)
    if deep:
        raise InputError(f"{name} has 1 problem(s)", [deep])
    builder = _Builder(doc)
    try:
        for n, event in enumerate(yaml.parse(text, Loader=loader or _Loader)):
            if n >= MAX_EVENTS:
                builder.report(
                    _pos(event.start_mark),
                    f"the file holds more than {MAX_EVENTS:,} values; a workshop never "
                    "needs that: split it into smaller workshops and modules",
                )
                break
            if not builder.event(event):
                break
    except yaml.YAMLError as exc:
        if not builder.problems:
            raise _yaml_problem(name, exc, text) from None
        builder.problems.extend(_yaml_problem(name, exc, text).problems)
    except RecursionError:  # pragma: no cover - the depth limit stops far earlier
        builder.problems.append(Problem(name, 0, 0, "", "nested far too deeply"))
    empty = allow_empty and (not builder.root_seen or builder.root is None)
    problems = builder.problems or ([] if empty else _root_problems(doc, builder, allow_list))
    if problems:
        raise InputError(f"{name} has {len(problems)} problem(s)", problems)
    doc.data = builder.root
    problems = _colour_comments(doc, text)
    if problems:
        raise InputError(f"{name} has {len(problems)} problem(s)", problems)
    return doc


def _root_problems(doc: Document, builder: _Builder, allow_list: bool) -> list[Problem]:
    root = builder.root
    if not builder.root_seen or root is None:
        return [
            Problem(
                doc.name, 1, 1, "", "the file is empty: it needs at least a title and an agenda"
            )
        ]
    if isinstance(root, dict) or (isinstance(root, list) and allow_list):
        return []
    return [
        Problem(
            doc.name,
            doc.values[()].line,
            doc.values[()].column,
            "",
            "must be a mapping of fields (lines like 'title: ...'), not a single value or a list",
        )
    ]


class _Builder:
    """Plain data from parser events. Stack frames: [container, path, key, key_pos]."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.stack: list[list[Any]] = []
        self.documents = 0
        self.root: Any = None
        self.root_seen = False

    def report(self, pos: Position, message: str, field: str = "") -> None:
        self.problems.append(Problem(self.doc.name, pos.line, pos.column, field, message))

    def place(self, value: Any, pos: Position) -> PathKey | None:
        doc = self.doc
        if not self.stack:
            self.root, self.root_seen = value, True
            doc.values[()] = pos
            return ()
        frame = self.stack[-1]
        container, base = frame[0], frame[1]
        if isinstance(container, list):
            loc = (*base, len(container))
            container.append(value)
            doc.values[loc] = pos
            return loc
        if frame[2] is _NO_KEY:
            if not isinstance(value, str):
                self.report(
                    pos,
                    "a key must be plain text, not a list or mapping",
                    field_name(self.root, base),
                )
                frame[2], frame[3] = "\0invalid", pos
                return None
            if value in container:
                first = doc.keys[(*base, value)]
                self.report(
                    pos,
                    f"'{value}' appears twice in the same place (first on line {first.line}); "
                    "keep one of them",
                    field_name(self.root, (*base, value)),
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

    def event(self, event: Any) -> bool:
        """Take one event; False when reading must stop (also after 20 problems: a file
        with 60,000 anchors is told about the first ones in a second, not all in 30)."""
        if len(self.problems) >= MAX_PROBLEMS:
            return False
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.report(
                    _pos(event.start_mark),
                    "a second document ('---') in one file: one workshop per file",
                )
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            pos = _pos(event.start_mark)
            self.report(
                pos,
                f"'*{event.anchor}' repeats another part of the file; "
                "write the text out instead (aliases are not supported)",
            )
            self.place(None, pos)
            return True
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            self.report(
                _pos(event.start_mark),
                f"'&{event.anchor}' marks text for reuse; remove it "
                "(anchors and aliases are not supported)",
            )
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            return self.start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
        return True

    def scalar(self, event: Any) -> None:
        pos = _pos(event.start_mark)
        explicit_tag = (
            event.tag not in (None, "!") and not event.implicit[0] and not event.implicit[1]
        )
        if explicit_tag:
            self.report(pos, f"the tag '{event.tag}' is not supported: remove it")
        plain = event.style in (None, "")
        value = None if plain and event.value in _NULLS else event.value
        if value is not None and not value.isascii():
            value = unicodedata.normalize("NFC", value)
        loc = self.place(value, pos)
        bad = _BAD_CHARS.search(event.value) or _BIDI.search(event.value)
        if bad:
            self.report(
                pos,
                f"the text contains the unprintable character "
                f"U+{ord(bad.group()):04X} (written as an escape): "
                "remove it",
                field_name(self.root, loc) if loc else "",
            )

    def start(self, event: Any) -> bool:
        pos = _pos(event.start_mark)
        if event.tag is not None and not event.implicit:
            self.report(pos, f"the tag '{event.tag}' is not supported: remove it")
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        loc = self.place(container, pos)
        if len(self.stack) >= MAX_DEPTH:
            self.report(
                pos, f"nested more than {MAX_DEPTH} levels deep; a workshop never needs that"
            )
            return False
        self.stack.append([container, loc if loc is not None else ("?",), _NO_KEY, None])
        return True


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY: Any = _NoKey()
