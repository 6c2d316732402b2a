"""A trainer's project: the folder with ``workshops/``, found from the cwd upward."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from werkvorm.errors import InputError, Problem, ProjectError, display_path


def placed(path: Path) -> Path:
    """Where a file stands in the project: its folder resolved, its own name kept.

    A symlinked workshop or client file keeps the place of the link, so the folders it
    may read from stay those of the project, whatever the link points at.
    """
    path = path.absolute()
    return path.parent.resolve() / path.name


def _refuse(path: Path, message: str) -> InputError:
    name = display_path(path)
    return InputError(f"{name} cannot be read", [Problem(name, 0, 0, "", message)])


def require_regular_file(
    path: Path, *, max_bytes: int | None = None, too_large: str = "", what: str = "file"
) -> int:
    """``stat()`` a file before anyone opens it: its size, or an error for a folder,
    a device, a FIFO or socket (which would hang or never end), a missing or too large
    file. For command-line arguments too (``--participants``, ``inspect-template``)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _refuse(path, f"the {what} does not exist: check the name and folder") from None
    except OSError as exc:
        raise _refuse(path, f"the {what} cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(path, f"is a folder, not a file: give the {what} itself")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, f"is not an ordinary file (a device or pipe): give a saved {what}")
    if max_bytes is not None and info.st_size > max_bytes:
        raise _refuse(
            path,
            too_large or f"the {what} is {info.st_size:,} bytes; at most {max_bytes:,} are read",
        )
    return info.st_size


def read_regular_file(
    path: Path, *, max_bytes: int, too_large: str = "", what: str = "file"
) -> bytes:
    """The bytes of an ordinary file of at most ``max_bytes``: checked before opening,
    opened without blocking (a FIFO swapped in after the check cannot hang), checked
    again on the open file, and never read past the limit."""
    require_regular_file(path, max_bytes=max_bytes, too_large=too_large, what=what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refuse(path, f"the {what} cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _refuse(path, f"is not an ordinary file (a device or pipe): give a saved {what}")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _refuse(path, too_large or f"the {what} is larger than {max_bytes:,} bytes")
    return data


class _Under:
    """A folder of the project, at a fixed place below its root."""

    def __init__(self, *parts: str) -> None:
        self.parts = parts

    def __get__(self, project: Project, owner: type | None = None) -> Path:
        return project.root.joinpath(*self.parts)


@dataclass(frozen=True)
class Project:
    root: Path

    workshops_dir = _Under("workshops")
    clients_dir = _Under("workshops", "clients")
    modules_dir = _Under("workshops", "modules")
    programmes_dir = _Under("workshops", "programmes")
    templates_dir = _Under("templates")
    output_dir = _Under("output")

    def workshops(self) -> list[Path]:
        return sorted(p for p in self.workshops_dir.glob("*.yaml") if p.is_file())

    def clients(self) -> list[Path]:
        return sorted(p for p in self.clients_dir.glob("*.yaml") if p.is_file())

    def programmes(self) -> list[Path]:
        """The programmes: several sessions for one client (issue 29)."""
        return sorted(p for p in self.programmes_dir.glob("*.yaml") if p.is_file())

    def programme(self, name: str) -> Path | None:
        """A programme by file stem, or a .yaml path in workshops/programmes/; else None."""
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
            found = placed(as_path)
            return found if found.parent == self.programmes_dir.resolve() else None
        path = self.programmes_dir / f"{name}.yaml"
        if "/" not in name and "\\" not in name and path.is_file():
            return placed(path)
        return None

    def kind_of(self, path: Path) -> str:
        """``"client"`` for a file in workshops/clients/ (the link's place, not its
        target), else ``"workshop"``."""
        return "client" if placed(path).parent == self.clients_dir.resolve() else "workshop"

    def workshop(self, name: str) -> Path:
        """A workshop by file stem (``spagaat``), or a path given on the command line."""
        path = self.workshops_dir / f"{name}.yaml"
        if "/" not in name and "\\" not in name and path.is_file():
            return placed(path)
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
            return placed(as_path)
        known = ", ".join(p.stem for p in self.workshops()) or "none yet"
        raise ProjectError(
            f"there is no workshop '{name}' in {display_path(self.workshops_dir)}/ "
            f"(workshops: {known})"
        )

    def target(self, name: str) -> tuple[str, Path]:
        """``("workshop", path)`` or ``("client", path)`` for a command-line argument."""
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
            return self.kind_of(as_path), placed(as_path)
        if "/" not in name and "\\" not in name:
            client = self.clients_dir / f"{name}.yaml"
            workshop = self.workshops_dir / f"{name}.yaml"
            if client.is_file() and workshop.is_file():
                raise ProjectError(
                    f"'{name}' is both a workshop and a client: give the path, "
                    f"e.g. {display_path(client)}"
                )
            if client.is_file():
                return "client", placed(client)
            if workshop.is_file():
                return "workshop", placed(workshop)
        workshops = ", ".join(p.stem for p in self.workshops()) or "none"
        clients = ", ".join(p.stem for p in self.clients()) or "none"
        programmes = ", ".join(p.stem for p in self.programmes())
        raise ProjectError(
            f"'{name}' is not a workshop or client here (workshops: {workshops}; "
            f"clients: {clients}" + (f"; programmes: {programmes})" if programmes else ")")
        )


def find_project(start: Path | None = None) -> Project:
    """The nearest folder upward from ``start`` (default: cwd) that has ``workshops/``."""
    here = (start or Path.cwd()).resolve()
    if start is not None:
        if (here / "workshops").is_dir():
            return Project(here)
        raise ProjectError(
            f"{display_path(here)} has no workshops/ folder: is it a werkvorm "
            "project? ('werkvorm init' starts one)"
        )
    for folder in (here, *here.parents):
        if (folder / "workshops").is_dir():
            return Project(folder)
    raise ProjectError(
        "no workshops/ folder here or above: run werkvorm inside your project, "
        "or give --project DIR"
    )
