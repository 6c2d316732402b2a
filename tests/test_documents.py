"""Handout and guide: the PDF holds what the session says, safely, the same every time."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO
from werkvorm.compose import compose
from werkvorm.errors import RenderError
from werkvorm.kits import build_kit, load_inputs
from werkvorm.project import Project
from werkvorm.render import documents
from werkvorm.render.html import handout_html
from werkvorm.render.pdf import render_pdf


@pytest.fixture(scope="module")
def lindewaard() -> dict[str, bytes]:
    """The example client's kit, rendered once for the module."""
    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")
    session = compose(inputs.workshop, inputs.client)
    return {
        "handout": documents.handout_pdf(session),
        "guide": documents.guide_pdf(session),
        "html": handout_html(session).encode(),
        "session": session.model_dump_json().encode(),
    }


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in reader.pages))


def test_handout_contains_the_session(lindewaard: dict[str, bytes]) -> None:
    text = text_of(lindewaard["handout"])
    for expected in (
        "Gemeente Lindewaard",
        "donderdag 3 december 2026",
        "Anouk de Wit",
        "Stap 1: wat doe je al?",
        "Stap 4: zoek gelijkgestemden",
        "Wat verraste me het meest?",
        "09:30",
        "09:45",
        "10:05",
        "12:30",
        "Karin Tempelaar",
        "Like en dislike: de social media-spagaat",
        "MT Podium",
        "Programma",
        "Leerdoelen",
        "Om mee te nemen",
        "Aantekeningen",
        "pagina 2 van",
    ):
        assert expected in text, expected


def test_every_block_title_and_worksheet_question_is_printed(lindewaard: dict[str, bytes]) -> None:
    import json

    session = json.loads(lindewaard["session"])
    text = text_of(lindewaard["handout"])
    for item in session["items"]:
        assert item["title"] in text
        for w in (item["exercise"] or {}).get("worksheet", []):
            if w["text"]:
                assert w["text"] in text


def test_guide_has_run_sheet_cues_and_notes(lindewaard: dict[str, bytes]) -> None:
    text = text_of(lindewaard["guide"]).lower()
    for expected in (
        "Draaiboek",
        "Checklist materialen",
        "Tijdsignalen",
        "09:30",
        "opdracht uitdelen: Mijn social media nu",
        "De scepticus",
        "Totaal",
    ):
        assert expected.lower() in text, expected


def test_fonts_are_embedded_and_pdf_is_tagged(lindewaard: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(lindewaard["handout"]))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]))
    assert any("Source-Sans-3" in f for f in fonts), fonts
    assert reader.metadata.title == "De social media-spagaat"


def test_two_renders_are_byte_identical(lindewaard: dict[str, bytes]) -> None:
    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")
    again = documents.handout_pdf(compose(inputs.workshop, inputs.client))
    assert again == lindewaard["handout"]


def test_worksheet_lines_match_the_yaml(lindewaard: dict[str, bytes]) -> None:
    html = lindewaard["html"].decode()
    for question, lines in (
        ("Wat verraste me het meest?", 4),
        ("Mijn eerste stap (wat, wanneer, met wie):", 3),
    ):
        found = re.search(
            re.escape(question)
            + r'</div>\s*<div class="ws-lines">((?:<div class="line"></div>)*)</div>',
            html,
        )
        assert found, question
        assert found.group(1).count('class="line"') == lines


def test_no_harfbuzz_fallback_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render_pdf(
        '<html lang="nl"><title>t</title><p>Snel</p></html>',
        base_url=Path(__file__).parent,
        allowed=[],
        name="probe",
    )
    assert not [
        r
        for r in caplog.records
        if "fontTools" in r.getMessage() or "harfbuzz" in r.getMessage().lower()
    ]


def test_handout_html_golden(
    lindewaard: dict[str, bytes], golden: Callable[[str, object], None]
) -> None:
    html = lindewaard["html"].decode().replace(str(REPO), "<repo>")
    golden("spagaat-lindewaard.handout.html", html)


def test_fetcher_refuses_files_outside_and_the_network(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    for html in (
        f'<img src="{secret.as_uri()}">',
        '<img src="http://127.0.0.1:9/x.png">',
        f'<link rel="attachment" href="{secret.as_uri()}">',
    ):
        with pytest.raises(RenderError):
            render_pdf(
                html, base_url=tmp_path / "templates", allowed=[tmp_path / "allowed"], name="probe"
            )


def test_text_is_never_a_template_and_never_html(project: Path) -> None:
    path = project / "workshops" / "spagaat.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: {nl: De social media-spagaat, en: The social media splits}",
        "title: '{{ 7*7 }} <b>vet</b> <img src=x>'",
    )
    text = text.replace(
        "nl: Lijnmanagers en HR-professionals (8–16 deelnemers)", "nl: '<script>alert(1)</script>'"
    )
    text = text.replace(
        "    Privé doen we van alles met social media,",
        "    [klik](javascript:alert(1)) [bestand](file:///etc/passwd) Privé doen we van alles met social media,",
    )
    path.write_text(text, encoding="utf-8")
    result = build_kit(Project(project), "workshop", path, formats=["html", "pdf"])
    html = (result.folder / "handout.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} &lt;b&gt;vet&lt;/b&gt; &lt;img src=x&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html and 'href="file' not in html
    assert "[klik](javascript:alert(1))" in html
    assert "{{ 7*7 }} <b>vet</b> <img src=x>" in text_of(
        (result.folder / "handout.pdf").read_bytes()
    )


def test_missing_template_image_fails_the_build(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "handout.html.j2").write_text(
        '{% extends "builtin/handout.html.j2" %}{% block notes %}<img src="weg.png">{% endblock %}'
    )
    with pytest.raises(RenderError, match=r"weg\.png"):
        build_kit(
            Project(project), "workshop", project / "workshops" / "spagaat.yaml", formats=["pdf"]
        )
    assert not (project / "output" / "generic").exists()


def test_trainer_template_overrides_one_block(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "handout.html.j2").write_text(
        '{% extends "builtin/handout.html.j2" %}{% block notes %}<p>Eigen notitieblad</p>{% endblock %}'
    )
    result = build_kit(
        Project(project), "workshop", project / "workshops" / "spagaat.yaml", formats=["html"]
    )
    html = (result.folder / "handout.html").read_text(encoding="utf-8")
    assert "Eigen notitieblad" in html and "Programma" in html


def test_trainer_template_runs_in_the_sandbox(project: Path) -> None:
    from werkvorm.errors import TemplateError

    templates = project / "templates"
    templates.mkdir()
    (templates / "handout.html.j2").write_text("{{ s.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError):
        build_kit(
            Project(project), "workshop", project / "workshops" / "spagaat.yaml", formats=["html"]
        )


@pytest.mark.parametrize(("paper", "width"), [("a5", 419.5), ("letter", 612.0)])
def test_paper_sizes(project: Path, paper: str, width: float) -> None:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    client.write_text(client.read_text().replace("paper: a4", f"paper: {paper}"))
    result = build_kit(Project(project), "client", client, formats=["pdf"])
    page = PdfReader(result.folder / "handout.pdf").pages[0]
    assert abs(float(page.mediabox.width) - width) < 1
