"""A YAML syntax error said in a trainer's words: the line, a caret under the spot, and
what to change ("this line is indented 3 spaces; the lines above use 4"), never the
parser's own phrase first. Also the colour YAML reads as a comment (``primary: #006699``),
which is no syntax error at all in the block form and a baffling one in the ``{...}`` form.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_LINE = re.compile(r"^( *)((?:- +)*)([^\s#'\"-][^:#]*?|'[^']*'|\"[^\"]*\"):(?:\s|$)")
_ITEM_LINE = re.compile(r"^( *)- ")
# A colour after 'key:' or in a list, unquoted: YAML reads '#...' after a space as a comment.
_FLOW_COLOUR = re.compile(r"(?:[{,\[]\s*[^\s{}\[\],:#]+\s*:|[\[,])\s+(#[0-9a-fA-F]{6})\b")
_BLOCK_COLOUR = re.compile(r":\s+(#[0-9a-fA-F]{6})\b")
_SHORT_COLOUR = re.compile(r":\s+(#[0-9a-fA-F]{3})\b")  # only where a colour goes
_SPECIAL_START = "@`%&*!|>"


def snippet(lines: list[str], line: int, column: int) -> str:
    """The line as the trainer wrote it, with a caret under ``column`` (both 1-based)."""
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].replace("\t", "→")
    number = str(line)
    pad = " " * len(number)
    return f"\n    {number} | {text}\n    {pad} | {' ' * max(column - 1, 0)}^"


def flow_colour(lines: list[str], upto: int) -> tuple[int, int, str] | None:
    """An unquoted colour in a ``{...}`` or ``[...]`` on one of the first ``upto`` lines:
    its line, column and the colour."""
    for n, text in enumerate(lines[:upto], start=1):
        if "{" not in text and "[" not in text:
            continue
        m = _FLOW_COLOUR.search(text)
        if m:
            return n, m.start(1) + 1, m.group(1)
    return None


def colour_comment(line_text: str, *, colour_field: bool = False) -> tuple[int, str] | None:
    """``key: #006699`` with no quotes: the column of the '#' and the colour (``#fa0``
    too, in a field that holds a colour)."""
    m = _BLOCK_COLOUR.search(line_text) or (
        _SHORT_COLOUR.search(line_text) if colour_field else None
    )
    if m is None or "'" in line_text[: m.start()] or '"' in line_text[: m.start()]:
        return None
    return m.start(1) + 1, m.group(1)


def colour_message(colour: str) -> str:
    return (
        f"YAML reads {colour} as a comment (everything after ' #' is one), so the colour is "
        f'lost: put the colour in quotes: "{colour}"'
    )


def _content_indent(text: str) -> int | None:
    """Where a line's content starts (after any '- '), or None for a blank or comment."""
    stripped = text.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    indent = len(text) - len(stripped)
    while stripped.startswith("- "):
        rest = stripped[2:].lstrip(" ")
        indent += len(stripped) - len(rest)
        stripped = rest
    return indent


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _indent_message(lines: list[str], line: int) -> tuple[int, str] | None:
    """When the line's indentation matches none of the lines above it: how it differs."""
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    stripped = text.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    own = len(text) - len(stripped)
    item = stripped.startswith("- ")
    seen: list[tuple[int, int]] = []  # (indent, how far above)
    opener = next((a for a in reversed(lines[: line - 1]) if _content_indent(a) is not None), "")
    opened = _content_indent(opener)
    if opener.rstrip().endswith(":") and opened is not None and own > opened:
        return None  # the first line under 'key:' may be indented as the trainer likes
    for distance, above in enumerate(reversed(lines[: line - 1]), start=1):
        if above.strip() == "" or above.lstrip(" ").startswith("#") or above[:1] == "\t":
            continue
        if item:  # a list item lines up with the items above it, not with their fields
            m = _ITEM_LINE.match(above)
            indent = len(m.group(1)) if m else _content_indent(above)
            if m is None and indent != 0:
                continue
        else:
            indent = _content_indent(above)
        if indent is not None:
            seen.append((indent, distance))
        if indent == 0:
            break
    if not seen or any(indent == own for indent, _ in seen):
        return None
    nearest = min(seen, key=lambda s: (abs(s[0] - own), s[1]))[0]
    return own + 1, (
        f"this line is indented {_spaces(own)}; the lines above use {nearest}: "
        f"indent it {_spaces(nearest)}, like the line it belongs with"
    )


def _quote_message(text: str) -> str | None:
    """A value that needs quotes: text with ': ' in it, or starting with a special sign."""
    m = _KEY_LINE.match(text)
    if m is None:
        return None
    key = m.group(3).strip()
    value = text[m.end() :].strip()
    if not value:
        return None
    if ": " in value or value.endswith(":"):
        return (
            f"the text after '{key}:' contains ': ', which YAML reads as the start of a new "
            f'field: put the whole text in quotes: {key}: "{value}"'
        )
    if value[0] in _SPECIAL_START:
        return f"text that starts with '{value[0]}' needs quotes in YAML: {key}: \"{value}\""
    return None


def explain(text: str, exc: Any) -> tuple[int, int, str]:
    """The line, column and the trainer's words for a YAML syntax error."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or "")
    found = flow_colour(lines, line)
    if found is not None:
        where, column, colour = found
        message = (
            f"YAML reads {colour} and the rest of the line as a comment, so the line is "
            f'cut short: put the colour in quotes: "{colour}"'
        )
        return where, column, message + snippet(lines, where, column)
    current = lines[line - 1] if 1 <= line <= len(lines) else ""
    if "tab" in problem or current[: len(current) - len(current.lstrip())].count("\t"):
        message = (
            "this line is indented with a tab: replace the tab with spaces "
            "(YAML indents with spaces only)"
        )
        return line, 1, message + snippet(lines, line, 1)
    if "quoted scalar" in str(exc.context or "") and exc.context_mark is not None:
        start = exc.context_mark.line + 1
        message = (
            f"a quote opened on line {start} is never closed: end the text with the same quote mark"
        )
        return (
            start,
            exc.context_mark.column + 1,
            message + snippet(lines, start, exc.context_mark.column + 1),
        )
    indent = _indent_message(lines, line)
    if indent is not None:
        column, message = indent
        return line, column, message + snippet(lines, line, column)
    quote = _quote_message(current)
    if quote is not None:
        return line, col, quote + snippet(lines, line, col)
    message = (
        "YAML cannot read this line: indent it like the lines it belongs with, and put text "
        "with ': ' or starting with a special sign in quotes"
        + (f" (the YAML reader says: {problem})" if problem else "")
    )
    return line, col, message + snippet(lines, line, col)
