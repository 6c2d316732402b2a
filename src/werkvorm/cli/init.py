"""``werkvorm init [DIR]``: an empty folder becomes a project, nothing is ever overwritten.

A project is the folders werkvorm reads and writes (``workshops/`` with ``modules/`` and
``clients/``, ``templates/`` for overrides, ``output/`` for kits), the schema files an
editor uses to check the YAML as you type, a ``.gitignore``, and ``werkvorm.yaml`` with
the trainer's identity and defaults.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from werkvorm.errors import ProjectError, display_path
from werkvorm.project.scaffold import fill, write_new
from werkvorm.resources import builtin_templates
from werkvorm.schema.jsonschema import write_schemas
from werkvorm.schema.projectfile import PROJECT_FILE

FOLDERS = ("workshops", "workshops/modules", "workshops/clients", "templates", "output")
GITIGNORE = """\
# werkvorm: built kits and the live preview are made again from the YAML
output/*
!output/.gitkeep
# werkvorm live: the session days and the participants' evaluations (names included)
.werkvorm/
# editors and Python
.venv/
__pycache__/
.DS_Store
Thumbs.db
~$*
"""
LANGUAGES = ("nl", "nl-BE", "en")
PAPERS = ("a4", "a5", "letter")


@dataclass(frozen=True)
class Identity:
    """What ``init`` asks for; every part may stay empty (and be filled in later)."""

    name: str = ""
    organisation: str = ""
    email: str = ""
    language: str = "nl"
    paper: str = "a4"


@dataclass
class InitResult:
    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # already there: left as it was


def _scalar(text: str) -> str:
    """A value as a YAML scalar (JSON strings are YAML); empty stays empty (null)."""
    return json.dumps(text.strip(), ensure_ascii=False) if text.strip() else ""


def project_file_text(identity: Identity) -> str:
    if identity.language not in LANGUAGES:
        raise ProjectError(f"'{identity.language}' is not a language: use nl, nl-BE or en")
    if identity.paper not in PAPERS:
        raise ProjectError(f"'{identity.paper}' is not a paper size: use a4, a5 or letter")
    rows = (
        ("name", identity.name, "your name, as participants read it"),
        ("organisation", identity.organisation, "your company: on generic kits"),
        ("email", identity.email, "where participants reach you afterwards"),
    )
    trainer = "\n".join(
        f"  {f'{key}: {_scalar(value)}':<34} # {comment}" for key, value, comment in rows
    )
    text = (builtin_templates() / "starter-project.yaml").read_text(encoding="utf-8")
    text = fill(text.replace("__TRAINER__", trainer), "__LANGUAGE__", identity.language)
    return fill(text, "__PAPER__", identity.paper)


def init_project(folder: Path, identity: Identity | None = None) -> InitResult:
    """Make ``folder`` a werkvorm project; what is already there is kept as it is."""
    root = folder.resolve()
    if root.exists() and not root.is_dir():
        raise ProjectError(f"{display_path(root)} is a file, not a folder")
    text = project_file_text(identity or Identity())
    result = InitResult(root=root)
    for name in FOLDERS:
        path = root / name
        if path.is_dir():
            result.kept.append(path)
            continue
        if path.exists():
            raise ProjectError(f"{display_path(path)} is a file; werkvorm needs a folder there")
        path.mkdir(parents=True)
        result.created.append(path)
    for path, content in (
        (root / PROJECT_FILE, text),
        (root / ".gitignore", GITIGNORE),
        (root / "output" / ".gitkeep", ""),
    ):
        if path.exists():
            result.kept.append(path)
        else:
            result.created.append(write_new(path, content))
    result.created += write_schemas(root / "workshops")
    return result
