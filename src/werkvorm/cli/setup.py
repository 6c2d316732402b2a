"""The commands that set a trainer up: ``init``, ``new`` and ``doctor``.

Registered on the one app of ``cli.py`` (which imports this module before its other
commands, so these come first in ``werkvorm --help``), with the same error handling.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from werkvorm.cli.app import command, project_at, state
from werkvorm.cli.options import ProjectOption
from werkvorm.errors import WerkvormError, display_path

if TYPE_CHECKING:
    from werkvorm.project.folder import Project


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

    Never overwrites a file. Example: [bold]werkvorm init mijn-trainingen --name "Ilse Hoogland"[/]
    """
    from werkvorm.cli.init import Identity, init_project

    identity = Identity(name, organisation, email, language, paper)
    _say_init(init_project(folder, identity))


def _say_init(result: Any, *, making_new: bool = False) -> None:
    from rich.markup import escape

    from werkvorm.cli.report import console

    out = console()
    for path in result.created:
        out.print(f"[green]✓[/] created {display_path(path)}")
    if result.kept:
        out.print(f"  kept {len(result.kept)} file(s) and folder(s) that were already there")
    where = display_path(result.root)
    go = "" if result.root == Path.cwd().resolve() else f"cd {where} && "
    if making_new:  # 'new --init': the file 'new' makes is the next step, said below
        out.print(f"  fill in {escape(display_path(result.root / 'werkvorm.yaml'))} when you can")
        return
    out.print(f"  next: [bold]{go}werkvorm new mijn-workshop[/], then fill in werkvorm.yaml")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _project_for_new(option: Path | None, init_wanted: bool) -> Project:
    """The project; in a folder that is none, make one (with --init, or when asked)."""
    from werkvorm.cli.init import init_project
    from werkvorm.project.folder import Project

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
        _say_init(result, making_new=True)
        return Project(result.root)


NewName = Annotated[
    str | None,
    typer.Argument(
        metavar="NAME",
        help="The new workshop's file name, e.g. 'netiquette'.",
        show_default=False,
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option("--from", metavar="NAME", help="Copy this existing workshop instead."),
]
TitleOption = Annotated[str | None, typer.Option("--title", help="The workshop's title.")]
ClientNameOption = Annotated[
    str | None,
    typer.Option(
        "--client",
        metavar="NAME",
        help='A client profile instead, by the client\'s name: "Gemeente Lindewaard".',
    ),
]
BooksOption = Annotated[
    str | None,
    typer.Option("--workshop", metavar="NAME", help="The workshop the new client books."),
]
ModuleOption = Annotated[
    str | None,
    typer.Option("--module", metavar="NAME", help="A module instead, e.g. 'kennismaking'."),
]
ProgrammeOption = Annotated[
    str | None,
    typer.Option(
        "--programme",
        metavar="NAME",
        help="A programme instead: with --client (a client profile's file name) and "
        "--workshop W1,W2,W3, one session each.",
    ),
]
InitFirstOption = Annotated[
    bool, typer.Option("--init", help="Make this folder a project first, if it is none.")
]


@command()
def new(
    name: NewName = None,
    from_: FromOption = None,
    title: TitleOption = None,
    client: ClientNameOption = None,
    workshop: BooksOption = None,
    module: ModuleOption = None,
    programme: ProgrammeOption = None,
    init_: InitFirstOption = False,
    project: ProjectOption = None,
) -> None:
    """Create a workshop, client or module from a commented starter that checks and builds.

    Examples: [bold]werkvorm new netiquette --title "Onze netiquette"[/],
    [bold]werkvorm new --client "Gemeente Lindewaard" --workshop netiquette[/],
    [bold]werkvorm new --module kennismaking[/],
    [bold]werkvorm new --programme leergang --client gemeente-lindewaard --workshop kanteling,spagaat[/]
    """
    from werkvorm.cli import starter
    from werkvorm.cli.report import console

    if programme is not None:
        _new_programme(programme, client, workshop, title, project, init_)
        return
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


def _new_programme(
    name: str,
    client: str | None,
    workshops: str | None,
    title: str | None,
    project: Path | None,
    init_: bool,
) -> None:
    from werkvorm.cli.programme import create_programme, workshop_list
    from werkvorm.cli.report import console

    if client is None or workshops is None:
        raise typer.BadParameter(
            "--programme needs --client (a client profile) and --workshop W1,W2,...",
            param_hint="--programme",
        )
    path = create_programme(
        _project_for_new(project, init_), name, client, workshop_list(workshops), title
    )
    out = console()
    out.print(f"[green]✓[/] created {display_path(path)}")
    out.print(f"  next: [bold]werkvorm build {path.stem}[/] and edit the file beside it")


@command()
def doctor(project: ProjectOption = None) -> None:
    """Is this computer ready to build kits? Each missing piece with its install command.

    Checks Python, WeasyPrint with Pango, fonts, LibreOffice and werkvorm.yaml.

    Example: [bold]werkvorm doctor[/]
    """
    from werkvorm.cli.doctor import diagnose, healthy
    from werkvorm.cli.report import console

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
            out.print("    fix: " if f.name == "werkvorm.yaml" else "    install: ", end="")
            out.print(f.fix, markup=False, style="bold")
    if not healthy(findings):
        missing = ", ".join(f.name for f in findings if f.required and not f.ok)
        out.print(f"[red]Not ready to build kits[/]: see {missing} above.")
        raise typer.Exit(1)
    out.print("[green]Ready to build kits.[/]")
