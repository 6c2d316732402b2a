"""The command line: parse options, call the library, print. Heavy imports stay inside
the commands so ``werkvorm --help`` is instant.

Every command is registered with :func:`command`, which turns a :class:`WerkvormError`
into its message and exit status 1, and Ctrl-C into "stopped" and exit status 130.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from werkvorm.cliopts import (
    AllOption,
    FileList,
    ForceOption,
    FormatsOption,
    JobsOption,
    Names,
    OutOption,
    PaperOption,
    ParticipantsOption,
    ProjectOption,
    ReportFormat,
    ShardOption,
    Target,
    TimeoutOption,
    parse_formats,
    parse_shard,
)
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


@command()
def check(
    paths: FileList = None,
    strict: Annotated[
        bool, typer.Option("--strict", metavar="", help="Warnings fail too.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", metavar="", help="List every warning, not one line per kind."
        ),
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

    as_json = (format_ or output) is ReportFormat.json
    try:
        files, problems = check_paths(project_at(project), paths or [])
    except WerkvormError as exc:
        if not as_json:
            raise
        typer.echo(report.check_json(0, exc.problems, error=exc.message))  # stays JSON
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(report.check_json(files, problems))
    else:
        report.check_text(files, problems, verbose=verbose)
    errors = any(p.severity == "error" for p in problems)
    if errors or (strict and problems):
        raise typer.Exit(1)


@command()
def build(
    targets: Names = None,
    all_: AllOption = False,
    formats: FormatsOption = "pdf,pptx,html",
    out: OutOption = None,
    force: ForceOption = False,
    paper: PaperOption = None,
    participants: ParticipantsOption = None,
    jobs: JobsOption = None,
    timeout: TimeoutOption = 120,
    shard: ShardOption = None,
    booklet: Annotated[
        bool,
        typer.Option(
            "--booklet", metavar="", help="Also write handout-booklet.pdf (A5, two-up on A4)."
        ),
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Render kits into output/<client or generic>/<workshop>/.

    Example: [bold]werkvorm build gemeente-lindewaard[/], or [bold]werkvorm build --all -j 2[/]
    """
    from werkvorm import batch, report
    from werkvorm.options import BuildOptions

    options = BuildOptions.of(
        formats=parse_formats(formats),
        out=out.resolve() if out else None,
        force=force,
        paper=paper.value if paper else None,
        participants=participants.resolve() if participants else None,
        booklet=booklet,
    )
    piece = parse_shard(shard)
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
    if len(kits) == 1 and jobs != 1:  # one kit: its documents on two cores where possible
        options = dataclasses.replace(options, parallel=True)
    start = time.monotonic()
    try:
        outcomes = report.run_build(found, kits, workers, options, timeout)
    except batch.Interrupted as stop:
        report.stopped(stop.finished, len(kits))
        raise typer.Exit(130) from None
    if len(kits) > 1:
        summary = report.build_summary(outcomes, time.monotonic() - start)
        sys.stdout.flush()
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
    pdf: Annotated[
        bool, typer.Option("--pdf", metavar="", help="Always on now (old scripts).")
    ] = False,
    pptx: Annotated[
        bool, typer.Option("--pptx", metavar="", help="Always on now (old scripts).")
    ] = False,
    open_: Annotated[
        bool | None,
        typer.Option(
            "--open/--no-open",
            metavar="",
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
    from werkvorm.project import require_regular_file
    from werkvorm.report import console

    require_regular_file(file, max_bytes=300 * 1024 * 1024, what="template")
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
