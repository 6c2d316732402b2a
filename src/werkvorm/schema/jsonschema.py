"""JSON Schema of the files trainers write, for editors (yaml-language-server).

The schema must accept exactly what the loader accepts, or an editor marks a valid file
red. The value types carry their own schema (``types.py``); here the generated schema is
made plain for editors: draft-07 (what yaml-language-server documents), no pydantic
titles, and every plain text field also accepting a number or yes/no, because the loader
reads ``title: 2024`` as text while an editor sees a number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from werkvorm.schema.models import Block, Client, ProjectFile, Workshop
from werkvorm.schema.programme import Programme
from werkvorm.schema.types import SCALAR_TEXT, TEXT_SCHEMA

_MODELS: dict[str, type[BaseModel]] = {
    "workshop": Workshop,
    "client": Client,
    "module": Block,
    "project": ProjectFile,
    "programme": Programme,
}
KINDS: tuple[str, ...] = tuple(_MODELS)
DRAFT = "http://json-schema.org/draft-07/schema#"
_REF = "#/definitions/{model}"


_LITERAL_KEYS = {"examples", "default", "enum", "const"}


def _plain(node: Any) -> Any:
    """Drop pydantic's titles; widen plain strings to what YAML 1.2 may make of text.

    A field named ``title`` is a schema under ``properties`` and stays; examples and
    defaults are data and are left as they are.
    """
    if isinstance(node, list):
        return [_plain(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: (v if k in _LITERAL_KEYS else _plain(v))
        for k, v in node.items()
        if k != "title" or not isinstance(v, str)
    }
    if out.get("type") == "string" and not ({"pattern", "format", "enum", "const"} & set(out)):
        out["type"] = SCALAR_TEXT["type"]
    if "$ref" in out and len(out) > 1:  # draft-07 ignores what stands beside a $ref
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def _hoist(node: Any, shared: dict[str, Any], ref: str) -> Any:
    """Every copy of ``shared`` replaced by a reference to it (one Text, not forty)."""
    if node == shared:
        return {"$ref": ref}
    if isinstance(node, dict) and node.get("anyOf") == [*shared["anyOf"], {"type": "null"}]:
        return {**node, "anyOf": [{"$ref": ref}, {"type": "null"}]}
    if isinstance(node, list):
        return [_hoist(n, shared, ref) for n in node]
    if isinstance(node, dict):
        return {k: v if k in _LITERAL_KEYS else _hoist(v, shared, ref) for k, v in node.items()}
    return node


def json_schema(which: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: workshop, module, client, project or programme."""
    model = _MODELS[which]
    generated = model.model_json_schema(by_alias=True, ref_template=_REF)
    defs = generated.pop("$defs", {})
    body = _plain(generated)
    definitions = {name: _plain(d) for name, d in defs.items()}
    if which == "module":
        definitions["Block"] = body
        body = {
            "description": "A module: one block, or a list of blocks, that workshops 'use'.",
            "anyOf": [
                {"$ref": "#/definitions/Block"},
                {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/Block"}},
            ],
        }
    text = _plain(TEXT_SCHEMA)
    body = _hoist(body, text, "#/definitions/Text")
    definitions = _hoist(definitions, text, "#/definitions/Text")
    if "#/definitions/Text" in json.dumps([body, definitions]):
        definitions["Text"] = {
            **text,
            "description": "Text, or the text per language: {nl: ..., en: ...}.",
        }
    schema: dict[str, Any] = {"$schema": DRAFT, "title": f"werkvorm {which}", **body}
    if definitions:
        schema["definitions"] = dict(sorted(definitions.items()))
    return schema


def schema_text(which: str) -> str:
    return json.dumps(json_schema(which), indent=2, ensure_ascii=False) + "\n"


def write_schemas(workshops_dir: Path) -> list[Path]:
    """Write (or refresh, after an upgrade) ``workshops/.schema/*.schema.json``.

    Returns the files that changed; an up-to-date file is left alone.
    """
    from werkvorm.project.scaffold import write_text_atomic

    folder = workshops_dir / ".schema"
    changed: list[Path] = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        text = schema_text(kind)
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        write_text_atomic(path, text)
        changed.append(path)
    return changed
