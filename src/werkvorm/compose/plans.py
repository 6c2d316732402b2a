"""A block's minute plan on the clock: its steps scaled to the minutes the block has in
this kit (a client's re-timing, a module re-timed where it is used, fitting to a slot),
the report-back for the groups as a step of its own, and a warning when the written plan
does not add up to the block's minutes or is squeezed too hard."""

from __future__ import annotations

from collections.abc import Callable

from werkvorm.compose.agenda import Planned
from werkvorm.compose.session import PlanRow
from werkvorm.compose.texts import Texts
from werkvorm.errors import Problem
from werkvorm.schema.models import Block

SQUEEZE = 0.75  # a plan shortened below this share of its minutes is flagged


def plan_warnings(plan: list[Planned], t: Texts) -> list[Problem]:
    """Blocks whose plan does not add up to their written minutes, and plans squeezed
    below ``SQUEEZE`` of their length by a re-timing."""
    out: list[Problem] = []
    for p in plan:
        block = p.item
        if not isinstance(block, Block) or not block.plan:
            continue
        total = sum(s.minutes for s in block.plan)
        name = t.pick(block.title)
        if total != block.minutes:
            out.append(
                p.origin.problem(
                    f"the plan of '{name}' adds up to {total} minutes, the block has "
                    f"{block.minutes}: make the steps add up to the block's minutes",
                    "plan",
                    severity="warning",
                )
            )
        elif p.minutes < total * SQUEEZE:
            out.append(
                p.origin.problem(
                    f"'{name}' is re-timed to {p.minutes} minutes, its plan needs {total}: "
                    "the steps are squeezed; shorten the plan, or leave the block its time",
                    "plan",
                    severity="warning",
                )
            )
    return out


def scaled(minutes: list[int], total: int) -> list[int]:
    """``minutes`` scaled to add up to ``total`` (largest remainder, each step at least
    one minute while there are minutes to give)."""
    written = sum(minutes)
    if not minutes or written == total or written == 0:
        return list(minutes)
    exact = [m * total / written for m in minutes]
    out = [max(1, int(x)) for x in exact]
    order = sorted(range(len(out)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    k = 0
    while sum(out) < total:
        out[order[k % len(out)]] += 1
        k += 1
    while sum(out) > total and max(out) > 1:
        out[out.index(max(out))] -= 1
    return out


def plan_rows(
    p: Planned,
    t: Texts,
    labels: dict[str, str],
    *,
    start: int,
    debrief: tuple[int, int],
    clock: Callable[[int], str],
) -> tuple[list[PlanRow], str]:
    """The plan's steps on the clock from ``start``, and a note when it was scaled."""
    block = p.item
    if not isinstance(block, Block) or not block.plan:
        return [], ""
    groups, extra = debrief
    steps = [s.minutes for s in block.plan]
    written = sum(steps)
    base = p.minutes - extra
    lengths = scaled(steps, base)
    doc, loc = p.origin.doc, p.origin.loc
    texts = [t(s.do, doc, (*loc, "plan", n, "do")) for n, s in enumerate(block.plan)]
    if extra:
        per = extra // groups if groups else extra
        texts.append(labels["plan_debrief"].format(groups=groups, per=per))
        lengths.append(extra)
    rows: list[PlanRow] = []
    now = start
    for text, m in zip(texts, lengths, strict=True):
        rows.append(PlanRow(start=clock(now), end=clock(now + m), minutes=m, do=text))
        now += m
    note = ""
    if base != written:
        note = labels["plan_scaled"].format(before=written, after=base)
    return rows, note
