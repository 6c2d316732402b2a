"""slides.pdf: the deck's own slides three to a page with note lines, without repeated
agendas, breaks and the closing slide, sections as a heading, one running head."""

from __future__ import annotations

import itertools
import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import REPO
from tests.deckshape import soffice
from werkvorm.compose import compose
from werkvorm.kits.build import build_kit, load_inputs
from werkvorm.project.folder import Project
from werkvorm.render import slides
from werkvorm.render.deck import build_deck, rendering

pytestmark = pytest.mark.slow
LONG = (
    "title: Luisteren voordat je zendt, hoe publieke organisaties, woningcorporaties en "
    "zorgaanbieders online kritiek ombuigen naar een gesprek dat werkt"
)


def _session(root: Path, client: str = "gemeente-lindewaard", title: str = "") -> Any:
    shutil.copytree(REPO / "workshops", root / "workshops")
    path = root / "workshops" / "clients" / f"{client}.yaml"
    for workshop in (root / "workshops").glob("*.yaml") if title else ():
        text = workshop.read_text(encoding="utf-8")
        workshop.write_text(re.sub(r"^title: .*$", title, text, count=1, flags=re.M), "utf-8")
    inputs = load_inputs(Project(root), "client", path)
    return compose(inputs.workshop, inputs.client)


def _text(pdf: bytes | Path) -> list[str]:
    import io

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_slides_pdf_is_the_deck_without_repeats_breaks_or_the_closing(tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed here")
    shutil.copytree(REPO / "workshops", tmp_path / "workshops")
    client = tmp_path / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    result = build_kit(Project(tmp_path), "client", client, formats=["slides"])
    assert not [w for w in result.warnings if "slides.pdf" in w]
    pages = _text(result.folder / "slides.pdf")
    session = _session(tmp_path / "again")
    _, report = build_deck(session)
    cards = slides.handout_cards(report.slides)
    assert len(report.slides) == 41 and len(cards) == 25  # 6 agendas, 7 sections, 2 breaks, 1 end
    assert len(pages) == math.ceil(len(cards) / 3) == 9
    everything = " ".join(pages)
    assert everything.count("Programma") == 1  # the programme once, not before every block
    assert "Bedankt!" not in everything and "Koffie · 15\u00a0min" not in everything
    assert "3. Stap 1: wat doe je al?" in pages[2]  # a section as a heading over its slides
    assert "Vink aan wat je de afgelopen maand hebt" in everything  # the slide's own text
    assert all("Dia's met ruimte voor aantekeningen · Gemeente Lindewaard" in p for p in pages)


def test_slides_pdf_is_the_same_bytes_twice(tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed here")
    session = _session(tmp_path)
    assert slides.slides_pdf(session) == slides.slides_pdf(session)


def _head_words(pdf: bytes, tmp_path: Path) -> list[list[tuple[float, float]]]:
    """Per page, the horizontal extent of every word in the running head."""
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages: list[list[tuple[float, float]]] = []
    for line in out.splitlines():
        if "<page " in line:
            pages.append([])
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', line)
        if m and float(m.group(2)) < 18 * 72 / 25.4:  # the head line ends 18 mm down
            pages[-1].append((float(m.group(1)), float(m.group(3))))
    return pages


@pytest.mark.parametrize("client", ["gemeente-lindewaard", "waterschap-lage-weiden"])
def test_without_libreoffice_the_slides_are_drawn_with_one_running_head(
    tmp_path: Path, client: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rendering, "find_soffice", lambda: None)
    session = _session(tmp_path, client, LONG)
    findings: list[str] = []
    pdf = slides.slides_pdf(session, findings=findings)
    assert findings == [
        "slides.pdf: LibreOffice is not installed, so the slides are redrawn, not the deck "
        "itself: install LibreOffice (Impress) for the real slides"
    ]
    _, report = build_deck(session)
    pages = _head_words(pdf, tmp_path)
    per_page = 2 if session.paper == "a5" else 3  # A5: two a page (#25)
    assert len(pages) == math.ceil(len(slides.handout_cards(report.slides)) / per_page)
    for words in pages:  # one head on every page, no word over another
        assert len(words) >= 3
        ordered = sorted(words)
        assert all(a[1] <= b[0] + 0.5 for a, b in itertools.pairwise(ordered))
    html = slides.slides_html(session, report=report)
    assert '<html lang="nl-NL">' in html
