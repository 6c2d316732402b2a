"""``werkvorm live`` and ``werkvorm results``: the session day and what it taught.

Registered on the app by one import in :mod:`werkvorm.cli.main`; everything heavy
(uvicorn, Starlette, SQLAlchemy, Alembic, matplotlib) is imported inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from werkvorm.cli.app import command, project_at
from werkvorm.cli.options import OpenOption, ProjectOption, Target
from werkvorm.kits import MORE_CHECKS

if TYPE_CHECKING:
    from werkvorm.errors import Problem
    from werkvorm.project.folder import Project

DB_ENV = "WERKVORM_LIVE_DB"
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        envvar=DB_ENV,
        show_envvar=True,
        help="A SQLAlchemy database URL (e.g. postgresql+psycopg://user@host/name). "
        "Default: .werkvorm/live.db in the project folder. `werkvorm check` reads the "
        f"same database when {DB_ENV} is set.",
    ),
]

FreshOption = Annotated[
    bool,
    typer.Option(
        "--fresh",
        metavar="",
        help="Start today's run over (after a rehearsal): its timing, presses and "
        "evaluations are removed.",
    ),
]


def database_url(root: Path, db: str | None) -> str:
    """The --db URL, else the project's own SQLite file (outside output/)."""
    from werkvorm.live.store import DEFAULT, sqlite_url

    if db:
        return db
    return sqlite_url((root / DEFAULT).resolve())


@command()
def live(
    target: Target,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, metavar="N", help="Port (0: any free one).")
    ] = 8770,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan",
            metavar="",
            help="Reachable from phones on this network (default: this computer only).",
        ),
    ] = False,
    open_: OpenOption = None,
    db: DbOption = None,
    fresh: FreshOption = False,
    project: ProjectOption = None,
) -> None:
    """Run the session day: a run-of-show for your phone, the evaluation for the group.

    Prints the trainer's and the participants' addresses and a QR code of yours.

    Example: [bold]werkvorm live gemeente-lindewaard --lan[/]
    """
    from werkvorm.live.serve import Addresses
    from werkvorm.live.serve import live as serve_live

    found = project_at(project)
    kind, path = found.target(target)

    def announce(where: Addresses) -> None:
        import segno

        typer.echo(f"trainer: {where.trainer}")
        typer.echo(f"participants: {where.participants}")
        typer.echo("Scan this code with your phone for the trainer's view:")
        segno.make(where.trainer, error="l").terminal(out=sys.stdout, compact=True)
        typer.echo("Press Ctrl-C to stop; the day is kept and goes on after a restart.")
        sys.stdout.flush()

    serve_live(
        found,
        "client" if kind == "client" else "workshop",
        path,
        db=database_url(found.root, db),
        port=port,
        lan=lan,
        open_browser=sys.stdout.isatty() if open_ is None else open_,
        fresh=fresh,
        announce=announce,
        started_over=lambda presses, evaluations: typer.echo(
            f"today's run starts over: {_count(presses, 'press', 'presses')} and "
            f"{_count(evaluations, 'evaluation', 'evaluations')} removed"
        ),
    )


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


@command()
def results(
    target: Target,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", metavar="", help="Compare every run of the workshop, across its clients."
        ),
    ] = False,
    db: DbOption = None,
    project: ProjectOption = None,
) -> None:
    """Write results.pdf and results.csv into the kit's folder: the evaluations and how
    the day ran, planned against actual.

    Example: [bold]werkvorm results gemeente-lindewaard[/], or [bold]werkvorm results spagaat --all[/]
    """
    from werkvorm.errors import display_path
    from werkvorm.live.plan import load_day
    from werkvorm.live.results import write_all, write_results
    from werkvorm.live.store import open_store

    found = project_at(project)
    kind, path = found.target(target)
    if all_ and kind == "client":  # the client's workshop, generic
        day = load_day(found, "client", path)
        kind, path = "workshop", found.workshop(day.session.workshop)
    day = load_day(found, "client" if kind == "client" else "workshop", path)
    store = open_store(database_url(found.root, db))
    try:
        if all_:
            written, lines = write_all(store, day, found.output_dir)
        else:
            written, warnings = write_results(store, day)
            lines = [f"warning: {w}" for w in warnings]
    finally:
        store.close()
    for line in lines:
        typer.echo(line)
    for p in written:
        typer.echo(f"wrote {display_path(p)}")


def _ran_over(found: Project, files: list[Path]) -> list[Problem]:
    """For ``werkvorm check``: each workshop's blocks that ran over in most of its runs
    (read from the database named by WERKVORM_LIVE_DB, else the project's own live
    database when there is one)."""
    import os

    from werkvorm.live.store import DEFAULT

    url = os.environ.get(DB_ENV) or None
    if url is None and not (found.root / DEFAULT).is_file():
        return []
    from werkvorm.errors import Problem, display_path
    from werkvorm.live.results import overruns
    from werkvorm.live.store import StoreError, open_store

    workshops = [f for f in files if found.kind_of(f) == "workshop"]
    if not workshops:
        return []
    try:
        store = open_store(database_url(found.root, url))
    except StoreError as exc:
        where = DB_ENV if url else display_path(found.root / DEFAULT)
        return [Problem(where, message=exc.message, severity="warning")]
    try:
        return [
            Problem(display_path(f), field="agenda", message=line, severity="warning")
            for f in workshops
            for line in overruns([r for r in store.runs(workshop=f.stem) if r.started])
        ]
    finally:
        store.close()


MORE_CHECKS.append(_ran_over)
