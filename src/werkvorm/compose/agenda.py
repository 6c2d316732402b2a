"""The agenda as planned for one client: modules opened, ids given, the client's omissions
and re-timings applied. Mistakes that only show here (an id used twice, an omitted block
that does not exist, minutes outside a block's flex) raise :class:`InputError`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from werkvorm.errors import InputError, Location, Problem
from werkvorm.names import slugify
from werkvorm.schema.load import LoadedClient, LoadedWorkshop
from werkvorm.schema.models import Block, Break, Use
from werkvorm.schema.source import Document, PathKey


@dataclass(frozen=True)
class Origin:
    """Where an agenda item came from: its file and its path inside that file."""

    doc: Document
    loc: PathKey

    def at(self, *more: str | int) -> PathKey:
        return (*self.loc, *more)

    def problem(self, message: str, *more: str | int, severity: str = "error") -> Problem:
        return self.doc.problem(self.at(*more), message, severity=severity)

    def location(self) -> Location:
        """Where the item stands, for findings made later (the deck's)."""
        p = self.doc.problem(self.loc, "")
        return Location(p.file, p.line, p.column, p.field)


@dataclass(frozen=True)
class Planned:
    """One agenda item as this client gets it, before fitting to the booked slot."""

    item: Block | Break
    origin: Origin
    id: str
    minutes: int
    fixed: bool = False  # re-timed where used or by the client: fitting leaves it alone
    # The goal numbers the block serves (None: not said), and where that is written.
    serves: tuple[int, ...] | None = None
    serves_at: Origin | None = None

    @property
    def is_break(self) -> bool:
        return isinstance(self.item, Break)


def expand_modules(loaded: LoadedWorkshop, problems: list[Problem]) -> list[Planned]:
    """Agenda items with modules opened, each with its origin, id and written minutes;
    ids used twice and flex that excludes the block's minutes go to ``problems``."""
    out: list[Planned] = []
    for i, item in enumerate(loaded.workshop.agenda):
        if isinstance(item, Use):
            out.extend(_module_items(loaded, item, i))
        elif isinstance(item, Break):
            out.append(Planned(item, Origin(loaded.doc, ("agenda", i)), "", item.break_))
        else:
            origin = Origin(loaded.doc, ("agenda", i))
            serves = None if item.serves is None else tuple(item.serves)
            out.append(Planned(item, origin, "", item.minutes, serves=serves, serves_at=origin))
    return _with_ids(out, loaded.workshop.language, problems)


def _module_items(loaded: LoadedWorkshop, item: Use, i: int) -> list[Planned]:
    """A module's blocks where it is used: re-timed and linked to goals by the 'use:'
    (``minutes``, ``serves``) or, for ``serves``, by the module itself."""
    module = loaded.modules[item.use]
    used = Origin(loaded.doc, ("agenda", i))
    out: list[Planned] = []
    for b, block in enumerate(module.blocks):
        origin = Origin(module.doc, () if module.single else (b,))
        # Where 'serves' stands, or where to add it: the 'use:' unless the module says.
        serves = item.serves if item.serves is not None else block.serves
        at = origin if item.serves is None and block.serves is not None else used
        out.append(
            Planned(
                block,
                origin,
                "",
                item.minutes or block.minutes,
                fixed=item.minutes is not None,
                serves=None if serves is None else tuple(serves),
                serves_at=at,
            )
        )
    return out


def _with_ids(plan: list[Planned], language: str, problems: list[Problem]) -> list[Planned]:
    """Each item with its id (breaks numbered), every block id once and every flex sane."""
    seen: dict[str, Origin] = {}
    out: list[Planned] = []
    for p in plan:
        if isinstance(p.item, Break):
            out.append(replace(p, id=f"break-{sum(q.is_break for q in out) + 1}"))
            continue
        block = p.item
        block_id = block.id or slugify(_title(block, language), fallback="block")
        if block_id in seen:
            first = seen[block_id].problem("")
            problems.append(
                p.origin.problem(
                    f"block id '{block_id}' is used twice (also {first.file}:{first.line}): "
                    "give one of them its own 'id:'",
                    "id" if block.id else "title",
                )
            )
        seen[block_id] = p.origin
        problems.extend(_flex_problems(block, p.origin))
        out.append(replace(p, id=block_id))
    return out


def _title(block: Block, language: str) -> str:
    """The title an id is made from: in the workshop's own language."""
    if isinstance(block.title, str):
        return block.title
    texts: dict[str, str] = {str(k): v for k, v in block.title.items()}
    return texts.get(language) or next(iter(texts.values()))


def _flex_problems(block: Block, origin: Origin) -> list[Problem]:
    if block.flex is None or block.flex.min <= block.minutes <= block.flex.max:
        return []
    low, high = block.flex.min, block.flex.max
    return [
        origin.problem(
            f"the block's {block.minutes} minutes lie outside its flex ({low} to {high}): "
            "make flex include them",
            "flex",
        )
    ]


def apply_client(
    plan: list[Planned], client: LoadedClient, stem: str, problems: list[Problem]
) -> list[Planned]:
    """The plan without the client's omitted blocks, with the client's minutes; raises
    every problem found so far (``problems``) together with the client's own."""
    wanted = client.client
    ids = [p.id for p in plan]
    known = [i for i in ids if not i.startswith("break-")]
    problems += [
        client.doc.problem(("omit", n), f"there is no block '{i}' in {stem}{_suggest(i, known)}")
        for n, i in enumerate(wanted.omit)
        if i not in ids
    ]
    problems += [
        client.doc.problem(
            ("minutes", i), f"there is no block '{i}' in {stem}{_suggest(i, known)}", key=True
        )
        for i in wanted.minutes
        if i not in ids
    ]
    if problems:
        raise InputError("the workshop does not fit together", problems)
    kept = [
        replace(p, minutes=wanted.minutes[p.id], fixed=True) if p.id in wanted.minutes else p
        for p in plan
        if p.id not in wanted.omit
    ]
    if all(p.is_break for p in kept):
        raise InputError(
            "nothing left to run",
            [client.doc.problem(("omit",), "every block is left out: keep at least one")],
        )
    return kept


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f": did you mean '{close[0]}'?" if close else f" (block ids: {', '.join(options)})"
