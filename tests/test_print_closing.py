"""The handout's closing (takeaways and sources) and the notes after it (render/flow.py
``CLOSING``), and the booklet's padding (render/booklet.py): a closing that would run a
few sources onto a page of their own is tightened onto one page; a notes page that
would take a sheet of its own becomes ruled lines under the closing; no page but the
last, and the page the whole closing is on, is under half full; a booklet leaves out the
handout's own notes page and never pads with more than two notes pages in a row."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from werkvorm.compose.session import SessionItem
from werkvorm.render import booklet, flow
from werkvorm.render.paper import paper


def _placement(fills: list[float], closing: tuple[int, int], notes_page: int) -> Any:
    blocks = {"b6": flow.Placed(6, "Afsluiting", first=7, exercise=7, ws_first=7, ws_last=7)}
    at = flow.Placement(fills, [False] * len(fills), [""] * len(fills), blocks)
    at.closing, at.notes_page = closing, notes_page
    return at


FILLS = [1, 0.9, 0.6, 0.6, 1, 0.6, 0.9, 0.15, 0.85]  # Agentschap Brugwerk, as it was


def test_a_page_the_closing_only_runs_onto_is_not_let_off_as_the_closing_page() -> None:
    at = _placement(FILLS, (7, 8), 9)
    assert [e.sentence() for e in flow.half_empty(at)] == [
        "handout page 8 is 85 % empty: the closing (takeaways and sources) runs on from "
        "page 7 and ends here; even with narrower gaps and the last worksheet one line "
        "shorter it does not fit on page 7"
    ]
    # the whole closing on page 8, the notes page after it: allowed, and said
    whole = _placement(FILLS, (8, 8), 9)
    assert flow.half_empty(whole) == []
    assert flow.short_closing(whole) == [
        "handout page 8 is 85 % empty: it holds the closing (takeaways and sources) and "
        "ends the handout; the notes page follows on page 9"
    ]


def _session(*items: SessionItem) -> Any:
    from werkvorm.compose.session import Session

    return Session.model_construct(paper="a4", items=list(items))


def _block6() -> SessionItem:
    from werkvorm.compose.session import SessionExercise, WorksheetEntry

    sheet = [WorksheetEntry(kind="question", text="Mijn eerste stap", lines=3)]
    ex = SessionExercise(title="Mijn eerste stap", instructions="Schrijf.", worksheet=sheet)
    return SessionItem.model_construct(
        id="b6", number=6, title="Afsluiting", kind="block", intro="", exercise=ex
    )


def test_a_closing_run_onto_a_short_page_is_tightened_with_the_last_worksheet() -> None:
    session = _session(_block6())
    plan = flow._tighten_closing({}, _placement(FILLS, (7, 8), 9), session)
    assert plan[flow.CLOSING].trim == flow.TRIM and plan["b6"].trim == flow.TRIM
    # a closing on one page, or one that runs onto a page it fills half, stays
    for closing, fill in (((8, 8), 0.15), ((7, 8), 0.6)):
        fills = [*FILLS[:7], fill, 0.85]
        assert flow._tighten_closing({}, _placement(fills, closing, 9), session) == {}


def test_a_notes_page_that_would_open_a_sheet_becomes_lines_under_the_closing() -> None:
    session = _session(_block6())
    # page 8 (the closing) 30 % full, the notes page 9 would take a sheet of its own
    fills = [*FILLS[:7], 0.3, 0.85]
    plan = flow._closing_notes({}, _placement(fills, (8, 8), 9), session)
    # 70 % of the A4 text area (253 mm) less the heading and the foot: 17 lines of 9 mm
    assert plan == {flow.CLOSING: flow.Flow(False, False, False, False, notes=17)}
    # on the back of the closing's sheet it saves no paper: the notes page stays
    even = _placement([*fills[:7], 0.9, 0.3, 0.85], (9, 9), 10)
    assert flow._closing_notes({}, even, session) == {}
    # too little room under the closing for 8 lines: the notes page stays
    full = _placement([*fills[:7], 0.65, 0.85], (8, 8), 9)
    assert flow._closing_notes({}, full, session) == {}


def test_the_booklet_pads_to_four_with_as_few_pages_and_two_notes_pages_at_most() -> None:
    for pages in range(1, 30):
        notes, actions = booklet.padding_kinds(pages)
        total = pages + actions + notes + 1  # and the back cover
        assert total % 4 == 0 and total - pages <= 4, pages
        assert notes <= 2, pages
    # 11 pages and the back cover fill 3 sheets; 8 get a page of actions, 2 notes pages
    assert [booklet.padding_kinds(n) for n in (8, 9, 10, 11)] == [
        (2, True),
        (2, False),
        (1, False),
        (0, False),
    ]


# -- on the real layout, measured on the PDF ---------------------------------------------


def _laid(path: Path) -> tuple[Any, Any]:
    from werkvorm.compose import compose
    from werkvorm.compose.trainer import apply_project_file
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render.documents import handout_layout

    project = Project(REPO)
    inputs = load_inputs(project, project.kind_of(path), path)
    session, _ = apply_project_file(project, compose(inputs.workshop, inputs.client), inputs.client)
    return session, handout_layout(session)


def _pages(pdf: Path) -> list[list[str]]:
    """The words of every page, top to bottom, each line left to right."""
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        pages = [page.extract_words() for page in opened.pages]
    return [[w["text"] for w in sorted(p, key=lambda w: (round(w["top"]), w["x0"]))] for p in pages]


def _fills(pdf: Path) -> list[float]:
    from tests import pdfmeasure as m

    opened = m.open_pdf(pdf)
    return [m.fill(opened[n], 28, 28) for n in range(len(opened))]  # A4: 22 mm + 6


def _page_of(pages: list[list[str]], *words: str) -> list[int]:
    return [n for n, page in enumerate(pages, 1) if all(w in page for w in words)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "count", "closing", "notes"),
    [("clients/agentschap-brugwerk.yaml", 8, 7, "Notities"),  # nl-BE
     ("converserende-overheid.yaml", 9, 8, "Aantekeningen")],
)  # fmt: skip
def test_the_closing_with_all_its_sources_fits_the_page_it_starts_on(
    tmp_path: Path, name: str, count: int, closing: int, notes: str
) -> None:
    """Brugwerk was 9 pages: page 8 held only the last two sources (15 % full), the list
    split front to back of a sheet; generic was 10 pages, page 9 11 %."""
    session, laid = _laid(REPO / "workshops" / name)
    path = tmp_path / "handout.pdf"
    path.write_bytes(laid.write())
    pages = _pages(path)
    assert len(pages) == count
    assert _page_of(pages, "Om", "mee", "te", "nemen") == [closing]
    assert _page_of(pages, "Bronnen", "masterproef,") == [closing]  # the list whole
    assert _page_of(pages, notes)[-1] == count  # the notes page follows
    fills = _fills(path)
    assert [f"page {n}" for n in range(2, count) if fills[n - 1] < flow.HALF] == []
    at = flow.placements(laid.document, session)
    assert at.closing == (closing, closing) and at.closing_tight
    assert flow.tightened(at)[-1].endswith(
        "has one writing line fewer per question (one blank row fewer per table, never "
        "under 2 lines or 3 rows), so that the closing (takeaways and sources) fits on "
        "this page with it instead of running a few entries onto the next"
    )


@pytest.mark.slow
def test_the_notes_go_under_a_short_closing_when_that_saves_a_sheet(tmp_path: Path) -> None:
    """Generic zes-competenties was 9 pages: the closing 31 % full on page 8, then a whole
    notes page 9 on a sheet of its own."""
    session, laid = _laid(REPO / "workshops" / "zes-competenties.yaml")
    path = tmp_path / "handout.pdf"
    path.write_bytes(laid.write())
    pages = _pages(path)
    assert len(pages) == 8
    assert _page_of(pages, "Om", "mee", "te", "nemen") == [8]  # the closing ...
    assert pages[-1][-5:] == ["Aantekeningen", "pagina", "8", "van", "8"]  # ... its notes
    assert _page_of(pages, "Aantekeningen") == [8]  # no notes page
    assert _fills(path)[-1] > 0.9
    at = flow.placements(laid.document, session)
    assert at.notes_page == 0 and at.closing_room == 8
    assert flow.noted(at)[-1] == (
        "handout page 8 ends with room for notes under the closing, instead of a notes "
        "page that would take a sheet of its own"
    )


@pytest.mark.slow
def test_the_booklet_leaves_out_the_handouts_notes_page(tmp_path: Path) -> None:
    """Lage Weiden: 12 pages with its own notes page were padded to 16 (4 sheets, pages
    12 to 15 notes); now 11 pages and the back cover fill 3 sheets."""
    from werkvorm.render.documents import handout_pdf

    session, _ = _laid(REPO / "workshops" / "clients" / "waterschap-lage-weiden.yaml")
    handout = handout_pdf(session)
    path = tmp_path / "handout.pdf"
    path.write_bytes(handout)
    pages = _pages(path)
    assert len(pages) == 12 and _page_of(pages, "Aantekeningen") == [12]
    assert booklet.content_pages(handout) == 11
    made = booklet.booklets(session, {"handout.pdf": handout})["handout-booklet.pdf"]
    (tmp_path / "booklet.pdf").write_bytes(made)
    sides = _pages(tmp_path / "booklet.pdf")
    assert len(sides) == 6  # 3 sheets, both sides
    assert all("Aantekeningen" not in side for side in sides)  # no notes page at all
    assert "contact@opengesprek.example" in sides[0]  # the back cover, next to the cover


@pytest.mark.slow
def test_a_paragraph_never_leaves_its_last_two_lines_alone_over_a_page_turn(
    tmp_path: Path,
) -> None:
    """Lage Weiden: the last two lines of block 2's paragraph ("een gewone functie, niet
    om wie het organisatieaccount beheert, en om openbare social media.") opened page 4,
    the back of the sheet; a paragraph now keeps three lines on each side of a break, so
    this five-line one starts page 4 whole."""
    import pdfplumber

    _, laid = _laid(REPO / "workshops" / "clients" / "waterschap-lage-weiden.yaml")
    path = tmp_path / "handout.pdf"
    path.write_bytes(laid.write())
    with pdfplumber.open(path) as opened:
        page3, page4 = (opened.pages[n].extract_text().split("\n") for n in (2, 3))
    assert page3[-2:] == ["stemmen over de inrichting van twee pleinen.", "pagina 3 van 12"]
    assert page4[1:6] == [
        "Hij spreekt van professionele competenties omdat ze in je",
        "beoordelingsgesprek aan bod kunnen komen: ze verbinden je gebruik van",
        "social media met je verantwoordelijkheid. Het gaat om medewerkers met",
        "een gewone functie, niet om wie het organisatieaccount beheert, en om",
        "openbare social media.",
    ]


# -- a box a page turn away from its heading ---------------------------------------------


def test_a_block_whose_box_is_a_page_turn_from_its_heading_may_start_the_next_page() -> None:
    fills = [1, 0.9, 0.62, 0.6, 0.9, 0.9]
    opens = ["", "b1", "b1", "b3", "b4", "b5"]

    def turnable(first: int, exercise: int, tall: float) -> bool:
        placed = flow.Placed(3, "Praten", first, exercise, exercise, exercise, tall_block=tall)
        at = flow.Placement(fills, [False] * 6, opens, {"b3": placed})
        return flow._turnable(flow.Flow(True, True, False, False), placed, at)

    assert turnable(3, 4, 0.85)  # heading on right-hand page 3, its box over the page
    assert not turnable(2, 3, 0.85)  # a spread: the box faces its heading
    assert not turnable(3, 3, 0.85)  # the box is on the heading's page
    assert not turnable(3, 4, 0.95)  # the whole block would not fit one page


def _block3(lines: int) -> SessionItem:
    from werkvorm.compose.session import SessionExercise, WorksheetEntry

    sheet = [WorksheetEntry(kind="question", text=f"Vraag {n}", lines=lines) for n in (1, 2, 3)]
    ex = SessionExercise(title="Van aankondiging naar gesprek", instructions=".", worksheet=sheet)
    return SessionItem.model_construct(
        id="b3", number=3, title="Praten", kind="block", intro="", exercise=ex
    )


def test_a_box_on_the_back_of_its_heading_comes_up_with_a_tighter_worksheet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Block 3's heading and intro end right-hand page 3 (60 %), its box and worksheet
    (45 % of a page) open page 4. Starting the block on page 4 would cost a page; three
    questions a line shorter (27 mm, 11 % of A4's text area) fit under the intro: the
    plan trims and pulls it, and keeps that when the box lands on page 3."""
    fills = [1, 0.9, 0.6, 0.6, 0.9, 0.9]
    opens = ["", "b1", "b1", "b3", "b4", "b5"]

    def at(first: int, exercise: int) -> Any:
        placed = flow.Placed(3, "Praten", first, exercise, exercise, exercise, tall_ex=0.45)
        return flow.Placement(fills, [False] * 6, opens, {"b3": placed})

    def pulled(lines: int, lands: int) -> dict[str, flow.Flow]:
        monkeypatch.setattr(flow, "placements", lambda document, session: at(3, lands))
        was = flow.Laid({}, None, at(3, 4))
        layout = type("Layout", (), {"document": None})()
        return flow._pull(lambda plan: layout, was, _session(_block3(lines))).plan

    plan = pulled(5, lands=3)
    assert plan["b3"].trim == flow.TRIM and plan["b3"].pulled
    assert pulled(5, lands=4) == {}  # the box went over all the same: as it was
    assert pulled(2, lands=3) == {}  # at the floor already: nothing to give up
    messages = flow.tightened(
        flow.Placement(
            fills,
            [False] * 6,
            opens,
            {"b3": flow.Placed(3, "Praten", 3, 3, 3, 3, tight=True, pulled=True)},
        )
    )
    assert messages == [
        "handout page 3: the worksheet of block 3 'Praten' has one writing line fewer per "
        "question (one blank row fewer per table, never under 2 lines or 3 rows), so that "
        "its exercise box follows the block's introduction on this page instead of on the "
        "back of the sheet"
    ]
    assert flow.apart(at(3, 4))[0].startswith(
        "handout page 3 ends with the heading and introduction of block 3 'Praten', and "
        "its exercise box is on page 4, the back of the sheet"
    )
    assert flow.apart(at(2, 3)) == [] and flow.apart(at(3, 3)) == []


@pytest.mark.slow
def test_a_pulled_worksheet_is_marked_so_on_the_page() -> None:
    """The layout says which worksheet was tightened to stay with its heading, for
    ``check --verbose``: the plan's ``pulled`` reaches the page and is read back."""
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render.documents import _laid_out

    project = Project(REPO)
    path = REPO / "workshops" / "converserende-overheid.yaml"
    inputs = load_inputs(project, project.kind_of(path), path)
    session = compose(inputs.workshop, inputs.client)
    block = next(b for b in session.blocks if b.number == 3)
    plan = {block.id: replace(flow.block_flow(block, paper("a4")), trim=1, pulled=True)}
    laid = _laid_out("handout.html.j2", session, None, document="handout.pdf", extra={"plan": plan})
    placed = flow.placements(laid.document, session).blocks[block.id]
    assert placed.tight and placed.pulled
    assert not any(
        p.pulled for k, p in flow.placements(laid.document, session).blocks.items() if k != block.id
    )


@pytest.mark.slow
def test_brugwerk_block_3_starts_page_4_with_its_box_and_page_3_ends_with_notes(
    tmp_path: Path,
) -> None:
    """Page 3 (62 %) ended with block 3's heading and intro, its box and worksheet on
    the back of the sheet; the block now starts page 4 whole, page 3 ends with room for
    notes, and the handout keeps its 8 pages."""
    session, laid = _laid(REPO / "workshops" / "clients" / "agentschap-brugwerk.yaml")
    path = tmp_path / "handout.pdf"
    path.write_bytes(laid.write())
    pages = _pages(path)
    assert len(pages) == 8
    assert pages[2][-5:] == ["Notities", "pagina", "3", "van", "8"]
    assert _page_of(pages, "Praten", "mét,", "Werkblad:", "aankondiging") == [4]
    at = flow.placements(laid.document, session)
    assert flow.noted(at)[0] == (
        "handout page 3 ends with room for notes: block 3 'Praten mét, niet óver je klant' "
        "starts page 4 whole, so that its exercise box is not a page turn away from its "
        "heading"
    )


@pytest.mark.slow
def test_three_pages_over_are_a_page_of_actions_two_notes_pages_and_the_back(
    tmp_path: Path,
) -> None:
    session, _ = _laid(REPO / "workshops" / "clients" / "waterschap-lage-weiden.yaml")
    path = tmp_path / "padding.pdf"
    path.write_bytes(booklet.padding(session, 8))  # 8 pages: 3 pages and the back over
    pages = _pages(path)
    assert len(pages) == 4
    assert pages[0][:7] == ["Mijn", "acties", "Wat", "ik", "ga", "doen", "Wanneer"]
    assert pages[0][7:9] == ["Met", "wie"]
    assert [page[:1] for page in pages[1:3]] == [["Aantekeningen"], ["Aantekeningen"]]
    assert "contact@opengesprek.example" in pages[3]
