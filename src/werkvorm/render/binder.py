"""A programme's binder, its personalised copies and its certificates.

``binder.pdf`` is bound from parts already laid out: a front (cover, the programme at a
glance, the contents), each session's handout as its kit has it, and the sources of all
sessions. Every part starts on a right-hand page (an odd page; a blank page is put in
front where needed), so a printed, double-sided binder opens on each session's cover.
The contents give the binder's real page numbers: the front is laid out once with
stand-ins to learn its length, the parts' places are counted, and the front is laid
out again with the numbers (a third time if the numbers moved a page break).

A personal binder is the one binder with a participant's name stamped on every cover
and in every footer, as on the personalised handouts (``render.personal``): the names are
laid out once for everybody, never a binder per person.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from werkvorm.compose.programme import ComposedProgramme
from werkvorm.compose.session import Session
from werkvorm.render.documents import render_document
from werkvorm.render.personal import blank_page, forget_names, handout_names, save_pdf
from werkvorm.render.stamps import own_page, set_forms

TEMPLATE = "binder.html.j2"
CERTIFICATE = "programme-certificate.html.j2"
MAX_PASSES = 3
FRONT_GUESS = 3  # pages: the cover, the programme at a glance, the contents


@dataclass
class Bound:
    """The binder's bytes and where its parts are (page numbers from 1)."""

    pdf: bytes
    starts: list[int]  # each session's first page
    sources: int  # the sources' first page (0: no sources)
    covers: list[int] = field(default_factory=list)  # page indices (from 0) with a name field
    blanks: list[int] = field(default_factory=list)  # page indices (from 0) left empty


def binder_session(programme: ComposedProgramme) -> Session:
    """The first session, dressed as the programme: what the binder's templates read as
    ``s`` (title, brand, paper and labels), its cover saying 'Leergang'."""
    first = programme.sessions[0]
    parts = programme.parts
    when = (
        parts[0].date_text if len(parts) == 1 else f"{parts[0].date_text} – {parts[-1].date_text}"
    )
    places = {p.location for p in parts}
    return first.model_copy(
        update={
            "title": programme.title,
            "subtitle": programme.subtitle,
            "summary": "",
            "audience": "",  # the first workshop's, not the programme's
            "date_text": when,
            "has_clock": False,
            "location": places.pop() if len(places) == 1 else "",
            "labels": {**first.labels, "handout": programme.words["programme"]},
            "sources": [src for s in programme.sessions for src in s.sources],
            "series": "",
        }
    )


def _layout(
    programme: ComposedProgramme,
    part: str,
    numbers: dict[str, int],
    templates: Path | None,
    findings: list[str] | None,
) -> bytes:
    return render_document(
        TEMPLATE,
        binder_session(programme),
        templates,
        document="binder.pdf",
        extra={"programme": programme, "part": part, "numbers": numbers},
        findings=findings,
    )


def _pages(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _places(front: int, handouts: list[int], has_sources: bool) -> dict[str, int]:
    """Where each part starts, every one on an odd page."""
    numbers: dict[str, int] = {}
    page = front + 1
    for n, length in enumerate(handouts, 1):
        page += page % 2 == 0
        numbers[str(n)] = page
        page += length
    if has_sources:
        numbers["sources"] = page + (page % 2 == 0)
    return numbers


def _split(pdf: pikepdf.Pdf) -> int:
    """The front's length: the pages before the sources (``#binder-sources``)."""
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return len(pdf.pages)
    target = pikepdf.NameTree(names.Dests).get("binder-sources")
    if target is None:
        return len(pdf.pages)
    objects = [page.obj.objgen for page in pdf.pages]
    return objects.index(target[0].objgen)


def binder_pdf(
    programme: ComposedProgramme,
    handouts: list[bytes],
    templates: Path | None = None,
    findings: list[str] | None = None,
) -> Bound:
    """The binder: front, each handout on a right-hand page, the sources at the end.

    The front and the sources are one layout (cut where the sources begin); a second
    one only when the front turned out longer or shorter than guessed."""
    lengths = [_pages(h) for h in handouts]
    has_sources = any(s.sources for s in programme.sessions)
    numbers = _places(FRONT_GUESS, lengths, has_sources)
    for _ in range(MAX_PASSES):
        found: list[str] = []
        laid = pikepdf.open(io.BytesIO(_layout(programme, "both", numbers, templates, found)))
        front = _split(laid)
        real = _places(front, lengths, has_sources)
        if real == numbers:
            break
        numbers = real
    if findings is not None:
        findings.extend(found)
    opened = [pikepdf.open(io.BytesIO(h)) for h in handouts]  # open until bound
    pages = list(laid.pages)
    parts = [pages[:front], *(list(pdf.pages) for pdf in opened)]
    if has_sources:
        parts.append(pages[front:])
    return _bind(programme, parts, numbers)


def _bind(
    programme: ComposedProgramme, parts: list[list[pikepdf.Page]], numbers: dict[str, int]
) -> Bound:
    out = pikepdf.new()
    bound = Bound(b"", [numbers[str(n)] for n in range(1, len(programme.parts) + 1)], 0)
    bound.sources = numbers.get("sources", 0)
    titles = [f"{programme.words['session']} {p.number}: {p.title}" for p in programme.parts]
    titles.append(programme.words["sources"])
    marks: list[tuple[str, int]] = []
    for n, pages in enumerate(parts):
        if n and len(out.pages) % 2:
            blank_page(out, out.pages[-1])
            bound.blanks.append(len(out.pages) - 1)
        if n:
            marks.append((titles[n - 1], len(out.pages)))
        if n <= len(programme.parts):
            bound.covers.append(len(out.pages))
        out.pages.extend(pages)
    with out.open_outline() as outline:
        outline.root.extend(pikepdf.OutlineItem(title, page) for title, page in marks)
    out.docinfo["/Author"] = programme.sessions[0].facilitator or programme.client or "werkvorm"
    bound.pdf = save_pdf(out, programme.title)
    return bound


def personal_binders(
    programme: ComposedProgramme,
    bound: Bound,
    templates: Path | None = None,
    findings: list[str] | None = None,
) -> dict[str, bytes]:
    """Each participant's binder (by file stem): the binder with their name on every
    cover and in every footer; blank pages stay blank."""
    session = programme.sessions[0]
    if not session.participants:
        return {}
    copy = pikepdf.open(io.BytesIO(bound.pdf))
    names = handout_names(session, templates, findings, len(copy.pages))
    forget_names()
    pages = [p for i, p in enumerate(copy.pages) if i not in bound.blanks]
    covers = {i for i in bound.covers}
    kinds = [i in covers for i, _ in enumerate(copy.pages) if i not in bound.blanks]
    for page in pages:
        own_page(copy, page, 1)
    height = float(copy.pages[0].mediabox[3])
    out: dict[str, bytes] = {}
    for n, person in enumerate(session.participants):
        cover, footer = names.forms(copy, n, height)
        for page, is_cover in zip(pages, kinds, strict=True):
            set_forms(page, [cover if is_cover else footer])
        out[person.slug] = save_pdf(copy, quick=True)
    return out


def certificates_pdf(
    programme: ComposedProgramme, templates: Path | None = None, findings: list[str] | None = None
) -> bytes:
    """One programme certificate per participant who attended enough sessions: the
    sessions attended with their dates, and the hours in all."""
    extra: dict[str, Any] = {"programme": programme, "people": programme.qualified}
    return render_document(
        CERTIFICATE,
        binder_session(programme),
        templates,
        document="certificates.pdf",
        extra=extra,
        findings=findings,
    )


def binder_html(
    programme: ComposedProgramme, templates: Path | None = None, link: str = "{folder}/handout.html"
) -> str:
    """The binder's front and sources as one HTML page, the contents linking each
    session's handout (``link``: where it is, from the page; ``watch`` serves them
    beside it)."""
    from werkvorm.render.html import render

    numbers = _places(FRONT_GUESS, [0 for _ in programme.parts], False)
    links = {p.number: link.format(folder=p.folder) for p in programme.parts}
    return render(
        TEMPLATE,
        binder_session(programme),
        project_templates=templates,
        preview=True,
        extra={"programme": programme, "part": "preview", "numbers": numbers, "links": links},
    )
