"""The command line: parse options, call the library, print. Heavy imports stay inside
the commands so ``werkvorm --help`` is instant.

Every command is registered with :func:`command`, which turns a :class:`WerkvormError`
into its message and exit status 1, and Ctrl-C into "stopped" and exit status 130.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from werkvorm.errors import WerkvormError

if TYPE_CHECKING:
    from werkvorm.options import Format
    from werkvorm.project import Project

app = typer.Typer(
    name="werkvorm",
    help="Workshop kits from one YAML file: handout, facilitator guide, slide deck, preview.\n\n"
    "Example: [bold]werkvorm check[/] then [bold]werkvorm build spagaat[/].",
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


def _complete_targets(incomplete: str) -> list[str]:
    """Shell completion: the workshop and client names of the project found from here."""
    try:
        from werkvorm.project import find_project

        found = find_project(None)
        names = [p.stem for p in (*found.workshops(), *found.clients())]
    except (WerkvormError, OSError):
        return []
    return sorted(n for n in set(names) if n.startswith(incomplete))


ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        metavar="DIR",
        help="The project folder (the one with workshops/). Default: found from here upward.",
    ),
]
Target = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="A workshop or client name, or a path.",
        autocompletion=_complete_targets,
    ),
]


def _version(value: bool) -> None:
    if value:
        from werkvorm.version import VERSION

        typer.echo(f"werkvorm {VERSION}")
        raise typer.Exit()


@app.callback()
def _main(
    project: ProjectOption = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and stop."
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
                from werkvorm.report import error

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
    from werkvorm.project import find_project

    return find_project(option or state.project)


# init, new and doctor live in cli_setup.py; imported here so they come first in the help.
from werkvorm import cli_setup  # noqa: E402, F401


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


class PaperChoice(StrEnum):
    a4 = "a4"
    a5 = "a5"
    letter = "letter"


@command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE...",
            help="Workshop or client files. Default: every file under workshops/.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every warning, not one line per kind.")
    ] = False,
    output: Annotated[
        ReportFormat, typer.Option("--output", "-o", help="text or json.", case_sensitive=False)
    ] = ReportFormat.text,
    format_: Annotated[
        ReportFormat | None,
        typer.Option("--format", hidden=True, help="Old name of --output.", case_sensitive=False),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Check workshops and clients: every problem as file:line:col, field, what to do.

    Example: [bold]werkvorm check workshops/spagaat.yaml[/]
    """
    from werkvorm import report
    from werkvorm.checks import check_paths

    files, problems = check_paths(project_at(project), paths or [])
    if (format_ or output) is ReportFormat.json:
        typer.echo(report.check_json(files, problems))
    else:
        report.check_text(files, problems, verbose=verbose)
    errors = any(p.severity == "error" for p in problems)
    if errors or (strict and problems):
        raise typer.Exit(1)


def _formats(value: str) -> tuple[str, ...]:
    from werkvorm.options import FORMATS

    wanted = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}: use pdf, pptx, html", param_hint="--format"
        )
    return wanted


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise typer.BadParameter("write I/N, e.g. 1/4 (I from 1 to N)", param_hint="--shard")
    return int(index), int(count)


@command()
def build(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="NAME...",
            help="Workshop or client names (file stems) or paths.",
            show_default=False,
            autocompletion=_complete_targets,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every workshop and every client.")] = False,
    formats: Annotated[
        str, typer.Option("--format", metavar="LIST", help="Comma-separated: pdf,pptx,html.")
    ] = "pdf,pptx,html",
    out: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", help="Output folder. Default: output/.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when nothing changed.")
    ] = False,
    paper: Annotated[
        PaperChoice | None,
        typer.Option(
            "--paper",
            case_sensitive=False,
            help="a4, a5 or letter (default: the client's, else a4).",
        ),
    ] = None,
    participants: Annotated[
        Path | None,
        typer.Option(
            "--participants",
            metavar="FILE",
            help="A participant list (CSV) instead of the client's own.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Kits built at once. Default: the number of cores.",
        ),
    ] = None,
    timeout: Annotated[
        int,
        typer.Option("--timeout", min=1, metavar="SECONDS", help="Seconds one document may take."),
    ] = 120,
    shard: Annotated[
        str | None,
        typer.Option("--shard", metavar="I/N", help="With --all: build share I of N (for CI)."),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Render kits into output/<client or generic>/<workshop>/.

    Example: [bold]werkvorm build gemeente-lindewaard[/], or [bold]werkvorm build --all -j 2[/]
    """
    from werkvorm import batch, report
    from werkvorm.options import BuildOptions

    options = BuildOptions.of(
        formats=_formats(formats),
        out=out.resolve() if out else None,
        force=force,
        paper=paper.value if paper else None,
        participants=participants.resolve() if participants else None,
    )
    piece = _shard(shard)
    if not targets and not all_:
        raise typer.BadParameter("name a workshop or client, or give --all", param_hint="NAME")
    found = project_at(project)
    kits = batch.plan(found, targets or [], all_)
    if piece:
        kits = batch.shard(kits, *piece)
    if not kits:
        typer.echo("nothing to build in this share")
        return
    workers = min(jobs or batch.default_workers(), len(kits))
    start = time.monotonic()
    try:
        outcomes = report.run_build(found, kits, workers, options, timeout)
    except batch.Interrupted as stop:
        report.stopped(stop.finished, len(kits))
        raise typer.Exit(130) from None
    if len(kits) > 1:
        summary = report.build_summary(outcomes, time.monotonic() - start)
        report.console(stderr=any(not o.ok for o in outcomes)).print(summary)
    if any(not o.ok for o in outcomes):
        raise typer.Exit(1)


@command("list")
def list_(project: ProjectOption = None) -> None:
    """The workshops and clients in this project, with duration and blocks.

    Example: [bold]werkvorm list[/]
    """
    from werkvorm.listing import table
    from werkvorm.report import console

    console().print(table(project_at(project)))


@command()
def schema(
    which: Annotated[
        str, typer.Argument(metavar="KIND", help="workshop, module, client or project")
    ] = "workshop",
) -> None:
    """Print the JSON Schema of workshop, module, client or project files (for editors).

    Example: [bold]werkvorm schema client > client.schema.json[/]
    """
    import json

    from werkvorm.schema.jsonschema import json_schema

    try:
        typer.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    except KeyError:
        raise typer.BadParameter(
            "choose workshop, module, client or project", param_hint="KIND"
        ) from None


@command()
def watch(
    target: Target,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also rebuild the PDFs on save.")] = False,
    pptx: Annotated[bool, typer.Option("--pptx", help="Also rebuild the deck on save.")] = False,
    open_: Annotated[
        bool | None,
        typer.Option(
            "--open/--no-open",
            help="Open the preview in a browser. Default: when run in a terminal.",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, metavar="N", help="Port (0: any free one).")
    ] = 8765,
    project: ProjectOption = None,
) -> None:
    """Rebuild on every save and serve a live preview that reloads itself.

    The preview lives in output/.preview/; the kits in output/ are never touched.

    Example: [bold]werkvorm watch spagaat --port 8765[/]
    """
    from werkvorm.report import console, watch_event
    from werkvorm.watch import watch as run_watch

    found = project_at(project)
    kind, path = found.target(target)
    extra: list[Format] = []
    if pdf:
        extra.append("pdf")
    if pptx:
        extra.append("pptx")
    run_watch(
        found,
        "client" if kind == "client" else "workshop",
        path,
        extra_formats=tuple(extra),
        open_browser=sys.stdout.isatty() if open_ is None else open_,
        port=port,
        on_event=watch_event(console()),
    )


@command("inspect-template")
def inspect_template(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A .pptx or .potx file.", exists=True, dir_okay=False),
    ],
) -> None:
    """List a deck template's layouts, their placeholders and the slide kinds each serves.

    Example: [bold]werkvorm inspect-template workshops/clients/huisstijl.potx[/]
    """
    from werkvorm.listing import template_table
    from werkvorm.report import console

    console().print(template_table(file))


def main() -> None:
    """The ``werkvorm`` program: a bug in werkvorm is said plainly, without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if state.debug:
            raise
        print(
            f"error: this is a bug in werkvorm ({exc.__class__.__name__}: {exc}). "
            "Run again with --debug for the details, and please report it.",
            file=sys.stderr,
        )
        sys.exit(1)
