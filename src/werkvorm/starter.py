"""``werkvorm new``: a workshop file from the commented starter, or a copy of another."""

from __future__ import annotations

import json
import re
from pathlib import Path

from werkvorm.errors import ProjectError, display_path
from werkvorm.project import Project
from werkvorm.resources import builtin_templates


def _yaml_text(text: str) -> str:
    """A title as a YAML scalar: JSON strings are valid YAML and keep every character."""
    return json.dumps(text, ensure_ascii=False)


def create_workshop(
    project: Project, name: str, *, from_: str | None = None, title: str | None = None
) -> Path:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", name):
        raise ProjectError(
            f"'{name}' is not a good file name: use small letters, digits and "
            "'-', like 'social-media-basis'"
        )
    target = project.workshops_dir / f"{name}.yaml"
    if target.exists():
        raise ProjectError(
            f"{display_path(target)} already exists: choose another name "
            "(werkvorm never overwrites a workshop)"
        )
    if from_ is not None:
        source = project.workshop(from_)
        text = source.read_text(encoding="utf-8")
        if title:
            text = re.sub(r"(?m)^title:.*$", f"title: {_yaml_text(title)}", text, count=1)
    else:
        text = (builtin_templates() / "starter.yaml").read_text(encoding="utf-8")
        text = text.replace("__TITLE__", _yaml_text(title or name.replace("-", " ").capitalize()))
    project.workshops_dir.mkdir(parents=True, exist_ok=True)
    schema_dir = project.workshops_dir / ".schema"
    if not schema_dir.exists():
        from werkvorm.schema.jsonschema import json_schema

        schema_dir.mkdir()
        for kind in ("workshop", "module", "client"):
            (schema_dir / f"{kind}.schema.json").write_text(
                json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return target
