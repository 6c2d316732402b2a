"""Page flow of the handout and the follow-up, measured on WeasyPrint's layout boxes
(render/flow.py reads the same boxes for ``check --verbose``): a worksheet too tall for
one page starts on a left-hand page, a table or list never leaves one row or item alone,
the exercise box stays with its heading, and no page is under half full unexplained."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import weasyprint
from typer.testing import CliRunner

from tests.conftest import REPO
from tests.layout_inputs import make_project
from werkvorm.cli.main import app
from werkvorm.compose import compose
from werkvorm.compose.session import Session
from werkvorm.compose.trainer import apply_project_file
from werkvorm.kits.build import load_inputs
from werkvorm.project.folder import Project
from werkvorm.render import flow
from werkvorm.render.documents import handout_layout
from werkvorm.resources import builtin_templates

pytestmark = pytest.mark.slow
runner = CliRunner()
AWKWARD = ("geelstad", "zwartwater", "edge-en")  # A5 + booklet, Letter, A4


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("flow"))


def _path(project: Project, stem: str) -> Path:
    return next(p for p in [*project.clients(), *project.workshops()] if p.stem == stem)


def _session(root: Path, stem: str, paper: str = "") -> Session:
    project = Project(root)
    path = _path(project, stem)
    inputs = load_inputs(project, project.kind_of(path), path)
    session, _ = apply_project_file(project, compose(inputs.workshop, inputs.client), inputs.client)
    return session.model_copy(update={"paper": paper}) if paper else session


_LAID: dict[tuple[str, str], tuple[Session, Any]] = {}


def _laid(root: Path, stem: str, paper: str = "") -> tuple[Session, Any]:
    if (stem, paper) not in _LAID:
        session = _session(root, stem, paper)
        _LAID[stem, paper] = (session, handout_layout(session).document)
    return _LAID[stem, paper]


def _classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    if element is None or not getattr(box, "element_tag", ""):
        return []
    return (element.get("class") or "").split()


# -- a worksheet too tall for one page ---------------------------------------------------


@pytest.mark.parametrize("stem", AWKWARD)
def test_a_worksheet_too_tall_for_a_page_starts_on_a_left_hand_page(root: Path, stem: str) -> None:
    session, document = _laid(root, stem)
    big = flow.placements(document, session).blocks[session.blocks[1].id]
    assert big.title == "The big worksheet"
    assert big.ws_last > big.ws_first  # it runs over pages ...
    assert big.ws_first % 2 == 0  # ... from a left-hand page (page 1 is the right-hand cover)
    assert big.first == big.exercise == big.ws_first  # heading and box go with it


def _checked(root: Path, stem: str, *flags: str) -> str:
    client = str(_path(Project(root), stem))
    said = runner.invoke(app, ["check", *flags, "--project", str(root), client])
    return " ".join(said.output.split())


@pytest.mark.parametrize(
    ("stem", "sentence"),
    [
        ("geelstad", "handout page 3 is 85 % empty: the worksheet of block 2 'The big worksheet' "
         "takes 6 pages, so it starts on the left-hand page 4 and opens on a spread"),
        ("zwartwater", "handout page 3 is ruled for notes: the worksheet of block 2 'The big "
         "worksheet' takes 4 pages, so it starts on the left-hand page 4 and opens on a spread"),
    ],
)  # fmt: skip
def test_check_verbose_names_a_half_empty_page_and_the_worksheet_that_left_it(
    root: Path, stem: str, sentence: str
) -> None:
    said = _checked(root, stem, "--verbose")
    assert f"note {sentence}" in said
    assert "% empty" not in _checked(root, stem)  # only --verbose lays the handout out


def test_a_page_left_blank_before_a_left_hand_start_is_ruled_for_notes(root: Path) -> None:
    """The opening block ends low on page 2: the big worksheet's block would start on
    page 3, a right-hand page, so it starts on page 4 and page 3 is a notes page."""
    from tests.layout_inputs import WORKSHOP

    filler = "This paragraph is filler text for the opening block, long enough to wrap. " * 4
    intro = "\\n\\n".join([filler] * 4)
    text = WORKSHOP.replace("    intro: We start with you.", f'    intro: "{intro}"')
    (root / "workshops" / "ruled.yaml").write_text(text, encoding="utf-8")
    session, document = _laid(root, "ruled")
    at = flow.placements(document, session)
    assert at.blank[2] and not any(at.blank[:2] + at.blank[3:])
    assert [e.sentence() for e in flow.half_empty(at)] == [
        "handout page 3 is ruled for notes: the worksheet of block 2 'The big worksheet' "
        "takes 4 pages, so it starts on the left-hand page 4 and opens on a spread"
    ]
    margin = [b.text for b in document.pages[2]._page_box.descendants() if hasattr(b, "text")]
    assert "Notes" in margin  # its heading, in the workshop's language


@pytest.mark.parametrize("stem", AWKWARD)
def test_every_page_a_worksheet_continues_on_says_so_in_its_head(root: Path, stem: str) -> None:
    """Also the first page after a long first item (the checklist) ran over."""
    session, document = _laid(root, stem)
    placed = flow.placements(document, session).blocks
    heads = []
    for page in document.pages:
        margin = [b for b in page._page_box.children if type(b).__name__ == "MarginBox"]
        texts = [t.text for box in margin for t in box.descendants() if hasattr(t, "text")]
        heads.append(any("(continued)" in t for t in texts))
    expected = [False] * len(heads)
    for block in placed.values():
        for n in range(block.ws_first + 1, block.ws_last + 1):
            expected[n - 1] = True
    assert heads == expected


# -- the exercise box stays with its heading -------------------------------------------


@pytest.mark.parametrize(("stem", "paper"), [("spagaat", "a4"), ("spagaat", "letter"),
                                             ("spagaat", "a5"), *((s, "") for s in AWKWARD)])  # fmt: skip
def test_the_exercise_box_stays_with_a_heading_whose_intro_is_short(
    root: Path, stem: str, paper: str
) -> None:
    session, document = _laid(root, stem, paper)
    placed = flow.placements(document, session).blocks
    for item in session.blocks:
        if item.exercise and flow.block_flow(item, flow.paper(session.paper)).short_intro:
            block = placed[item.id]
            assert block.first == block.exercise, f"{paper or stem}: {block}"


def test_the_reviews_half_empty_spagaat_pages_are_filled(root: Path) -> None:
    """Generic spagaat page 3 (45 % empty) and 4: the exercise box now stays with its
    heading, the worksheet moves whole: no page under half full, one page fewer."""
    session, document = _laid(root, "spagaat")
    assert flow.half_empty(flow.placements(document, session)) == []
    assert len(document.pages) == 9


# -- tables and lists keep company -----------------------------------------------------


def _rows_per_page(document: Any) -> list[list[int]]:
    """For every table of a worksheet: the number of its body rows on each page."""
    counts: dict[int, dict[int, int]] = {}

    def walk(box: Any, table: int | None, page: int) -> None:
        if "ws-table" in _classes(box):
            table = id(box.element)
        if getattr(box, "is_header", False):
            return  # the repeated head row
        if table is not None and getattr(box, "element_tag", "") == "tr":
            counts.setdefault(table, {}).setdefault(page, 0)
            counts[table][page] += 1
            return
        for child in getattr(box, "children", ()):
            walk(child, table, page)

    for n, page in enumerate(document.pages):
        walk(page._page_box, None, n)
    return [list(pages.values()) for pages in counts.values()]


@pytest.mark.parametrize(("stem", "paper"), [("geelstad", ""), ("geelstad", "letter"),
                                             ("zwartwater", ""), ("edge-en", "a5")])  # fmt: skip
def test_a_table_splits_with_two_rows_on_each_side_or_moves_whole(
    root: Path, stem: str, paper: str
) -> None:
    _, document = _laid(root, stem, paper)
    tables = _rows_per_page(document)
    assert tables, "no worksheet table found"
    for rows in tables:
        assert sum(rows) == 8
        assert len(rows) == 1 or min(rows) >= 2, rows


def _table_rows(css: str, before_mm: float) -> list[tuple[int, int]]:
    """(head rows, body rows) on each page of an 8-row worksheet table after
    ``before_mm`` of other content, styled by the handout's table rules."""
    cells = "<td></td>" * 5
    html = (
        f"<style>@page {{ size: A5; margin: 17mm }} td {{ padding: 0 }} {css}</style>"
        f'<div style="height: {before_mm}mm"></div><div class="ws-item ws-table long">'
        '<table class="ws-table"><thead><tr><th>One</th><th>Two</th></tr></thead><tbody>'
        + f"<tr>{cells}</tr>" * 8
        + "</tbody></table></div>"
    )
    found = []
    for page in weasyprint.HTML(string=html).render().pages:
        rows = [b for b in page._page_box.descendants() if type(b).__name__ == "TableRowBox"]
        head = sum(1 for r in rows if r.element.find("th") is not None)
        if len(rows) > head:
            found.append((head, len(rows) - head))
    return found


def test_a_table_never_leaves_one_row_alone_and_repeats_its_head() -> None:
    handout = (builtin_templates() / "handout.css").read_text(encoding="utf-8")
    css = "\n".join(line for line in handout.splitlines() if line.startswith(".ws-table"))
    for before in range(60, 170, 4):  # the table meets the foot of the page at every row
        pages = _table_rows(css, before)
        assert sum(rows for _, rows in pages) == 8
        assert all(head == 1 for head, _ in pages), (before, pages)
        assert len(pages) == 1 or min(rows for _, rows in pages) >= 2, (before, pages)


def _list_pages(css: str, before_mm: float, items: int) -> list[int]:
    """Items of a follow-up list on each page, after ``before_mm`` of other content."""
    lis = "".join(f"<li>Takeaway number {n} of the list</li>" for n in range(items))
    html = (
        f"<style>@page {{ size: A5; margin: 18mm 20mm }} {css}</style>"
        f'<div style="height: {before_mm}mm"></div>'
        f'<section class="fu-section short"><h2>Takeaways</h2><ul class="takeaways">{lis}</ul>'
        "</section>"
    )
    counts = []
    for page in weasyprint.HTML(string=html).render().pages:
        texts = [b for b in page._page_box.descendants() if type(b).__name__ == "TextBox"]
        counts.append(sum(1 for t in texts if t.text.startswith("Takeaway number")))
    return [c for c in counts if c]


@pytest.mark.parametrize("items", [2, 3, 4, 5, 7])
def test_a_follow_up_list_never_leaves_one_item_alone(items: int) -> None:
    css = (builtin_templates() / "followup.css").read_text(encoding="utf-8")
    for before in range(100, 172, 3):  # the list meets the foot of the page at every item
        pages = _list_pages(css, before, items)
        if items <= 4:
            assert len(pages) == 1, (before, pages)
        else:
            assert min(pages) >= 2, (before, pages)


# -- the library -------------------------------------------------------------------------


def _library() -> list[Path]:
    project = Project(REPO)
    return [*project.workshops(), *project.clients()]


@pytest.mark.parametrize("path", _library(), ids=lambda p: p.stem)
def test_no_library_handout_has_an_unexplained_half_empty_page(path: Path) -> None:
    from werkvorm.kits.checks import check_file

    notes = [p.message for p in check_file(Project(REPO), path, deck=False, layout=True)]
    notes = [n for n in notes if n.startswith("handout page")]
    assert [n for n in notes if "nothing explains it" in n] == []


# -- what check --verbose says -----------------------------------------------------------


def _placement(fills: list[float], opens: list[str], blank: list[bool] | None = None) -> Any:
    blocks = {"b3": flow.Placed(3, "Titel", first=5, exercise=5, ws_first=5, ws_last=5)}
    return flow.Placement(fills, blank or [False] * len(fills), opens, blocks)


def test_a_half_empty_page_is_explained_only_by_a_worksheet_that_opens_the_next() -> None:
    fills = [1, 0.9, 0.9, 0.3, 0.9, 0.8, 0.9]
    moved = flow.half_empty(_placement(fills, ["", "", "", "", "b3", "", ""]))
    assert [e.sentence() for e in moved] == [
        "handout page 4 is 70 % empty: the worksheet of block 3 'Titel' does not fit in "
        "the room left, so it starts whole on page 5"
    ]
    other = flow.half_empty(_placement(fills, ["", "", "", "", "", "", ""]))
    assert [e.sentence() for e in other] == [
        "handout page 4 is 70 % empty, and nothing explains it"
    ]


def test_a_blank_page_before_a_left_hand_start_is_named_as_ruled_for_notes() -> None:
    at = _placement([1, 0.9, 0.9, 0.9, 0.0, 0.9, 0.8, 0.9], ["", "", "", "", "", "b3", "", ""],
                    [False, False, False, False, True, False, False, False])  # fmt: skip
    at.blocks["b3"].ws_first, at.blocks["b3"].ws_last = 6, 7
    assert [e.sentence() for e in flow.half_empty(at)] == [
        "handout page 5 is ruled for notes: the worksheet of block 3 'Titel' starts on the "
        "left-hand page 6, so that it spans a spread instead of running onto the back of the "
        "sheet"
    ]
