"""Programmes on the command line (issue 29): ``werkvorm new --programme``, the rows of
``werkvorm list`` and ``werkvorm watch PROGRAMME``. ``build`` finds programmes through
``kits.batch``; ``check`` through ``kits.checks``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from werkvorm.errors import ProjectError, WerkvormError
from werkvorm.names import slugify
from werkvorm.project.folder import Project

if TYPE_CHECKING:
    from werkvorm.cli.listing import Summary
    from werkvorm.preview.watch import WatchEvent

SESSION = """\
  - workshop: {workshop}{pad}# a workshop in workshops/
    date: {date}                 # year-month-day
    start: "{start}"                   # in quotes
{extra}"""
FIRST_EXTRA = """\
    # end: "12:30"                   # fit the agenda into this slot, as for a client
    # location: Zaal 2               # where; default: the client's location
    # omit: [opening]                # block ids to leave out of this session
    # minutes: {opening: 20}         # re-time blocks of this session by id
"""


def first_date(today: dt.date) -> dt.date:
    """The first session of a starter: a Tuesday at least four weeks ahead."""
    start = today + dt.timedelta(days=28)
    return start + dt.timedelta(days=(1 - start.weekday()) % 7)


def create_programme(
    project: Project,
    name: str,
    client: str,
    workshops: list[str],
    title: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """``workshops/programmes/NAME.yaml``: a commented starter, one session per workshop
    (every other week from a Tuesday four weeks ahead), that checks and builds as it is."""
    from werkvorm.cli.starter import _starter, _stem, _write, _yaml_text
    from werkvorm.project.scaffold import fill

    _stem(name, "leergang-sociale-media")
    stem = slugify(client, fallback="client")
    if not (project.clients_dir / f"{stem}.yaml").is_file():
        known = ", ".join(p.stem for p in project.clients()) or "none yet"
        raise ProjectError(
            f"there is no client '{client}' in workshops/clients/ (clients: {known}): "
            "make one first with werkvorm new --client NAME --workshop W"
        )
    if not workshops:
        raise ProjectError("give the sessions' workshops: --workshop kanteling,spagaat")
    day = first_date(today or dt.date.today())
    sessions = []
    for n, workshop in enumerate(workshops):
        project.workshop(workshop)  # it must exist: the starter builds as it is
        when = day + dt.timedelta(days=14 * n)
        sessions.append(
            SESSION.format(
                workshop=workshop,
                pad=" " * max(1, 23 - len(workshop)),
                date=when.isoformat(),
                start="09:30",
                extra=FIRST_EXTRA if n == 0 else "",
            )
        )
    text = _starter("starter-programme.yaml")
    shown = title or name.replace("-", " ").capitalize()
    for key, value in (("__STEM__", name), ("__TITLE__", _yaml_text(shown)), ("__CLIENT__", stem)):
        text = fill(text, key, value)
    text = text.replace("__SESSIONS__\n", "".join(sessions))
    return _write(project, project.programmes_dir / f"{name}.yaml", text, "programme")


def workshop_list(given: str) -> list[str]:
    """``--workshop kanteling,spagaat`` (or one name) as a list."""
    return [w.strip() for w in given.split(",") if w.strip()]


def summaries(project: Project) -> list[Summary]:
    """One row of ``werkvorm list`` per programme: its client, title and sessions."""
    from werkvorm.cli.listing import Summary
    from werkvorm.compose.programme import compose_sessions
    from werkvorm.kits.programme import load_inputs

    found = []
    for path in project.programmes():
        try:
            inputs = load_inputs(project, path)
            sessions = compose_sessions(inputs)
        except WerkvormError:
            found.append(Summary(path.stem, "programme"))
            continue
        title = (
            f"{sessions[0].client}: {inputs.programme.programme.title} ({len(sessions)} sessions)"
        )
        found.append(
            Summary(
                path.stem,
                "programme",
                title,
                sessions[0].language,
                sum(s.total_minutes for s in sessions),
                sum(len(s.blocks) for s in sessions),
                sum(1 for s in sessions for b in s.blocks if b.exercise),
            )
        )
    return found


def watch(
    project: Project,
    target: str,
    *,
    open_browser: bool,
    port: int,
    on_event: Callable[[WatchEvent], None],
) -> bool:
    """``werkvorm watch`` for a programme: the binder's preview. False when ``target`` is
    no programme (then it is a workshop or client)."""
    path = project.programme(target)
    if path is None:
        return False
    from werkvorm.preview.programme import watch_programme

    watch_programme(project, path, open_browser=open_browser, port=port, on_event=on_event)
    return True
