"""The printed documents: Session → HTML → laid-out pages → preflight → PDF bytes.

Every PDF werkvorm writes goes through ``render_document``: one place that knows which
folders a document may read, where the built-in templates are, and that collects the
preflight's findings for ``build`` and ``check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Required, TypedDict, Unpack

from werkvorm.compose.session import Session
from werkvorm.render import html
from werkvorm.render.logo import left_off
from werkvorm.render.paper import paper
from werkvorm.resources import builtin_templates

if TYPE_CHECKING:
    from werkvorm.render.pdf import Layout


def allowed_folders(session: Session, templates: Path | None) -> list[Path]:
    """The folders a document may read files from: the workshop's, the client's, templates."""

    folders = [Path(p) for p in session.asset_dirs] + [builtin_templates()]
    if templates:
        folders.append(templates)
    return folders


@dataclass(frozen=True)
class LayoutRequest:
    """Everything WeasyPrint gets for one document: what a memo keys it on, and what a
    layout worker process needs (plain values, picklable)."""

    html: str
    base_url: Path
    allowed: tuple[Path, ...]
    name: str  # "guide for spagaat", named in errors
    document: str  # "guide.pdf", named in preflight findings


class Where(TypedDict, total=False):
    """Which document a template makes: its file name as the trainer sees it (named in
    errors and findings), for whom, and what else its template gets."""

    document: Required[str]
    participant: str
    extra: dict[str, Any] | None


def layout_request(
    template: str, session: Session, templates: Path | None = None, **where: Unpack[Where]
) -> LayoutRequest:
    """The HTML and folders of one document, as :func:`render_document` lays it out."""
    document = where["document"]
    return LayoutRequest(
        html.render(
            template,
            session,
            project_templates=templates,
            preview=False,
            participant=where.get("participant", ""),
            extra=where.get("extra"),
        ),
        builtin_templates(),
        tuple(allowed_folders(session, templates)),
        f"{document.removesuffix('.pdf')} for {session.workshop}",
        document,
    )


def render_document(
    template: str,
    session: Session,
    templates: Path | None = None,
    *,
    findings: list[str] | None = None,
    tagged: bool = True,
    **where: Unpack[Where],
) -> bytes:
    """Lay out one template as a PDF; preflight findings (``document, page N: ...``) are
    appended to ``findings`` when given. ``document`` is the file name the trainer sees;
    ``tagged=False`` for a document that is only cut into name stamps.

    Inside a memo round (``watch`` only, see :mod:`werkvorm.render.memo`) a document
    whose HTML and readable files did not change reuses its layout, its bytes and its
    findings."""
    from werkvorm.render.preflight import preflight

    document = where["document"]
    if template == "handout.html.j2":
        laid_out = handout_layout(
            session,
            templates,
            document=document,
            participant=where.get("participant", ""),
            extra=where.get("extra"),
        )
    else:
        laid_out = _laid_out(template, session, templates, **where)
    if findings is not None:
        if document not in laid_out.findings:  # kept with a layout watch's memo keeps
            laid_out.findings[document] = preflight(laid_out.document, document)
        findings.extend(laid_out.findings[document])
    return laid_out.write(tagged)


def _laid_out(
    template: str, session: Session, templates: Path | None, **where: Unpack[Where]
) -> Layout:
    from werkvorm.render.pdf import layout

    request = layout_request(template, session, templates, **where)
    return layout(
        request.html, base_url=request.base_url, allowed=request.allowed, name=request.name
    )


def handout_layout(
    session: Session,
    templates: Path | None = None,
    *,
    document: str = "handout.pdf",
    participant: str = "",
    extra: dict[str, Any] | None = None,
) -> Layout:
    """The handout laid out, and again where a worksheet landed badly (render/flow.py):
    ``check`` measures the pages of exactly this layout."""
    from werkvorm.render.flow import Flow, settle

    def lay_out(plan: dict[str, Flow]) -> Layout:
        return _laid_out(
            "handout.html.j2",
            session,
            templates,
            document=document,
            participant=participant,
            extra={**(extra or {}), "plan": plan},
        )

    laid: Layout = settle(lay_out, session)
    return laid


def handout_pdf(
    session: Session,
    templates: Path | None = None,
    participant: str = "",
    findings: list[str] | None = None,
) -> bytes:
    data = render_document(
        "handout.html.j2",
        session,
        templates,
        document="handout.pdf",
        participant=participant,
        findings=findings,
    )
    cover = html.COVER.get(session.paper, html.COVER["a4"])
    box = (paper(session.paper).measure * 0.45, cover["logo_h"])  # the cover's logo box
    message = left_off(session.branding.logo, *box, "handout.pdf")
    if findings is not None and message:  # the cover prints the name (render/logo.py)
        findings.append(message)
    return data


def guide_pdf(
    session: Session, templates: Path | None = None, findings: list[str] | None = None
) -> bytes:
    return render_document(
        "guide.html.j2", session, templates, document="guide.pdf", findings=findings
    )
