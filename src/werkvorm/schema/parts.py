"""The parts of a block: its slides, its exercise with a worksheet, and sources.

Each field's ``description`` and ``examples`` are the editor's hover help and the field
reference (see ``models.py``, which re-exports these).
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from werkvorm.schema.profiles import Strict
from werkvorm.schema.types import Minutes, Text, YesNo

TEXTS = "Text may use a little Markdown, and may be given per language: {nl: ..., en: ...}."


class Source(Strict):
    """Who an idea comes from: printed in the handout and on the deck's sources slide."""

    author: Text = Field(
        description="The author or authors, as the source names them; where it names "
        "none, say so in words a participant understands.",
        examples=["Karin Tempelaar", {"nl": "auteur niet genoemd", "en": "author not named"}],
    )
    title: Text = Field(
        description="The title of the article, book or talk.",
        examples=["Like en dislike: de social media-spagaat"],
    )
    publication: Text | None = Field(
        default=None, description="Where it appeared.", examples=["MT Podium"]
    )
    year: int | None = Field(
        default=None, ge=1900, le=2100, description="The year it appeared.", examples=[2012]
    )
    url: str | None = Field(
        default=None,
        description="A web address; printed, never fetched.",
        examples=["https://example.org/artikel"],
    )
    note: Text | None = Field(
        default=None,
        description="A line printed after the source: what comes from elsewhere, or why "
        "it is listed (e.g. further reading the workshop does not use).",
        examples=[
            {"nl": "Verder lezen; niet gebruikt in deze workshop.", "en": "Further reading."}
        ],
    )


class Slide(Strict):
    """One slide, by its key: bullets, a quote, an image or discussion questions."""

    title: Text | None = Field(
        default=None, description="The slide's title.", examples=["Waar staan we?"]
    )
    bullets: list[Text] | None = Field(
        default=None,
        description="A bullet slide: at most six short lines.",
        examples=[["Wie ben je?", "Wat wil je vandaag leren?"]],
    )
    quote: Text | None = Field(
        default=None,
        description="A quote slide: the quote, without quotation marks.",
        examples=["Een citaat dat de toon zet."],
    )
    by: str | None = Field(
        default=None, description="Who said the quote (with 'quote' only).", examples=["Iemand"]
    )
    image: str | None = Field(
        default=None,
        description="An image slide: a PNG or JPEG, relative to this file. Needs 'alt'.",
        examples=["images/spagaat.png"],
    )
    caption: Text | None = Field(
        default=None, description="A caption under the image.", examples=["Onderschrift"]
    )
    alt: Text | None = Field(
        default=None,
        description="What the image shows, for screen readers (required with 'image').",
        examples=["Een persoon die een spagaat maakt tussen twee stoelen"],
    )
    questions: list[Text] | None = Field(
        default=None,
        description="A discussion slide: questions for the group.",
        examples=[["Wat herken je?", "Wat zou je anders doen?"]],
    )
    notes: Text | None = Field(
        default=None,
        description="Speaker notes for this slide, besides the block's facilitator notes.",
        examples=["Vraag eerst wie dit herkent."],
    )

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

    question: Text | None = Field(
        default=None,
        description="A question with lines to write on.",
        examples=["Wat doe je privé al met social media?"],
    )
    lines: int | None = Field(
        default=None, ge=1, le=40, description="Lines to write on (with 'question').", examples=[5]
    )
    scale: Text | None = Field(
        default=None,
        description="A statement to score on a scale of boxes.",
        examples=["Ik weet wat er online over mijn organisatie gezegd wordt."],
    )
    min: int | None = Field(
        default=None, ge=0, le=10, description="The scale's lowest score (default 1).", examples=[1]
    )
    max: int | None = Field(
        default=None,
        ge=1,
        le=10,
        description="The scale's highest score (default 5).",
        examples=[5],
    )
    labels: list[Text] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Words under the two ends of the scale.",
        examples=[["helemaal niet", "helemaal wel"]],
    )
    checklist: list[Text] | None = Field(
        default=None,
        min_length=1,
        description="Boxes to tick.",
        examples=[["LinkedIn", "Facebook", "Instagram"]],
    )
    table: WorksheetTable | None = Field(
        default=None,
        description="A table with empty rows to fill in.",
        examples=[{"columns": ["Privé", "Zakelijk"], "rows": 4}],
    )

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
    """A table on a worksheet: column headings and empty rows of writing height."""

    columns: list[Text] = Field(
        min_length=1, max_length=8, description="The column headings.", examples=[["Nu", "Straks"]]
    )
    rows: int = Field(default=4, ge=1, le=30, description="Empty rows to write in.", examples=[4])


class PlanStep(Strict):
    """One step of a block's minute plan: how long, and what the trainer does."""

    minutes: Minutes = Field(description="How long the step takes.", examples=[5])
    do: Text = Field(
        description="What happens, in a few words; printed with its clock time.",
        examples=["Hoeken kiezen, één argument per hoek"],
    )


class Exercise(Strict):
    """What participants do in a block; printed in the handout with its worksheet."""

    title: Text = Field(description="The exercise's name.", examples=["Mijn eerste stap"])
    instructions: Text = Field(
        description=f"What participants do, step by step. {TEXTS}",
        examples=["1. Lees de vraag.\n2. Schrijf je antwoord op."],
    )
    group_size: int | None = Field(
        default=None, ge=1, le=50, description="People per group.", examples=[4]
    )
    worksheet: list[WorksheetItem] | None = Field(
        default=None,
        description="Room to write in the handout: questions, scales, checklists, tables.",
        examples=[[{"question": "Wat doe je al?", "lines": 4}]],
    )
    debrief_per_group: int | None = Field(
        default=None,
        ge=1,
        le=30,
        description="Report-back minutes per group; the number of groups follows the head "
        "count. They fit inside the block's minutes (the work gets the rest), unless "
        "debrief_grows_block says yes.",
        examples=[3],
    )
    debrief_grows_block: YesNo = Field(
        default=False,
        description="yes: the report-back minutes come on top of the block's minutes, so the "
        "block (and the session) grows; no (the default): they fit inside the block.",
        examples=[False],
    )


PlanStep.model_rebuild()
Slide.model_rebuild()
WorksheetItem.model_rebuild()
