"""The name on a personal handout's cover (render/covername.py, name-overlay.html.j2).

Review final 3: on the A5 cover the 70-character name was set at 10 pt on one line where
every other name is 15 pt; Letter prints it at 14.5 pt on one line."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from tests.test_outputs import session
from werkvorm.compose.session import SessionParticipant
from werkvorm.render import documents, personal
from werkvorm.render.covername import CoverName, cover_name
from werkvorm.render.paper import paper

LONG = "Maximiliaan Alexander Christoffel van der Wateringen-Oppenheimer de Jong"


def test_a_long_name_goes_on_two_lines_before_it_shrinks_below_12_pt() -> None:
    assert cover_name(LONG, paper("a5").measure) == CoverName(
        13.0, ("Maximiliaan Alexander Christoffel", "van der Wateringen-Oppenheimer de Jong")
    )


def test_a_name_that_fits_one_line_at_12_pt_stays_on_one() -> None:
    assert cover_name("Anna van der Berg", paper("a5").measure) == CoverName(
        15.0, ("Anna van der Berg",)
    )
    assert cover_name(LONG, paper("letter").measure) == CoverName(14.5, (LONG,))
    assert cover_name(LONG, paper("a4").measure) == CoverName(14.0, (LONG,))


def test_two_lines_never_break_after_a_particle_nor_at_a_hyphen() -> None:
    name = cover_name("Ingeborg Wilhelmina van den Bosch-Oppenheimer de la Tour", 90)
    assert name is not None and name.lines == (
        "Ingeborg Wilhelmina",
        "van den Bosch-Oppenheimer de la Tour",
    )


def test_one_long_word_shrinks_on_one_line_or_falls_back() -> None:
    word = "Wateringen-Oppenheimer-Christoffelsen-Vandermeulen"
    assert cover_name(word, 90) == CoverName(10.5, (word,))  # no space to break at
    assert cover_name(word * 3, 90) is None  # the template wraps it at 7.5 pt


@pytest.mark.slow
def test_the_stamped_a5_cover_sets_a_long_name_on_two_lines_under_its_label() -> None:
    people = [
        SessionParticipant(name=name, organisation="Org", slug=f"p{n}")
        for n, name in enumerate([LONG, "Anna van der Berg"])
    ]
    s = session(participants=people, paper="a5")
    copies, _ = personal.personal_handouts(s, documents.handout_pdf(s))
    with pdfplumber.open(io.BytesIO(copies["p0"])) as pdf:
        page = pdf.pages[0]
        label = [c for c in page.chars if c["text"] in s.labels["your_name"]]
        label_bottom = max(c["bottom"] for c in label if round(c["size"], 1) == 9.5)
        chars = [c for c in page.chars if round(c["size"], 1) == 13.0]
        lines: dict[float, str] = {}
        for c in sorted(chars, key=lambda c: (round(c["bottom"]), c["x0"])):
            lines[round(c["bottom"])] = lines.get(round(c["bottom"]), "") + c["text"]
        rule = max(r["bottom"] for r in page.rects if r["width"] > 300)
    assert list(lines.values()) == [
        "Maximiliaan Alexander Christoffel",
        "van der Wateringen-Oppenheimer de Jong",
    ]
    assert min(c["top"] for c in chars) > label_bottom  # under the label, clear of it
    assert max(c["bottom"] for c in chars) < rule  # on the writing line
