"""Build manifests: what a kit was built from, so an unchanged kit is skipped.

Standard library only, on purpose: a no-op rebuild re-hashes the recorded inputs and
compares, without loading YAML, pydantic or any renderer. The inputs' hashes cover the
workshop, its modules and images, the client profile with its logo, template and list,
and every template file; the set of template files is compared too, so a new override
in ``templates/`` triggers a rebuild.

A manifest is data, never instructions: ``output/`` is often synced or unpacked from a
colleague's zip. A manifest with a field of the wrong type, an output name that climbs
out of the kit (``participants/../../x``) or an input outside the project is not
trusted at all: the kit is rebuilt. Only regular files are hashed, never devices.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from werkvorm.kits.layout import Kind, client_folder, kit_folder
from werkvorm.resources import builtin_templates, template_files
from werkvorm.version import VERSION

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 20_000_000
MAX_HASHED_BYTES = 2_000_000_000
Record = dict[str, Any]


def digest(path: Path) -> str:
    """The SHA-256 of a regular file (links followed), or "" for anything else."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
            return ""
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return ""


def _output_digest(folder: Path, name: str) -> str:
    """An output's hash: a regular file inside the kit, not reached through a link."""
    path = folder / name
    current = folder
    for part in name.split("/")[:-1]:
        current = current / part
        if current.is_symlink():
            return ""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return ""
    except OSError:
        return ""
    return digest(path)


def safe_name(name: object) -> bool:
    """A plain relative output name such as ``participants/jan.pdf``: nothing that climbs,
    nothing absolute, no hidden or odd parts."""
    if not isinstance(name, str) or not 0 < len(name) <= 255:
        return False
    if any(c in name for c in "\\:\0") or name.startswith("/"):
        return False
    return all(part and not part.startswith(".") for part in name.split("/"))


BUILTIN = "werkvorm:"  # a file of werkvorm's own templates, by its name in the package


def label(path: Path, base: Path) -> str:
    """How a manifest names a file: relative to the project (``workshops/proef.yaml``) or
    to werkvorm's templates (``werkvorm:handout.css``), never the trainer's absolute path
    (kit folders are zipped and shared)."""
    path = Path(os.path.abspath(path))
    for root, prefix in ((base, ""), (builtin_templates(), BUILTIN)):
        try:
            return prefix + path.relative_to(root).as_posix()
        except ValueError:
            continue
    return str(path)


def located(name: str, base: Path) -> Path:
    """The file a manifest's name stands for (the inverse of :func:`label`)."""
    if name.startswith(BUILTIN):
        return builtin_templates() / name.removeprefix(BUILTIN)
    path = Path(name)
    return path if path.is_absolute() else base / path


def fingerprint(
    source: Path,
    inputs: Iterable[Path],
    project_templates: Path | None,
    formats: Iterable[str],
    options: dict[str, str | None],
    base: Path,
) -> Record:
    """What a kit is built from, with every file named by :func:`label` (``base``: the
    project's folder, resolved)."""
    templates = template_files(project_templates)
    files = {label(p, base): p for p in [*inputs, *templates]}
    return {
        "werkvorm": VERSION,
        "source": label(source, base),
        "formats": sorted(formats),
        "options": options,
        "templates": sorted(label(p, base) for p in templates),
        "inputs": {name: digest(files[name]) for name in sorted(files)},
    }


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _mapping(value: object, *, optional: bool = False) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and (isinstance(v, str) or (optional and v is None))
        for k, v in value.items()
    )


def _valid(data: object) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("werkvorm"), str)
        and isinstance(data.get("source"), str)
        and _strings(data.get("formats"))
        and _strings(data.get("templates"))
        and _mapping(data.get("options"), optional=True)
        and _mapping(data.get("inputs"))
        and _mapping(data.get("outputs"))
        and all(safe_name(name) for name in data["outputs"])
    )


def read(folder: Path) -> Record | None:
    """The kit's manifest if it is whole and well-formed; None means: rebuild."""
    path = folder / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return data if _valid(data) else None


def _same_inputs(previous: Record, expected: Record) -> bool:
    ignore = ("outputs", "formats")
    return {k: v for k, v in previous.items() if k not in ignore} == {
        k: v for k, v in expected.items() if k not in ignore
    }


def is_current(folder: Path, expected: Record) -> bool:
    """The folder's outputs are there, unchanged, and were built from exactly ``expected``
    (its formats among those the manifest records)."""
    previous = read(folder)
    if previous is None or not _same_inputs(previous, expected):
        return False
    outputs: dict[str, str] = previous["outputs"]
    return (
        set(expected["formats"]) <= set(previous["formats"])
        and bool(outputs)
        and all(_output_digest(folder, name) == sha for name, sha in outputs.items())
    )


def record(
    expected: Record,
    previous: Record | None,
    documents: dict[str, bytes],
    kept: Sequence[str],
) -> Record:
    """The new manifest: this build's fingerprint, its outputs and the earlier outputs
    it kept (an html-only build keeps the PDFs, which stay listed)."""
    formats = set(expected["formats"])
    outputs = {name: hashlib.sha256(data).hexdigest() for name, data in documents.items()}
    if previous is not None:
        if _same_inputs(previous, expected):
            formats |= set(previous["formats"])
        for name in kept:
            if name in previous["outputs"] and name not in outputs:
                outputs[name] = previous["outputs"][name]
    return {**expected, "formats": sorted(formats), "outputs": dict(sorted(outputs.items()))}


def encode(data: Record) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()


def current_folder(
    out: Path,
    kind: Kind,
    source: Path,
    project_templates: Path | None,
    formats: Iterable[str],
    options: dict[str, str | None],
    roots: Sequence[Path],
    base: Path,
) -> Path | None:
    """The kit folder whose manifest shows it is current for ``source``, else None.

    Only inputs inside ``roots`` (the project's and the built-in folders) are hashed; a
    manifest naming anything else sends the kit to a real build.
    """
    if kind == "workshop":
        candidates = [kit_folder(out, None, source.stem)]
    else:
        base = out / client_folder(source.stem)
        candidates = sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    for folder in candidates:
        recorded = read(folder)
        if recorded is None or recorded["source"] != label(source, base):
            continue
        inputs = [located(name, base) for name in recorded["inputs"]]
        if not all(_inside(p, roots) for p in inputs):
            return None
        templates = {label(p, base) for p in template_files(project_templates)}
        if set(recorded["templates"]) != templates:
            return None
        expected = fingerprint(source, inputs, project_templates, formats, options, base)
        return folder if is_current(folder, expected) else None
    return None


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return False
    # a file recorded as absent (werkvorm.yaml before it was made) may be absent still
    absent = not os.path.lexists(path)
    return any(real.is_relative_to(root) for root in roots) and (real.is_file() or absent)
