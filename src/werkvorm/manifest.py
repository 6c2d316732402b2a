"""Build manifests: what a kit was built from, so an unchanged kit is skipped.

Standard library only, on purpose: a no-op rebuild re-hashes the recorded inputs and
compares, without loading YAML, pydantic or any renderer. The inputs' hashes cover the
workshop, its modules and images, the client profile with its logo, template and list,
and every template file; the set of template files is compared too, so a new override
in ``templates/`` triggers a rebuild.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from werkvorm import __version__
from werkvorm.names import slugify
from werkvorm.resources import template_files

MANIFEST = "manifest.json"
FORMATS = ("pdf", "pptx", "html", "evaluation", "followup", "badges")  # the last three: pdf too


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def fingerprint(
    source: Path,
    inputs: Iterable[Path],
    project_templates: Path | None,
    formats: Iterable[str],
    options: dict[str, str | None],
) -> dict[str, object]:
    templates = template_files(project_templates)
    files = sorted({*map(str, inputs), *map(str, templates)})
    return {
        "werkvorm": __version__,
        "source": str(source),
        "formats": sorted(formats),
        "options": options,
        "templates": sorted(map(str, templates)),
        "inputs": {name: _digest(Path(name)) for name in files},
    }


def read(folder: Path) -> dict[str, object] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_current(folder: Path, expected: dict[str, object]) -> bool:
    """The folder's outputs are there, unchanged, and were built from exactly ``expected``."""
    previous = read(folder)
    if previous is None:
        return False
    outputs = previous.get("outputs", {})
    same = {k: v for k, v in previous.items() if k != "outputs"} == expected
    return (
        same
        and isinstance(outputs, dict)
        and bool(outputs)
        and all(_digest(folder / name) == digest for name, digest in outputs.items())
    )


def outputs_record(documents: dict[str, bytes]) -> dict[str, str]:
    """The hash of every output, recorded so a damaged or edited output is rebuilt."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(documents.items())}


def current_folder(
    out: Path,
    kind: str,
    source: Path,
    project_templates: Path | None,
    formats: Iterable[str],
    options: dict[str, str | None],
) -> Path | None:
    """The kit folder whose manifest shows it is current for ``source``, else None."""
    base = out / ("generic" if kind == "workshop" else slugify(source.stem, fallback="client"))
    if kind == "workshop":
        candidates = [base / slugify(source.stem, fallback="workshop")]
    else:
        candidates = sorted(p for p in base.glob("*") if p.is_dir()) if base.is_dir() else []
    for folder in candidates:
        recorded = read(folder)
        if recorded is None or recorded.get("source") != str(source):
            continue
        inputs = recorded.get("inputs")
        if not isinstance(inputs, dict):
            continue
        templates = set(map(str, template_files(project_templates)))
        if set(recorded.get("templates", [])) != templates:  # type: ignore[call-overload]
            return None
        expected = fingerprint(source, map(Path, inputs), project_templates, formats, options)
        return folder if is_current(folder, expected) else None
    return None
