"""Where werkvorm's own files live: the built-in templates, fonts and deck template.

A small module of its own so that renderers find their templates without importing
the build layer (manifest, kits) above them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_templates() -> Path:
    """The folder of built-in templates shipped inside the package."""
    return Path(str(resources.files("werkvorm") / "templates")).resolve()


def template_files(project_templates: Path | None) -> list[Path]:
    """Every template file a build may read: the built-in ones and the project's overrides."""
    folders = [builtin_templates()]
    if project_templates is not None and project_templates.is_dir():
        folders.append(project_templates.resolve())
    return sorted(
        {p for folder in dict.fromkeys(folders) for p in folder.rglob("*") if p.is_file()}
    )
