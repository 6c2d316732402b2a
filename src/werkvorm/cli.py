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

from werkvorm.errors import WerkvormError, display_path

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
        str, typer.Argument(metavar="KIND", help="workshop, module or client")
    ] = "workshop",
) -> None:
    """Print the JSON Schema of workshop, module or client files (for editors).

    Example: [bold]werkvorm schema client > client.schema.json[/]
    """
    import json

    from werkvorm.schema.jsonschema import json_schema

    try:
        typer.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    except KeyError:
        raise typer.BadParameter("choose workshop, module or client", param_hint="KIND") from None


@command()
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to make a project of (default: here).")
    ] = Path("."),
    name: Annotated[str, typer.Option("--name", metavar="TEXT", help="Your name.")] = "",
    organisation: Annotated[
        str, typer.Option("--organisation", metavar="TEXT", help="Your company.")
    ] = "",
    email: Annotated[str, typer.Option("--email", metavar="TEXT", help="Your e-mail.")] = "",
    language: Annotated[
        str, typer.Option("--language", metavar="LANG", help="nl, nl-BE or en.")
    ] = "nl",
    paper: Annotated[str, typer.Option("--paper", metavar="SIZE", help="a4, a5 or letter.")] = "a4",
) -> None:
    """Make a folder a werkvorm project: workshops/, templates/, output/, werkvorm.yaml.

    Never overwrites a file. Example: [bold]werkvorm init mijn-trainingen --name "Fiona Stoop"[/]
    """
    from werkvorm.init import Identity, init_project

    identity = Identity(name, organisation, email, language, paper)
    _say_init(init_project(folder, identity))


def _say_init(result: Any) -> None:
    from werkvorm.report import console

    out = console()
    for path in result.created:
        out.print(f"[green]✓[/] created {display_path(path)}")
    if result.kept:
        out.print(f"  kept {len(result.kept)} file(s) and folder(s) that were already there")
    where = display_path(result.root)
    go = "" if result.root == Path.cwd().resolve() else f"cd {where} && "
    out.print(f"  next: [bold]{go}werkvorm new mijn-workshop[/], then fill in werkvorm.yaml")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _project_for_new(option: Path | None, init_wanted: bool) -> Project:
    """The project; in a folder that is none, make one (with --init, or when asked)."""
    from werkvorm.init import init_project
    from werkvorm.project import Project

    try:
        return project_at(option)
    except WerkvormError:
        folder = (option or state.project or Path.cwd()).resolve()
        question = f"{folder} is not a werkvorm project yet. Make it one (werkvorm init)?"
        if not init_wanted and not (_interactive() and typer.confirm(question, default=True)):
            raise WerkvormError(
                f"{folder} is not a werkvorm project: run 'werkvorm init' first, "
                "or add --init to make it one now"
            ) from None
        result = init_project(folder)
        _say_init(result)
        return Project(result.root)


@command()
def new(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="The new workshop's file name, e.g. 'netiquette'.",
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", metavar="NAME", help="Copy this existing workshop instead."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The workshop's title.")] = None,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            metavar="NAME",
            help='A client profile instead, by the client\'s name: "Gemeente Haren".',
        ),
    ] = None,
    workshop: Annotated[
        str | None,
        typer.Option("--workshop", metavar="NAME", help="The workshop the new client books."),
    ] = None,
    module: Annotated[
        str | None,
        typer.Option("--module", metavar="NAME", help="A module instead, e.g. 'kennismaking'."),
    ] = None,
    init_: Annotated[
        bool, typer.Option("--init", help="Make this folder a project first, if it is none.")
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Create a workshop, client or module from a commented starter that checks and builds.

    Examples: [bold]werkvorm new netiquette --title "Onze netiquette"[/],
    [bold]werkvorm new --client "Gemeente Haren" --workshop netiquette[/],
    [bold]werkvorm new --module kennismaking[/]
    """
    from werkvorm import starter
    from werkvorm.report import console

    chosen = [
        what
        for what, given in (("NAME", name), ("--client", client), ("--module", module))
        if given
    ]
    if len(chosen) != 1:
        raise typer.BadParameter(
            "give a workshop NAME, or --client NAME --workshop W, or --module NAME"
        )
    if (client is None) != (workshop is None):
        raise typer.BadParameter("--client and --workshop go together", param_hint="--workshop")
    found = _project_for_new(project, init_)
    if client is not None and workshop is not None:
        path = starter.create_client(found, client, workshop)
        after = f"werkvorm build {path.stem}"
    elif module is not None:
        path = starter.create_module(found, module, title=title)
        after = f"add '- use: modules/{path.name}' to a workshop's agenda"
    else:
        path = starter.create_workshop(found, name or "", from_=from_, title=title)
        after = f"werkvorm watch {path.stem}"
    out = console()
    out.print(f"[green]✓[/] created {display_path(path)}")
    out.print(f"  next: [bold]{after}[/] and edit the file beside it")


@command()
def doctor(project: ProjectOption = None) -> None:
    """Is this computer ready? Python, WeasyPrint with Pango and HarfBuzz, fonts for the
    participant names, LibreOffice; with the install command for what is missing.

    Example: [bold]werkvorm doctor[/]
    """
    from werkvorm.environment import diagnose, healthy
    from werkvorm.report import console

    try:
        root: Path | None = project_at(project).root
    except WerkvormError:
        root = None  # outside a project the doctor still checks the computer
    findings = diagnose(root)
    out = console()
    for f in findings:
        mark = "[green]✓[/]" if f.ok else ("[red]✗[/]" if f.required else "[yellow]![/]")
        out.print(f"{mark} [bold]{f.name}[/]: ", end="")
        out.print(f.detail, markup=False)
        if f.fix:
            out.print("    install: ", end="")
            out.print(f.fix, markup=False, style="bold")
    if not healthy(findings):
        out.print("[red]Something werkvorm needs is missing[/]: install it as shown above.")
        raise typer.Exit(1)
    out.print("[green]Ready to build kits.[/]")


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
