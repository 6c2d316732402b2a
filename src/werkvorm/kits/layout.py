"""The output-folder rule, written once: ``<out>/<client or generic>/<workshop>/``.

Build, batch, manifest and watch all ask here, so a kit is found where it was written.
Names are slugs (lower-case ASCII, no reserved Windows names), so every folder is valid
on Windows, macOS and Linux.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from werkvorm.errors import ProjectError, WerkvormError, display_path
from werkvorm.names import slugify

Kind = Literal["workshop", "client"]
GENERIC = "generic"
PREVIEW = ".preview"  # watch's own folder, beside the kits, never a kit


def client_folder(client_stem: str | None) -> str:
    """The first level: the client's slug, or ``generic`` for a workshop on its own."""
    if client_stem is None:
        return GENERIC
    slug = slugify(client_stem, fallback="client")
    return f"client-{slug}" if slug == GENERIC else slug  # a client called Generic


def kit_name(client_stem: str | None, workshop_stem: str) -> str:
    """``client/workshop``, as the trainer sees it under output/."""
    return f"{client_folder(client_stem)}/{slugify(workshop_stem, fallback='workshop')}"


def kit_folder(out: Path, client_stem: str | None, workshop_stem: str) -> Path:
    """Where one kit lives; refused when a link would carry it outside ``out``."""
    root = out.resolve()
    folder = (root / kit_name(client_stem, workshop_stem)).resolve()
    if not folder.is_relative_to(root):  # slugs cannot climb; a symlink could
        raise WerkvormError(f"output folder {folder} would be outside {out}")
    return folder


def client_key(kind: Kind, stem: str) -> str:
    """The first-level folder a job writes into, known from its file name alone."""
    return client_folder(stem if kind == "client" else None)


def preview_folder(out: Path, client_stem: str | None, workshop_stem: str) -> Path:
    """Where ``watch`` writes its preview: never the kit itself."""
    return kit_folder(out / PREVIEW, client_stem, workshop_stem)


def refuse_a_namesake(
    folder: Path, source: Path, recorded: dict[str, Any] | None, base: Path
) -> None:
    """Two files whose names fold to one folder (``Proef.yaml``, ``proef.yaml``) must not
    overwrite each other's kit, even when built one after the other (``recorded``: the
    folder's manifest, if any). Only a source in this project's workshops/ counts: a
    manifest naming any other file (tampered, or from elsewhere) is not believed."""
    if recorded is None:
        return
    named = Path(recorded["source"])
    earlier = named if named.is_absolute() else base / named
    try:
        if not earlier.resolve().is_relative_to(base / "workshops"):
            return
    except (OSError, RuntimeError):
        return
    if earlier.name == source.name:
        return  # the same file (perhaps in a moved or copied project)
    try:
        if not earlier.is_file() or earlier.samefile(source):
            return
    except OSError:
        return
    raise ProjectError(
        f"{display_path(folder)}/ holds the kit of {display_path(earlier)}; "
        f"{display_path(source)} would overwrite it, as both names give the same folder: "
        "rename one of the two files"
    )
