"""Where the body of a Word document is likely to end, page by page: an estimate of how
Word and LibreOffice lay it out, from each paragraph's style (its size, line spacing,
space before and after, indent) and each table's rows, with "Keep with next" and rows
that cannot break honoured. Word stores no page breaks, so this is what tells the
handout how many lines for notes still fit under its closing (:func:`end`).

Measured against LibreOffice on the library's and the awkward project's 20 handouts
(A4, A5, Letter, a client template): 173 of 226 first-level headings (77 %) are on the
page it estimates; a wrong page comes from a row that fits, or just does not, at the
foot of a page. It is an estimate: what depends on it must hold when it is off (the
notes try it 3 % shorter and taller, and are a row that moves whole, never a few
lines alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

PT_MM = 25.4 / 72
LINE = 1.22  # a line of Calibri (Carlito) at single spacing, in ems
EM_PER_CHAR = 0.47  # the average width of a character of body text, in ems
ROW_MM = 1.5  # a table row's cell margins and rules
SHORT_MM = 30  # a paragraph shorter than this moves whole (widow and orphan control)
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@dataclass
class Look:
    """What sets a paragraph style's height: in points, and the indent in mm."""

    size: float = 11.0
    before: float = 0.0
    after: float = 0.0
    line: float | None = None  # points, exactly or at least
    multiple: float = 1.0  # of a single line, where ``line`` is None
    indent: float = 0.0
    keep: bool = False


class Pages:
    """Estimates for one document: its text area and its styles' looks."""

    def __init__(self, doc: Any, width_mm: float, height_mm: float, scale: float = 1) -> None:
        self.doc = doc
        self.scale = scale
        self.width = width_mm
        self.height = height_mm
        self._looks: dict[str | None, Look] = {}
        self._by_id = {style.style_id: style for style in doc.styles}
        self._default = 11.0
        found = doc.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:sz')}")
        if found is not None:
            self._default = int(found.get(qn("w:val"))) / 2

    def look(self, style_id: str | None) -> Look:
        """The look of a paragraph style, what it leaves unset taken from its base."""
        if style_id in self._looks:
            return self._looks[style_id]
        style = self._by_id.get(style_id) if style_id else self.doc.styles.default(1)
        chain = []
        while style is not None:
            chain.append(style)
            style = style.base_style
        look = Look(size=self._default)
        set_: set[str] = set()

        def take(name: str, value: Any) -> bool:
            """Whether ``value`` sets ``name``, which no style nearer set."""
            if name in set_ or value is None:
                return False
            set_.add(name)
            return True

        for st in chain:  # the style first, then what it is based on
            pf, font = st.paragraph_format, st.font
            if take("size", font.size):
                look.size = font.size.pt
            if take("before", pf.space_before):
                look.before = pf.space_before.pt
            if take("after", pf.space_after):
                look.after = pf.space_after.pt
            if take("line", pf.line_spacing):
                if isinstance(pf.line_spacing, float):
                    look.multiple = pf.line_spacing
                else:
                    look.line = pf.line_spacing.pt
            if take("indent", pf.left_indent):
                look.indent = pf.left_indent.mm
            if take("keep", pf.keep_with_next):
                look.keep = bool(pf.keep_with_next)
        if "after" not in set_ or "line" not in set_:  # the document's defaults
            spacing = self.doc.styles.element.find(
                f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}//{qn('w:spacing')}"
            )
            if spacing is not None:
                if "after" not in set_ and spacing.get(qn("w:after")) is not None:
                    look.after = int(spacing.get(qn("w:after"))) / 20
                if "line" not in set_ and spacing.get(qn("w:line")) is not None:
                    look.multiple = int(spacing.get(qn("w:line"))) / 240
        self._looks[style_id] = look
        return look

    def paragraph(self, p: Any, width: float) -> tuple[float, bool, bool]:
        """A paragraph's height in mm at ``width``; whether it is kept with the next;
        whether it starts a page."""
        ppr = p.pPr
        style = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        look = self.look(style)
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        line = look.line if look.line is not None else look.size * LINE * look.multiple
        per_line = max(1, int((width - look.indent) / (look.size * PT_MM * EM_PER_CHAR)))
        lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        picture = max(
            (int(extent.get("cy")) / 36000 for extent in p.iter(f"{_WP}extent")), default=0.0
        )
        height = ((look.before + look.after + lines * line) * PT_MM + picture) * self.scale
        keep = look.keep
        if ppr is not None and ppr.keepNext is not None:
            keep = ppr.keepNext.val is not False
        starts = ppr is not None and ppr.pageBreakBefore is not None
        return height, keep, starts

    def rows(self, table: Any, width: float) -> list[float]:
        """The height in mm of each row of ``table`` at ``width``."""
        heights = []
        for tr in table.findall(qn("w:tr")):
            least = 0.0
            tr_pr = tr.find(qn("w:trPr"))
            found = tr_pr.find(qn("w:trHeight")) if tr_pr is not None else None
            if found is not None:
                least = int(found.get(qn("w:val"))) / 20 * PT_MM
            cells = tr.findall(qn("w:tc"))
            tallest = 0.0
            for tc in cells:
                cell = width / max(1, len(cells))
                set_width = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
                if set_width is not None and set_width.get(qn("w:type")) == "dxa":
                    cell = int(set_width.get(qn("w:w"))) / 20 * PT_MM
                tallest = max(tallest, sum(self.element(child, cell - 3) for child in tc))
            heights.append(max(least, tallest + ROW_MM))
        return heights

    def element(self, el: Any, width: float) -> float:
        if el.tag == qn("w:p"):
            return self.paragraph(el, width)[0]
        if el.tag == qn("w:tbl"):
            return sum(self.rows(el, width))
        return 0.0


@dataclass
class Piece:
    """One element of the body: its height (a table's rows), how it breaks."""

    rows: list[float]
    keep: bool  # kept with the next ("Keep with next")
    starts: bool  # starts a page ("Page break before")
    whole: bool  # cannot break: a one-row table that cannot split, a short paragraph


def pieces(pages: Pages) -> list[Piece]:
    found = []
    for el in pages.doc.element.body:
        if el.tag == qn("w:p"):
            height, keep, starts = pages.paragraph(el, pages.width)
            found.append(Piece([height], keep, starts, height < SHORT_MM))
        elif el.tag == qn("w:tbl"):
            rows = pages.rows(el, pages.width)
            found.append(Piece(rows, False, False, len(rows) == 1))
    return found


def end(doc: Any, width_mm: float, height_mm: float, scale: float = 1) -> tuple[int, float]:
    """The page the body of ``doc`` (so far) ends on, and how far down it, in mm, with
    every paragraph ``scale`` times as tall as estimated."""
    flow = pieces(Pages(doc, width_mm, height_mm, scale))
    page, y = 1, 0.0
    for i, piece in enumerate(flow):
        if piece.starts and y > 0:
            page, y = page + 1, 0.0
        chain, j = sum(piece.rows), i  # what "Keep with next" holds on this page with it
        while flow[j].keep and j + 1 < len(flow):
            j += 1
            chain += sum(flow[j].rows) if flow[j].whole else flow[j].rows[0]
        if y > 0 and y + chain > height_mm >= chain:
            page, y = page + 1, 0.0
        if len(piece.rows) > 1:  # a table breaks between its rows
            for row in piece.rows:
                if y > 0 and y + row > height_mm:
                    page, y = page + 1, 0.0
                y += row
            continue
        height = piece.rows[0]
        if y > 0 and y + height > height_mm and piece.whole:
            page, y = page + 1, 0.0
        y += height
        while y > height_mm:  # a long paragraph runs on
            page, y = page + 1, y - height_mm
    return page, y
