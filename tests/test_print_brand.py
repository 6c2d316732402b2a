"""The client's brand in print (issue 25): the follow-up page (``followup_url``) on the
booklet's back cover and in the follow-up, the booklet's fold mark, logos and QR codes
with alt text in the tagged PDFs, Markdown images reported by ``check``, and a tall or
coarse logo on the certificate, the evaluation form and the follow-up. The slow tests
build the awkward inputs of tests/layout_inputs.py and measure the PDFs themselves."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pdfmeasure as m
from tests.layout_inputs import make_project
from werkvorm.cli.main import app
from werkvorm.project.folder import Project

runner = CliRunner()
FOLLOWUP = "https://www.geelstad.example/werkplaats/nee-zeggen/follow-up"
SHORT = "www.geelstad.example/werkplaats/nee-zeggen/follow-up"
KITS = {"geelstad": "geelstad/edge-en", "zwartwater": "zwartwater/edge-en",
        "mecanon": "mecanon/spagaat"}  # fmt: skip


def _client(write: Callable[..., Path], extra: str) -> list[str]:
    from tests.conftest import MINIMAL
    from werkvorm.kits.checks import check_paths

    write("proef.yaml", MINIMAL)
    path = write("clients/klant.yaml", f"name: Klant\nworkshop: proef\n{extra}\n")
    _, problems = check_paths(Project(path.parents[2]), [path])
    return [f"{p.severity} {p.field}: {p.message}" for p in problems]


# -- followup_url: the field ------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["mailto:ruth@okafor.example", "follow-up.pdf", "ftp://files.example/x", "''"]
)
def test_followup_url_must_be_a_web_address(write: Callable[..., Path], value: str) -> None:
    found = _client(write, f"followup_url: {value}")
    shown = value.strip("'")
    assert [f for f in found if f.startswith("error")] == [
        f"error followup_url: '{shown}' is not a web address: write it in full, starting "
        "with https:// (e.g. https://www.example.nl/follow-up)"
    ]


def test_followup_url_completes_a_bare_www_address() -> None:
    from werkvorm.schema.profiles import Client

    client = Client.model_validate(
        {"name": "Klant", "workshop": "proef", "followup_url": " www.klant.example/na "}
    )
    assert client.followup_url == "https://www.klant.example/na"
    assert Client.model_validate({"name": "K", "workshop": "p"}).followup_url is None


def test_the_example_booklet_client_has_a_followup_url() -> None:
    from tests.conftest import REPO
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.render.followup import followup_md

    project = Project(REPO)
    path = project.clients_dir / "waterschap-lage-weiden.yaml"
    inputs = load_inputs(project, "client", path)
    session = compose(inputs.workshop, inputs.client)
    assert session.booklet
    assert session.followup_url == "https://www.lage-weiden.example/zes-competenties/follow-up"
    text = followup_md(session).decode()
    assert (
        "De follow-up staat ook online: "
        "https://www.lage-weiden.example/zes-competenties/follow-up\n"
    ) in text


# -- QR codes, addresses, logos: the pieces ---------------------------------------------


def test_a_qr_code_carries_its_alt_text_and_an_address_breaks_only_after_slash_dot_dash() -> None:
    from werkvorm.render.qr import address_breaks, qr_svg, short_address

    assert "<title>QR-code: www.geelstad.example</title>" in qr_svg(FOLLOWUP)
    assert "<title>QR-code: ruth@okafor.example</title>" in qr_svg("mailto:ruth@okafor.example")
    assert short_address(FOLLOWUP + "/") == SHORT
    pieces = str(address_breaks(SHORT)).split("<wbr>")
    assert "".join(pieces) == SHORT
    assert all(p[-1] in "/.-" for p in pieces[:-1])
    assert pieces == ["www.", "geelstad.", "example/", "werkplaats/", "nee-", "zeggen/",
                      "follow-", "up"]  # fmt: skip


def _logo(tmp_path: Path, size: tuple[int, int]) -> str:
    from PIL import Image

    path = tmp_path / f"logo-{size[0]}x{size[1]}.png"
    Image.new("RGB", size, "#111111").save(path)
    return str(path)


def test_a_tall_logo_gets_twelve_mm_and_a_coarse_one_is_left_off(tmp_path: Path) -> None:
    from werkvorm.render.logo import logo_box

    tall = logo_box(_logo(tmp_path, (300, 900)), 45, 13)
    assert (tall.show, tall.tall, tall.width, tall.height) == (True, True, 12.0, 36.0)
    assert logo_box(_logo(tmp_path, (90, 30)), 45, 13).show is False  # 11.4 mm at 200 ppi
    wide = logo_box(_logo(tmp_path, (1600, 200)), 45, 13)
    assert (wide.show, wide.tall, wide.width) == (True, False, 45.0)
    square = logo_box(_logo(tmp_path, (120, 120)), 45, 13)
    assert (square.show, square.tall, square.width) == (True, False, 13.0)
    soft = logo_box(_logo(tmp_path, (200, 100)), 45, 13)  # 26 mm would be 195 ppi
    assert (soft.show, soft.width, soft.height) == (True, 25.4, 12.7)
    assert logo_box("", 45, 13).show is False
    assert logo_box(str(tmp_path / "logo.svg"), 45, 13) == type(wide)(show=True)


# -- check: images typed into text ------------------------------------------------------


def test_check_reports_a_markdown_image_without_alt_text(write: Callable[..., Path]) -> None:
    from werkvorm.kits.checks import check_paths

    path = write(
        "beeld.yaml",
        """\
        title: Proef
        language: nl
        duration: 60
        agenda:
          - title: Opening
            minutes: 30
            intro: "Kijk: ![](grafiek.png)"
            facilitator: Welkom.
          - title: Oefenen
            minutes: 30
            facilitator: "Het model: ![Het model van Kotter](https://example.org/kotter.png)"
        """,
    )
    _, problems = check_paths(Project(path.parents[1]), [path])
    found = [(p.line, p.message) for p in problems if "image" in p.message]
    assert found == [
        (
            7,
            "the image ![](grafiek.png) has no alt text, and a text field prints no images: "
            "the handout shows only '!' in its place; put the picture on a slide (image: "
            "with alt:) or say in words what it shows",
        ),
        (
            11,
            "a text field prints no images: ![Het model van Kotter](https://example.org/"
            "kotter.png) prints as '!Het model van Kotter'; put the picture on a slide "
            "(image: with alt:) or say in words what it shows",
        ),
    ]


# -- the built kits ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = make_project(tmp_path_factory.mktemp("brand"))
    with (root / "workshops" / "clients" / "geelstad.yaml").open("a", encoding="utf-8") as f:
        f.write(f"followup_url: {FOLLOWUP}\n")
    result = runner.invoke(
        app, ["build", *KITS, "--format", "pdf", "--project", str(root)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return {stem: root / "output" / kit for stem, kit in KITS.items()}


def _flat(text: str) -> str:
    return re.sub(
        r"\s+", " ", text.replace("\ufffe", "-").replace("\u00ad", "")
    )  # line-end hyphens


def _qr_codes(path: Path, page: int, dpi: int = 150) -> list[tuple[str, float]]:
    """The QR codes on a page: (text, printed width in mm of the dark symbol)."""
    import zxingcpp

    image = m.render(m.open_pdf(path)[page], dpi)
    found = []
    for code in zxingcpp.read_barcodes(image):  # type: ignore[arg-type]
        symbol = (code.position.top_right.x - code.position.top_left.x) / dpi * 25.4
        found.append((code.text, symbol))
    return sorted(found)


@pytest.mark.slow
def test_booklet_back_cover_has_the_contact_and_a_qr_code_to_the_followup(
    built: dict[str, Path],
) -> None:
    path = built["geelstad"] / "handout-booklet.pdf"
    outer = _flat(m.page_texts(path)[0])  # back cover | front cover
    assert "ruth@okafor.example" in outer and "Ruth Okafor" in outer
    assert SHORT in outer.replace(" ", "")  # the address under the code, wrapped or not
    codes = _qr_codes(path, 0)
    assert [text for text, _ in codes] == [FOLLOWUP]
    # one size: the same as the handout's source codes (on the sources page)
    handout = built["geelstad"] / "handout.pdf"
    sources = next(i for i, t in enumerate(m.page_texts(handout)) if "Getting to yes" in t)
    widths = [w for _, w in _qr_codes(handout, sources)] + [codes[0][1]]
    assert len(widths) == 3 and max(widths) - min(widths) < 0.6, widths


@pytest.mark.slow
def test_every_booklet_sheet_side_has_a_fold_mark_at_its_centre(built: dict[str, Path]) -> None:
    import pikepdf

    from werkvorm.render.booklet import FOLD_MARK

    for name in ("handout-booklet.pdf", "participants/all-handouts-booklet.pdf"):
        with pikepdf.open(built["geelstad"] / name) as pdf:
            assert all(
                page.Contents.read_bytes().startswith(FOLD_MARK.encode()) for page in pdf.pages
            )
    image = m.render(m.open_pdf(built["geelstad"] / "handout-booklet.pdf")[1], 144)
    width, height = image.size  # type: ignore[attr-defined]
    column = [image.getpixel((width // 2, y))[0] for y in range(height)]  # type: ignore[attr-defined]
    mark = [y / 144 * 25.4 for y in range(height) if column[y] < 200]  # mm from the top
    assert min(mark) < 4 and max(mark) > 206  # at the top and the bottom edge
    assert all(2.5 <= y <= 8.5 or 201.5 <= y <= 207.5 for y in mark)  # short, 3 to 8 mm in


@pytest.mark.slow
def test_followup_names_its_page_only_when_the_client_has_one(built: dict[str, Path]) -> None:
    text = _flat("".join(m.page_texts(built["geelstad"] / "followup.pdf")))
    assert ("The follow-up is also online: " + SHORT).replace(" ", "") in text.replace(" ", "")
    md = (built["geelstad"] / "followup.md").read_text(encoding="utf-8")
    assert f"The follow-up is also online: {FOLLOWUP}\n" in md
    assert "Gemeente Geelstad · Thursday 3 June 2027 · Stadskantoor Geelstad\n" in md  # no room
    handout = _flat("".join(m.page_texts(built["geelstad"] / "handout.pdf")))
    assert ("The follow-up is also online: " + SHORT).replace(" ", "") in handout.replace(" ", "")
    for kit in ("zwartwater", "mecanon"):
        assert "online" not in "".join(m.page_texts(built[kit] / "followup.pdf"))
        assert "online" not in (built[kit] / "followup.md").read_text(encoding="utf-8")


def _images(path: Path) -> Iterator[tuple[int, float, float, float, float, int]]:
    """(page, left, top, width, height in mm from the page's top left, pixels wide) of
    every raster image placed in the PDF (inside forms too)."""
    import pypdfium2.raw as pdfium_c

    for number, page in enumerate(m.open_pdf(path)):
        height = page.get_height()
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=6):
            left, bottom, right, top = obj.get_bounds()
            pixels = obj.get_px_size()[0]
            yield (number, left / m.MM, (height - top) / m.MM, (right - left) / m.MM,
                   (top - bottom) / m.MM, pixels)  # fmt: skip


LOGO_DOCS = ("participants/certificates.pdf", "evaluation.pdf", "followup.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("document", LOGO_DOCS)
def test_a_tall_logo_is_at_least_twelve_mm_wide(built: dict[str, Path], document: str) -> None:
    path = built["zwartwater"] / document
    logos = [i for i in _images(path) if i[0] == 0]
    assert len(logos) == 1
    _, left, top, width, height, _ = logos[0]
    assert width >= 11.99 and abs(height - 3 * width) < 0.1  # not a 3 mm sliver
    page = m.open_pdf(path)[0]
    page_w, page_h = page.get_width() / m.MM, page.get_height() / m.MM
    assert left >= 12 and top >= 12 and left + width <= page_w - 12  # inside the frame/margins
    for g in m.glyphs(page):  # no text under the logo
        g_left, g_bottom, g_right, g_top = (v / m.MM for v in g.box)
        assert (
            g_right <= left
            or g_left >= left + width
            or page_h - g_bottom <= top
            or page_h - g_top >= top + height
        ), g.char


@pytest.mark.slow
@pytest.mark.parametrize("document", LOGO_DOCS)
def test_a_coarse_logo_is_left_off_for_the_name(built: dict[str, Path], document: str) -> None:
    path = built["mecanon"] / document
    for _, _, _, width, _, pixels in _images(path):  # what is printed is at least 200 ppi
        assert pixels / (width / 25.4) >= 199.5
    assert not list(_images(path))  # 90 px at 200 ppi would be 11.4 mm: left off
    glyphs = m.glyphs(m.open_pdf(path)[0])
    first = max(round(g.origin[1]) for g in glyphs)  # the top line: the name as a wordmark
    assert "".join(g.char for g in glyphs if round(g.origin[1]) == first) == "Mecanon"


@pytest.mark.slow
def test_a_long_title_on_letter_gets_the_full_width_under_a_wide_logo(
    built: dict[str, Path],
) -> None:
    from werkvorm.compose import compose
    from werkvorm.compose.trainer import apply_project_file
    from werkvorm.kits.build import load_inputs
    from werkvorm.render.evaluation import evaluation_pdf

    root = built["zwartwater"].parents[2]
    project = Project(root)
    inputs = load_inputs(project, "client", project.clients_dir / "zwartwater.yaml")
    session, _ = apply_project_file(project, compose(inputs.workshop, inputs.client), None)
    for logo, tall in (("wide-logo.png", False), ("tall-logo.png", True)):
        branding = session.branding.model_copy(update={"logo": str(project.clients_dir / logo)})
        out = root / f"evaluation-{logo}.pdf"
        out.write_bytes(evaluation_pdf(session.model_copy(update={"branding": branding})))
        page = m.open_pdf(out)[0]
        title = [g for g in m.glyphs(page) if g.size >= 13 and g.char.isalpha()]
        lines = {round(g.origin[1]) for g in title}
        assert len(lines) <= 3  # a 150-character title in three lines at most
        (_, left, top, width, height, _) = next(_images(out))
        title_top = (page.get_height() - max(g.box[3] for g in title)) / m.MM
        if tall:  # in the corner beside the title, at least 12 mm wide
            assert width >= 11.99
            assert max(g.box[2] for g in title) / m.MM <= left
        else:  # above the title
            assert top + height <= title_top


# -- PDF/UA: every figure has its alt text ----------------------------------------------

TAGGED = ("handout.pdf", "guide.pdf", "followup.pdf", "evaluation.pdf")


def _figures(path: Path) -> list[str | None]:
    """The /Alt of every /Figure in the structure tree (None: none)."""
    import pikepdf

    found: list[str | None] = []
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked
        stack: list[object] = [pdf.Root.StructTreeRoot]
        seen: set[tuple[int, int]] = set()
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
                continue
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            if node.get("/S") == pikepdf.Name.Figure:
                alt = node.get("/Alt")
                found.append(str(alt) if alt is not None else None)
            if "/K" in node:
                stack.append(node.K)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("kit", KITS)
@pytest.mark.parametrize("document", TAGGED)
def test_every_figure_in_a_tagged_pdf_has_alt_text(
    built: dict[str, Path], kit: str, document: str
) -> None:
    names = {"geelstad": "Gemeente Geelstad", "zwartwater": "Zwartwater", "mecanon": "Mecanon"}
    for alt in _figures(built[kit] / document):
        assert alt and (alt == names[kit] or alt.startswith("QR-code: ")), alt


@pytest.mark.slow
def test_qr_codes_and_logos_are_named_in_the_tagged_handout(built: dict[str, Path]) -> None:
    figures = _figures(built["zwartwater"] / "handout.pdf")
    assert sorted(figures) == sorted(  # type: ignore[type-var]
        ["Zwartwater", "QR-code: www.example.org", "QR-code: example.com"]
    )
