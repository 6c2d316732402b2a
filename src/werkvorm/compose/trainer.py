"""The trainer's ``werkvorm.yaml`` applied to a composed Session.

Every kit knows its trainer; a generic kit (no client) wears the trainer's logo, colours
and organisation instead of werkvorm's (its ``client_id`` stays "generic", so it is still
built into output/generic/); a session without a facilitator gets the default one (else
the trainer).
"""

from __future__ import annotations

from pathlib import Path

from werkvorm.compose.colours import readable_on_white
from werkvorm.compose.session import Branding, Session, SessionTrainer
from werkvorm.project.folder import Project
from werkvorm.schema.load import LoadedClient
from werkvorm.schema.projectfile import PROJECT_FILE, LoadedProjectFile, load_project_file


def apply_project_file(
    project: Project, session: Session, client: LoadedClient | None
) -> tuple[Session, list[Path]]:
    """The session with the trainer's identity and defaults; and the files that came from
    (for the build manifest, so editing ``werkvorm.yaml`` rebuilds the kits)."""
    loaded = load_project_file(project.root)
    if loaded is None:  # recorded as absent: a werkvorm.yaml added later rebuilds the kit
        return session, [project.root.resolve() / PROJECT_FILE]
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
    if loaded.word_template is not None and not session.word_template:
        update["word_template"] = str(loaded.word_template)
    if defaults.paper and (client is None or "paper" not in client.client.model_fields_set):
        update["paper"] = defaults.paper
    if client is None:
        # A generic kit is the trainer's own: their organisation (or name) stands where a
        # client's name would, so covers, headers and the logo's alt text name them.
        if trainer.organisation or trainer.name:
            update["client"] = trainer.organisation or trainer.name
        update["branding"] = _trainer_branding(session.branding, loaded)
        if loaded.logo is not None:
            folder = str(loaded.logo.parent)
            update["asset_dirs"] = list(dict.fromkeys([*session.asset_dirs, folder]))
    files = [loaded.path, *(p for p in (loaded.logo, loaded.word_template) if p)]
    return session.model_copy(update=update), files


def _trainer_branding(current: Branding, loaded: LoadedProjectFile) -> Branding:
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
