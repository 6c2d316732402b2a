"""Pydantic's errors, said the way a trainer understands them, at the right YAML line.

One table replaces pydantic's wording; ``locate`` walks an error's location through the
loaded data (skipping the union tags pydantic inserts) to find the line and the field
path the trainer sees.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from werkvorm.errors import Problem
from werkvorm.schema.models import AGENDA_TAGS
from werkvorm.schema.source import Document, PathKey, field_name
from werkvorm.schema.wording import date_hint, misplaced, synonym, word_hint

_PLAIN: dict[str, str] = {
    "missing": "is missing: add it",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be text",
    "list_type": "must be a list: put each item on its own line starting with '- '",
    "dict_type": "must be a group of fields (lines like 'name: value' indented below it)",
    "model_type": "must be a group of fields (lines like 'name: value' indented below it)",
    "model_attributes_type": "must be a group of fields (lines like 'name: value' indented below it)",
    "date_from_datetime_parsing": "must be a date written as 2026-12-03",
    "date_parsing": "must be a date written as 2026-12-03",
    "date_type": "must be a date written as 2026-12-03",
    "bool_parsing": "must be yes or no",
    "none_required": "must be empty",
}


_MINUTE_FIELDS = {"minutes", "break", "flex", "min", "max"}


def _too_large(loc: tuple[Any, ...]) -> str:
    """A number with thousands of digits, said without Python's words for it."""
    names = {p for p in loc if isinstance(p, str)}
    if "duration" in names:
        return "is more than 24 hours: is this a typo?"
    if "year" in names:
        return "must be at most 2100"
    if names & _MINUTE_FIELDS:
        return "is more than 8 hours: is this a typo?"
    return "is far too large a number: is this a typo?"


def _huge_number(err: Any) -> bool:
    text = str(err.get("msg", "")) + str((err.get("ctx") or {}).get("error", ""))
    return err["type"] == "int_parsing_size" or (
        "integer string conversion" in text or "exceeded maximum size" in text
    )


def _bound(kind: str, ctx: dict[str, Any], loc: tuple[Any, ...]) -> str:
    duration = bool(loc) and loc[-1] == "duration"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}" + (" minutes" if duration else "")
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if duration:
        return "is more than 24 hours: is this a typo?"
    return f"must be at most {ctx.get('lt', ctx.get('le'))}"


def _message(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if _huge_number(err):
        return _too_large(tuple(err.get("loc", ())))
    if kind.startswith("werkvorm_"):
        return str(err["msg"])
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _bound(kind, ctx, tuple(err.get("loc", ())))
    if kind == "literal_error":
        return f"must be one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind == "string_pattern_mismatch":
        return "may use only small letters, digits and '-' (like 'opening-ronde')"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"needs at least {n} item{'s' if n != 1 else ''}"
    if kind == "too_long":
        n = ctx.get("max_length")
        return f"has too many items: at most {n}"
    if kind in ("string_too_short",):
        return "must not be empty"
    if kind in ("string_too_long",):
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation can hold (Optional, Annotated, unions opened)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _model_at(root: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The model class that holds the last element of ``loc``, for 'did you mean'."""
    candidates: list[Any] = [root]
    for part in loc:
        nxt: list[Any] = []
        for cand in candidates:
            if isinstance(cand, type) and issubclass(cand, BaseModel):
                fields = {f.alias or n: f for n, f in cand.model_fields.items()}
                if isinstance(part, str) and part in fields:
                    nxt.extend(_unwrap(fields[part].annotation))
                elif isinstance(part, str) and AGENDA_TAGS.get(part) is cand:
                    nxt.append(cand)  # a union tag pydantic inserted: keep its member
            else:
                origin = typing.get_origin(cand)
                if origin in (list, dict):
                    nxt.extend(_unwrap(typing.get_args(cand)[-1]))
        candidates = nxt
    models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if len(models) == 1 else None


def locate(doc: Document, loc: tuple[Any, ...]) -> tuple[PathKey, bool]:
    """Follow a pydantic location through the data: the real path, and whether it exists."""
    path: list[str | int] = []
    node: Any = doc.data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif last:
            path.append(part)
            return tuple(path), False
        # else: a tag pydantic inserted for a union member; it is not in the file
    return tuple(path), True


def _is_union_member(part: str) -> bool:
    """pydantic names the member of a union that failed: 'str', 'dict[...]', 'list[...]'."""
    return part in ("str", "int", "bool", "float") or ("[" in part and "]" in part)


def _unknown_field(holder: type[BaseModel] | None, path: PathKey) -> str:
    """'x' is not a field here, with where it belongs or what was meant."""
    key = str(path[-1])
    holder_name = holder.__name__ if holder is not None else ""
    placed = misplaced(holder_name, key)
    if placed:
        return f"'{key}' is not a field here: {placed}"
    message = f"'{key}' is not a field here"
    if holder is None:
        return message
    known = [f.alias or n for n, f in holder.model_fields.items()]
    meant = synonym(key, known)
    if meant:
        return f"{message}: did you mean '{meant}'?"
    return message + f" (known fields: {', '.join(known)})"


def _meant_by_another_key(doc: Document, holder: type[BaseModel] | None, path: PathKey) -> bool:
    """A missing field for which the trainer wrote a near spelling next to it."""
    parent: Any = doc.data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(parent, dict) or holder is None:
        return False
    known = [f.alias or n for n, f in holder.model_fields.items()]
    return any(key not in known and synonym(str(key), known) == path[-1] for key in parent)


def _value_hint(
    holder: type[BaseModel] | None, kind: str, path: PathKey, doc: Document
) -> str | None:
    """A wrong value that says what was meant: a date written another way, a list file
    where a head count goes, a Dutch word for a format."""
    value: Any = doc.data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(value, str) or not path:
        return None
    if kind.startswith("date"):
        return date_hint(value)
    holder_name = holder.__name__ if holder is not None else ""
    return word_hint(holder_name, str(path[-1]), value)


def problems_from(
    error: ValidationError, doc: Document, model: type[BaseModel], prefix: PathKey = ()
) -> list[Problem]:
    """Every pydantic error as a Problem pointing at the YAML."""
    out: list[Problem] = []
    seen: set[tuple[PathKey, str]] = set()
    for err in error.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        message = _message(err)
        kind = err["type"]
        if loc and isinstance(loc[-1], str) and _is_union_member(loc[-1]):
            # A text field is text or a map per language; pydantic reports both members.
            loc = loc[:-1]
            kind = "werkvorm_text"
            message = "must be text, or text per language like {nl: ..., en: ...}"
        path, exists = locate(doc, loc)
        holder = _model_at(model, tuple(p for p in loc[len(prefix) : -1]))
        if kind == "extra_forbidden":
            out_problem = doc.problem(path, _unknown_field(holder, path), key=True)
        elif kind == "missing" and not exists:
            if _meant_by_another_key(doc, holder, path):
                continue  # 'instruction:' for 'instructions:': one mistake, one message
            pos = doc.position(path[:-1])
            out_problem = Problem(
                doc.name,
                pos.line,
                pos.column,
                field_name(doc.data, path),
                f"'{path[-1]}' is missing: add it",
            )
        else:
            hint = _value_hint(holder, kind, path, doc)
            out_problem = doc.problem(path, hint or message)
        key = (path, out_problem.message)
        if key not in seen:
            seen.add(key)
            out.append(out_problem)
    return out
