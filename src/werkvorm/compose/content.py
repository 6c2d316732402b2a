"""A block's slides, exercise and worksheet in the session's language."""

from __future__ import annotations

from pathlib import Path

from werkvorm.compose.agenda import Origin
from werkvorm.compose.session import SessionExercise, SessionSlide, WorksheetEntry
from werkvorm.compose.texts import Texts
from werkvorm.schema.models import Exercise, Slide, WorksheetItem
from werkvorm.schema.source import Document, PathKey


def session_slide(
    slide: Slide, t: Texts, origin: Origin, loc: PathKey, images: dict[tuple[Path, str], Path]
) -> SessionSlide:
    doc = origin.doc
    image = str(images[(doc.path, slide.image)]) if slide.image is not None else ""
    key = "bullets" if slide.bullets else "questions"
    return SessionSlide(
        kind=slide.kind,
        title=t(slide.title, doc, (*loc, "title")),
        bullets=t.many(slide.bullets or slide.questions, doc, (*loc, key)),
        quote=t(slide.quote, doc, (*loc, "quote")),
        by=slide.by or "",
        image=image,
        caption=t(slide.caption, doc, (*loc, "caption")),
        alt=t(slide.alt, doc, (*loc, "alt")),
        notes=t(slide.notes, doc, (*loc, "notes")),
    )


def worksheet_entry(
    item: WorksheetItem, t: Texts, doc: Document, wloc: PathKey, labels: dict[str, str]
) -> WorksheetEntry:
    """One worksheet item (of an exercise or the evaluation form) in the session's language."""
    kind = item.kind
    if kind == "question":
        lines = item.lines or 4
        return WorksheetEntry(
            kind=kind,
            text=t(item.question, doc, (*wloc, "question")),
            lines=lines,
            summary=labels["summary_lines"].format(n=lines),
        )
    if kind == "scale":
        low = item.min if item.min is not None else 1
        high = item.max if item.max is not None else 5
        return WorksheetEntry(
            kind=kind,
            text=t(item.scale, doc, (*wloc, "scale")),
            min=low,
            max=high,
            labels=t.many(item.labels, doc, (*wloc, "labels")),
            summary=labels["summary_scale"].format(min=low, max=high),
        )
    if kind == "checklist":
        items = t.many(item.checklist, doc, (*wloc, "checklist"))
        return WorksheetEntry(
            kind=kind, items=items, summary=labels["summary_checklist"].format(n=len(items))
        )
    assert item.table is not None
    return WorksheetEntry(
        kind=kind,
        columns=t.many(item.table.columns, doc, (*wloc, "table", "columns")),
        rows=item.table.rows,
        summary=labels["summary_table"].format(n=item.table.rows),
    )


def session_exercise(
    ex: Exercise,
    t: Texts,
    doc: Document,
    loc: PathKey,
    labels: dict[str, str],
    debrief: tuple[int, int],
) -> SessionExercise:
    groups, minutes = debrief
    return SessionExercise(
        title=t(ex.title, doc, (*loc, "title")),
        instructions=t(ex.instructions, doc, (*loc, "instructions")),
        group_size=ex.group_size,
        worksheet=[
            worksheet_entry(item, t, doc, (*loc, "worksheet", w), labels)
            for w, item in enumerate(ex.worksheet or [])
        ],
        groups=groups,
        debrief_minutes=minutes,
    )
