"""List numbering: werkvorm's bullets and numbers where the template has no list styles,
and a numbered list that starts again at its own first number.

In numbering.xml every list definition (``w:abstractNum``) comes before every list
(``w:num``); new ones are inserted where the schema wants them, with the next free ids.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECL = f'xmlns:w="{W_NS}"'


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _level(fmt: str, text: str, font: str = "") -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
    return (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>'
        f"{rpr if font else ''}</w:lvl>"
    )


def _numbering_part(doc: Any) -> Any:
    """The document's numbering part; a new, empty one when the template has none
    (python-docx cannot make one itself)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        return doc.part.part_related_by(RT.NUMBERING)
    except KeyError:
        pass
    taken = {str(p.partname) for p in doc.part.package.iter_parts()}
    name, n = "/word/numbering.xml", 1
    while name in taken:
        n += 1
        name = f"/word/numbering{n}.xml"
    element = parse_xml(f"<w:numbering {_DECL}/>")
    part = NumberingPart(PackURI(name), CT.WML_NUMBERING, element, doc.part.package)
    doc.part.relate_to(part, RT.NUMBERING)
    return part


class Lists:
    """The document's numbering part, for adding list definitions and lists."""

    def __init__(self, doc: Any) -> None:
        self.root = _numbering_part(doc).element

    def _next(self, tag: str, attr: str) -> int:
        used = [int(el.get(_w(attr))) for el in self.root.findall(_w(tag))]
        return max(used, default=0) + 1

    def _add_abstract(self, level: str) -> str:
        aid = str(self._next("abstractNum", "abstractNumId"))
        abstract = parse_xml(
            f'<w:abstractNum {_DECL} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="singleLevel"/>{level}</w:abstractNum>'
        )
        nums = self.root.findall(_w("num"))
        cleanup = self.root.find(_w("numIdMacAtCleanup"))
        if nums:
            nums[0].addprevious(abstract)
        elif cleanup is not None:
            cleanup.addprevious(abstract)
        else:
            self.root.append(abstract)
        return aid

    def add_list(self, abstract_id: str, start: int | None = None) -> str:
        """A new list on a definition (``start``: begin again at this number)."""
        nid = str(self._next("num", "numId"))
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            if start is not None
            else ""
        )
        num = parse_xml(
            f'<w:num {_DECL} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{override}</w:num>"
        )
        cleanup = self.root.find(_w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.root.append(num)
        return nid

    def add_bullets(self) -> str:
        return self.add_list(self._add_abstract(_level("bullet", "•")))

    def add_numbers(self) -> str:
        return self.add_list(self._add_abstract(_level("decimal", "%1.")))

    def abstract_of_style(self, style: Any) -> str:
        """The list definition a paragraph style numbers with ('' when it does not)."""
        if style is None:
            return ""
        found = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        if found is None:
            return ""
        nid = found.get(_w("val"))
        for num in self.root.findall(_w("num")):
            if num.get(_w("numId")) == nid:
                abstract = num.find(_w("abstractNumId"))
                return str(abstract.get(_w("val"))) if abstract is not None else ""
        return ""
