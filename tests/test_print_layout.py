"""The print layout suite: awkward inputs (tests/layout_inputs.py) built once, and each
rule of the print review measured on the PDFs themselves (tests/pdfmeasure.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pdfmeasure as m
from tests.layout_inputs import SORTED, make_project
from werkvorm.cli.main import app

pytestmark = pytest.mark.slow
runner = CliRunner()
KITS = {"geelstad": "geelstad/edge-en", "zwartwater": "zwartwater/edge-en",
        "mecanon": "mecanon/spagaat", "edge-en": "generic/edge-en"}  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = make_project(tmp_path_factory.mktemp("layout"))
    result = runner.invoke(
        app, ["build", *KITS, "--format", "pdf", "--project", str(root)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    # the build names the soft logo with its pixels
    assert "the logo is 90×30 px and prints at 96 ppi" in " ".join(result.output.split())
    return {stem: root / "output" / kit for stem, kit in KITS.items()}


# -- the sign-in sheet ------------------------------------------------------------------


@pytest.mark.parametrize(("kit", "size"), [("geelstad", (210, 297)), ("zwartwater", (216, 279))])
def test_sign_in_is_a_whole_portrait_sheet_also_for_an_a5_kit(
    built: dict[str, Path], kit: str, size: tuple[int, int]
) -> None:
    assert m.page_sizes_mm(built[kit] / "participants" / "sign-in.pdf") == [size]


def test_sign_in_is_sorted_by_surname_without_particles(built: dict[str, Path]) -> None:
    (text,) = m.page_texts(built["geelstad"] / "participants" / "sign-in.pdf")
    lines = text.splitlines()
    order = [next(i for i, line in enumerate(lines) if name in line) for name in SORTED]
    assert order == sorted(order)


def test_sign_in_organisation_is_one_line_and_names_are_never_broken(
    built: dict[str, Path],
) -> None:
    (text,) = m.page_texts(built["mecanon"] / "participants" / "sign-in.pdf")
    assert "Zorggroep Amberhof, locatie De Linde" in text.replace("\r\n", "\n")
    assert "Organisatie" in text


def test_sign_in_holds_sixteen_names_on_one_page(tmp_path: Path) -> None:
    from tests.test_print_layout_helpers import sign_in_with

    pages = sign_in_with(tmp_path, 16)
    assert len(pages) == 1


@pytest.mark.parametrize("count", [18, 19, 20, 21, 22, 23])
def test_sign_in_never_ends_on_a_page_of_blank_rows(tmp_path: Path, count: int) -> None:
    from tests.test_print_layout_helpers import sign_in_with

    pages = sign_in_with(tmp_path, count)
    assert f"Deelnemer {count:02d}" in pages[-1]


# -- the certificate --------------------------------------------------------------------


def _sizes(page: object, text: str) -> set[float]:
    glyphs = m.glyphs(page)  # type: ignore[arg-type]
    chars = "".join(g.char for g in glyphs)
    start = chars.index(text.replace(" ", ""))
    return {g.size for g in glyphs[start : start + len(text.replace(" ", ""))]}


def test_certificate_is_a_title_a_large_name_and_one_sentence(built: dict[str, Path]) -> None:
    pdf = m.open_pdf(built["geelstad"] / "participants" / "certificates.pdf")
    texts = [page.get_textpage().get_text_range() for page in pdf]
    anna = next(n for n, text in enumerate(texts) if "Anna van der Berg" in text)
    assert min(_sizes(pdf[anna], "Anna van der Berg")) >= 40
    assert min(_sizes(pdf[anna], "Certificate")) >= 30  # the kit fell back to English
    sentence = " ".join(texts[anna].split())
    assert "on Thursday 3 June 2027 in Stadskantoor Geelstad (3 hours)." in sentence
    assert "zaal" not in sentence and "ingang" not in sentence


def test_certificate_shrinks_only_a_long_name(built: dict[str, Path]) -> None:
    from tests.layout_inputs import LONG_NAME

    pdf = m.open_pdf(built["zwartwater"] / "participants" / "certificates.pdf")
    texts = [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    long = next(n for n, text in enumerate(texts) if "Maximiliaan" in text)
    assert 20 <= min(_sizes(pdf[long], LONG_NAME.split()[0])) < 40
    assert "Certificate" in texts[long] and "Facilitator, Okafor Training" in texts[long]


def test_certificate_title_in_each_language() -> None:
    from werkvorm.compose.labels import labels_for

    assert [labels_for(x)["cert_title"] for x in ("nl", "nl-BE", "en")] == [
        "Certificaat",
        "Attest",
        "Certificate",
    ]


# -- page flow of the handout -----------------------------------------------------------


def _fill_failures(kit: Path, stem: str, top: float, bottom: float) -> list[str]:
    """Pages under half full on paper (not the cover, the closing or notes page) that
    ``check --verbose`` does not explain with a worksheet that could not fit (the same
    function: render/flow.py half_empty, on the same layout as the build's)."""
    from werkvorm.kits.checks import check_file
    from werkvorm.project.folder import Project

    root = kit.parents[2]
    project = Project(root)
    source = next(p for p in [*project.clients(), *project.workshops()] if p.stem == stem)
    notes = [p.message for p in check_file(project, source, deck=False, layout=True)]
    explained = {int(n.split()[2]) for n in notes if n.startswith("handout page") and ": " in n}
    path = kit / "handout.pdf"
    pdf = m.open_pdf(path)
    texts = m.page_texts(path)
    bad = [n for n in notes if "nothing explains it" in n]
    for n in range(1, len(pdf) - 2):
        filled = m.fill(pdf[n], top + 6, bottom + 6)
        if filled < 0.5 and n + 1 not in explained:
            bad.append(f"page {n + 1}: {filled:.0%} ({texts[n + 1].split()[:8]})")
    return bad


@pytest.mark.parametrize(
    ("kit", "margins"),
    [("edge-en", (22, 22)), ("zwartwater", (20, 20)), ("geelstad", (17, 17)),
     ("mecanon", (22, 22))],
)  # fmt: skip
def test_no_handout_page_but_the_last_is_under_half_full_unexplained(
    built: dict[str, Path], kit: str, margins: tuple[float, float]
) -> None:
    assert _fill_failures(built[kit], kit, *margins) == []


def test_a_worksheet_that_fits_a_page_is_never_split(tmp_path: Path) -> None:
    from tests.test_print_layout_helpers import handout_texts

    for paper in ("a4", "a5", "letter"):
        texts = handout_texts(tmp_path, "spagaat", paper)
        continued = [n + 1 for n, text in enumerate(texts) if "(vervolg)" in text]
        assert continued == [], f"{paper}: worksheet continues on pages {continued}"


def test_a_wrapped_checklist_line_hangs_under_the_text_not_the_box(
    built: dict[str, Path],
) -> None:
    pdf = m.open_pdf(built["geelstad"] / "handout.pdf")
    for page in pdf:
        glyphs = m.glyphs(page)
        chars = "".join(g.char for g in glyphs)
        at = chars.find("Item4:")
        if at < 0:
            continue
        item = glyphs[at : at + len("Item4:somethinglongerthatwrapsontoasecondlineinanarrowcolumn")]
        lines: dict[int, float] = {}
        for g in item:
            baseline = round(g.origin[1])
            lines[baseline] = min(lines.get(baseline, 1e9), g.origin[0])
        starts = [x for _, x in sorted(lines.items(), reverse=True)]
        assert len(starts) >= 2 and max(starts) - min(starts) < 1.0, starts
        return
    raise AssertionError("item 4 not found")


def test_no_group_size_line_for_individual_work(built: dict[str, Path]) -> None:
    for document in ("handout.pdf", "guide.pdf"):
        text = " ".join(" ".join(m.page_texts(built["zwartwater"] / document)).split())
        assert "Group size: 1" not in text and "1 people" not in text, document
        assert "Group size: 2 people" in text, document


def test_guide_sums_up_a_worksheet_of_twelve_questions(built: dict[str, Path]) -> None:
    text = " ".join(" ".join(m.page_texts(built["zwartwater"] / "guide.pdf")).split())
    assert "questions, 3 lines each" in text
    assert "question, 3 lines; question, 3 lines" not in text


# -- the facilitator guide --------------------------------------------------------------


@pytest.mark.parametrize(("kit", "size"), [("geelstad", (210, 297)), ("zwartwater", (216, 279))])
def test_the_guide_is_always_a_whole_sheet(
    built: dict[str, Path], kit: str, size: tuple[int, int]
) -> None:
    assert set(m.page_sizes_mm(built[kit] / "guide.pdf")) == {size}


def test_guide_prints_slide_notes_and_one_line_per_material(built: dict[str, Path]) -> None:
    text = " ".join(" ".join(m.page_texts(built["edge-en"] / "guide.pdf")).split())
    assert "Ask the group for an example from last month (slide 2)." in text
    assert text.count("sticky notes and markers") == 1
    assert "markers · block 2" in text


def test_guide_run_sheet_follows_on_the_first_page(built: dict[str, Path]) -> None:
    first = m.page_texts(built["edge-en"] / "guide.pdf")[0]
    assert "Run sheet" in first


def test_guide_cues_at_body_size_with_the_clock_time_bold(built: dict[str, Path]) -> None:
    import pypdfium2.raw as pdfium_c

    pdf = m.open_pdf(built["edge-en"] / "guide.pdf")
    for page in pdf:
        text = page.get_textpage()
        whole = text.get_text_range()
        at = whole.find("start: The big worksheet")
        if at < 0:
            continue
        time_at = whole.rfind("\n", 0, at) + 1
        fonts = {m.font_name(text, i) for i in range(time_at, at) if whole[i].strip()}
        sizes = {
            round(pdfium_c.FPDFText_GetFontSize(text.raw, i) * 0.75, 1) for i in range(at, at + 5)
        }
        assert fonts == {"Source-Sans-3-Bold"} and sizes == {10.0}
        return
    raise AssertionError("cue not found")


# -- warnings a trainer gets before printing ----------------------------------------------


def test_check_warns_about_a_low_resolution_logo_and_a_missing_contact_email(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path)
    (root / "werkvorm.yaml").unlink()
    clients = root / "workshops" / "clients"
    result = runner.invoke(app, ["check", "--project", str(root), str(clients / "mecanon.yaml")])
    out = " ".join(result.output.split())
    assert "the logo is 90×30 px and prints at 96 ppi on the handout's cover" in out
    assert "ask the client for a logo at least 900 px wide, or an SVG" in out
    assert "the follow-up has no contact e-mail" in out


# -- follow-up and evaluation form ------------------------------------------------------


@pytest.mark.parametrize("kit", ["geelstad", "zwartwater", "edge-en"])
def test_followup_stays_one_page_with_a_150_character_title(
    built: dict[str, Path], kit: str
) -> None:
    assert len(m.page_sizes_mm(built[kit] / "followup.pdf")) == 1


def test_followup_contact_box_only_with_a_way_to_reach_the_trainer() -> None:
    from tests.test_outputs import session
    from werkvorm.compose.session import SessionTrainer
    from werkvorm.render.followup import contact

    assert contact(session(trainer=SessionTrainer(name="Ruth Okafor"))) == []
    reach = session(trainer=SessionTrainer(name="Ruth Okafor", email="ruth@example.org"))
    assert contact(reach) == ["Ruth Okafor", "ruth@example.org"]


@pytest.mark.parametrize(("kit", "size"), [("geelstad", (210, 297)), ("zwartwater", (216, 279))])
def test_evaluation_fills_a_whole_sheet(
    built: dict[str, Path], kit: str, size: tuple[int, int]
) -> None:
    path = built[kit] / "evaluation.pdf"
    assert m.page_sizes_mm(path) == [size]
    (page,) = m.open_pdf(path)
    assert m.fill(page, 15, 14) > 0.93
    assert "zaal" not in m.page_texts(path)[0]


# -- one language throughout ------------------------------------------------------------


def test_a_dutch_client_on_an_english_workshop_gets_one_language(built: dict[str, Path]) -> None:
    kit = built["geelstad"]
    handout = " ".join(m.page_texts(kit / "handout.pdf"))
    assert "Agenda" in handout and "Worksheet: The big worksheet" in handout
    assert "Programma" not in handout and "Werkblad" not in handout
    certificate = m.page_texts(kit / "participants" / "certificates.pdf")[0]
    assert "Certificate" in certificate and "took part in the workshop" in certificate


# -- badges and table tents -------------------------------------------------------------


def test_a_badge_name_shrinks_to_one_line_before_it_wraps_and_ends_on_one_line() -> None:
    from tests.test_outputs import session
    from werkvorm.compose.session import SessionParticipant
    from werkvorm.render import badges
    from werkvorm.render.badges import BADGE, LINE_HEIGHT, MM_PT

    people = [
        SessionParticipant(name=n, slug=f"p{i}")
        for i, n in enumerate(["Marieke Timmermans", "Jo Ng", "Maximiliaan Alexander Christoffel"])
    ]
    s = session(participants=people, badges="badges")
    faces = badges.settings(s, badges._estimate(s))
    assert [len(f["name"].lines) for f in faces] == [1, 1, 2]
    assert faces[0]["name"].size < 26 and faces[1]["name"].size == 26
    for f in faces:  # the name box has a fixed height: its last line ends at its foot
        end = f["top"] + len(f["name"].lines) * f["name"].size * LINE_HEIGHT / MM_PT
        assert abs(end - BADGE.name_box[1]) < 0.02


def test_badges_leave_off_a_tall_or_tiny_logo(built: dict[str, Path]) -> None:
    from werkvorm.render.badges import logo_fits

    clients = built["zwartwater"].parents[2] / "workshops" / "clients"
    assert not logo_fits(str(clients / "tall-logo.png"))
    assert not logo_fits(str(clients / "lowres-logo.png"))
    assert logo_fits(str(clients / "wide-logo.png"))
    text = m.page_texts(built["zwartwater"] / "participants" / "badges.pdf")[0]
    assert text.count("Zwartwater") >= 8  # the client's name where the logo would be


# -- A5 and the booklet -----------------------------------------------------------------


def test_booklet_pads_with_notes_pages_and_a_back_cover_with_the_contact(
    built: dict[str, Path],
) -> None:
    path = built["geelstad"] / "handout-booklet.pdf"
    pdf = m.open_pdf(path)
    texts = m.page_texts(path)
    pages = len(m.open_pdf(built["geelstad"] / "handout.pdf"))
    # always a back cover: the outer sheet is back cover | front cover, even for a
    # handout that fills its sheets (12 pages get 3 notes pages and the back cover)
    assert "ruth@okafor.example" in texts[0]
    assert len(pdf) * 2 >= pages + 1 and len(pdf) % 2 == 0
    for page in pdf:  # no half of any sheet side is left blank
        image = m.render(page, 20)
        width, height = image.size  # type: ignore[attr-defined]
        for half in ((0, 0, width // 2, height), (width // 2, 0, width, height)):
            gray = image.crop(half).convert("L")  # type: ignore[attr-defined]
            assert gray.point(lambda v: 255 if v < 245 else 0).getbbox() is not None


def test_an_a5_running_head_keeps_the_clients_name_whole(tmp_path: Path) -> None:
    from tests.test_print_layout_helpers import client_handout_texts

    texts = client_handout_texts(tmp_path, "waterschap-lage-weiden")
    assert all("Waterschap De Lage Weiden" in text for text in texts[1:-1])


# -- contrast: every glyph against what is printed under it -----------------------------

DOCUMENTS = [
    "handout.pdf",
    "guide.pdf",
    "followup.pdf",
    "evaluation.pdf",
    "participants/certificates.pdf",
    "participants/badges.pdf",
    "participants/sign-in.pdf",
]


@pytest.mark.parametrize("kit", ["geelstad", "zwartwater", "mecanon"])
def test_no_text_under_4_5_to_1_on_pale_near_black_and_default_brands(
    built: dict[str, Path], kit: str
) -> None:
    low = {doc: m.low_contrast(built[kit] / doc) for doc in DOCUMENTS}
    assert {doc: found[:3] for doc, found in low.items() if found} == {}
