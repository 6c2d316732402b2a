"""The workshop, module and client formats as pydantic models (DESIGN.md is the contract).

Values arrive as the strings the trainer typed (see ``source.py``); the models convert
them, so a wrong type is reported against the field with a message from ``messages.py``.
Unknown keys are errors (``extra="forbid"``): a typo must never be a silent no-op.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

Language = Literal["nl", "en"]
LANGUAGES: tuple[str, ...] = ("nl", "en")
# A session's language: the text language plus, for Flemish clients, Belgian conventions.
SessionLanguage = Literal["nl", "nl-BE", "en"]
Register = Literal["je", "u"]
Format = Literal["plenary", "groups", "pairs", "individual", "discussion"]
Paper = Literal["a4", "a5", "letter"]

MAX_BLOCK_MINUTES = 8 * 60
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)


def parse_minutes(value: Any) -> int:
    """``"90m"``, ``"3h"``, ``"2h30m"``, ``"90"`` or 90 as whole minutes."""
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
        m = _DURATION.match(text)
        if m and (m.group(1) or m.group(2)):
            return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    raise PydanticCustomError(
        "werkvorm_minutes",
        "'{value}' is not a duration: write minutes (90), or hours and minutes (3h, 2h30m)",
        {"value": value},
    )


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
    m = (
        re.fullmatch(r"\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*", str(value))
        if value is not None
        else None
    )
    if not m or isinstance(value, bool):
        raise PydanticCustomError(
            "werkvorm_time", "'{value}' is not a time of day: write it as 09:30", {"value": value}
        )
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        raise PydanticCustomError(
            "werkvorm_colour",
            "'{value}' is not a colour: write it as # and six hex digits, e.g. \"#00577a\" "
            "(with the quotes)",
            {"value": value},
        )
    return value.strip().lower()


Minutes = Annotated[int, BeforeValidator(parse_minutes), AfterValidator(_sane_minutes)]
Clock = Annotated[str, BeforeValidator(_clock)]
Colour = Annotated[str, BeforeValidator(_colour)]


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


# Any text field: plain text, or a map of language to text ({nl: ..., en: ...}).
Text = Annotated[str | dict[Language, str], BeforeValidator(_text_map)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Source(Strict):
    author: str
    title: Text
    publication: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str | None = None


class Slide(Strict):
    """One slide, by its key: bullets, a quote, an image or discussion questions."""

    title: Text | None = None
    bullets: list[Text] | None = None
    quote: Text | None = None
    by: str | None = None
    image: str | None = None
    caption: Text | None = None
    alt: Text | None = None
    questions: list[Text] | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Slide:
        kinds = [
            k for k in ("bullets", "quote", "image", "questions") if getattr(self, k) is not None
        ]
        if len(kinds) > 1:
            raise PydanticCustomError(
                "werkvorm_slide",
                "has {kinds}: a slide is one of bullets, quote, image or questions; "
                "split it into two slides",
                {"kinds": " and ".join(kinds)},
            )
        if not kinds and self.title is None:
            raise PydanticCustomError(
                "werkvorm_slide", "is empty: give it bullets, a quote, an image or questions"
            )
        if self.image is not None and not self.alt:
            raise PydanticCustomError(
                "werkvorm_alt", "the image needs 'alt:' text describing it for screen readers"
            )
        if self.by is not None and self.quote is None:
            raise PydanticCustomError("werkvorm_slide", "has 'by:' without a 'quote:'")
        return self

    @property
    def kind(self) -> str:
        for k in ("bullets", "quote", "image", "questions"):
            if getattr(self, k) is not None:
                return k
        return "title"


class WorksheetItem(Strict):
    """One item of a worksheet: a question with lines, a scale, a checklist or a table."""

    question: Text | None = None
    lines: int | None = Field(default=None, ge=1, le=40)
    scale: Text | None = None
    min: int | None = Field(default=None, ge=0, le=10)
    max: int | None = Field(default=None, ge=1, le=10)
    labels: list[Text] | None = Field(default=None, min_length=2, max_length=2)
    checklist: list[Text] | None = Field(default=None, min_length=1)
    table: WorksheetTable | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> WorksheetItem:
        kinds = [
            k for k in ("question", "scale", "checklist", "table") if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise PydanticCustomError(
                "werkvorm_worksheet",
                "a worksheet item is one of question, scale, checklist or table (found: {kinds})",
                {"kinds": ", ".join(kinds) or "none"},
            )
        if (self.min is not None or self.max is not None or self.labels) and self.scale is None:
            raise PydanticCustomError("werkvorm_worksheet", "min, max and labels belong to a scale")
        if self.lines is not None and self.question is None:
            raise PydanticCustomError("werkvorm_worksheet", "lines belongs to a question")
        low, high = self.min if self.min is not None else 1, self.max if self.max is not None else 5
        if self.scale is not None and low >= high:
            raise PydanticCustomError("werkvorm_worksheet", "a scale's min must be below its max")
        return self

    @property
    def kind(self) -> str:
        return next(
            k for k in ("question", "scale", "checklist", "table") if getattr(self, k) is not None
        )


class WorksheetTable(Strict):
    columns: list[Text] = Field(min_length=1, max_length=8)
    rows: int = Field(default=4, ge=1, le=30)


class Exercise(Strict):
    title: Text
    instructions: Text
    group_size: int | None = Field(default=None, ge=1, le=50)
    worksheet: list[WorksheetItem] | None = None
    # Report-back minutes per group; the number of groups follows the head count.
    debrief_per_group: int | None = Field(default=None, ge=1, le=30)


class Flex(Strict):
    """How far compose may shrink or stretch a block to fit the booked slot."""

    min: Minutes
    max: Minutes

    @model_validator(mode="after")
    def _ordered(self) -> Flex:
        if self.min > self.max:
            raise PydanticCustomError(
                "werkvorm_flex",
                "min ({min}) is more than max ({max}): swap them",
                {"min": self.min, "max": self.max},
            )
        return self


class Block(Strict):
    id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    minutes: Minutes
    format: Format = "plenary"
    intro: Text | None = None
    facilitator: Text | None = None
    materials: list[Text] | None = None
    slides: list[Slide] | None = None
    exercise: Exercise | None = None
    goals: list[Text] = Field(default_factory=list)
    takeaways: list[Text] = Field(default_factory=list)
    flex: Flex | None = None
    optional: bool = False


class Break(Strict):
    break_: Minutes = Field(alias="break")
    title: Text | None = None


class Use(Strict):
    use: str
    minutes: Minutes | None = None


def _agenda_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "break" in value:
            return "a break"
        if "use" in value:
            return "a module"
        return "a block"
    if isinstance(value, BaseModel):
        return {Block: "a block", Break: "a break", Use: "a module"}.get(type(value))
    return None


AGENDA_TAGS: dict[str, type[BaseModel]] = {"a block": Block, "a break": Break, "a module": Use}

AgendaItem = Annotated[
    Annotated[Block, Tag("a block")]
    | Annotated[Break, Tag("a break")]
    | Annotated[Use, Tag("a module")],
    Discriminator(
        _agenda_kind,
        custom_error_type="werkvorm_agenda",
        custom_error_message="each agenda item is a block (title, minutes), "
        "a break (break: 15) or a module (use: modules/x.yaml)",
    ),
]


class Workshop(Strict):
    title: Text
    subtitle: Text | None = None
    language: Language = "nl"
    duration: Annotated[int, BeforeValidator(parse_minutes), Field(gt=0, le=24 * 60)]
    audience: Text | None = None
    summary: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    materials: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(min_length=1)
    takeaways: list[Text] = Field(default_factory=list)
    background: Text | None = None
    preparation: Text | None = None
    evaluation: list[WorksheetItem] | None = None


class Module(Strict):
    """A module file: one block, or a list of blocks (``blocks`` is how a list is held)."""

    blocks: list[Block] = Field(min_length=1)


class SessionInfo(Strict):
    date: dt.date | None = None
    start: Clock | None = None
    end: Clock | None = None
    location: str | None = None
    facilitator: str | None = None
    participants: int | None = Field(default=None, ge=1, le=2000)


class Colours(Strict):
    primary: Colour | None = None
    accent: Colour | None = None


class Client(Strict):
    name: str = Field(min_length=1, max_length=120)
    workshop: str
    language: SessionLanguage | None = None
    logo: str | None = None
    colors: Colours = Field(default_factory=Colours)
    deck_template: str | None = None
    layouts: dict[
        Literal["title", "content", "section", "title_only", "picture", "closing"], str
    ] = Field(default_factory=dict)
    paper: Paper = "a4"
    session: SessionInfo = Field(default_factory=SessionInfo)
    omit: list[str] = Field(default_factory=list)
    minutes: dict[str, Minutes] = Field(default_factory=dict)
    participants: str | None = None
    register_: Register | None = Field(default=None, alias="register")
    booklet: bool = False
    slides_handout: bool = False
    deck_logo: Literal["auto", "always", "never"] = "auto"
    badges: Literal["badges", "tents"] = "badges"


class Trainer(Strict):
    """The trainer's own identity, for generic kits and the follow-up."""

    name: str | None = None
    organisation: str | None = None
    email: str | None = None
    logo: str | None = None
    colors: Colours = Field(default_factory=Colours)


class Defaults(Strict):
    language: SessionLanguage | None = None
    paper: Paper | None = None
    facilitator: str | None = None


class ProjectFile(Strict):
    """``werkvorm.yaml`` at the project root, written by ``werkvorm init``."""

    trainer: Trainer = Field(default_factory=Trainer)
    defaults: Defaults = Field(default_factory=Defaults)


Slide.model_rebuild()
WorksheetItem.model_rebuild()
