"""An A5 handout imposed as a booklet: two pages side by side on landscape A4.

Pages are padded to a multiple of four with notes pages and a back cover and placed in
saddle-stitch order: printed double-sided (flip on the short edge), the stack folds once
at the fold mark and is stapled in the fold. Each source page becomes a form XObject
drawn at scale 1 (A5 is exactly half of A4), with fixed resource names so the same
handout gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pikepdf

from werkvorm.compose.session import Session
from werkvorm.render.personal import HandoutNames, save_pdf

A4_LANDSCAPE = (841.8898, 595.2756)  # points
MM = 72 / 25.4
# The fold mark: a short grey line at the middle of the top and bottom edge of each
# sheet side, 3 to 8 mm in from the edge (inside what a printer can print, outside the
# A5 page's margins), so the stack folds on the centre.
FOLD_MARK = (
    "q 0.55 G 0.5 w "
    f"{A4_LANDSCAPE[0] / 2:.4f} {A4_LANDSCAPE[1] - 3 * MM:.4f} m "
    f"{A4_LANDSCAPE[0] / 2:.4f} {A4_LANDSCAPE[1] - 8 * MM:.4f} l S "
    f"{A4_LANDSCAPE[0] / 2:.4f} {3 * MM:.4f} m {A4_LANDSCAPE[0] / 2:.4f} {8 * MM:.4f} l S Q"
)


def saddle_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes for each sheet side, in print order; None is blank.

    Eight pages give (7, 0), (1, 6), (5, 2), (3, 4): the outer sheet carries the last
    and first pages on its front, the second and second-to-last on its back.
    """
    total = -(-max(pages, 1) // 4) * 4

    def real(index: int) -> int | None:
        return index if index < pages else None

    sides: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        sides.append((real(total - 1 - 2 * sheet), real(2 * sheet)))
        sides.append((real(2 * sheet + 1), real(total - 2 - 2 * sheet)))
    return sides


def _place(
    out: pikepdf.Pdf,
    forms: Sequence[pikepdf.Object],
    side: tuple[int | None, ...],
    stamps: Sequence[pikepdf.Object] = (),
) -> None:
    """One sheet side: the pages of ``side`` (and their name stamps) at their slots."""
    width, height = A4_LANDSCAPE
    resources = pikepdf.Dictionary()
    content = [FOLD_MARK]
    for slot, index in enumerate(side):
        if index is None:
            continue
        placed = [(f"/Pg{slot}", forms[index])]
        if stamps:
            placed.append((f"/St{slot}", stamps[index]))
        for name, form in placed:
            resources[pikepdf.Name(name)] = form
            content.append(f"q 1 0 0 1 {slot * width / 2:.4f} 0 cm {name} Do Q")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, width, height]),
        Resources=pikepdf.Dictionary(XObject=resources),
        Contents=out.make_stream("\n".join(content).encode()),
    )
    out.pages.append(pikepdf.Page(out.make_indirect(page)))


def impose_into(
    out: pikepdf.Pdf, forms: Sequence[pikepdf.Object], stamps: Sequence[pikepdf.Object] = ()
) -> None:
    """Append A5 pages (``forms``, already in ``out``) as booklet sheets, each page with
    its stamp when ``stamps`` are given."""
    for side in saddle_order(len(forms)):
        _place(out, forms, side, stamps)


def _pages(
    out: pikepdf.Pdf, handout: bytes, back: bytes = b""
) -> tuple[list[pikepdf.Object], float]:
    """The handout's pages but its own notes page (``content_pages``), then its padding
    ``back``, as forms in ``out``."""
    src = pikepdf.open(io.BytesIO(handout))
    pad = pikepdf.open(io.BytesIO(back)) if back else None  # (open while copied)
    pages = list(src.pages)[: content_pages(handout)] + list(pad.pages if pad else [])
    forms = [out.copy_foreign(page.as_form_xobject()) for page in pages]
    return forms, float(src.pages[0].mediabox[3])


NOTES_ANCHOR = "notes-page"  # the id of the handout's notes page (handout.html.j2)


def content_pages(handout: bytes) -> int:
    """The handout's pages a booklet keeps: all but its own notes page when that is the
    last (the booklet's padding brings its notes pages instead)."""
    pdf = pikepdf.open(io.BytesIO(handout))
    pages = len(pdf.pages)
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return pages
    dest = pikepdf.NameTree(names.Dests).get(NOTES_ANCHOR)
    if dest is None:
        return pages
    target = dest[0] if isinstance(dest, pikepdf.Array) else dest.D[0]
    last = pdf.pages[pages - 1].obj
    return pages - 1 if target.objgen == last.objgen and pages > 1 else pages


def padding_pages(pages: int) -> int:
    """How many pages a booklet of ``pages`` pages is padded with: at least one (the back
    cover), up to a multiple of four."""
    return -(-(max(pages, 0) + 1) // 4) * 4 - pages


def padding_kinds(pages: int) -> tuple[int, bool]:
    """The notes pages before the back cover of a booklet of ``pages`` pages, and whether
    a page of actions comes first: as few pages as make a multiple of four, never more
    than two notes pages in a row (three missing pages: actions, two notes pages)."""
    notes = padding_pages(pages) - 1
    return (2, True) if notes > 2 else (notes, False)


def padding(session: Session, pages: int, templates: Path | None = None) -> bytes:
    """The pages a booklet of ``pages`` A5 pages ends with (``padding_kinds``): a page of
    actions and notes pages up to the next multiple of four that leaves a page over, and
    that last page the back cover with the trainer's contact (a handout of 8 pages gets
    a page of actions, 2 notes pages and the back cover)."""
    from werkvorm.render.documents import render_document

    notes, actions = padding_kinds(pages)
    return render_document(
        "booklet-back.html.j2",
        session,
        templates,
        document="handout-booklet.pdf",
        extra={"notes": notes, "actions": actions},
    )


def booklet(handout: bytes, title: str, back: bytes = b"") -> bytes:
    """An A5 handout imposed as a booklet (without its own notes page), padded with
    ``back``'s pages."""
    out = pikepdf.new()
    impose_into(out, _pages(out, handout, back)[0])
    return save_pdf(out, title)


def personal_booklets(
    handout: bytes, names: HandoutNames, count: int, title: str, back: bytes = b""
) -> bytes:
    """Every participant's copy of an A5 handout as its own booklet, in one PDF: the
    handout's pages once, each participant's names stamped over them on every sheet."""
    out = pikepdf.new()
    forms, height = _pages(out, handout, back)
    for n in range(count):
        cover, footer = names.forms(out, n, height)
        impose_into(out, forms, [cover] + [footer] * (len(forms) - 1))
    return save_pdf(out, title)


def booklets(
    session: Session,
    documents: dict[str, bytes],
    templates: Path | None = None,
    findings: list[str] | None = None,
) -> dict[str, bytes]:
    """``handout-booklet.pdf`` (and, with participants, every personal copy as a booklet
    in ``participants/all-handouts-booklet.pdf``), from the A5 layout of the handout: the
    kit's own handout when it is A5, else one laid out on A5 for the booklet."""
    from werkvorm.render import personal
    from werkvorm.render.documents import handout_pdf

    a5 = session if session.paper == "a5" else session.model_copy(update={"paper": "a5"})
    handout = documents.get("handout.pdf") if session.paper == "a5" else None
    if handout is None:
        handout = handout_pdf(a5, templates, findings=None)
    back = padding(a5, content_pages(handout), templates)
    out = {"handout-booklet.pdf": booklet(handout, f"{session.title} (booklet)", back)}
    if session.participants:
        count = len(session.participants)
        out["participants/all-handouts-booklet.pdf"] = personal_booklets(
            handout,
            personal.HandoutNames(a5, templates),
            count,
            f"{session.title}: {count} (booklets)",
            back,
        )
    return out
