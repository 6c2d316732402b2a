"""``werkvorm.yaml``: the trainer's own identity and defaults, at the project root.

Read like every other input (positions, one message per problem); applied to a composed
Session by :func:`apply_project_file`: every kit knows its trainer; a generic kit (no
client) wears the trainer's logo and colours instead of werkvorm's; a session without a
facilitator gets the default one (else the trainer).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from werkvorm.errors import InputError, Problem
from werkvorm.project import Project
from werkvorm.schema.load import LoadedClient, check_image
from werkvorm.schema.messages import problems_from
from werkvorm.schema.models import ProjectFile
from werkvorm.schema.paths import resolve_inside
from werkvorm.schema.source import read_document
from werkvorm.session import Branding, Session, SessionTrainer

PROJECT_FILE = "werkvorm.yaml"


@dataclass(frozen=True)
class LoadedProjectFile:
    path: Path
    settings: ProjectFile
    logo: Path | None = None


def load_project_file(root: Path) -> LoadedProjectFile | None:
    """The project's ``werkvorm.yaml``, checked; None when the project has none."""
    path = root / PROJECT_FILE
    if not path.is_file():
        return None
    doc = read_document(path)
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
    if problems:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    return LoadedProjectFile(path=path.resolve(), settings=settings, logo=logo)


def apply_project_file(
    project: Project, session: Session, client: LoadedClient | None
) -> tuple[Session, list[Path]]:
    """The session with the trainer's identity and defaults; and the files that came from
    (for the build manifest, so editing ``werkvorm.yaml`` rebuilds the kits)."""
    loaded = load_project_file(project.root)
    if loaded is None:
        return session, []
    trainer, defaults = loaded.settings.trainer, loaded.settings.defaults
    update: dict[str, object] = {
        "trainer": SessionTrainer(
            name=trainer.name or "",
            organisation=trainer.organisation or "",
            email=trainer.email or "",
        )
    }
    if not session.facilitator and (defaults.facilitator or trainer.name):
        update["facilitator"] = defaults.facilitator or trainer.name
    if defaults.paper and (client is None or "paper" not in client.client.model_fields_set):
        update["paper"] = defaults.paper
    if client is None:
        update["branding"] = _trainer_branding(session.branding, loaded)
        if loaded.logo is not None:
            folder = str(loaded.logo.parent)
            update["asset_dirs"] = list(dict.fromkeys([*session.asset_dirs, folder]))
    files = [loaded.path, *([loaded.logo] if loaded.logo else [])]
    return session.model_copy(update=update), files


def _trainer_branding(current: Branding, loaded: LoadedProjectFile) -> Branding:
    from werkvorm.colours import readable_on_white

    colours = loaded.settings.trainer.colors
    primary = colours.primary or current.primary
    accent = colours.accent or current.accent
    return Branding(
        primary=primary,
        accent=accent,
        text=readable_on_white(primary),
        accent_text=readable_on_white(accent),
        logo=str(loaded.logo) if loaded.logo else current.logo,
    )
