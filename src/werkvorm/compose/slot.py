"""The agenda fitted to the client's booked slot, with report-back time for the groups.

``fit.py`` does the arithmetic; this module says what it means for the session: the new
minutes, a line per change for the guide (in the session's language) and the same as a
warning for ``check`` (pointing at the block's ``flex`` or ``optional``), and a clear
error when the slot is too short or ends before it starts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from werkvorm.compose.agenda import Planned
from werkvorm.compose.clock import clock, to_minutes
from werkvorm.compose.fit import MIN_BREAK, SlotTooShort, Span, fit
from werkvorm.errors import InputError, Problem
from werkvorm.schema.load import LoadedClient
from werkvorm.schema.models import Block

EARLY_END = 10  # minutes the agenda may end before the booked end without a warning
MIN_WORK = 5  # fewer minutes than this left for the exercise itself is worth a warning


@dataclass
class Fitted:
    """The plan after fitting, with what changed: notes for the guide, warnings for check."""

    plan: list[Planned]
    debrief: dict[str, tuple[int, int]] = field(default_factory=dict)  # id: (groups, minutes)
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Blocks whose report-back comes on top of their minutes: id: (before, after, groups, per).
    grown: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    with_report_back: list[Planned] = field(default_factory=list)  # before fitting to a slot
    # Blocks whose report-back fits inside their minutes: id: the words of the guide's note.
    inside: dict[str, dict[str, Any]] = field(default_factory=dict)


def head_count(client: LoadedClient) -> int | None:
    """How many people come: the participant list, else ``session.participants``."""
    return len(client.people) or client.client.session.participants


def fit_to_slot(
    plan: list[Planned], client: LoadedClient, labels: dict[str, str], title: Callable[[Any], str]
) -> Fitted:
    """Report-back time added for the groups, then the agenda fitted into start to end."""
    fitted = Fitted(list(plan))
    _add_report_back(fitted, head_count(client), labels, title)
    fitted.with_report_back = list(fitted.plan)
    session = client.client.session
    if session.start and session.end:
        _fit_window(fitted, client, labels, title)
    elif session.end:
        fitted.warnings.append(
            client.doc.problem(
                ("session", "end"),
                "'end' needs a 'start' too: with both, werkvorm fits the agenda into the slot",
                severity="warning",
            )
        )
    _report_back_inside(fitted, labels)
    return fitted


def _per_group(item: object) -> int:
    """The report-back minutes per group of a block's exercise (0: none)."""
    if isinstance(item, Block) and item.exercise and item.exercise.debrief_per_group:
        return item.exercise.debrief_per_group
    return 0


def _add_report_back(
    fitted: Fitted, heads: int | None, labels: dict[str, str], title: Callable[[Any], str]
) -> None:
    """Each exercise with ``debrief_per_group`` gets that many minutes per group: inside
    the block's minutes, or on top of them when ``debrief_grows_block`` says so."""
    where = ("exercise", "debrief_per_group")
    for n, p in enumerate(fitted.plan):
        per = _per_group(p.item)
        if not per or not isinstance(p.item, Block) or p.item.exercise is None:
            continue
        size = p.item.exercise.group_size or (2 if p.item.format == "pairs" else None)
        if size is None:
            message = "needs the exercise's 'group_size' to count the groups: add it"
            fitted.warnings.append(p.origin.problem(message, *where, severity="warning"))
            continue
        if not heads:
            continue  # no head count, no groups to count: the minutes stay as written
        groups = math.ceil(heads / size)
        extra = groups * per
        fitted.debrief[p.id] = (groups, extra)
        name = title(p.item.title)
        words = {"title": name, "extra": extra, "groups": groups, "per": per, "people": heads}
        if p.item.exercise.debrief_grows_block:
            fitted.plan[n] = replace(p, minutes=p.minutes + extra)
            fitted.grown[p.id] = (p.minutes, p.minutes + extra, groups, per)
            fitted.notes.append(labels["fit_debrief"].format(**words))
            continue
        fitted.inside[p.id] = words
        if p.minutes - extra < MIN_WORK:
            fitted.warnings.append(_little_work(p, name, extra, groups, per, heads, size))


def _report_back_inside(fitted: Fitted, labels: dict[str, str]) -> None:
    """The guide's note for report-back inside a block, with the block's final minutes
    (after fitting to a slot), before the notes about fitting."""
    notes = []
    for p in fitted.plan:
        words = fitted.inside.get(p.id)
        if words is not None:
            work = max(p.minutes - words["extra"], 0)
            notes.append(labels["fit_debrief_inside"].format(**words, minutes=p.minutes, work=work))
    fitted.notes[:0] = notes


def _little_work(
    p: Planned, name: str, extra: int, groups: int, per: int, heads: int, size: int
) -> Problem:
    """Report-back that leaves (almost) nothing of a block for the exercise itself."""
    left = max(p.minutes - extra, 0)
    return p.origin.problem(
        f"'{name}' has {p.minutes} minutes, and its report-back takes {min(extra, p.minutes)} "
        f"of them ({groups} groups × {per} minutes, {heads} participants in groups of {size}): "
        f"{left} minutes are left for the exercise: give the block more minutes, or let it "
        "grow with 'debrief_grows_block: yes'",
        "exercise",
        "debrief_per_group",
        severity="warning",
    )


def _span(p: Planned, extra: int, fitted: Fitted) -> Span:
    """The block as fitting sees it; flex never shrinks a block below its report-back
    (plus a few minutes for the work) when the report-back is inside it."""
    block = p.item
    if isinstance(block, Block) and block.flex and not p.fixed:
        low, high = block.flex.min + extra, block.flex.max + extra
        inside = fitted.inside.get(p.id)
        if inside is not None:
            low = max(low, min(p.minutes, inside["extra"] + MIN_WORK))
        return Span(p.minutes, low, high, optional=block.optional)
    optional = isinstance(block, Block) and block.optional
    return Span(p.minutes, p.minutes, p.minutes, optional=optional, is_break=p.is_break)


def _fit_window(
    fitted: Fitted, client: LoadedClient, labels: dict[str, str], title: Callable[[Any], str]
) -> None:
    session = client.client.session
    assert session.start and session.end
    start, end = to_minutes(session.start), to_minutes(session.end)
    slot = f"{session.start}–{session.end}"
    if end <= start:
        raise InputError(
            "the booked slot is empty",
            [
                client.doc.problem(
                    ("session", "end"),
                    f"the session ends at {session.end} but starts at {session.start}: the end "
                    "must come after the start",
                )
            ],
        )
    extras = [_grown_by(fitted, p) for p in fitted.plan]
    spans = [_span(p, extra, fitted) for p, extra in zip(fitted.plan, extras, strict=True)]
    try:
        minutes = fit(spans, end - start)
    except SlotTooShort as short:
        why = needed_sum(short.needed, [(spans[i], extras[i]) for i in short.kept], len(spans))
        inside = "fit the report-back inside its block (leave out 'debrief_grows_block'), "
        raise InputError(
            "the agenda does not fit the booked slot",
            [
                client.doc.problem(
                    ("session", "end"),
                    f"the agenda needs at least {short.needed} minutes, the slot from "
                    f"{session.start} to {session.end} has {end - start} ({why}): "
                    + (inside if any(extras) else "")
                    + "leave blocks out with 'omit', mark blocks 'optional: true' or give "
                    "them 'flex', or book a longer slot",
                )
            ],
        ) from None
    new_plan: list[Planned] = []
    for p, span, m in zip(fitted.plan, spans, minutes, strict=True):
        _describe(fitted, p, span, m, slot, labels, title(p.item.title) or labels["break"])
        if m is not None:
            new_plan.append(replace(p, minutes=m))
    fitted.plan = new_plan
    _early_end(fitted, client, start + sum(p.minutes for p in new_plan), end, slot, labels)


def _grown_by(fitted: Fitted, p: Planned) -> int:
    """The report-back minutes a block grew by (0: none, or fitted inside it)."""
    grown = fitted.grown.get(p.id)
    return grown[1] - grown[0] if grown else 0


def needed_sum(needed: int, kept: list[tuple[Span, int]], total: int) -> str:
    """Where the fewest minutes come from: "124 = 105 minutes of blocks + 9 minutes of
    report-back + 10 minutes of breaks, with the 15-minute break shortened to 10"."""
    blocks = sum(span.low - extra for span, extra in kept if not span.is_break)
    report_back = sum(extra for span, extra in kept if not span.is_break)
    breaks = [span for span, _ in kept if span.is_break]
    parts = [f"{blocks} minutes of blocks"]
    if report_back:
        parts.append(f"{report_back} minutes of report-back")
    if breaks:
        pause = sum(b.floor for b in breaks)
        parts.append(f"{pause} minutes of break{'s' if len(breaks) > 1 else ''}")
    how: list[str] = []
    if any(span.low < span.minutes for span, _ in kept if not span.is_break):
        how.append("the blocks with 'flex' at their shortest")
    if len(kept) < total:
        how.append("the optional blocks left out")
    cut = [b for b in breaks if b.floor < b.minutes]
    if len(cut) == 1:
        how.append(f"the {cut[0].minutes}-minute break shortened to {cut[0].floor}")
    elif cut:
        how.append(f"the breaks shortened to {MIN_BREAK} minutes each")
    said = ", ".join(how[:-1]) + (" and " if len(how) > 1 else "") + (how[-1] if how else "")
    return f"{needed} = " + " + ".join(parts) + (f", with {said}" if how else "")


def _describe(
    fitted: Fitted,
    p: Planned,
    span: Span,
    after: int | None,
    slot: str,
    labels: dict[str, str],
    name: str,
) -> None:
    """A note for the guide and a warning for check when fitting changed this item."""
    before = p.minutes
    if after == before:
        return
    if after is None:
        note = labels["fit_dropped"].format(title=name, minutes=before, slot=slot)
        message = (
            f"'{name}' ({before} minutes) is left out: it is optional and the agenda does "
            f"not fit the booked slot {slot} otherwise"
        )
        where: tuple[str, ...] = ("optional",)
    elif p.is_break:
        note = labels["fit_break"].format(title=name, before=before, after=after, slot=slot)
        message = f"this break is shortened from {before} to {after} minutes to fit the booked slot {slot}"
        where = ("break",)
    else:
        key, verb = (
            ("fit_stretched", "stretched") if after > before else ("fit_shrunk", "shortened")
        )
        note = labels[key].format(title=name, before=before, after=after, slot=slot)
        message = (
            f"'{name}' is {verb} from {before} to {after} minutes to fit the booked slot "
            f"{slot} (flex {span.low} to {span.high})"
        )
        where = ("flex",)
    fitted.notes.append(note)
    fitted.warnings.append(p.origin.problem(message, *where, severity="warning"))


def _early_end(
    fitted: Fitted, client: LoadedClient, ends: int, booked: int, slot: str, labels: dict[str, str]
) -> None:
    """Issue 14: an agenda that ends well before the booked end is worth a word."""
    gap = booked - ends
    if gap <= EARLY_END:
        return
    end = clock(ends, True)
    fitted.notes.append(labels["fit_early"].format(end=end, minutes=gap, slot=slot))
    fitted.warnings.append(
        client.doc.problem(
            ("session", "end"),
            f"the agenda ends at {end}, {gap} minutes before the booked end "
            f"({clock(booked, True)}): give blocks 'flex' to fill the slot, or book a shorter one",
            severity="warning",
        )
    )
