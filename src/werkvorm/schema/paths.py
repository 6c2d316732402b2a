"""Which files a workshop or client may name: only files of the project, found safely.

A path in a file is read relative to that file and must stay inside its folder tree
(``workshops/`` for workshops and modules, ``workshops/clients/`` for a client's logo,
template and list). A workshop or client file that is a symlink keeps the place of the
link: its allowed folders never move to wherever the link points, and a link that leads
out of the project is refused, so ``check FILE``, ``check`` and ``build`` agree.
"""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath, PureWindowsPath

from werkvorm.errors import InputError, Problem, display_path
from werkvorm.project.folder import placed
from werkvorm.schema.source import Document, PathKey


def _is_absolute(relative: str) -> bool:
    return (
        PurePosixPath(relative).is_absolute()
        or PureWindowsPath(relative).is_absolute()
        or bool(PureWindowsPath(relative).drive)
        or "://" in relative
        or relative.startswith("file:")
    )


def resolve_inside(
    doc: Document, loc: PathKey, relative: str, root: Path, problems: list[Problem], *, what: str
) -> Path | None:
    """``relative`` from ``doc``'s folder, refused when absolute or outside ``root``."""
    if not relative.strip():
        problems.append(doc.problem(loc, f"the {what} path is empty"))
        return None
    if _is_absolute(relative):
        problems.append(
            doc.problem(
                loc,
                f"'{relative}' is an absolute path or address: give the "
                f"{what} relative to this file, inside {display_path(root)}/",
            )
        )
        return None
    candidate = (doc.path.parent / relative.replace("\\", "/")).resolve()
    if not candidate.is_relative_to(root.resolve()):
        problems.append(
            doc.problem(
                loc,
                f"'{relative}' points outside {display_path(root)}/: "
                f"put the {what} inside that folder",
            )
        )
        return None
    if candidate.is_dir():
        problems.append(
            doc.problem(loc, f"'{relative}' is a folder, not a file: name the {what} file itself")
        )
        return None
    if candidate.exists() and not candidate.is_file():
        problems.append(
            doc.problem(
                loc, f"'{relative}' is not an ordinary file (a device or pipe): give a file"
            )
        )
        return None
    if not candidate.is_file():
        problems.append(
            doc.problem(
                loc,
                f"the {what} '{relative}' does not exist (looked for {display_path(candidate)})"
                + near_match(relative, candidate),
            )
        )
        return None
    return candidate


def _simple(name: str) -> str:
    """A file name as a person remembers it: no case, spaces, dashes or underscores."""
    return "".join(c for c in name.casefold() if c not in " -_.")


def near_match(relative: str, candidate: Path) -> str:
    """ ": did you mean 'zeewolde-logo.png'?" for a file beside the one named that differs
    in letter case, spaces or a typo; "" when there is none."""
    folder = candidate.parent
    if not folder.is_dir():
        return ""
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())[:2000]
    except OSError:
        return ""
    wanted = candidate.name
    same = [n for n in names if _simple(n) == _simple(wanted)]
    close = same or difflib.get_close_matches(wanted, names, n=1, cutoff=0.8)
    if not close:
        return ""
    parent = PurePosixPath(relative.replace("\\", "/")).parent
    meant = close[0] if str(parent) == "." else f"{parent}/{close[0]}"
    return f": did you mean '{meant}'?"


def shown(path: Path) -> str:
    """A file as the trainer sees it in the project: a link by its own name, not its target."""
    here = placed(path)
    try:
        return str(here.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(here)


def require_inside(path: Path, root: Path, *, what: str) -> None:
    """A workshop or client file read through a symlink must still be a project file."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return
    name = shown(path)
    raise InputError(
        f"{name} is a link to a file outside the project",
        [
            Problem(
                name,
                0,
                0,
                "",
                f"this {what} is a link to {display_path(target)}, outside "
                f"{display_path(root)}/: copy the file into {display_path(root)}/ instead "
                "(werkvorm reads only the project's own files)",
            )
        ],
    )


def links_out(folder: Path, root: Path, *, what: str) -> list[Problem]:
    """Every file in ``folder`` (``templates/``) that is a link to a file outside the
    project, or all of them when the folder itself is such a link."""
    found = []
    inside = root.resolve()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        target = path.resolve()
        if path.is_file() and not target.is_relative_to(inside):
            found.append(
                Problem(
                    shown(path),
                    0,
                    0,
                    "",
                    f"this {what} is a link to {display_path(target)}, outside "
                    f"{display_path(root)}/: copy the file into {display_path(folder)}/ "
                    "instead (werkvorm reads only the project's own files)",
                )
            )
    return found


def workshop_reference(
    doc: Document, name: str, workshops: Path, problems: list[Problem]
) -> Path | None:
    """A client's ``workshop:``: a stem in ``workshops/``, or a path from the client file
    that stays inside ``workshops/``. Never an absolute path, never via the cwd."""
    loc = ("workshop",)
    bare = "/" not in name and "\\" not in name
    if bare and not _is_absolute(name):
        stem = name.removesuffix(".yaml").removesuffix(".yml")
        candidate = workshops / f"{stem}.yaml"
        if not candidate.is_file():
            known = sorted(p.stem for p in workshops.glob("*.yaml") if p.is_file())
            problems.append(
                doc.problem(
                    loc,
                    f"there is no workshop '{name}' in {display_path(workshops)}/ "
                    f"(workshops: {', '.join(known) or 'none yet'})",
                )
            )
            return None
        if not candidate.resolve().is_relative_to(workshops.resolve()):
            problems.append(
                doc.problem(
                    loc,
                    f"'{name}' is a link that points outside {display_path(workshops)}/: "
                    "copy the workshop into that folder",
                )
            )
            return None
        return placed(candidate)
    found = resolve_inside(doc, loc, name, workshops, problems, what="workshop")
    if found is None:
        return None
    for folder, kind in (("clients", "a client profile"), ("modules", "a module")):
        if found.is_relative_to((workshops / folder).resolve()):
            problems.append(
                doc.problem(
                    loc,
                    f"'{name}' is {kind}, not a workshop: name a workshop in "
                    f"{display_path(workshops)}/",
                )
            )
            return None
    return found
