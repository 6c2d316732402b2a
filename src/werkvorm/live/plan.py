"""A kit made ready for its session day: the Session (as ``build`` composes it), the
agenda with each item's bounds for re-timing, the booked slot, and the evaluation's
questions as the participants' form asks them (those of ``evaluation.pdf``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkvorm.compose.agenda import apply_client, expand_modules
from werkvorm.compose.clock import to_minutes
from werkvorm.compose.session import Session, SessionItem, WorksheetEntry
from werkvorm.kits.build import Inputs, load_inputs, plan_kit
from werkvorm.kits.layout import Kind
from werkvorm.live.day import NO_CLOCK, Item
from werkvorm.live.store import Plan
from werkvorm.project.folder import Project
from werkvorm.render import evaluation
from werkvorm.render.sheets import with_labels
from werkvorm.schema.models import Block

ANSWER_MAX = 4000  # characters in one open answer
NAME_MAX = 200


@dataclass(frozen=True)
class Question:
    """One question of the form: ``q1``, ``q2``... in the order of evaluation.pdf."""

    id: str
    kind: str  # scale | text | choice
    text: str
    low: int = 1
    high: int = 5
    ends: tuple[str, str] = ("", "")
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionDay:
    session: Session
    plan: Plan
    folder: Path  # the kit's folder in output/
    questions: tuple[Question, ...]


def kit_key(session: Session) -> str:
    return f"{session.client_id}/{session.workshop}"


def load_day(project: Project, kind: Kind, path: Path) -> SessionDay:
    """The kit of ``path`` (a client or a workshop), composed as ``build`` would."""
    kit = plan_kit(project, kind, path)
    session = with_labels(kit.session)
    inputs = load_inputs(project, kind, path)
    items = tuple(_item(n, i, _bounds(inputs)) for n, i in enumerate(session.items))
    return SessionDay(session, _plan(session, inputs, items), kit.folder, questions(session))


def _bounds(inputs: Inputs) -> dict[str, tuple[Block | None, bool]]:
    """Each agenda item's block (None: a break) and whether its minutes are fixed."""
    from werkvorm.compose import generic_client

    booking = inputs.client or generic_client(inputs.workshop)
    planned = apply_client(expand_modules(inputs.workshop, []), booking, inputs.workshop.stem, [])
    return {p.id: (p.item if isinstance(p.item, Block) else None, p.fixed) for p in planned}


def _item(position: int, item: SessionItem, bounds: dict[str, tuple[Block | None, bool]]) -> Item:
    block, fixed = bounds.get(item.id, (None, True))
    low = high = item.minutes
    if block is not None and block.flex and not fixed:
        extra = item.exercise.debrief_minutes if item.exercise else 0
        low, high = (
            min(block.flex.min + extra, item.minutes),
            max(block.flex.max + extra, item.minutes),
        )
    optional = bool(block is not None and block.optional)
    return Item(
        position, item.id, item.title, item.kind == "break", optional, item.minutes, low, high
    )


def _plan(session: Session, inputs: Inputs, items: tuple[Item, ...]) -> Plan:
    if session.has_clock:
        booked = inputs.client.client.session.end if inputs.client else None
        start, end = to_minutes(session.start), to_minutes(booked or session.end)
    else:
        start, end = NO_CLOCK, session.total_minutes
    return Plan(
        kit=kit_key(session),
        workshop=session.workshop,
        client=session.client_id,
        title=session.title,
        language=session.locale or session.language,
        booked_start=start,
        booked_end=end,
        items=items,
    )


def _goal_entries(session: Session) -> list[WorksheetEntry]:
    """One scale per goal where the workshop links goals to blocks (issue 28), read
    from the evaluation renderer when it offers them; none otherwise."""
    for name in ("goal_scales", "goal_questions", "goal_entries"):
        found = getattr(evaluation, name, None)
        if callable(found):
            return list(found(session))
    return []


def questions(session: Session) -> tuple[Question, ...]:
    """The questions of evaluation.pdf, in its order, then one scale per linked goal."""
    entries = session.evaluation or evaluation.default_questions(session.labels, session.paper)
    seen = {e.text for e in entries}
    entries = [*entries, *(e for e in _goal_entries(session) if e.text not in seen)]
    out: list[Question] = []
    for entry in entries:
        number = f"q{len(out) + 1}"
        if entry.kind == "scale":
            ends = (entry.labels[0], entry.labels[-1]) if entry.labels else ("", "")
            out.append(Question(number, "scale", entry.text, entry.min, entry.max, ends))
        elif entry.kind == "checklist":
            out.append(Question(number, "choice", entry.text, options=tuple(entry.items)))
        elif entry.text:  # an open question (a table on paper is an open answer here)
            out.append(Question(number, "text", entry.text))
    return tuple(out)
