"""The field reference (docs/fields.md), made from the same Field descriptions as the
editor schema: one text for both. Regenerate with ``python -m werkvorm.schema.reference``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from werkvorm.schema.models import (
    Block,
    Break,
    Client,
    Colours,
    Defaults,
    Exercise,
    Flex,
    ProjectFile,
    SessionInfo,
    Slide,
    Source,
    Trainer,
    Use,
    WorksheetItem,
    WorksheetTable,
    Workshop,
)
from werkvorm.schema.programme import Programme, ProgrammeCertificate, ProgrammeSession

SECTIONS: tuple[tuple[str, str, tuple[type[BaseModel], ...]], ...] = (
    (
        "A workshop (`workshops/NAME.yaml`)",
        "workshop",
        (Workshop, Block, Break, Use, Slide, Exercise, WorksheetItem, WorksheetTable, Source, Flex),
    ),
    ("A client profile (`workshops/clients/NAME.yaml`)", "client", (Client, SessionInfo, Colours)),
    ("The project file (`werkvorm.yaml`)", "project", (ProjectFile, Trainer, Defaults)),
    (
        "A programme (`workshops/programmes/NAME.yaml`)",
        "programme",
        (Programme, ProgrammeSession, ProgrammeCertificate),
    ),
)


def _example(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "`" + text.replace("\n", " ").replace("|", "\\|") + "`"


def _table(model: type[BaseModel]) -> list[str]:
    rows = [f"### {model.__name__}", "", (model.__doc__ or "").strip().splitlines()[0], ""]
    rows += ["| field | what it does | example |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        required = " (required)" if info.is_required() else ""
        text = (info.description or "").replace("|", "\\|")
        example = _example(info.examples[0]) if info.examples else ""
        rows.append(f"| `{key}`{required} | {text} | {example} |")
    return [*rows, ""]


def field_reference() -> str:
    lines = [
        "# Field reference",
        "",
        "Every field of the files werkvorm reads, with what it does and an example. The",
        "same text appears when you hover a field in an editor with the YAML extension.",
        "Made from the models (`python -m werkvorm.schema.reference > docs/fields.md`).",
        "",
    ]
    for title, _kind, models in SECTIONS:
        lines += [f"## {title}", ""]
        for model in models:
            lines += _table(model)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(field_reference(), end="")
