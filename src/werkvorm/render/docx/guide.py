"""The facilitator guide as a Word document: the same content as guide.pdf (run sheet as
a table with clock times, timing note, materials checklist, per block the notes, the
exercise, timing cues, materials and what the slides say; sources)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable

from werkvorm.compose.session import Session, SessionItem, SessionSlide
from werkvorm.render.docx.handout import source_line, text_mm, when
from werkvorm.render.docx.writer import Cell, Writer
from werkvorm.render.html import slide_numbers
from werkvorm.render.typography import materials_lines, worksheet_summary


def write(w: Writer, s: Session) -> None:
    L = s.labels
    w.para("Block Details", L["guide"])
    w.para("Title", s.title)
    w.para("Subtitle", meta(s))
    preparation(w, s)
    run_sheet(w, s)
    timing_note(w, s)
    stuff = materials_lines(s.materials, s.items)
    if stuff:  # one line per thing, with the blocks that need it, as in guide.pdf
        w.heading(2, L["materials_checklist"])
        with w.together(len(stuff) <= 25):  # one list, not a tail on the next page
            w.checklist(
                [f"{m} · {L['block_word']} {', '.join(map(str, n))}" if n else m for m, n in stuff]
            )
    blocks_and_sources(w, s)


def blocks_and_sources(w: Writer, s: Session) -> None:
    """The blocks and breaks, then the sources, which never start a page: their heading
    and first entry go with the last block's last part, as in guide.pdf."""
    L, numbers, sources = s.labels, slide_numbers(s), list(s.sources)

    def sources_head() -> None:
        w.heading(1, L["sources"])
        source_line(w, sources.pop(0))

    for item in s.items:
        if item.kind == "break":
            line = f"{item.start}–{item.end} · {item.title} ({item.minutes} {L['min']})"
            w.para("Break Line", f"{line} · {L['slide_no']} {numbers[item.id]}")
        else:
            last = item is s.items[-1] and bool(sources)
            block(w, s, item, numbers[item.id], sources_head if last else None)
    if sources and s.items[-1].kind == "break":
        sources_head()
    for source in sources:
        source_line(w, source)


def meta(s: Session) -> str:
    parts = [s.client, s.date_text, f"{s.start}–{s.end}", f"{s.total_minutes} {s.labels['min']}"]
    parts += [s.location, s.facilitator]
    return " · ".join(p for p in parts if p)


def preparation(w: Writer, s: Session) -> None:
    L = s.labels
    if not (s.background or s.preparation):
        return
    if s.background:
        w.heading(1, L["background"])
        w.markdown(s.background)
    if s.preparation:
        w.heading(1, L["preparation"])
        w.markdown(s.preparation)
    if s.goals:
        w.heading(1, L["goals"])
        w.bullets(s.goals)


RUN_SHEET_WHOLE = 20  # rows: a run sheet this short is one row that cannot break


def run_sheet(w: Writer, s: Session) -> None:
    """The run sheet with its heading; up to :data:`RUN_SHEET_WHOLE` blocks and breaks
    it is one row that cannot break across pages (:meth:`Writer.unbroken`), so that it
    moves whole to the next page rather than leave its head and a row at a page's foot,
    as guide.pdf does. A longer one breaks between rows, its head repeated."""
    with w.unbroken() if len(s.items) <= RUN_SHEET_WHOLE else contextlib.nullcontext():
        run_sheet_table(w, s)


def run_sheet_table(w: Writer, s: Session) -> None:
    L = s.labels
    numbers = slide_numbers(s)
    w.heading(1, L["run_sheet"])
    rows: list[list[Cell]] = []
    for item in s.items:
        title = f"{item.number}. {item.title}" if item.number else item.title
        rows.append(
            [
                (item.start, "Strong"),
                title,
                item.format_label,
                str(item.minutes),
                str(item.offset + item.minutes),
                str(numbers[item.id]),
                ", ".join(item.materials),
            ]
        )
    total = (str(s.total_minutes), "Strong")
    end: list[Cell] = [(s.end, "Strong"), (L["end"], "Strong"), "", "", total, ""]
    rows.append([*end, f"{L['planned']}: {s.planned_minutes}"])
    header = [L["time"], L["block"], L["format"], L["min"], L["running_total"]]
    header += [L["slide_no"].capitalize(), L["materials"]]
    w.table(header, rows, caption=L["run_sheet"], widths=(16, -0.6, 26, 12, 16, 14, -0.4))


def timing_note(w: Writer, s: Session) -> None:
    L = s.labels
    diff = s.total_minutes - s.planned_minutes
    if not (diff or s.fit_notes):
        return
    w.heading(2, L["timing_note"])
    if diff:
        text = L["timing_over"] if diff > 0 else L["timing_under"]
        w.para(
            "Normal", text.format(total=s.total_minutes, diff=abs(diff), planned=s.planned_minutes)
        )
    for note in s.fit_notes:
        w.run(w.para("List Bullet"), note)


Piece = Callable[[], None]  # writes one part of a block that is kept whole


def block(
    w: Writer, s: Session, item: SessionItem, first_slide: int, then: Piece | None = None
) -> None:
    """A block: its head (heading, details line and its first part: the facilitator
    notes' heading with their first paragraph, else the first section) in one row that
    cannot break across pages, as is each section's heading with its start, and the
    block's last part with ``then`` (the sources' heading). Word keeps such things
    together by "Keep with next"; LibreOffice breaks a long chain of it and left a
    block's title alone at the foot of a page."""
    L = s.labels

    def head() -> None:
        w.heading(1, f"{item.number}. {item.title}")
        w.para("Block Details", f"{when(s, item)} · {L['slide_no']} {first_slide}")

    pieces = [(head, True), *sections(w, s, item, first_slide)]
    if len(pieces) > 1:  # the head with the first part
        first = pieces[1][0]

        def head_and_first() -> None:
            head()
            first()

        pieces[:2] = [(head_and_first, True)]
    for n, (piece, opens) in enumerate(pieces):
        last = n == len(pieces) - 1
        if opens or (last and then is not None):
            with w.unbroken():
                piece()
                if last and then is not None:
                    then()
        else:
            piece()


def sections(
    w: Writer, s: Session, item: SessionItem, first_slide: int
) -> list[tuple[Piece, bool]]:
    """The block's parts after its head, in order: the facilitator notes (one piece a
    paragraph or list), the exercise, the timing cues, the materials, each slide; the
    first piece of each under its heading (True: it opens a section)."""
    L = s.labels
    pieces: list[tuple[Piece, bool]] = []

    def under(title: str, piece: Piece) -> None:
        def opened() -> None:
            w.heading(2, title)
            piece()

        pieces.append((opened, True))

    if item.facilitator:
        count = w.blocks(item.facilitator)
        short = text_mm(item.facilitator.split("\n\n")[0], w) <= w.height / 3
        under(L["facilitator_notes"], lambda: w.markdown(item.facilitator, stop=int(short)))
        for n in range(int(short), count):
            part = functools.partial(w.markdown, item.facilitator, start=n, stop=n + 1)
            pieces.append((part, False))
    if item.exercise is not None:
        under(f"{L['exercise']}: {item.exercise.title}", lambda: exercise(w, s, item))
    if item.cues:
        under(L["timing_cues"], lambda: cues(w, item))
    if item.materials:
        under(L["materials"], lambda: w.para("Normal", ", ".join(item.materials)))
    for n, slide in enumerate(item.slides, start=first_slide + 1):
        piece = functools.partial(slide_piece, w, L["slide_no"], n, slide)
        if n == first_slide + 1:
            under(L["slides"], piece)
        else:
            pieces.append((piece, False))
    return pieces


def exercise(w: Writer, s: Session, item: SessionItem) -> None:
    L, ex = s.labels, item.exercise
    assert ex is not None
    with w.box(f"{L['exercise']}: {ex.title}"):
        if ex.group_size and ex.group_size > 1:  # no group line for individual work
            w.para("Block Details", f"{L['group_size']}: {ex.group_size} {L['persons']}")
        w.markdown(ex.instructions)
        if ex.worksheet:  # in the box: never alone at the top of the next page
            summary = worksheet_summary(ex.worksheet, s.labels)
            w.para("Caption", f"{L['worksheet']}: {summary}")


def cues(w: Writer, item: SessionItem) -> None:
    with w.together():
        for cue in item.cues:
            timing_cue(w, cue)


def slide_piece(w: Writer, label: str, number: int, slide: SessionSlide) -> None:
    with w.together():
        slide_lines(w, label, number, slide)


def timing_cue(w: Writer, cue: str) -> None:
    """A cue as in guide.pdf: its clock time (or a plan step's "10:05–10:13") bold in
    its own column, then what happens; a cue without a time is a line of its own."""
    p = w.para("Timing Cue")
    time, _, rest = cue.partition(" ")
    if time[:1].isdigit():
        w.run(p, time, "Strong")
        w.run(p, "\t")
        w.inline(p, rest)
    else:
        w.inline(p, cue, italic=True)


def slide_lines(w: Writer, label: str, number: int, slide: SessionSlide) -> None:
    """What one slide says, as a compact list: its number and title, its bullets (or
    quote, or picture's description), and its speaker notes under it, as in guide.pdf."""
    p = w.para("Normal")
    w.run(p, f"{label.capitalize()} {number}" + (" · " if slide.title else ""))
    if slide.title:
        w.run(p, slide.title, "Strong")
    if slide.kind == "quote":
        w.inline(w.para("Quote"), f"“{slide.quote}”" + (f" ({slide.by})" if slide.by else ""))
    elif slide.kind == "image":
        described = w.para("List Bullet")
        w.run(described, f"[{slide.alt}]")
        w.end_list(described)
    else:
        w.bullets(slide.bullets)
    if slide.notes:
        w.inline(w.para("Normal"), slide.notes, italic=True)
