"""Client profiles (workshops/clients/*.yaml) and the project file (werkvorm.yaml).

Each field's ``description`` is the text the editor shows on hover and the field
reference is made from; see ``models.py`` for the workshop format.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from werkvorm.schema.links import checked_href
from werkvorm.schema.types import (
    Clock,
    Colour,
    Day,
    Minutes,
    Paper,
    Register,
    SessionLanguage,
    YesNo,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _none_is_empty(value: Any) -> Any:
    """``session:`` with only comments under it is an empty section, not an error."""
    return {} if value is None else value


def _nullable(schema: dict[str, Any]) -> None:
    """The editor's side of ``_none_is_empty``: the section may also be empty (null)."""
    ref = schema.pop("$ref", None)
    if ref is not None:
        schema["anyOf"] = [{"$ref": ref}, {"type": "null"}]


def _web_address(value: Any) -> str:
    """A web page participants open from paper: http(s) only, a bare www. completed."""
    text = value.strip() if isinstance(value, str) else ""
    url = checked_href(text)[0] if text else None
    if url is None or url.lower().startswith("mailto:"):
        raise PydanticCustomError(
            "werkvorm_url",
            "'{value}' is not a web address: write it in full, starting with https:// "
            "(e.g. https://www.example.nl/follow-up)",
            {"value": value},
        )
    return url


WebAddress = Annotated[
    str,
    BeforeValidator(_web_address),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\s*(?:[hH][tT][tT][pP][sS]?://|[wW]{3}\.)\S+\s*$"}
    ),
]


M = TypeVar("M", bound=BaseModel)
Section = Annotated[M, BeforeValidator(_none_is_empty)]


class SessionInfo(Strict):
    """When and where the session is, and who runs it."""

    date: Day | None = Field(
        default=None, description="The day, as year-month-day.", examples=["2026-12-03"]
    )
    start: Clock | None = Field(
        default=None,
        description='The start time, in quotes: "09:30". Gives the agenda clock times.',
        examples=["09:30"],
    )
    end: Clock | None = Field(
        default=None,
        description='The end time, in quotes: "16:30". With start, the agenda is fitted '
        "into this window.",
        examples=["16:30"],
    )
    location: str | None = Field(
        default=None,
        description="Where, on the cover.",
        examples=["Gemeentehuis Lindewaard, zaal 2"],
    )
    facilitator: str | None = Field(
        default=None, description="Who runs the session, on the cover.", examples=["Ilse Hoogland"]
    )
    participants: int | None = Field(
        default=None,
        ge=1,
        le=2000,
        description="The head count when there is no participant list (groups, timing).",
        examples=[24],
    )


class Colours(Strict):
    """House colours, as # and six hex digits, in quotes."""

    primary: Colour | None = Field(
        default=None,
        description='Headings and rules: # and six hex digits, in quotes: "#00577a".',
        examples=["#00577a"],
    )
    accent: Colour | None = Field(
        default=None,
        description='Highlights: # and six hex digits, in quotes: "#f39200".',
        examples=["#f39200"],
    )


_COLOURS = 'House colours: {primary: "#00577a", accent: "#f39200"}.'
_LAYOUT_KINDS = Literal["title", "content", "section", "title_only", "picture", "closing"]


class Client(Strict):
    """A client profile in workshops/clients/: one workshop fitted to one client."""

    name: str = Field(
        min_length=1,
        max_length=120,
        description="The client's name, on the cover and the title slide.",
        examples=["Gemeente Lindewaard"],
    )
    workshop: str = Field(
        description="The workshop to run: a file stem in workshops/.", examples=["spagaat"]
    )
    language: SessionLanguage | None = Field(
        default=None,
        description="Overrides the workshop's language: nl, nl-BE (Flemish conventions) or en.",
        examples=["nl-BE"],
    )
    logo: str | None = Field(
        default=None,
        description="A PNG or JPEG logo, relative to this file.",
        examples=["haren-logo.png"],
    )
    colors: Section[Colours] = Field(
        json_schema_extra=_nullable,
        default_factory=Colours,
        description=_COLOURS,
        examples=[{"primary": "#00577a", "accent": "#f39200"}],
    )
    deck_template: str | None = Field(
        default=None,
        description="The client's own PowerPoint template (.pptx or .potx), relative to "
        "this file. 'werkvorm inspect-template' shows how werkvorm uses it.",
        examples=["haren.potx"],
    )
    word_template: str | None = Field(
        default=None,
        description="The client's own Word template (.dotx or .docx), relative to this "
        "file: handout.docx and guide.docx (--format docx) use its styles, page size, "
        "margins, headers and footers. 'werkvorm inspect-template' lists its styles.",
        examples=["huisstijl.dotx"],
    )
    layouts: dict[_LAYOUT_KINDS, str] = Field(
        default_factory=dict,
        description="Pin a template layout by name for a slide kind: title, content, "
        "section, title_only, picture or closing.",
        examples=[{"section": "Sectiekop"}],
    )
    paper: Paper = Field(default="a4", description="Paper size: a4, a5 or letter.", examples=["a4"])
    session: Section[SessionInfo] = Field(
        json_schema_extra=_nullable,
        default_factory=SessionInfo,
        description="Date, start and end time, location, facilitator, head count.",
        examples=[{"date": "2026-12-03", "start": "09:30", "location": "Raadhuis"}],
    )
    omit: list[str] = Field(
        default_factory=list,
        description="Block ids to leave out for this client.",
        examples=[["kennismaking"]],
    )
    minutes: dict[str, Minutes] = Field(
        default_factory=dict,
        description="Re-time blocks by id: {opening: 20}.",
        examples=[{"opening": 20}],
    )
    participants: str | None = Field(
        default=None,
        description="A participant list (.csv or .xlsx), relative to this file: a name "
        "column, or first name / tussenvoegsel / last name; optional organisation, email.",
        examples=["deelnemers.csv"],
    )
    register_: Register | None = Field(
        default=None,
        alias="register",
        description="How participants are addressed: je or u; check flags the other one.",
        examples=["je"],
    )
    booklet: YesNo = Field(
        default=False,
        description="Also an A5 booklet of the handout, to print on A4 and fold.",
        examples=[True],
    )
    slides_handout: YesNo = Field(
        default=False,
        description="Also slides.pdf: three slides a page (two on A5) with lines for notes.",
        examples=[True],
    )
    deck_logo: Literal["auto", "always", "never"] = Field(
        default="auto",
        description="The logo on the slides: auto (only when the template has none), "
        "always or never.",
        examples=["auto"],
    )
    badges: Literal["badges", "tents"] = Field(
        default="badges",
        description="Name badges (8 a sheet) or table tents (2 a sheet).",
        examples=["badges"],
    )
    followup_url: WebAddress | None = Field(
        default=None,
        description="A web page with the follow-up (https://...): a QR code to it on the "
        "booklet's back cover, and named in the follow-up.",
        examples=["https://www.example.nl/lindewaard/follow-up"],
    )


class Trainer(Strict):
    """The trainer's own identity: the brand of generic kits, the contact in the follow-up."""

    name: str | None = Field(
        default=None,
        description="Your name, as participants should read it.",
        examples=["Ilse Hoogland"],
    )
    organisation: str | None = Field(
        default=None,
        description="Your company; on generic kits instead of a client's name.",
        examples=["Hoogland Training & Advies"],
    )
    email: str | None = Field(
        default=None,
        description="Where participants reach you after the session.",
        examples=["ilse@example.nl"],
    )
    logo: str | None = Field(
        default=None,
        description="Your logo (PNG or JPEG) for generic kits, relative to werkvorm.yaml.",
        examples=["logo.png"],
    )
    colors: Section[Colours] = Field(
        json_schema_extra=_nullable,
        default_factory=Colours,
        description=f"Your colours for generic kits. {_COLOURS}",
        examples=[{"primary": "#1f4e79", "accent": "#c55a11"}],
    )


class Defaults(Strict):
    """What werkvorm uses when a workshop or client does not say."""

    language: SessionLanguage | None = Field(
        default=None,
        description="The language of new workshops and clients: nl, nl-BE or en.",
        examples=["nl"],
    )
    paper: Paper | None = Field(
        default=None,
        description="The paper size of new clients and generic kits: a4, a5 or letter.",
        examples=["a4"],
    )
    facilitator: str | None = Field(
        default=None,
        description="Who runs sessions when a client does not say; default: the trainer.",
        examples=["Ilse Hoogland"],
    )
    word_template: str | None = Field(
        default=None,
        description="Your Word template (.dotx or .docx), relative to werkvorm.yaml: "
        "handout.docx and guide.docx use its styles when a client has no word_template "
        "of its own.",
        examples=["huisstijl.dotx"],
    )


class ProjectFile(Strict):
    """``werkvorm.yaml`` at the project root, written by ``werkvorm init``."""

    trainer: Section[Trainer] = Field(
        json_schema_extra=_nullable,
        default_factory=Trainer,
        description="You: name, organisation, email, logo and colours.",
        examples=[{"name": "Ilse Hoogland", "organisation": "Hoogland Training & Advies"}],
    )
    defaults: Section[Defaults] = Field(
        json_schema_extra=_nullable,
        default_factory=Defaults,
        description="Language, paper and facilitator when a file does not say.",
        examples=[{"language": "nl", "paper": "a4"}],
    )
