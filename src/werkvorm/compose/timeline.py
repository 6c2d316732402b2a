"""The agenda on the clock: numbered blocks and breaks with start and end times, each block
with its texts, slides and exercise, and timing cues for the guide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkvorm.compose.agenda import Planned
from werkvorm.compose.clock import clock
from werkvorm.compose.content import session_exercise, session_slide
from werkvorm.compose.plans import plan_rows
from werkvorm.compose.session import SessionItem
from werkvorm.compose.texts import Texts
from werkvorm.schema.models import Block, Break


@dataclass(frozen=True)
class Clock:
    """Where the agenda starts: a time of day (has_clock) or minute 0 of the session."""

    start: int
    has_clock: bool

    def at(self, minute: int) -> str:
        return clock(minute, self.has_clock)


@dataclass(frozen=True)
class Words:
    """What the timeline needs in the session's language besides the texts."""

    t: Texts
    labels: dict[str, str]
    formats: dict[str, str]
    images: dict[tuple[Path, str], Path]


def on_the_clock(
    plan: list[Planned], at: Clock, words: Words, debrief: dict[str, tuple[int, int]]
) -> list[SessionItem]:
    """Each planned item placed after the one before it, blocks numbered from 1."""
    items: list[SessionItem] = []
    now, number = at.start, 0
    for p in plan:
        if isinstance(p.item, Break):
            items.append(_break(p, p.item, now, at, words))
        else:
            number += 1
            block = _block(p, p.item, number, now, at, words, debrief.get(p.id, (0, 0)))
            items.append(block.model_copy(update={"cues": cues(block, now, at, words.labels)}))
        now += p.minutes
    return items


def _break(p: Planned, item: Break, now: int, at: Clock, words: Words) -> SessionItem:
    doc, loc = p.origin.doc, p.origin.loc
    return SessionItem(
        kind="break",
        id=p.id,
        origin=p.origin.location(),
        title=words.t(item.title, doc, (*loc, "title")) or words.labels["break"],
        minutes=p.minutes,
        start=at.at(now),
        end=at.at(now + p.minutes),
        offset=now - at.start,
    )


def _block(
    p: Planned,
    block: Block,
    number: int,
    now: int,
    at: Clock,
    words: Words,
    debrief: tuple[int, int],
) -> SessionItem:
    t, doc, loc = words.t, p.origin.doc, p.origin.loc
    materials = t.many(block.materials, doc, (*loc, "materials"))
    exercise = block.exercise
    plan, plan_note = plan_rows(p, t, words.labels, start=now, debrief=debrief, clock=at.at)
    return SessionItem(
        kind="block",
        id=p.id,
        number=number,
        origin=p.origin.location(),
        title=t(block.title, doc, (*loc, "title")),
        minutes=p.minutes,
        start=at.at(now),
        end=at.at(now + p.minutes),
        offset=now - at.start,
        format=block.format,
        format_label=words.formats[block.format],
        intro=t(block.intro, doc, (*loc, "intro")),
        facilitator=t(block.facilitator, doc, (*loc, "facilitator")),
        materials=materials,
        slides=[
            session_slide(s, t, p.origin, (*loc, "slides", n), words.images)
            for n, s in enumerate(block.slides or [])
        ],
        exercise=session_exercise(exercise, t, doc, (*loc, "exercise"), words.labels, debrief)
        if exercise
        else None,
        goals=t.many(block.goals, doc, (*loc, "goals")),
        takeaways=t.many(block.takeaways, doc, (*loc, "takeaways")),
        plan=plan,
        plan_note=plan_note,
        serves=list(p.serves or ()),
    )


def _round5(minutes: float) -> int:
    return round(minutes / 5) * 5


def cues(block: SessionItem, start: int, at: Clock, labels: dict[str, str]) -> list[str]:
    """Timing cues for the guide: when to start, hand out, wrap up (and report back) and
    stop; a block with a minute plan gets its steps instead (one timetable, not two)."""
    out = [labels["cue_start"].format(time=block.start, title=block.title)]
    if block.plan:
        steps = [labels["cue_step"].format(start=r.start, end=r.end, text=r.do) for r in block.plan]
        note = [block.plan_note] if block.plan_note else []
        return [*out, *steps, labels["cue_end"].format(time=block.end), *note]
    if block.exercise is not None and block.minutes >= 10:
        hand_out = start + max(3, _round5(block.minutes * 0.2))
        out.append(labels["cue_exercise"].format(time=at.at(hand_out), title=block.exercise.title))
    if block.minutes >= 15:
        report_back = block.exercise.debrief_minutes if block.exercise else 0
        wrap = start + block.minutes - max(5, _round5(block.minutes * 0.2), report_back)
        out.append(labels["cue_wrap"].format(time=at.at(wrap)))
    out.append(labels["cue_end"].format(time=block.end))
    return out
