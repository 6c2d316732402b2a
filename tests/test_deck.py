"""The deck: editable text in placeholders, on the default and on a real client template."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import REPO
from tests.deckshape import structure, to_pdf
from werkvorm.errors import TemplateError
from werkvorm.kits.build import build_kit
from werkvorm.project.folder import Project
from werkvorm.render.deck import choose_layouts, open_template, read_template

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
MECANON = FIXTURES / "mecanon-ufrj.potx"


def _client_with_template(project: Path, template: Path | None) -> Path:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    if template is not None:
        shutil.copy(template, client.parent / template.name)
        client.write_text(
            client.read_text().replace("paper: a4", f"paper: a4\ndeck_template: {template.name}")
        )
    return client


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example client's deck on the default template and on the real .potx."""
    out: dict[str, bytes] = {}
    for name, template in (("default", None), ("mecanon", MECANON)):
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(REPO / "workshops", root / "workshops")
        client = _client_with_template(root, template)
        result = build_kit(Project(root), "client", client, formats=["pptx"])
        out[name] = (result.folder / "deck.pptx").read_bytes()
    return out


@pytest.mark.parametrize("name", ["default", "mecanon"])
def test_deck_structure_golden(
    decks: dict[str, bytes], name: str, golden: Callable[[str, object], None]
) -> None:
    golden(f"spagaat-lindewaard.deck-{name}.json", structure(decks[name]))


@pytest.mark.parametrize("name", ["default", "mecanon"])
def test_every_slide_has_a_title_and_speaker_notes(decks: dict[str, bytes], name: str) -> None:
    for n, slide in enumerate(structure(decks[name]), 1):
        titles = [s for s in slide["shapes"] if s.get("placeholder") in ("TITLE", "CENTER_TITLE")]
        assert titles and titles[0]["text"].strip(), f"slide {n} has no title"
        assert slide["notes"].strip(), f"slide {n} has no speaker notes"


@pytest.mark.parametrize("name", ["default", "mecanon"])
def test_text_lives_in_placeholders(decks: dict[str, bytes], name: str) -> None:
    for slide in structure(decks[name]):
        loose = [s for s in slide["shapes"] if s.get("text") and "placeholder" not in s]
        assert all(s["name"] == "Quote" for s in loose), loose


def test_sample_slides_and_vertical_layouts_never_used(decks: dict[str, bytes]) -> None:
    prs = Presentation(io.BytesIO(decks["mecanon"]))
    texts = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    assert "Mecanon" not in texts.replace("mecanon", "")  # the sample slides' own words
    default = Presentation(io.BytesIO(decks["default"]))
    assert not {s.slide_layout.name for s in default.slides} & {
        "Title and Vertical Text",
        "Vertical Title and Text",
    }


def test_footer_and_slide_numbers_filled(decks: dict[str, bytes]) -> None:
    prs = Presentation(io.BytesIO(decks["mecanon"]))
    content = [s for s in prs.slides if s.slide_layout.name == "Conteúdo"]
    assert content
    for slide in content:
        kinds = {
            str(ph.placeholder_format.type).split(".")[-1].split(" ")[0]: ph
            for ph in slide.placeholders
        }
        assert "De social media-spagaat · Gemeente Lindewaard" in kinds["FOOTER"].text_frame.text
        assert kinds["SLIDE_NUMBER"]._element.xpath(".//a:fld[@type='slidenum']")


def test_image_fitted_without_cropping_with_alt_text(decks: dict[str, bytes]) -> None:
    from PIL import Image

    prs = Presentation(io.BytesIO(decks["default"]))
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    spagaat = [p for p in pictures if "spreidstand" in p._element.nvPicPr.cNvPr.get("descr", "")]
    assert len(spagaat) == 1
    pic = spagaat[0]
    assert (pic.crop_left, pic.crop_right, pic.crop_top, pic.crop_bottom) == (0, 0, 0, 0)
    with Image.open(REPO / "workshops" / "images" / "spagaat.png") as im:
        assert abs(pic.width / pic.height - im.width / im.height) < 0.01


def test_body_text_at_least_18pt_and_six_bullets(decks: dict[str, bytes]) -> None:
    prs = Presentation(io.BytesIO(decks["default"]))
    for slide in prs.slides:
        programme = slide.shapes.title is not None and slide.shapes.title.text == "Programma"
        for ph in slide.placeholders:
            kind = str(ph.placeholder_format.type)
            if "OBJECT" in kind or "BODY" in kind:
                assert len(ph.text_frame.paragraphs) <= (12 if programme else 7)
                for p in ph.text_frame.paragraphs:
                    for r in p.runs:
                        assert r.font.size is None or r.font.size.pt >= 16


def test_potx_is_read_and_layouts_chosen_by_placeholders() -> None:
    prs = open_template(MECANON)
    choice = choose_layouts(prs)
    assert choice.by_kind["content"].name == "Conteúdo"
    assert choice.by_kind["title"].name.startswith("Título da Apresentação")
    assert not any(li.vertical for li in choice.by_kind.values())
    # no section-header layout: a centred-title layout stands in
    assert choice.by_kind["section"].name.startswith("Título da Apresentação")


def test_pinned_layout_is_checked() -> None:
    prs = open_template(MECANON)
    assert choose_layouts(prs, {"section": "Title Slide"}).by_kind["section"].name == "Title Slide"
    with pytest.raises(TemplateError, match="no layout named 'Sectiekop'"):
        choose_layouts(prs, {"section": "Sectiekop"})


def test_not_a_powerpoint_file(tmp_path: Path) -> None:
    fake = tmp_path / "huisstijl.potx"
    fake.write_text("dit is geen zip")
    with pytest.raises(TemplateError, match=r"huisstijl\.potx is not a PowerPoint file"):
        read_template(fake)


def test_truncated_template(tmp_path: Path) -> None:
    cut = tmp_path / "kapot.pptx"
    cut.write_bytes(MECANON.read_bytes()[:50_000])
    with pytest.raises(TemplateError):
        open_template(cut)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p/>")
        zf.writestr("ppt/media/big.bin", b"\0" * 50_000_000)
    with pytest.raises(TemplateError, match="suspiciously"):
        read_template(bomb)


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("CI"):
        pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-impress")
    return found


@pytest.mark.parametrize("name", ["default", "mecanon"])
def test_libreoffice_converts_every_slide(
    decks: dict[str, bytes], name: str, tmp_path: Path
) -> None:
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed here")
    deck = tmp_path / f"{name}.pptx"
    deck.write_bytes(decks[name])
    to_pdf([deck], tmp_path)
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists(), "soffice exits 0 even when it fails: no PDF was written"
    reader = PdfReader(pdf)
    slides = structure(decks[name])
    assert len(reader.pages) == len(slides)
    for page, slide in zip(reader.pages, slides, strict=True):
        title = next(
            s["text"] for s in slide["shapes"] if s.get("placeholder") in ("TITLE", "CENTER_TITLE")
        )
        flat = " ".join((page.extract_text() or "").split()).lower()
        assert " ".join(title.split()).lower()[:25] in flat


def test_measure_uses_real_font_metrics() -> None:
    from werkvorm.render.textfit import Measure

    m = Measure("Source Sans 3")
    assert m.lines("iiiiiiiiii", 20, 60) < m.lines("WWWWWWWWWW", 20, 60)
    assert m.lines("een twee drie vier vijf zes", 20, 1000) == 1
    assert m.lines("een twee drie vier vijf zes", 20, 80) >= 3
    # A client font werkvorm lacks is measured wider, so text errs towards fitting.
    assert Measure("Montserrat").lines("woorden " * 30, 20, 300) >= m.lines(
        "woorden " * 30, 20, 300
    )
    assert m.fit(["kort"], 300, 40, 28, 14) == 24  # (40 pt - insets) holds one line at 24
    assert m.fit(["lang " * 200], 300, 40, 28, 14) is None


@pytest.mark.parametrize("template", [None, MECANON], ids=["default", "mecanon"])
def test_long_text_never_spills_in_libreoffice(template: Path | None, tmp_path: Path) -> None:
    """Text fitted when the deck is written stays on the slide in LibreOffice, which
    ignores PowerPoint's shrink-on-overflow."""
    import pypdfium2 as pdfium

    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed here")
    root = tmp_path / "proj"
    (root / "workshops" / "clients").mkdir(parents=True)
    shutil.copy(FIXTURES / "stress" / "stress.yaml", root / "workshops" / "stress.yaml")
    client = root / "workshops" / "clients" / "klant.yaml"
    client.write_text("name: Klant\nworkshop: stress\n", encoding="utf-8")
    if template is not None:
        shutil.copy(template, client.parent / template.name)
        client.write_text(f"name: Klant\nworkshop: stress\ndeck_template: {template.name}\n")
    result = build_kit(Project(root), "client", client, formats=["pptx"])
    deck = result.folder / "deck.pptx"
    to_pdf([deck], tmp_path)
    pdf = pdfium.PdfDocument(tmp_path / "deck.pdf")
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            assert left >= -1 and right <= width + 1 and bottom >= -1 and top <= height + 1, (
                f"slide {index + 1}: text outside the slide"
            )


@pytest.mark.parametrize("name", ["default", "mecanon"])
def test_the_deck_follows_the_office_schema(
    decks: dict[str, bytes], name: str, tmp_path: Path
) -> None:
    """PowerPoint offers to repair a deck whose XML breaks the schema's order (a spcBef
    after a buNone, as python-pptx edits and templates leave them): never ours."""
    from openxml_audit import validate_pptx

    deck = tmp_path / "deck.pptx"
    deck.write_bytes(decks[name])
    assert [str(e) for e in validate_pptx(str(deck)).errors or []] == []


def test_paragraph_properties_are_put_in_schema_order() -> None:
    from lxml import etree

    from werkvorm.render.deck._oxml import in_schema_order

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    ppr = etree.fromstring(
        f'<a:pPr xmlns:a="{a}"><a:buNone/><a:defRPr/><a:spcBef/><a:lnSpc/></a:pPr>'
    )
    in_schema_order(ppr)
    assert [etree.QName(c).localname for c in ppr] == ["lnSpc", "spcBef", "buNone", "defRPr"]
