"""Opening a deck template safely, and saving a deck reproducibly.

A template is checked before python-pptx unpacks anything: a zip, not a bomb, a
PowerPoint presentation, and no macros. A .potx is read by rewriting its one content
type. After opening, the template's own sample slides and every external relationship
(a linked picture or tracking pixel) are removed, so nothing of another deck and
nothing that reaches out of the file ends up in the trainer's deck.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time
import zipfile
from pathlib import Path
from typing import Any

from werkvorm.errors import TemplateError, display_path
from werkvorm.render.deck import _oxml, parts
from werkvorm.resources import builtin_templates
from werkvorm.schema import officefile

MAX_PROPERTY = 255  # python-pptx refuses longer core properties
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
_FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # the same fixed moment as the PDFs (pdf.py)


def default_template() -> Path:
    return builtin_templates() / "deck.pptx"


POWERPOINT = officefile.Kind(
    template="a PowerPoint template",
    package="a PowerPoint presentation",
    files="a PowerPoint file (.pptx or .potx)",
    main_part="ppt/presentation.xml",
    resave="open it in PowerPoint and save it again as a template",
)


def read_template(path: Path) -> bytes:
    """The template's bytes as a .pptx, checked before python-pptx unpacks anything."""
    name = display_path(path)
    raw = officefile.read_zip(path, POWERPOINT)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = zf.infolist()
            officefile.check_members(name, members, POWERPOINT)
            types = zf.read("[Content_Types].xml")
            if officefile.is_macro_enabled([m.filename for m in members], types):
                raise TemplateError(
                    f"{name} is a macro-enabled template: save it as .potx without macros"
                )
            # Only masters, layouts and what they are drawn with (render/deck/parts.py);
            # python-pptx refuses .potx: its one content type is rewritten.
            kept = parts.keep_masters_and_layouts(zf).members
            kept["[Content_Types].xml"] = types.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for m in members:
                    zout.writestr(m, kept[m.filename])
            return out.getvalue()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise TemplateError(f"{name} is a damaged PowerPoint file ({exc})") from None


def open_template(path: Path) -> Any:
    """The template as a python-pptx Presentation, without its sample slides or any
    external relationship."""
    from pptx import Presentation

    data = read_template(path)
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:
        raise TemplateError(
            f"{display_path(path)} cannot be opened as a PowerPoint "
            f"template ({exc.__class__.__name__}): save it again from "
            "PowerPoint"
        ) from None
    return prs


def sanitise(prs: Any) -> None:
    """Remove the sample slides and every relationship that points outside the file."""
    _oxml.remove_sample_slides(prs)
    _oxml.drop_external_relationships(prs)


def _short(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "…"


def set_metadata(prs: Any, title: str, author: str, subject: str, language: str) -> None:
    """Core properties, fixed dates and at most 255 characters each."""
    cp = prs.core_properties
    cp.title = _short(title)
    cp.author = _short(author or "werkvorm")
    cp.subject = _short(subject)
    cp.language = language
    fixed = dt.datetime(*_FIXED_DATE)
    cp.created = fixed
    cp.modified = fixed
    cp.last_modified_by = "werkvorm"
    cp.revision = 1


def _zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        t = time.gmtime(max(int(epoch), 315532800))  # zip dates start in 1980
        return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    return _FIXED_DATE


def save(prs: Any) -> bytes:
    """The deck's bytes: the same bytes for the same input (fixed entry dates, the
    parts in python-pptx's own stable order)."""
    out = io.BytesIO()
    _oxml.save_with_fixed_dates(prs, out, _zip_date())
    doubled = parts.duplicate_names(out.getvalue())
    if doubled:  # never an invalid package: a part reached twice under one name
        raise TemplateError(
            f"the deck would hold {', '.join(doubled)} twice: the template links its parts "
            "in a way werkvorm cannot copy; save the template again from PowerPoint"
        )
    return out.getvalue()
