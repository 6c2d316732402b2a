"""evaluation.pdf: a one-page evaluation form in the session's language and branding.

A workshop's own ``evaluation:`` items replace the default questions. Statements on
the same scale share one grid (a row each, the ticks in columns), which is how a form
fits one page; the other kinds are drawn as on a worksheet. The form must fit one
page on A4, A5 and Letter: it is laid out at normal spacing, then tighter, and a form
that still runs over is an error that names the workshop's ``evaluation`` items.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkvorm.compose.session import Session, WorksheetEntry
from werkvorm.errors import RenderError
from werkvorm.render.sheets import layout, with_labels

DENSITIES = ("normal", "compact", "tight")


def default_questions(
    labels: dict[str, str], paper: str = "a4", lines: int = 0
) -> list[WorksheetEntry]:
    """The standard form: four statements on a five-point scale, two open questions
    (with room to write that fills an A4 or Letter page, less on A5; ``lines`` fewer)."""
    lines = lines or {"a5": 3, "letter": 5}.get(paper, 6)
    ends = [labels["eval_low"], labels["eval_high"]]
    scales = ("eval_q_overall", "eval_q_useful", "eval_q_trainer", "eval_q_pace")
    return [
        *(WorksheetEntry(kind="scale", text=labels[k], min=1, max=5, labels=ends) for k in scales),
        WorksheetEntry(kind="question", text=labels["eval_q_takeaway"], lines=lines),
        WorksheetEntry(kind="question", text=labels["eval_q_better"], lines=lines),
    ]


def goal_scales(session: Session) -> list[WorksheetEntry]:
    """One scale per learning goal ("Ik kan nu ..."), before the general questions."""
    ends = [session.labels["eval_low"], session.labels["eval_high"]]
    return [
        WorksheetEntry(kind="scale", text=text, min=1, max=5, labels=ends)
        for text in session.goal_checks
    ]


@dataclass
class Part:
    """A run of scale items that share their ends (one grid), or one other item."""

    kind: str  # "grid" or "item"
    items: list[WorksheetEntry] = field(default_factory=list)

    @property
    def points(self) -> list[int]:
        first = self.items[0]
        return list(range(first.min, first.max + 1))


def parts(entries: list[WorksheetEntry]) -> list[Part]:
    """Consecutive scale items with the same range and end labels form one grid."""
    out: list[Part] = []
    for entry in entries:
        if entry.kind != "scale":
            out.append(Part("item", [entry]))
            continue
        previous = out[-1].items[0] if out and out[-1].kind == "grid" else None
        if previous and (previous.min, previous.max, previous.labels) == (
            entry.min,
            entry.max,
            entry.labels,
        ):
            out[-1].items.append(entry)
        else:
            out.append(Part("grid", [entry]))
    return out


def candidates(session: Session) -> Iterator[list[WorksheetEntry]]:
    """The forms to try, most room first: the workshop's own items, or the standard form
    whose writing lines shrink (down to one) to make room for a scale per goal, and last
    the standard form with only its first general scale beside the goal scales."""
    goals = goal_scales(session)
    if session.evaluation:
        yield [*goals, *session.evaluation]
        return
    full = default_questions(session.labels, session.paper)[-1].lines
    for lines in sorted({full, min(full, 3), 2, 1}, reverse=True):
        yield [*goals, *default_questions(session.labels, session.paper, lines)]
    if goals:
        for lines in (2, 1):
            standard = default_questions(session.labels, session.paper, lines)
            yield [*goals, standard[0], *standard[-2:]]


LINE_PX = 8.5 / 25.4 * 96  # one writing line (evaluation.css), in CSS px


def free_below(doc: Any) -> float:
    """CSS px left empty under the form's footer on its (first) page."""
    page = doc.document.pages[0]._page_box
    bottom = page.margin_height() - page.margin_bottom - page.padding_bottom
    feet = [
        b
        for b in page.descendants()
        if "ev-foot" in ((getattr(b, "element", None) or {}).get("class") or "")
    ]
    lowest = max((b.position_y + b.margin_height() for b in feet), default=bottom)
    return max(0.0, float(bottom) - float(lowest))


def _with_more_lines(entries: list[WorksheetEntry], free: float) -> list[WorksheetEntry]:
    """The open questions share the room that is left: whole writing lines each."""
    questions = [e for e in entries if e.kind == "question"]
    extra = int(free // LINE_PX) // max(1, len(questions))
    if not questions or extra < 1:
        return entries
    return [
        e.model_copy(update={"lines": e.lines + extra}) if e.kind == "question" else e
        for e in entries
    ]


def evaluation_pdf(session: Session, templates: Path | None = None) -> bytes:
    """The form as one page: a whole sheet (A4, or Letter for a Letter kit; an A5 kit's
    form is A4), the open questions given the room that is left."""
    session = with_labels(session)
    sheet = "letter" if session.paper == "letter" else "a4"
    session = session.model_copy(update={"paper": sheet})
    for entries in candidates(session):
        for density in DENSITIES:
            doc = layout(
                "evaluation.html.j2",
                session,
                templates,
                {"parts": parts(entries), "density": density},
            )
            if doc.page_count == 1:
                fuller = _with_more_lines(entries, free_below(doc))
                if fuller is not entries:
                    again = layout(
                        "evaluation.html.j2",
                        session,
                        templates,
                        {"parts": parts(fuller), "density": density},
                    )
                    doc = again if again.page_count == 1 else doc
                return doc.write()
    raise RenderError(
        f"evaluation.pdf for {session.workshop}: the {len(entries)} evaluation item(s) need "
        f"{doc.page_count} pages on {session.paper.upper()}; the form must fit one page. "
        "Use fewer items or fewer lines under the open questions (the workshop's evaluation:)"
        + (", or shorter goals (each is a scale on the form)." if session.goal_checks else ".")
    )
