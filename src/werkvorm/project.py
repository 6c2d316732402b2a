"""A trainer's project: the folder with ``workshops/``, found from the cwd upward."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkvorm.errors import ProjectError, display_path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def workshops_dir(self) -> Path:
        return self.root / "workshops"

    @property
    def clients_dir(self) -> Path:
        return self.workshops_dir / "clients"

    @property
    def modules_dir(self) -> Path:
        return self.workshops_dir / "modules"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    def workshops(self) -> list[Path]:
        return sorted(p for p in self.workshops_dir.glob("*.yaml") if p.is_file())

    def clients(self) -> list[Path]:
        return sorted(p for p in self.clients_dir.glob("*.yaml") if p.is_file())

    def workshop(self, name: str) -> Path:
        """A workshop by file stem (``spagaat``) or path."""
        path = self.workshops_dir / f"{name}.yaml"
        if "/" not in name and "\\" not in name and path.is_file():
            return path.resolve()
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
            return as_path.resolve()
        known = ", ".join(p.stem for p in self.workshops()) or "none yet"
        raise ProjectError(
            f"there is no workshop '{name}' in {display_path(self.workshops_dir)}/ "
            f"(workshops: {known})"
        )

    def target(self, name: str) -> tuple[str, Path]:
        """``("workshop", path)`` or ``("client", path)`` for a command-line argument."""
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
            resolved = as_path.resolve()
            kind = "client" if resolved.parent == self.clients_dir.resolve() else "workshop"
            return kind, resolved
        if "/" not in name and "\\" not in name:
            client = self.clients_dir / f"{name}.yaml"
            workshop = self.workshops_dir / f"{name}.yaml"
            if client.is_file() and workshop.is_file():
                raise ProjectError(
                    f"'{name}' is both a workshop and a client: give the path, "
                    f"e.g. {display_path(client)}"
                )
            if client.is_file():
                return "client", client.resolve()
            if workshop.is_file():
                return "workshop", workshop.resolve()
        workshops = ", ".join(p.stem for p in self.workshops()) or "none"
        clients = ", ".join(p.stem for p in self.clients()) or "none"
        raise ProjectError(
            f"'{name}' is not a workshop or client here (workshops: {workshops}; "
            f"clients: {clients})"
        )


def find_project(start: Path | None = None) -> Project:
    """The nearest folder upward from ``start`` (default: cwd) that has ``workshops/``."""
    here = (start or Path.cwd()).resolve()
    if start is not None:
        if (here / "workshops").is_dir():
            return Project(here)
        raise ProjectError(
            f"{display_path(here)} has no workshops/ folder: is it a werkvorm "
            "project? ('werkvorm new NAME' starts one)"
        )
    for folder in (here, *here.parents):
        if (folder / "workshops").is_dir():
            return Project(folder)
    raise ProjectError(
        "no workshops/ folder here or above: run werkvorm inside your project, "
        "or give --project DIR"
    )
