"""``werkvorm live`` and ``werkvorm results``: the session day and what it taught.

Registered on the app by one import in :mod:`werkvorm.cli.main`; everything heavy
(uvicorn, Starlette, SQLAlchemy, Alembic, matplotlib) is imported inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from werkvorm.cli.app import command, project_at
from werkvorm.cli.options import OpenOption, ProjectOption, Target

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="A SQLAlchemy database URL (e.g. postgresql+psycopg://user@host/name). "
        "Default: .werkvorm/live.db in the project folder.",
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
        sys.stdout.flush()
        if sys.stdout.isatty():
            segno.make(where.trainer, error="l").terminal(compact=True)
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
        announce=announce,
    )
