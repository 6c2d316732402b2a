"""The participant handout as a Word document: the same content as handout.pdf (cover,
programme with clock times, blocks with their exercises and worksheets, takeaways,
sources, lines for notes), every part in a style the client can change."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn

from werkvorm.compose.session import Session, SessionItem, SessionSource, WorksheetEntry
from werkvorm.render.docx.page import text_height_mm
from werkvorm.render.docx.writer import TICK_BOX, WHOLE_LIST, Cell, Writer
from werkvorm.render.flow import TRIM, Flow
from werkvorm.render.logo import logo_box
from werkvorm.render.typography import shorten, tokens

HEADING_MM = 14  # a Heading 1 with the room above and below it
LOGO_HEIGHT_MM = 24
OPENING_ITEMS = 3  # of a long checklist, kept with the exercise box
ROOM = 0.95  # of the page: what an estimate may fill and still be kept on one page
# of the page: what the estimate of a whole block with a tightened worksheet may fill
# (the estimates run 5 to 30 % over what LibreOffice sets)
STRETCH = 1.08
# of the page: an exercise box with its worksheet this tall leaves no room for its
# block's heading and intro on its page, so they end the page before or fill one alone
NEARLY = 0.85


def write(w: Writer, s: Session) -> None:
    cover(w, s)
    programme(w, s)
    for item in s.blocks:
        block(w, s, item)
    first = len(body(w))
    closing(w, s)
    notes(w, s, first)


def body(w: Writer) -> list[Any]:
    """The paragraphs and tables of the document's body so far."""
    return [el for el in w.doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"))]


def owner(s: Session) -> str:
    """Whose document it is: the client, else the trainer's organisation or name."""
    return s.client or s.trainer.organisation or s.trainer.name


def cover(w: Writer, s: Session) -> None:
    L = s.labels
    logo = logo_box(s.branding.logo, w.width * 0.45, LOGO_HEIGHT_MM)
    if logo.show and logo.width:  # never coarser than 200 ppi, as on handout.pdf
        alt = f"Logo {owner(s)}" if owner(s) else "Logo"
        w.picture(s.branding.logo, alt, logo.width, logo.height)
    elif owner(s):  # no logo, or one too coarse to print: the name
        w.run(w.para("Normal"), owner(s), "Strong")
    w.para("Block Details", L["handout"])
    w.para("Title", s.title)
    if s.subtitle:
        w.para("Subtitle", s.subtitle)
    when = s.date_text + (f", {s.start}–{s.end}" if s.date_text and s.has_clock else "")
    for label, value in (
        (L["date"], when),
        (L["location"], s.location),
        (L["facilitator"], s.facilitator),
        (L["audience"], s.audience),
    ):
        if value:
            p = w.para("Normal")
            w.run(p, f"{label}: ", "Strong")
            w.run(p, value)
    w.para("Worksheet Question", L["your_name"])
    w.writing_lines(1)


def programme(w: Writer, s: Session) -> None:
    L = s.labels
    w.new_page()
    if s.summary:
        w.heading(1, L["about_workshop"])
        w.markdown(s.summary)
    w.heading(1, L["agenda"])
    rows: list[list[Cell]] = []
    for item in s.items:
        title = item.title if item.kind == "break" else f"{item.number}. {item.title}"
        rows.append([(item.start, "Strong"), title, item.format_label, str(item.minutes)])
    rows.append([(s.end, "Strong"), (L["end"], "Strong"), "", (str(s.total_minutes), "Strong")])
    with w.together(len(rows) <= 24):  # the programme on one page
        w.table(
            [L["time"], L["block"], L["format"], L["min"]],
            rows,
            caption=L["agenda"],
            widths=(18, -1, 26, 14),
        )
    if s.goals:
        w.heading(1, L["goals"])
        whole_list(w, s.goals)


def when(s: Session, item: SessionItem) -> str:
    L = s.labels
    text = f"{item.start}–{item.end} · {item.minutes} {L['min']}"
    return text + (f" · {item.format_label}" if item.format_label else "")


def block(w: Writer, s: Session, item: SessionItem) -> None:
    """A block: its heading, details line and the first paragraph of its intro in one
    row that cannot break (LibreOffice breaks their "Keep with next" chain and left a
    block's title alone at the foot of a page), the rest of it, its exercise."""
    short = bool(item.intro) and text_mm(item.intro.split("\n\n")[0], w) <= w.height / 3
    tight = tightened(w, item) if short else None
    with w.unbroken() if short else contextlib.nullcontext():
        w.heading(1, f"{item.number}. {item.title}")
        w.para("Block Details", when(s, item))
        w.markdown(item.intro, stop=1 if short else None)
        if tight is not None:
            exercise(w, s, item, tight)
    if short and tight is None:
        w.markdown(item.intro, start=1)
    if item.exercise is not None and tight is None:
        exercise(w, s, item)


def tightened(w: Writer, item: SessionItem) -> list[WorksheetEntry] | None:
    """The worksheet a writing line shorter a question (a blank row a table), as
    handout.pdf tightens one, where the box and the worksheet nearly fill a page on
    their own (:data:`NEARLY`), so that the block's heading and intro would end the
    page before (the exercise over the page turn) or fill a page alone
    (zes-competenties block 6 left a page 12 % full), and the whole block (heading, a
    one-paragraph intro, box, tightened worksheet) fits one page: then all of it is one
    row that cannot break. Where that row is estimated above the page (though within
    :data:`STRETCH`), a second line a question goes: LibreOffice sets a row taller than
    the page into its bottom margin (zes-competenties p. 5, 12 pt over). Else None: the
    block as it is."""
    ex = item.exercise
    blocks = sum(1 for t in tokens(item.intro) if t.level == 0 and t.nesting >= 0)
    if ex is None or not ex.worksheet or blocks > 1:  # the rest of an intro: not in the row
        return None
    box = box_mm(ex.instructions, w)
    head = HEADING_MM + 6 + text_mm(item.intro, w) + 10
    if box + sheet_mm(ex.worksheet, w) < w.height * NEARLY:
        return None  # the heading and intro may well share the exercise's page
    if head + box + sheet_mm(ex.worksheet, w) <= w.height * ROOM:
        return None  # the block fits a page as it is
    tight = [tighter(entry) for entry in ex.worksheet]
    if head + box + sheet_mm(tight, w) > w.height * STRETCH:
        return None
    if head + box + sheet_mm(tight, w) > w.height:
        return [tighter(entry, TRIM + 1) for entry in ex.worksheet]
    return tight


def tighter(entry: WorksheetEntry, trim: int = TRIM) -> WorksheetEntry:
    """``entry`` as handout.pdf tightens it (:meth:`Flow.lines`, :meth:`Flow.rows`):
    ``trim`` writing lines (blank rows) fewer, never below the floor."""
    fl = Flow(True, False, False, False, trim=trim)
    if entry.kind == "question":
        return entry.model_copy(update={"lines": fl.lines(entry.lines)})
    if entry.kind == "table":
        return entry.model_copy(update={"rows": fl.rows(entry.rows)})
    return entry


def box_mm(instructions: str, w: Writer) -> float:
    """About how tall an exercise box with ``instructions`` sets."""
    return text_mm(instructions, w) + 16


def sheet_mm(entries: list[WorksheetEntry], w: Writer) -> float:
    """About how tall a worksheet with ``entries`` sets, its heading included."""
    return 12 + sum(entry_mm(e, w) for e in entries)


def exercise(
    w: Writer, s: Session, item: SessionItem, tight: list[WorksheetEntry] | None = None
) -> None:
    """The exercise box and its worksheet, as handout.pdf keeps them: both on one page
    where they fit on one; else a worksheet that fits a page on a page of its own; else
    the box with the worksheet's heading and first entry, the rest following on. What
    must stay on one page is set :meth:`Writer.unbroken`, which Word and LibreOffice
    both keep whole; the rest is kept with "Keep with next", which Word honours.
    ``tight``: the :func:`tightened` worksheet, written into the block's own row."""
    ex = item.exercise
    assert ex is not None
    w.heading(2, f"{s.labels['exercise']}: {ex.title}")
    if tight is not None:
        exercise_box(w, s, item)
        worksheet(w, s, ex.title, tight)
        return
    entries = ex.worksheet
    box, sheet = box_mm(ex.instructions, w), sheet_mm(entries, w)
    room = w.height * ROOM
    if not entries:
        exercise_box(w, s, item)
    elif box + sheet <= room:
        with w.unbroken():
            exercise_box(w, s, item)
            worksheet(w, s, ex.title, entries)
    elif sheet <= room:
        exercise_box(w, s, item)
        with w.unbroken():
            worksheet(w, s, ex.title, entries)
    elif box + 12 + entry_mm(opening(entries), w) <= room:
        with w.unbroken():
            exercise_box(w, s, item)
            worksheet_head(w, s, ex.title, entries)
        worksheet_rest(w, s, rest(entries))
    else:  # a box too tall to keep with anything
        paragraphs = exercise_box(w, s, item)
        w.keep(paragraphs[-1])
        worksheet(w, s, ex.title, entries)


def exercise_box(w: Writer, s: Session, item: SessionItem) -> list[Any]:
    """The box with the exercise's time, group size and instructions; its paragraphs."""
    L, ex = s.labels, item.exercise
    assert ex is not None
    meta = f"{item.minutes} {L['min']}"
    if ex.group_size and ex.group_size > 1:  # no group line for individual work
        meta += f" · {L['group_size']}: {ex.group_size} {L['persons']}"
    with w.together() as box, w.box(f"{L['exercise']}: {ex.title}"):
        w.para("Block Details", meta)
        w.markdown(ex.instructions)
    return box


def worksheet(w: Writer, s: Session, title: str, entries: list[WorksheetEntry]) -> None:
    """The worksheet: its heading kept with its start, each entry up to half a page
    whole (a question with its lines, a table)."""
    worksheet_head(w, s, title, entries)
    worksheet_rest(w, s, rest(entries))


def worksheet_head(w: Writer, s: Session, title: str, entries: list[WorksheetEntry]) -> None:
    """The worksheet's heading kept with its :func:`opening`."""
    with w.together():
        w.heading(3, shorten(f"{s.labels['worksheet']}: {title}", 200))
        worksheet_entry(w, s, opening(entries))


def opening(entries: list[WorksheetEntry]) -> WorksheetEntry:
    """What goes with the box where the worksheet cannot: its first entry, or the first
    three items of a long checklist."""
    first = entries[0]
    if first.kind == "checklist" and len(first.items) > OPENING_ITEMS:
        return first.model_copy(update={"items": first.items[:OPENING_ITEMS]})
    return first


def rest(entries: list[WorksheetEntry]) -> list[WorksheetEntry]:
    """What follows :func:`opening`."""
    first = entries[0]
    if first.kind == "checklist" and len(first.items) > OPENING_ITEMS:
        return [first.model_copy(update={"items": first.items[OPENING_ITEMS:]}), *entries[1:]]
    return entries[1:]


def worksheet_rest(w: Writer, s: Session, entries: list[WorksheetEntry]) -> None:
    for entry in entries:  # a long one is free to break, so its start stays up
        with w.together(entry_mm(entry, w) <= w.height / 2):
            worksheet_entry(w, s, entry)


def text_mm(text: str, w: Writer, width: float = 0) -> float:
    """About how tall ``text`` sets in body text on the page (for keeping things whole)."""
    size = w.styles.body_pt * 25.4 / 72
    per_line = max(1, int((width or w.width) / (size * 0.48)))
    lines = sum(-(-len(line) // per_line) + 0.4 for line in text.splitlines() if line.strip())
    return lines * size * 1.25


def entry_mm(entry: WorksheetEntry, w: Writer) -> float:
    """About how tall a worksheet entry is on the page, a little more than LibreOffice
    sets it (on the library's handouts: 5 to 30 % more), so what is kept on one page
    fits on one in Word too."""
    if entry.kind == "question":
        return 6 + text_mm(entry.text, w) + entry.lines * 9
    if entry.kind == "scale":
        return 6 + text_mm(entry.text, w) + 6 + (4 if len(entry.labels) == 2 else 0)
    if entry.kind == "checklist":
        return sum(1 + text_mm(item, w, w.width - 7) for item in entry.items)
    if entry.kind == "table":
        return 12 + entry.rows * 11
    return 0


def worksheet_entry(w: Writer, s: Session, entry: WorksheetEntry) -> None:
    if entry.kind in ("question", "scale"):
        w.inline(w.para("Worksheet Question"), entry.text)
    if entry.kind == "question":
        w.writing_lines(entry.lines)
    elif entry.kind == "scale":
        p = w.para("Normal")
        for n in range(entry.min, entry.max + 1):
            w.run(p, TICK_BOX, "Checkbox")
            w.run(p, f"\u00a0{n}" + ("\u2003\u2003" if n < entry.max else ""))
        if len(entry.labels) == 2:
            ends = f"{entry.min} = {entry.labels[0]} · {entry.max} = {entry.labels[1]}"
            w.para("Caption", ends)
    elif entry.kind == "checklist":
        w.checklist(entry.items)
    elif entry.kind == "table":
        empty: list[Cell] = ["" for _ in entry.columns]
        w.table(entry.columns, [empty] * entry.rows, caption=entry.summary, row_height_mm=11)
        w.para("Normal")  # Word needs a paragraph between two tables, and after the last


def whole_list(w: Writer, items: list[str], then: Callable[[], None] | None = None) -> None:
    """A bullet list that never splits short (up to :data:`WHOLE_LIST` items: one page); a
    longer one keeps its first two items together and its last two, as handout.pdf.
    The kept parts are rows that cannot break (:meth:`Writer.unbroken`): LibreOffice
    keeps no "Keep with next" from inside a table, nor over a long chain. ``then``
    writes what goes with the last items (the sources' heading and first entry)."""
    parts = [items] if len(items) <= WHOLE_LIST else [items[:2], items[2:-2], items[-2:]]
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if n == 1:  # the middle of a long list breaks where it must
            w.bullets(part, end=last)
            continue
        with w.unbroken():
            w.bullets(part, end=last)
            if then is not None and n == len(parts) - 1:
                then()


def closing(w: Writer, s: Session) -> None:
    """Takeaways and sources on from the last block, as in handout.pdf: no half-empty
    page. The sources never start a page: their heading and first entry go with the
    last takeaways (and so with all of a short list)."""
    L = s.labels
    if not (s.takeaways or s.sources):
        return
    sources = list(s.sources)

    def sources_head() -> None:
        w.heading(1, L["sources"])
        source_line(w, sources.pop(0))

    if s.takeaways:
        w.heading(1, L["takeaways"])
        whole_list(w, s.takeaways, sources_head if sources else None)
    elif sources:
        sources_head()
    for source in sources:
        source_line(w, source)


NOTES_UNDER = 5  # ruled lines: less room than this under the closing, a page of notes
# how much taller or shorter than estimated the pages before may set (:func:`notes`)
SCALES = (0.97, 1.0, 1.03)
# mm: what the last row before the closing must leave spare at the foot of its page for
# the closing to be set on the next page with certainty. Measured on the 20 handouts in
# LibreOffice: every last row estimated to leave 5.9 mm or more fit its page; of those
# estimated to leave 0.3 to 4.9 mm, none did.
SURE_MM = 5.5


def notes(w: Writer, s: Session, first: int = -1) -> None:
    """Ruled lines for notes, as handout.pdf has them: under the closing, as many as fit
    the rest of its page, so that no page is left half empty before a page of notes;
    where fewer than :data:`NOTES_UNDER` fit, or there is no closing, a page of their
    own. ``first``: the closing's first element in the body.

    Word cannot say where a page ends; :mod:`pages` estimates it. Where the closing is
    estimated to open a page, and the row before it to end at least :data:`SURE_MM`
    above the foot of the page before, the closing is set to open the page ("Page break
    before"), so that the lines fill that page whatever comes before: the spagaat kits
    ended on a page 58 % full when the last exercise fit its page, which the estimate
    could not tell. Else the estimate, as it is and 3 % shorter and taller
    (:data:`SCALES`), says where the closing ends; where all three leave room, the
    fewest lines that fit; where one does not (the closing may end lower, or open a
    page), a page of notes. The heading and the lines are one row that cannot break,
    so where the estimate is short they move to the next page whole, with their heading,
    never a few lines alone. The lines are as tall as their style sets them, with one
    kept spare. A page of notes is ruled to a line short of its foot (A4 23 lines, A5 15),
    the lines as LibreOffice sets them, their rule included."""
    from werkvorm.render.docx import pages

    pitch = pages.line_mm(w.doc, w.styles["Writing Line"], w.width)
    heading = pages.line_mm(w.doc, w.styles["Heading 1"], w.width)
    area = text_height_mm(w.doc, 0)  # LibreOffice sets the footer in the bottom margin
    elements = body(w)
    if 0 < first < len(elements):
        found = pages.places(w.doc, w.width, area)
        start, before = found[first], found[first - 1]
        spare = area - before.top - before.height
        if start.top == 0 and before.page < start.page and spare >= SURE_MM:
            elements[first].get_or_add_pPr().pageBreakBefore_val = True
    room = [area - pages.end(w.doc, w.width, area, scale)[1] for scale in SCALES]
    lines = [int((r - heading) // pitch) - 1 for r in room]
    under = min(lines) if s.takeaways or s.sources else 0
    if under < NOTES_UNDER:  # a page of them, ruled to a line short of the foot
        rule = pages.line_mm(w.doc, w.styles["Writing Line"], w.width, border=True)
        w.new_page()
        w.heading(1, s.labels["notes"])
        w.writing_lines(max(NOTES_UNDER, int((area - heading) // rule) - 1))
        return
    with w.unbroken():  # where the closing ends lower, all of it on the next page
        w.heading(1, s.labels["notes"])
        w.writing_lines(under)


def source_text(src: SessionSource) -> str:
    """A source as :func:`source_line` sets it, as plain text."""
    return f"{src.author}, {src.title}{published(src)}" + (f". {src.url}" if src.url else "")


def published(src: SessionSource) -> str:
    """ ", publication (year)" of a source, or what of it there is."""
    return (f", {src.publication}" if src.publication else "") + (
        f" ({src.year})" if src.year else ""
    )


def source_line(w: Writer, src: SessionSource, style: str = "List Bullet") -> None:
    """Author, *title*, publication (year). Address: as the PDF's sources."""
    p = w.para(style)
    w.run(p, f"{src.author}, ")
    w.run(p, src.title, "Emphasis")
    rest = published(src)
    if rest:
        w.run(p, rest)
    if src.url:
        w.run(p, ". ")
        w.link(p, src.url, src.url)
