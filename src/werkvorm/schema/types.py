"""The value types of the file format: durations, clock times, colours, texts, yes/no.

Each type converts what the trainer typed (every scalar arrives as a string, see
``source.py``) and carries the JSON Schema an editor needs to accept exactly the same
spellings: a schema that says "integer" for ``duration: 3h`` would mark a valid file red.
"""

from __future__ import annotations

import calendar  # English month names (Python never sets the locale itself)
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from werkvorm.schema.wording import date_hint

Language = Literal["nl", "en"]
LANGUAGES: tuple[str, ...] = ("nl", "en")
# A session's language: the text language plus, for Flemish clients, Belgian conventions.
SessionLanguage = Literal["nl", "nl-BE", "en"]
Register = Literal["je", "u"]
Format = Literal["plenary", "groups", "pairs", "individual", "discussion"]
Paper = Literal["a4", "a5", "letter"]

MAX_BLOCK_MINUTES = 8 * 60
# Durations as trainers write them, in English and Dutch: "90", "90m", "20 min", "3h",
# "2h30m", "1h30", "15 minuten", "2 uur", "2u30", "1,5 uur", "half uur", "anderhalf uur",
# "een kwartier". One regular expression for werkvorm and (letters in both cases) the editor.
_HOURS = r"(?:hours|hour|hrs|hr|h|uren|uur|u)"
_MINS = r"(?:minutes|minute|minuten|minuut|mins|min|m)\.?"
_NUMBER = r"\d+(?:[.,]\d+)?"
_WORDS = (
    r"(?:een\s+|an?\s+)?(half|anderhalf|1/2|kwartier|drie\s*kwartier)(?:\s+(?:an?\s+)?"
    + _HOURS
    + r")?"
)
_DURATION_SOURCE = (
    rf"^\s*(?:(\d+)\s*(?:{_MINS})?|({_NUMBER})\s*{_HOURS}(?:\s*(?:en\s+|and\s+)?(\d+)\s*(?:{_MINS})?)?"
    rf"|{_WORDS})\s*$"
)
_DURATION = re.compile(_DURATION_SOURCE, re.IGNORECASE)
_WORD_MINUTES = {"half": 30, "1/2": 30, "anderhalf": 90, "kwartier": 15, "driekwartier": 45}


def _any_case(pattern: str) -> str:
    """``pattern`` with each ASCII letter as [xX]: JSON Schema patterns have no flags."""
    out, escaped = [], False
    for ch in pattern:
        if escaped or not ch.isascii() or not ch.isalpha():
            out.append(ch)
        else:
            out.append(f"[{ch.lower()}{ch.upper()}]")
        escaped = ch == "\\" and not escaped
    return "".join(out)


# The same spellings for an editor. Non-capturing groups only: editors run ECMA regexes.
_DURATION_PATTERN = _any_case(
    _DURATION_SOURCE.replace("(\\d", "(?:\\d").replace("(half", "(?:half")
)
_CLOCK = re.compile(r"\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*")
_CLOCK_PATTERN = r"^\s*([01]?[0-9]|2[0-3])[:.][0-5][0-9]\s*$"
_COLOUR_PATTERN = r"^\s*#[0-9a-fA-F]{6}\s*$"

# A plain scalar: the loader keeps every scalar as the text typed, so `title: 2024` or
# `by: true` are text to werkvorm, while an editor reading YAML 1.2 sees a number or a
# boolean. The schema therefore accepts all three where any text is allowed.
SCALAR_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"]}
# What pydantic reads as yes or no, in any letter case; an editor sees only true/false
# as booleans (YAML 1.2), so the others are listed as strings.
_BOOL_WORDS = ("yes", "no", "true", "false", "on", "off", "y", "n", "t", "f", "1", "0")
BOOL_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "integer", "enum": [0, 1]},
        {
            "type": "string",
            "enum": sorted({v for w in _BOOL_WORDS for v in (w, w.capitalize(), w.upper())}),
        },
    ]
}


def parse_minutes(value: Any) -> int:
    """``"90m"``, ``"3h"``, ``"2h30m"``, ``"1h30"``, ``"90"`` or 90 as whole minutes."""
    if isinstance(value, bool | list | dict):
        raise PydanticCustomError(
            "werkvorm_minutes", "must be a single number of minutes, like 30 (or 1h30m)"
        )

    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        minutes = _spelled_minutes(text)
        if minutes is not None:
            return minutes
    raise PydanticCustomError(
        "werkvorm_minutes",
        "'{value}' is not a duration: write minutes (90), or hours and minutes (3h, 2h30m, "
        "2 uur, 1,5 uur)",
        {"value": value},
    )


def _spelled_minutes(text: str) -> int | None:
    """Whole minutes from "2 uur", "1,5 uur", "2u30", "half uur"; None when not a duration."""
    from fractions import Fraction

    m = _DURATION.match(text)
    if m is None:
        return None
    only, hours, after, word = m.groups()
    if word is not None:
        return _WORD_MINUTES[re.sub(r"\s+", "", word.lower())]
    if only is not None:
        return int(only)
    total = Fraction(hours.replace(",", ".")) * 60 + int(after or 0)
    return int(total) if total.denominator == 1 else None


def _sane_minutes(value: int) -> int:
    if value <= 0:
        raise PydanticCustomError("werkvorm_minutes", "must be more than 0 minutes")
    if value > MAX_BLOCK_MINUTES:
        raise PydanticCustomError(
            "werkvorm_minutes",
            "{value} minutes is more than 8 hours: is this a typo?",
            {"value": value},
        )
    return value


def _clock(value: Any) -> str:
    m = _CLOCK.fullmatch(str(value)) if value is not None else None
    if not m or isinstance(value, bool):
        raise PydanticCustomError(
            "werkvorm_time", "'{value}' is not a time of day: write it as 09:30", {"value": value}
        )
    return f"{int(m.group(1)):02d}:{m.group(2)}"


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _day_error(message: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError("werkvorm_date", message, {"value": value})


def _day(value: Any) -> dt.date:
    """A session date as written, year-month-day; each way of getting it wrong named."""
    if isinstance(value, dt.datetime):
        value = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value).strip()
    found = _DAY.fullmatch(text)
    if found is None:
        if _DAY.match(text) and re.match(r"[ T]\d", text[10:]):
            raise _day_error(
                f'give the date only ({text[:10]}) and the time in start: ("09:30")', value
            )
        hint = date_hint(text)  # "did you mean 2027-03-04?" when the date can be read
        if "did you mean" in hint:
            raise _day_error(hint, value)
        raise _day_error("'{value}' is not a date: write it as 2027-03-04 (year-month-day)", value)
    year, month, day = map(int, found.groups())
    if not 1 <= month <= 12:
        raise _day_error(f"there is no month {month}: write the date as year-month-day", value)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise _day_error(f"{year} has no {day} {calendar.month_name[month]}", value) from None
    if not 1990 <= year <= 2199:  # a typo: calendars and weekdays past this are nonsense
        raise _day_error(f"the year {year} is far off: is it a typo?", value)
    return date


Day = Annotated[
    dt.date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})
]


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        raise PydanticCustomError(
            "werkvorm_colour",
            "'{value}' is not a colour: write it as # and six hex digits, e.g. \"#00577a\" "
            "(with the quotes)",
            {"value": value},
        )
    return value.strip().lower()


def _duration_schema(maximum: int) -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "integer", "minimum": 1, "maximum": maximum},
            {"type": "string", "pattern": _DURATION_PATTERN},
        ]
    }


Minutes = Annotated[
    int,
    BeforeValidator(parse_minutes),
    AfterValidator(_sane_minutes),
    WithJsonSchema(_duration_schema(MAX_BLOCK_MINUTES)),
]
# A workshop's planned length: up to a day.
Duration = Annotated[int, BeforeValidator(parse_minutes), WithJsonSchema(_duration_schema(1440))]
# `start: 9.30` is a number to an editor reading YAML 1.2 and a clock time to werkvorm.
Clock = Annotated[
    str,
    BeforeValidator(_clock),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _CLOCK_PATTERN},
                {"type": "number", "minimum": 0, "maximum": 23.59},
            ]
        }
    ),
]
Colour = Annotated[
    str, BeforeValidator(_colour), WithJsonSchema({"type": "string", "pattern": _COLOUR_PATTERN})
]
YesNo = Annotated[bool, WithJsonSchema(BOOL_SCHEMA)]


def _text_map(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = [k for k in value if k not in LANGUAGES]
        if unknown:
            raise PydanticCustomError(
                "werkvorm_language",
                "'{key}' is not a language werkvorm knows: use nl or en",
                {"key": unknown[0]},
            )
        if not value:
            raise PydanticCustomError("werkvorm_text", "is empty: give the text per language")
    return value


TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        SCALAR_TEXT,
        {
            "type": "object",
            "description": "The text per language: {nl: Nederlandse tekst, en: English text}.",
            "properties": {"nl": SCALAR_TEXT, "en": SCALAR_TEXT},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}

# Any text field: plain text, or a map of language to text ({nl: ..., en: ...}).
Text = Annotated[str | dict[Language, str], BeforeValidator(_text_map), WithJsonSchema(TEXT_SCHEMA)]
