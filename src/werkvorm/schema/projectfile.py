"""``werkvorm.yaml``: the trainer's own identity and defaults, at the project root.

Read like every other input (positions, one message per problem); applied to a composed
Session by :func:`werkvorm.compose.trainer.apply_project_file`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from werkvorm.errors import InputError, Problem
from werkvorm.schema.load import check_image, word_template
from werkvorm.schema.messages import problems_from
from werkvorm.schema.models import ProjectFile
from werkvorm.schema.paths import require_inside, resolve_inside
from werkvorm.schema.source import read_document

PROJECT_FILE = "werkvorm.yaml"


@dataclass(frozen=True)
class LoadedProjectFile:
    path: Path
    settings: ProjectFile
    logo: Path | None = None
    word_template: Path | None = None


def load_project_file(root: Path) -> LoadedProjectFile | None:
    """The project's ``werkvorm.yaml``, checked; None when the project has none."""
    path = root / PROJECT_FILE
    if not path.is_file():
        return None
    require_inside(path, root, what="project file")
    doc = read_document(path, allow_empty=True)  # only comments: every default
    problems: list[Problem] = []
    try:
        settings = ProjectFile.model_validate({} if doc.data is None else doc.data)
    except ValidationError as exc:
        problems = problems_from(exc, doc, ProjectFile)
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems) from None
    logo = None
    if settings.trainer.logo:
        loc = ("trainer", "logo")
        logo = resolve_inside(doc, loc, settings.trainer.logo, root, problems, what="logo")
        if logo is not None:
            check_image(doc, loc, logo, problems)
    word = None
    if settings.defaults.word_template:
        loc = ("defaults", "word_template")
        word = word_template(doc, settings.defaults.word_template, root, problems, loc)
    if problems:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    return LoadedProjectFile(path=path.resolve(), settings=settings, logo=logo, word_template=word)
