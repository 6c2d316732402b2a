"""Per participant: a personalised handout, certificates and a sign-in sheet.

Rendering a handout per participant costs a full layout each (about a second); instead
the handout is laid out once and each copy gets the participant's name stamped on its
pages (pypdf), from one small overlay document with two pages per participant.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from werkvorm.render import html
from werkvorm.render.documents import allowed_folders
from werkvorm.session import Session


def _pdf(template: str, session: Session, templates: Path | None, name: str) -> bytes:
    from werkvorm.render.pdf import render_pdf

    return render_pdf(
        html.render(template, session, project_templates=templates, preview=False),
        base_url=html.builtin_templates(),
        allowed=allowed_folders(session, templates),
        name=name,
    )


def certificates_pdf(session: Session, templates: Path | None = None) -> bytes:
    return _pdf("certificate.html.j2", session, templates, f"certificates for {session.workshop}")


def signin_pdf(session: Session, templates: Path | None = None) -> bytes:
    return _pdf("signin.html.j2", session, templates, f"sign-in sheet for {session.workshop}")


def personal_handouts(
    session: Session, handout: bytes, templates: Path | None = None
) -> tuple[dict[str, bytes], bytes]:
    """Each participant's copy of ``handout`` (by file stem), and all of them in one PDF."""
    if not session.participants:
        return {}, b""
    overlay = PdfReader(
        io.BytesIO(
            _pdf("name-overlay.html.j2", session, templates, f"name labels for {session.workshop}")
        )
    )
    copies: dict[str, bytes] = {}
    everyone = PdfWriter()
    for n, person in enumerate(session.participants):
        writer = PdfWriter(clone_from=io.BytesIO(handout))
        for p, page in enumerate(writer.pages):
            page.merge_page(overlay.pages[2 * n + (0 if p == 0 else 1)])
            page.compress_content_streams()
        out = io.BytesIO()

        writer.write(out)
        copies[person.slug] = out.getvalue()
        everyone.append(PdfReader(io.BytesIO(copies[person.slug])))
    everyone.add_metadata({"/Title": f"{session.title}: {len(copies)}"})
    merged = io.BytesIO()
    everyone.write(merged)
    return copies, merged.getvalue()
