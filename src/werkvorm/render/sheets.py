"""What the evaluation form, the follow-up and the badges share: labels and one PDF path.

The labels come from the Session; any key a newer werkvorm added and an older or
regional label set lacks falls back to the language's built-in text, so these
documents never fail on a missing word.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkvorm.compose.labels import LABELS
from werkvorm.compose.session import Session
from werkvorm.render import html
from werkvorm.render.documents import allowed_folders
from werkvorm.resources import builtin_templates

if TYPE_CHECKING:
    from werkvorm.render.pdf import Layout


def with_labels(session: Session) -> Session:
    """``session`` with every built-in label present (its own labels win)."""
    base = LABELS["en" if session.language == "en" else "nl"]
    if base.keys() <= session.labels.keys():
        return session
    return session.model_copy(update={"labels": {**base, **session.labels}})


def sheet_html(
    template: str, session: Session, templates: Path | None, extra: dict[str, Any]
) -> str:
    return html.render(template, session, project_templates=templates, preview=False, extra=extra)


def layout(
    template: str, session: Session, templates: Path | None, extra: dict[str, Any]
) -> Layout:
    """Lay out one sheet (pages known, bytes not yet written)."""
    from werkvorm.render.pdf import layout as pdf_layout

    return pdf_layout(
        sheet_html(template, session, templates, extra),
        base_url=builtin_templates(),
        allowed=allowed_folders(session, templates),
        name=f"{template.split('.')[0]} for {session.workshop}",
    )
