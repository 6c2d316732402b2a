"""Session → HTML for the handout, the guide and the browser preview (Jinja2).

Templates are found along an ordered list of folders (MkDocs style): the project's own
``templates/`` first, then the built-in ones, which are also reachable as
``builtin/<name>`` so a trainer's template can extend the built-in one and change a
single block. Autoescaping is on for every template whatever its suffix, undefined
variables fail, and a project's own templates run in Jinja's sandbox.
"""

from __future__ import annotations

import base64
import mimetypes
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from werkvorm.colours import tint
from werkvorm.errors import TemplateError
from werkvorm.render.qr import qr_svg, url_breaks
from werkvorm.render.text import to_html, to_inline_html
from werkvorm.resources import builtin_templates
from werkvorm.session import Session

PAPER = {"a4": "A4", "a5": "A5", "letter": "letter"}
PAPER_HEIGHT = {"a4": "297mm", "a5": "210mm", "letter": "279.4mm"}
# About a third of the writing area: a block starts on a new page below this much room.
KEEP_THIRD = {"a4": "85mm", "a5": "55mm", "letter": "80mm"}


@lru_cache(maxsize=8)
def environment(project_templates: str | None) -> jinja2.Environment:
    builtin = builtin_templates()
    loaders: list[jinja2.BaseLoader] = []
    override = Path(project_templates).resolve() if project_templates else None
    own = override is not None and override.is_dir() and override != builtin
    if own:
        loaders.append(jinja2.FileSystemLoader(str(override)))
    loaders.append(jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(builtin))}))
    loaders.append(jinja2.FileSystemLoader(str(builtin)))
    options: dict[str, Any] = {
        "loader": jinja2.ChoiceLoader(loaders),
        "autoescape": True,  # not select_autoescape: it would miss .html.j2
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    env: jinja2.Environment = (
        ImmutableSandboxedEnvironment(**options) if own else jinja2.Environment(**options)
    )
    env.filters["md"] = lambda text: Markup(to_html(text))
    env.filters["md_inline"] = lambda text: Markup(to_inline_html(text))
    env.filters["qr"] = lambda url: Markup(qr_svg(url))  # QR codes and URLs: render/qr.py
    env.filters["url_breaks"] = url_breaks
    return env


def brand_css(session: Session) -> str:
    """Page size and colours; every value here was validated (#RRGGBB, a paper name)."""
    b = session.branding
    return (
        f"@page {{ size: {PAPER[session.paper]}; }}\n"
        f"@media print {{ .cover {{ height: {PAPER_HEIGHT[session.paper]}; }}\n"
        f"  .keep-third {{ height: {KEEP_THIRD[session.paper]};"
        f" margin-bottom: -{KEEP_THIRD[session.paper]}; }} }}\n"
        f":root {{ --primary: {b.primary}; --accent: {b.accent}; --text-primary: {b.text};"
        f" --accent-text: {b.accent_text};"
        f" --tint: {tint(b.primary, 0.9)}; --tint-strong: {tint(b.primary, 0.75)}; }}\n"
    )


def _data_uri(path: str) -> str:
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def _file_uri(path: str) -> str:
    return Path(path).as_uri() if path else ""


def render(
    template: str,
    session: Session,
    *,
    project_templates: Path | None,
    preview: bool,
    participant: str = "",
    extra: dict[str, Any] | None = None,
) -> str:
    """Render one document template. ``preview`` inlines images for a standalone file."""
    env = environment(str(project_templates) if project_templates else None)
    try:
        tpl = env.get_template(template)
        return tpl.render(
            s=session,
            L=session.labels,
            participant=participant,
            preview=preview,
            brand_css=Markup(brand_css(session)),
            asset=_data_uri if preview else _file_uri,
            **(extra or {}),
        )
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' not found in templates/") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{exc.filename or exc.name}:{exc.lineno}  template syntax: {exc.message}"
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"template '{template}' tried something unsafe: {exc}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template '{template}': {exc.message}") from None


def handout_html(
    session: Session,
    project_templates: Path | None = None,
    *,
    preview: bool = False,
    participant: str = "",
) -> str:
    return render(
        "handout.html.j2",
        session,
        project_templates=project_templates,
        preview=preview,
        participant=participant,
    )


def guide_html(session: Session, project_templates: Path | None = None) -> str:
    return render("guide.html.j2", session, project_templates=project_templates, preview=False)
