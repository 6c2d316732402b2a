"""The facilitator guide's page flow, measured on the PDFs (pdfplumber): block cards flow
like text, so no page but the last is under half full and no block heading is the last
thing on a page; and wrapped list lines hang under their text, not their marker.

The inputs: the awkward kits of tests/layout_inputs.py, one more workshop with a
12-slide block of six two-line bullets per slide and long notes (the review's
"Twelve rules" block), and every example workshop and client of the repository."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tests import pdfmeasure as m
from tests.conftest import REPO
from tests.layout_inputs import make_project

pytestmark = pytest.mark.slow
MM = 72 / 25.4
GUIDE_MARGINS = (15, 18)  # mm above and below the text area (guide.css)
HEADING_SIZE = 13.5  # pt: a block's title in its band (guide.css .g-block-head h2)
BULLET = "A rule explained at length, so that it takes two lines on the slide at its size"
WRAPS = (
    "Walk around while they write, and listen for the sentence that names a real case: "
    "that is the one to ask about in the round afterwards"
)


def _slides() -> str:
    slides = []
    for n in range(1, 13):
        if n == 5:
            slides.append(
                '\n      - quote: "People forget what you said, but they remember how you made '
                'them feel when they complained about their broken heating."\n'
                "        by: Maya Angelou (adapted)"
            )
            continue
        bullets = "".join(f"\n          - {BULLET} ({n}.{b})" for b in range(1, 7))
        slides.append(
            f"\n      - title: Rule {n}, a slide title that is rather long for a slide"
            f"\n        bullets:{bullets}"
            f"\n        notes: Ask the group for an example of rule {n} from last month."
        )
    return "".join(slides)


NOTES = "\n".join(
    f"      Paragraph {p} of the notes: go through the rules quickly and stop at rule five "
    "for the quote; ask who has answered a complaint in public this month, and what "
    "happened next. Keep the pace up: the exercise after the break needs the time.\n"
    for p in range(1, 13)
)

WORKSHOP = f"""\
title: "Listening before broadcasting: how public organisations answer in public"
language: en
duration: 3h
summary: Answering in public, with a very long block for the guide.
goals: [Answer within the hour., "Goal: {WRAPS}"]
materials: [projector, flip chart]
agenda:
  - title: Opening
    minutes: 15
    intro: We start with you.
    facilitator: Welcome everyone.
  - title: Twelve rules for answering in public, with every one of them explained at length
    minutes: 60
    intro: |
      Twelve rules.

      - Intro: {WRAPS}
      - A short point.
    facilitator: |
{NOTES}
      - Notes: {WRAPS}
      - A short point.
      - {WRAPS}
    materials: [projector, clicker]
    slides:{_slides()}
  - break: 15
    title: Coffee
  - title: Practise a reply
    minutes: 60
    format: groups
    intro: Write a reply to a real complaint.
    facilitator: |
      Hand out the cases.

      1. Numbered: {WRAPS}
      2. Collect the replies.
    exercise:
      title: A reply in public
      group_size: 3
      instructions: |
        Read the complaint and write a reply together.

        - Instructions: {WRAPS}
        - Read it aloud.
      worksheet:
        - question: Your reply
          lines: 6
  - title: Closing
    minutes: 30
    intro: What do you take home?
    facilitator: Round.
takeaways: [Answer within the hour., "Takeaway: {WRAPS}"]
"""

LETTER_CLIENT = """\
name: Waterschap Zwartwater
workshop: edge-guide
language: en
paper: letter
session:
  date: 2027-06-10
  start: "13:00"
  location: Zwartwater Offices
  facilitator: Ruth Okafor
"""


def make_guide_project(root: Path) -> Path:
    """The layout suite's project plus the long-block workshop and a Letter client on it."""
    make_project(root)
    (root / "workshops" / "edge-guide.yaml").write_text(WORKSHOP, encoding="utf-8")
    clients = root / "workshops" / "clients"
    (clients / "zwartgids.yaml").write_text(LETTER_CLIENT, encoding="utf-8")
    return root


# -- building ---------------------------------------------------------------------------

AWKWARD = [  # (kind, stem): the long-block workshop, and the layout suite's kits
    ("workshop", "edge-guide"),
    ("client", "zwartgids"),
    ("workshop", "edge-en"),
    ("client", "geelstad"),
    ("client", "zwartwater"),
    ("client", "mecanon"),
]
EXAMPLES = [("workshop", p.stem) for p in sorted((REPO / "workshops").glob("*.yaml"))] + [
    ("client", p.stem) for p in sorted((REPO / "workshops" / "clients").glob("*.yaml"))
]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str, str], Path]:
    """``build(kind, stem, document)``: the document's PDF (made once per module)."""
    from werkvorm.kits.build import plan_kit
    from werkvorm.kits.options import BuildOptions
    from werkvorm.project.folder import find_project
    from werkvorm.render import documents
    from werkvorm.render.followup import followup_pdf

    root = make_guide_project(tmp_path_factory.mktemp("guide"))
    made: dict[tuple[str, str, str], Path] = {}
    makers = {
        "guide": documents.guide_pdf,
        "handout": documents.handout_pdf,
        "followup": followup_pdf,
    }

    def make(kind: str, stem: str, document: str) -> Path:
        if (kind, stem, document) not in made:
            project = find_project(REPO if (kind, stem) in EXAMPLES else root)
            folder = project.workshops_dir / ("clients" if kind == "client" else "")
            plan = plan_kit(project, kind, folder / f"{stem}.yaml", BuildOptions(out=root / "x"))
            path = root / f"{kind}-{stem}-{document}.pdf"
            path.write_bytes(makers[document](plan.session, None))
            made[kind, stem, document] = path
        return made[kind, stem, document]

    return make


# -- measuring --------------------------------------------------------------------------


def _content(page: Any, margins: tuple[float, float] = GUIDE_MARGINS) -> tuple[float, float]:
    """The text area's top and bottom (pt from the top), without running heads and folio."""
    return margins[0] * MM, float(page.height) - margins[1] * MM


def _ink(page: Any) -> list[dict[str, Any]]:
    """Every glyph, rule and box in the text area."""
    top, bottom = _content(page)
    objects = [*page.chars, *page.rects, *page.lines, *page.curves]
    return [o for o in objects if o["top"] >= top - 1 and o["bottom"] <= bottom + 1]


def page_fill(path: Path) -> list[float]:
    """How far down each page's text area the lowest text or graphic reaches, 0..1."""
    with pdfplumber.open(path) as pdf:
        fills = []
        for page in pdf.pages:
            top, bottom = _content(page)
            ink = _ink(page)
            fills.append(max((o["bottom"] for o in ink), default=top) - top)
            fills[-1] /= bottom - top
        return fills


def block_headings(path: Path) -> list[tuple[int, str, int]]:
    """Each block heading of a guide (the title in its grey band) as (page, title, lines):
    how many lines of its notes column follow it on its page."""
    found = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages):
            bands = [
                r for r in page.rects if r["width"] > page.width * 0.5 and r["height"] < 30 * MM
            ]
            for band in bands:
                inside = [
                    c for c in page.chars
                    if band["top"] <= c["top"] and c["bottom"] <= band["bottom"]
                    and round(c["size"], 1) == HEADING_SIZE and "Bold" in c["fontname"]
                ]  # fmt: skip
                if not inside:
                    continue
                title = "".join(
                    c["text"] for c in sorted(inside, key=lambda c: (c["top"], c["x0"]))
                )
                notes = band["x0"] + band["width"] * 0.55  # the notes column, left of the cues
                below = {round(c["bottom"]) for c in _ink(page) if c.get("text", "").strip()
                         and c["top"] > band["bottom"] and c["x1"] < notes}  # fmt: skip
                found.append((n + 1, title, len(below)))
    return sorted(set(found))


BODY_SIZES = (10.0, 8.5, 9.5)  # pt: a card's text and small heads, what the slides say
TAIL_MM = 24.0  # five lines of the card's text: less is a tail left alone


def page_tails(path: Path) -> list[tuple[int, float, str]]:
    """What each page but the first starts with before its first heading (a block's band,
    "What the slides say", a break's rule, the sources' heading): the end of a card or
    list carried over, as (page, height in mm, text); pages that start with a heading are
    left out."""
    found = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages[1:], 2):
            top, bottom = _content(page)
            chars = [c for c in _ink(page) if c.get("text", "").strip()]
            rules = [o["top"] for o in [*page.rects, *page.lines] if o["width"] > page.width / 2]
            heads = [c["top"] for c in chars if round(c["size"], 1) not in BODY_SIZES]
            stop = min([t for t in rules if t >= top - 1] + heads, default=bottom)
            tail = sorted(
                (c for c in chars if c["bottom"] <= stop + 1), key=lambda c: (c["top"], c["x0"])
            )
            if tail:
                height = (max(c["bottom"] for c in tail) - tail[0]["top"]) / MM
                found.append((n, round(height, 1), "".join(c["text"] for c in tail)[:60]))
    return found


def line_starts(path: Path, text: str, nth: int = 1) -> list[float]:
    """The x (pt) where each line of the ``nth`` ``text`` starts, top line first: the first
    line's after its marker (a bullet, a number), the others where a wrapped line begins."""
    wanted = "".join(text.split())
    for page in m.open_pdf(path):
        glyphs = [g for g in m.glyphs(page) if g.char not in "-\u00ad\u2010"]
        chars = "".join(g.char for g in glyphs)
        at = -1
        while nth and (at := chars.find(wanted, at + 1)) >= 0:
            nth -= 1
        if nth or at < 0:
            continue
        starts: dict[int, float] = {}
        for g in glyphs[at : at + len(wanted)]:
            baseline = round(g.origin[1])
            starts[baseline] = min(starts.get(baseline, 1e9), g.origin[0])
        return [x for _, x in sorted(starts.items(), reverse=True)]
    raise AssertionError(f"{text[:40]!r} not found in {path.name}")


# -- the guide's page flow --------------------------------------------------------------


@pytest.mark.parametrize(("kind", "stem"), AWKWARD + EXAMPLES)
def test_no_guide_page_but_the_last_is_under_half_full(
    build: Callable[[str, str, str], Path], kind: str, stem: str
) -> None:
    fills = page_fill(build(kind, stem, "guide"))
    assert [f"page {n + 1}: {f:.0%}" for n, f in enumerate(fills[:-1]) if f < 0.5] == []


@pytest.mark.parametrize(("kind", "stem"), AWKWARD + EXAMPLES)
def test_a_block_heading_keeps_the_first_lines_of_its_notes_on_its_page(
    build: Callable[[str, str, str], Path], kind: str, stem: str
) -> None:
    headings = block_headings(build(kind, stem, "guide"))
    assert headings, "no block headings found"
    assert [h for h in headings if h[2] < 2] == []


@pytest.mark.parametrize(("kind", "stem"), AWKWARD + EXAMPLES)
def test_no_page_starts_with_the_last_lines_of_a_block_alone(
    build: Callable[[str, str, str], Path], kind: str, stem: str
) -> None:
    """The final review: zwartwater's block 2 left only its worksheet line and two cues
    at the top of page 2. A short card now moves whole with its heading, a long one
    carries five lines over at least, and so does a list of slides or sources."""
    tails = page_tails(build(kind, stem, "guide"))
    assert [t for t in tails if t[1] < TAIL_MM] == []


def test_a_long_block_flows_over_pages_with_its_slides_full_width(
    build: Callable[[str, str, str], Path],
) -> None:
    """The review's case: a 60-minute block with long notes and 12 slides of six two-line
    bullets starts under the run sheet on page 1 (not alone on a page after it), and what
    its slides say runs in two columns across the text area, not in a narrow side column."""
    path = build("client", "zwartgids", "guide")
    (page, _title, lines) = next(h for h in block_headings(path) if "Twelve rules" in h[1])
    assert (page, lines >= 2) == (1, True)
    with pdfplumber.open(path) as pdf:
        left, width = 18 * MM, float(pdf.pages[0].width) - 33 * MM
        starts = {}
        for page_ in pdf.pages:
            words = page_.extract_words()
            for w, nxt in pairwise(words):
                if w["text"] == "Rule" and nxt["text"].rstrip(",") in {
                    str(n) for n in range(1, 13)
                }:
                    starts.setdefault(nxt["text"].rstrip(","), w["x0"])
    assert len(starts) == 11  # slide 5 is the quote
    columns = sorted({round((x - left) / width, 1) for x in starts.values()})
    assert columns[0] < 0.1 and columns[-1] >= 0.45, starts  # both halves of the text area


# -- hanging indents ----------------------------------------------------------------------

TITLE = "Twelve rules for answering in public, with every one of them explained at length"
HANGING = [  # (document, text, which occurrence): every place a line wraps after a marker
    ("handout", TITLE, 1),  # the agenda: under the title, not its number or the time
    ("handout", f"Goal: {WRAPS}", 1),
    ("handout", f"Intro: {WRAPS}", 1),
    ("handout", f"Instructions: {WRAPS}", 1),
    ("handout", f"Takeaway: {WRAPS}", 1),
    ("guide", TITLE, 1),  # the run sheet
    ("guide", TITLE, 2),  # the block's heading in its band
    ("guide", f"Notes: {WRAPS}", 1),
    ("guide", f"Numbered: {WRAPS}", 1),
    ("guide", f"Instructions: {WRAPS}", 1),
    ("guide", f"{BULLET} (1.1)", 1),  # what the slides say
    ("followup", f"Goal: {WRAPS}", 1),
    ("followup", f"Takeaway: {WRAPS}", 1),
]


@pytest.mark.parametrize("kit", [("workshop", "edge-guide"), ("client", "zwartgids")])
@pytest.mark.parametrize(("document", "text", "nth"), HANGING)
def test_a_wrapped_line_hangs_under_the_text_not_its_marker(
    build: Callable[[str, str, str], Path],
    kit: tuple[str, str],
    document: str,
    text: str,
    nth: int,
) -> None:
    starts = line_starts(build(*kit, document), text, nth)
    assert len(starts) >= 2, f"{text[:30]!r} does not wrap: nothing measured"
    assert max(starts) - min(starts) < 1.0, starts


def test_a_plan_step_keeps_its_time_on_one_line_and_a_scaled_plan_note_is_not_a_time(
    build: Callable[[str, str, str], Path],
) -> None:
    """Lindewaard re-times spagaat: its cues are minute-plan steps ("10:07–10:15") and the
    note that the plan was scaled, which has no clock time to set bold in the time column."""
    path = build("client", "gemeente-lindewaard", "guide")
    lines = [" ".join(line.split()) for text in m.page_texts(path) for line in text.splitlines()]
    assert any(line.startswith("10:07–10:15 ") for line in lines)
    for page in m.open_pdf(path):
        text = page.get_textpage()
        at = text.get_text_range().find("Plan geschaald van 30 naar 25 minuten")
        if at >= 0:
            assert "Source-Sans-3-Bold" not in {m.font_name(text, i) for i in range(at, at + 4)}
            return
    raise AssertionError("the scaled plan's note not found")


def test_a_slides_quote_never_splits_over_columns_and_cues_keep_their_words(
    build: Callable[[str, str, str], Path],
) -> None:
    """The review of the merged round: Harbourside's slide 13 quote ran "Such a tip- |
    ping point" over the two columns of "What the slides say"; the narrow cue column
    hyphenated "work-/sheet" and "re-/cent"."""
    path = build("client", "harbourside", "guide")
    with pdfplumber.open(path) as pdf:
        words = [(n, w) for n, page in enumerate(pdf.pages) for w in page.extract_words()]
    quote = [(n, w["x0"] > 105 * MM) for n, w in words if w["text"] in ("“We", "uncertainty.”")]
    assert len(quote) == 2 and quote[0] == quote[1], quote  # one page, one column
    cut = {"introduc-", "re-", "alder-", "log-"} & {w["text"] for _, w in words}
    assert cut == set(), cut  # cues "Input: ... a re-/cent example", "introduc-/tions"
