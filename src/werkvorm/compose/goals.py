"""Goals that are checked: each block says which workshop goals it exercises
(``serves: [1, 3]``); a goal no block in the kit serves, and a block that serves no goal,
are warnings; a goal number that does not exist is an error. The evaluation form asks one
scale per goal, in the words "Ik kan nu ..." ("I can now ...")."""

from __future__ import annotations

from werkvorm.compose.agenda import Planned
from werkvorm.compose.texts import Texts
from werkvorm.errors import Problem
from werkvorm.schema.load import LoadedClient, LoadedWorkshop
from werkvorm.schema.models import Block


def serves_problems(plan: list[Planned], goals: int) -> list[Problem]:
    """Goal numbers beyond the workshop's goals (errors)."""
    out: list[Problem] = []
    for p in plan:
        if p.serves is None or p.serves_at is None:
            continue
        for k, n in enumerate(p.serves):
            if n > goals:
                have = f"has {goals} goals" if goals else "has no 'goals'"
                out.append(
                    p.serves_at.problem(
                        f"there is no goal {n}: the workshop {have} (count from 1)", "serves", k
                    )
                )
    return out


def goal_warnings(
    loaded: LoadedWorkshop,
    client: LoadedClient,
    planned: list[Planned],
    kept: list[Planned],
    t: Texts,
) -> list[Problem]:
    """Blocks that serve no goal, and goals that no block of this kit serves."""
    goals = loaded.workshop.goals
    if not goals:
        return []
    out: list[Problem] = []
    for p in kept:
        block = p.item
        if isinstance(block, Block) and p.serves is None and not block.goals:
            where = p.serves_at or p.origin
            out.append(
                where.problem(
                    f"'{t.pick(block.title)}' serves no goal: add 'serves: [n]' with the "
                    "numbers of the goals it exercises, or 'serves: []' if it serves none on "
                    "purpose",
                    *(("title",) if where is p.origin else ()),
                    severity="warning",
                )
            )
    served = {n for p in kept for n in (p.serves or ())}
    planned_serves = {n: p for p in reversed(planned) for n in (p.serves or ())}
    for n in range(1, len(goals) + 1):
        if n in served:
            continue
        if n in planned_serves:
            gone = planned_serves[n]
            out.append(
                client.doc.problem(
                    ("omit",),
                    f"goal {n} is exercised only by '{gone.id}', which this client leaves "
                    "out: keep the block, or tell the group this goal is not covered today",
                    severity="warning",
                )
            )
        else:
            out.append(
                loaded.doc.problem(
                    ("goals", n - 1),
                    f"goal {n} is served by no block: add 'serves: [{n}]' to the block that "
                    "exercises it, or drop the goal",
                    severity="warning",
                )
            )
    return out


def goal_checks(goals: list[str], labels: dict[str, str]) -> list[str]:
    """One statement per goal for the evaluation form: "Ik kan nu " and the goal, its
    first letter small unless it is a name or an abbreviation ("X", "HR")."""
    out = []
    for goal in goals:
        text = goal.strip().rstrip(".")
        if len(text) > 1 and text[1].islower() and text[0].isupper():
            text = text[0].lower() + text[1:]
        out.append(labels["eval_goal"].format(goal=text) + ".")
    return out
