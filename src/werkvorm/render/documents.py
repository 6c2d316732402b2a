"""The printed documents: handout and guide, Session → HTML → PDF."""

from __future__ import annotations

from pathlib import Path

from werkvorm.render import html
from werkvorm.resources import builtin_templates
from werkvorm.session import Session


def allowed_folders(session: Session, templates: Path | None) -> list[Path]:
    """The folders a document may read files from: the workshop's, the client's, templates."""

    folders = [Path(p) for p in session.asset_dirs] + [builtin_templates()]
    if templates:
        folders.append(templates)
    return folders


def handout_pdf(session: Session, templates: Path | None = None, participant: str = "") -> bytes:
    from werkvorm.render.pdf import render_pdf

    return render_pdf(
        html.handout_html(session, templates, participant=participant),
        base_url=builtin_templates(),
        allowed=allowed_folders(session, templates),
        name=f"handout for {session.workshop}",
    )


def guide_pdf(session: Session, templates: Path | None = None) -> bytes:
    from werkvorm.render.pdf import render_pdf

    return render_pdf(
        html.guide_html(session, templates),
        base_url=builtin_templates(),
        allowed=allowed_folders(session, templates),
        name=f"guide for {session.workshop}",
    )
