"""Where the body of a Word document is likely to end, page by page: an estimate of how
Word and LibreOffice lay it out, from each paragraph's style (its size, line spacing,
space before and after, indent) and each table's rows, with "Keep with next" and rows
that cannot break honoured. Word stores no page breaks, so this is what tells the
handout how many lines for notes still fit under its closing (:func:`end`).

As LibreOffice sets a Word document: between two paragraphs, the larger of the space
after the first and before the second, not their sum (12 pt, not 20, between a caption
and a question); a paragraph that opens a page as the text runs on leaves its space
before out, one after a page break keeps it.

Measured against LibreOffice on the library's and the awkward project's 20 handouts
(A4, A5, Letter, a client template): 205 of 226 first-level headings (91 %) are on the
page it estimates (196 with the spaces summed, and a table whose rows are all kept with
the next one split like any other, as LibreOffice does not); a wrong page comes from a
row that
fits, or just does not, at the foot of a page. It is an estimate: what depends on it
must hold when it is off (the notes try it 3 % shorter and taller, are a row that moves
whole, never a few lines alone, and set the closing to open a page only where the row
before it leaves room to spare).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

PT_MM = 25.4 / 72
CHAR_EM = 0.41  # the average width of a character of body text (Calibri), in ems
LINE = 1.22  # a line of Calibri (Carlito) at single spacing, in ems
RULE_MM = 0.5  # a table row's rules
WIDOW = 2  # lines: a paragraph breaks over a page leaving at least this many on each
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
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
    keep: bool = False  # with the next paragraph
    lines: bool = False  # its lines together
    border: float = 0.0  # points its bottom border adds (the rule's width and space)


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
            if take("lines", pf.keep_together):
                look.lines = bool(pf.keep_together)
            bottom = st.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
            drawn = bottom is not None and bottom.get(qn("w:val")) not in ("nil", "none")
            if drawn and take("border", bottom):
                look.border = int(bottom.get(qn("w:sz"), "0")) / 8 + int(
                    bottom.get(qn("w:space"), "0")
                )
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

    def paragraph(
        self, p: Any, width: float, above: float = 0
    ) -> tuple[list[float], bool, bool, bool]:
        """A paragraph's lines at ``width``, each one's height in mm (the first with the
        space before, the last with the space after); whether it is kept with the next;
        whether its lines are kept together; whether it starts a page. ``above``: the
        space after the paragraph before, in mm (:meth:`before`); after a page break
        there is none."""
        ppr = p.pPr
        style = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        look = self.look(style)
        starts = ppr is not None and ppr.pageBreakBefore is not None
        above = 0.0 if starts else above
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        line = look.line if look.line is not None else look.size * LINE * look.multiple
        per_line = max(1, int((width - look.indent) / (look.size * PT_MM * CHAR_EM)))
        lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        picture = max(
            (int(extent.get("cy")) / 36000 for extent in p.iter(f"{_WP}extent")), default=0.0
        )
        rows = [line * PT_MM * self.scale] * lines
        rows[0] += (self.before(p, above) + picture) * self.scale
        rows[-1] += self.after(p)  # not look.border: what the estimate was measured without
        keep = look.keep
        if ppr is not None and ppr.keepNext is not None:
            keep = ppr.keepNext.val is not False
        return rows, keep, look.lines or picture > 0, starts

    def margins(self, table: Any) -> float:
        """The cell margins above and below a row of ``table``, in mm: its own, else its
        table style's."""
        found = table.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if found is None and style is not None:
            defined = self._by_id.get(style.get(qn("w:val")))
            if defined is not None:
                found = defined.element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        if found is None:
            return 0.0
        sides = (found.find(qn(f"w:{side}")) for side in ("top", "bottom"))
        return sum(int(side.get(qn("w:w"))) / 20 * PT_MM for side in sides if side is not None)

    def rows(self, table: Any, width: float) -> list[float]:
        """The height in mm of each row of ``table`` at ``width``."""
        heights = []
        margins = self.margins(table) + RULE_MM
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
                tallest = max(tallest, self.cell(tc, cell - 3))
            heights.append(max(least, tallest + margins))
        return heights

    def cell(self, tc: Any, width: float) -> float:
        """The height in mm of what table cell ``tc`` holds."""
        total, above = 0.0, 0.0
        for child in tc:
            if child.tag == qn("w:p"):
                rows = self.paragraph(child, width, above)[0]
                total, above = total + sum(rows), self.after(child)
            elif child.tag == qn("w:tbl"):
                total, above = total + sum(self.rows(child, width)), 0.0
        return total

    def style(self, p: Any) -> str | None:
        ppr = p.pPr
        return ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None

    def before(self, p: Any, above: float = 0) -> float:
        """The space paragraph ``p`` adds above itself, in mm (unscaled), after a
        paragraph with ``above`` mm (scaled) after it: of the two, the larger is kept, as
        LibreOffice sets a Word document (measured: 12 pt, not 20, between a caption with
        8 pt after and a question with 12 pt before)."""
        space = self.look(self.style(p)).before * PT_MM
        return max(0.0, space - min(above / self.scale, space))

    def after(self, p: Any) -> float:
        """The space after paragraph ``p``, in mm, as set (``scale`` times): its own,
        else its style's."""
        ppr = p.pPr
        own = ppr.spacing_after if ppr is not None else None
        after = own.pt if own is not None else self.look(self.style(p)).after
        return after * PT_MM * self.scale

    def kept(self, tr: Any) -> bool:
        """Whether table row ``tr`` is kept with the next ("Keep with next" on its first
        paragraph): a table whose rows all are (a worksheet's) moves whole."""
        first = tr.find(f"{qn('w:tc')}/{qn('w:p')}")
        if first is None:
            return False
        ppr = first.pPr
        if ppr is not None and ppr.keepNext is not None:
            return ppr.keepNext.val is not False
        return self.look(self.style(first)).keep

    def element(self, el: Any, width: float) -> float:
        if el.tag == qn("w:p"):
            return sum(self.paragraph(el, width)[0])
        if el.tag == qn("w:tbl"):
            return sum(self.rows(el, width))
        return 0.0


@dataclass
class Piece:
    """One element of the body: its lines (a paragraph) or rows (a table), how it
    breaks."""

    rows: list[float]
    keep: bool  # kept with the next ("Keep with next")
    starts: bool  # starts a page ("Page break before")
    whole: bool  # cannot break: a one-row table that cannot split, lines kept together
    lines: bool  # a paragraph: breaks leaving at least WIDOW lines on either page
    lead: float = 0.0  # mm of space before it, which a page it opens leaves out

    def start(self) -> float:
        """What of it must be on the page where it starts."""
        if self.whole:
            return sum(self.rows)
        return sum(self.rows[:WIDOW]) if self.lines else self.rows[0]


@dataclass
class Place:
    page: int  # from 1
    top: float  # mm from the top of the text area
    height: float  # mm


def pieces(pages: Pages) -> list[Piece]:
    found = []
    above = 0.0
    for el in pages.doc.element.body:
        if el.tag == qn("w:p"):
            rows, keep, together, starts = pages.paragraph(el, pages.width, above)
            lead = pages.before(el, 0.0 if starts else above) * pages.scale
            above = pages.after(el)
            whole = together or len(rows) < 2 * WIDOW
            found.append(Piece(rows, keep, starts, whole, True, lead))
        elif el.tag == qn("w:tbl"):
            rows = pages.rows(el, pages.width)
            above = 0.0
            kept = all(pages.kept(tr) for tr in el.findall(qn("w:tr"))[:-1])
            whole = len(rows) == 1 or (kept and sum(rows) <= pages.height)
            found.append(Piece(rows, False, False, whole, False))
    return found


class Filling:
    """Pieces set on pages, one after the other (the page being filled, and how far)."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.page, self.y = 1, 0.0

    def turn(self) -> None:
        self.page, self.y = self.page + 1, 0.0

    def set(self, piece: Piece, then: float) -> Place:
        """Set ``piece`` (with ``then`` mm of what it is kept with after it)."""
        if piece.starts and self.y > 0:
            self.turn()
        over = self.y > 0 and self.y + sum(piece.rows) + then > self.height
        if over and (piece.whole or piece.start() + then > self.height - self.y):
            self.turn()  # it, or its start with what it is kept with, does not fit
        place = Place(self.page, self.y, sum(piece.rows))
        rows = list(piece.rows)
        least = WIDOW if piece.lines else 1
        lead = piece.lead if self.page > 1 and not piece.starts else 0.0
        while rows:
            if (
                self.y == 0 and lead
            ):  # a page it opens (no break before) leaves out its space before
                rows[0], lead = rows[0] - lead, 0.0
            room = self.height - self.y
            if sum(rows) <= room or piece.whole:
                self.y += sum(rows)
                break
            fits, total = 0, 0.0
            for row in rows:
                if total + row > room:
                    break
                fits, total = fits + 1, total + row
            if piece.lines and len(rows) - fits < WIDOW:
                fits = len(rows) - WIDOW  # a widow's line goes over with the next
            if fits < least:
                if self.y == 0:  # a line taller than a page: it goes on all the same
                    fits = 1
                else:
                    if place.top == self.y and place.page == self.page:
                        place = Place(self.page + 1, 0.0, place.height)
                    self.turn()
                    continue
            self.y += sum(rows[:fits])
            rows, lead = rows[fits:], 0.0
            self.turn()
        while self.y > self.height:  # a row taller than a page
            self.page, self.y = self.page + 1, self.y - self.height
        return place


def line_mm(doc: Any, style_id: str, width_mm: float, border: bool = False) -> float:
    """How tall a paragraph of one line in style ``style_id`` sets, in mm; ``border``:
    with its bottom border's rule and space, as LibreOffice sets it (a writing line is
    27 pt apart, not 25.5). The page estimate leaves the border out: its rules (the
    notes' spare line, :data:`handout.SURE_MM`) were measured without."""
    from docx.oxml import parse_xml

    xml = f'<w:p xmlns:w="{_W}"><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr></w:p>'
    pages = Pages(doc, width_mm, 0)
    rule = pages.look(style_id).border * PT_MM if border else 0.0
    return sum(pages.paragraph(parse_xml(xml), width_mm)[0]) + rule


def places(doc: Any, width_mm: float, height_mm: float, scale: float = 1) -> list[Place]:
    """Where each element of the body of ``doc`` starts (page, mm from the top of the
    text area) and how tall it is, with every paragraph ``scale`` times as tall as
    estimated."""
    flow = pieces(Pages(doc, width_mm, height_mm, scale))
    filling = Filling(height_mm)
    found = []
    for i, piece in enumerate(flow):
        then, j = 0.0, i  # what "Keep with next" holds on its page with it
        while flow[j].keep and j + 1 < len(flow):
            j += 1
            then += flow[j].start() if not flow[j].keep else sum(flow[j].rows)
        found.append(filling.set(piece, then))
    found.append(Place(filling.page, filling.y, 0))
    return found


def end(doc: Any, width_mm: float, height_mm: float, scale: float = 1) -> tuple[int, float]:
    """The page the body of ``doc`` (so far) ends on, and how far down it, in mm, with
    every paragraph ``scale`` times as tall as estimated."""
    last = places(doc, width_mm, height_mm, scale)[-1]
    return last.page, last.top
