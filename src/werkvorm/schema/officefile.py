"""An Office file from a client (a deck or a Word template), checked before anything
unpacks it: a zip, not a bomb, no part twice, the main part present, and no macros.

The deck renderer and the Word template reader share these checks; each names its own
kind of file in the messages.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from werkvorm.errors import TemplateError, display_path

MAX_MEMBERS = 2000
MAX_UNPACKED = 300_000_000
MAX_RATIO = 200


@dataclass(frozen=True)
class Kind:
    """How messages name the file: "a PowerPoint template", "PowerPoint presentation"."""

    template: str  # "a PowerPoint template"
    package: str  # "a PowerPoint presentation": what a zip without the main part is not
    files: str  # "a PowerPoint file (.pptx or .potx)": what a file that is no zip is not
    main_part: str  # "ppt/presentation.xml"
    resave: str  # what to do: "open it in PowerPoint and save it again as a template"


def read_zip(path: Path, kind: Kind) -> bytes:
    """The file's bytes when it is a zip at all."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{name} cannot be read: {exc.strerror}") from None
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise TemplateError(f"{name} is not {kind.files}: {kind.resave}")
    return raw


def check_members(name: str, members: list[zipfile.ZipInfo], kind: Kind) -> None:
    """Not a bomb, no part twice, and the parts every file of this kind has."""
    if len(members) > MAX_MEMBERS:
        raise TemplateError(
            f"{name} has {len(members)} parts; {kind.template} "
            f"has far fewer than {MAX_MEMBERS}: is it damaged?"
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise TemplateError(
            f"{name} would unpack to {total // 1_000_000} MB: too large for a template"
        )
    for m in members:
        if m.compress_size and m.file_size / m.compress_size > MAX_RATIO and m.file_size > 1e6:
            raise TemplateError(
                f"{name} contains a part ({m.filename}) that is "
                "compressed suspiciously well; refusing to unpack it"
            )
    names = [m.filename for m in members]
    if "[Content_Types].xml" not in names or kind.main_part not in names:
        raise TemplateError(f"{name} is a zip file but not {kind.package}")
    if len(set(names)) != len(names):
        raise TemplateError(f"{name} holds a part twice: {kind.resave}")


def is_macro_enabled(names: list[str], types: bytes) -> bool:
    """A VBA project inside, or a macro-enabled content type, whatever the file's name."""
    lowered = types.lower()
    return (
        any(n.lower().endswith("vbaproject.bin") for n in names)
        or b"macroenabled" in lowered
        or b"vbaproject" in lowered
    )


def retyped(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo], old: bytes, new: bytes) -> bytes:
    """The package again with one content type rewritten and every other byte kept (a
    template read as the document a library expects)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for m in members:
            data = zf.read(m.filename)
            if m.filename == "[Content_Types].xml":
                data = data.replace(old, new)
            zout.writestr(m, data)
    return out.getvalue()
