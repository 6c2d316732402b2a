"""Build kits: gather and check every input, render every document, then write.

Nothing is written until every requested document has rendered; each file goes to a
temporary name in its folder and is moved into place, so a crash never leaves half a
PDF. A manifest of input hashes lets an unchanged kit be skipped.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from werkvorm import manifest
from werkvorm.compose import compose
from werkvorm.errors import Problem, WerkvormError, display_path
from werkvorm.manifest import FORMATS
from werkvorm.names import slugify
from werkvorm.project import Project
from werkvorm.schema.load import (
    LoadedClient,
    LoadedWorkshop,
    load_client,
    load_workshop,
    use_participants,
)
from werkvorm.session import Session

_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass
class KitResult:
    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: bool = False
    session: Session | None = None
    warnings: list[str] = field(default_factory=list)  # print preflight and fonts


@dataclass
class Inputs:
    """One kit's validated inputs: a workshop and, optionally, the client it is fitted to."""

    workshop: LoadedWorkshop
    client: LoadedClient | None = None

    def files(self) -> list[Path]:
        paths = [
            self.workshop.doc.path,
            *(m.doc.path for m in self.workshop.modules.values()),
            *self.workshop.images.values(),
        ]
        if self.client:
            paths += [
                self.client.doc.path,
                *(
                    p
                    for p in (self.client.logo, self.client.deck_template, self.client.participants)
                    if p
                ),
            ]
        return sorted(set(paths))


def load_inputs(project: Project, kind: str, path: Path) -> Inputs:
    if kind == "client":
        client = load_client(path)
        workshop_path = project.workshop(client.client.workshop)
        return Inputs(load_workshop(workshop_path, project.workshops_dir), client)
    root = project.workshops_dir if path.is_relative_to(project.workshops_dir.resolve()) else None
    return Inputs(load_workshop(path, root))


def kit_folder(out: Path, session: Session) -> Path:
    folder = (
        out
        / slugify(session.client_id, fallback="client")
        / slugify(session.workshop, fallback="workshop")
    ).resolve()
    if not folder.is_relative_to(out.resolve()):  # slugs cannot climb; belt and braces
        raise WerkvormError(f"output folder {folder} would be outside {out}")
    return folder


@contextmanager
def _unguarded(name: str) -> Iterator[None]:
    yield


def render_kit(
    session: Session,
    project: Project,
    formats: Iterable[str],
    guard: Callable[[str], AbstractContextManager[None]] = _unguarded,
    findings: list[str] | None = None,
) -> dict[str, bytes]:
    """Every requested document of one kit, as bytes, before anything is written.

    ``guard(name)`` wraps each document's rendering (a worker uses it as a time limit);
    the print preflight's warnings are appended to ``findings``.
    """
    formats = set(formats)
    documents: dict[str, bytes] = {}
    templates = _project_templates(project)
    if "html" in formats:
        from werkvorm.render.html import handout_html

        with guard("handout.html"):
            documents["handout.html"] = handout_html(session, templates, preview=True).encode()
    if "pdf" in formats:
        from werkvorm.render import documents as docs

        with guard("handout.pdf"):
            documents["handout.pdf"] = docs.handout_pdf(session, templates, findings=findings)
        with guard("guide.pdf"):
            documents["guide.pdf"] = docs.guide_pdf(session, templates, findings=findings)
        if session.booklet:
            from werkvorm.render import booklet

            with guard("handout-booklet.pdf"):
                documents.update(booklet.booklets(session, documents, templates, findings))
        if session.participants:
            from werkvorm.render import personal

            with guard("the personalised handouts"):
                copies, everyone = personal.personal_handouts(
                    session, documents["handout.pdf"], templates, findings
                )
            for slug, data in copies.items():
                documents[f"participants/{slug}.pdf"] = data
            documents["participants/all-handouts.pdf"] = everyone
            with guard("certificates.pdf"):
                documents["participants/certificates.pdf"] = personal.certificates_pdf(
                    session, templates, findings
                )
            with guard("sign-in.pdf"):
                documents["participants/sign-in.pdf"] = personal.signin_pdf(
                    session, templates, findings
                )
    if "pptx" in formats:
        from werkvorm.render.deck import render_deck

        with guard("deck.pptx"):
            documents["deck.pptx"] = render_deck(session)
    return documents


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(folder: Path, age: float = 3600) -> None:
    """Temporary files a killed build left behind (an hour old: never a running build's)."""
    if not folder.is_dir():
        return
    for tmp in [*folder.glob(".*.tmp"), *folder.glob("participants/.*.tmp")]:
        try:
            if time.time() - tmp.stat().st_mtime > age:
                tmp.unlink()
        except OSError:
            pass


def _previous_outputs(manifest_path: Path) -> set[str]:
    try:
        return set(json.loads(manifest_path.read_text(encoding="utf-8")).get("outputs", {}))
    except (OSError, ValueError, AttributeError):
        return set()


@dataclass
class KitPlan:
    """One kit, gathered and checked, not yet rendered: what a build would write, where."""

    session: Session
    folder: Path
    formats: tuple[str, ...]
    manifest: dict[str, object]

    @property
    def manifest_path(self) -> Path:
        return self.folder / manifest.MANIFEST

    def is_current(self) -> bool:
        """The outputs exist and were built from exactly these inputs."""
        return manifest.is_current(self.folder, self.manifest)


def plan_kit(
    project: Project,
    kind: str,
    path: Path,
    *,
    formats: Iterable[str] = FORMATS,
    out: Path | None = None,
    paper: str | None = None,
    participants: Path | None = None,
    booklet: bool = False,
) -> KitPlan:
    """Load and compose one kit and fingerprint its inputs (no rendering, no writing)."""
    wanted = tuple(f for f in FORMATS if f in set(formats))
    inputs = load_inputs(project, kind, path)
    if participants is not None:
        if inputs.client is None:
            raise WerkvormError(
                "--participants needs a client: personalised kits are built for a client profile"
            )
        use_participants(inputs.client, participants)
    session = compose(inputs.workshop, inputs.client)
    if paper:
        session = session.model_copy(update={"paper": paper})
    if booklet:
        session = session.model_copy(update={"booklet": True})
    folder = kit_folder((out or project.output_dir).resolve(), session)
    options = {"paper": paper, "participants": str(participants) if participants else None}
    if booklet:
        options["booklet"] = "yes"
    fp = manifest.fingerprint(
        path.resolve(), inputs.files(), _project_templates(project), wanted, options
    )
    return KitPlan(session=session, folder=folder, formats=wanted, manifest=fp)


def _project_templates(project: Project) -> Path | None:
    return project.templates_dir if project.templates_dir.is_dir() else None


def build_kit(
    project: Project,
    kind: str,
    path: Path,
    *,
    formats: Iterable[str] = FORMATS,
    out: Path | None = None,
    force: bool = False,
    paper: str | None = None,
    participants: Path | None = None,
    booklet: bool = False,
    guard: Callable[[str], AbstractContextManager[None]] = _unguarded,
) -> KitResult:
    """Load, compose, render and write one kit; skipped when its manifest is current."""
    plan = plan_kit(
        project,
        kind,
        path,
        formats=formats,
        out=out,
        paper=paper,
        participants=participants,
        booklet=booklet,
    )
    session, folder = plan.session, plan.folder
    if not force and plan.is_current():
        return KitResult(folder=folder, skipped=True, session=session)
    findings: list[str] = []
    documents = render_kit(session, project, plan.formats, guard, findings)
    _remove_stale_temporaries(folder)
    result = KitResult(folder=folder, session=session, warnings=findings)
    for name, data in documents.items():
        write_atomic(folder / name, data)
        result.written.append(folder / name)
    for stale in _previous_outputs(plan.manifest_path) - set(documents):
        if stale.startswith("participants/"):  # someone left the list
            (folder / stale).unlink(missing_ok=True)
    record = {**plan.manifest, "outputs": manifest.outputs_record(documents)}

    write_atomic(plan.manifest_path, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode())
    return result


def check_file(project: Project, path: Path, *, deck: bool = True) -> list[Problem]:
    """Errors and warnings for one workshop or client file: everything that would
    embarrass the trainer in front of a group. ``deck`` also lays out the slides, to find
    text that had to shrink or continue and template layouts that are missing."""
    kind = "client" if path.resolve().parent == project.clients_dir.resolve() else "workshop"
    try:
        inputs = load_inputs(project, kind, path)
        session = compose(inputs.workshop, inputs.client)
    except WerkvormError as exc:
        return exc.problems or [Problem(display_path(path), message=exc.message)]
    problems = [
        Problem(w.file, w.line, w.column, w.field, w.message, "warning") for w in session.warnings
    ]
    if deck:
        problems += _deck_findings(session, inputs)
    return problems


def _deck_findings(session: Session, inputs: Inputs) -> list[Problem]:
    """What building the deck reveals: unusable template layouts, text that did not fit."""
    from werkvorm.errors import TemplateError
    from werkvorm.render.deck import build_deck

    client = inputs.client
    try:
        _, report = build_deck(session)
    except TemplateError as exc:
        if client is None:
            return [Problem(display_path(inputs.workshop.doc.path), message=exc.message)]
        field = (
            exc.message.split(":", 1)[0] if exc.message.startswith("layouts.") else "deck_template"
        )
        loc = tuple(field.split(".", 1))
        return [client.doc.problem(loc, exc.message.removeprefix(f"{field}: "))]
    found: list[Problem] = []
    if client is not None:
        # A stand-in layout only matters where it changes what the group sees: an opening,
        # section or closing slide on a plain content layout, or a picture without its frame.
        has_images = any(sl.kind == "image" for b in session.blocks for sl in b.slides)
        for kind, stand_in in report.fallbacks.items():
            if (
                kind in ("title", "section", "closing") and stand_in in ("content", "title_only")
            ) or (kind == "picture" and has_images):
                message = (
                    f"the template has no layout for {kind} slides; werkvorm uses a "
                    f"{stand_in.replace('_', '-')} layout instead (see werkvorm "
                    "inspect-template)"
                )
                p = client.doc.problem(("deck_template",), message)
                found.append(Problem(p.file, p.line, p.column, p.field, message, "warning"))

    origins = {item.id: item.origin for item in session.items}
    for note in report.notes:
        origin = origins.get(note.block)
        if origin is not None:
            found.append(
                Problem(
                    origin.file,
                    origin.line,
                    origin.column,
                    f"{origin.field.rsplit('.', 1)[0]}.slides",
                    note.message,
                    "warning",
                )
            )
        else:
            found.append(
                Problem(display_path(inputs.workshop.doc.path), 0, 0, "", note.message, "warning")
            )
    return found
