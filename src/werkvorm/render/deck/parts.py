"""A client template keeps its masters and layouts and what they are drawn with; every
other part is dropped before python-pptx sees the file.

A template is a presentation: it can hold sample slides and their notes, embedded OLE
objects (a "Package" object is the classic way to ship an executable), ActiveX
controls, comments, custom XML, tags, a thumbnail. None of that belongs in a trainer's
deck, and a master or layout can reach any of it through a relationship (a "jump to
slide" hyperlink reaches a confidential sample slide). So the package is rewritten at
the zip level: each relationship of a kept part that leads to a part outside the allowed
kinds is removed, with the XML that used it (the hyperlink, the OLE frame, the control).
python-pptx loads only what relationships reach, so the dropped parts are never read
and never written.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

# The parts a deck may take from a template: the presentation and its settings, the
# masters, layouts and themes, the pictures and fonts they use, the document properties.
KEPT = re.compile(
    r"^(ppt/presentation\.xml|ppt/(presProps|viewProps|tableStyles)\.xml"
    r"|ppt/(slideMasters|slideLayouts|theme|notesMasters|handoutMasters)/[^/]+\.xml"
    r"|ppt/media/image[^/]*|ppt/fonts/[^/]+|docProps/(core|app)\.xml)$"
)
# A reference that goes with its own element; any other takes its whole shape along.
_ALONE = {
    f"{{{_A}}}hlinkClick",
    f"{{{_A}}}hlinkHover",
    f"{{{_A}}}hlinkMouseOver",
    f"{{{_P}}}sldId",
    f"{{{_P}}}control",
    f"{{{_P}}}tags",
    f"{{{_P}}}custData",
    f"{{{_P}}}custShowLst",
}
_SHAPES = {f"{{{_P}}}{n}" for n in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")}
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class Cleaned:
    """The rewritten package and what was left out of it (for ``check``)."""

    members: dict[str, bytes]
    dropped: list[str] = field(default_factory=list)


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _source_of(rels: str) -> str:
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _remove_users(xml: bytes, rids: set[str]) -> bytes:
    """The part's XML without the elements that used the dropped relationships."""
    root = etree.fromstring(xml, _SAFE)
    doomed = []
    for el in root.iter():
        if not any(k.startswith(f"{{{_R}}}") and v in rids for k, v in el.attrib.items()):
            continue
        victim = el
        if el.tag not in _ALONE:
            victim = next((a for a in el.iterancestors() if a.tag in _SHAPES), el)
        outer = next((a for a in victim.iterancestors(f"{{{_MC}}}AlternateContent")), None)
        doomed.append(outer if outer is not None else victim)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def keep_masters_and_layouts(zf: zipfile.ZipFile) -> Cleaned:
    """Every member of the template, with the relationships of kept parts that lead to
    any other part removed (and the XML that used them); a ValueError for XML that
    does not parse."""
    try:
        return _clean(zf)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"a part is not XML: {exc}") from None


def _clean(zf: zipfile.ZipFile) -> Cleaned:
    members = {m.filename: zf.read(m.filename) for m in zf.infolist()}
    cleaned = Cleaned(members=dict(members))
    for rels, data in members.items():
        if not rels.endswith(".rels"):
            continue
        package = rels == "_rels/.rels"  # the package's own: no XML uses its ids
        source = "" if package else _source_of(rels)
        if not package and (not KEPT.match(source) or source not in members):
            continue
        root = etree.fromstring(data, _SAFE)
        dropped = set()
        for rel in list(root):
            if rel.get("TargetMode") == "External":
                continue  # dropped by _oxml.drop_external_relationships, with its users
            target = _target(source, rel.get("Target", ""))
            if not KEPT.match(target):
                dropped.add(rel.get("Id", ""))
                cleaned.dropped.append(target)
                root.remove(rel)
        if dropped:
            cleaned.members[rels] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            if not package:
                cleaned.members[source] = _remove_users(members[source], dropped)
    return cleaned


def duplicate_names(data: bytes) -> list[str]:
    """Part names a zip holds more than once (never a valid package)."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
    return sorted({n for n in names if names.count(n) > 1})


_RISKY = re.compile(r"^ppt/(embeddings|activeX|slides|notesSlides|comments)/", re.I)
_KINDS = {
    "embeddings": "embedded objects (OLE)",
    "activex": "ActiveX controls",
    "slides": "sample slides",
    "notesslides": "their notes",
    "comments": "comments",
}


def left_out(data: bytes) -> list[str]:
    """What of a template's content a master or layout reached and the deck leaves out,
    in words ("embedded objects (OLE)", "ActiveX controls", "sample slides")."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        dropped = keep_masters_and_layouts(zf).dropped
    kinds = {m.group(1).lower() for m in map(_RISKY.match, dropped) if m}
    return [words for kind, words in _KINDS.items() if kind in kinds]
