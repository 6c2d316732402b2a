"""Build a programme: every session's kit, the binder, the calendar and the certificates,
into ``output/<client>/<programme>/`` with one folder per session (``01-kanteling/``).

As for a kit, nothing is written until everything has rendered, and the programme's
folder is replaced all at once (``kits.staging``). A manifest records the programme's
inputs and, per session, a fingerprint of the composed session and its files: a session
whose fingerprint did not change is not rendered again (its files are carried over and
its handout is read back for the binder); an unchanged programme is skipped whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from werkvorm.compose.programme import (
    ComposedProgramme,
    ProgrammeInputs,
    compose_programme,
    compose_sessions,
    folder_name,
)
from werkvorm.compose.session import Session
from werkvorm.compose.trainer import apply_project_file
from werkvorm.errors import Problem, WerkvormError, display_path
from werkvorm.kits import manifest
from werkvorm.kits.build import Inputs, _pdf_module, _project_templates, _unguarded, format_of
from werkvorm.kits.build import render_kit as render_session
from werkvorm.kits.jobs import KitJob, KitOutcome
from werkvorm.kits.layout import kit_folder, refuse_a_namesake
from werkvorm.kits.options import BuildOptions, wanted
from werkvorm.kits.staging import replace_folder
from werkvorm.project.folder import Project
from werkvorm.schema.load import LoadedWorkshop, load_client, load_workshop
from werkvorm.schema.programme import load_programme

Guard = Callable[[str], AbstractContextManager[None]]
CALENDAR = "programme.ics"


@dataclass
class ProgrammeResult:
    """What a programme build did, as :class:`kits.build.KitResult` says it for a kit."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: bool = False
    rebuilt: list[str] = field(default_factory=list)  # the session folders rendered again
    warnings: list[str] = field(default_factory=list)  # print preflight, who did not qualify
    problems: list[Problem] = field(default_factory=list)  # the sessions' and the file's


@dataclass
class ProgrammePlan:
    """A programme gathered, composed and fingerprinted; nothing rendered yet."""

    programme: ComposedProgramme
    folder: Path
    options: BuildOptions
    manifest: manifest.Record
    prints: dict[str, str]  # session folder → fingerprint
    problems: list[Problem]

    @property
    def sessions(self) -> list[tuple[str, Session]]:
        return [
            (p.folder, s)
            for p, s in zip(self.programme.parts, self.programme.sessions, strict=True)
        ]


def load_inputs(project: Project, path: Path) -> ProgrammeInputs:
    """The programme, its client and each session's workshop (a workshop used twice is
    read once)."""
    loaded = load_programme(path, project.workshops_dir)
    client = load_client(loaded.client_path, project.workshops_dir)
    workshops: dict[Path, LoadedWorkshop] = {}
    for workshop in loaded.workshop_paths:
        if workshop not in workshops:
            workshops[workshop] = load_workshop(workshop, project.workshops_dir)
    return ProgrammeInputs(loaded, client, [workshops[p] for p in loaded.workshop_paths])


def plan_programme(
    project: Project, path: Path, options: BuildOptions | None = None
) -> ProgrammePlan:
    options = options or BuildOptions()
    inputs = load_inputs(project, path)
    if options.participants is not None:
        from werkvorm.schema.load import use_participants

        use_participants(inputs.client, options.participants)
    sessions, extra = [], []
    for session in compose_sessions(inputs):
        session, files = apply_project_file(project, session, inputs.client)
        update: dict[str, object] = {}
        if options.paper:
            update["paper"] = options.paper
        if options.booklet:
            update["booklet"] = True
        sessions.append(session.model_copy(update=update) if update else session)
        extra = files
    programme = compose_programme(inputs, sessions)
    out = (options.out or project.output_dir).resolve()
    folder = kit_folder(out, inputs.client.stem, inputs.programme.stem)
    templates = _project_templates(project)
    prints = {}
    every: list[Path] = [inputs.programme.doc.path, *extra]
    if inputs.programme.attendance_path:
        every.append(inputs.programme.attendance_path)
    for part, session, workshop in zip(programme.parts, sessions, inputs.workshops, strict=True):
        files = [*Inputs(workshop, inputs.client).files(), *extra]
        every += files
        prints[part.folder] = _session_print(session, files, templates, options, project)
    base = project.root.resolve()
    record = manifest.fingerprint(
        path.resolve(), every, templates, options.formats, options.fingerprint(), base
    )
    record["sessions"] = prints
    refuse_a_namesake(folder, path.resolve(), manifest.read(folder), base)
    problems = [*inputs.programme.warnings, *(w for s in sessions for w in s.warnings)]
    return ProgrammePlan(programme, folder, options, record, prints, problems)


def _session_print(
    session: Session,
    files: list[Path],
    templates: Path | None,
    options: BuildOptions,
    project: Project,
) -> str:
    """What a session's kit is made from: the composed session (its place in the series
    too), its files and the templates, the formats and options."""
    record = manifest.fingerprint(
        Path(session.workshop),
        files,
        templates,
        options.formats,
        options.fingerprint(),
        project.root.resolve(),
    )
    # the session names its files by absolute path: the project's folder is left out, so
    # that the same programme built in another folder records the same fingerprint
    root = json.dumps(str(project.root.resolve()))[1:-1]
    record["session"] = session.model_dump_json().replace(root, ".") + session.series
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def _reusable(plan: ProgrammePlan, previous: manifest.Record | None, name: str) -> list[str]:
    """The recorded outputs of session folder ``name`` when it can be carried over as it
    is (same fingerprint, every file there unchanged); else an empty list."""
    if previous is None or plan.options.force:
        return []
    recorded = previous.get("sessions")
    if not isinstance(recorded, dict) or recorded.get(name) != plan.prints[name]:
        return []
    outputs: dict[str, str] = previous["outputs"]
    mine = [n for n in outputs if n.startswith(name + "/") and not n.endswith(".ics")]
    if not set(plan.options.formats) <= set(previous["formats"]) or not mine:
        return []
    if any(manifest.digest(plan.folder / n) != outputs[n] for n in mine):
        return []
    return mine


def build_programme(
    project: Project,
    path: Path,
    options: BuildOptions | None = None,
    *,
    guard: Guard = _unguarded,
) -> ProgrammeResult:
    """Load, compose, render and write one programme; skipped when it is current."""
    options = options or BuildOptions()
    plan = plan_programme(project, path, options)
    result = ProgrammeResult(folder=plan.folder, problems=plan.problems)
    if not options.force and manifest.is_current(plan.folder, plan.manifest):
        result.skipped = True
        return result
    previous = manifest.read(plan.folder)
    documents: dict[str, bytes] = {}
    handouts: list[bytes] = []
    reused: list[str] = []
    for name, session in plan.sessions:
        kept = _reusable(plan, previous, name)
        if kept:
            reused += kept
            handout = plan.folder / name / "handout.pdf"
            handouts.append(handout.read_bytes() if handout.is_file() else b"")
            continue
        rendered = render_session(
            session, project, options.formats, guard, result.warnings, parallel=options.parallel
        )
        documents.update({f"{name}/{n}": data for n, data in rendered.items()})
        handouts.append(rendered.get("handout.pdf", b""))
        result.rebuilt.append(name)
    with guard("binder.pdf, certificates.pdf, programme.ics"):
        documents.update(programme_documents(plan, project, handouts, result.warnings))
    if "pdf" in wanted(options.formats):  # the certificates are made with the PDFs
        result.warnings += qualification(plan.programme)
    write_programme(plan, documents, previous, reused)
    result.written = [plan.folder / n for n in documents]
    return result


def programme_documents(
    plan: ProgrammePlan, project: Project, handouts: list[bytes], findings: list[str]
) -> dict[str, bytes]:
    """The programme's own files: calendars always; binder, personal binders and
    certificates with --format pdf; the binder's HTML with --format html."""
    from werkvorm.render.calendar import programme_ics, session_ics

    programme, templates = plan.programme, _project_templates(project)
    made = wanted(plan.options.formats)
    out = {CALENDAR: programme_ics(programme), **session_ics(programme)}
    if "html" in made:
        from werkvorm.render.binder import binder_html

        out["binder.html"] = binder_html(programme, templates).encode()
    if "pdf" in made and all(handouts):
        binder = _pdf_module("binder")
        bound = binder.binder_pdf(programme, handouts, templates, findings)
        out["binder.pdf"] = bound.pdf
        for slug, data in binder.personal_binders(programme, bound, templates, findings).items():
            out[f"participants/{slug}.pdf"] = data
        if programme.qualified:
            out["certificates.pdf"] = binder.certificates_pdf(programme, templates, findings)
    return out


def qualification(programme: ComposedProgramme) -> list[str]:
    """The build summary's line on the certificates: who did not qualify, and why."""
    if not programme.has_attendance:
        return ["no attendance list: no programme certificates (add attendance: to the programme)"]
    total = len(programme.parts)
    missed = [f"{a.name} ({len(a.attended)} of {total})" for a in programme.not_qualified]
    if not missed:
        return []
    return [
        f"no programme certificate (fewer than {programme.min_sessions} of {total} sessions "
        f"attended): {', '.join(missed)}"
    ]


def _format(name: str) -> str | None:
    """The format that makes a programme file (None: always made, or not werkvorm's)."""
    if name.endswith(".ics"):
        return None
    if "/" in name and not name.startswith("participants/"):
        return format_of(name.split("/", 1)[1])
    return "html" if name.endswith(".html") else "pdf"


def write_programme(
    plan: ProgrammePlan,
    documents: dict[str, bytes],
    previous: manifest.Record | None,
    reused: list[str],
) -> None:
    """Replace the programme folder: these documents, the sessions carried over, earlier
    outputs of formats not built this time and the trainer's own files; earlier outputs
    this build would have made but did not (a session dropped or renamed) are gone."""
    earlier = list(previous["outputs"]) if previous else []
    made = wanted(plan.options.formats, slides_handout=True)
    now = set(documents) | set(reused)

    def drop(name: str) -> bool:
        if name not in earlier or name in now:
            return False
        top = name.split("/", 1)[0]
        if "/" in name and top not in plan.prints and top != "participants":
            return True  # a session folder the programme no longer has
        return _format(name) in made or name.endswith(".ics")

    kept = [n for n in earlier if not drop(n) and n not in documents]
    record = manifest.record(plan.manifest, previous, documents, kept)
    replace_folder(plan.folder, {**documents, manifest.MANIFEST: manifest.encode(record)}, drop)


def check_programme(project: Project, path: Path) -> list[Problem]:
    """``werkvorm check`` for a programme: the file, its client and workshops, every
    session fitted to its slot; warnings of the sessions and the attendance list."""
    try:
        inputs = load_inputs(project, path)
        sessions = compose_sessions(inputs)
    except WerkvormError as exc:
        return exc.problems or [Problem(display_path(path), message=exc.message)]
    warnings = [w.as_warning() for s in sessions for w in s.warnings]
    return [*inputs.programme.warnings, *warnings]


def outcome(job: KitJob, result: ProgrammeResult) -> KitOutcome:
    """A programme's build as a batch reports a kit's."""
    return KitOutcome(
        job=job,
        folder=str(result.folder),
        written=[str(p) for p in result.written],
        skipped=result.skipped,
        warnings=sum(1 for p in result.problems if p.severity == "warning"),
        print_warnings=list(result.warnings),
    )


__all__ = ["ProgrammeResult", "build_programme", "folder_name", "outcome", "plan_programme"]
