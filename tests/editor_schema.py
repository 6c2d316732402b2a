"""Validate YAML files as an editor does: YAML 1.2 typing, then the file's own $schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Yaml12Loader(_BASE):  # type: ignore[misc,valid-type]
    """YAML 1.2 core schema, as yaml-language-server reads a file: only true/false are
    booleans, no sexagesimal numbers (9:30 is text), dates stay text."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def load12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def schema_line(text: str) -> str | None:
    m = re.match(r"#\s*yaml-language-server:\s*\$schema=(\S+)", text)
    return m.group(1) if m else None


def validator(schema_path: Path) -> jsonschema.Draft7Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors_in(path: Path, schema_path: Path | None = None) -> list[str]:
    """The editor's complaints about one file, following its own ``$schema`` line."""
    text = path.read_text(encoding="utf-8")
    if schema_path is None:
        line = schema_line(text)
        assert line, f"{path} has no yaml-language-server $schema line"
        schema_path = (path.parent / line).resolve()
    data = load12(text)
    found = validator(schema_path).iter_errors(data)
    return [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
