"""Small typographic helpers for the printed documents.

Curly quotes: Dutch and English both take “…” for a quotation and ‘…’ inside it (the
Taalunie allows either; werkvorm follows the author's choice of double or single and
only curls them, never the German „…“). Apostrophes become ’, also in ’s and ’t.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from werkvorm.render import text as _text

QUOTES = "“”‘’"
_ELISION = re.compile(r"(?<![\w’'])'(?=(?:s|t|n|k|m|r|ns)\b)")
SAFE_SCHEMES = ("http", "https", "mailto")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The safe parser of render/text.py (same subset, same link policy), with smart quotes."""
    return _text.make_parser({"typographer": True, "quotes": QUOTES}).enable(["smartquotes"])


def _elide(text: str) -> str:
    return _ELISION.sub("’", text)


def to_html(text: str) -> str:
    """Block Markdown as HTML with curly quotes (the safe subset of render/text.py)."""
    return _parser().render(_elide(text)) if text else ""


def to_inline_html(text: str) -> str:
    return _parser().renderInline(_elide(text)) if text else ""


def literal(text: str) -> str:
    """Plain text (an author's name) made literal Markdown: ``*``, ``_``, brackets and
    the like escaped, so ``{{ 7*7 }}`` next to another field is never emphasis."""
    return re.sub(r"([\\`*_\[\]<>#!|~])", r"\\\1", text)


def tokens(text: str) -> list[Token]:
    """Block Markdown as markdown-it tokens with curly quotes, for renderers that build
    their own document (the Word files); the same subset and link policy as the HTML."""
    return _parser().parse(_elide(text)) if text else []


def inline_tokens(text: str) -> list[Token]:
    """One line of Markdown as the children of its inline token (bold, italic, links)."""
    found = _parser().parseInline(_elide(text)) if text else []
    return [child for token in found for child in token.children or []]


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:·–-") + "…"


def safe_url(url: str) -> str:
    """``url`` when it is an http(s) or mailto link, else '' (no href is written)."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in SAFE_SCHEMES else ""


_YOU = {
    "nl": (re.compile(r"^(?:je|jij|u)\s+(\w)", re.IGNORECASE), [
        (re.compile(r"\bjezelf\b"), "zichzelf"),
        (re.compile(r"\buzelf\b"), "zichzelf"),
        (re.compile(r"\b(?:je|jouw|uw) eigen\b"), "de eigen"),
    ]),
    "en": (re.compile(r"^you\s+(\w)", re.IGNORECASE), [
        (re.compile(r"\byourself\b"), "themselves"),
        (re.compile(r"\byour own\b"), "their own"),
    ]),
}  # fmt: skip


def neutral_goal(goal: str, language: str) -> str:
    """A goal as a certificate states it: "Je herkent X in jezelf" becomes "Herkent X in
    zichzelf" (a competence, not an address to the reader); other goals stay as written."""
    lead, swaps = _YOU["en" if language == "en" else "nl"]
    found = lead.match(goal)
    if not found:
        return goal
    text = found.group(1).upper() + goal[found.end() :]
    if language == "en":
        verb, _, rest = text.partition(" ")
        text = f"{_third_person(verb)} {rest}".rstrip()
    for pattern, replacement in swaps:
        text = pattern.sub(replacement, text)
    return text


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def place_name(location: str) -> str:
    """The place's name from a full location: its first part, without a room, street
    or directions ("Stadskantoor Geelstad, zaal 4.12 (ingang Marktzijde…)" →
    "Stadskantoor Geelstad"), for a certificate, an evaluation form or a sign-in sheet."""
    text = re.sub(r"\([^)]*\)?", " ", location)
    first = text.split(",")[0]
    return " ".join(first.split())


_BLOCK_NOTE = re.compile(
    r"(?:,?\s+(?:for|voor)\s+‘[^’]*’)?\s*\((?:blok|block|blokken|blocks)\s+([\d, en and]+)\)\s*$",
    re.I,
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def _within(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Whether the words ``small`` stand together inside ``big`` ("markers" in "sticky
    notes and markers"), and ``big`` is the longer."""
    n = len(small)
    return 0 < n < len(big) and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def materials_lines(general: list[str], items: Sequence[Any]) -> list[tuple[str, list[int]]]:
    """The guide's materials checklist: one line per item, each with the numbers of the
    blocks that need it, in the order they first appear. The same words count once
    whatever their case; an item named inside a longer one of the whole workshop
    ("markers" in "sticky notes and markers") is that line; a workshop item's own note
    ("…, for ‘Listen’ (block 5)") becomes its block number."""
    lines: dict[tuple[str, ...], tuple[str, list[int]]] = {}
    wholes = [_words(_BLOCK_NOTE.sub("", g)) for g in general]
    blocks = [(i.number, i.materials) for i in items if i.kind != "break"]
    for number, things in [(0, general), *blocks]:
        for item in things:
            note = _BLOCK_NOTE.search(item)
            text = _BLOCK_NOTE.sub("", item).strip()
            key = _words(text) or (text,)
            hosts = [w for w in wholes if _within(key, w)]
            host = max(hosts, key=len) if hosts and key not in lines else key
            _, numbers = lines.setdefault(host, (text, []))
            noted = [int(n) for n in re.findall(r"\d+", note.group(1))] if note else []
            for n in [number, *noted]:
                if n and n not in numbers:
                    numbers.append(n)
    return [(text, sorted(numbers)) for text, numbers in lines.values()]


def worksheet_summary(entries: Sequence[Any], labels: dict[str, str]) -> str:
    """A worksheet in one line for the guide: runs of the same item counted ("12
    questions, 3 lines each; scale 1–5"), not the same words twelve times."""
    runs: list[tuple[Any, int]] = []
    for entry in entries:
        if runs and runs[-1][0].summary == entry.summary and runs[-1][0].kind == entry.kind:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((entry, 1))
    parts = []
    for entry, count in runs:
        if count == 1:
            parts.append(entry.summary)
        elif entry.kind == "question":
            parts.append(labels["summary_questions"].format(count=count, n=entry.lines))
        else:
            parts.append(f"{entry.summary} ({count}×)")
    return "; ".join(parts)
