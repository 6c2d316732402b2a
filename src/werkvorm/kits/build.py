"""Build kits: gather and check every input, render every document, then write.

Nothing is written until every requested document has rendered. The kit folder is then
replaced all at once (see :mod:`werkvorm.kits.staging`): a crash leaves the old kit or the
new one, never a mix. A build of some formats keeps the outputs of the others. A
manifest of input hashes lets an unchanged kit be skipped.

The documents a kit holds are listed once, in :data:`DOCUMENTS`: a new output is one
entry there (its file name pattern, the ``--format`` that makes it, its renderer).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from werkvorm.compose import compose
from werkvorm.compose.session import Session
from werkvorm.compose.trainer import apply_project_file
from werkvorm.errors import InputError, WerkvormError
from werkvorm.kits import heap, manifest
from werkvorm.kits.layout import Kind, kit_folder, refuse_a_namesake
from werkvorm.kits.options import FORMATS, BuildOptions, Format, Shorthand, wanted
from werkvorm.kits.staging import kit_lock, recover, replace_folder
from werkvorm.project.folder import Project
from werkvorm.schema.load import (
    LoadedClient,
    LoadedWorkshop,
    load_client,
    load_workshop,
    use_participants,
)
from werkvorm.schema.paths import links_out

if TYPE_CHECKING:
    from types import ModuleType

Guard = Callable[[str], AbstractContextManager[None]]


@dataclass
class KitResult:
    """What a build did: the kit's folder, the files it wrote (none when ``skipped``:
    the kit was already current) and the session it was built from."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: bool = False
    session: Session | None = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)  # the print preflight's and fonts'


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
                    for p in (
                        self.client.logo,
                        self.client.deck_template,
                        self.client.word_template,
                        self.client.participants,
                    )
                    if p
                ),
            ]
        return sorted(set(paths))


def load_inputs(project: Project, kind: str, path: Path) -> Inputs:
    if kind == "client":
        client = load_client(path, project.workshops_dir)
        workshop_path = client.workshop_path or project.workshop(client.client.workshop)
        return Inputs(load_workshop(workshop_path, project.workshops_dir), client)
    root = project.workshops_dir if path.is_relative_to(project.workshops_dir.resolve()) else None
    return Inputs(load_workshop(path, root))


# ---------------------------------------------------------------- the documents of a kit


@dataclass
class RenderContext:
    """What a renderer gets: the session, the project's templates (or None) and the
    documents rendered before it (the personal copies stamp ``handout.pdf``)."""

    session: Session
    templates: Path | None
    documents: dict[str, bytes]
    findings: list[str] = field(default_factory=list)  # print preflight, missing fonts


@dataclass(frozen=True)
class Document:
    """One kind of file in a kit.

    ``pattern``: its name(s) in the kit, as a glob (``participants/*.pdf``); ``format``:
    the ``--format`` that makes it; ``render``: returns ``{name: bytes}`` (empty when the
    kit has none, e.g. no participant list); ``label``: named in a time-limit message.
    """

    pattern: str
    format: Format
    render: Callable[[RenderContext], dict[str, bytes]]
    label: str = ""


def _pdf_module(name: str) -> ModuleType:
    """A PDF renderer, or a clear line on installing Pango when WeasyPrint cannot load."""
    import importlib

    try:
        return importlib.import_module(f"werkvorm.render.{name}")
    except OSError as exc:  # WeasyPrint found no Pango (or no HarfBuzz) library
        raise WerkvormError(
            "PDFs need the Pango library, which is not installed "
            f"({str(exc).splitlines()[0][:120]}). Install it: on Debian or Ubuntu "
            "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0', on macOS "
            "'brew install pango', on Windows follow WeasyPrint's installation guide. "
            "Meanwhile --format pptx,html builds the rest."
        ) from exc


def _handout_html(ctx: RenderContext) -> dict[str, bytes]:
    from werkvorm.render.html import handout_html

    return {"handout.html": handout_html(ctx.session, ctx.templates, preview=True).encode()}


def _handout_pdf(ctx: RenderContext) -> dict[str, bytes]:
    return {
        "handout.pdf": _pdf_module("documents").handout_pdf(
            ctx.session, ctx.templates, findings=ctx.findings
        )
    }


def _guide_pdf(ctx: RenderContext) -> dict[str, bytes]:
    guide = _pdf_module("documents").guide_pdf(ctx.session, ctx.templates, findings=ctx.findings)
    return {"guide.pdf": guide}


def _booklet(ctx: RenderContext) -> dict[str, bytes]:
    """The A5 handout two-up on A4 in saddle-stitch order, when the kit asks for it."""
    if not ctx.session.booklet:
        return {}
    booklet = _pdf_module("booklet")
    found: dict[str, bytes] = booklet.booklets(
        ctx.session, ctx.documents, ctx.templates, ctx.findings
    )
    return found


def _personal_handouts(ctx: RenderContext) -> dict[str, bytes]:
    if not ctx.session.participants:
        return {}
    copies, everyone = _pdf_module("personal").personal_handouts(
        ctx.session, ctx.documents["handout.pdf"], ctx.templates, ctx.findings
    )
    found = {f"participants/{slug}.pdf": data for slug, data in copies.items()}
    return {**found, "participants/all-handouts.pdf": everyone}


def _certificates(ctx: RenderContext) -> dict[str, bytes]:
    if not ctx.session.participants:
        return {}
    personal = _pdf_module("personal")
    return {
        "participants/certificates.pdf": personal.certificates_pdf(
            ctx.session, ctx.templates, ctx.findings
        )
    }


def _signin(ctx: RenderContext) -> dict[str, bytes]:
    if not ctx.session.participants:
        return {}
    return {
        "participants/sign-in.pdf": _pdf_module("personal").signin_pdf(
            ctx.session, ctx.templates, ctx.findings
        )
    }


def _deck(ctx: RenderContext) -> dict[str, bytes]:
    from werkvorm.render.deck import render_deck

    return {"deck.pptx": render_deck(ctx.session)}


def _slides(ctx: RenderContext) -> dict[str, bytes]:
    """Three slides a page with lines for notes (``--format slides`` or slides_handout)."""
    slides = _pdf_module("slides").slides_pdf(ctx.session, ctx.templates, findings=ctx.findings)
    return {"slides.pdf": slides}


def _evaluation(ctx: RenderContext) -> dict[str, bytes]:
    return {"evaluation.pdf": _pdf_module("evaluation").evaluation_pdf(ctx.session, ctx.templates)}


def _followup(ctx: RenderContext) -> dict[str, bytes]:
    followup = _pdf_module("followup")
    return {
        "followup.pdf": followup.followup_pdf(ctx.session, ctx.templates),
        "followup.md": followup.followup_md(ctx.session, ctx.templates),
    }


def _badges(ctx: RenderContext) -> dict[str, bytes]:
    if not ctx.session.participants:
        return {}
    badges = _pdf_module("badges").badges_pdf(ctx.session, ctx.templates)
    return {"participants/badges.pdf": badges}


def _handout_docx(ctx: RenderContext) -> dict[str, bytes]:
    """The handout as a Word document, on the client's Word template when it has one."""
    from werkvorm.render.docx import handout_docx

    return {"handout.docx": handout_docx(ctx.session)}


def _guide_docx(ctx: RenderContext) -> dict[str, bytes]:
    from werkvorm.render.docx import guide_docx

    return {"guide.docx": guide_docx(ctx.session)}


def _booklet_marker(ctx: RenderContext) -> dict[str, bytes]:
    """Made together with handout-booklet.pdf; listed so its format is known."""
    return {}


DOCUMENTS: list[Document] = [
    Document("handout.html", "html", _handout_html),
    Document("handout.pdf", "pdf", _handout_pdf),
    Document("guide.pdf", "pdf", _guide_pdf),
    Document("handout-booklet.pdf", "pdf", _booklet),
    Document("participants/all-handouts-booklet.pdf", "pdf", _booklet_marker),
    Document("participants/certificates.pdf", "pdf", _certificates),
    Document("participants/sign-in.pdf", "pdf", _signin),
    Document("participants/badges.pdf", "badges", _badges),  # before the wildcard
    Document("participants/*.pdf", "pdf", _personal_handouts, "the personalised handouts"),
    Document("deck.pptx", "pptx", _deck),
    Document("slides.pdf", "slides", _slides),
    Document("evaluation.pdf", "evaluation", _evaluation),
    Document("followup.*", "followup", _followup),
    Document("handout.docx", "docx", _handout_docx),
    Document("guide.docx", "docx", _guide_docx),
]


def format_of(name: str) -> Format | None:
    """The format whose build makes the kit file ``name``; None for a file werkvorm
    did not make (it is always kept)."""
    for document in DOCUMENTS:
        if fnmatch.fnmatchcase(name, document.pattern):
            return document.format
    return None


@contextmanager
def _unguarded(name: str) -> Iterator[None]:
    yield


def render_kit(
    session: Session,
    project: Project,
    formats: Iterable[str],
    guard: Guard = _unguarded,
    findings: list[str] | None = None,
    parallel: bool = False,
) -> dict[str, bytes]:
    """Every requested document of one kit, as bytes, before anything is written.

    ``guard(name)`` wraps each document's rendering (a worker reports it, so the time
    limit names the document). ``parallel``: lay out some documents in a second process
    when the machine can (``aside``); the bytes are the same either way.
    """
    from werkvorm.kits import aside

    made = wanted(formats, slides_handout=session.slides_handout)
    ctx = RenderContext(session, _project_templates(project), {}, findings=[])
    order = sorted(DOCUMENTS, key=lambda d: "*" in d.pattern)  # the one-name files first
    todo = [d for d in order if d.format in made]
    apart = [d for d in todo if d.pattern in aside.ASIDE] if parallel else []
    if len(apart) == len(todo) or not aside.available():
        apart = []

    def render(documents: Sequence[Document]) -> tuple[dict[str, bytes], list[str]]:
        own = RenderContext(session, ctx.templates, {}, findings=[])
        for document in documents:
            own.documents.update(document.render(own))
        return own.documents, own.findings

    helper = aside.Aside(render, apart) if apart else None
    try:
        for document in todo:
            if document not in apart:
                with guard(document.label or document.pattern):
                    ctx.documents.update(document.render(ctx))
    except BaseException:
        if helper is not None:
            helper.cancel()
        raise
    if helper is not None:
        with guard(", ".join(d.pattern for d in apart)):
            done = helper.result() or render(apart)  # a failed child: here, for its error
        ctx.documents.update(done[0])
        ctx.findings.extend(done[1])
    if findings is not None:
        findings.extend(ctx.findings)
    heap.settle()  # after the first kit, every library it needed is loaded
    return dict(sorted(ctx.documents.items()))


# ---------------------------------------------------------------- plan and build


@dataclass
class KitPlan:
    """One kit, gathered and checked, not yet rendered: what a build would write, where."""

    session: Session
    folder: Path
    formats: tuple[Format, ...]
    manifest: manifest.Record

    @property
    def manifest_path(self) -> Path:
        return self.folder / manifest.MANIFEST

    def is_current(self) -> bool:
        """The outputs exist and were built from exactly these inputs."""
        return manifest.is_current(self.folder, self.manifest)


def plan_kit(
    project: Project, kind: Kind, path: Path, options: BuildOptions | None = None
) -> KitPlan:
    """Load and compose one kit and fingerprint its inputs (no rendering, no writing)."""
    options = options or BuildOptions()
    inputs = load_inputs(project, kind, path)
    if options.participants is not None:
        if inputs.client is None:
            raise WerkvormError(
                "--participants needs a client: personalised kits are built for a client profile"
            )
        use_participants(inputs.client, options.participants)
    session = compose(inputs.workshop, inputs.client)
    session, project_files = apply_project_file(project, session, inputs.client)  # werkvorm.yaml
    if options.paper:
        session = session.model_copy(update={"paper": options.paper})
    if options.booklet:
        session = session.model_copy(update={"booklet": True})
    out = (options.out or project.output_dir).resolve()
    client = session.client_id if inputs.client is not None else None
    folder = kit_folder(out, client, session.workshop)
    fp = manifest.fingerprint(
        path.resolve(),
        [*inputs.files(), *project_files],
        _project_templates(project),
        options.formats,
        options.fingerprint(),
        project.root.resolve(),
    )
    refuse_a_namesake(folder, path.resolve(), manifest.read(folder), project.root.resolve())
    return KitPlan(session=session, folder=folder, formats=options.formats, manifest=fp)


def _project_templates(project: Project) -> Path | None:
    """The project's ``templates/``, if any; refused when a file in it is a link out of
    the project (a template could then print any file the trainer can read)."""
    if not project.templates_dir.is_dir():
        return None
    problems = links_out(project.templates_dir, project.root, what="template")
    if problems:
        raise InputError(f"{problems[0].file} is a link to a file outside the project", problems)
    return project.templates_dir


def build_kit(
    project: Project,
    kind: Kind,
    path: Path,
    options: BuildOptions | None = None,
    *,
    guard: Guard = _unguarded,
    **shorthand: Unpack[Shorthand],
) -> KitResult:
    """Load, compose, render and write one kit; skipped when its manifest is current.

    ``formats=``, ``out=``, ``force=``, ``paper=``, ``participants=`` and ``booklet=`` are a
    shorthand for ``options``, a :class:`BuildOptions`.
    """
    if options is None:
        options = BuildOptions.of(**shorthand)
    plan = plan_kit(project, kind, path, options)
    if not options.force and plan.is_current():
        recover(plan.folder)  # a killed build's hidden partial copy goes all the same
        return KitResult(folder=plan.folder, skipped=True, session=plan.session)
    findings: list[str] = []
    documents = render_kit(
        plan.session, project, plan.formats, guard, findings, parallel=options.parallel
    )
    write_kit(plan, documents)
    return KitResult(
        folder=plan.folder,
        written=[plan.folder / n for n in documents],
        session=plan.session,
        warnings=findings,
    )


def write_kit(plan: KitPlan, documents: dict[str, bytes]) -> None:
    """Replace the kit folder: these documents, the earlier outputs of other formats,
    and the trainer's own files; earlier outputs of the rebuilt formats that this build
    no longer makes (someone left the list) are gone."""
    with kit_lock(plan.folder):  # another build's kit is read only after it was swapped in
        previous = manifest.read(plan.folder)
        earlier = list(previous["outputs"]) if previous else []
        rebuilt = wanted(plan.formats, slides_handout=True)  # all these formats can make

        def drop(name: str) -> bool:
            return name in earlier and format_of(name) in rebuilt

        kept = [n for n in earlier if not drop(n) and n not in documents]
        record = manifest.record(plan.manifest, previous, documents, kept)
        files = {**documents, manifest.MANIFEST: manifest.encode(record)}
        replace_folder(plan.folder, files, drop)


__all__ = ["DOCUMENTS", "FORMATS", "BuildOptions", "Document", "KitResult", "build_kit"]
