"""``werkvorm fields [NAME]``: the field reference, from the installed package, offline.

The same text as docs/fields.md (both are made from the models), so a trainer who
installed werkvorm as an app has it without the repository. NAME narrows it to one kind
of file (workshop, client, project), one part (exercise, session) or one field.

Also ``werkvorm preview``, which does not exist: a Quarto or MkDocs user types it first,
and is told that ``watch`` is the command.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Annotated

import typer

from werkvorm.cli.app import command
from werkvorm.errors import WerkvormError

if TYPE_CHECKING:
    from pydantic import BaseModel

FieldName = Annotated[
    str | None,
    typer.Argument(
        metavar="NAME",
        help="A kind of file (workshop, client, project), a part (exercise, session) or a "
        "field (debrief_per_group, colors). Default: everything.",
        show_default=False,
    ),
]


@command()
def fields(name: FieldName = None) -> None:
    """Print the field reference: every field of the files werkvorm reads, with an example.

    Example: [bold]werkvorm fields[/], [bold]werkvorm fields exercise[/],
    [bold]werkvorm fields debrief_per_group[/]
    """
    from werkvorm.schema.reference import field_reference

    typer.echo(field_reference() if name is None else reference_for(name), nl=False)


def _models() -> list[tuple[str, str, type[BaseModel]]]:
    """(section title, kind, model) for every model in the reference."""
    from werkvorm.schema.reference import SECTIONS

    return [(title, kind, model) for title, kind, models in SECTIONS for model in models]


def _described(model: type[BaseModel], key: str, where: str) -> list[str]:
    from werkvorm.schema.reference import _example

    info = next(i for n, i in model.model_fields.items() if (i.alias or n) == key)
    required = ", required" if info.is_required() else ""
    lines = [f"{key} ({where}{required})", f"  {info.description or ''}"]
    if info.examples:
        lines.append(f"  example: {_example(info.examples[0]).strip('`')}")
    return lines


def reference_for(name: str) -> str:
    """The part of the reference for one kind of file, one part or one field."""
    wanted = name.strip().lower().replace("-", "_")
    models = _models()
    kinds = [m for m in models if m[1] == wanted]
    if kinds:
        return "\n".join(_model_text(model, title) for title, _, model in kinds)
    parts = [m for m in models if m[2].__name__.lower() in (wanted, wanted.rstrip("s"))]
    if parts:
        title, _, model = parts[0]
        return _model_text(model, title)
    out: list[str] = []
    inside: list[tuple[str, type[BaseModel]]] = []
    for title, _, model in models:
        for n, info in model.model_fields.items():
            if (info.alias or n) != wanted:
                continue
            out += [*_described(model, wanted, f"{model.__name__} in {_plain(title)}"), ""]
            held = re.findall(r"\w+", str(info.annotation))
            inside += [(t, m) for t, _, m in models if m.__name__ in held and m is not model]
    for title, model in dict.fromkeys(inside):
        out.append(_model_text(model, title))
    if out:
        return "\n".join(out)
    known = sorted(
        {m[1] for m in models}
        | {m[2].__name__.lower() for m in models}
        | {i.alias or n for _, _, m in models for n, i in m.model_fields.items()}
    )
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    hint = f": did you mean '{close[0]}'?" if close else ": 'werkvorm fields' lists every field"
    raise WerkvormError(f"there is no field or part '{name}'{hint}")


def _plain(title: str) -> str:
    return title.replace("`", "")


def _model_text(model: type[BaseModel], title: str) -> str:
    first = (model.__doc__ or "").strip().splitlines()[0]
    lines = [f"{model.__name__}: {first} ({_plain(title)})", ""]
    for n, info in model.model_fields.items():
        lines += [*_described(model, info.alias or n, model.__name__), ""]
    return "\n".join(lines)


@command("preview", hidden=True)
def preview(
    rest: Annotated[list[str] | None, typer.Argument(hidden=True)] = None,
) -> None:
    """There is no preview command: watch serves the live preview."""
    target = f" {rest[0]}" if rest else " NAME"
    typer.echo(
        f"error: there is no 'preview' command: did you mean 'watch'? (werkvorm watch{target} "
        "builds the kit and serves a live preview that follows every save)",
        err=True,
    )
    raise typer.Exit(2)  # the command line is wrong, as for any unknown command
