"""Name stamps (render/stamps.py): one layout for every name, cut into one drawing a band,
placed exactly where the base document leaves room, and nobody else's name in a copy."""

from __future__ import annotations

import gc
import io
import re

import pikepdf
import pypdfium2
import pytest
import weasyprint
from PIL import ImageChops
from pypdf import PdfReader

from tests.test_outputs import session
from werkvorm.compose.session import SessionParticipant
from werkvorm.render import badges, documents, personal
from werkvorm.render.stamps import Column, Names, Place, own_page, set_forms

NAMES = ["Anna de Vries", "Bram Jansen", "Chantal el Idrissi"]


def names_pdf(column: Column, texts: list[str]) -> bytes:
    bands = "".join(
        f'<div style="height: {column.pitch}mm"><p style="margin: 0; padding-top: 3mm">'
        f"{t}</p><div style='width: 20mm; height: 1mm; background: #c00'></div></div>"
        for t in texts
    )
    page = f"@page {{ size: {column.width}mm {column.height + 5}mm; margin: 0 }}"
    return bytes(weasyprint.HTML(string=f"<style>{page}</style>{bands}").write_pdf())


def stamped(names: Names, band: int, place: Place) -> bytes:
    out = pikepdf.new()
    out.add_blank_page(page_size=(595, 842))
    own_page(out, out.pages[0], 1)
    set_forms(out.pages[0], [names.form(out, band, place)])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_each_band_holds_only_its_own_drawing() -> None:
    column = Column(100, 20, len(NAMES))
    names = Names(names_pdf(column, NAMES), column)
    assert len(names.drawings) == 3
    for band, name in enumerate(NAMES):
        drawn = text(stamped(names, band, Place(20, 100, 842)))
        assert name in drawn
        assert not any(other in drawn for other in NAMES if other != name)
        assert b" re" in names.drawings[band] and b"TJ" in names.drawings[band]


def test_a_band_lands_where_it_is_placed_upright_or_turned() -> None:
    column = Column(100, 20, 2)
    names = Names(names_pdf(column, ["Xx", "Yy"]), column)
    for turned in (False, True):
        page = pypdfium2.PdfDocument(stamped(names, 1, Place(50, 100, 842, turned)))[0]
        image = page.render(scale=1).to_pil().convert("L")
        dark = ImageChops.invert(image).point(lambda v: 255 if v > 60 else 0).getbbox()
        assert dark is not None
        left, top, right, bottom = (v * 25.4 / 72 for v in dark)  # mm at 72 dpi
        # The band covers x 50..150 mm and y 100..120 mm; its ink stays inside it.
        assert left >= 50 and right <= 150 and top >= 100 and bottom <= 120, dark
        if turned:  # the red rule, drawn low and left in the band, is now high and right
            assert right > 130 and top < 110
        else:
            assert left < 60 and bottom > 105


def test_many_short_lived_copies_never_reuse_another_copys_fonts() -> None:
    column = Column(100, 20, 1)
    names = Names(names_pdf(column, ["Anna"]), column)
    for _ in range(30):  # ids of collected PDFs come back; a stale cache entry would crash
        assert "Anna" in text(stamped(names, 0, Place(10, 10, 842)))
        gc.collect()


def test_a_column_never_makes_a_page_taller_than_pdf_allows() -> None:
    column = Column(90, 55, 500)
    assert column.height + 5 <= 5080 and sum(map(len, column.pages())) == 500
    assert column.pages()[1][0] == column.per_page


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "a5", "letter"])
def test_a_stamped_cover_prints_exactly_like_one_laid_out_with_the_name(paper: str) -> None:
    people = [
        SessionParticipant(name=name, organisation="Org", slug=f"p{n}")
        for n, name in enumerate(["Sanne Bakker", "李小龙", "Ólafur Þórðarson"])
    ]
    s = session(participants=people, paper=paper)
    copies, everyone = personal.personal_handouts(s, documents.handout_pdf(s))
    for person in people:
        native = documents.handout_pdf(s, participant=person.name)
        ours = pypdfium2.PdfDocument(copies[person.slug])[0].render(scale=3).to_pil()
        theirs = pypdfium2.PdfDocument(native)[0].render(scale=3).to_pil()
        difference = ImageChops.difference(ours.convert("L"), theirs.convert("L"))
        assert difference.getextrema()[1] <= 8, (person.name, difference.getbbox())
        others = [p.name for p in people if p is not person]
        assert not any(other in text(copies[person.slug]) for other in others)
    assert all(p.name in text(everyone) for p in people)


@pytest.mark.slow
def test_stamped_badges_and_certificates_carry_every_name_once() -> None:
    people = [
        SessionParticipant(name=f"Deelnemer {n}", organisation=f"Org {n}", slug=f"d{n}")
        for n in range(11)
    ]
    s = session(participants=people)
    sheets, certificates = badges.badges_pdf(s), personal.certificates_pdf(s)
    assert len(PdfReader(io.BytesIO(sheets)).pages) == 2  # 8 + 3
    assert len(PdfReader(io.BytesIO(certificates)).pages) == 11
    for data in (sheets, certificates):
        found = re.findall(r"Deelnemer (\d+)", text(data))
        assert sorted(map(int, found)) == list(range(11))
    assert badges.badges_pdf(s) == sheets and personal.certificates_pdf(s) == certificates
