"""Session → HTML for the handout, the guide and the browser preview (Jinja2).

Templates are found along an ordered list of folders (MkDocs style): the project's own
``templates/`` first, then the built-in ones, which are also reachable as
``builtin/<name>`` so a trainer's template can extend the built-in one and change a
single block. Autoescaping is on for every template whatever its suffix, undefined
variables fail, and a project's own templates run in Jinja's sandbox.
"""

from __future__ import annotations

import base64
import math
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from werkvorm.compose.colours import contrast, tint
from werkvorm.compose.session import Session
from werkvorm.errors import TemplateError
from werkvorm.render import fonts
from werkvorm.render.flow import block_flow
from werkvorm.render.guidecard import whole_card, whole_runsheet, whole_slides
from werkvorm.render.imagemeta import without_metadata
from werkvorm.render.logo import logo_box
from werkvorm.render.paper import MM, paper
from werkvorm.render.qr import (
    address_breaks,
    common_box,
    qr_address,
    qr_markup,
    short_address,
    url_breaks,
)
from werkvorm.render.sentence import running_continued, running_title
from werkvorm.render.typography import (
    materials_lines,
    neutral_goal,
    place_name,
    safe_url,
    shorten,
    to_html,
    to_inline_html,
    worksheet_summary,
)
from werkvorm.resources import builtin_templates


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
    env.filters["qr"] = qr_markup  # render/qr.py: a size, or a list's one symbol size
    env.globals["qr_size"] = lambda sources: common_box([src.url for src in sources])
    env.filters["shorten"] = shorten
    env.filters["neutral"] = neutral_goal
    env.filters["safe_url"] = safe_url
    env.filters["place"] = place_name
    env.globals["materials_lines"] = materials_lines
    env.globals["worksheet_summary"] = worksheet_summary
    env.globals["whole_card"] = whole_card  # render/guidecard.py: a short card never splits
    env.globals["whole_runsheet"] = whole_runsheet  # a short run sheet never splits
    env.globals["whole_slides"] = whole_slides
    env.filters["url_breaks"] = url_breaks  # breaks at / . - ? & # = (render/qr.py)
    env.filters["address"] = lambda url: address_breaks(short_address(url))  # under a QR code
    env.filters["qr_address"] = qr_address  # beside a QR code: no scheme, the host whole
    env.globals["logo_box"] = logo_box  # render/logo.py: a tall or coarse logo's place
    env.filters["dir"] = fonts.direction
    env.globals["fit"] = fonts.fit_size
    env.globals["running_title"] = (
        running_title  # render/sentence.py: fills the head, cut at a word
    )
    env.globals["running_continued"] = running_continued  # a worksheet's head, the same rule
    env.globals["fits"] = fonts.fits
    env.globals["bundled"] = lambda text: all(map(fonts.bundled_covers, text.replace(" ", "")))
    return env


# The cover by paper (mm and pt): where the logo, the title block and the name line go.
COVER: dict[str, dict[str, float]] = {
    "a4": {"logo_top": 22, "logo_h": 24, "main_top": 72, "title_max": 34, "title_min": 20,
           "sub": 15, "meta": 11.5, "th": 28, "gap": 8, "name_bottom": 28},
    "a5": {"logo_top": 15, "logo_h": 17, "main_top": 44, "title_max": 25, "title_min": 16,
           "sub": 12.5, "meta": 10, "th": 21, "gap": 6, "name_bottom": 18},
    "letter": {"logo_top": 20, "logo_h": 24, "main_top": 66, "title_max": 34, "title_min": 20,
               "sub": 15, "meta": 11.5, "th": 28, "gap": 8, "name_bottom": 26},
}  # fmt: skip


def title_size(title: str, width_mm: float, largest: float, smallest: float) -> float:
    """The cover title's size: the largest that sets ``title`` in at most three lines."""
    size = largest
    while size > smallest and fonts.text_width(title, size, 700) > 3 * 0.85 * width_mm * MM:
        size -= 1
    return size


def slide_numbers(session: Session) -> dict[str, int]:
    """Each item's first slide as the deck numbers them: slide 1 is the title,
    then the agenda (nine lines a slide), then per block a section slide, its own slides
    and an exercise slide, and one slide per break. A slide that had to continue on a
    second slide in the deck is counted once, so numbers are a guide, not a promise."""
    rows = len(session.items) + 1
    number = 1 + math.ceil(rows / 9)  # the title slide and the agenda slides
    numbers: dict[str, int] = {}
    for item in session.items:
        numbers[item.id] = number + 1
        number += 1 if item.kind == "break" else 1 + len(item.slides) + bool(item.exercise)
    return numbers


PALE = 3.0  # under this contrast on white a brand colour is a fill, never text or a rule
INK = "#22272b"  # the body text colour: text and rules where the brand colour is pale


def brand_colours(session: Session) -> dict[str, str]:
    """The CSS colour variables. A brand colour under 3:1 on white (pale yellow) is used
    only as a fill (``--fill``, ``--tint``: a yellow panel with dark text on it), while
    text, rules, bars and bullets take the dark ink; a colour that reads keeps its role
    (its text shade darkened to 4.5:1 where needed). ``--on-fill`` is the text on a
    ``--fill`` band: ink on a light fill, white on a dark one."""
    b = session.branding
    pale = contrast(b.primary) < PALE
    pale_accent = contrast(b.accent) < PALE
    return {
        "--primary": INK if pale else b.primary,
        "--fill": b.primary,
        "--on-fill": INK if contrast(b.primary, INK) >= contrast(b.primary) else "#ffffff",
        "--accent": INK if pale_accent else b.accent,
        "--text-primary": INK if pale else b.text,
        "--accent-text": INK if pale_accent else b.accent_text,
        "--tint": b.primary if pale else tint(b.primary, 0.9),
        "--tint-strong": "#b9c1c6" if pale else tint(b.primary, 0.75),
    }


def brand_css(session: Session) -> str:
    """Page size and colours; every value here was validated (#RRGGBB, a paper name)."""
    p = paper(session.paper)
    colours = " ".join(f"{k}: {v};" for k, v in brand_colours(session).items())
    return (
        f"@page {{ size: {p.css}; }}\n"
        f"@media print {{ .cover {{ height: {p.height}mm; }}\n"
        f"  .keep-third {{ height: {p.keep_third}mm;"
        f" margin-bottom: -{p.keep_third}mm; }} }}\n"
        f":root {{ {p.css_vars()} {colours} }}\n"
    )


def _data_uri(path: str) -> str:
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    data = without_metadata(Path(path).read_bytes())  # a photo's GPS stays home
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


@contextmanager
def template_errors(template: str) -> Iterator[None]:
    """A template's mistakes (missing, bad syntax, unsafe, undefined) as a TemplateError
    naming the file and line, never a Jinja traceback."""
    try:
        yield
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
    with template_errors(template):
        tpl = env.get_template(template)
        return tpl.render(
            s=session,
            L=session.labels,
            participant=participant,
            preview=preview,
            brand_css=Markup(brand_css(session)),
            P=paper(session.paper),
            cover=COVER.get(session.paper, COVER["a4"]),
            slide_no=slide_numbers(session),
            flow=lambda item: block_flow(item, paper(session.paper)),
            title_size=title_size,
            # inlined for the PDFs too: WeasyPrint names an image by its URL, so a file
            # path would make the same kit differ byte for byte in another folder
            asset=_data_uri,
            **(extra or {}),
        )


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
