"""Decks as the presenter sees them: converted with LibreOffice and read back word by word.

On the default template and on three real templates (the repository's own client
template, a 4:3 one with Dutch layout names, Mecanon's .potx) no word leaves its
placeholder or the slide, no word sits under a picture, and every slide of a client with
a logo shows a logo.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.deckshape import inside, overlaps, rendered_words, slide_geometry, soffice, to_pdf
from werkvorm.kits.build import build_kit
from werkvorm.project.folder import Project

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES = {
    "default": None,
    "rivierstaal": REPO / "workshops" / "clients" / "rivierstaal-huisstijl.potx",
    "dutch-4x3": FIXTURES / "huisstijl-4x3-nl.potx",
    "mecanon": FIXTURES / "mecanon-ufrj.potx",
}
LONG = (
    "title: Een heel lange titel voor een workshop over samenwerken tussen afdelingen "
    "die elkaar zelden spreken"
)


def _project(root: Path, name: str, template: Path | None) -> Path:
    shutil.copytree(REPO / "workshops", root / "workshops")
    client = root / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    text = client.read_text(encoding="utf-8")
    if template is not None:
        shutil.copy(template, client.parent / template.name)
        text = text.replace("paper: a4", f"paper: a4\ndeck_template: {template.name}")
    client.write_text(text, encoding="utf-8")
    workshop = root / "workshops" / "spagaat.yaml"
    source = workshop.read_text(encoding="utf-8")
    # A long title: the footer, title slide and closing slide must cope.
    workshop.write_text(re.sub(r"^title: .*$", LONG, source, count=1, flags=re.M), encoding="utf-8")
    return client


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed here")
    folder = tmp_path_factory.mktemp("presenter")
    decks: dict[str, bytes] = {}
    paths = []
    for name, template in TEMPLATES.items():
        root = folder / name
        client = _project(root, name, template)
        result = build_kit(Project(root), "client", client, formats=["pptx"])
        decks[name] = (result.folder / "deck.pptx").read_bytes()
        paths.append(folder / f"{name}.pptx")
        paths[-1].write_bytes(decks[name])
    to_pdf(paths, folder)
    out: dict[str, Any] = {}
    for name in TEMPLATES:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert the {name} deck"
        out[name] = (slide_geometry(decks[name]), rendered_words(pdf))
        out[f"{name}.pptx"] = decks[name]
    return out


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_no_word_leaves_its_text_box_or_the_slide(rendered: dict[str, Any], name: str) -> None:
    ((width, height), slides), pages = rendered[name]
    assert len(pages) == len(slides)
    for n, (slide, words) in enumerate(zip(slides, pages, strict=True), 1):
        for word, box in words:
            assert inside(box, (0, 0, width, height), 1), f"slide {n}: '{word}' is off the slide"
            assert any(inside(box, t) for t in slide["text"]), (
                f"slide {n}: '{word}' at {box} is outside every text box (overflow)"
            )


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_no_word_under_a_picture(rendered: dict[str, Any], name: str) -> None:
    (_, slides), pages = rendered[name]
    for n, (slide, words) in enumerate(zip(slides, pages, strict=True), 1):
        for word, box in words:
            for picture in slide["pictures"] + slide["logos"]:
                assert not overlaps(box, picture), f"slide {n}: '{word}' is under a picture"


@pytest.mark.parametrize("name", ["default", "dutch-4x3"])
def test_every_slide_of_a_logo_carrying_client_shows_the_logo(
    rendered: dict[str, Any], name: str
) -> None:
    (_, slides), _ = rendered[name]
    for n, slide in enumerate(slides, 1):
        assert slide["logos"], f"slide {n} has no logo"


@pytest.mark.parametrize("name", ["default", "rivierstaal"])
def test_the_exercise_card_is_filled_by_its_text(rendered: dict[str, Any], name: str) -> None:
    """As LibreOffice draws it, the exercise card's text covers most of the card's height
    and stays inside it (it covered about a fifth: three lines at the top of a panel the
    height of the steps)."""
    import io

    from pptx import Presentation

    _, pages = rendered[name]
    prs = Presentation(io.BytesIO(rendered[f"{name}.pptx"]))
    cards = 0
    for n, slide in enumerate(prs.slides):
        card = next(
            (
                s
                for s in slide.placeholders
                if s.has_text_frame and re.match(r"\d+\xa0min\n", s.text_frame.text)
            ),
            None,
        )
        if card is None:
            continue
        cards += 1
        pt = 12700
        box = (card.left / pt, card.top / pt, (card.left + card.width) / pt)
        bottom = (card.top + card.height) / pt
        words = [b for _, b in pages[n] if box[0] <= b[0] <= box[2] and b[1] >= box[1] - 2]
        words = [b for b in words if b[1] < bottom + 40]
        top, low = min(b[1] for b in words), max(b[3] for b in words)
        assert low <= bottom + 2 and top >= box[1] - 2, f"slide {n + 1}: text leaves the card"
        assert (low - top) / (bottom - box[1]) >= 0.55, f"slide {n + 1}: the card is mostly empty"
    assert cards == 3
