"""Handout and guide: the PDF holds what the session says, safely, the same every time."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO
from werkvorm.compose import compose
from werkvorm.errors import RenderError
from werkvorm.kits.build import build_kit, load_inputs
from werkvorm.project.folder import Project
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
    """The PDF's text, spaces collapsed and curly quotes straightened for comparing."""
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in reader.pages))
    return text.translate(str.maketrans("‘’“”", "''\"\""))


@pytest.mark.slow
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
        "10:00",
        "12:45",
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


@pytest.mark.slow
def test_every_block_title_and_worksheet_question_is_printed(lindewaard: dict[str, bytes]) -> None:
    import json

    session = json.loads(lindewaard["session"])
    text = text_of(lindewaard["handout"])
    straight = str.maketrans("‘’“”", "''\"\"")  # as text_of reads them
    for item in session["items"]:
        assert item["title"].translate(straight) in text
        for w in (item["exercise"] or {}).get("worksheet", []):
            if w["text"]:
                assert w["text"].translate(straight) in text


@pytest.mark.slow
def test_guide_has_run_sheet_cues_and_notes(lindewaard: dict[str, bytes]) -> None:
    text = text_of(lindewaard["guide"]).lower()
    for expected in (
        "Draaiboek",
        "Checklist materialen",
        "Tijdsignalen",
        "09:30",
        "10:03",  # the plan's step, its clock time in its own column
        "Checklist alleen invullen",
        "Plan geschaald van 30 naar 25 minuten",
        "De scepticus",
        "Totaal",
    ):
        assert expected.lower() in text, expected


@pytest.mark.slow
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


@pytest.mark.slow
def test_two_renders_are_byte_identical(lindewaard: dict[str, bytes]) -> None:
    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")
    again = documents.handout_pdf(compose(inputs.workshop, inputs.client))
    assert again == lindewaard["handout"]


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_handout_html_golden(
    lindewaard: dict[str, bytes], golden: Callable[[str, object], None]
) -> None:
    html = lindewaard["html"].decode().replace(str(REPO), "<repo>")
    golden("spagaat-lindewaard.handout.html", html)


@pytest.mark.slow
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


@pytest.mark.slow
def test_text_is_never_a_template_and_never_html(project: Path) -> None:
    path = project / "workshops" / "spagaat.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: {nl: De social media-spagaat, en: Doing the social media splits}",
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
@pytest.mark.parametrize(("paper", "width"), [("a5", 419.5), ("letter", 612.0)])
def test_paper_sizes(project: Path, paper: str, width: float) -> None:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    client.write_text(client.read_text().replace("paper: a4", f"paper: {paper}"))
    result = build_kit(Project(project), "client", client, formats=["pdf"])
    page = PdfReader(result.folder / "handout.pdf").pages[0]
    assert abs(float(page.mediabox.width) - width) < 1


# --- Issue 14: print-perfect at the edges ---------------------------------------------

from werkvorm.compose.session import Session  # noqa: E402
from werkvorm.render import booklet as booklet_mod  # noqa: E402
from werkvorm.render import fonts, typography  # noqa: E402
from werkvorm.render.html import guide_html, slide_numbers  # noqa: E402

LONG_NAME = "Dr. Maximiliaan Christoffel Alexander van Oldenbarnevelt-Wittgenstein"
NAMES = [
    LONG_NAME,
    "李小龙",
    "محمد عبد الله",
    "Анна Каренина",
    "Ελένη Παπαδοπούλου",
    "Sanne Bakker",
]


def _lindewaard_session(**update: object) -> Session:
    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")
    return compose(inputs.workshop, inputs.client).model_copy(update=update)


@pytest.mark.parametrize(
    ("minutes", "language", "expected"),
    [
        (180, "nl", "3\u00a0uur"),
        (150, "nl", "2,5\u00a0uur"),
        (145, "nl", "2\u00a0uur en 25\u00a0minuten"),
        (45, "nl", "45\u00a0minuten"),
        (150, "en", "2.5\u00a0hours"),
        (60, "en", "1\u00a0hour"),
        (145, "en", "2\u00a0hours 25\u00a0minutes"),
    ],
)
def test_certificate_hours_read_as_a_trainer_writes_them(
    minutes: int, language: str, expected: str
) -> None:
    session = _lindewaard_session(total_minutes=minutes, language=language)
    assert session.hours_text == expected


def test_goals_on_a_certificate_are_phrased_neutrally() -> None:
    assert (
        typography.neutral_goal("Je herkent strategieschrijvers, ook in jezelf.", "nl")
        == "Herkent strategieschrijvers, ook in zichzelf."
    )
    assert (
        typography.neutral_goal("You translate three experiences into your own work.", "en")
        == "Translates three experiences into their own work."
    )
    assert typography.neutral_goal("Vier stappen kennen", "nl") == "Vier stappen kennen"


def test_running_title_is_shortened_at_a_word_never_inside_one() -> None:
    title = "De social media-spagaat: tussen privé-enthousiasme en zakelijke terughoudendheid"
    short = typography.shorten(title, 40)
    assert short.endswith("…") and len(short) <= 40
    assert title.startswith(short[:-1]) and title[len(short) - 1] == " "
    client = "the test client <b>afdeling KCC</b>"
    assert typography.shorten(client, 30) == "the test client <b>afdeling…"


def test_curly_quotes_follow_the_dutch_convention() -> None:
    html = typography.to_html("Hij zei \"kom\" en 't was z'n dag: 'ja'.")
    assert "“kom”" in html and "’t" in html and "z’n" in html and "‘ja’" in html


def test_only_web_and_mail_links_get_an_href() -> None:
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html;base64,PHNjcmlwdD4="):
        assert typography.safe_url(bad) == ""
    for good in ("https://example.org/a", "http://x.nl", "mailto:a@example.org"):
        assert typography.safe_url(good) == good


def test_source_urls_with_other_schemes_print_without_a_link(project: Path) -> None:
    """The loader refuses such a URL; the templates still never link one (defence in depth)."""
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.render.html import handout_html

    path = project / "workshops" / "spagaat.yaml"
    session = compose(load_inputs(Project(project), "workshop", path).workshop)
    bad = session.sources[0].model_copy(update={"url": "javascript:alert(document.domain)"})
    html = handout_html(session.model_copy(update={"sources": [bad]}), None, preview=True)
    assert "javascript:" in html
    assert 'href="javascript' not in html


def test_saddle_stitch_order_pads_to_four() -> None:
    assert booklet_mod.saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert booklet_mod.saddle_order(5) == [(None, 0), (1, None), (None, 2), (3, 4)]


def test_long_names_shrink_and_short_names_stay_large() -> None:
    assert fonts.fit_size("Sanne Bakker", 235, 34, 17, 700) == 34
    size = fonts.fit_size(LONG_NAME, 235, 34, 17, 700)
    assert 17 <= size < 34 and fonts.fits(LONG_NAME, 235, size, 700)


def test_right_to_left_names_are_marked_rtl() -> None:
    assert fonts.direction("محمد عبد الله") == "rtl"
    assert fonts.direction("Sanne") == "ltr" and fonts.direction("李小龙") == "ltr"


def test_missing_glyphs_are_named_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "system_covers", lambda char: False)
    warnings = fonts.missing_glyph_warnings(["李小龙", "Sanne Bakker"])
    assert len(warnings) == 1
    assert "李小龙" in warnings[0] and "fonts-noto-cjk" in warnings[0]
    monkeypatch.setattr(fonts, "system_covers", lambda char: True)
    assert fonts.missing_glyph_warnings(["李小龙"]) == []


def test_guide_has_no_linter_findings_and_renders_markdown() -> None:
    kind = Session.model_fields["warnings"].annotation.__args__[0]  # type: ignore[union-attr]
    finding = kind(file="x.yaml", field="agenda[5].title", message="no 'nl' text")
    session = _lindewaard_session(warnings=[finding])
    html = guide_html(session)
    assert "agenda[" not in html and 'class="warnings"' not in html
    assert "**" not in html
    assert "<strong>Applaudisseren</strong>" in html


def test_guide_opens_with_background_and_preparation_then_goals() -> None:
    session = _lindewaard_session(
        background="Karin Tempelaar schreef in **2012**.",
        preparation="Print de werkbladen.",
        fit_notes=["Blok 3 is 5 minuten korter gemaakt."],
        total_minutes=205,
    )
    html = guide_html(session)
    order = [html.index(s) for s in ("Achtergrond", "Voorbereiding", "Leerdoelen", "Draaiboek")]
    assert order == sorted(order)
    assert "<strong>2012</strong>" in html
    assert "10 minuten langer dan gepland (195)" in html
    assert "Blok 3 is 5 minuten korter gemaakt." in html
    assert "Bronnen" in html and "Karin Tempelaar" in html


def test_guide_slide_numbers_follow_the_deck() -> None:
    session = _lindewaard_session()
    numbers = slide_numbers(session)
    rows = len(session.items) + 1
    first = session.items[0]
    assert numbers[first.id] == 2 + -(-rows // 9)
    later = session.items[1]
    step = 1 if first.kind == "break" else 1 + len(first.slides) + bool(first.exercise)
    assert numbers[later.id] == numbers[first.id] + step
    assert f"dia {numbers[first.id]}" in guide_html(session)


INSPECT = REPO.parent / "shared" / "tools" / "inspect_output.py"
LONG_TITLE = {
    "nl": "De social media-spagaat: tussen privé-enthousiasme en zakelijke terughoudendheid bij lijnmanagers",
    "en": "The social media split: between private enthusiasm and professional reluctance of line managers",
}


def _edge_client(project: Path, paper: str, language: str) -> Path:
    """A Dutch client with a long name, on the long-titled spagaat, with hard names."""
    spagaat = project / "workshops" / "spagaat.yaml"
    spagaat.write_text(
        spagaat.read_text(encoding="utf-8").replace(
            "title: {nl: De social media-spagaat, en: Doing the social media splits}",
            f'title: {{nl: "{LONG_TITLE["nl"]}", en: "{LONG_TITLE["en"]}"}}',
        ),
        encoding="utf-8",
    )
    clients = project / "workshops" / "clients"
    (clients / "edge.csv").write_text(
        "naam;organisatie\n" + "".join(f"{n};Gemeente Lindewaard-Oost\n" for n in NAMES),
        encoding="utf-8",
    )
    client = clients / "edge.yaml"
    client.write_text(
        "name: 'Gemeente Lindewaard-Oost <b>afdeling Klantcontact en Dienstverlening</b>'\n"
        f"workshop: spagaat\nlanguage: {language}\nlogo: lindewaard-logo.png\n"
        f"paper: {paper}\nparticipants: edge.csv\n"
        "session:\n  date: 2027-03-11\n  start: '13:30'\n"
        "  location: Gemeentehuis Lindewaard-Oost, raadzaal op de tweede verdieping\n",
        encoding="utf-8",
    )
    return client


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("paper", ["a4", "a5", "letter"])
def test_every_paper_and_name_prints_without_collisions(
    project: Path, paper: str, language: str
) -> None:
    client = _edge_client(project, paper, language)
    result = build_kit(Project(project), "client", client, formats=["pdf"])
    unprintable = [n for n in NAMES if fonts.unprintable(n)]
    findings = [w for w in result.warnings if not any(n in w for n in unprintable)]
    assert findings == [], findings

    folder = result.folder
    handout = PdfReader(folder / "handout.pdf")
    cover = re.sub(r"\s+", " ", handout.pages[0].extract_text())
    for fact in ("11", "2027", "13:30", "Gemeentehuis Lindewaard-Oost"):
        assert fact in cover, (fact, cover)
    assert LONG_TITLE[language].split(":")[0] in cover

    pages = len(handout.pages)
    everyone = PdfReader(folder / "participants" / "all-handouts.pdf")
    assert len(everyone.pages) == len(NAMES) * (pages + pages % 2)

    certificates = text_of((folder / "participants" / "certificates.pdf").read_bytes())
    assert LONG_NAME in certificates and "Sanne Bakker" in certificates

    if INSPECT.is_file():
        pdfs = [
            folder / "handout.pdf",
            folder / "guide.pdf",
            folder / "participants" / "certificates.pdf",
            folder / "participants" / "sign-in.pdf",
        ]
        done = subprocess.run(
            [sys.executable, str(INSPECT), *map(str, pdfs)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.slow
def test_booklet_imposes_the_a5_handout_two_up_in_saddle_order(project: Path) -> None:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    first = build_kit(Project(project), "client", client, formats=["pdf"], booklet=True)
    data = (first.folder / "handout-booklet.pdf").read_bytes()
    sheets = PdfReader(io.BytesIO(data))
    a5_pages = len(
        PdfReader(io.BytesIO(documents.handout_pdf(_lindewaard_session(paper="a5")))).pages
    )
    assert len(sheets.pages) == 2 * -(-a5_pages // 4)
    box = sheets.pages[0].mediabox
    assert abs(float(box.width) - 841.89) < 1 and abs(float(box.height) - 595.28) < 1
    assert (first.folder / "participants" / "all-handouts-booklet.pdf").is_file()
    again = build_kit(Project(project), "client", client, formats=["pdf"], booklet=True, force=True)
    assert (again.folder / "handout-booklet.pdf").read_bytes() == data


@pytest.mark.slow
def test_preflight_reports_overflow_collisions_and_cut_names(tmp_path: Path) -> None:
    from werkvorm.render.pdf import layout
    from werkvorm.render.preflight import preflight

    html = (
        "<html><style>@page{size:A5;margin:10mm}"
        ".a{position:absolute;top:20mm;left:10mm;width:50mm}"
        ".b{position:absolute;top:22mm;left:12mm}.f{height:5mm;width:20mm}</style><body>"
        '<div class="a">Hello world</div><div class="b">Other text</div>'
        f'<p style="margin-top:60mm">{"x" * 300}</p>'
        '<div class="pf-fit f">A long name that will not fit here at all</div></body></html>'
    )
    found = preflight(layout(html, base_url=tmp_path, allowed=[], name="t").document, "t.pdf")
    text = "\n".join(found)
    assert "t.pdf, page 1: text runs off the page" in text
    assert "printed over other text: 'Other text'" in text
    assert "a name does not fit the space for it" in text


@pytest.mark.slow
def test_a_2000_character_word_stays_on_the_page(project: Path) -> None:
    path = project / "workshops" / "spagaat.yaml"
    word = "a" * 2000
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Je vertaalt minstens drie privé-ervaringen naar je eigen werk.", word
        ),
        encoding="utf-8",
    )
    session = compose(load_inputs(Project(project), "workshop", path).workshop, None)
    findings: list[str] = []
    documents.handout_pdf(session, findings=findings)
    assert findings == []


def test_long_urls_break_between_their_parts_and_stay_escaped() -> None:
    from werkvorm.render import qr

    assert str(qr.url_breaks("https://example.org/storm?a=<b>")) == (
        "https://\u200bexample.\u200borg/\u200bstorm\u200b?a=\u200b&lt;b&gt;"
    )


@pytest.mark.slow
def test_build_names_a_participant_whose_name_would_print_as_boxes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkvorm.kits.build import build_kit
    from werkvorm.kits.checks import check_file

    # In process: the batch's spawned workers would not see the monkeypatch.
    monkeypatch.setattr(fonts, "_installed_ranges", lambda: [])  # no system fonts at all
    clients = project / "workshops" / "clients"
    csv = clients / "lindewaard-deelnemers.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8") + "李小龙;Gemeente Lindewaard;l@example.org\n",
        encoding="utf-8",
    )
    client = clients / "gemeente-lindewaard.yaml"
    result = build_kit(Project(project), "client", client, formats=["pdf"])
    said = [w for w in result.warnings if "'李小龙' would print as empty boxes" in w]
    assert said and "fonts-noto-cjk" in said[0]
    checked = [p.message for p in check_file(Project(project), client, deck=False)]
    assert any("李小龙" in m and "fonts-noto-cjk" in m for m in checked)
