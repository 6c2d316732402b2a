"""The command line: parse options, call the library, print. Heavy imports stay inside
the commands so ``werkvorm --help`` is instant."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from werkvorm.errors import Problem, WerkvormError, display_path

if TYPE_CHECKING:
    from werkvorm.batch import KitJob, KitOutcome
    from werkvorm.project import Project


app = typer.Typer(
    name="werkvorm",
    help="Workshop kits from one YAML file: handout, facilitator guide, slide deck, preview.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    project: Path | None = None
    debug: bool = False


state = _State()


@app.callback()
def _main(
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            "-p",
            help="The project folder (the one with workshops/). Default: found from here upward.",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    """Example: [bold]werkvorm check[/] then [bold]werkvorm build gemeente-haren[/]."""
    state.project = project
    state.debug = debug


def _console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail(exc: WerkvormError) -> NoReturn:
    if state.debug:
        raise exc
    console = _console(stderr=True)
    console.print(f"[bold red]error:[/] {exc.message}", markup=True)
    for p in exc.problems:
        console.print(p.format(), markup=False)
    raise typer.Exit(1)


def _project() -> Project:
    from werkvorm.project import find_project

    return find_project(state.project)


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Workshop or client files. Default: every file under workshops/."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Check workshops and clients: every problem as file:line:col, field, what to do.

    Example: [bold]werkvorm check workshops/spagaat.yaml[/]
    """
    from werkvorm.kits import check_file

    try:
        project = _project()
        files = (
            [p.resolve() for p in paths] if paths else [*project.workshops(), *project.clients()]
        )
        findings: dict[str, list[Problem]] = {}
        for f in files:
            if not f.exists():
                findings[str(f)] = [Problem(str(f), message="file not found")]
                continue
            findings[str(f)] = check_file(project, f)
    except WerkvormError as exc:
        _fail(exc)
    all_problems = sorted({p for ps in findings.values() for p in ps})
    errors = [p for p in all_problems if p.severity == "error"]
    warnings = [p for p in all_problems if p.severity == "warning"]
    if output_format == "json":
        typer.echo(
            json.dumps(
                {"files": len(files), "problems": [p.as_dict() for p in all_problems]},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        console = _console()
        current = None
        for p in all_problems:
            if p.file != current:
                current = p.file
                console.print(f"[bold]{p.file}[/]")
            colour = "red" if p.severity == "error" else "yellow"
            console.print(f"  [{colour}]{p.severity}[/] ", end="")
            console.print(p.format().removeprefix(p.file).lstrip(":"), markup=False)
        summary = f"{len(files)} file(s): {len(errors)} error(s), {len(warnings)} warning(s)"
        console.print(("[green]✓[/] " if not errors else "") + summary)
    if errors or (strict and warnings):
        raise typer.Exit(1)


@app.command()
def build(
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="Workshop or client names (file stems) or paths.", show_default=False),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every workshop and every client.")] = False,
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: pdf,pptx,html.")
    ] = "pdf,pptx,html",
    out: Annotated[
        Path | None, typer.Option("--out", help="Output folder. Default: output/.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when nothing changed.")
    ] = False,
    paper: Annotated[
        str | None,
        typer.Option("--paper", help="a4, a5 or letter (default: the client's, else a4)."),
    ] = None,
    participants: Annotated[
        Path | None,
        typer.Option(
            "--participants",
            help="A participant list (CSV) instead of the client's own.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    booklet: Annotated[
        bool,
        typer.Option("--booklet", help="Also write handout-booklet.pdf (A5, two-up on A4)."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Kits built at once. Default: the number of cores."
        ),
    ] = None,
    timeout: Annotated[
        int, typer.Option("--timeout", min=1, help="Seconds one document may take.")
    ] = 120,
) -> None:
    """Render kits into output/<client or generic>/<workshop>/.

    Example: [bold]werkvorm build gemeente-lindewaard[/], or [bold]werkvorm build --all -j 2[/]
    """
    from werkvorm import batch
    from werkvorm.manifest import FORMATS

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}: use pdf, pptx, html", param_hint="--format"
        )
    if paper is not None and paper.lower() not in ("a4", "a5", "letter"):
        raise typer.BadParameter("use a4, a5 or letter", param_hint="--paper")
    if not targets and not all_:
        raise typer.BadParameter("name a workshop or client, or give --all", param_hint="TARGETS")
    try:
        project = _project()
        kits = batch.plan(project, targets or [], all_)
    except WerkvormError as exc:
        _fail(exc)
    options: dict[str, object] = {
        "formats": wanted,
        "out": out.resolve() if out else None,
        "force": force,
        "paper": paper.lower() if paper else None,
        "participants": participants.resolve() if participants else None,
        "booklet": booklet,
    }
    workers = min(jobs or batch.default_workers(), len(kits))
    outcomes = _run_with_progress(project, kits, workers, options, timeout)
    failures = [o for o in outcomes if not o.ok]
    if len(kits) == 1 and failures:
        _fail(WerkvormError(failures[0].error, failures[0].problems))
    if failures:
        err = _console(stderr=True)
        err.print(
            f"[bold red]{len(failures)} of {len(kits)} kit(s) failed[/] "
            "(their earlier outputs are unchanged):"
        )
        for failure in failures:
            err.print(f"[bold]{failure.job.label}[/]: {failure.error}")
            for p in failure.problems:
                err.print(f"  {p.format()}", markup=False)
        raise typer.Exit(1)


def _run_with_progress(
    project: Project,
    kits: list[KitJob],
    workers: int,
    options: dict[str, object],
    timeout: int,
) -> list[KitOutcome]:
    """A Rich progress bar on a terminal; one plain line per finished kit in a pipe."""
    from rich.markup import escape

    from werkvorm import batch

    console = _console()

    def line(o: batch.KitOutcome) -> str:
        if not o.ok:
            return f"[red]✗[/] {o.job.label}: {o.error}"
        where = display_path(o.folder)
        if o.skipped:
            return f"[dim]= {where} (unchanged)[/]"
        note = f" [yellow]({o.warnings} warning(s): werkvorm check)[/]" if o.warnings else ""
        printed = "".join(f"\n  [yellow]![/] {escape(w)}" for w in o.print_warnings)
        return f"[green]✓[/] {where}: {len(o.written)} file(s) in {o.seconds:.1f} s{note}{printed}"

    if not console.is_terminal or len(kits) == 1:
        return batch.run(
            project,
            kits,
            workers=workers,
            options=options,
            timeout=timeout,
            on_done=lambda o: console.print(line(o)),
        )
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("building kits", total=len(kits))

        def done(o: batch.KitOutcome) -> None:
            progress.console.print(line(o))
            progress.advance(task)

        return batch.run(
            project, kits, workers=workers, options=options, timeout=timeout, on_done=done
        )


@app.command("list")
def list_() -> None:
    """The workshops and clients in this project, with duration and blocks.

    Example: [bold]werkvorm list[/]
    """
    from rich.table import Table

    from werkvorm.compose import compose
    from werkvorm.kits import load_inputs

    try:
        project = _project()
    except WerkvormError as exc:
        _fail(exc)
    table = Table(title="werkvorm", title_justify="left")
    for col in ("name", "kind", "title", "lang", "duration", "blocks", "exercises"):
        table.add_column(
            col,
            justify="right" if col in ("duration", "blocks", "exercises") else "left",
            no_wrap=col != "title",
            min_width=24 if col == "title" else None,
        )

    for kind, paths in (("workshop", project.workshops()), ("client", project.clients())):
        for path in paths:
            try:
                inputs = load_inputs(project, kind, path)
                s = compose(inputs.workshop, inputs.client)
            except WerkvormError:
                table.add_row(
                    path.stem, kind, "[red]has errors: run werkvorm check[/]", "", "", "", ""
                )
                continue
            title = f"{s.client}: {s.title}" if s.client else s.title
            blocks = s.blocks
            hours, mins = divmod(s.total_minutes, 60)
            table.add_row(
                path.stem,
                kind,
                title,
                s.language,
                f"{hours}h{mins:02d}",
                str(len(blocks)),
                str(sum(1 for b in blocks if b.exercise)),
            )
    _console().print(table)


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="workshop, module or client")] = "workshop",
) -> None:
    """Print the JSON Schema of workshop, module or client files (for editors).

    Example: [bold]werkvorm schema client > client.schema.json[/]
    """
    from werkvorm.schema.jsonschema import json_schema

    try:
        typer.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    except KeyError:
        raise typer.BadParameter("choose workshop, module or client", param_hint="WHICH") from None


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="The new workshop's file name, e.g. 'netiquette'.")],
    from_: Annotated[
        str | None, typer.Option("--from", help="Copy this existing workshop instead.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The workshop's title.")] = None,
) -> None:
    """Create workshops/NAME.yaml from a commented starter that checks and builds as it is.

    Example: [bold]werkvorm new netiquette --title "Onze netiquette"[/]
    """
    from werkvorm.starter import create_workshop

    try:
        path = create_workshop(_project(), name, from_=from_, title=title)
    except WerkvormError as exc:
        _fail(exc)
    console = _console()
    console.print(f"[green]✓[/] created {display_path(path)}")
    console.print(f"  next: [bold]werkvorm watch {path.stem}[/] and edit the file beside it")


@app.command()
def watch(
    target: Annotated[str, typer.Argument(help="A workshop or client name, or a path.")],
    pdf: Annotated[bool, typer.Option("--pdf", help="Also rebuild the PDFs on save.")] = False,
    pptx: Annotated[bool, typer.Option("--pptx", help="Also rebuild the deck on save.")] = False,
    open_: Annotated[bool, typer.Option("--open", help="Open the preview in a browser.")] = False,
) -> None:
    """Rebuild on every save and serve a live preview that reloads itself.

    Example: [bold]werkvorm watch spagaat --open[/]
    """
    from werkvorm.watch import watch as run_watch

    try:
        project = _project()
        kind, path = project.target(target)
    except WerkvormError as exc:
        _fail(exc)
    console = _console()
    extra = [f for f, wanted in (("pdf", pdf), ("pptx", pptx)) if wanted]
    run_watch(
        project,
        kind,
        path,
        extra_formats=extra,
        open_browser=open_,
        say=lambda line: console.print(line),
    )


@app.command("inspect-template")
def inspect_template(
    file: Annotated[
        Path, typer.Argument(help="A .pptx or .potx file.", exists=True, dir_okay=False)
    ],
) -> None:
    """List a deck template's layouts, their placeholders and the slide kinds each serves.

    Example: [bold]werkvorm inspect-template workshops/clients/huisstijl.potx[/]
    """
    from rich.table import Table

    from werkvorm.render.deck import describe_template

    try:
        layouts = describe_template(file.resolve())
    except WerkvormError as exc:
        _fail(exc)
    table = Table(title=str(file), title_justify="left")
    for col in ("master", "#", "layout", "placeholders", "can serve", "werkvorm uses it for"):
        table.add_column(col)
    for li in layouts:
        serves = "never (vertical text)" if li["vertical"] else ", ".join(li["serves"]) or "-"
        table.add_row(
            str(li["master"]),
            str(li["index"]),
            li["name"],
            ", ".join(p.lower() for p in li["placeholders"]) or "-",
            serves,
            ", ".join(li["chosen_for"]),
        )
    _console().print(table)


def main() -> None:
    try:
        app()
    except WerkvormError as exc:  # raised outside a command's own handling
        if state.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug in werkvorm: say so plainly, without a traceback
        if state.debug:
            raise
        print(
            f"error: werkvorm failed unexpectedly ({exc.__class__.__name__}: {exc}). "
            "Run again with --debug for the details, and please report it.",
            file=sys.stderr,
        )
        sys.exit(1)
