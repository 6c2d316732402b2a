"""Decks that are safe to open and reproducible: macros refused, external links dropped,
long core properties cut, the same bytes twice; text in the session's language; notes
per slide; the quote, exercise and footer the way a presenter needs them."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import REPO
from tests.deckshape import ph_kind, structure
from werkvorm.errors import TemplateError
from werkvorm.kits.build import build_kit
from werkvorm.project.folder import Project
from werkvorm.render.deck import open_template, read_template
from werkvorm.render.deck.canvas import short_title

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
DUTCH = FIXTURES / "huisstijl-4x3-nl.potx"


def _rewrite(source: Path, target: Path, change: dict[str, bytes], add: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for m in zin.infolist():
            data = zin.read(m.filename)
            zout.writestr(m.filename, change.get(m.filename, data))
        for name, data in add.items():
            zout.writestr(name, data)


def test_macro_enabled_deck_renamed_pptx_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(DUTCH) as zf:
        types = zf.read("[Content_Types].xml").replace(
            b"template.main+xml", b"presentation.macroEnabled.main+xml"
        )
    renamed = tmp_path / "huisstijl.pptx"
    _rewrite(DUTCH, renamed, {"[Content_Types].xml": types}, {"ppt/vbaProject.bin": b"\0" * 64})
    with pytest.raises(TemplateError, match=r"macro-enabled template: save it as \.potx"):
        read_template(renamed)


def test_external_relationship_is_dropped(tmp_path: Path) -> None:
    name = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    with zipfile.ZipFile(DUTCH) as zf:
        rels = zf.read(name)
    tracker = (
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="http://127.0.0.1:8766/track.png" '
        b'TargetMode="External"/></Relationships>'
    )
    bad = tmp_path / "tracker.potx"
    _rewrite(DUTCH, bad, {name: rels.replace(b"</Relationships>", tracker)}, {})
    from werkvorm.render.deck import template

    prs = open_template(bad)
    template.sanitise(prs)
    data = template.save(prs)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    assert b"127.0.0.1" not in everything
    assert b'TargetMode="External"' not in everything


def _project(tmp_path: Path, template: Path | None = None, extra: str = "") -> tuple[Path, Path]:
    root = tmp_path / "proj"
    shutil.copytree(REPO / "workshops", root / "workshops")
    client = root / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    text = client.read_text(encoding="utf-8")
    if template is not None:
        shutil.copy(template, client.parent / template.name)
        text = text.replace("paper: a4", f"paper: a4\ndeck_template: {template.name}")
    client.write_text(text + extra, encoding="utf-8")
    return root, client


def _deck(tmp_path: Path, template: Path | None = None, extra: str = "") -> bytes:
    root, client = _project(tmp_path, template, extra)
    result = build_kit(Project(root), "client", client, formats=["pptx"], force=True)
    return (result.folder / "deck.pptx").read_bytes()


def test_the_same_input_gives_the_same_deck_bytes(tmp_path: Path) -> None:
    root, client = _project(tmp_path)
    first = build_kit(Project(root), "client", client, formats=["pptx"], force=True)
    one = (first.folder / "deck.pptx").read_bytes()
    second = build_kit(Project(root), "client", client, formats=["pptx"], force=True)
    assert (second.folder / "deck.pptx").read_bytes() == one
    with zipfile.ZipFile(io.BytesIO(one)) as zf:
        assert {m.date_time for m in zf.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_a_title_over_255_characters_is_cut_in_the_core_properties() -> None:
    from werkvorm.render.deck import template

    prs = open_template(DUTCH)
    template.set_metadata(prs, "A" * 300, "F" * 2000, "K" * 256, "nl-NL")
    data = template.save(prs)
    props = Presentation(io.BytesIO(data)).core_properties
    assert len(props.title) == len(props.author) == len(props.subject) == 255
    assert props.title.endswith("…")


def test_every_run_carries_the_session_language(tmp_path: Path) -> None:
    data = _deck(tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", name):
                xml = zf.read(name).decode()
                runs = re.findall(r"<a:r>(?:<a:rPr[^>]*>)?", xml)
                assert runs, name
                assert all('lang="nl-NL"' in r for r in runs), name
                assert 'lang="en-US"' not in xml


def test_notes_per_slide_with_the_cue_on_the_block_s_first_slide(tmp_path: Path) -> None:
    slides = structure(_deck(tmp_path))
    sections = [s for s in slides if s["layout"] == "Section Header"]
    assert sections
    for s in sections:
        assert re.search(r"^\d\d:\d\d–\d\d:\d\d · \d+\xa0min · ", s["notes"], re.M)
        assert re.search(r"^Werkvorm: [^\n]+", s["notes"], re.M)
    # The block's facilitator notes stand once, not on every slide of the block.
    notes = [s["notes"] for s in slides]
    longest = max((n for s in sections for n in s["notes"].split("\n")), key=len)
    assert sum(longest in n for n in notes) == 1


def test_a_quote_slide_never_repeats_the_quote_as_its_title(tmp_path: Path) -> None:
    for slide in structure(_deck(tmp_path)):
        texts = [s.get("text", "") for s in slide["shapes"]]
        quotes = [t for t in texts if t.startswith("“")]
        for quote in quotes:
            title = next(s["text"] for s in slide["shapes"] if s.get("placeholder") == "TITLE")
            assert title.strip("“”.").lower() not in quote.lower()


def test_exercise_card_keeps_minutes_and_group_size_out_of_the_steps(tmp_path: Path) -> None:
    slides = [s for s in structure(_deck(tmp_path)) if s["layout"] == "Two Content"]
    assert slides
    for slide in slides:
        left, right = (s["text"] for s in slide["shapes"] if s.get("placeholder") == "OBJECT")
        assert "min" not in left.split("\n")[-1]
        assert re.match(r"\d+\xa0min", right)


def test_default_deck_uses_at_least_six_layouts_and_the_handouts_font(tmp_path: Path) -> None:
    data = _deck(tmp_path)
    assert len({s["layout"] for s in structure(data)}) >= 6
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        theme = zf.read("ppt/theme/theme1.xml").decode()
    fonts = re.findall(r'<a:(?:major|minor)Font><a:latin typeface="([^"]*)"', theme)
    assert fonts == ["Source Sans 3", "Source Sans 3"]  # with a sans-serif pitch family:
    assert theme.count('pitchFamily="34"') >= 2  # the fallback where it is not installed


def test_small_footer_gets_a_short_text_or_nothing(tmp_path: Path) -> None:
    prs = Presentation(io.BytesIO(_deck(tmp_path, DUTCH)))
    assert prs.slide_width / prs.slide_height == pytest.approx(4 / 3)
    for slide in prs.slides:
        assert "VOORBEELDDIA" not in " ".join(
            s.text_frame.text for s in slide.shapes if s.has_text_frame
        )
        for ph in slide.placeholders:
            if ph_kind(ph) == "FOOTER":
                text = ph.text_frame.text
                assert len(text) <= 45 and "\n" not in text
                assert ph.text_frame.paragraphs[0].runs[0].font.size.pt <= 12


def test_short_title_keeps_the_part_before_a_subtitle() -> None:
    assert short_title("Samen sterker: een workshop over x") == "Samen sterker"
    assert short_title("Zonder dubbele punt") == "Zonder dubbele punt"


def test_logo_only_when_the_template_has_none(tmp_path: Path) -> None:
    mecanon = FIXTURES / "mecanon-ufrj.potx"

    def logos(data: bytes) -> int:
        prs = Presentation(io.BytesIO(data))
        return sum(
            s.name.startswith("Logo:")
            for m in prs.slide_masters
            for owner in (m, *m.slide_layouts)
            for s in owner.shapes
        )

    assert logos(_deck(tmp_path / "a", DUTCH)) >= 1  # auto: the template has none
    assert logos(_deck(tmp_path / "b", mecanon)) == 0  # auto: it has its own
    assert logos(_deck(tmp_path / "c", mecanon, "\ndeck_logo: always\n")) >= 1
    assert logos(_deck(tmp_path / "d", None, "\ndeck_logo: never\n")) == 0


def test_logo_finds_a_corner_clear_of_text_on_a_4x3_template(tmp_path: Path) -> None:
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.render.deck import build_deck

    root, client = _project(tmp_path, DUTCH)
    inputs = load_inputs(Project(root), "client", client)
    _, report = build_deck(compose(inputs.workshop, inputs.client))
    assert not [n for n in report.notes if "logo" in n.message]
