"""The references a kit is measured against: the raw library calls on the same inputs.

``kit_html`` renders, once and outside any timing, the HTML werkvorm lays out for every
PDF of a generic kit built with ``pdf,pptx`` (handout, guide, evaluation form,
follow-up), with werkvorm's own templates and helpers. ``raw_kit`` then does only what
the libraries must: WeasyPrint lays out and writes each of those HTML strings, and
python-pptx builds the same deck's slides from the template.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _evaluation_html(session: Any) -> str:
    """The evaluation form's HTML at the density the kit ends up with (one page)."""
    from werkvorm.render import evaluation
    from werkvorm.render.sheets import layout, sheet_html, with_labels

    session = with_labels(session)
    entries = session.evaluation or evaluation.default_questions(session.labels, session.paper)
    extra: dict[str, Any] = {"parts": evaluation.parts(entries)}
    for density in evaluation.DENSITIES:
        extra["density"] = density
        if layout("evaluation.html.j2", session, None, extra).page_count == 1:
            break
    return sheet_html("evaluation.html.j2", session, None, extra)


def _followup_html(session: Any) -> str:
    from werkvorm.render import followup
    from werkvorm.render.sheets import sheet_html, with_labels

    session = with_labels(session)
    extra = {"contact": followup.contact(session), "intro": followup._intro(session)}
    return sheet_html("followup.html.j2", session, None, extra)


def kit_html(session: Any) -> dict[str, str]:
    """Every PDF of a generic ``pdf,pptx`` kit, as the HTML werkvorm lays out."""
    from werkvorm.render import html

    def document(template: str) -> str:
        return html.render(template, session, project_templates=None, preview=False)

    return {
        "handout": document("handout.html.j2"),
        "guide": document("guide.html.j2"),
        "evaluation": _evaluation_html(session),
        "follow-up": _followup_html(session),
    }


def raw_kit(sources: dict[str, str], deck_bytes: bytes) -> None:
    """WeasyPrint on each HTML string, and python-pptx rebuilding the same deck."""
    import weasyprint
    from pptx import Presentation

    from werkvorm.resources import builtin_templates

    base = str(builtin_templates()) + "/"
    for src in sources.values():
        weasyprint.HTML(string=src, base_url=base).write_pdf(pdf_variant="pdf/ua-1")
    prs = Presentation(str(REPO / "templates" / "deck.pptx"))
    done = Presentation(io.BytesIO(deck_bytes))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for slide in done.slides:
        new = prs.slides.add_slide(layouts[slide.slide_layout.name])
        filled = {p.placeholder_format.idx: p for p in slide.placeholders}
        for ph in new.placeholders:
            src_ph = filled.get(ph.placeholder_format.idx) if ph.placeholder_format.idx else None
            if src_ph is not None and src_ph.has_text_frame and ph.has_text_frame:
                ph.text_frame.text = src_ph.text_frame.text
        if slide.has_notes_slide:
            new.notes_slide.notes_text_frame.text = slide.notes_slide.notes_text_frame.text
    prs.save(io.BytesIO())


def session_markdown(session: Any) -> str:
    """The workshop's texts as one Markdown file, as a trainer would keep it for pandoc."""
    out = [f"# {session.title}", "", session.summary, ""]
    for item in session.items:
        out += [f"## {item.start} {item.title}", "", item.intro, ""]
        for slide in item.slides:
            out += [f"### {slide.title or item.title}", ""]
            out += [f"- {b}" for b in slide.bullets + slide.quote.splitlines()]
            out.append("")
        if item.exercise:
            out += [f"### {item.exercise.title}", "", item.exercise.instructions, ""]
        out += [item.facilitator, ""]
    return "\n".join(out)


def evaluation_markdown(session: Any) -> str:
    """The evaluation form's questions as Markdown (a scale as a row of boxes)."""
    from werkvorm.render import evaluation
    from werkvorm.render.sheets import with_labels

    session = with_labels(session)
    entries = session.evaluation or evaluation.default_questions(session.labels, session.paper)
    out = [f"# {session.title}", ""]
    for entry in entries:
        out += [f"**{entry.text}**", ""]
        if entry.kind == "scale":
            out += ["  ".join(f"☐ {n}" for n in range(entry.min, entry.max + 1)), ""]
        else:
            out += ["\\_" * 60 + "  "] * 3 + [""]
    return "\n".join(out)


def followup_markdown(session: Any) -> str:
    from werkvorm.render import followup

    return followup.followup_md(session).decode("utf-8")
