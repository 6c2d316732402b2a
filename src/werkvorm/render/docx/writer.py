"""Writing a document's content: styled paragraphs, Markdown, links, tables, pictures,
lines to write on and boxes to tick. Every piece gets a style from :class:`Styles`;
text is set through python-docx, which escapes it, never through XML strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from werkvorm.render.docx import pages
from werkvorm.render.docx.numbering import Lists
from werkvorm.render.docx.pages import CHAR_EM
from werkvorm.render.docx.styles import Styles
from werkvorm.render.typography import inline_tokens, safe_url, tokens

WHOLE_LIST = 5  # items: a list this short stays on one page; a longer one keeps two together
# items: a list in running text (Markdown) this short stays whole; a longer one keeps two
# together at each end, so that a page turn in it leaves no item alone
WHOLE_RUNNING = 3
TICK_BOX = "☐"  # U+2610 BALLOT BOX: a box to tick that stays a character when edited
_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

Cell = str | tuple[str, str]  # text, or (text, character style name)
_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


class Writer:
    """Appends content to the body of one document."""

    def __init__(
        self, doc: Any, styles: Styles, text_width_mm: float, text_height_mm: float = 250
    ) -> None:
        self.doc = doc
        self.styles = styles
        self.width = text_width_mm
        self.height = text_height_mm
        self.lists = Lists(doc)
        self._page_break = False
        self._inside: list[Any] = []  # the box being written into
        self._groups: list[list[Any]] = []  # the paragraphs of each open together()

    # ------------------------------------------------------------ paragraphs

    def new_page(self) -> None:
        """The next paragraph starts a new page."""
        self._page_break = True

    @contextmanager
    def box(self, caption: str) -> Iterator[None]:
        """What is written inside goes into a box (a one-cell table in the box style):
        paragraphs, lists and all, so the box holds when the client edits inside it."""
        table = self._add_table(1, 1)
        table._tbl.tblPr.style = self.styles.box
        self._full_width(table, caption)
        self._unsplit(table)
        with self._into(table.cell(0, 0)):
            yield

    @contextmanager
    def unbroken(self) -> Iterator[None]:
        """What is written inside stays on one page (it must fit on one): it goes into a
        one-cell table without borders or margins whose row cannot break across pages.
        Word and LibreOffice both move such a row whole to the next page; LibreOffice
        keeps no "Keep with next" from inside a table (the exercise box) nor over a long
        chain of paragraphs (a worksheet)."""
        table = self._add_table(1, 1)
        width = table._tbl.tblPr.find(qn("w:tblW"))
        width.set(qn("w:type"), "pct")
        width.set(qn("w:w"), "5000")
        sides = "".join(f'<w:{side} w:val="nil"/>' for side in _SIDES)
        margins = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in _SIDES[:4])
        for xml in reversed(  # after the width, in the order the schema sets
            (
                f'<w:tblInd {_DECL} w:w="0" w:type="dxa"/>',
                f"<w:tblBorders {_DECL}>{sides}</w:tblBorders>",
                f"<w:tblCellMar {_DECL}>{margins}</w:tblCellMar>",
            )
        ):
            width.addnext(parse_xml(xml))
        self._unsplit(table)
        with self._into(table.cell(0, 0)):
            yield

    @contextmanager
    def _into(self, cell: Any) -> Iterator[None]:
        """What is written inside goes into table cell ``cell``."""
        self._inside.append(cell)
        try:
            yield
        finally:
            self._inside.pop()
        if len(cell.paragraphs) > 1 and cell._tc.index(cell.paragraphs[0]._p) == 1:
            cell._tc.remove(cell.paragraphs[0]._p)  # the cell's own empty first paragraph
        if cell._tc[-1].tag == qn("w:tbl"):  # a cell ends with a paragraph
            cell.add_paragraph()

    def _add_table(self, rows: int, cols: int) -> Any:
        """A new table in the body, or in the cell being written into (with no empty
        paragraph after it: what follows in the cell, or the cell's last one, serves)."""
        if not self._inside:
            body = self.doc.element.body
            last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else body[-1]
            if last.tag == qn("w:tbl"):  # two tables in a row would join into one
                self.spacer()
            return self.doc.add_table(rows=rows, cols=cols)
        cell = self._inside[-1]
        table = cell.add_table(rows, cols)
        cell._tc.remove(cell.paragraphs[-1]._p)
        return table

    @contextmanager
    def together(self, keep: bool = True) -> Iterator[list[Any]]:
        """What is written inside stays on one page where it fits on one: each of its
        paragraphs (table rows included) kept with the next, as Word's "Keep with next"
        does; the last one is free. Yields the paragraphs, for :meth:`keep`
        (``keep=False``: only gathers them)."""
        group: list[Any] = []
        self._groups.append(group)
        try:
            yield group
        finally:
            self._groups.pop()
        for p in group[:-1] if keep else []:
            self.keep(p)

    @staticmethod
    def keep(p: Any) -> None:
        """Paragraph ``p`` stays on the page of the next one (pagination only: the look
        stays the style's)."""
        p.paragraph_format.keep_with_next = True

    def _grouped(self, p: Any) -> None:
        for group in self._groups:
            group.append(p)

    def para(self, style: str = "Normal", text: str = "", container: Any = None) -> Any:
        container = container or (self._inside[-1] if self._inside else None)
        p = (container or self.doc).add_paragraph()
        p._p.style = self.styles[style]
        self._grouped(p)
        if self._page_break and container is None:
            p.paragraph_format.page_break_before = True
            self._page_break = False
        if text:
            self.run(p, text)
        return p

    def spacer(self) -> Any:
        """An empty paragraph one point high: what keeps two tables apart (Word joins
        tables that touch) without the gap of an empty line of text."""
        return self.para("Table Spacer")

    def heading(self, level: int, text: str) -> Any:
        return self.para(f"Heading {level}", text)

    def run(self, p: Any, text: str, style: str = "", parent: Any = None) -> Any:
        """A run of plain text (a tab and a line break stay what they are)."""
        if parent is None:
            r = p.add_run(text)
        else:
            r = Run(OxmlElement("w:r"), p)
            parent.append(r._r)
            r.text = text
        if style:
            r._r.style = self.styles[style]
        return r

    def link(self, p: Any, url: str, text: str) -> Any:
        """A hyperlink around ``text`` (only http(s) and mailto addresses become links)."""
        hyperlink = self._open_link(p, url)
        return self.run(p, text, "Hyperlink" if hyperlink is not None else "", parent=hyperlink)

    # ------------------------------------------------------------ Markdown

    def inline(self, p: Any, text: str, *, italic: bool = False) -> None:
        """One line of Markdown into paragraph ``p``: bold, italic and links as styles
        (``italic``: all of it in Emphasis, as speaker notes)."""
        self._children(p, inline_tokens(text), italic=italic)

    def _children(self, p: Any, children: Sequence[Any], *, italic: bool = False) -> None:
        bold, base = False, italic
        hyperlink = None
        for child in children:
            kind = child.type
            if kind in ("strong_open", "strong_close"):
                bold = kind == "strong_open"
            elif kind in ("em_open", "em_close"):
                italic = base or kind == "em_open"
            elif kind == "link_open":
                hyperlink = self._open_link(p, str(child.attrGet("href") or ""))
            elif kind == "link_close":
                hyperlink = None
            elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
                text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, child.content)
                style = "Hyperlink" if hyperlink is not None else ""
                style = style or ("Strong" if bold else "Emphasis" if italic else "")
                r = self.run(p, text, style, parent=hyperlink)
                if bold and (italic or hyperlink is not None):
                    r.bold = True  # a second emphasis where one style serves
                if italic and style != "Emphasis":
                    r.italic = True

    def _open_link(self, p: Any, href: str) -> Any:
        url = safe_url(href)
        if not url:
            return None
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), p.part.relate_to(url, RT.HYPERLINK, is_external=True))
        hyperlink.set(qn("w:history"), "1")
        p._p.append(hyperlink)
        return hyperlink

    def markdown(
        self, text: str, style: str = "Normal", *, start: int = 0, stop: int | None = None
    ) -> None:
        """Block Markdown: paragraphs in ``style``, lists in List Bullet and List Number
        (each numbered list starting at its own first number). ``start``, ``stop``: only
        those of its top-level blocks (a paragraph, a list), as in a slice. Kept on one
        page, as handout.pdf keeps them: a paragraph with the list straight after it
        (a lead-in such as "**Klaarzetten.**" never ends a page alone), a list of up to
        :data:`WHOLE_RUNNING` items whole, a longer one two items at each end where the
        end item is one line (an item of three lines may end or open a page alone)."""
        lists: list[str] = []  # per open list: "" for bullets, else its list id
        at = -1
        written: dict[int, list[Any]] = {}  # per top-level block: its paragraphs
        is_list: dict[int, bool] = {}
        for token in tokens(text):
            if token.level == 0 and token.nesting >= 0:
                at += 1  # a top-level block starts (or is, as a rule)
            if not (start <= at and (stop is None or at < stop)):
                continue
            if token.level == 0 and token.nesting >= 0:
                is_list[at] = token.type in ("bullet_list_open", "ordered_list_open")
            if token.type == "bullet_list_open":
                lists.append("")
            elif token.type == "ordered_list_open":
                first = int(str(token.attrs.get("start", 1)))
                abstract = self.styles.number_abstract
                lists.append(self.lists.add_list(abstract, first) if abstract else "-")
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "inline":
                if not lists:
                    p = self.para(style)
                elif lists[-1] == "":
                    p = self.para("List Bullet")
                else:
                    p = self.para("List Number")
                    if lists[-1] != "-":
                        self._number(p, lists[-1])
                self._children(p, token.children or [])
                written.setdefault(at, []).append(p)
        for n, paragraphs in written.items():
            if is_list.get(n + 1) and not is_list[n] and n + 1 in written:
                self.keep(paragraphs[-1])  # a lead-in, with the list's first item
            if not is_list[n]:
                continue
            self.end_list(paragraphs[-1])
            if len(paragraphs) <= WHOLE_RUNNING:
                ends = paragraphs[:-1]
            else:  # an item of one line is not left alone; a longer one may be
                first, last = paragraphs[0], paragraphs[-1]
                ends = [p for p, q in ((first, first), (paragraphs[-2], last)) if self.one_line(q)]
            for item in ends:
                self.keep(item)

    def end_list(self, p: Any) -> None:
        """A list's last item ``p`` with a paragraph's space after it, not an item's: a
        paragraph straight after the list was set 3 pt under it, as close as the items
        are to each other, and read as an item without a bullet (review 7)."""
        est = pages.Pages(self.doc, self.width, self.height)
        after = est.look(self.styles["Normal"]).after
        if after > est.look(est.style(p._p)).after:
            p.paragraph_format.space_after = Pt(after)

    def one_line(self, p: Any) -> bool:
        """Whether paragraph ``p`` likely sets on one line of body text."""
        em = self.styles.body_pt * 25.4 / 72
        return len(p.text) * em * CHAR_EM <= self.width - 10  # the list's indent, a margin

    @staticmethod
    def blocks(text: str) -> int:
        """How many top-level blocks (paragraphs, lists) Markdown ``text`` has."""
        return sum(1 for t in tokens(text) if t.level == 0 and t.nesting >= 0)

    def _number(self, p: Any, num_id: str) -> None:
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(num_id)

    def bullets(self, lines: Sequence[str], style: str = "List Bullet", end: bool = True) -> None:
        """A list, its last item with a paragraph's space after it (:meth:`end_list`);
        ``end=False``: a part of a list, more items follow."""
        p = None
        for line in lines:
            p = self.para(style)
            self.inline(p, line)
        if p is not None and end:
            self.end_list(p)

    # ------------------------------------------------------------ worksheets

    def writing_lines(self, count: int) -> None:
        """Lines to write on: empty paragraphs whose style draws a rule under each, so
        typing on one keeps it a line."""
        for _ in range(count):
            self.para("Writing Line")

    def checklist(self, items: Sequence[str]) -> None:
        for item in items:
            p = self.para("Checklist")
            self.run(p, TICK_BOX, "Checkbox")
            self.run(p, "\t")
            self.inline(p, item)

    # ------------------------------------------------------------ tables

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        *,
        caption: str,
        widths: Sequence[float] = (),
        row_height_mm: float = 0,
    ) -> Any:
        """A table in the document's table style; the first row is its header, marked as
        such (repeated on every page, announced by screen readers)."""
        table = self._add_table(len(rows) + 1, len(header))
        table._tbl.tblPr.style = self.styles.table
        self._full_width(table, caption)
        for row, cells in zip(table.rows, [list(header), *rows], strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                text, style = (value, "") if isinstance(value, str) else value
                if text:
                    self.run(cell.paragraphs[0], text, style)
        header_row = table.rows[0]._tr.get_or_add_trPr()
        header_row.append(parse_xml(f"<w:tblHeader {_DECL}/>"))
        self._unsplit(table)
        for row in table.rows:
            self._grouped(row.cells[0].paragraphs[0])
        if row_height_mm:
            for row in table.rows[1:]:
                row.height = Mm(row_height_mm)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if widths:
            self._widths(table, widths)
        return table

    @staticmethod
    def _unsplit(table: Any) -> None:
        """No row breaks across two pages (a worksheet's row to write in, the box)."""
        for row in table.rows:
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {_DECL}/>"))

    def _full_width(self, table: Any, caption: str) -> None:
        """The table across the text width, with its caption for screen readers."""
        tbl_pr = table._tbl.tblPr
        width = tbl_pr.find(qn("w:tblW"))
        if width is not None:
            width.set(qn("w:type"), "pct")
            width.set(qn("w:w"), "5000")
        described = OxmlElement("w:tblCaption")
        described.set(qn("w:val"), caption[:255])
        tbl_pr.append(described)

    def _widths(self, table: Any, widths: Sequence[float]) -> None:
        """Column widths: a positive number is millimetres (a clock time, a number), a
        negative one a share of what is left (titles, materials). Fixed columns give up
        room only on a narrow page, where they would take more than 70 % of it."""
        grow = max(1.0, self.styles.body_pt / 10.5)
        widths = [x * grow if x > 0 else x for x in widths]
        fixed = sum(x for x in widths if x > 0)
        shares = -sum(x for x in widths if x < 0)
        shrink = min(1.0, 0.7 * self.width / fixed) if fixed else 1.0
        rest = self.width - fixed * shrink
        table.autofit = False  # the widths hold, in Word and in LibreOffice
        for column, spec in zip(table.columns, widths, strict=True):
            mm = spec * shrink if spec > 0 else rest * -spec / shares
            column.width = Mm(mm)
            for cell in column.cells:
                cell.width = Mm(mm)

    # ------------------------------------------------------------ pictures

    def picture(self, path: str, alt: str, width_mm: float, height_mm: float) -> Any:
        """A picture in its own paragraph, ``width_mm`` by ``height_mm``, with its
        alternative text for screen readers."""
        # PNG, JPEG, GIF as they are (a JPEG without its metadata: a photo's GPS stays
        # home); a WebP (python-docx reads none) or a photo on its side as an upright PNG
        from werkvorm.render.deck._oxml import picture_stream

        stream, width_mm, height_mm = trimmed(picture_stream(path), width_mm, height_mm)
        p = self.para("Normal")
        shape = p.add_run().add_picture(stream, Mm(width_mm), Mm(height_mm))
        for side in ("distT", "distB", "distL", "distR"):  # else LibreOffice sets it 9 pt in
            shape._inline.set(side, "0")
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt[:255])
        return p


def trimmed(stream: Any, width_mm: float, height_mm: float) -> tuple[Any, float, float]:
    """A picture with a transparent margin at its sides (a logo's padding, which set it
    4.5 to 9 pt inside the text column, review 9) cut to what it shows, at the size that
    part had; above and below it stays, the cover's room under the logo. The stream and
    its width and height in mm. Any other picture as it is."""
    import io

    from PIL import Image

    data = stream.getvalue()
    with Image.open(io.BytesIO(data)) as im:
        if "A" not in im.mode and "transparency" not in im.info:
            return stream, width_mm, height_mm
        rgba = im.convert("RGBA")
    shows = rgba.getchannel("A").getbbox()
    wide, high = rgba.size
    if shows is None or (shows[0], shows[2]) == (0, wide):
        return stream, width_mm, height_mm
    left, right = shows[0], shows[2]  # the sides only: the room above and below stays
    out = io.BytesIO()
    rgba.crop((left, 0, right, high)).save(out, "PNG")
    out.seek(0)
    return out, width_mm * (right - left) / wide, height_mm
