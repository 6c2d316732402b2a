"""The tables of ``werkvorm list`` and ``werkvorm inspect-template``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from werkvorm.errors import WerkvormError, printable
from werkvorm.project.folder import Project


@dataclass(frozen=True)
class Summary:
    """One workshop or client at a glance (``title`` is empty when it has errors)."""

    name: str
    kind: str
    title: str = ""
    language: str = ""
    minutes: int = 0
    blocks: int = 0
    exercises: int = 0


def summaries(project: Project) -> list[Summary]:
    """Every workshop and client of the project, composed as a build would."""
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs

    found: list[Summary] = []
    for kind, paths in (("workshop", project.workshops()), ("client", project.clients())):
        for path in paths:
            try:
                inputs = load_inputs(project, kind, path)
                s = compose(inputs.workshop, inputs.client)
            except WerkvormError:
                found.append(Summary(printable(path.stem), kind))
                continue
            found.append(
                Summary(
                    printable(path.stem),
                    kind,
                    f"{s.client}: {s.title}" if s.client else s.title,
                    s.language,
                    s.total_minutes,
                    len(s.blocks),
                    sum(1 for b in s.blocks if b.exercise),
                )
            )
    return found


def table(project: Project, more: Sequence[Summary] = ()) -> Table:
    """The rows of ``werkvorm list``: every workshop and client, then ``more`` (the
    programmes)."""
    result = Table(title="werkvorm", title_justify="left")
    for col in ("name", "kind", "title", "lang", "duration", "blocks", "exercises"):
        result.add_column(
            col,
            justify="right" if col in ("duration", "blocks", "exercises") else "left",
            no_wrap=col != "title",
            min_width=24 if col == "title" else None,
        )
    for s in [*summaries(project), *more]:
        if not s.title:
            result.add_row(
                escape(s.name), s.kind, "[red]has errors: run werkvorm check[/]", *[""] * 4
            )
            continue
        hours, mins = divmod(s.minutes, 60)
        result.add_row(
            escape(s.name),  # a '[' in a name or title is text, not rich markup
            s.kind,
            escape(printable(s.title)),
            s.language,
            f"{hours}h{mins:02d}",
            str(s.blocks),
            str(s.exercises),
        )
    return result


def template_table(file: Path) -> Table:
    if file.suffix.lower() in (".dotx", ".docx", ".dotm", ".docm"):
        return word_template_table(file)
    from werkvorm.render.deck import describe_template

    layouts = describe_template(file.resolve())
    result = Table(title=str(file), title_justify="left")
    for col in ("master", "#", "layout", "placeholders", "can serve", "werkvorm uses it for"):
        result.add_column(col)
    for li in layouts:
        serves = "never (vertical text)" if li["vertical"] else ", ".join(li["serves"]) or "-"
        result.add_row(
            str(li["master"]),
            str(li["index"]),
            li["name"],
            ", ".join(p.lower() for p in li["placeholders"]) or "-",
            serves,
            ", ".join(li["chosen_for"]),
        )
    result.caption = _left_out(file)
    return result


def word_template_table(file: Path) -> Table:
    """A Word template's styles: kind, name, and what werkvorm writes with it."""
    from werkvorm.render.docx import describe_template

    result = Table(title=str(file), title_justify="left")
    for col in ("kind", "style", "werkvorm writes with it"):
        result.add_column(col)
    for name, kind, role in describe_template(file.resolve()):
        result.add_row(kind, name, role or "-")
    return result


def _left_out(file: Path) -> str | None:
    """What the template's masters or layouts reach that never goes into a deck."""
    from werkvorm.render.deck.parts import left_out

    found = left_out(file.read_bytes())  # checked by describe_template already
    if not found:
        return None
    return f"left out of every deck (its masters or layouts link to them): {', '.join(found)}"
