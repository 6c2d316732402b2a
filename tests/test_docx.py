"""handout.docx and guide.docx: the same content as the PDFs, in styles a client can
change, on werkvorm's own look or the client's Word template, the same bytes every build."""

from __future__ import annotations

import functools
import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm
from typer.testing import CliRunner

from tests.conftest import REPO
from tests.docx_pages import layout, to_pdf
from werkvorm.cli.main import app
from werkvorm.compose import compose
from werkvorm.compose.session import Session, SessionSource, WorksheetEntry
from werkvorm.errors import TemplateError
from werkvorm.kits.build import build_kit, load_inputs
from werkvorm.project.folder import Project
from werkvorm.render.docx import guide_docx, handout_docx
from werkvorm.render.docx.handout import NOTES_UNDER
from werkvorm.render.docx.styles import ROLES, find
from werkvorm.render.text import to_plain

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
TRACKER = "https://tracker.example/pixel.png"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _base() -> Session:
    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")
    return compose(inputs.workshop, inputs.client)


BASE = _base()


@functools.cache
def built(kind: str) -> bytes:
    """The example client's document in werkvorm's own look, built once for these tests."""
    return handout_docx(BASE) if kind == "handout" else guide_docx(BASE)


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def style_name(p: Any) -> str:
    return str(p.style.name)


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees, quotes straightened for comparing."""
    text = to_plain(markdown)
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return text


def every_paragraph(doc: Any) -> list[Any]:
    """Every paragraph in reading order, those in tables (and tables in tables) too."""
    root = doc._tbl if isinstance(doc, docx.table.Table) else doc.element.body
    parent = doc if isinstance(doc, docx.table.Table) else doc._body
    return [docx.text.paragraph.Paragraph(p, parent) for p in root.iter(f"{W}p")]


def every_table(doc: Any) -> list[Any]:
    """Every table in reading order, a table in a table's cell too."""
    root = doc._tbl if isinstance(doc, docx.table.Table) else doc.element.body
    parent = doc if isinstance(doc, docx.table.Table) else doc._body
    return [docx.table.Table(t, parent) for t in root.iter(f"{W}tbl")]


def outside_programme(doc: Any) -> list[Any]:
    """Every paragraph but those of the programme's table (its first)."""
    programme = {p._p for p in every_paragraph(doc.tables[0])}
    return [p for p in every_paragraph(doc) if p._p not in programme]


def texts(doc: Any) -> list[str]:
    """Every paragraph's text, the body's and the tables', quotes straightened."""
    found = [p.text for p in every_paragraph(doc)]
    for table in every_table(doc):
        found += [c.text for row in table.rows for c in row.cells]
    return [plain_quotes(t) for t in found]


def plain_quotes(text: str) -> str:
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return text


# ---------------------------------------------------------------- a client's template


def make_template(
    path: Path,
    *,
    heading_colour: str = "C00000",
    macro: bool = False,
    template_type: bool = True,
) -> Path:
    """A client's Word template: its own fonts, colours, page, margins, header, a table
    style of its own, no Caption style, and a link to an outside tracker in its header."""
    doc = docx.Document()
    styles = doc.styles
    styles["Normal"].font.name = "Georgia"
    styles["Normal"].font.size = docx.shared.Pt(11)
    h1 = styles["Heading 1"]
    h1.font.name = "Courier New"
    h1.font.color.rgb = docx.shared.RGBColor.from_string(heading_colour)
    styles["Title"].font.name = "Courier New"
    caption = styles["Caption"].element
    caption.getparent().remove(caption)
    table_style = styles.add_style("Huisstijl Tabel", docx.enum.style.WD_STYLE_TYPE.TABLE)
    table_style.base_style = styles["Table Grid"]
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(200), Mm(287)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(24))
    header = section.header.paragraphs[0]
    header.text = "HUISSTIJL KOPREGEL"
    logo = REPO / "workshops" / "clients" / "lindewaard-logo.png"
    section.header.add_paragraph().add_run().add_picture(str(logo), height=Mm(8))
    rid = header.part.relate_to(TRACKER, RT.HYPERLINK, is_external=True)
    header._p.append(
        docx.oxml.parse_xml(
            f'<w:hyperlink xmlns:w="{W[1:-1]}" xmlns:r="{R}" r:id="{rid}">'
            "<w:r><w:t> volg ons</w:t></w:r></w:hyperlink>"
        )
    )
    settings = doc.settings.element
    settings.remove(settings.find(qn("w:themeFontLang")))  # an English template, no language
    protection = docx.oxml.parse_xml(
        f'<w:documentProtection xmlns:w="{W[1:-1]}" w:edit="readOnly" w:enforcement="1"/>'
    )
    settings.find(qn("w:zoom")).addnext(protection)  # the house style locked against edits
    doc.add_paragraph("Voorbeeldtekst van de huisstijl die niet in het werkboek hoort.")
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml" and template_type:
                data = data.replace(
                    f"{WML}.document.main+xml".encode(), f"{WML}.template.main+xml".encode()
                )
            zout.writestr(info, data)
        if macro:
            zout.writestr("word/vbaProject.bin", b"\x00macro")
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return make_template(tmp_path / "huisstijl.dotx")


def on(template: Path) -> Session:
    return BASE.model_copy(update={"word_template": str(template)})


# ---------------------------------------------------------------- werkvorm's own look


def test_every_block_title_is_a_heading_1_paragraph() -> None:
    doc = open_docx(built("handout"))
    headings = [p.text for p in every_paragraph(doc) if style_name(p) == "Heading 1"]
    for block in BASE.blocks:
        assert f"{block.number}. {block.title}" in headings
    guide = open_docx(built("guide"))
    headings = [p.text for p in every_paragraph(guide) if style_name(p) == "Heading 1"]
    assert [h for h in headings if h[0].isdigit()] == [
        f"{b.number}. {b.title}" for b in BASE.blocks
    ]


@pytest.mark.parametrize("look", ["own", "template"])
def test_every_worksheet_question_and_checklist_item_is_present(look: str, template: Path) -> None:
    doc = open_docx(built("handout") if look == "own" else handout_docx(on(template)))
    found = texts(doc)
    paragraphs = every_paragraph(doc)
    entries = [e for b in BASE.blocks if b.exercise for e in b.exercise.worksheet]
    assert {e.kind for e in entries} >= {"question", "checklist", "table", "scale"}
    for entry in entries:
        if entry.kind in ("question", "scale"):
            assert plain(entry.text) in found
        for item in entry.items:
            assert f"☐\t{plain(item)}" in found
        for column in entry.columns:
            assert column in found
    lines = [i for i, p in enumerate(paragraphs) if style_name(p) == "Writing Line"]
    questions = [e for e in entries if e.kind == "question"]
    # the name line on the cover, each question's lines and the notes under the closing
    # (a page of them, 22, where the closing leaves no room)
    notes = len(lines) - 1 - sum(e.lines for e in questions)
    assert NOTES_UNDER <= notes <= 22
    assert all(p.text == "" for p in paragraphs if style_name(p) == "Writing Line")


def test_worksheet_tables_are_real_tables_with_a_marked_header_row() -> None:
    doc = open_docx(built("handout"))
    entry = next(
        e for b in BASE.blocks if b.exercise for e in b.exercise.worksheet if e.kind == "table"
    )
    table = next(t for t in every_table(doc) if [c.text for c in t.rows[0].cells] == entry.columns)
    assert len(table.rows) == entry.rows + 1
    for t in [*every_table(doc), *every_table(open_docx(built("guide")))]:
        if t._tbl.tblPr.style is None or t.style.name == "Exercise Box":
            continue  # a box, or a table that only keeps what is in it on one page
        assert t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r._tr.find(f"{W}trPr/{W}tblHeader") is None for r in t.rows[1:])


def test_the_programme_and_the_run_sheet_have_every_clock_time() -> None:
    handout = open_docx(built("handout"))
    programme = handout.tables[0]
    assert [r.cells[0].text for r in programme.rows] == [
        "Tijd",
        *[i.start for i in BASE.items],
        BASE.end,
    ]
    guide = open_docx(built("guide"))
    run_sheet = every_table(guide)[1]  # in the row that keeps it on one page
    assert unbroken(guide.tables[0]) and holder(run_sheet) is not None
    assert [c.text for c in run_sheet.rows[0].cells] == [
        "Tijd",
        "Onderdeel",
        "Werkvorm",
        "min",
        "Totaal",
        "Dia",
        "Materialen",
    ]
    assert [r.cells[0].text for r in run_sheet.rows[1:]] == [
        *[i.start for i in BASE.items],
        BASE.end,
    ]
    found = texts(guide)
    cues = [p for p in every_paragraph(guide) if style_name(p) == "Timing Cue"]
    for block in BASE.blocks:
        for cue in block.cues:  # the clock time in its own column, bold, as in guide.pdf
            timed = cue[:1].isdigit()
            assert (cue.replace(" ", "\t", 1) if timed else cue) in found
    timed_cues = [p for p in cues if p.text[:1].isdigit()]
    assert timed_cues and all(p.runs[0].style.name == "Strong" for p in timed_cues)
    assert all(re.fullmatch(r"\d\d:\d\d(–\d\d:\d\d)?", p.runs[0].text) for p in timed_cues)
    for block in BASE.blocks:
        for note in to_plain(block.facilitator).splitlines():
            assert plain_quotes(note.strip()) in " ".join(found)


def boxes_with_exercises(doc: Any) -> list[tuple[Any, Any]]:
    """Each exercise box of ``doc`` with the exercise it holds (one box per exercise)."""
    boxes = [t for t in every_table(doc) if t.style.name == "Exercise Box"]
    exercises = [b.exercise for b in BASE.blocks if b.exercise]
    assert len(boxes) == len(exercises)
    return list(zip(boxes, exercises, strict=True))


def test_an_exercise_is_a_box_with_its_instructions_lists_and_all() -> None:
    doc = open_docx(built("handout"))
    boxes = [t for t in every_table(doc) if t.style.name == "Exercise Box"]
    for box, exercise in boxes_with_exercises(doc):
        assert len(box.rows) == len(box.columns) == 1
        inside = [plain_quotes(p.text) for p in box.cell(0, 0).paragraphs]
        assert re.fullmatch(r"\d+ min( · Groepsgrootte: \d+ personen)?", inside[0])
        lines = to_plain(exercise.instructions).splitlines()
        assert inside[1:] == [re.sub(r"^\d+\. ", "", plain(line)) for line in lines]
    styles = {style_name(p) for box in boxes for p in box.cell(0, 0).paragraphs}
    assert styles <= {"Block Details", "Normal", "List Bullet", "List Number"}


def test_each_numbered_list_starts_at_its_own_first_number(template: Path) -> None:
    first = BASE.blocks[0].model_copy(update={"intro": "1. een\n2. twee\n\nTekst.\n\n3. drie"})
    items = [first if i.id == first.id else i for i in BASE.items]
    for session in (BASE, on(template)):
        doc = open_docx(handout_docx(session.model_copy(update={"items": items})))
        numbering = doc.part.numbering_part.element
        lists = [
            p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(qn("w:val"))
            for p in every_paragraph(doc)
            if p.text in ("een", "twee", "drie")
        ]
        assert lists[0] == lists[1] != lists[2]  # the third item is a new list
        starts = {
            num.get(qn("w:numId")): num.find(f"{W}lvlOverride/{W}startOverride").get(qn("w:val"))
            for num in numbering.findall(f"{W}num")
            if num.get(qn("w:numId")) in lists
        }
        assert starts == {lists[0]: "1", lists[2]: "3"}


def test_no_direct_formatting_where_a_style_serves() -> None:
    for data in (built("handout"), built("guide")):
        body = open_docx(data).element.body
        for rpr in body.iter(f"{W}rPr"):
            if rpr.getparent().tag == f"{W}r":
                assert {c.tag for c in rpr} <= {f"{W}rStyle", f"{W}b", f"{W}i"}
        for ppr in body.iter(f"{W}pPr"):
            assert {c.tag for c in ppr} <= {
                f"{W}pStyle",
                f"{W}keepNext",  # pagination only: what stays on one page
                f"{W}numPr",
                f"{W}pageBreakBefore",
                f"{W}spacing",  # a list's last item, below
            }
            spacing = ppr.find(f"{W}spacing")
            if spacing is not None:  # no style is "a list's last item": a paragraph's space
                assert ppr.find(f"{W}numPr") is not None or ppr.find(f"{W}pStyle").get(
                    f"{W}val"
                ).startswith("List")
                assert set(spacing.attrib) == {f"{W}after"}
        assert all(p.style is not None for p in open_docx(data).paragraphs)


def test_accessible_language_title_alt_text_headings_in_order() -> None:
    data = built("handout")
    doc = open_docx(data)
    assert doc.core_properties.title == BASE.title
    assert doc.core_properties.language == "nl-NL"
    styles = doc.styles.element
    langs = {el.get(qn("w:val")) for el in styles.iter(qn("w:lang"))}
    assert langs == {"nl-NL"}
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "nl-NL"
    assert doc.settings.element.find(qn("w:proofState")) is None  # Word checks the spelling
    pictures = list(doc.element.body.iter(qn("wp:docPr")))
    assert pictures and all(p.get("descr") == "Logo Gemeente Lindewaard" for p in pictures)
    for picture in pictures:  # flush with the text: LibreOffice sets 9 pt in where unset
        inline = picture.getparent()
        assert [inline.get(side) for side in ("distT", "distB", "distL", "distR")] == ["0"] * 4


def test_a_templates_picture_without_a_description_is_marked_decorative(template: Path) -> None:
    doc = open_docx(handout_docx(on(template)))
    header = doc.sections[0].header.part.element
    (picture,) = header.iter(qn("wp:docPr"))
    assert picture.get("descr", "") == ""
    decorative = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
    assert [el.get("val") for el in picture.iter(decorative)] == ["1"]
    (logo,) = doc.element.body.iter(qn("wp:docPr"))
    assert logo.get("descr") == "Logo Gemeente Lindewaard" and len(logo) == 0
    assert picture.get("id") != logo.get("id")  # unique in the document, as Word wants
    for d in (doc, open_docx(built("guide"))):
        levels = [
            int(style_name(p)[-1]) for p in d.paragraphs if style_name(p).startswith("Heading")
        ]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_page_is_the_sessions_paper() -> None:
    a5 = open_docx(handout_docx(BASE.model_copy(update={"paper": "a5"})))
    section = a5.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (148, 210)
    assert a5.sections[0].different_first_page_header_footer  # no footer on the cover
    modes = [
        el.get(qn("w:val"))
        for el in a5.settings.element.iter(qn("w:compatSetting"))
        if el.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]  # Word opens it as a current document, not in Compatibility Mode


def test_a_session_before_1980_still_saves() -> None:
    old = BASE.model_copy(update={"date": "1975-05-01"})
    with zipfile.ZipFile(io.BytesIO(guide_docx(old))) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_two_builds_are_byte_identical_with_fixed_dates(
    monkeypatch: pytest.MonkeyPatch, template: Path
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for session in (BASE, on(template)):
        first, second = handout_docx(session), handout_docx(session)
        assert first == second
        assert guide_docx(session) == guide_docx(session)
        with zipfile.ZipFile(io.BytesIO(first)) as zf:
            names = zf.namelist()
            assert len(names) == len(set(names))
            assert {i.date_time for i in zf.infolist()} == {(2026, 12, 3, 0, 0, 0)}
            types = zf.read("[Content_Types].xml").decode()
            for name in names:  # every part has a content type: no repair prompt in Word
                extension = name.rsplit(".", 1)[-1]
                known = f'PartName="/{name}"' in types or f'Extension="{extension}"' in types
                assert known or name == "[Content_Types].xml", name
        assert f"{WML}.document.main+xml" in types and "template.main" not in types
        assert "macroEnabled" not in types
        assert open_docx(first).core_properties.created.year == 2026
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with zipfile.ZipFile(io.BytesIO(handout_docx(BASE))) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.slow
def test_word_would_open_every_document_without_repairing_it(
    tmp_path: Path, template: Path
) -> None:
    """The Open XML schema and Word's own checks (openxml-audit), on both looks, for a
    template made with python-docx (it carries Word 2010's stylesWithEffects) and one
    LibreOffice saved (no theme, no numbering)."""
    from openxml_audit import OpenXmlValidator

    made_by_libreoffice = Path(__file__).parent / "fixtures" / "libreoffice-made.dotx"
    for name, session in (
        ("own", BASE),
        ("template", on(template)),
        ("libreoffice", on(made_by_libreoffice)),
    ):
        for kind, render in (("handout", handout_docx), ("guide", guide_docx)):
            path = tmp_path / f"{kind}-{name}.docx"
            path.write_bytes(render(session))
            result = OpenXmlValidator().validate(str(path))
            assert [str(e) for e in result.errors] == [], path.name


def test_hostile_text_reaches_the_document_as_written() -> None:
    title = 'Fouten & <script>alert("x")</script> 😀 שלום עולם'
    item = BASE.blocks[0].model_copy(update={"title": title, "intro": f"Tekst: {title}"})
    items = [item if i.id == item.id else i for i in BASE.items]
    session = BASE.model_copy(update={"title": title, "items": items})
    for data in (handout_docx(session), guide_docx(session)):
        found = texts(open_docx(data))
        assert any(title in t for t in found)
        assert open_docx(data).core_properties.title.endswith(title)


# ---------------------------------------------------------------- the client's template


def test_on_a_template_its_styles_page_and_header_hold(template: Path) -> None:
    doc = open_docx(handout_docx(on(template)))
    heading = doc.styles["Heading 1"]
    assert heading.font.name == "Courier New"
    assert str(heading.font.color.rgb) == "C00000"
    assert doc.styles["Normal"].font.name == "Georgia"
    titles = [p for p in outside_programme(doc) if p.text.startswith(f"{BASE.blocks[0].number}. ")]
    assert titles and all(p.style.style_id == heading.style_id for p in titles)
    section = doc.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (200, 287)
    margins = (section.top_margin, section.bottom_margin, section.left_margin)
    assert {round(m / Mm(1)) for m in margins} == {24}
    assert section.header.paragraphs[0].text == "HUISSTIJL KOPREGEL volg ons"  # link gone
    assert "Voorbeeldtekst" not in " ".join(p.text for p in doc.paragraphs)
    styled = {t.style.name for t in every_table(doc) if t._tbl.tblPr.style}
    assert styled == {"Huisstijl Tabel", "Exercise Box"}
    assert doc.styles["Caption"].element.get(qn("w:customStyle")) is None  # werkvorm's own
    settings = doc.settings.element
    assert settings.find(qn("w:documentProtection")) is None  # for clients who edit
    assert settings.find(qn("w:themeFontLang")).get(qn("w:val")) == "nl-NL"
    assert settings.find(qn("w:themeFontLang")).getnext().tag == qn("w:clrSchemeMapping")


def test_a_template_without_lists_or_a_title_style_gets_werkvorms(tmp_path: Path) -> None:
    """A template LibreOffice saved: no numbering part, no Title, List Bullet or table style."""
    template = shutil.copy(Path(__file__).parent / "fixtures" / "libreoffice-made.dotx", tmp_path)
    doc = open_docx(handout_docx(on(Path(template))))
    heading = find(doc, "Heading 1")  # LibreOffice names it "Heading 1", Word "heading 1"
    fonts = heading.find(f"{W}rPr/{W}rFonts")  # LibreOffice's own, not werkvorm's
    assert fonts.get(qn("w:ascii")) == "Liberation Sans Unicode MS"
    titles = [p for p in outside_programme(doc) if p.text.startswith(f"{BASE.blocks[0].number}. ")]
    assert titles and {p.style.style_id for p in titles} == {heading.get(qn("w:styleId"))}
    assert [p.text for p in doc.paragraphs if style_name(p) == "Title"] == [BASE.title]
    bullets = [p for p in doc.paragraphs if style_name(p) == "List Bullet"]
    assert bullets and doc.styles["List Bullet"].element.find(f"{W}pPr/{W}numPr") is not None
    assert doc.part.numbering_part.element.findall(f"{W}abstractNum")


def test_external_relationships_are_dropped_and_sources_link(template: Path) -> None:
    source = SessionSource(author="Karin Tempelaar", title="Like", url="https://example.org/b")
    data = handout_docx(on(template).model_copy(update={"sources": [source]}))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            assert b"tracker.example" not in zf.read(name), name
    doc = open_docx(data)
    hyperlinks = [
        rel
        for part in doc.part.package.iter_parts()
        for rel in part.rels.values()
        if rel.is_external
    ]
    assert [(r.reltype.rsplit("/", 1)[1], r.target_ref) for r in hyperlinks] == [
        ("hyperlink", "https://example.org/b")
    ]
    line = next(p for p in every_paragraph(doc) if p.text.startswith("Karin Tempelaar"))
    assert line.text == "Karin Tempelaar, Like. https://example.org/b"
    assert line.hyperlinks[0].url == "https://example.org/b"


def test_a_changed_heading_style_changes_every_block_title(tmp_path: Path) -> None:
    template = make_template(tmp_path / "huis.dotx", heading_colour="1F7A1F")
    doc = open_docx(handout_docx(on(template)))
    assert str(doc.styles["Heading 1"].font.color.rgb) == "1F7A1F"
    titles = [p for p in every_paragraph(doc) if style_name(p) == "Heading 1"]
    assert len(titles) >= len(BASE.blocks)
    for p in titles:
        assert p.style.font.color.rgb == doc.styles["Heading 1"].font.color.rgb
        assert all(r.font.color.rgb is None and r.font.name is None for r in p.runs)


def test_a_macro_enabled_template_is_refused(tmp_path: Path) -> None:
    for name, kwargs in (("huis.dotm", {}), ("huis.dotx", {"macro": True})):
        path = make_template(tmp_path / name, **kwargs)
        with pytest.raises(TemplateError, match="is a macro-enabled Word template"):
            handout_docx(on(path))


def test_a_macro_template_in_a_client_is_an_error_at_its_line(project: Path) -> None:
    clients = project / "workshops" / "clients"
    make_template(clients / "huis.dotx", macro=True)
    client = clients / "klant.yaml"
    client.write_text("name: Klant\nworkshop: spagaat\nword_template: huis.dotx\n")
    result = runner.invoke(app, ["check", str(client)])
    assert result.exit_code == 1
    assert "workshops/clients/klant.yaml\n  error 3:16  word_template  " in result.output
    assert "is a macro-enabled Word template: open it in Word and save it as a Word" in (
        " ".join(result.output.split())
    )
    result = runner.invoke(app, ["build", str(client), "--format", "docx"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (project / "output" / "klant").exists()


@pytest.mark.slow  # check lays out the deck
def test_a_damaged_template_is_a_clear_error_in_check_build_and_inspect(project: Path) -> None:
    clients = project / "workshops" / "clients"
    good = make_template(project / "good.dotx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(clients / "huis.dotx", "w") as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            z.writestr(info, b"<w:document" if info.filename == "word/document.xml" else data)
    client = clients / "klant.yaml"
    client.write_text("name: Klant\nworkshop: spagaat\nword_template: huis.dotx\n")
    said = "huis.dotx cannot be opened as a Word template (XMLSyntaxError)"
    for command in (["check", str(client)], ["build", str(client), "--format", "docx"]):
        result = runner.invoke(app, command, terminal_width=200)
        assert result.exit_code == 1, command
        assert said in " ".join(result.output.split()) and "Traceback" not in result.output
    assert "word_template" in runner.invoke(app, ["check", str(client)]).output
    result = runner.invoke(app, ["inspect-template", str(clients / "huis.dotx")])
    assert result.exit_code == 1 and said in " ".join(result.output.split())
    assert not (project / "output" / "klant").exists()


def test_a_word_template_outside_the_client_folder_is_refused(project: Path) -> None:
    make_template(project / "huis.dotx")
    client = project / "workshops" / "clients" / "klant.yaml"
    client.write_text("name: Klant\nworkshop: spagaat\nword_template: ../../huis.dotx\n")
    result = runner.invoke(app, ["check", str(client)])
    assert result.exit_code == 1
    assert "word_template" in result.output and "points outside" in result.output


def test_inspect_template_lists_a_word_templates_styles(template: Path) -> None:
    result = runner.invoke(app, ["inspect-template", str(template)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert re.search(r"paragraph\s+│\s+heading 1\s+│\s+block titles", result.output)
    assert re.search(r"table\s+│\s+Huisstijl Tabel\s+│\s+tables", result.output)
    assert re.search(r"added\s+│\s+Caption\s+│\s+werkvorm's own", result.output)


# ---------------------------------------------------------------- in a kit


@pytest.mark.slow  # check lays out the deck
def test_build_format_docx_writes_both_beside_the_other_outputs(project: Path) -> None:
    clients = project / "workshops" / "clients"
    make_template(clients / "huis.dotx")
    client = clients / "gemeente-lindewaard.yaml"
    client.write_text(client.read_text() + "word_template: huis.dotx\n")
    result = build_kit(Project(project), "client", client, formats=["docx", "html"])
    names = sorted(p.name for p in result.written)
    assert names == ["guide.docx", "handout.docx", "handout.html"]
    manifest = (result.folder / "manifest.json").read_text()
    assert '"handout.docx"' in manifest and '"guide.docx"' in manifest
    again = build_kit(Project(project), "client", client, formats=["html"], force=True)
    assert (again.folder / "handout.docx").exists()  # another format's build keeps them
    assert build_kit(Project(project), "client", client, formats=["docx"]).skipped
    make_template(clients / "huis.dotx", heading_colour="1F7A1F")  # the client changes it
    rebuilt = build_kit(Project(project), "client", client, formats=["docx"])
    assert not rebuilt.skipped
    doc = open_docx((rebuilt.folder / "handout.docx").read_bytes())
    assert str(doc.styles["Heading 1"].font.color.rgb) == "1F7A1F"
    check = runner.invoke(app, ["check", str(client)], terminal_width=200)
    assert "word_template" in check.output
    assert "links to 1 file(s) or address(es) outside it" in check.output


def test_the_project_files_word_template_serves_generic_kits(project: Path) -> None:
    make_template(project / "huisstijl.dotx")
    (project / "werkvorm.yaml").write_text("defaults:\n  word_template: huisstijl.dotx\n")
    spagaat = project / "workshops" / "spagaat.yaml"
    result = build_kit(Project(project), "workshop", spagaat, formats=["docx"])
    doc = open_docx((result.folder / "handout.docx").read_bytes())
    assert doc.styles["Heading 1"].font.name == "Courier New"


@pytest.mark.slow
def test_libreoffice_converts_both_without_losing_a_word(tmp_path: Path, template: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    for session, name in ((BASE, "own"), (on(template), "client")):
        for kind, data in (("handout", handout_docx(session)), ("guide", guide_docx(session))):
            path = tmp_path / f"{kind}-{name}.docx"
            path.write_bytes(data)
            to_pdf(soffice, path)
            shown = subprocess.run(
                ["pdftotext", str(path.with_suffix(".pdf")), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            # a word may break over two lines (at a hyphen, or in a narrow column)
            seen = re.sub(r"[\s\u00ad–-]+", "", plain_quotes(shown))
            words = {re.sub(r"[–-]+", "", w) for w in " ".join(texts(open_docx(data))).split()}
            lost = sorted(w for w in words if w not in seen)
            assert lost == [], f"{path.name} lost words"


# ---------------------------------------------------------------- as a designer sees it


def with_block(session: Session, **changes: Any) -> Session:
    """``session`` with its first block that has an exercise changed."""
    first = next(b for b in session.blocks if b.exercise)
    changed = first.model_copy(update=changes)
    return session.model_copy(
        update={"items": [changed if i is first else i for i in session.items]}
    )


def keeps(p: Any) -> bool:
    """Word's "Keep with next" on the paragraph itself."""
    return p._p.find(f"{W}pPr/{W}keepNext") is not None


def body_paragraphs(doc: Any) -> list[Any]:
    """The body's paragraphs in order, with those of a table's first column (a row's
    "Keep with next" sits there)."""
    found: list[Any] = []
    for el in doc.element.body:
        if el.tag == f"{W}p":
            found.append(docx.text.paragraph.Paragraph(el, doc._body))
        elif el.tag == f"{W}tbl":
            for tr in el.findall(f"{W}tr"):
                found.append(docx.text.paragraph.Paragraph(tr.find(f".//{W}p"), doc._body))
    return found


def test_the_guide_is_on_a4_for_an_a5_kit() -> None:
    """The guide is the trainer's document, as guide.pdf: A4 also when the handout is A5
    (its run sheet's columns then fit their words)."""
    a5 = BASE.model_copy(update={"paper": "a5"})
    guide = open_docx(guide_docx(a5)).sections[0]
    assert (round(guide.page_width / Mm(1)), round(guide.page_height / Mm(1))) == (210, 297)
    handout = open_docx(handout_docx(a5)).sections[0]
    assert (round(handout.page_width / Mm(1)), round(handout.page_height / Mm(1))) == (148, 210)
    letter = open_docx(guide_docx(BASE.model_copy(update={"paper": "letter"}))).sections[0]
    assert round(letter.page_width / Mm(1)) == 216


def test_a_pale_brand_colour_fills_and_never_colours_text_or_rules() -> None:
    """Pale yellow (1.1:1 on white) is the exercise box's and the table headers' fill with
    dark text on it, as in the PDFs; headings, links and the box's rule are dark ink,
    never its khaki shade or the yellow itself."""
    from werkvorm.compose.colours import contrast, readable_on_white

    pale = BASE.branding.model_copy(
        update={"primary": "#fff59d", "accent": "#ffe082", "text": readable_on_white("#fff59d")}
    )
    session = BASE.model_copy(update={"branding": pale})
    for data in (handout_docx(session), guide_docx(session)):
        written = [*ROLES, "Table Grid", "Footer"]  # the styles werkvorm writes with
        kinds = ("paragraph", "character", "table")
        styles = [
            el for n in written for k in kinds if (el := find(open_docx(data), n, k)) is not None
        ]
        colours = {el.get(qn("w:val")) for s in styles for el in s.iter(qn("w:color"))}
        colours -= {"auto", None}
        assert all(contrast(f"#{c}") >= 4.5 for c in colours), colours
        assert pale.text.lstrip("#").upper() not in colours  # no khaki headings
        rules = {
            el.get(qn("w:color"))
            for tag in ("w:left", "w:bottom", "w:top")
            for s in styles
            for el in s.iter(qn(tag))
            if el.get(qn("w:color"))
        }
        assert "FFF59D" not in rules
        box = find(open_docx(data), "Exercise Box", "table")
        assert box.find(f"{W}tcPr/{W}shd").get(qn("w:fill")) == "FFF59D"
        header = find(open_docx(data), "Table Grid", "table")
        assert header.find(f"{W}tblStylePr/{W}tcPr/{W}shd").get(qn("w:fill")) == "FFF59D"


def test_a_long_title_on_a5_is_set_smaller_so_the_cover_stays_one_page() -> None:
    long_title = (
        "Twaalf regels om nee te zeggen tegen een bestuur zonder je baan, je "
        "geloofwaardigheid of je weekend te verliezen: een praktische workshop voor"
    )
    sizes = {}
    for paper_key, title in (("a4", BASE.title), ("a5", long_title)):
        session = BASE.model_copy(update={"paper": paper_key, "title": title})
        for kind, data in (("handout", handout_docx(session)), ("guide", guide_docx(session))):
            style = find(open_docx(data), "Title")
            sizes[kind, paper_key] = int(style.find(f"{W}rPr/{W}sz").get(qn("w:val"))) / 2
    assert sizes["handout", "a4"] == 32  # a short title keeps the cover's size
    assert sizes["handout", "a5"] <= 22
    assert sizes["guide", "a4"] == 24 and sizes["guide", "a5"] <= 22  # the guide's first page


def unbroken(table: Any) -> bool:
    """``table`` is one row that cannot break across pages, without borders or a style:
    what it holds is kept on one page, by Word and by LibreOffice."""
    rows = table.rows
    return (
        len(rows) == 1
        and len(table.columns) == 1
        and table._tbl.tblPr.style is None
        and rows[0]._tr.find(f"{W}trPr/{W}cantSplit") is not None
        and all(b.get(qn("w:val")) == "nil" for b in table._tbl.tblPr.find(f"{W}tblBorders"))
    )


def holder(box: Any) -> Any:
    """The table whose cell holds exercise box ``box``, or None."""
    tc = box._tbl.getparent()
    return docx.table.Table(tc.getparent().getparent(), box._parent) if tc.tag == f"{W}tc" else None


def test_a_worksheet_that_fits_a_page_is_kept_on_one_with_its_exercise_box() -> None:
    """Each exercise box of the example and its worksheet (heading, every entry) are one
    table row that cannot break across two pages; no row of any table breaks."""
    doc = open_docx(built("handout"))
    sheets = [b for b in BASE.blocks if b.exercise and b.exercise.worksheet]
    held = [holder(box) for box, ex in boxes_with_exercises(doc) if ex.worksheet]
    assert len(held) == len(sheets) and all(t is not None and unbroken(t) for t in held)
    for table, block in zip(held, sheets, strict=True):
        inside = every_paragraph(table)
        assert block.exercise is not None
        names = [style_name(p) for p in inside]
        assert names.count("Heading 3") == 1
        for entry in block.exercise.worksheet:
            assert all(f"☐\t{plain(item)}" in texts(table) for item in entry.items)
            assert entry.kind not in ("question", "scale") or plain(entry.text) in texts(table)
    assert all(
        r._tr.find(f"{W}trPr/{W}cantSplit") is not None for t in every_table(doc) for r in t.rows
    )


def test_a_worksheet_that_fits_a_page_but_not_beside_its_box_has_a_row_of_its_own() -> None:
    """Box and worksheet together are taller than a page: the worksheet alone is one row
    that cannot break, the box before it."""
    entries = [
        WorksheetEntry(kind="question", text=f"Vraag {n}: wat zeg je tegen een collega?", lines=4)
        for n in range(1, 5)
    ]
    first = next(b for b in BASE.blocks if b.exercise)
    assert first.exercise is not None
    long = "\n\n".join(["Lees de casus en bespreek hem met je buur, punt voor punt. " * 6] * 5)
    ex = first.exercise.model_copy(update={"worksheet": entries, "instructions": long})
    doc = open_docx(handout_docx(with_block(BASE, exercise=ex)))
    box = next(t for t in every_table(doc) if t.style.name == "Exercise Box")
    assert holder(box) is None
    between, after = box._tbl.getnext(), box._tbl.getnext().getnext()
    assert between.tag == f"{W}p" and not docx.text.paragraph.Paragraph(between, doc._body).text
    assert after.tag == f"{W}tbl" and unbroken(docx.table.Table(after, doc._body))
    assert texts(docx.table.Table(after, doc._body))[0] == f"Werkblad: {ex.title}"


def test_a_worksheet_too_long_for_a_page_keeps_each_question_with_its_lines() -> None:
    """Twelve questions and a 20-item checklist cannot fit one page: the worksheet may
    break between entries, never between a question and its lines; the exercise box
    stays with the worksheet's heading and the first three items of its checklist (one
    row that cannot break)."""
    entries = [WorksheetEntry(kind="checklist", items=[f"Punt {n}" for n in range(1, 21)])]
    entries += [
        WorksheetEntry(kind="question", text=f"Vraag {n}: wat zeg je tegen een collega?", lines=3)
        for n in range(1, 13)
    ]
    first = next(b for b in BASE.blocks if b.exercise)
    assert first.exercise is not None
    session = with_block(BASE, exercise=first.exercise.model_copy(update={"worksheet": entries}))
    doc = open_docx(handout_docx(session))
    paragraphs = body_paragraphs(doc)
    for n in range(1, 13):
        at = next(i for i, p in enumerate(paragraphs) if p.text.startswith(f"Vraag {n}:"))
        lines = paragraphs[at + 1 : at + 4]
        assert [style_name(p) for p in lines] == ["Writing Line"] * 3
        assert all(keeps(p) for p in [paragraphs[at], *lines[:2]])
        assert not keeps(lines[2])  # free to break before the next question
    box = next(t for t in every_table(doc) if t.style.name == "Exercise Box")
    table = holder(box)
    assert table is not None and unbroken(table)
    inside = [p.text for p in every_paragraph(table)]
    heading = f"Werkblad: {first.exercise.title}"
    assert inside[-4:] == [heading, "☐\tPunt 1", "☐\tPunt 2", "☐\tPunt 3"]
    assert [p.text for p in paragraphs].count("☐\tPunt 4") == 1  # the rest follows on
    assert not any("Vraag" in text for text in inside)


def test_takeaways_follow_the_last_block_without_a_half_empty_page() -> None:
    doc = open_docx(built("handout"))
    """The closing opens a page of its own only where the page before is full: with the
    break taken out, the page estimate sets it at the top of a page all the same, the row
    before it ending at least handout.SURE_MM above the foot of the page before."""
    from werkvorm.render.docx import pages
    from werkvorm.render.docx.handout import SURE_MM
    from werkvorm.render.docx.page import text_height_mm, text_width_mm

    doc = open_docx(built("handout"))
    heading = next(p for p in doc.paragraphs if p.text == BASE.labels["takeaways"])
    notes = next(p for p in every_paragraph(doc) if p.text == BASE.labels["notes"])
    assert notes.paragraph_format.page_break_before is None  # under the closing
    if heading.paragraph_format.page_break_before:
        heading.paragraph_format.page_break_before = None
        body = [el for el in doc.element.body if el.tag in (f"{W}p", f"{W}tbl")]
        at = body.index(heading._p)
        area = text_height_mm(doc, 0)
        found = pages.places(doc, text_width_mm(doc), area)
        assert found[at].top == 0 and found[at - 1].page < found[at].page
        assert area - found[at - 1].top - found[at - 1].height >= SURE_MM


def test_the_notes_go_under_a_short_closing_and_on_a_page_of_their_own_after_a_long_one() -> None:
    """Five takeaways and two sources leave most of their page: the notes lines fill it
    (spagaat, Harbourside and zwartwater had the closing a quarter full, then a page of
    notes), in one row with their heading that cannot break, as many lines as the
    estimate of the pages leaves room for (at least NOTES_UNDER); a closing that ends
    near the foot of its page gets a page of notes of its own, ruled to a line short of
    its foot: 23 lines on A4 (22 left 70 pt, review 8)."""

    def notes_of(session: Session) -> tuple[Any, int]:
        doc = open_docx(handout_docx(session))
        found = every_paragraph(doc)
        at = next(n for n, p in enumerate(found) if p.text == session.labels["notes"])
        after = found[at + 1 :]
        assert all(style_name(p) == "Writing Line" for p in after[:-1])
        return found[at], sum(style_name(p) == "Writing Line" for p in after)

    short = BASE.model_copy(update={"takeaways": BASE.takeaways[:5], "sources": BASE.sources[:2]})
    heading, lines = notes_of(short)
    assert heading.paragraph_format.page_break_before is None
    tc = heading._p.getparent()
    assert tc.tag == f"{W}tc"
    row = docx.table.Table(tc.getparent().getparent(), heading._parent)
    assert unbroken(row)
    assert sum(style_name(p) == "Writing Line" for p in every_paragraph(row)) == lines
    assert NOTES_UNDER <= lines < 23
    seen = set()  # a closing of 20 to 60 takeaways ends anywhere on a page
    for count in range(20, 61, 2):
        heading, lines = notes_of(BASE.model_copy(update={"takeaways": ["Een les."] * count}))
        own = bool(heading.paragraph_format.page_break_before)
        assert lines == 23 if own else NOTES_UNDER <= lines < 23
        seen.add(own)
    assert seen == {True, False}


def test_the_guide_lists_what_each_slide_says_with_its_speaker_notes() -> None:
    block = next(b for b in BASE.blocks if any(s.kind == "bullets" for s in b.slides))
    slide = next(s for s in block.slides if s.kind == "bullets")
    noted = slide.model_copy(update={"notes": "Vraag naar een voorbeeld van *vorige* maand."})
    slides = [noted if s is slide else s for s in block.slides]
    changed = block.model_copy(update={"slides": slides})
    items = [changed if i is block else i for i in BASE.items]
    doc = open_docx(guide_docx(BASE.model_copy(update={"items": items})))
    paragraphs = every_paragraph(doc)
    at = next(i for i, p in enumerate(paragraphs) if p.text.endswith(f" · {slide.title}"))
    assert re.fullmatch(r"Dia \d+", paragraphs[at].runs[0].text.rstrip(" ·"))
    after = paragraphs[at + 1 : at + 2 + len(slide.bullets)]
    assert [style_name(p) for p in after[:-1]] == ["List Bullet"] * len(slide.bullets)
    assert [p.text for p in after[:-1]] == [plain(b) for b in slide.bullets]
    assert after[-1].text == "Vraag naar een voorbeeld van vorige maand."
    assert {r.style.name for r in after[-1].runs} == {"Emphasis"}
    assert all(keeps(p) for p in paragraphs[at : at + 1 + len(slide.bullets)])


def test_a_coarse_logo_gives_way_to_the_name_and_a_webp_or_photo_logo_is_clean(
    tmp_path: Path,
) -> None:
    """A 90×30 px logo would print at about 36 ppi: the cover prints the client's name
    instead, as handout.pdf. A WebP logo (python-docx reads none) goes in as a PNG; a
    JPEG goes in without its GPS position."""
    from PIL import Image

    small = tmp_path / "klein.png"
    Image.new("RGB", (90, 30), (0, 80, 160)).save(small)
    webp = tmp_path / "logo.webp"
    Image.new("RGB", (900, 300), (0, 80, 160)).save(webp)
    photo = tmp_path / "logo.jpg"
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPSInfo: GPSLatitude
    Image.new("RGB", (900, 300), (0, 80, 160)).save(photo, exif=exif)
    for logo, expect in ((small, None), (webp, "image/png"), (photo, "image/jpeg")):
        branding = BASE.branding.model_copy(update={"logo": str(logo)})
        doc = open_docx(handout_docx(BASE.model_copy(update={"branding": branding})))
        pictures = [r for r in doc.part.rels.values() if r.reltype == RT.IMAGE]
        if expect is None:
            assert pictures == []
            assert doc.paragraphs[0].text == BASE.client
            continue
        (picture,) = pictures
        assert picture.target_part.content_type == expect
        assert b"GPS" not in picture.target_part.blob
        with Image.open(io.BytesIO(picture.target_part.blob)) as im:
            assert im.size == (900, 300) and not im.getexif().get(0x8825)


def test_normal_is_the_default_style_so_table_cells_follow_it() -> None:
    """A table cell's text has no style of its own: Word gives it the default paragraph
    style, which must be Normal for a client's change of Normal to reach the tables."""
    for data in (built("handout"), built("guide")):
        doc = open_docx(data)
        assert doc.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name == "Normal"


def test_the_guide_sums_up_a_worksheet_inside_its_exercise_box() -> None:
    """The worksheet's summary is the box's last line, so it never starts a page alone."""
    for box, exercise in boxes_with_exercises(open_docx(built("guide"))):
        last = box.cell(0, 0).paragraphs[-1]
        if exercise.worksheet:
            assert style_name(last) == "Caption"
            assert last.text.startswith(f"{BASE.labels['worksheet']}: ")
        else:
            assert style_name(last) != "Caption"


def test_the_footer_names_the_client_in_full_beside_the_page_number() -> None:
    """As the PDFs' running head: the title (shortened only to the room there is) and
    the client's name, never cut, with "pagina x van y"."""
    long_client = "Gemeenschappelijke Regeling Veiligheidsregio & Omgevingsdienst"
    for paper_key in ("a4", "a5"):
        session = BASE.model_copy(update={"paper": paper_key, "client": long_client})
        for data in (handout_docx(session), guide_docx(session)):
            footer = open_docx(data).sections[0].footer.paragraphs[0]
            title, _, rest = footer.text.partition("\t")
            assert rest.split() == [*long_client.split(), "·", "pagina", "van"]  # and 2 fields
            assert title == BASE.title or (paper_key == "a5" and title.endswith("…"))


def test_a_long_title_in_the_footer_takes_the_room_the_client_and_page_leave() -> None:
    """The awkward 150-character title on A5 and A4: cut after the last word that fits
    beside "Gemeente Geelstad · pagina x van y" (measured at the footer's 8 pt on the
    page's text width), not at a fixed count of letters with half the line free."""
    from tests.layout_inputs import TITLE

    expected = {
        "a5": "Twelve rules for saying no to a board without losing…",
        "a4": "Twelve rules for saying no to a board without losing your job, your "
        "credibility, or your weekend…",
    }
    for paper_key, title in expected.items():
        session = BASE.model_copy(
            update={"paper": paper_key, "title": TITLE, "client": "Gemeente Geelstad"}
        )
        footer = open_docx(handout_docx(session)).sections[0].footer.paragraphs[0]
        assert footer.text.partition("\t")[0] == title


def test_the_guides_materials_checklist_and_timing_cues_stay_together() -> None:
    """The materials checklist and a block's cues are each one list on one page; a plan
    step's "09:30–09:33" fits the time column (22 mm) at the body's size."""
    doc = open_docx(built("guide"))
    paragraphs = doc.paragraphs
    items = [p for p in paragraphs if style_name(p) == "Checklist"]
    assert items and all(keeps(p) for p in items[:-1]) and not keeps(items[-1])
    names = [style_name(p) for p in paragraphs]
    for i, name in enumerate(names[:-1]):
        if name == "Timing Cue":  # kept with the next cue, the last with what follows not
            assert keeps(paragraphs[i]) == (names[i + 1] == "Timing Cue")
    tab = find(doc, "Timing Cue").find(f"{W}pPr/{W}tabs/{W}tab")
    assert int(tab.get(qn("w:pos"))) / 56.7 >= 21  # mm


@pytest.mark.slow
def test_in_libreoffice_a_long_title_on_a5_leaves_the_cover_one_page(tmp_path: Path) -> None:
    """The awkward input (a 150-character title, A5) as LibreOffice lays it out: the name
    line is on the cover, not alone on page 2; the guide is A4."""
    from tests.layout_inputs import TITLE

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    session = BASE.model_copy(update={"paper": "a5", "title": TITLE})
    pages: dict[str, list[str]] = {}
    for kind, data in (("handout", handout_docx(session)), ("guide", guide_docx(session))):
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(data)
        to_pdf(soffice, path)
        pdf = path.with_suffix(".pdf")
        pages[kind] = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split("\f")
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout)
        assert size is not None
        width_mm = round(float(size.group(1)) / 72 * 25.4)
        assert width_mm == (148 if kind == "handout" else 210)
    cover = pages["handout"][0]
    assert BASE.labels["your_name"] in cover and BASE.labels["date"] in cover
    assert BASE.labels["about_workshop"] in pages["handout"][1]  # page 2 is the programme


@pytest.mark.slow
@pytest.mark.parametrize("kit", ["spagaat", "geelstad", "template"])
def test_in_libreoffice_worksheets_stay_whole_and_beside_their_boxes(
    tmp_path: Path, kit: str
) -> None:
    """The Word handout as LibreOffice lays it out (generic spagaat; the awkward A5
    client geelstad with a worksheet of five pages; Lindewaard's spagaat on a client's
    template with a 200 × 287 mm page): no worksheet that fits a page is split over two,
    and every exercise box is on the page where its worksheet starts, or on the
    left-hand page facing it."""
    from tests.layout_inputs import make_project

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    if kit == "template":
        data = handout_docx(on(make_template(tmp_path / "huisstijl.dotx")))
    else:
        project = Project(REPO if kit == "spagaat" else make_project(tmp_path / "proj"))
        inputs = (
            load_inputs(project, "workshop", project.workshops_dir / "spagaat.yaml")
            if kit == "spagaat"
            else load_inputs(project, "client", project.clients_dir / "geelstad.yaml")
        )
        data = handout_docx(compose(inputs.workshop, inputs.client))
    path = tmp_path / "handout.docx"
    path.write_bytes(data)
    laid = layout(data, to_pdf(soffice, path))
    assert len(laid.worksheets) == (2 if kit == "geelstad" else 5)
    assert laid.split() == []
    assert laid.apart() == []
