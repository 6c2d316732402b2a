"""The facilitator guide as a Word document: the same content as guide.pdf (run sheet as
a table with clock times, timing note, materials checklist, per block the notes, the
exercise, timing cues, materials and what the slides say; sources)."""

from __future__ import annotations

from werkvorm.compose.session import Session, SessionItem, SessionSlide
from werkvorm.render.docx.handout import source_line, when
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
    numbers = slide_numbers(s)
    for item in s.items:
        if item.kind == "break":
            line = f"{item.start}–{item.end} · {item.title} ({item.minutes} {L['min']})"
            w.para("Block Details", f"{line} · {L['slide_no']} {numbers[item.id]}")
        else:
            block(w, s, item, numbers[item.id])
    if s.sources:
        w.heading(1, L["sources"])
        for source in s.sources:
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


def run_sheet(w: Writer, s: Session) -> None:
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


def block(w: Writer, s: Session, item: SessionItem, first_slide: int) -> None:
    L = s.labels
    w.heading(1, f"{item.number}. {item.title}")
    w.para("Block Details", f"{when(s, item)} · {L['slide_no']} {first_slide}")
    if item.facilitator:
        w.heading(2, L["facilitator_notes"])
        w.markdown(item.facilitator)
    ex = item.exercise
    if ex is not None:
        w.heading(2, f"{L['exercise']}: {ex.title}")
        with w.box(f"{L['exercise']}: {ex.title}"):
            if ex.group_size and ex.group_size > 1:  # no group line for individual work
                w.para("Block Details", f"{L['group_size']}: {ex.group_size} {L['persons']}")
            w.markdown(ex.instructions)
            if ex.worksheet:  # in the box: never alone at the top of the next page
                summary = worksheet_summary(ex.worksheet, s.labels)
                w.para("Caption", f"{L['worksheet']}: {summary}")
    if item.cues:
        w.heading(2, L["timing_cues"])
        with w.together():
            for cue in item.cues:
                timing_cue(w, cue)
    if item.materials:
        w.heading(2, L["materials"])
        w.para("Normal", ", ".join(item.materials))
    if item.slides:
        w.heading(2, L["slides"])
        for n, slide in enumerate(item.slides, start=first_slide + 1):
            with w.together():
                slide_lines(w, L["slide_no"], n, slide)


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
        w.run(w.para("List Bullet"), f"[{slide.alt}]")
    else:
        w.bullets(slide.bullets)
    if slide.notes:
        w.inline(w.para("Normal"), slide.notes, italic=True)
