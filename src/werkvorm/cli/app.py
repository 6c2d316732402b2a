"""The command-line application: the Typer app, global options and how a command is
registered. Every command module registers on this app; :mod:`werkvorm.cli.main` imports
them in the order they appear in ``--help``.

:func:`command` turns a :class:`WerkvormError` into its message and exit status 1, and
Ctrl-C into "stopped" and exit status 130.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from werkvorm.cli.options import ProjectOption
from werkvorm.errors import WerkvormError

if TYPE_CHECKING:
    from werkvorm.project.folder import Project

app = typer.Typer(
    name="werkvorm",
    help="Workshop kits from one YAML file: handout, facilitator guide, slide deck, preview.\n\n"
    "Example: [bold]werkvorm check[/] then [bold]werkvorm build mijn-workshop[/].",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
F = TypeVar("F", bound=Callable[..., Any])


class _State:
    project: Path | None = None
    debug: bool = False


state = _State()


def _version(value: bool) -> None:
    if value:
        from werkvorm.version import VERSION

        typer.echo(f"werkvorm {VERSION}")
        raise typer.Exit()


@app.callback()
def _main(
    project: ProjectOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", metavar="", help="Show a traceback on errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            metavar="",
            help="Show the version and stop.",
        ),
    ] = False,
) -> None:
    state.project = project
    state.debug = debug


def command(name: str | None = None, **settings: Any) -> Callable[[F], F]:
    """Register a command whose WerkvormError becomes the message and exit status 1."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except WerkvormError as exc:
                if state.debug:
                    raise
                from werkvorm.cli.report import error

                error(exc)
                raise typer.Exit(1) from None
            except KeyboardInterrupt:
                typer.echo("stopped", err=True)
                raise typer.Exit(130) from None

        app.command(name, **settings)(run)
        return function

    return register


def project_at(option: Path | None = None) -> Project:
    """The project: ``--project`` given after the command, else before it, else found."""
    from werkvorm.project.folder import find_project

    return find_project(option or state.project)
