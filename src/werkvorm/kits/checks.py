"""``werkvorm check``: every error and warning of a workshop, client or programme file, and what
building the deck reveals, in the trainer's words, grouped so a project fits on a screen.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from werkvorm.compose import compose
from werkvorm.compose.session import Session
from werkvorm.errors import Problem, Severity, WerkvormError, display_path
from werkvorm.kits import MORE_CHECKS
from werkvorm.kits.build import Inputs, load_inputs
from werkvorm.project.folder import Project
from werkvorm.schema.limits import texts
from werkvorm.schema.load import LoadedClient
from werkvorm.schema.paths import links_out
from werkvorm.schema.projectfile import PROJECT_FILE, load_project_file

GROUP_FROM = 3  # this many warnings of one kind in one file are shown as one line
_LANGUAGES = {"en": "English", "nl": "Dutch", "nl-BE": "Flemish"}


def check_file(
    project: Project, path: Path, *, deck: bool = True, layout: bool = False
) -> list[Problem]:
    """Errors and warnings for one workshop or client file: everything that would
    embarrass the trainer in front of a group. ``deck`` also lays out the slides, to find
    text that had to shrink or continue and template layouts that are missing; ``layout``
    lays out the handout too, for notes on its pages (``check --verbose``)."""
    if path.name == PROJECT_FILE and path.parent.resolve() == project.root.resolve():
        return check_project_file(project)
    if path.suffix.lower() in (".csv", ".xlsx", ".txt", ".tsv"):  # a participant list
        from werkvorm.schema.participants import check_list

        return check_list(path)
    if path.name == PROJECT_FILE:  # the trainer's own file, never a workshop
        return project_file_problems(path.parent)
    if path.absolute().parent.resolve() == project.programmes_dir.resolve():
        from werkvorm.kits.programme import check_programme

        return check_programme(project, path)
    kind = project.kind_of(path)
    try:
        inputs = load_inputs(project, kind, path)
        session = compose(inputs.workshop, inputs.client)
    except WerkvormError as exc:
        return exc.problems or [Problem(display_path(path), message=exc.message)]
    problems = [
        Problem(w.file, w.line, w.column, w.field, w.message, "warning") for w in session.warnings
    ]
    problems += inputs.workshop.warnings  # links that print as text, words that cannot wrap
    problems += markdown_image_findings(inputs)  # pictures typed into text fields
    if deck:
        problems += _deck_findings(session, inputs)
    if inputs.client is not None and inputs.client.word_template is not None:
        problems += _word_findings(inputs.client)
    problems += print_findings(project, session, inputs)
    if layout:
        problems += page_fill_notes(project, session, inputs)
    if layout and inputs.client is not None and inputs.client.word_template is not None:
        problems += word_page_notes(session, inputs.client)
    if session.participants and inputs.client is not None:  # names that would print as boxes
        from werkvorm.render.fonts import missing_glyph_warnings

        people = [t for p in session.participants for t in (p.name, p.organisation) if t]
        problems += [
            inputs.client.doc.problem(("participants",), w, severity="warning")
            for w in missing_glyph_warnings(people)
        ]
    if session.participants and inputs.client is not None:  # names too long for a badge
        from werkvorm.render.badges import badge_problems

        problems += badge_problems(session, inputs.client.participants)
    return problems


def project_file_problems(root: Path) -> list[Problem]:
    """What is wrong with ``werkvorm.yaml``: what would stop every build."""
    try:
        load_project_file(root)
    except WerkvormError as exc:
        return exc.problems or [Problem(PROJECT_FILE, message=exc.message)]
    return []


def check_paths(
    project: Project, paths: Iterable[Path] = (), *, debug: bool = False, layout: bool = False
) -> tuple[int, list[Problem]]:
    """The number of files checked and every problem in them, sorted (default: every
    workshop and client of the project, and ``werkvorm.yaml``); ``layout``: with notes
    on the handout's pages (``check --verbose``).

    A bug in werkvorm while checking one file is that file's problem: the other files
    are still checked and reported (``debug`` lets it raise, for the traceback)."""
    files = [p.absolute() for p in paths] or [
        *project.workshops(),
        *project.clients(),
        *project.programmes(),
    ]
    found: set[Problem] = set()
    counted = len(files)
    if not paths:
        counted += (project.root / PROJECT_FILE).is_file()
        found.update(_guarded(project.root / PROJECT_FILE, debug, check_project_file, project))
        found.update(links_out(project.templates_dir, project.root, what="template"))
    for f in files:
        if not f.is_file():
            found.add(Problem(display_path(f), message="file not found"))
            continue
        found.update(_guarded(f, debug, partial(check_file, layout=layout), project, f))
    for more in MORE_CHECKS:
        found.update(more(project, [f for f in files if f.is_file()]))
    return counted, sorted(found)


def check_project_file(project: Project) -> list[Problem]:
    """``werkvorm.yaml`` checked as a build reads it (schema, tags, logo, links out)."""
    try:
        load_project_file(project.root)
    except WerkvormError as exc:
        path = display_path(project.root / PROJECT_FILE)
        return exc.problems or [Problem(path, message=exc.message)]
    return []


def _guarded(
    path: Path, debug: bool, check: Callable[..., list[Problem]], *args: Any
) -> list[Problem]:
    try:
        return check(*args)
    except WerkvormError as exc:
        return exc.problems or [Problem(display_path(path), message=exc.message)]
    except Exception as exc:
        if debug:
            raise
        name = display_path(path)
        return [
            Problem(
                name,
                message=f"werkvorm could not check this file: a bug in werkvorm "
                f"({exc.__class__.__name__}: {exc}); the other files were checked. "
                f"Run `werkvorm --debug check {name}` for the details, and please report it",
            )
        ]


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
    if client is not None and session.deck_template:
        found += _left_out(session.deck_template, client)
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
    workshop_file = display_path(inputs.workshop.doc.path)
    for note in report.notes:
        origin = origins.get(note.block)
        if origin is None:
            found.append(Problem(workshop_file, 0, 0, "", note.message, "warning"))
            continue
        field = f"slides in {origin.field}" if origin.field else "slides"
        found.append(
            Problem(origin.file, origin.line, origin.column, field, note.message, "warning")
        )
    return found


def _word_findings(client: LoadedClient) -> list[Problem]:
    """What werkvorm leaves out of or adds to the client's Word template (warnings)."""
    from werkvorm.errors import TemplateError
    from werkvorm.render.docx import template_findings

    assert client.word_template is not None
    try:
        found = template_findings(client.word_template)
    except TemplateError as exc:
        return [client.doc.problem(("word_template",), exc.message)]
    return [client.doc.problem(("word_template",), m, severity="warning") for m in found]


def _left_out(template: str, client: Any) -> list[Problem]:
    """A warning naming what of the client's template never reaches the deck."""
    from werkvorm.render.deck.parts import left_out

    try:
        found = left_out(Path(template).read_bytes())
    except (OSError, ValueError):
        return []  # the template's own problems are reported by build_deck
    # Sample slides are in nearly every template and never belong in a deck: leaving them
    # out is no news (inspect-template still lists them). Embedded objects and controls are.
    found = [f for f in found if f != "sample slides"]
    if not found:
        return []
    message = (
        f"left out of the deck: {', '.join(found)} (the template's masters or layouts "
        "link to them; werkvorm takes only masters and layouts)"
    )
    return [client.doc.problem(("deck_template",), message, severity="warning")]


# ---------------------------------------------------------------- reading in a glance


@dataclass(frozen=True)
class Group:
    """Several warnings of one kind in one file, shown as one line."""

    file: str
    severity: Severity
    message: str
    lines: tuple[int, ...]

    def format(self) -> str:
        first, last = min(self.lines), max(self.lines)
        where = f"lines {first}–{last}" if first != last else f"line {first}"
        return f"{self.headline()}, {where}; `werkvorm check --verbose` lists them"

    def headline(self) -> str:
        count = len(self.lines)
        missing = re.match(r"no '([\w-]+)' text: add '[\w-]+: \.\.\.'", self.message)
        if missing:
            language = _LANGUAGES.get(missing.group(1), repr(missing.group(1)))
            return f"{count} texts have no {language} version"
        return f"{count} times: {self.message}"


def grouped(problems: Sequence[Problem]) -> list[Problem | Group]:
    """The problems in order, with every run of ``GROUP_FROM`` or more warnings that share
    file and message folded into one :class:`Group` (errors are always listed one by one)."""
    counts: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.severity == "warning":
            counts.setdefault((p.file, p.message), []).append(p)
    shown: list[Problem | Group] = []
    done: set[tuple[str, str]] = set()
    for p in problems:
        key = (p.file, p.message)
        same = counts.get(key, [])
        if p.severity != "warning" or len(same) < GROUP_FROM:
            shown.append(p)
        elif key not in done:
            done.add(key)
            shown.append(Group(p.file, "warning", p.message, tuple(q.line for q in same)))
    return shown


# ---------------------------------------------------------------- print findings


def print_findings(project: Project, session: Session, inputs: Inputs) -> list[Problem]:
    """What a client's printed kit would show: a logo too coarse for its largest place
    (the handout's cover), and a follow-up with no way to reach the trainer."""
    from werkvorm.compose.trainer import apply_project_file

    client = inputs.client
    if client is None:
        return []
    with contextlib.suppress(WerkvormError):  # werkvorm.yaml's problems are reported apart
        session, _ = apply_project_file(project, session, client)
    found: list[Problem] = []
    logo = session.branding.logo
    if logo and not logo.lower().endswith(".svg"):
        message = logo_resolution(Path(logo), session.paper)
        if message:
            found.append(client.doc.problem(("logo",), message, severity="warning"))
    if logo and session.participants and not _badge_logo(logo):
        found.append(
            client.doc.problem(
                ("logo",),
                "the logo is taller than wide or under 150 px wide, too small to recognise "
                "on a badge or table tent: they print the client's name instead; ask the "
                "client for a wide version of the logo",
                severity="warning",
            )
        )
    if not session.trainer.email:
        found.append(
            client.doc.problem(
                ("workshop",),
                "the follow-up has no contact e-mail, so it prints no way to reach you: "
                "add trainer: {email: ...} to werkvorm.yaml",
                severity="warning",
            )
        )
    return found


def _badge_logo(logo: str) -> bool:
    from werkvorm.render.badges import logo_fits

    return logo_fits(logo)


def logo_resolution(path: Path, paper_key: str) -> str:
    """A warning when a raster logo prints under 200 ppi on the handout's cover."""
    from PIL import Image, UnidentifiedImageError

    from werkvorm.render.html import COVER
    from werkvorm.render.paper import paper
    from werkvorm.render.preflight import MIN_PPI

    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        return ""
    cover = COVER.get(paper_key, COVER["a4"])
    # mm a pixel: max-width and max-height only shrink; a small image prints at 96 px an inch
    mm = min(25.4 / 96, cover["logo_h"] / height, paper(paper_key).measure * 0.45 / width)
    ppi = 25.4 / mm
    if ppi >= MIN_PPI:
        return ""
    largest = min(cover["logo_h"] / height, paper(paper_key).measure * 0.45 / width) * width
    need = -(-round(largest / 25.4 * 300) // 100) * 100  # its full size on the cover
    return (
        f"the logo is {width}×{height} px and prints at {ppi:.0f} ppi on the handout's cover "
        f"(soft on paper); ask the client for a logo at least {need} px wide, or an SVG"
    )


# ---------------------------------------------------------------- images in text

# A Markdown image: ![alt](target). Text fields print no images (render/text.py).
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)[^)]*\)")


def markdown_image_findings(inputs: Inputs) -> list[Problem]:
    """A picture typed into a text field (``![](x.png)`` in an intro, instructions,
    background...): text fields print no images, and one without alt text leaves a
    reader of the tagged PDF nothing either. Images belong on a slide (``image:`` with
    ``alt:``, which the schema requires)."""
    docs = [inputs.workshop.doc, *(m.doc for m in inputs.workshop.modules.values())]
    found: list[Problem] = []
    for doc in docs:
        for loc, value in texts(doc):
            found.extend(
                doc.problem(loc, _image_message(m.group(0), m.group(1)), severity="warning")
                for m in _MARKDOWN_IMAGE.finditer(value)
            )
    return found


def _image_message(image: str, alt: str) -> str:
    shown = image if len(image) <= 60 else image[:57] + "..."
    fix = "put the picture on a slide (image: with alt:) or say in words what it shows"
    if not alt.strip():
        return (
            f"the image {shown} has no alt text, and a text field prints no images: "
            f"the handout shows only '!' in its place; {fix}"
        )
    return f"a text field prints no images: {shown} prints as '!{alt.strip()}'; {fix}"


# ---------------------------------------------------------------- page fill (check --verbose)


def word_page_notes(session: Session, client: LoadedClient) -> list[Problem]:
    """Notes on the Word handout's pages under half full, for a client with a Word
    template (``check --verbose``): estimated, as Word stores no pages."""
    from werkvorm.render.docx import handout_page_notes

    try:
        said = handout_page_notes(session)
    except WerkvormError:
        return []  # build reports what stops the handout
    return [Problem(display_path(client.doc.path), message=t, severity="note") for t in said]


def page_fill_notes(project: Project, session: Session, inputs: Inputs) -> list[Problem]:
    """Notes on the handout's pages under half full: the handout laid out as ``build``
    lays it out, each such page named with why (a worksheet that could not fit moved to
    the next page, or to a left-hand page so that it spans a spread)."""
    from werkvorm.compose.trainer import apply_project_file
    from werkvorm.kits.build import _project_templates
    from werkvorm.render.documents import handout_layout
    from werkvorm.render.flow import (
        apart,
        facing,
        half_empty,
        noted,
        placements,
        short_closing,
        tightened,
    )

    if not any(b.exercise and b.exercise.worksheet for b in session.blocks):
        return []  # only a worksheet that could not fit leaves a page under half full
    with contextlib.suppress(WerkvormError):  # werkvorm.yaml's problems are reported apart
        session, _ = apply_project_file(project, session, inputs.client)
    try:
        laid = handout_layout(session, _project_templates(project))
    except WerkvormError:
        return []  # build reports what stops the handout
    doc = inputs.client.doc if inputs.client is not None else inputs.workshop.doc
    at = placements(laid.document, session)
    said = [page.sentence() for page in half_empty(at)] + noted(at) + facing(at) + tightened(at)
    said += short_closing(at) + apart(at)
    return [Problem(display_path(doc.path), message=text, severity="note") for text in said]
