"""QR codes, the evaluation form, the follow-up and the badges: what each holds, how it
prints, and that the kit builds them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2
import pytest
import segno
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import REPO
from werkvorm.cli.main import app
from werkvorm.compose import compose
from werkvorm.compose.session import (
    Session,
    SessionParticipant,
    SessionSource,
    SessionTrainer,
    WorksheetEntry,
)
from werkvorm.errors import RenderError
from werkvorm.kits.build import load_inputs
from werkvorm.kits.options import FORMATS
from werkvorm.project.folder import Project
from werkvorm.render import badges, evaluation, followup, qr
from werkvorm.render.html import handout_html

runner = CliRunner()
LONG_URL = "https://www.mtsprout.nl/podium/like-en-dislike-de-social-media-spagaat/2012"
SHORT_URL = "https://example.org/storm"
SEVENTY = "Anna-Catharina Gonzalez de la Fuente van Lynden tot Oldenaller Smit Li"
NAMES = [
    ("Sanne Bakker", "Gemeente Lindewaard"),
    (SEVENTY, "Provincie Zuid-Holland, directie Communicatie en Participatie"),
    ("李小龙", "香港电影公司"),
    ("Jo Ng", ""),
    ("Pieter Hoekstra", "Gemeente Lindewaard"),
]


def _base() -> Session:
    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")
    return compose(inputs.workshop, inputs.client)


BASE = _base()


def session(**update: object) -> Session:
    """The example client's session, with URL sources, a trainer and our five names."""
    sources = [
        SessionSource(author="Karin Tempelaar", title="Like en dislike", year=2012, url=LONG_URL),
        SessionSource(author="Bas Kodden", title="Ojee, kinderen", url=SHORT_URL),
        SessionSource(author="Zonder Adres", title="Alleen op papier"),
    ]
    people = [
        SessionParticipant(name=n, organisation=o, slug=f"p{i}") for i, (n, o) in enumerate(NAMES)
    ]
    trainer = SessionTrainer(name="Anouk de Wit", organisation="Wit & Woord", email="a@example.org")
    values: dict[str, object] = {"sources": sources, "participants": people, "trainer": trainer}
    return BASE.model_copy(update={**values, **update})


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (round(float(p.mediabox.width) * 25.4 / 72), round(float(p.mediabox.height) * 25.4 / 72))
        for p in reader.pages
    ]


# QR codes ---------------------------------------------------------------------------


def _matrix_from_svg(svg: str) -> list[list[bool]]:
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))  # type: ignore[union-attr]
    grid = [[False] * size for _ in range(size)]
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        for dx in range(int(w)):
            grid[int(y)][int(x) + dx] = True
    q = qr.QUIET_ZONE
    return [row[q : size - q] for row in grid[q : size - q]]


@pytest.mark.parametrize("url", [SHORT_URL, LONG_URL])
def test_qr_svg_draws_segnos_matrix_with_a_quiet_zone(url: str) -> None:
    code = segno.make(url, error="m", micro=False, boost_error=False)
    expected = [[bool(v) for v in row] for row in code.matrix]
    svg = qr.qr_svg(url)
    assert _matrix_from_svg(svg) == expected
    assert code.error == "M"
    assert qr.symbol_mm(url) >= 15
    size = float(re.search(r'width="([\d.]+)mm"', svg).group(1))  # type: ignore[union-attr]
    assert size == qr.printed_mm(url) > qr.symbol_mm(url)
    assert qr.qr_svg(url) == svg  # the same every time


def test_url_breaks_only_after_slashes_dots_and_hyphens() -> None:
    html = str(qr.url_breaks("https://example.org/a-b?x=1&y=2"))
    # a zero-width space: WeasyPrint honours it inside a link, where a <wbr> after a "-"
    # still let it break before the next "-"
    zw = "\u200b"
    assert html == zw.join(["https://", "example.", "org/", "a-", "b", "?x=", "1&amp;", "y=", "2"])
    assert f"/{zw}/" not in html
    assert f"{zw}." not in html and f"{zw}-" not in html


def test_handout_has_a_qr_code_beside_each_source_with_an_address() -> None:
    html = handout_html(session())
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="qr"') == 2
    assert f'href="{SHORT_URL}"' in html
    assert "example.org/\u200bstorm" in html  # beside its code: no scheme, the host whole
    assert 'class="url">https:' not in html
    assert "Alleen op papier" in html


@pytest.mark.slow
def test_qr_codes_in_the_handout_scan_from_print_at_15_mm() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from werkvorm.render.documents import handout_pdf

    pdf = pypdfium2.PdfDocument(handout_pdf(session()))
    dpi = 150
    found: dict[str, float] = {}
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil()
        for result in zxingcpp.read_barcodes(image):
            corners = result.position
            found[result.text] = abs(corners.top_right.x - corners.top_left.x) / dpi * 25.4
    assert set(found) == {LONG_URL, SHORT_URL}
    assert all(width >= 14.8 for width in found.values()), found  # the symbol, not the zone


MTSPROUT = SessionSource(
    author="Karin Tempelaar",
    title="Like en dislike: de social media-spagaat",
    publication="MT Podium",
    year=2012,
    url="https://www.mtsprout.nl/podium/like-en-dislike-de-social-media-spagaat-van-zakelijk-gebruik/2012",
)
LANGE_WEG = SessionSource(
    author="Iemand",
    title="Een titel",
    url="https://www.example.org/podium/" + "-".join(["een-lange-weg"] * 8) + "/2012/a.html",
)


@pytest.mark.slow
@pytest.mark.parametrize("source", [MTSPROUT, LANGE_WEG])
def test_a_long_url_in_the_handout_breaks_only_after_its_parts(source: SessionSource) -> None:
    from werkvorm.render.documents import handout_pdf

    url, sources = source.url.removeprefix("https://"), [source]  # printed without it
    pdf = pypdfium2.PdfDocument(handout_pdf(session(paper="a5", sources=sources)))
    lines = [
        line.strip()
        for page in pdf  # pdfium marks a hyphen at a line end, and joins the lines
        for line in page.get_textpage().get_text_range().replace("\ufffe", "-\n").splitlines()
        if line.strip()
    ]
    start = next(n for n, line in enumerate(lines) if "www." in line)
    joined, breaks = "", []
    for line in lines[start:]:
        joined += line[line.index("www.") :] if not joined else line
        breaks.append(len(joined))
        if len(joined) >= len(url):
            break
    assert joined.startswith(url) and len(breaks) >= 2  # wrapped
    assert "https://" not in " ".join(lines)
    assert breaks[0] > url.index("/")  # the host whole on its line
    for at in breaks[:-1]:
        assert url[at - 1] in "/.-" and url[at] not in ".-", url[:at]  # after, never before


# The evaluation form ----------------------------------------------------------------------


def test_default_evaluation_questions_in_the_sessions_language() -> None:
    from werkvorm.compose.labels import LABELS

    nl = evaluation.default_questions(LABELS["nl"])
    en = evaluation.default_questions(LABELS["en"], "a5")
    assert [q.kind for q in nl] == ["scale"] * 4 + ["question"] * 2
    assert nl[0].text == "Ik ben tevreden over deze workshop."
    assert en[0].labels == ["strongly disagree", "strongly agree"]
    assert en[-1].lines < nl[-1].lines  # less room to write on A5


def test_scales_with_the_same_ends_share_one_grid() -> None:
    a = WorksheetEntry(kind="scale", text="a", labels=["nee", "ja"])
    b = WorksheetEntry(kind="scale", text="b", labels=["nee", "ja"])
    c = WorksheetEntry(kind="scale", text="c", min=0, max=10)
    q = WorksheetEntry(kind="question", text="q", lines=2)
    parts = evaluation.parts([a, b, c, q, a])
    assert [(p.kind, len(p.items)) for p in parts] == [
        ("grid", 2),
        ("grid", 1),
        ("item", 1),
        ("grid", 1),
    ]
    assert parts[1].points == list(range(11))


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "a5", "letter"])
def test_evaluation_fits_one_page_in_the_clients_branding(paper: str) -> None:
    pdf = evaluation.evaluation_pdf(session(paper=paper))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = text_of(pdf)
    for expected in ("EVALUATIE", "De social media-spagaat", "donderdag 3 december 2026"):
        assert expected in text
    assert "Wat kan er beter?" in text
    assert evaluation.evaluation_pdf(session(paper=paper)) == pdf


@pytest.mark.slow
def test_a_workshops_own_evaluation_items_replace_the_default() -> None:
    own = [
        WorksheetEntry(kind="scale", text="Zou je dit aanraden?", min=0, max=10),
        WorksheetEntry(kind="checklist", items=["Meer oefenen", "Meer theorie"]),
        WorksheetEntry(kind="question", text="Wat ga je morgen anders doen?", lines=4),
    ]
    pdf = evaluation.evaluation_pdf(session(evaluation=own, paper="a5"))
    text = text_of(pdf)
    assert "Zou je dit aanraden?" in text and "Meer theorie" in text
    assert "Wat kan er beter?" not in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


@pytest.mark.slow
def test_an_evaluation_that_cannot_fit_one_page_is_a_clear_error() -> None:
    many = [WorksheetEntry(kind="question", text=f"Vraag {n}", lines=8) for n in range(12)]
    with pytest.raises(RenderError, match=r"evaluation item\(s\) need \d+ pages on A4"):
        evaluation.evaluation_pdf(session(evaluation=many))


# The follow-up -----------------------------------------------------------------------------


def test_followup_markdown_is_plain_and_complete() -> None:
    md = followup.followup_md(session()).decode("utf-8")
    assert md.startswith("De social media-spagaat\n=======================\n")
    assert "Leerdoelen\n----------\n" in md and "Om mee te nemen\n" in md
    assert f"- Karin Tempelaar, *Like en dislike* (2012)\n  {LONG_URL}\n" in md
    assert "- Zonder Adres, *Alleen op papier*\n" in md
    assert md.endswith("Anouk de Wit\nWit & Woord\na@example.org\n")  # not escaped
    assert "&amp;" not in md and "<" not in md and "  \n" not in md
    assert followup.followup_md(session()).decode() == md


def test_followup_leaves_out_empty_contact_lines_and_omitted_blocks() -> None:
    s = session(trainer=SessionTrainer(email="a@example.org"), facilitator="")
    assert followup.contact(s) == ["a@example.org"]
    md = followup.followup_md(s).decode()
    assert md.endswith("\n\na@example.org\n")
    s = session(takeaways=BASE.takeaways[:1], trainer=SessionTrainer(), facilitator="")
    md = followup.followup_md(s).decode()
    assert BASE.takeaways[0] in md and BASE.takeaways[1] not in md
    assert "Vragen of verder praten?" not in md


@pytest.mark.slow
def test_followup_pdf_has_the_takeaways_sources_with_qr_codes_and_the_contact() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    data = followup.followup_pdf(session())
    text = text_of(data)
    for expected in ("NA DE WORKSHOP", BASE.goals[0], BASE.takeaways[-1], "a@example.org"):
        assert expected in text
    decoded = set()
    for page in pypdfium2.PdfDocument(data):
        decoded |= {r.text for r in zxingcpp.read_barcodes(page.render(scale=2).to_pil())}
    assert decoded == {LONG_URL, SHORT_URL}
    assert followup.followup_pdf(session()) == data


# Badges and table tents ----------------------------------------------------------------------


def test_fit_keeps_a_short_name_large_and_shrinks_a_long_one() -> None:
    word = [("Sanne", 50.0), ("Bakker", 60.0)]  # px at REFERENCE_PX (20)
    short = badges.fit(word, 5.0, (80, 19), (26, 11), 3)
    assert short == badges.Setting(("Sanne Bakker",), 26)
    long = badges.fit(word * 6, 5.0, (80, 19), (26, 11), 3)
    assert long.fits and 11 <= long.size < 26 and 1 < len(long.lines) <= 3
    assert " ".join(long.lines).split() == [w for w, _ in word * 6]  # nothing dropped
    too_long = badges.fit(word * 30, 5.0, (80, 19), (26, 11), 3)
    assert not too_long.fits and too_long.size == 11
    assert " ".join(too_long.lines).split() == [w for w, _ in word * 30]


def test_a_right_to_left_name_is_set_right_to_left() -> None:
    from werkvorm.render.sheets import sheet_html
    from werkvorm.render.stamps import Column

    person = SessionParticipant(name="محمد الأنصاري", slug="m")
    face = {"person": person, "name": badges.Setting(("محمد الأنصاري",), 20), "top": 0}
    face["org"] = badges.Setting((), 10)
    column = Column(90, 55, 1)
    sheet = badges._sheet(badges.BADGE, "a4")
    extra = {"mode": "names", "kind": "badges", "faces": [face], "sheet": sheet, "column": column}
    html = sheet_html("badges.html.j2", session(), None, extra)
    assert '<div class="line" dir="rtl">محمد الأنصاري</div>' in html


@pytest.mark.slow
def test_badges_eight_a_sheet_with_every_name_whole() -> None:
    assert len(SEVENTY) == 70
    people = [
        SessionParticipant(name=f"Deelnemer {n}", organisation="Org", slug=f"d{n}")
        for n in range(4)
    ]
    s = session(participants=session().participants + people)
    data = badges.badges_pdf(s)
    assert page_sizes_mm(data) == [(210, 297), (210, 297)]
    text = text_of(data)
    assert "李小龙" in text and "香港电影公司" in text
    assert " ".join(SEVENTY.split()) in text.replace("- ", "-")
    assert badges.too_long(s) == []
    assert badges.badges_pdf(s) == data


@pytest.mark.slow
def test_checks_estimate_of_a_names_width_matches_the_layout() -> None:
    s = session()
    words = dict(badges._words_of(s))
    measured, estimated = badges._laid_out(s, None, words), badges._estimate(s)
    assert measured.keys() == words.keys() and measured.keys() < estimated.keys()
    assert all(abs(estimated[k] - w) <= 0.02 * w for k, w in measured.items())


@pytest.mark.slow
def test_table_tents_two_a_sheet_with_a_turned_face() -> None:
    data = badges.badges_pdf(session(badges="tents", paper="a5"))
    assert page_sizes_mm(data) == [(210, 297)] * 3
    text = text_of(data)
    assert text.count("Sanne Bakker") == 2  # both faces


@pytest.mark.slow
def test_a_name_too_long_for_a_badge_is_a_warning_and_still_printed_whole() -> None:
    name = "Wolfeschlegelsteinhausenbergerdorff " * 8
    s = session(participants=[SessionParticipant(name=name.strip(), slug="w")])
    found = badges.too_long(s)
    assert len(found) == 1 and "does not fit a badge even at 11 pt" in found[0][1]
    text = text_of(badges.badges_pdf(s)).replace(" ", "")
    assert text.count("Wolfeschlegelsteinhausenbergerdorff") == 8


# In the kit ----------------------------------------------------------------------------------


def test_the_new_outputs_are_build_formats() -> None:
    assert {"evaluation", "followup", "badges"} <= set(FORMATS)


@pytest.mark.slow
def test_build_writes_the_new_outputs_and_records_them(project: Path) -> None:
    result = runner.invoke(app, ["build", "gemeente-lindewaard", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    kit = project / "output" / "gemeente-lindewaard" / "spagaat"
    for name in ("evaluation.pdf", "followup.pdf", "followup.md", "participants/badges.pdf"):
        assert (kit / name).is_file(), name
    manifest = (kit / "manifest.json").read_text(encoding="utf-8")
    assert '"participants/badges.pdf"' in manifest and '"followup.md"' in manifest


def test_a_participant_called_badges_does_not_overwrite_the_badges(project: Path) -> None:
    csv = project / "workshops" / "clients" / "lindewaard-deelnemers.csv"
    csv.write_text("naam;organisatie\nBadges;A\n", encoding="utf-8")
    root = Project(project)
    inputs = load_inputs(root, "client", root.clients_dir / "gemeente-lindewaard.yaml")
    assert [p.slug for p in compose(inputs.workshop, inputs.client).participants] == ["badges-2"]


@pytest.mark.slow
def test_build_format_names_one_output(project: Path) -> None:
    result = runner.invoke(app, ["build", "spagaat", "--format", "evaluation,followup,badges"])
    assert result.exit_code == 0, result.output
    kit = project / "output" / "generic" / "spagaat"
    assert sorted(p.name for p in kit.rglob("*") if p.is_file()) == [
        "evaluation.pdf",
        "followup.md",
        "followup.pdf",
        "manifest.json",
    ]  # no participants, so no badges


@pytest.mark.slow
def test_check_warns_about_a_name_too_long_for_a_badge(project: Path) -> None:
    csv = project / "workshops" / "clients" / "lindewaard-deelnemers.csv"
    long = "Wolfeschlegelsteinhausenbergerdorff " * 8
    csv.write_text(csv.read_text(encoding="utf-8") + long.strip() + ";;\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "workshops/clients/gemeente-lindewaard.yaml"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "lindewaard-deelnemers.csv warning 6:1 participants name" in out
    assert "does not fit a badge" in out
