"""A Word template (``word_template:``), checked before anything unpacks it.

A template must be a zip, not a bomb, a Word document or template, and without macros:
a ``.dotm``/``.docm`` is refused, and so is a file that only pretends to be a ``.dotx``
(it holds a VBA project or a macro-enabled content type). A ``.dotx`` is returned as a
document: its one main content type rewritten, every other byte kept, so a library that
reads only documents opens it. Loading checks the file here (so a bad template is an
error at its line in the client file); the DOCX renderer reads it here again.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from werkvorm.errors import TemplateError, display_path
from werkvorm.schema import officefile

MAX_BYTES = 100_000_000
SUFFIXES = (".dotx", ".docx")
MACRO_SUFFIXES = (".dotm", ".docm")
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
TEMPLATE_TYPE = f"{_WML}.template.main+xml".encode()
DOCUMENT_TYPE = f"{_WML}.document.main+xml".encode()
WORD = officefile.Kind(
    template="a Word template",
    package="a Word document or template",
    files="a Word file",
    main_part="word/document.xml",
    resave="open it in Word and save it again as a Word template (.dotx)",
)
MACRO_MESSAGE = (
    "is a macro-enabled Word template: open it in Word and save it as a Word "
    "template (.dotx) without macros"
)


def read_word_template(path: Path) -> bytes:
    """The template's bytes as a Word document (.docx), or a TemplateError that names
    the file and says what to do."""
    name = display_path(path)
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise TemplateError(f"{name} {MACRO_MESSAGE}")
    if path.suffix.lower() not in SUFFIXES:
        raise TemplateError(
            f"{name} is not a Word template: give a .dotx (or a .docx) saved from Word"
        )
    try:
        too_large = path.stat().st_size > MAX_BYTES
    except OSError as exc:
        raise TemplateError(f"{name} cannot be read: {exc.strerror}") from None
    if too_large:
        raise TemplateError(f"{name} is larger than 100 MB: too large for a Word template")
    raw = officefile.read_zip(path, WORD)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = zf.infolist()
            officefile.check_members(name, members, WORD)
            types = zf.read("[Content_Types].xml")
            if officefile.is_macro_enabled([m.filename for m in members], types):
                raise TemplateError(f"{name} {MACRO_MESSAGE}")
            if TEMPLATE_TYPE in types:
                return officefile.retyped(zf, members, TEMPLATE_TYPE, DOCUMENT_TYPE)
            if DOCUMENT_TYPE not in types:
                raise TemplateError(f"{name} is a zip file but not {WORD.package}")
            return raw
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, KeyError) as exc:
        raise TemplateError(f"{name} is a damaged Word file ({exc})") from None
