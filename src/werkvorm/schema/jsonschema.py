"""JSON Schema of the files trainers write, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from werkvorm.schema.models import Block, Client, Workshop

_MODELS: dict[str, type[BaseModel]] = {"workshop": Workshop, "client": Client, "module": Block}


def json_schema(which: str) -> dict[str, Any]:
    model = _MODELS[which]
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"werkvorm {which}"
    if which == "module":
        block = dict(schema)
        defs = block.pop("$defs", {})
        schema = {
            "$schema": block.pop("$schema"),
            "title": "werkvorm module",
            "$defs": {**defs, "Block": block},
            "anyOf": [
                {"$ref": "#/$defs/Block"},
                {"type": "array", "items": {"$ref": "#/$defs/Block"}},
            ],
        }
    return schema
