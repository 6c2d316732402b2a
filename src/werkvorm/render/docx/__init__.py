"""Session → DOCX: the handout and the guide as Word documents a client can edit.

- ``wordfile`` (in schema): a template is checked before anything unpacks it (a zip, not
  a bomb, a Word file, no macros); a .dotx is read as a document.
- ``package``: the client's template opened clean (its sample body, external links and
  write protection gone) or werkvorm's own base; metadata; saved reproducibly.
- ``styles``: the template's styles, completed with werkvorm's look where it has none;
  the document's language.
- ``numbering``: bullets, numbers and numbered lists that restart.
- ``writer``: styled paragraphs, Markdown, links, tables, pictures, writing lines.
- ``handout`` and ``guide``: the content, as in the PDFs.

python-docx is imported only here, lazily (the kit imports this package when it builds
``--format docx``). Personalised copies are PDFs only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from werkvorm.compose.session import Session

LANGUAGES = {"nl": "nl-NL", "nl-BE": "nl-BE", "en": "en-GB"}


def language_tag(session: Session) -> str:
    return LANGUAGES.get(session.locale) or LANGUAGES.get(session.language, "en-GB")


def handout_docx(session: Session) -> bytes:
    """handout.docx: the participant handout."""
    from werkvorm.render.docx import handout

    return _build(session, session.title, handout.write, cover=True)


def guide_docx(session: Session) -> bytes:
    """guide.docx: the facilitator guide."""
    from werkvorm.render.docx import guide

    return _build(session, f"{session.labels['guide']}: {session.title}", guide.write)


def _build(session: Session, title: str, write: Any, *, cover: bool = False) -> bytes:
    """``cover``: the handout (a cover without a footer, on the session's paper); else
    the guide (on A4 for an A5 kit)."""
    from werkvorm.render.docx import package, page, styles
    from werkvorm.render.docx.writer import Writer

    doc, own_look = package.open_document(session)
    if own_look:
        styles.remove_own(doc)
    paper_key = session.paper if cover else page.guide_paper(session.paper)
    look = page.cover_look(session.title, paper_key, guide=not cover)
    found = styles.complete(doc, session, own_look, look)
    tag = language_tag(session)
    styles.set_language(doc, tag)
    if own_look:
        page.own_page(doc, session, found["Normal"], cover=cover, paper_key=paper_key)
    write(Writer(doc, found, page.text_width_mm(doc), page.text_height_mm(doc)), session)
    package.set_metadata(doc, session, title, tag)
    return package.save(doc, session)


def handout_page_notes(session: Session) -> list[str]:
    """For ``check --verbose``: the Word handout's pages estimated under half full (the
    cover and the last page aside) before a page that opens with an exercise whose box
    and worksheet fit one page, so are kept whole on it, as in the PDF. An estimate:
    Word stores no pages (:mod:`werkvorm.render.docx.pages`, 205 of 226 headings of the
    library's handouts on the right page)."""
    import io

    import docx
    from docx.oxml.ns import qn

    from werkvorm.render.docx import page, pages

    doc = docx.Document(io.BytesIO(handout_docx(session)))
    area = page.text_height_mm(doc, 0)
    body = [el for el in doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"))]
    found = pages.places(doc, page.text_width_mm(doc), area)[: len(body)]
    ink: dict[int, float] = {}
    for place in found:
        ink[place.page] = max(ink.get(place.page, 0.0), min(area, place.top + place.height))
    L = session.labels
    kept = {  # what opens a page whole, and what is kept whole
        f"{L['exercise']}: ": "its box and worksheet",
        f"{L['worksheet']}: ": "the worksheet",
    }
    notes = []
    for el, place in zip(body, found, strict=True):
        first = next(el.iter(qn("w:p")), None) if el.tag == qn("w:tbl") else el
        text = "".join(t.text or "" for t in first.iter(qn("w:t"))) if first is not None else ""
        what = next((v for k, v in kept.items() if text.startswith(k)), None)
        turned = place.top == 0 and 2 < place.page < max(ink)
        fill = ink.get(place.page - 1, 0.0) / area
        if what and turned and fill < 0.52:  # under half full, or about (an estimate)
            notes.append(
                f"handout.docx (estimated): p. {place.page - 1} is about {fill:.0%} full: "
                f"“{text}” opens p. {place.page}, {what} kept whole on one page, as in "
                "the PDF"
            )
    return notes


def describe_template(path: Path) -> list[tuple[str, str, str]]:
    """For ``inspect-template``: every style of a Word template, its kind, and what
    werkvorm writes with it; then the styles werkvorm adds."""
    from werkvorm.render.docx import package, styles

    return styles.describe(package.open_template(path))


def template_findings(path: Path) -> list[str]:
    """For ``check``: what werkvorm leaves out of or adds to a Word template, in a
    trainer's words (a template that cannot be opened raises TemplateError)."""
    from werkvorm.render.docx import package, styles

    doc = package.open_template(path)
    found: list[str] = []
    links = package.external_links(doc)
    if links:
        found.append(
            f"the Word template links to {len(links)} file(s) or address(es) outside it "
            f"({', '.join(sorted(set(links))[:2])}); werkvorm leaves those links out"
        )
    missing = [n for n in ("Title", "Heading 1", "Heading 2") if styles.find(doc, n) is None]
    if missing:
        found.append(
            f"the Word template has no style {', '.join(missing)}; werkvorm adds its own "
            "(see werkvorm inspect-template)"
        )
    return found
