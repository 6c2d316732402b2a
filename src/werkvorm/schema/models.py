"""The workshop and module formats as pydantic models (DESIGN.md is the contract).

Values arrive as the strings the trainer typed (see ``source.py``); the models convert
them, so a wrong type is reported against the field with a message from ``messages.py``.
Unknown keys are errors (``extra="forbid"``): a typo must never be a silent no-op.

Every field carries its ``description`` and an example: the one text the editor shows
on hover (``werkvorm schema``) and the field reference (``docs/fields.md``) is made from.
Client profiles and ``werkvorm.yaml`` are in ``profiles.py``; the value types in
``types.py``. Both are re-exported here, so ``werkvorm.schema.models`` stays the one
place to import the format from.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from werkvorm.schema.parts import (
    TEXTS,
    Exercise,
    PlanStep,
    Slide,
    Source,
    WorksheetItem,
    WorksheetTable,
)
from werkvorm.schema.profiles import (
    Client,
    Colours,
    Defaults,
    ProjectFile,
    SessionInfo,
    Strict,
    Trainer,
)
from werkvorm.schema.types import (
    LANGUAGES,
    MAX_BLOCK_MINUTES,
    Clock,
    Colour,
    Duration,
    Format,
    Language,
    Minutes,
    Paper,
    Register,
    SessionLanguage,
    Text,
    YesNo,
    parse_minutes,
)

__all__ = [
    "AGENDA_TAGS",
    "LANGUAGES",
    "MAX_BLOCK_MINUTES",
    "AgendaItem",
    "Block",
    "Break",
    "Client",
    "Clock",
    "Colour",
    "Colours",
    "Defaults",
    "Exercise",
    "Flex",
    "Format",
    "Language",
    "Minutes",
    "Module",
    "Paper",
    "PlanStep",
    "ProjectFile",
    "Register",
    "SessionInfo",
    "SessionLanguage",
    "Slide",
    "Source",
    "Strict",
    "Text",
    "Trainer",
    "Use",
    "WorksheetItem",
    "WorksheetTable",
    "Workshop",
    "parse_minutes",
]

_TEXTS = TEXTS


class Flex(Strict):
    """How far compose may shrink or stretch a block to fit the booked slot."""

    min: Minutes = Field(description="The shortest the block may become.", examples=[30])
    max: Minutes = Field(description="The longest the block may become.", examples=["1h"])

    @model_validator(mode="after")
    def _ordered(self) -> Flex:
        if self.min > self.max:
            raise PydanticCustomError(
                "werkvorm_flex",
                "min ({min}) is more than max ({max}): swap them",
                {"min": self.min, "max": self.max},
            )
        return self


_MINUTES = "Minutes (45), or hours and minutes (1h30, 2h30m; in Dutch 45 minuten, 1,5 uur)."
_SERVES = (
    "The workshop goals this block exercises, by number (1 is the first of 'goals'); "
    "check warns about a goal no block serves. [] says the block serves none on purpose."
)


class Block(Strict):
    """One part of the agenda: its own page in the handout, a section in the deck."""

    id: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="A short name a client profile uses to omit or re-time the block, and "
        "texts use to refer to it: {{block:id}} prints its number and title in each kit; "
        "small letters, digits and '-'. Default: made from the title.",
        examples=["opening"],
    )
    title: Text = Field(description="The block's title.", examples=["Opening en kennismaking"])
    minutes: Minutes = Field(description=f"How long the block takes. {_MINUTES}", examples=[15])
    format: Format = Field(
        default="plenary",
        description="How the group works: plenary, groups, pairs, individual or discussion.",
        examples=["plenary"],
    )
    intro: Text | None = Field(
        default=None,
        description=f"Text for the participant handout. {_TEXTS}",
        examples=["We beginnen bij jou."],
    )
    facilitator: Text | None = Field(
        default=None,
        description=f"Notes for the guide and the deck's speaker notes. {_TEXTS}",
        examples=["Houd het onder de twee minuten."],
    )
    materials: list[Text] | None = Field(
        default=None, description="What this block needs.", examples=[["naambordjes"]]
    )
    slides: list[Slide] | None = Field(
        default=None,
        description="The block's slides, each by its key: bullets, quote, image or questions.",
        examples=[[{"title": "Welkom", "bullets": ["Wie ben je?"]}]],
    )
    exercise: Exercise | None = Field(
        default=None,
        description="What participants do, with an optional worksheet.",
        examples=[{"title": "Mijn eerste stap", "instructions": "Schrijf je antwoord op."}],
    )
    plan: list[PlanStep] | None = Field(
        default=None,
        description="The trainer's minute plan: steps that add up to the block's minutes; "
        "printed with clock times in the guide and the speaker notes, scaled when a client "
        "re-times the block.",
        examples=[[{"minutes": 5, "do": "Uitleg"}, {"minutes": 10, "do": "Oogst"}]],
    )
    serves: list[Annotated[int, Field(ge=1, le=50)]] | None = Field(
        default=None, description=_SERVES, examples=[[1, 3]]
    )
    goals: list[Text] = Field(
        default_factory=list,
        description="This block's own learning goals; shown only when the block is kept.",
        examples=[["Je kent drie soorten gebruik"]],
    )
    takeaways: list[Text] = Field(
        default_factory=list,
        description="This block's own takeaways; shown only when the block is kept.",
        examples=[["Begin klein"]],
    )
    flex: Flex | None = Field(
        default=None,
        description="How far the block may shrink or stretch to fit a client's booked slot.",
        examples=[{"min": 30, "max": 60}],
    )
    optional: YesNo = Field(
        default=False,
        description="May be dropped to fit a short slot (the last optional block first).",
        examples=[True],
    )


class Break(Strict):
    """A break in the agenda."""

    break_: Minutes = Field(
        alias="break", description=f"The break's length. {_MINUTES}", examples=[15]
    )
    title: Text | None = Field(
        default=None, description="What the break is called.", examples=["Koffie"]
    )


class Use(Strict):
    """A module from workshops/modules/, in the agenda."""

    use: str = Field(
        description="The module file, relative to this file.", examples=["modules/opening.yaml"]
    )
    minutes: Minutes | None = Field(
        default=None,
        description=f"Re-time a one-block module here. {_MINUTES}",
        examples=[20],
    )
    serves: list[Annotated[int, Field(ge=1, le=50)]] | None = Field(
        default=None,
        description="The goals of this workshop the module's blocks exercise, by number; "
        "replaces the module's own 'serves'.",
        examples=[[4]],
    )


def _agenda_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "break" in value or "pauze" in value:  # 'pauze:' gets "did you mean 'break'?"
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
    """A workshop file in workshops/: what happens, in order, and what people take home."""

    title: Text = Field(
        description="The workshop's name, on the cover and the title slide.",
        examples=["De social media-spagaat"],
    )
    subtitle: Text | None = Field(
        default=None,
        description="A line under the title.",
        examples=["Van like en dislike naar zakelijk gebruik"],
    )
    language: Language = Field(
        default="nl",
        description="The language of the content and of labels and dates: nl or en.",
        examples=["nl"],
    )
    duration: Duration = Field(
        gt=0,
        le=24 * 60,
        description="The planned length; the agenda should add up to it. "
        "Minutes (120), or hours and minutes (3h, 2h30m; in Dutch 2 uur, 2u30).",
        examples=["3h"],
    )
    audience: Text | None = Field(
        default=None,
        description="Who the workshop is for, on the cover.",
        examples=["Lijnmanagers en HR-professionals"],
    )
    summary: Text | None = Field(
        default=None,
        description="A few sentences for the handout and 'werkvorm list'.",
        examples=["Wat social media voor je organisatie kunnen betekenen."],
    )
    goals: list[Text] = Field(
        default_factory=list,
        description="Learning goals, one line each, written to follow 'Ik kan nu …' / 'I can "
        "now …' (the evaluation form asks one scale per goal); blocks link to them with "
        "'serves'.",
        examples=[["Benoemen wat er online over je organisatie gezegd wordt"]],
    )
    materials: list[Text] = Field(
        default_factory=list,
        description="What the whole session needs; blocks can add their own.",
        examples=[["beamer", "flip-over", "post-its"]],
    )
    sources: list[Source] = Field(
        default_factory=list,
        description="Who the ideas come from; printed in handout and deck.",
        examples=[[{"author": "Karin Tempelaar", "title": "Like en dislike", "year": 2012}]],
    )
    agenda: list[AgendaItem] = Field(
        min_length=1,
        description="In order: blocks (title, minutes), breaks (break: 15) and modules "
        "(use: modules/x.yaml).",
        examples=[[{"title": "Opening", "minutes": 15}, {"break": 15}]],
    )
    takeaways: list[Text] = Field(
        default_factory=list,
        description="What participants remember: the closing slide and the handout's last page.",
        examples=[["Begin klein, maar begin"]],
    )
    background: Text | None = Field(
        default=None,
        description=f"The guide's 'Achtergrond': case facts, people, dates. {_TEXTS}",
        examples=["De casus speelt in een middelgrote gemeente."],
    )
    preparation: Text | None = Field(
        default=None,
        description=f"The guide's 'Voorbereiding': what to print, the room, groups. {_TEXTS}",
        examples=["Print de werkbladen en zet de tafels in groepjes van vier."],
    )
    evaluation: list[WorksheetItem] | None = Field(
        default=None,
        description="Worksheet items for evaluation.pdf; left out: the standard form.",
        examples=[[{"scale": "Ik kan dit morgen toepassen.", "min": 1, "max": 5}]],
    )


class Module(Strict):
    """A module file: one block, or a list of blocks (``blocks`` is how a list is held)."""

    blocks: list[Block] = Field(min_length=1)
