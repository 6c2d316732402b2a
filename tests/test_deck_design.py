"""Decks a presenter trusts, on the default template and on three client templates (the
4:3 example client, Mecanon's real .potx, a plain python-pptx 4:3): notes on every slide,
a clear type hierarchy, readable colours, and slides a screen reader can follow."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from tests.conftest import REPO
from tests.test_deck_safety import _deck

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES: dict[str, Path | None] = {
    "default": None,
    "rivierstaal": REPO / "workshops" / "clients" / "rivierstaal-huisstijl.potx",
    "mecanon": FIXTURES / "mecanon-ufrj.potx",
    "plain": None,  # made by python-pptx in the fixture
}
CUE = re.compile(r"\b\d{1,2}:\d{2}\b")


def _plain_template(folder: Path) -> Path:
    path = folder / "plain-4x3.pptx"
    Presentation().save(str(path))  # python-pptx's own 4:3 default
    return path


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, template in TEMPLATES.items():
        root = tmp_path_factory.mktemp(name)
        if name == "plain":
            template = _plain_template(root)
        out[name] = Presentation(io.BytesIO(_deck(root, template)))
    return out


def _title(slide: Any) -> str:
    for shape in slide.placeholders:
        if "TITLE" in str(shape.placeholder_format.type) and shape.has_text_frame:
            return str(shape.text_frame.text)
    return ""


def _notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_notes_on_every_slide_and_a_cue_on_every_exercise_slide(
    decks: dict[str, Any], name: str
) -> None:
    slides = list(decks[name].slides)
    assert all(_notes(s).strip() for s in slides), [
        n for n, s in enumerate(slides, 1) if not _notes(s).strip()
    ]
    exercises = [s for s in slides if _title(s).startswith("Opdracht:")]
    assert len(exercises) == 5
    for slide in exercises:
        assert CUE.search(_notes(slide)), _title(slide)
    first = _notes(exercises[0])
    # the cues, the debrief and the materials; never the slide's own instructions
    assert first.splitlines()[0] == (
        "10:10 opdracht uitdelen · 10:25 afronden en terugkoppelen · 10:30 einde van dit onderdeel"
    )
    assert first.splitlines()[-1] == "Materialen: pennen"
    assert "Oogst: haal drie verrassingen op" in first
    assert "Vink aan wat je de afgelopen maand" not in first


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_content_slides_carry_the_blocks_key_lines_and_image_slides_the_alt_text(
    decks: dict[str, Any], name: str
) -> None:
    by_title = {_title(s): _notes(s) for s in decks[name].slides}
    assert by_title["Wat zijn social media?"].startswith(
        "Vraag: “en jij boekt toch ook vakanties?”"
    )
    assert "De scepticus: " in by_title["Wat zijn social media?"]
    assert by_title["In tweetallen"].startswith("10:05 start\n")
    image = next(n for n in by_title.values() if n.startswith("Beeld: "))
    assert image.startswith("Beeld: Twee benen in spreidstand")
