"""A page left under half full because an exercise box moved on with its worksheet is
filled back (render/flow.py ``_fill_back``): the worksheet first gives up one writing line
a question and one blank row a table (never below 2 lines, 3 rows) when that makes it fit
the page before; else, when that page is a left-hand one, the box stays there and its
worksheet faces it; else the page stays, and ``check --verbose`` says why. A fill back
that leaves the handout emptier than before (the hole only moved on) is undone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from werkvorm.compose.session import SessionExercise, SessionItem, WorksheetEntry
from werkvorm.render import flow
from werkvorm.render.paper import paper

A4, A5 = paper("a4"), paper("a5")


def _exercise(lines: int = 4, rows: int = 4) -> SessionExercise:
    return SessionExercise(
        title="Say no",
        instructions="Take turns.",
        worksheet=[
            WorksheetEntry(kind="question", text="What did you say?", lines=lines),
            WorksheetEntry(kind="question", text="Short?", lines=2),
            WorksheetEntry(kind="table", columns=["A", "B"], rows=rows),
            WorksheetEntry(kind="scale", text="I know what to say."),
        ],
    )


def _item(ex: SessionExercise) -> SessionItem:
    return SessionItem.model_construct(id="b3", number=3, title="Titel", exercise=ex)


def test_a_tightened_worksheet_gives_up_one_line_and_one_row_down_to_its_floor() -> None:
    tight = flow.Flow(True, True, False, False, trim=1)
    assert [tight.lines(n) for n in (1, 2, 3, 4, 6)] == [1, 2, 2, 3, 5]
    assert [tight.rows(n) for n in (2, 3, 4, 8)] == [2, 3, 3, 7]
    plain = flow.Flow(True, True, False, False)
    assert [plain.lines(4), plain.rows(4)] == [4, 4]
    # 4 lines lose one (9 mm), the 2-line question none, 4 rows lose one (11 mm)
    assert flow.trimmed_mm(_exercise(), 1) == 20.0
    assert flow.trimmed_mm(_exercise(lines=2, rows=3), 1) == 0.0


def _moved(fill: float, page: int = 6, tall: float = 0.6, ws: float = 0.45) -> Any:
    """The block's heading, box and worksheet moved whole to ``page``; the page before
    it is ``fill`` full."""
    fills = [0.9] * 10
    fills[page - 2] = fill
    opens = [""] * 10
    opens[page - 1] = "b3"
    placed = flow.Placed(3, "Titel", page, page, page, page, tall_ex=tall - 0.1,
                         tall_block=tall, tall_ws=ws)  # fmt: skip
    return flow.Placement(fills, [False] * 10, opens, {"b3": placed}), placed


WHOLE = flow.Flow(worksheet_whole=True, exercise_whole=True, block_whole=True, short_intro=True)


def test_a_worksheet_that_fits_the_page_before_when_tightened_is_tightened() -> None:
    # 1 - 0.45 - 12 mm leaves 0.50 of the page; 0.58 less 20 mm (0.08) fits
    at, placed = _moved(0.45, tall=0.58)
    assert flow._fill_back(WHOLE, placed, at, _item(_exercise()), A4) == flow.replace(WHOLE, trim=1)
    # it would not fit tightened: a right-hand page before stays (its sheet turns over)
    at, placed = _moved(0.45, tall=0.7)
    assert flow._fill_back(WHOLE, placed, at, _item(_exercise()), A4) is None
    # a page half full or more is left as it is
    at, placed = _moved(0.5, tall=0.58)
    assert flow._fill_back(WHOLE, placed, at, _item(_exercise()), A4) is None


def test_a_box_stays_on_a_left_hand_page_and_its_worksheet_faces_it() -> None:
    at, placed = _moved(0.4, page=9, tall=0.7, ws=0.5)  # page 8 is a left-hand page
    facing = flow.replace(WHOLE, facing=True, exercise_whole=False, block_whole=False)
    assert flow._fill_back(WHOLE, placed, at, _item(_exercise()), A5) == facing
    assert flow._fill_back(facing, placed, at, _item(_exercise()), A5) is None  # for good
    # heading and box would not bring the page to half full: no point parting them
    at, placed = _moved(0.2, page=9, tall=0.75, ws=0.7)
    as_written = _item(_exercise(lines=2, rows=3))  # (nothing to tighten)
    assert flow._fill_back(WHOLE, placed, at, as_written, A5) is None


def test_a_tightened_worksheet_that_still_did_not_fit_prints_as_written() -> None:
    at, placed = _moved(0.45, tall=0.7)
    tight = flow.replace(WHOLE, trim=1)
    assert flow._fill_back(tight, placed, at, _item(_exercise()), A4) == flow.replace(
        WHOLE, tried=True
    )
    tried = flow.replace(WHOLE, tried=True)
    assert flow._fill_back(tried, placed, at, _item(_exercise()), A4) is None


# -- on the real layout ------------------------------------------------------------------

SENTENCE = "Before the exercise we look at what you already say when a request comes in late. "


def _trim_workshop(root: Path) -> Path:
    """An A4 workshop whose opening runs a few lines onto page 3, and whose exercise with
    three 4-line questions is a little too tall for the rest of that page."""
    from tests.layout_inputs import WORKSHOP

    pairs = WORKSHOP[WORKSHOP.index("  - title: Practice in pairs") : WORKSHOP.index("takeaways:")]
    pairs = pairs.replace("lines: 6", "lines: 4").replace(
        "  - title: Closing",
        "        - question: What will you say next time?\n          lines: 4\n  - title: Closing",
    )
    opening = f'  - title: Opening\n    minutes: 20\n    intro: "{(SENTENCE * 38).strip()}"\n'
    head = "title: Saying no\nlanguage: en\nduration: 2h\nsummary: A short workshop.\n"
    text = f"{head}goals: [Say no clearly.]\nagenda:\n{opening}{pairs}"
    path = root / "workshops" / "trim.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _laid(root: Path, path: Path, paper_name: str = "") -> tuple[Any, Any]:
    from werkvorm.compose import compose
    from werkvorm.compose.trainer import apply_project_file
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render.documents import handout_layout

    project = Project(root)
    inputs = load_inputs(project, project.kind_of(path), path)
    session, _ = apply_project_file(project, compose(inputs.workshop, inputs.client), inputs.client)
    if paper_name:
        session = session.model_copy(update={"paper": paper_name})
    return session, handout_layout(session)


def _lines_per_question(document: Any) -> list[int]:
    found: list[int] = []

    def walk(box: Any) -> None:
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        if "ws-lines" in classes and getattr(box, "element_tag", "") == "div":
            found.append(sum(1 for c in box.children if "line" in (c.element.get("class") or "")))
            return
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.layout_inputs import make_project

    return make_project(tmp_path_factory.mktemp("fill"))


@pytest.mark.slow
def test_a_worksheet_one_line_a_question_short_of_the_page_before_is_tightened(
    root: Path,
) -> None:
    """Before: page 3 held the opening's last lines (17 %) and the exercise with its three
    4-line questions moved whole to page 4; the handout had 6 pages. (Now 4: the closing
    page has room for the notes, which would have taken a sheet of their own.)"""
    session, laid = _laid(root, _trim_workshop(root))
    at = flow.placements(laid.document, session)
    block = at.blocks[session.blocks[1].id]
    assert (block.first, block.exercise, block.ws_first) == (3, 3, 3)
    assert flow.half_empty(at) == []
    assert len(at.fills) == 4  # 5 before its notes page went under the closing
    assert _lines_per_question(laid.document) == [3, 3, 3]
    assert flow.tightened(at) == [
        "handout page 3: the worksheet of block 2 'Practice in pairs' has one writing line "
        "fewer per question (one blank row fewer per table, never under 2 lines or 3 rows), "
        "so that it fits on this page with its exercise box instead of leaving the page half "
        "empty"
    ]


@pytest.mark.slow
def test_spagaat_on_a5_keeps_a_box_on_its_left_hand_page_facing_its_worksheet(
    root: Path,
) -> None:
    """Before: page 8 held block 5's heading and intro (37 %), its box and worksheet
    started page 9 together; the box now stays on page 8 and faces the worksheet."""
    session, laid = _laid(root, root / "workshops" / "spagaat.yaml", "a5")
    at = flow.placements(laid.document, session)
    block = at.blocks["gelijkgestemden"]
    assert (block.first, block.exercise, block.ws_first) == (8, 8, 9)
    assert flow.half_empty(at) == []
    assert len(at.fills) == 13  # was 14
    assert (
        "handout page 8 ends with the exercise box of block 5 'Stap 4: zoek gelijkgestemden', "
        "and its worksheet faces it on page 9"
    ) in flow.facing(at)
    assert _lines_per_question(laid.document) == [4, 4, 4, 3, 3, 3]  # none tightened


@pytest.mark.slow
def test_a_fill_back_that_only_moves_the_hole_on_is_undone(root: Path) -> None:
    """Strategieschrijvers on A5: keeping block 4's box on page 6 (43 %) would leave
    page 8 31 % full instead; the handout keeps its pages, page 6 ends with room for
    notes, and says why."""
    session, laid = _laid(root, root / "workshops" / "strategieschrijvers.yaml", "a5")
    at = flow.placements(laid.document, session)
    assert flow.half_empty(at) == []
    assert flow.noted(at) == [
        "handout page 6 ends with room for notes: the exercise and worksheet of block 4 "
        "'Regels of een eigen netiquette?' need a page of their own"
    ]
    assert len(at.fills) == 12


def _zwartwater_11(root: Path) -> Path:
    """Zwartwater on the awkward workshop without its question 12."""
    from tests.layout_inputs import CLIENTS, WORKSHOP

    question = "Question 12: what would you say to a colleague who asks why this matters?"
    text = WORKSHOP.replace(f'\n        - question: "{question}"\n          lines: 3', "")
    (root / "workshops" / "edge-11.yaml").write_text(text, encoding="utf-8")
    client = root / "workshops" / "clients" / "zwartwater-11.yaml"
    client.write_text(CLIENTS["zwartwater"].replace("edge-en", "edge-11"), encoding="utf-8")
    return client


@pytest.mark.slow
def test_zwartwater_keeps_block_3_with_its_box_on_page_6_facing_its_worksheet(
    root: Path,
) -> None:
    """The final review's zwartwater (Letter): page 6 held Q11, the last question of the
    big worksheet (here the awkward one without Q12), and its scale, 44 % full; block 3
    started page 7. Its heading, intro and box now stay on page 6, the worksheet faces
    them on page 7 (6|7 is a spread)."""
    session, laid = _laid(root, _zwartwater_11(root))
    at = flow.placements(laid.document, session)
    block = at.blocks[session.blocks[2].id]
    assert (block.first, block.exercise, block.ws_first) == (6, 6, 7)
    assert flow.half_empty(at) == []
    assert min(at.fills[1:-2]) >= flow.HALF  # was page 6: 44 %
    assert flow.facing(at) == [
        "handout page 6 ends with the exercise box of block 3 'Practice in pairs', and its "
        "worksheet faces it on page 7"
    ]


def _on_paper(root: Path, client: Path, paper_name: str, tmp: Path) -> tuple[list[float], Any]:
    """How far down ink reaches on each page of the handout as printed (pixels), and
    where its parts landed."""
    from tests import pdfmeasure as m

    session, laid = _laid(root, client, paper_name)
    path = tmp / "handout.pdf"
    path.write_bytes(laid.write())
    margin = {"a4": 22, "a5": 17, "letter": 20}[session.paper] + 6
    pdf = m.open_pdf(path)
    fills = [m.fill(pdf[n], margin, margin) for n in range(len(pdf))]
    return fills, flow.placements(laid.document, session)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "paper_name"),
    [("clients/zwartwater.yaml", ""), ("clients/zwartwater-11.yaml", ""),
     ("clients/waterschap-lage-weiden.yaml", ""), ("spagaat.yaml", "a5"), ("trim.yaml", ""),
     ("spagaat.yaml", ""), ("strategieschrijvers.yaml", ""), ("spagaat.yaml", "letter"),
     ("strategieschrijvers.yaml", "letter"), ("clients/agentschap-brugwerk.yaml", ""),
     ("converserende-overheid.yaml", ""), ("zes-competenties.yaml", "")],
)  # fmt: skip
def test_every_page_but_the_closing_ones_is_half_full_on_paper(
    root: Path, tmp_path: Path, name: str, paper_name: str
) -> None:
    """Measured on the PDF: no page but the cover, the last page and the page the whole
    closing (takeaways and sources) is on is under half full; a page the closing only
    runs onto counts. (Spagaat on A4 was 44 % and 37 % on pages 3 and 5,
    strategieschrijvers 44 % on page 3: those pages now end with room for notes;
    Agentschap Brugwerk's page 8 held only its last two sources, 15 %.)"""
    made = {"trim.yaml": _trim_workshop, "clients/zwartwater-11.yaml": _zwartwater_11}
    client = made[name](root) if name in made else root / "workshops" / name
    fills, at = _on_paper(root, client, paper_name, tmp_path)
    first, last = at.closing
    free = {1, len(fills), first} if first == last else {1, len(fills)}
    low = [f"page {n}: {f:.0%}" for n, f in enumerate(fills, 1) if f < flow.HALF and n not in free]
    assert low == []


# -- room for notes ----------------------------------------------------------------------


def _together(fill: float, first: int = 4) -> Any:
    """Block 3's box and worksheet start page 4 together; page 3 is ``fill`` full, and
    the block's heading is on page ``first``."""
    fills = [0.9] * 10
    fills[2] = fill
    opens = [""] * 10
    opens[3] = "b3"
    placed = flow.Placed(3, "Titel", first, 4, 4, 4)
    return flow.Placement(fills, [False] * 10, opens, {"b3": placed})


def _session(*items: SessionItem) -> Any:
    from werkvorm.compose.session import Session

    return Session.model_construct(paper="a4", items=list(items))


def test_a_page_an_exercise_with_its_worksheet_left_under_half_full_is_ruled_for_notes() -> None:
    session = _session(_item(_exercise()).model_copy(update={"kind": "block", "intro": ""}))
    # A4: 253 mm of text area; 56 % free is 141.7 mm, less 18 mm above and 5 mm below
    noted = flow.with_notes({}, _together(0.44), session)
    assert (noted["b3"].notes, noted["b3"].notes_in) == (13, False)
    # the block's heading and intro stayed on page 3: the area goes between them and the box
    assert flow.with_notes({}, _together(0.44, first=3), session)["b3"].notes_in
    # half full, or too little room for 4 lines: nothing
    assert flow.with_notes({}, _together(0.5), session) == {}
    # a page that is left so for another reason (the worksheet alone moved on): nothing
    at = _together(0.44)
    at.blocks["b3"].exercise = 3
    assert flow.with_notes({}, at, session) == {}


def test_notes_are_kept_only_when_nothing_else_moved() -> None:
    plan = {"b3": flow.replace(WHOLE, notes=13)}
    at = _together(0.44)
    now = _together(0.95)
    now.rooms = {"b3": {3}}
    assert flow._kept(at, now, plan)
    assert flow.noted(now) == [
        "handout page 3 ends with room for notes: the exercise and worksheet of block 3 "
        "'Titel' need a page of their own"
    ]
    over = _together(0.95)
    over.rooms = {"b3": {3, 4}}  # the area ran over onto the next page
    assert not flow._kept(at, over, plan)
    more = _together(0.95)
    more.fills.append(0.5)  # a page more
    more.opens.append("")
    more.blank.append(False)
    more.rooms = {"b3": {3}}
    assert not flow._kept(at, more, plan)


def _words(pdf: Path, page: int) -> list[str]:
    """The words of a page from top to bottom, each line left to right."""
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        words = opened.pages[page - 1].extract_words()
    return [w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"]))]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "paper_name", "pages", "ruled"),
    [("spagaat.yaml", "", 10, [3, 5]), ("spagaat.yaml", "letter", 10, [3, 5]),
     ("strategieschrijvers.yaml", "", 8, [3]), ("strategieschrijvers.yaml", "letter", 9, [3, 6]),
     ("spagaat.yaml", "a5", 13, []), ("strategieschrijvers.yaml", "a5", 12, [6])],
)  # fmt: skip
def test_a_page_left_under_half_full_ends_with_room_for_notes_in_the_kit_language(
    root: Path, tmp_path: Path, name: str, paper_name: str, pages: int, ruled: list[int]
) -> None:
    """The page keeps what it held and ends with "Aantekeningen" over ruled lines down
    to a little above the page foot; the handout keeps its page count."""
    session, laid = _laid(root, root / "workshops" / name, paper_name)
    path = tmp_path / "handout.pdf"
    path.write_bytes(laid.write())
    at = flow.placements(laid.document, session)
    assert len(at.fills) == pages  # as before the notes
    assert sorted(min(p) for p in at.rooms.values()) == ruled
    for page in ruled:  # the last words of the page, then its footer "pagina 3 van 10"
        last = ["Aantekeningen", "pagina", str(page), "van", str(pages)]
        assert _words(path, page)[-5:] == last
        assert flow.HALF < at.fills[page - 1] < 1.0
    found = [n for n in range(1, pages + 1) if "Aantekeningen" in _words(path, n)]
    assert found == [*ruled, pages]  # and the notes page at the end


@pytest.mark.parametrize(
    ("name", "heading"),
    [("spagaat.yaml", "Aantekeningen"), ("edge-en.yaml", "Notes"),
     ("clients/harbourside.yaml", "Notes")],
)  # fmt: skip
def test_the_notes_area_is_headed_in_the_kit_language_and_ruled_as_planned(
    root: Path, name: str, heading: str
) -> None:
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render.documents import layout_request

    project = Project(root)
    path = root / "workshops" / name
    inputs = load_inputs(project, project.kind_of(path), path)
    session = compose(inputs.workshop, inputs.client)
    block = next(b for b in session.blocks if b.exercise)
    fl = flow.replace(flow.block_flow(block, paper(session.paper)), notes=6)
    html = layout_request(
        "handout.html.j2", session, document="handout.pdf", extra={"plan": {block.id: fl}}
    ).html
    area = html[html.index(f'<section class="notes-room" id="notes-{block.id}">') :]
    area = area[: area.index("</section>")]
    assert f"<h3>{heading}</h3>" in area and area.count('<div class="line"></div>') == 6
    assert html.index(area) < html.index(f'id="block-{block.id}"')  # before the block
    inside = {block.id: flow.replace(fl, notes_in=True)}
    html = layout_request(
        "handout.html.j2", session, document="handout.pdf", extra={"plan": inside}
    ).html
    assert (
        html.index(f'id="block-{block.id}"')
        < html.index('class="notes-room"')
        < html.index('class="ex-ws')
    )
