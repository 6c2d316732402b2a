"""Per participant: a personalised handout, certificates and a sign-in sheet.

Rendering a handout per participant costs a full layout each (about a second); instead
the handout and one certificate are laid out once, and each copy gets the participant's
name stamped on its pages (pikepdf, qpdf underneath) from small overlay documents. A
copy shares the original's fonts and structure tags, so it stays a tagged PDF.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from werkvorm.render.documents import render_document
from werkvorm.session import Session


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def save_pdf(pdf: pikepdf.Pdf, title: str | None = None) -> bytes:
    """The PDF's bytes, the same for the same content (fixed ids, no timestamps)."""
    if title is not None:
        pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    # Fixed ids and no timestamps: the same inputs give the same bytes.
    pdf.save(
        out,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return out.getvalue()


def _stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, overlay: pikepdf.Page) -> None:
    """Draw ``overlay`` over ``page``, with fixed names (pikepdf's own add_overlay picks
    random ones, which would make every build differ). The page gets its own content list
    and resources first: pages of one source often share them."""
    contents = page.obj.get("/Contents")
    page.obj.Contents = pikepdf.Array(
        list(contents)
        if isinstance(contents, pikepdf.Array)
        else [contents]
        if contents is not None
        else []
    )
    resources = page.obj.get("/Resources")
    own = (
        pikepdf.Dictionary({k: v for k, v in resources.items()})
        if isinstance(resources, pikepdf.Dictionary)
        else pikepdf.Dictionary()
    )
    xobjects = own.get("/XObject")
    own.XObject = (
        pikepdf.Dictionary({k: v for k, v in xobjects.items()})
        if isinstance(xobjects, pikepdf.Dictionary)
        else pikepdf.Dictionary()
    )
    own.XObject["/WerkvormStamp"] = pdf.copy_foreign(overlay.as_form_xobject())
    page.obj.Resources = own
    page.obj.Contents.insert(0, pdf.make_stream(b"q\n"))
    page.obj.Contents.append(pdf.make_stream(b"Q\nq /WerkvormStamp Do Q\n"))


class _Stamper:
    """Copies of one source's pages in ``target``, each stamped with its own overlay.

    The source pages are copied into ``target`` once, so their fonts and images are
    shared by all copies; each copy is a page dictionary of its own.
    """

    def __init__(self, target: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
        self.target = target
        self.pristine = [target.copy_foreign(page.obj) for page in source.pages]

    def stamp(self, index: int, overlay: pikepdf.Page) -> None:
        original = self.pristine[index]
        copy = pikepdf.Dictionary({k: v for k, v in original.items() if k != "/Parent"})
        self.target.pages.append(pikepdf.Page(self.target.make_indirect(copy)))
        _stamp(self.target, self.target.pages[-1], overlay)


def blank_page(pdf: pikepdf.Pdf, like: pikepdf.Page) -> None:
    """Append an empty page the size of ``like`` (so a duplex copy starts on a front)."""
    pdf.add_blank_page(page_size=(float(like.mediabox[2]), float(like.mediabox[3])))


def certificates_pdf(
    session: Session, templates: Path | None = None, findings: list[str] | None = None
) -> bytes:
    """One page per participant: one laid-out certificate, a name stamped on each copy.

    Certificates are printed one-sided (one page each), so they need no padding."""
    base = _open(
        render_document(
            "certificate.html.j2",
            session,
            templates,
            document="certificates.pdf",
            extra={"stamp": "base"},
            findings=findings,
        )
    )
    names = _open(
        render_document(
            "certificate.html.j2",
            session,
            templates,
            document="certificates.pdf (names)",
            extra={"stamp": "names"},
            findings=findings,
        )
    )
    out = pikepdf.new()
    stamper = _Stamper(out, base)
    for n in range(len(session.participants)):
        stamper.stamp(0, names.pages[n])
    out.docinfo["/Author"] = session.facilitator or session.trainer.name or "werkvorm"
    return save_pdf(out, f"{session.labels['certificate']}: {session.title}")


def signin_pdf(
    session: Session, templates: Path | None = None, findings: list[str] | None = None
) -> bytes:
    return render_document(
        "signin.html.j2", session, templates, document="sign-in.pdf", findings=findings
    )


def name_overlays(
    session: Session, templates: Path | None = None, findings: list[str] | None = None
) -> pikepdf.Pdf:
    """Two pages per participant: the name for the cover, the name for every other page."""
    return _open(
        render_document(
            "name-overlay.html.j2",
            session,
            templates,
            document="participants/*.pdf (names)",
            findings=findings,
        )
    )


def stamped_copy(handout: bytes, overlay: pikepdf.Pdf, n: int) -> pikepdf.Pdf:
    """A copy of ``handout`` with participant n's name (overlay pages 2n and 2n+1)."""
    copy = _open(handout)
    for p, page in enumerate(copy.pages):
        _stamp(copy, page, overlay.pages[2 * n + (0 if p == 0 else 1)])
    return copy


def personal_handouts(
    session: Session,
    handout: bytes,
    templates: Path | None = None,
    findings: list[str] | None = None,
) -> tuple[dict[str, bytes], bytes]:
    """Each participant's copy of ``handout`` (by file stem), and all of them in one PDF,
    each copy padded to an even page count so that, printed double-sided, every copy
    starts on the front of a sheet."""
    if not session.participants:
        return {}, b""
    if findings is not None:
        from werkvorm.render.fonts import missing_glyph_warnings

        people = session.participants
        findings.extend(missing_glyph_warnings([p.name for p in people]))
        findings.extend(missing_glyph_warnings([p.organisation for p in people if p.organisation]))
    overlay = name_overlays(session, templates, findings)
    base = _open(handout)
    copies: dict[str, bytes] = {}
    everyone = pikepdf.new()
    stamper = _Stamper(everyone, base)
    for n, person in enumerate(session.participants):
        copies[person.slug] = save_pdf(stamped_copy(handout, overlay, n))
        for p in range(len(base.pages)):
            stamper.stamp(p, overlay.pages[2 * n + (0 if p == 0 else 1)])
        if len(base.pages) % 2:
            blank_page(everyone, base.pages[-1])
    return copies, save_pdf(everyone, f"{session.title}: {len(copies)}")
