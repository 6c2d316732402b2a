"""python-pptx internals kept in render/deck/_oxml.py: the quick part naming picks the
very names python-pptx would, so decks stay byte-identical."""

from __future__ import annotations

from typing import Any

from werkvorm.render.deck import _oxml


def _deck(quick: bool) -> list[str]:
    from pptx import Presentation

    prs: Any = Presentation()
    layout = prs.slide_layouts[1]

    def add() -> None:
        for n in range(12):
            slide = prs.slides.add_slide(layout)
            if n % 3:
                slide.notes_slide.notes_text_frame.text = f"notes {n}"

    if quick:
        with _oxml.quick_partnames(prs):
            add()
    else:
        add()
    return sorted(str(p.partname) for p in prs.part.package.iter_parts())


def test_quick_part_names_are_the_names_python_pptx_chooses() -> None:
    assert _deck(quick=True) == _deck(quick=False)
    names = _deck(quick=True)
    assert "/ppt/slides/slide12.xml" in names and "/ppt/notesSlides/notesSlide8.xml" in names


def test_the_package_gets_its_own_naming_back_after_the_block() -> None:
    from pptx import Presentation

    prs: Any = Presentation()
    with _oxml.quick_partnames(prs):
        prs.slides.add_slide(prs.slide_layouts[0])
    assert "next_partname" not in vars(prs.part.package)
    prs.slides.add_slide(prs.slide_layouts[0])
    assert len(prs.slides) == 2
