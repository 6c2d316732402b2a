"""The Word file around the content: the client's template (or werkvorm's own base)
opened clean, and the finished document saved with the same bytes for the same input.

A client's template keeps its styles, page size, margins, headers and footers; its
sample body, its links to outside files and any write protection go. werkvorm's own
base is python-docx's default document without the styles werkvorm defines itself
(those are added in werkvorm's look by :mod:`werkvorm.render.docx.styles`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from werkvorm.compose.session import Session
from werkvorm.errors import TemplateError, display_path
from werkvorm.schema.wordfile import read_word_template

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # the PDFs' and the deck's fixed moment
MAX_PROPERTY = 255
# Relationships of the body that die with the template's sample text when nothing else
# points at them (images, links, charts); styles, numbering, headers and such always stay.
_CONTENT_RELS = ("/image", "/hyperlink", "/oleObject", "/package", "/chart", "/diagram")


def open_document(session: Session) -> tuple[Any, bool]:
    """The document to write into, and whether it is werkvorm's own look (no template)."""
    import docx

    if not session.word_template:
        doc = docx.Document()
        _slim_default(doc)
        _clear_body(doc)
        return doc, True
    doc = open_template(Path(session.word_template))
    drop_external_relationships(doc)
    _clear_body(doc)
    _drop_unused_body_relationships(doc)
    _drop_old_styles(doc)
    _add_theme(doc)
    mark_decorative(doc)
    _unprotect(doc)
    return doc, False


def open_template(path: Path) -> Any:
    """The Word template as python-docx reads it, or a TemplateError naming the file."""
    import docx

    data = read_word_template(path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise TemplateError(
            f"{display_path(path)} cannot be opened as a Word template "
            f"({exc.__class__.__name__}): open it in Word and save it again as .dotx"
        ) from None


def external_links(doc: Any) -> list[str]:
    """Where the template's relationships point outside the file (for ``check``)."""
    return [
        str(rel.target_ref)
        for part in [doc.part.package, *doc.part.package.iter_parts()]
        for rel in part.rels.values()
        if rel.is_external
    ]


def drop_external_relationships(doc: Any) -> int:
    """Remove every relationship to a file or address outside the template (a linked
    picture, an attached template on a server, a tracking pixel) and what points at it:
    a hyperlink keeps its text, a linked picture its place, anything else goes."""
    dropped = 0
    package = doc.part.package
    for part in [package, *package.iter_parts()]:
        for rId, rel in list(part.rels.items()):
            if not rel.is_external:
                continue
            if part is not package:
                _unlink(part, rId)
            part.rels.pop(rId)
            dropped += 1
    return dropped


def _unlink(part: Any, rId: str) -> None:
    element: Any = getattr(part, "_element", None)
    parsed = element is None
    if parsed:
        try:
            element = etree.fromstring(part.blob)
        except etree.XMLSyntaxError:
            return
    for el in list(element.iter(etree.Element)):
        for attr, value in list(el.attrib.items()):
            if value != rId or not str(attr).startswith(f"{{{R_NS}}}"):
                continue
            parent = el.getparent()
            if el.tag == f"{{{W_NS}}}hyperlink" and parent is not None:
                index = parent.index(el)
                for child in reversed(list(el)):
                    parent.insert(index, child)
                parent.remove(el)
            elif el.tag.endswith("}blip") or parent is None:
                del el.attrib[attr]
            else:
                parent.remove(el)
    if parsed:
        part._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8")


_DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)


def mark_decorative(doc: Any) -> int:
    """A picture of the template without a description (a band, a logo in the header)
    is marked decorative, as Word's accessibility checker asks, so a screen reader skips
    it instead of reading out a file name."""
    marked = 0
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for doc_pr in element.iter(f"{{{WP_NS}}}docPr"):
            if doc_pr.get("descr", "").strip() or len(doc_pr):
                continue
            doc_pr.append(etree.fromstring(_DECORATIVE))
            marked += 1
    return marked


def _clear_body(doc: Any) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)


def _drop_unused_body_relationships(doc: Any) -> None:
    xml = etree.tostring(doc.element).decode()
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(_CONTENT_RELS) and f'"{rId}"' not in xml:
            doc.part.rels.pop(rId)


def _drop_old_styles(doc: Any) -> None:
    """Word 2010's second copy of the styles (stylesWithEffects) would no longer match
    styles.xml once werkvorm adds its own, and Word repairs a file where they differ;
    Word 2013 and later do not need it."""
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rId)


def _add_theme(doc: Any) -> None:
    """A theme where the template has none (LibreOffice saves such): Word expects one.
    python-docx's default theme, which only names fonts and colours for the theme slots."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    if any(rel.reltype == RT.THEME for rel in doc.part.rels.values()):
        return
    default = Path(docx_templates()) / "default.docx"
    with zipfile.ZipFile(default) as zf:
        blob = zf.read("word/theme/theme1.xml")
    taken = {str(p.partname) for p in doc.part.package.iter_parts()}
    name, n = "/word/theme/theme1.xml", 1
    while name in taken:
        n += 1
        name = f"/word/theme/theme{n}.xml"
    doc.part.relate_to(Part(PackURI(name), CT.OFC_THEME, blob, doc.part.package), RT.THEME)


def docx_templates() -> str:
    import docx

    return str(Path(docx.__file__).parent / "templates")


def _slim_default(doc: Any) -> None:
    """python-docx's default without what would mislead: a preview picture of another
    document, Word 2010's second copy of the old styles, a bibliography stub; and in
    the current file format, so Word does not open it in "Compatibility Mode"."""
    for setting in doc.settings.element.iter(f"{{{W_NS}}}compatSetting"):
        if setting.get(f"{{{W_NS}}}name") == "compatibilityMode":
            setting.set(f"{{{W_NS}}}val", "15")
    package = doc.part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rId)
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            doc.part.rels.pop(rId)


def _unprotect(doc: Any) -> None:
    """A document for clients who edit: no write or edit protection from the template."""
    settings = doc.settings.element
    for name in ("writeProtection", "documentProtection"):
        for el in settings.findall(f"{{{W_NS}}}{name}"):
            settings.remove(el)


# ---------------------------------------------------------------- metadata and saving


def moment(session: Session) -> dt.datetime:
    """The document's date: SOURCE_DATE_EPOCH when set, else the session's day, else a
    fixed moment; never the clock, so two builds agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.UTC)
    if session.date:
        day = dt.date.fromisoformat(session.date)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return _FIXED


def _short(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "…"


def set_metadata(doc: Any, session: Session, title: str, language: str) -> None:
    """Core properties: the title (screen readers announce it), language, fixed dates."""
    cp = doc.core_properties
    when = moment(session).replace(tzinfo=None)
    cp.title = _short(title)
    cp.subject = _short(session.client)
    cp.author = _short(session.facilitator or session.trainer.name or "werkvorm")
    cp.language = language
    cp.created = when
    cp.modified = when
    cp.last_modified_by = "werkvorm"
    cp.revision = 1
    for name in ("comments", "keywords", "category", "content_status", "identifier", "version"):
        setattr(cp, name, "")
    if cp.last_printed is not None:
        cp.last_printed = when


def _number_drawings(doc: Any) -> None:
    """Every drawing a different id across body, headers and footers (python-docx
    counts per part; Word wants them unique in the document)."""
    n = 0
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for doc_pr in element.iter(f"{{{WP_NS}}}docPr"):
            n += 1
            doc_pr.set("id", str(n))


def save(doc: Any, session: Session) -> bytes:
    """The document's bytes: python-docx's parts in its own stable order, each zip entry
    dated the document's moment (python-docx stamps the clock)."""
    _number_drawings(doc)
    raw = io.BytesIO()
    doc.save(raw)
    t = max(moment(session), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))  # zip dates start there
    stamp = (t.year, t.month, t.day, t.hour, t.minute, t.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        seen: set[str] = set()
        for member in zin.infolist():
            if member.filename in seen:  # never two entries of one name (Word repairs those)
                continue
            seen.add(member.filename)
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(member.filename))
    return out.getvalue()
