"""Limits on what a file may hold, checked on the plain data before the models see it.

Every text field has a length limit (a 300-character title would break the deck's
properties and every layout), every list a count limit (20,000 slides would make
``check`` run for minutes), titles and names must not be blank, and a source's address
must be a web address (``http:``, ``https:`` or ``mailto:``; a bare ``www.`` gets
``https://``). Each finding names the file, the line and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from werkvorm.errors import Problem
from werkvorm.schema.links import checked_href, unsafe_markdown_links
from werkvorm.schema.source import Document, PathKey

SHORT = 200  # titles, names, places: one line on a cover or a slide
ITEM = 1000  # one goal, bullet, question or material
LONG = 5000  # summaries, instructions, notes
URL = 2000
_SHORT_FIELDS = {
    "title",
    "subtitle",
    "name",
    "location",
    "author",
    "publication",
    "by",
    "workshop",
    "logo",
    "deck_template",
    "word_template",
    "participants",
    "use",
    "image",
    "id",
    "organisation",
    "email",
    "date",
    "start",
    "end",
}
_ITEM_LISTS = {"goals", "takeaways", "materials", "bullets", "questions", "checklist", "labels"}
_ITEM_FIELDS = {"question", "scale", "alt", "audience", "columns", "caption"}
# A person's name in a client's session and the project's defaults; a block's notes elsewhere.
_NAME_PARENTS = {"session", "defaults", "trainer"}
_LANGUAGE_KEYS = {"nl", "en"}
MAX_ITEMS: dict[str, int] = {
    "agenda": 200,
    "slides": 300,
    "sources": 200,
    "worksheet": 100,
    "evaluation": 100,
    "omit": 200,
}
MAX_LIST = 100  # goals, bullets, materials and every other list
MAX_BLOCKS = 200  # per workshop, modules included
MAX_SLIDES = 300  # per workshop, modules included
_BLANK_NOT_ALLOWED = {"title", "name"}
_NUMBER = re.compile(r"\s*[-+]?\d+\s*")  # numbers too large are the models' to explain


def _field(loc: PathKey) -> tuple[str, bool]:
    """The field a value belongs to (language keys skipped), and whether it is a list item."""
    parts = [p for p in loc if not (isinstance(p, str) and p in _LANGUAGE_KEYS)]
    in_list = bool(parts) and isinstance(parts[-1], int)
    names = [p for p in parts if isinstance(p, str)]
    return (names[-1] if names else ""), in_list


def _text_limit(loc: PathKey) -> int:
    name, in_list = _field(loc)
    if name == "url":
        return URL
    if in_list and name in _ITEM_LISTS:
        return ITEM
    if name in _SHORT_FIELDS or (name == "facilitator" and loc[0] in _NAME_PARENTS):
        return SHORT
    if name in _ITEM_FIELDS:
        return ITEM
    return LONG


def _text_problems(doc: Document, loc: PathKey, value: str) -> list[Problem]:
    if _NUMBER.fullmatch(value):
        return []
    limit = _text_limit(loc)
    name, _ = _field(loc)
    if len(value) > limit:
        return [
            doc.problem(
                loc,
                f"is too long: {len(value):,} characters, at most {limit:,}: "
                + ("shorten it" if limit <= SHORT else "shorten it, or split it in two"),
            )
        ]
    if name in _BLANK_NOT_ALLOWED and not value.strip() and not isinstance(loc[-1], int):
        return [doc.problem(loc, "is blank: write the text, or remove the line")]
    word = _long_word(value, MAX_WORD) if name not in _NOT_MARKDOWN else None
    if word:
        return [
            doc.problem(
                loc,
                f"has a word of {len(word):,} characters ('{word[:20]}…'): no page or slide "
                "can lay it out; add spaces, or shorten it",
            )
        ]
    return []


def limit_problems(doc: Document) -> list[Problem]:
    """Every text that is too long or blank and every list that is too long."""
    return sorted(_walk(doc)[0])


def too_many(doc: Document) -> bool:
    """Whether the file holds more than a workshop ever needs: then the models need not
    look at it (validating 50,000 slides takes seconds to say what one count says)."""
    return _walk(doc)[1]


def _walk(doc: Document) -> tuple[list[Problem], bool]:
    problems: list[Problem] = []
    stack: list[tuple[PathKey, Any]] = [((), doc.data)]
    slides = 0
    over = False
    while stack and len(problems) < 50:
        loc, value = stack.pop()
        if isinstance(value, str):
            problems.extend(_text_problems(doc, loc, value))
        elif isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            name = next((p for p in reversed(loc) if isinstance(p, str)), "")
            most = MAX_ITEMS.get(name, MAX_LIST)
            slides += len(value) if name == "slides" and loc[-1] == "slides" else 0
            if len(value) > most:
                over = True
                problems.append(
                    doc.problem(
                        loc,
                        f"has {len(value):,} items; at most {most}: split the workshop "
                        "into smaller ones",
                    )
                )
                continue
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
    if slides > MAX_SLIDES and not over:
        over = True
        problems.append(
            doc.problem(
                ("agenda",) if isinstance(doc.data, dict) and "agenda" in doc.data else (),
                f"the file has {slides:,} slides; a workshop has at most {MAX_SLIDES}: "
                "split it into smaller workshops",
            )
        )
    return problems, over


def fix_source_urls(doc: Document) -> list[Problem]:
    """Check each ``sources[].url`` and complete a bare ``www.`` address in the data."""
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    problems: list[Problem] = []
    for i, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, dict) or not isinstance(source.get("url"), str):
            continue
        url, why = checked_href(source["url"])
        if url is None:
            problems.append(doc.problem(("sources", i, "url"), why))
        else:
            source["url"] = url
    return problems


_NOT_MARKDOWN = {
    "url",
    "image",
    "use",
    "logo",
    "deck_template",
    "word_template",
    "participants",
    "workshop",
}


LONG_WORD = 60  # longer runs off the page: a warning
# Longer is an error: laying out a run without spaces costs WeasyPrint time that grows
# with the square of its length (5,000 characters: a minute), and no reader needs it.
MAX_WORD = 500
_WORD = re.compile(r"\S+")


def _long_word(text: str, longer_than: int = LONG_WORD) -> str | None:
    """A word too long to wrap on a page or slide (addresses are left alone)."""
    if len(text) <= longer_than:
        return None
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) <= longer_than:
            continue
        if not any(mark in word for mark in ("://", "www.", "mailto:", "](", "@")):
            return word
    return None


def _warning(doc: Document, loc: PathKey, message: str) -> Problem:
    p = doc.problem(loc, message)
    return Problem(p.file, p.line, p.column, p.field, p.message, "warning")


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # Markdown image markup


def texts(doc: Document) -> Iterator[tuple[PathKey, str]]:
    """Every text of a file with where it stands, depth first."""
    stack: list[tuple[PathKey, Any]] = [((), doc.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
        elif isinstance(value, str):
            yield loc, value


def link_warnings(doc: Document) -> list[Problem]:
    """Warnings for text that prints differently than the trainer may think: a Markdown
    link that prints as text (``bijlage.pdf``), a word too long to wrap."""
    found: list[Problem] = []
    for loc, value in texts(doc):
        if _field(loc)[0] not in _NOT_MARKDOWN:
            # an image (![alt](x.png)) gets its own message from `check`, not this one
            for target in unsafe_markdown_links(_IMAGE.sub("", value))[:3]:
                found.append(
                    _warning(
                        doc,
                        loc,
                        f"the link to '{target}' prints as plain text: a handout links only "
                        "to web addresses (https://...) and mail addresses (mailto:...)",
                    )
                )
            word = _long_word(value)
            if word:
                found.append(
                    _warning(
                        doc,
                        loc,
                        f"'{word[:30]}…' is a word of {len(word)} characters: it cannot wrap "
                        "and runs off the page; add spaces or hyphens",
                    )
                )
    return sorted(found)
