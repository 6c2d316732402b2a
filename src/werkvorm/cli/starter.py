"""``werkvorm new``: a workshop, client or module from a commented starter that checks and
builds as it is; or a copy of another workshop. Nothing is ever overwritten.

Each write also refreshes ``workshops/.schema/``, so the editor checks the new file with
the schema of the werkvorm that wrote it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from werkvorm.errors import ProjectError, WerkvormError, display_path
from werkvorm.names import slugify
from werkvorm.project.folder import Project
from werkvorm.project.scaffold import fill, write_new
from werkvorm.resources import builtin_templates
from werkvorm.schema.jsonschema import write_schemas
from werkvorm.schema.projectfile import load_project_file

_STEM = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")


def _yaml_text(text: str) -> str:
    """A title as a YAML scalar: JSON strings are valid YAML and keep every character."""
    return json.dumps(text, ensure_ascii=False)


def _stem(name: str, example: str) -> str:
    if not _STEM.fullmatch(name):
        raise ProjectError(
            f"'{name}' is not a good file name: use small letters, digits and '-', like '{example}'"
        )
    return name


def _starter(name: str) -> str:
    return (builtin_templates() / name).read_text(encoding="utf-8")


def _write(project: Project, target: Path, text: str, what: str) -> Path:
    try:
        write_schemas(project.workshops_dir)
        return write_new(target, text, what=what)
    except OSError as exc:  # a read-only share, a synced folder that is locked
        import errno

        locked = exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
        reason = "the folder is read-only" if locked else (exc.strerror or str(exc))
        raise WerkvormError(
            f"cannot write {display_path(target.parent)}/: {reason}; nothing was created"
        ) from None


def create_workshop(
    project: Project, name: str, *, from_: str | None = None, title: str | None = None
) -> Path:
    """``workshops/NAME.yaml``: the commented starter, or a copy of workshop ``from_``."""
    _stem(name, "social-media-basis")
    if from_ is not None:
        text = project.workshop(from_).read_text(encoding="utf-8")
        if title:
            text = re.sub(r"(?m)^title:.*$", f"title: {_yaml_text(title)}", text, count=1)
    else:
        title_text = _yaml_text(title or name.replace("-", " ").capitalize())
        text = fill(_starter("starter.yaml"), "__TITLE__", title_text)
    return _write(project, project.workshops_dir / f"{name}.yaml", text, "workshop")


def create_client(project: Project, name: str, workshop: str) -> Path:
    """``workshops/clients/<slug of NAME>.yaml`` for workshop ``workshop``.

    NAME is the client's name as written ("Gemeente Lindewaard"); the file name is made from it.
    """
    if not name.strip():
        raise ProjectError('give the client\'s name, e.g. --client "Gemeente Lindewaard"')
    project.workshop(workshop)  # it must exist: the starter builds as it is
    stem = slugify(name, fallback="client")
    loaded = load_project_file(project.root)
    defaults = loaded.settings.defaults if loaded else None
    trainer = loaded.settings.trainer if loaded else None
    facilitator = (defaults and defaults.facilitator) or (trainer and trainer.name) or ""
    values = {
        "__STEM__": stem,
        "__NAME__": _yaml_text(name.strip()),
        "__WORKSHOP__": Path(workshop).stem if workshop.endswith(".yaml") else workshop,
        "__LANGUAGE__": (defaults and defaults.language) or "nl",
        "__PAPER__": (defaults and defaults.paper) or "a4",
    }
    text = _starter("starter-client.yaml")
    if not facilitator:
        text = text.replace("  facilitator: __FACILITATOR__", "  # facilitator: Naam")
    for key, value in {**values, "__FACILITATOR__": _yaml_text(facilitator)}.items():
        text = fill(text, key, value)
    return _write(project, project.clients_dir / f"{stem}.yaml", text, "client profile")


def create_module(project: Project, name: str, *, title: str | None = None) -> Path:
    """``workshops/modules/NAME.yaml``: one commented block, ready to ``use:``."""
    _stem(name, "kennismaking")
    text = _starter("starter-module.yaml")
    title_text = _yaml_text(title or name.replace("-", " ").capitalize())
    for key, value in (("__STEM__", name), ("__TITLE__", title_text)):
        text = fill(text, key, value)
    return _write(project, project.modules_dir / f"{name}.yaml", text, "module")
