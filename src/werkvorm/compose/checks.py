"""Matters of judgement found while composing: warnings on the Session, shown by check.

Each function looks at one thing a trainer would want to know before the day: a block
without notes, a long stretch without a break, an agenda that does not add up to the
planned duration or runs past the end of the day, a brand colour too light for text.
"""

from __future__ import annotations

from werkvorm.compose.agenda import Planned
from werkvorm.compose.clock import clock, to_minutes
from werkvorm.compose.colours import MIN_TEXT_CONTRAST, contrast, readable_on_white
from werkvorm.compose.session import SessionItem
from werkvorm.compose.timeline import Clock
from werkvorm.errors import Problem
from werkvorm.schema.load import LoadedClient, LoadedWorkshop
from werkvorm.schema.models import Block

MAX_WITHOUT_BREAK = 90
DEFAULT_DAY_END = "17:30"


def agenda_warnings(plan: list[Planned], items: list[SessionItem]) -> list[Problem]:
    """Blocks without facilitator notes, and the first block of each stretch that runs
    past ``MAX_WITHOUT_BREAK`` minutes without a break."""
    out: list[Problem] = []
    since_break, warned = 0, False
    for p, item in zip(plan, items, strict=True):
        if not isinstance(p.item, Block):
            since_break, warned = 0, False
            continue
        if not p.item.facilitator:
            out.append(
                p.origin.problem(
                    "this block has no 'facilitator:' notes: the guide and the speaker notes "
                    "will be empty",
                    "title",
                    severity="warning",
                )
            )
        since_break += item.minutes
        if since_break > MAX_WITHOUT_BREAK and not warned:
            out.append(
                p.origin.problem(
                    f"{since_break} minutes without a break by the end of '{item.title}': "
                    f"plan a break at least every {MAX_WITHOUT_BREAK} minutes",
                    "title",
                    severity="warning",
                )
            )
            warned = True  # one warning per stretch between breaks
    return out


def budget_warnings(
    loaded: LoadedWorkshop,
    client: LoadedClient,
    planned: list[Planned],
    grown: dict[str, tuple[int, int, int, int]] | None = None,
) -> list[Problem]:
    """The agenda as it runs (after the client's omit and minutes, with report-back that
    grows its block, before fitting to a slot) against the workshop's planned duration."""
    total = sum(p.minutes for p in planned)
    duration = loaded.workshop.duration
    report_back = sum(after - before for before, after, _, _ in (grown or {}).values())
    if total == duration or (report_back and total - report_back == duration):
        return []  # as planned, or only the report-back: growth_warnings says that
    message = f"planned {duration} minutes, but the agenda adds up to {total}"
    if report_back:
        message += f" ({report_back} of them report-back)"
    wanted = client.client
    if wanted.session.start and wanted.session.end:
        return []  # the client's own slot says how long it runs: fitting checks that
    if wanted.omit or wanted.minutes:
        return [
            client.doc.problem(
                ("minutes" if wanted.minutes else "omit",),
                f"{message} after this client's omit and minutes: fine if intended, or "
                "re-time other blocks",
                severity="warning",
            )
        ]
    return [
        loaded.doc.problem(
            ("duration",),
            f"{message}: adjust 'duration' or the blocks' minutes",
            severity="warning",
        )
    ]


def growth_warnings(
    planned: list[Planned],
    grown: dict[str, tuple[int, int, int, int]],
    at: Clock,
    duration: int,
) -> list[Problem]:
    """Blocks whose report-back comes on top of their minutes, when that makes the session
    longer than planned: how much, and when it now ends."""
    total = sum(p.minutes for p in planned)
    if not grown or total <= duration:
        return []
    if at.has_clock:
        ends = f"the session now ends at {at.at(at.start + total)}, after its planned "
    else:
        ends = f"the session now takes {total} minutes, more than its planned "
    out = []
    for p in planned:
        if p.id not in grown:
            continue
        before, after, groups, per = grown[p.id]
        out.append(
            p.origin.problem(
                f"block '{p.id}' grows from {before} to {after} minutes; {ends}{duration} "
                f"minutes ({groups} groups × {per} minutes of report-back): fit the "
                "report-back inside the block (leave out 'debrief_grows_block'), shorten "
                "other blocks, or plan a longer 'duration'",
                "exercise",
                "debrief_grows_block",
                severity="warning",
            )
        )
    return out


def day_end_warnings(client: LoadedClient, ends: int) -> list[Problem]:
    """A session with a start time that runs past the booked end (or 17:30)."""
    session = client.client.session
    if not session.start:
        return []
    day_end = session.end or DEFAULT_DAY_END
    if ends <= to_minutes(day_end):
        return []
    return [
        client.doc.problem(
            ("session", "start"),
            f"the session ends at {clock(ends, True)}, after {day_end}: start earlier or "
            "shorten blocks",
            severity="warning",
        )
    ]


def contrast_warnings(client: LoadedClient) -> list[Problem]:
    """Brand colours too light to read as text on white (werkvorm darkens them)."""
    colours = client.client.colors
    return [
        client.doc.problem(
            ("colors", key),
            f"{colour} has too little contrast on white ({contrast(colour):.1f}:1, needs "
            f"{MIN_TEXT_CONTRAST}:1) for text; werkvorm uses the darker "
            f"{readable_on_white(colour)} for text"
            + (
                " on slides; print uses it only as a fill, with dark text on it"
                if contrast(colour) < 3
                else ""
            ),
            severity="warning",
        )
        for key, colour in (("primary", colours.primary), ("accent", colours.accent))
        if colour and contrast(colour) < MIN_TEXT_CONTRAST
    ]
