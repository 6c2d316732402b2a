"""slides.pdf: the deck's slides three to a page with note lines, in the session's language."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO
from werkvorm.kits.build import build_kit
from werkvorm.project.folder import Project
from werkvorm.render.deck import build_deck
from werkvorm.render.slides import slides_html

pytestmark = pytest.mark.slow


def test_slides_pdf_has_three_slides_a_page_in_dutch(tmp_path: Path) -> None:
    shutil.copytree(REPO / "workshops", tmp_path / "workshops")
    client = tmp_path / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    result = build_kit(Project(tmp_path), "client", client, formats=["slides"])
    assert sorted(p.name for p in result.folder.iterdir() if p.suffix != ".json") == ["slides.pdf"]
    reader = PdfReader(result.folder / "slides.pdf")
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs

    inputs = load_inputs(Project(tmp_path), "client", client)
    session = compose(inputs.workshop, inputs.client)
    _, report = build_deck(session)
    assert len(reader.pages) == math.ceil(len(report.slides) / 3)
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Dia's met ruimte voor aantekeningen" in first
    assert report.slides[0].title in first
    html = slides_html(session)
    assert '<html lang="nl-NL">' in html
    assert html.count('class="line"') == 8 * len(report.slides)
