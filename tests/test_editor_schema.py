"""The editor schema tells the truth: it accepts what the loader accepts, and explains
every field. Files are read as an editor reads them (YAML 1.2, see editor_schema.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from tests.conftest import REPO
from tests.editor_schema import errors_in, load12, validator
from werkvorm.schema.jsonschema import KINDS, json_schema, schema_text
from werkvorm.schema.models import Client, ProjectFile, Workshop, parse_minutes
from werkvorm.schema.source import parse_document

SCHEMAS = REPO / "workshops" / ".schema"
SHIPPED = sorted((REPO / "workshops").rglob("*.yaml"))

WORKSHOP = """\
title: Proef
duration: {duration}
agenda:
  - title: {title}
    minutes: {minutes}
    optional: {optional}
  - break: {brk}
"""
CLIENT = """\
name: Klant
workshop: proef
language: {language}
booklet: {booklet}
colors: {{primary: {colour}}}
session:
  start: {start}
"""
W_OK = {"duration": "2h", "title": "Opening", "minutes": 15, "optional": "false", "brk": 15}
C_OK = {
    "language": "nl",
    "booklet": "no",
    "colour": '"#00577a"',
    "start": '"09:30"',
}


def _loader_accepts(model: type[BaseModel], text: str) -> bool:
    doc = parse_document(Path("proef.yaml"), text)
    try:
        model.model_validate(doc.data)
    except ValidationError:
        return False
    return True


def _schema_accepts(kind: str, text: str) -> bool:
    return validator(SCHEMAS / f"{kind}.schema.json").is_valid(load12(text))


WORKSHOP_CASES: list[tuple[str, Any, bool]] = [
    ("duration", "3h", True),
    ("duration", "2h30m", True),
    ("duration", "1h30", True),
    ("duration", "2 h 30 min", True),
    ("duration", "90m", True),
    ("duration", 90, True),
    ("duration", '"90"', True),
    ("duration", "1u30", True),
    ("duration", "drie uur", False),
    ("duration", 0, False),
    ("duration", 1500, False),
    ("minutes", "1h30", True),
    ("minutes", "45 min", True),
    ("minutes", 481, False),
    ("minutes", -5, False),
    ("minutes", "[15]", False),
    ("brk", 15, True),
    ("brk", "15m", True),
    ("brk", "kwartier", True),
    ("title", 2024, True),
    ("title", "yes", True),
    ("title", "{nl: Opening, en: Welcome}", True),
    ("title", "{nl: Opening, de: Willkommen}", False),
    ("title", "{}", False),
    ("optional", "yes", True),
    ("optional", "true", True),
    ("optional", "Nee", False),
]
CLIENT_CASES: list[tuple[str, Any, bool]] = [
    ("language", "nl-BE", True),
    ("language", "en", True),
    ("language", "nl-be", False),
    ("language", "fr", False),
    ("booklet", "yes", True),
    ("booklet", "ja", False),
    ("colour", '"#00577A"', True),
    ("colour", '" #00577a "', True),
    ("colour", '"00577a"', False),
    ("colour", '"#abc"', False),
    ("colour", "red", False),
    ("start", '"09:30"', True),
    ("start", "9:30", True),
    ("start", "9.30", True),
    ("start", '"25:00"', False),
    ("start", "half tien", False),
]


@pytest.mark.parametrize(("field", "value", "accepted"), WORKSHOP_CASES)
def test_workshop_schema_agrees_with_the_loader(field: str, value: Any, accepted: bool) -> None:
    text = WORKSHOP.format(**{**W_OK, field: value})
    assert _loader_accepts(Workshop, text) is accepted
    assert _schema_accepts("workshop", text) is accepted


@pytest.mark.parametrize(("field", "value", "accepted"), CLIENT_CASES)
def test_client_schema_agrees_with_the_loader(field: str, value: Any, accepted: bool) -> None:
    text = CLIENT.format(**{**C_OK, field: value})
    assert _loader_accepts(Client, text) is accepted
    assert _schema_accepts("client", text) is accepted


def test_one_and_a_half_hours_written_1h30_is_90_minutes() -> None:
    assert parse_minutes("1h30") == 90
    assert parse_minutes("1h 30") == 90


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_every_shipped_workshop_module_and_client_validates_in_the_editor(path: Path) -> None:
    assert errors_in(path) == []


def test_the_project_file_validates_in_the_editor(tmp_path: Path) -> None:
    text = (
        "# yaml-language-server: $schema=workshops/.schema/project.schema.json\n"
        "trainer:\n  name: Ilse Hoogland\n  organisation: Hoogland Training & Advies\n"
        "  email: ilse@example.nl\n  logo: logo.png\n"
        '  colors: {primary: "#1f4e79", accent: "#c55a11"}\n'
        "defaults: {language: nl-BE, paper: a5, facilitator: Ilse Hoogland}\n"
    )
    path = tmp_path / "werkvorm.yaml"
    path.write_text(text, encoding="utf-8")
    assert errors_in(path, SCHEMAS / "project.schema.json") == []
    assert _loader_accepts(ProjectFile, text)
    assert not _schema_accepts("project", text.replace("nl-BE", "de"))


def _fields(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    models = [("", schema), *schema.get("definitions", {}).items()]
    return [
        (f"{model}.{name}", prop)
        for model, body in models
        for name, prop in body.get("properties", {}).items()
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_description_and_an_example(kind: str) -> None:
    fields = _fields(json_schema(kind))
    assert fields
    for name, prop in fields:
        assert prop.get("description"), f"{kind}: {name} has no description"
        assert prop.get("examples"), f"{kind}: {name} has no example"


@pytest.mark.parametrize("kind", KINDS)
def test_every_example_in_the_schema_is_valid_for_its_own_field(kind: str) -> None:
    schema = json_schema(kind)
    for name, prop in _fields(schema):
        check = validator_for({**prop, "definitions": schema.get("definitions", {})})
        for example in prop["examples"]:
            assert check.is_valid(example), f"{kind}: {name} example {example!r}"


def validator_for(schema: dict[str, Any]) -> Any:
    import jsonschema

    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_files_in_the_repository_are_current(kind: str) -> None:
    """Regenerate with `werkvorm schema KIND > workshops/.schema/KIND.schema.json`."""
    path = SCHEMAS / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(kind)
    assert json.loads(path.read_text(encoding="utf-8"))["$schema"].startswith(
        "http://json-schema.org/draft-07/"
    )


def test_the_field_reference_is_made_from_the_same_descriptions() -> None:
    """Regenerate with `python -m werkvorm.schema.reference > docs/fields.md`."""
    from werkvorm.schema.reference import field_reference

    text = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert text == field_reference()
    assert Client.model_fields["deck_template"].description in text
