"""The Session: one workshop fitted to one client, the only thing renderers read.

Texts are already in the session's language (Markdown source, rendered by each
renderer in its own way); clock times are computed; paths are absolute.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from werkvorm.errors import Location, Problem


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class WorksheetEntry(_Model):
    kind: str  # question | scale | checklist | table
    text: str = ""
    lines: int = 0
    min: int = 1
    max: int = 5
    labels: list[str] = []
    items: list[str] = []
    columns: list[str] = []
    rows: int = 0
    summary: str = ""


class SessionExercise(_Model):
    title: str
    instructions: str
    group_size: int | None = None
    worksheet: list[WorksheetEntry] = []
    groups: int = 0  # groups at this session's head count (0: unknown)
    debrief_minutes: int = 0  # report-back time included in the block (0: none counted)


class SessionSlide(_Model):
    kind: str  # bullets | quote | image | questions | title
    title: str = ""
    bullets: list[str] = []
    quote: str = ""
    by: str = ""
    image: str = ""  # absolute path
    caption: str = ""
    alt: str = ""
    notes: str = ""


class PlanRow(_Model):
    """One step of a block's minute plan, on the clock."""

    start: str
    end: str
    minutes: int
    do: str


class SessionItem(_Model):
    """A numbered block or a break, placed on the clock."""

    kind: str  # block | break
    id: str
    origin: Location  # where it stands in the YAML

    number: int = 0
    title: str
    minutes: int
    start: str  # "09:30" or, without a start time, "0:15"
    end: str
    offset: int  # minutes from the session's start
    format: str = ""
    format_label: str = ""
    intro: str = ""
    facilitator: str = ""
    materials: list[str] = []
    slides: list[SessionSlide] = []
    exercise: SessionExercise | None = None
    cues: list[str] = []
    goals: list[str] = []  # the block's own; also merged into Session.goals
    takeaways: list[str] = []  # the block's own; also merged into Session.takeaways
    plan: list[PlanRow] = []  # the trainer's minute plan on the clock (empty: none written)
    plan_note: str = ""  # said when the plan was scaled to this kit's minutes
    serves: list[int] = []  # the numbers of the workshop goals this block exercises

    @property
    def plan_lines(self) -> list[str]:
        """The plan as lines for the speaker notes: "10:05–10:13 Hoeken kiezen"."""
        lines = [f"{r.start}–{r.end} {r.do}" for r in self.plan]
        return [*lines, self.plan_note] if self.plan_note else lines


class SessionSource(_Model):
    author: str
    title: str
    publication: str = ""
    year: int | None = None
    url: str = ""
    note: str = ""  # what comes from elsewhere, or why the source is listed


class SessionParticipant(_Model):
    name: str
    organisation: str = ""
    email: str = ""
    slug: str  # a safe, unique file name stem


class SessionTrainer(_Model):
    """The trainer from the project file (werkvorm.yaml): contact for the follow-up."""

    name: str = ""
    organisation: str = ""
    email: str = ""


class Branding(_Model):
    primary: str
    accent: str
    text: str  # the primary colour darkened until it reads on white
    accent_text: str  # the same for the accent colour
    logo: str = ""  # absolute path, or empty


class Session(_Model):
    workshop: str  # the workshop's file stem
    client_id: str  # the client's file stem, or "generic"
    title: str
    subtitle: str = ""
    language: str
    summary: str = ""
    audience: str = ""
    goals: list[str] = []
    # One statement per goal for the evaluation form: "Ik kan nu ..." ("I can now ...").
    goal_checks: list[str] = []
    materials: list[str] = []
    all_materials: list[str] = []
    sources: list[SessionSource] = []
    takeaways: list[str] = []
    items: list[SessionItem]
    labels: dict[str, str]
    client: str = ""
    branding: Branding
    paper: str = "a4"
    date: str = ""  # ISO
    date_text: str = ""
    location: str = ""
    facilitator: str = ""
    has_clock: bool = False
    start: str
    end: str
    total_minutes: int
    planned_minutes: int
    warnings: list[Problem] = []  # all with severity 'warning'
    deck_template: str = ""
    layouts: dict[str, str] = {}
    asset_dirs: list[str] = []
    participants: list[SessionParticipant] = []
    # Second round (DESIGN.md "Added in the second round").
    locale: str = ""  # "nl", "nl-BE" or "en": language plus regional conventions
    background: str = ""  # the guide's "Achtergrond"
    preparation: str = ""  # the guide's "Voorbereiding"
    evaluation: list[WorksheetEntry] = []  # empty: the default evaluation form
    speech_register: str = ""  # "je", "u" or "" (not checked)
    booklet: bool = False
    slides_handout: bool = False
    deck_logo: str = "auto"  # auto | always | never
    badges: str = "badges"  # badges | tents
    followup_url: str = ""  # the client's follow-up page (https://...), or empty
    # What fitting the agenda to the booked slot changed, in the session's language
    # (one line each: stretched, shrunk or dropped, and why); shown in the guide.
    fit_notes: list[str] = []
    trainer: SessionTrainer = SessionTrainer()
    day_part: str = ""  # "voormiddag", "afternoon"...: when the session sits in one part of the day
    # Its place in a programme (issue 29): "Sessie 2 van 3" on cover, guide and title
    # slide; empty outside a programme. Left out of the dump, so a kit's Session is as before.
    series: str = Field(default="", exclude=True)
    word_template: str = ""  # absolute path of the Word template (.dotx), or empty

    @property
    def blocks(self) -> list[SessionItem]:
        return [i for i in self.items if i.kind == "block"]

    @property
    def hours_text(self) -> str:
        """The session's length as a trainer writes it, unit included: "3 uur", "2,5 uur",
        "2 uur en 25 minuten" ("2.5 hours", "2 hours 25 minutes"); never "2,4 uur"."""
        return duration_text(self.total_minutes, self.language)


_UNITS = {
    # language: (hour, hours, minute, minutes, joiner, decimal mark)
    "nl": ("uur", "uur", "minuut", "minuten", " en ", ","),
    "en": ("hour", "hours", "minute", "minutes", " ", "."),
}


def duration_text(minutes: int, language: str) -> str:
    """Minutes as words: whole and half hours as a number of hours, anything else as hours
    and minutes. A no-break space keeps each number with its unit on one line."""
    hour, hours, minute, mins, joiner, mark = _UNITS.get(language, _UNITS["en"])
    h, m = divmod(minutes, 60)
    rest = f"{m}\u00a0{minute if m == 1 else mins}"
    if h == 0:
        return rest
    if m == 0:
        return f"{h}\u00a0{hour if h == 1 else hours}"
    if m == 30:
        return f"{h}{mark}5\u00a0{hours}"
    return f"{h}\u00a0{hour if h == 1 else hours}{joiner}{rest}"
