"""werkvorm: YAML workshop → load (positions kept) → validate (pydantic) → compose (a
Session for one client) → render (Jinja2 → HTML → WeasyPrint PDF; python-pptx deck) →
write (atomic, with a manifest).

The public API is small, and everything the command line does is callable from here:

    import werkvorm
    result = werkvorm.build("gemeente-lindewaard")        # a kit, like `werkvorm build`
    problems = werkvorm.check("workshops/spagaat.yaml")  # like `werkvorm check`

The pipeline's stages are importable too (`werkvorm.compose.compose`,
`werkvorm.schema.load.load_workshop`, ...). Heavy modules load on first use, so importing werkvorm (and `werkvorm --help`) stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from werkvorm.errors import InputError, Problem, WerkvormError

if TYPE_CHECKING:
    from werkvorm.kits import KitResult

__all__ = [
    "InputError",
    "Problem",
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
    "find_project": ("werkvorm.project", "find_project"),
    "Session": ("werkvorm.session", "Session"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'werkvorm' has no attribute {name!r}")


def build(target: str, *, project: str | Path | None = None, **options: Any) -> KitResult:
    """Build one workshop's or client's kit in this process (options as for the CLI:
    ``formats``, ``out``, ``force``, ``paper``, ``participants``)."""
    from werkvorm.kits import build_kit
    from werkvorm.project import find_project

    found = find_project(Path(project) if project else None)
    kind, path = found.target(target)
    return build_kit(found, kind, path, **options)


def check(*paths: str | Path, project: str | Path | None = None) -> list[Problem]:
    """Every error and warning for the given files (default: the whole project)."""
    from werkvorm.kits import check_file
    from werkvorm.project import find_project

    found = find_project(Path(project) if project else None)
    files = [Path(p).resolve() for p in paths] or [*found.workshops(), *found.clients()]
    return sorted({p for f in files for p in check_file(found, f)})
