"""The command line: parse options, call the library, print. Heavy imports stay inside
the commands so ``werkvorm --help`` is instant.

Every command is registered with :func:`command`, which turns a :class:`WerkvormError`
into its message and exit status 1, and Ctrl-C into "stopped" and exit status 130.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from werkvorm.cli.app import app, command, project_at, state
from werkvorm.cli.options import (
    AllOption,
    BookletOption,
    FileList,
    ForceOption,
    FormatsOption,
    JobsOption,
    Names,
    OpenOption,
    OutOption,
    PaperOption,
    ParticipantsOption,
    ProjectOption,
    ReportFormat,
    ShardOption,
    StrictOption,
    Target,
    TimeoutOption,
    VerboseOption,
    parse_formats,
    parse_shard,
)
from werkvorm.errors import WerkvormError

if TYPE_CHECKING:
    from werkvorm.kits.options import Format

# init, new and doctor live in setup.py; imported here so they come first in the help.
from werkvorm.cli import setup as _setup_commands  # noqa: F401

# isort: split
from werkvorm.cli import fields as _field_commands  # noqa: F401  # fields; preview → watch


@command()
def check(
    paths: FileList = None,
    strict: StrictOption = False,
    verbose: VerboseOption = False,
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

    Example: [bold]werkvorm check workshops/mijn-workshop.yaml[/]
    """
    from werkvorm.cli import report
    from werkvorm.kits.checks import check_paths

    as_json = (format_ or output) is ReportFormat.json
    try:
        files, problems = check_paths(
            project_at(project), paths or [], debug=state.debug, layout=verbose and not as_json
        )
    except WerkvormError as exc:
        if not as_json:
            raise
        typer.echo(report.check_json(0, exc.problems, error=exc.message))  # stays JSON
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(report.check_json(files, problems))
    else:
        report.check_text(files, problems, verbose=verbose, strict=strict)
    errors = any(p.severity == "error" for p in problems)
    if errors or (strict and any(p.severity == "warning" for p in problems)):
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
    booklet: BookletOption = False,
    project: ProjectOption = None,
) -> None:
    """Render kits into output/<client or generic>/<workshop>/, programmes into
    output/<client>/<programme>/.

    Example: [bold]werkvorm build mijn-workshop[/], or [bold]werkvorm build --all -j 2[/]
    """
    from werkvorm.cli import report
    from werkvorm.kits import batch
    from werkvorm.kits.jobs import Interrupted
    from werkvorm.kits.options import BuildOptions

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
    except Interrupted as stop:
        report.stopped(stop.finished, len(kits))
        raise typer.Exit(130) from None
    report.deck_font(outcomes)  # once per build: the deck's font is not installed here
    if len(kits) > 1:
        summary = report.build_summary(outcomes, time.monotonic() - start)
        sys.stdout.flush()
        report.console(stderr=any(not o.ok for o in outcomes)).print(summary)
    if any(not o.ok for o in outcomes):
        raise typer.Exit(1)


@command("list")
def list_(project: ProjectOption = None) -> None:
    """The workshops, clients and programmes in this project, with duration and blocks.

    Example: [bold]werkvorm list[/]
    """
    from werkvorm.cli.listing import table
    from werkvorm.cli.programme import summaries
    from werkvorm.cli.report import console

    found = project_at(project)
    console().print(table(found, summaries(found)))


@command()
def schema(
    which: Annotated[
        str, typer.Argument(metavar="KIND", help="workshop, module, client, project or programme")
    ] = "workshop",
) -> None:
    """Print the JSON Schema of workshop, module, client, project or programme files.

    Example: [bold]werkvorm schema client > client.schema.json[/]
    """
    import json

    from werkvorm.schema.jsonschema import json_schema

    try:
        typer.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    except KeyError:
        raise typer.BadParameter(
            "choose workshop, module, client, project or programme", param_hint="KIND"
        ) from None


@command()
def watch(
    target: Target,
    pdf: Annotated[bool, typer.Option("--pdf", hidden=True, help="Always on now.")] = False,
    pptx: Annotated[bool, typer.Option("--pptx", hidden=True, help="Always on now.")] = False,
    open_: OpenOption = None,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, metavar="N", help="Port (0: any free one).")
    ] = 8765,
    project: ProjectOption = None,
) -> None:
    """Rebuild on every save and serve a live preview that reloads itself.

    The preview lives in output/.preview/; the kits in output/ are never touched.

    Example: [bold]werkvorm watch mijn-workshop --port 8765[/]
    """
    from werkvorm.cli.report import console, watch_event
    from werkvorm.preview.watch import watch as run_watch

    found = project_at(project)
    from werkvorm.cli.programme import watch as watch_programme

    shown = sys.stdout.isatty() if open_ is None else open_
    if watch_programme(
        found, target, open_browser=shown, port=port, on_event=watch_event(console())
    ):
        return
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
        typer.Argument(
            metavar="FILE",
            help="A .pptx or .potx file, or a Word template (.dotx, .docx).",
            exists=True,
            dir_okay=False,
        ),
    ],
) -> None:
    """List a deck template's layouts, their placeholders and the slide kinds each serves;
    or a Word template's styles and which of them werkvorm writes with.

    Example: [bold]werkvorm inspect-template workshops/clients/huisstijl.potx[/]
    """
    from werkvorm.cli.listing import template_table
    from werkvorm.cli.report import console
    from werkvorm.project.folder import require_regular_file

    require_regular_file(file, max_bytes=300 * 1024 * 1024, what="template")
    console().print(template_table(file))


def _debug_command() -> str:
    """The command the trainer ran, with ``--debug`` where it is an option: right after
    ``werkvorm`` (``werkvorm check --debug`` is no option)."""
    import shlex

    return shlex.join(["werkvorm", "--debug", *sys.argv[1:]])


def _tolerant_output() -> None:
    """A console or log that cannot show every character (cp1252 on Windows when the
    output is redirected, cp850, ASCII) gets '?' for those: a print never decides the
    exit status or stops a batch."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(errors="replace")


def _stop_on_sigterm() -> None:
    """SIGTERM (a CI cancel, ``kill``, ``timeout``) stops werkvorm as Ctrl-C does: the
    same "stopped: ... finished" line, workers stopped, no half-written kit."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, interrupt)


from werkvorm.cli import live as _live_commands  # noqa: E402, F401  (live, results: after the rest)


def main() -> None:
    """The ``werkvorm`` program: a bug in werkvorm is said plainly, without a traceback."""
    _tolerant_output()
    _stop_on_sigterm()
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
            f"Run `{_debug_command()}` for the details, and please report it.",
            file=sys.stderr,
        )
        sys.exit(1)
