"""The page of werkvorm's own look (a template brings its own): the session's paper and
the handout's margins, and a footer with the title and "page x of y"."""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.shared import Mm

from werkvorm.compose.session import Session
from werkvorm.render.docx import styles
from werkvorm.render.paper import paper
from werkvorm.render.sentence import running_title

_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def text_width_mm(doc: Any) -> float:
    """The width text may take on the last section's page."""
    section = doc.sections[-1]
    width = (section.page_width or Mm(210)) - (section.left_margin or 0)
    return float((width - (section.right_margin or 0)) / Mm(1))


FOOTER_MM = 6  # what :func:`text_height_mm` keeps spare for a footer's line


def text_height_mm(doc: Any, spare: float = FOOTER_MM) -> float:
    """The height text may take on the last section's page, less ``spare`` (a footer's
    line: the estimates of what fits a page keep it)."""
    section = doc.sections[-1]
    height = (section.page_height or Mm(297)) - (section.top_margin or 0)
    return float((height - (section.bottom_margin or 0)) / Mm(1)) - spare


# A bold title's average letter is about half its size wide; a line is its size high.
_LETTER, _PT_MM = 0.52, 25.4 / 72


def cover_look(title: str, paper_key: str, *, guide: bool) -> styles.Cover:
    """The title's size: the largest (32 pt on the handout's cover, 24 pt on the guide's
    first page) at which it takes at most a third (a fifth in the guide) of the page's
    text height, so a 150-character title on A5 leaves the cover its name line."""
    p = paper(paper_key)
    height = p.height - p.top - p.bottom
    room = height / (5 if guide else 3)
    sizes = (24, 22, 20, 18, 16) if guide else (32, 28, 26, 24, 22, 20, 18, 16)
    for size in sizes:
        per_line = max(1, int(p.measure / (size * _PT_MM * _LETTER)))
        lines = -(-len(title) * 11 // (per_line * 10))  # words do not fill a line
        if lines * size * _PT_MM * 1.2 <= room:
            break
    before = 240 if guide else (1200 if height > 200 else 480)
    return styles.Cover(title_pt=size, before_twips=before)


def guide_paper(paper_key: str) -> str:
    """The guide is the trainer's document: an A5 kit's guide is A4, as guide.pdf."""
    return "a4" if paper_key == "a5" else paper_key


def own_page(doc: Any, session: Session, normal: str, *, cover: bool, paper_key: str) -> None:
    """The paper, its margins, and the footer: the session's title (shortened only to the
    room there is), the client's name in full, "page x of y"."""
    p = paper(paper_key)
    section = doc.sections[-1]
    section.page_width, section.page_height = Mm(p.width), Mm(p.height)
    section.top_margin, section.bottom_margin = Mm(p.top), Mm(p.bottom)
    section.left_margin, section.right_margin = Mm(p.inner), Mm(p.outer)
    section.header_distance, section.footer_distance = Mm(p.top / 2), Mm(p.bottom / 2)
    tab = round((p.width - p.inner - p.outer) * 56.7)  # twips
    footer_style = styles.add(
        doc,
        "paragraph",
        "Footer",
        f'<w:basedOn w:val="{normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:pPr><w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs>'
        '<w:spacing w:after="0"/></w:pPr>'
        '<w:rPr><w:color w:val="5A656C"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
        custom=False,
    )
    footer = section.footer
    footer.is_linked_to_previous = False
    line = footer.paragraphs[0]
    line.text = ""
    line._p.style = footer_style
    L = session.labels
    client = f"{session.client} · " if session.client else ""  # the name is never cut
    # All the room the name and "page 00 of 00" leave at the footer's 8 pt, cut after a
    # word, as the PDFs' running head ('' beside a name that takes the line). Measured in
    # Source Sans 3, wider than Calibri and LibreOffice's Carlito, so it stays one line.
    right = f"{client}{L['page']} 00 {L['of']} 00"
    line.add_run(running_title(session.title, right, p.measure))
    line.add_run("\t")
    line.add_run(f"{client}{L['page']} ")
    line._p.append(_field("PAGE"))
    line.add_run(f" {L['of']} ")
    line._p.append(_field("NUMPAGES"))
    if cover:  # the cover has no footer
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False


def _field(code: str) -> Any:
    return parse_xml(
        f'<w:fldSimple {_DECL} w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
