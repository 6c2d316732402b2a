"""werkvorm: YAML workshop → load (positions kept) → validate (pydantic) → compose (a
Session for one client) → render (Jinja2 → HTML → WeasyPrint PDF; python-pptx deck) →
write (the whole kit at once, with a manifest).

The public API is small, and everything the command line does is callable from here:

    import werkvorm
    result = werkvorm.build("gemeente-lindewaard")        # a kit, like `werkvorm build`
    problems = werkvorm.check("workshops/spagaat.yaml")  # like `werkvorm check`

Heavy modules load on first use, so importing werkvorm (and `werkvorm --help`) stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkvorm.errors import (
    InputError,
    Problem,
    ProjectError,
    RenderError,
    TemplateError,
    WerkvormError,
)
from werkvorm.version import VERSION as __version__

if TYPE_CHECKING:
    from werkvorm.compose.session import Session
    from werkvorm.kits.build import KitResult
    from werkvorm.kits.options import BuildOptions, Format, Paper
    from werkvorm.kits.programme import ProgrammeResult
    from werkvorm.project.folder import Project, find_project
    from werkvorm.schema.load import load_client, load_workshop

__all__ = [
    "BuildOptions",
    "InputError",
    "KitResult",
    "Problem",
    "ProgrammeResult",
    "Project",
    "ProjectError",
    "RenderError",
    "Session",
    "TemplateError",
    "WerkvormError",
    "__version__",
    "build",
    "check",
    "find_project",
    "load_client",
    "load_workshop",
]

_LAZY = {
    "load_workshop": ("werkvorm.schema.load", "load_workshop"),
    "load_client": ("werkvorm.schema.load", "load_client"),
    "find_project": ("werkvorm.project.folder", "find_project"),
    "Project": ("werkvorm.project.folder", "Project"),
    "Session": ("werkvorm.compose.session", "Session"),
    "KitResult": ("werkvorm.kits.build", "KitResult"),
    "ProgrammeResult": ("werkvorm.kits.programme", "ProgrammeResult"),
    "BuildOptions": ("werkvorm.kits.options", "BuildOptions"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'werkvorm' has no attribute {name!r}")


def _project(project: str | Path | None) -> Project:
    from werkvorm.project.folder import find_project

    if project is not None and not isinstance(project, str | Path):
        raise ProjectError(f"project must be a folder (str or Path), not {project!r}")
    return find_project(Path(project) if project is not None else None)


def build(
    target: str,
    *,
    project: str | Path | None = None,
    formats: Iterable[Format] = ("pdf", "pptx", "html"),
    out: Path | None = None,
    force: bool = False,
    paper: Paper | None = None,
    participants: Path | None = None,
) -> KitResult | ProgrammeResult:
    """Build one workshop's or client's kit, or a programme, in this process, like
    ``werkvorm build``.

    ``target`` is a workshop, client or programme name (file stem) or path; a
    programme returns a :class:`ProgrammeResult` (its folder, the files written and
    the sessions rendered again). ``formats`` is a list
    of ``"pdf"``, ``"pptx"`` and ``"html"``; ``out`` the output folder (a Path; default
    the project's ``output/``); ``force`` rebuilds an unchanged kit; ``paper`` is
    ``"a4"``, ``"a5"`` or ``"letter"``; ``participants`` a list (a Path) instead of the
    client's. Returns the kit's folder, the files written, and the session.

    Raises :class:`WerkvormError` (with the trainer's message) for a bad option, a
    missing project or target, and any problem in the inputs; nothing is written then.
    """
    from werkvorm.kits.build import build_kit
    from werkvorm.kits.options import BuildOptions

    options = BuildOptions.of(
        formats=formats, out=out, force=force, paper=paper, participants=participants
    )
    found = _project(project)
    programme = found.programme(target)
    if programme is not None:
        from werkvorm.kits.programme import build_programme

        return build_programme(found, programme, options)
    kind, path = found.target(target)
    return build_kit(found, "client" if kind == "client" else "workshop", path, options)


def check(*paths: str | Path, project: str | Path | None = None) -> list[Problem]:
    """Every error and warning for the given files (default: the whole project), sorted
    by file and line, like ``werkvorm check --verbose``. A file that does not exist is
    one error. Raises :class:`ProjectError` when there is no project."""
    from werkvorm.kits.checks import check_paths

    return check_paths(_project(project), [Path(p) for p in paths])[1]
