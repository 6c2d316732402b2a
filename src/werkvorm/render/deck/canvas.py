"""The primitives a deck is drawn with: a slide on a layout, a title, a filled and
fitted placeholder, a picture fitted into a box, the footer, and speaker notes.

Text that would not fit is sized down when the deck is written, measured for the
placeholder it goes into, because PowerPoint's autofit acts only after an edit and
LibreOffice's not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from werkvorm.compose.session import Session
from werkvorm.render import text as _text
from werkvorm.render.deck import _oxml
from werkvorm.render.deck.layouts import BODIES, CHROME, TITLES, LayoutChoice, ph_type
from werkvorm.render.textfit import Measure

BODY_MAX, BODY_MIN = 28, 18
BODY_FLOOR = 14  # a single text that cannot continue on a next slide may shrink to this
BULLET_INDENT_PT = 27.0  # the hanging indent of a first-level bullet
TITLE_MAX, TITLE_MIN = 36, 24
FOOTER_MAX, FOOTER_MIN = 12, 8
MUTED = "8A8F94"
BOLD_SLACK = 0.9  # bold fallback fonts run wider than bold Source Sans 3 widened


@lru_cache(maxsize=4096)
def to_plain(text: str) -> str:
    return _text.to_plain(text)


@lru_cache(maxsize=4096)
def _runs(text: str) -> tuple[tuple[str, bool, bool], ...]:
    runs = _text.to_runs(text)
    return tuple(runs[0]) if runs else ((text, False, False),)


def rgb(hex_colour: str) -> RGBColor:
    h = hex_colour.lstrip("#")
    return RGBColor(int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def short_title(title: str) -> str:
    """The title before its subtitle-like tail ("A: b", "A — b")."""
    for sep in (": ", " — ", " – ", " - "):
        head = title.split(sep, 1)[0].strip()
        if head and head != title:
            return head
    return title


@dataclass
class DeckNote:
    """One adaptation, tied to the block whose slide it is ('' for session slides)."""

    block: str
    message: str


@dataclass
class SlideCard:
    """What one slide shows, as plain data: the source of ``slides.pdf``."""

    kind: str
    title: str = ""
    lines: list[str] = field(default_factory=list)
    image: str = ""
    alt: str = ""


@dataclass
class DeckReport:
    """What the deck renderer had to adapt, for ``check``, and the slides it wrote."""

    notes: list[DeckNote] = field(default_factory=list)
    fallbacks: dict[str, str] = field(default_factory=dict)
    slides: list[SlideCard] = field(default_factory=list)
    ratio: str = "16 / 9"  # the slide's width / height, for slides.pdf


class Canvas:
    """Slides on one template for one session; the slide kinds live in DeckWriter."""

    def __init__(self, session: Session, prs: Any, choice: LayoutChoice, branded: bool) -> None:
        self.s = session
        self.prs = prs
        self.choice = choice
        self.branded = branded  # the default template: werkvorm's look is drawn
        self.report = DeckReport(
            fallbacks=dict(choice.fallbacks), ratio=f"{prs.slide_width} / {prs.slide_height}"
        )
        self.block = ""  # the id of the block being written, for the report
        self.measure = Measure(_oxml.theme_font(prs))
        self._footers: dict[int, tuple[str, int]] = {}
        self._chrome_of: dict[int, list[tuple[Any, Any]]] = {}

    def note(self, message: str) -> None:
        self.report.notes.append(DeckNote(self.block, message))

    # -- slides and chrome

    def has(self, kind: str) -> bool:
        """Whether the template has a layout made for ``kind`` (not a stand-in)."""
        info = self.choice.by_kind.get(kind)
        return info is not None and kind in info.kinds

    def new_slide(self, kind: str) -> Any:
        info = self.choice.by_kind.get(kind) or self.choice.by_kind["content"]
        slide = self.prs.slides.add_slide(info.layout)
        self._add_chrome(slide, info.layout)
        self.report.slides.append(SlideCard(kind))
        return slide

    def footer_text(self, ph: Any) -> tuple[str, int]:
        """The longest of (short title · client, short title, client) that fits the
        footer placeholder on one line, and its size; ('', 0) if none does."""
        key = int(ph.width or 0)
        if key not in self._footers:
            s = self.s
            short = short_title(s.title)
            candidates = [" · ".join(p for p in (short, s.client) if p), short, s.client]
            width = Emu(ph.width or 0).pt - 14.4
            self._footers[key] = ("", 0)
            for text in [c for c in candidates if c]:
                size = next(
                    (
                        z
                        for z in range(FOOTER_MAX, FOOTER_MIN - 1, -1)
                        if self.measure.lines(text, z, width) == 1
                    ),
                    0,
                )
                if size:
                    self._footers[key] = (text, size)
                    break
        return self._footers[key]

    def _chrome(self, layout: Any) -> list[tuple[Any, Any]]:
        key = id(layout)
        if key not in self._chrome_of:
            self._chrome_of[key] = [
                (ph, ph_type(ph))
                for ph in layout.placeholders
                if ph_type(ph) in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
            ]
        return self._chrome_of[key]

    def _add_chrome(self, slide: Any, layout: Any) -> None:
        """Footer and slide number placeholders, which add_slide leaves out."""
        for ph, kind in self._chrome(layout):
            if kind == PP_PLACEHOLDER.FOOTER:
                text, size = self.footer_text(ph)
                if not text:
                    continue
                _oxml.copy_placeholder(slide, ph)
                shape = slide.shapes[-1]
                tf = shape.text_frame
                tf.text = text
                tf.word_wrap = False
                for run in tf.paragraphs[0].runs:
                    run.font.size = Pt(size)
                    if self.branded:
                        run.font.name = "+mn-lt"
            else:
                _oxml.copy_placeholder(slide, ph)
                shape = slide.shapes[-1]
                if not _oxml.has_slide_number_field(shape):
                    _oxml.slide_number_field(shape)

    def content_placeholders(self, slide: Any) -> list[Any]:
        return [ph for ph in slide.placeholders if ph_type(ph) not in CHROME | TITLES]

    def bodies(self, slide: Any) -> list[Any]:
        """Text placeholders left to right, top to bottom."""
        phs = [ph for ph in slide.placeholders if ph_type(ph) in BODIES]
        return sorted(phs, key=lambda ph: (ph.left or 0, ph.top or 0))

    # -- text

    def title(self, slide: Any, text: str, *, largest: int = TITLE_MAX) -> None:
        ph = next((p for p in slide.placeholders if ph_type(p) in TITLES), None)
        if ph is None:
            return
        self.report.slides[-1].title = text
        tf = ph.text_frame
        tf.text = text
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        size = self.measure.fit(
            [text],
            Emu(ph.width).pt * BOLD_SLACK,
            Emu(ph.height).pt,
            largest,
            TITLE_MIN - 8,
            bold=True,
        )
        if size is None or size < TITLE_MIN:
            self.note(f"the slide title '{text[:40]}' is too long: shorten it")
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size or TITLE_MIN - 8)

    def fill(
        self,
        ph: Any,
        paragraphs: list[str],
        *,
        largest: int = BODY_MAX,
        smallest: int = BODY_MIN,
        bullets: bool = True,
        what: str = "",
        report: bool = True,
        bold: bool = False,
    ) -> int:
        """Fill a placeholder, sized to fit; ``report`` notes shrinking for ``check``.
        The size used."""
        tf = ph.text_frame
        tf.clear()
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        plain = [to_plain(p) for p in paragraphs]
        what = what or f"slide '{self.report.slides[-1].title[:40]}'"
        self.report.slides[-1].lines += plain
        size = self.measure.fit(
            plain,
            Emu(ph.width).pt,
            Emu(ph.height).pt,
            largest,
            smallest,
            bold=bold,
            indent_pt=BULLET_INDENT_PT if bullets else 0.0,
        )
        if size is None:
            size = smallest
            self.note(f"{what}: the text does not fit even at {smallest} pt: shorten it")
        elif report and size < BODY_MIN:
            self.note(
                f"{what}: the text had to shrink to {size} pt to fit (slides read best "
                f"at {BODY_MIN} pt or more): shorten it"
            )
        for n, text in enumerate(paragraphs):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            for chunk, bold, italic in _runs(text):
                r = p.add_run()
                r.text = chunk
                r.font.size = Pt(size)
                if bold:
                    r.font.bold = True
                if italic:
                    r.font.italic = True
            if not bullets or re.match(r"\d+\. ", plain[n]):  # its number is its bullet
                _oxml.no_bullet(p)
        return size

    @staticmethod
    def colour_paragraph(ph: Any, index: int, colour: str, *, bold: bool = False) -> None:
        for r in ph.text_frame.paragraphs[index].runs:
            r.font.color.rgb = rgb(colour)
            if bold:
                r.font.bold = True

    @staticmethod
    def drop_empty(slide: Any) -> None:
        for ph in list(slide.placeholders):
            if ph_type(ph) in CHROME:
                continue
            if (ph.has_text_frame and not ph.text_frame.text.strip()) or (
                ph_type(ph) == PP_PLACEHOLDER.PICTURE and not hasattr(ph, "image")
            ):
                _oxml.remove(ph)

    def notes(self, slide: Any, *parts: str) -> None:
        """Speaker notes: each part a paragraph, Markdown stripped, blank parts left out."""
        lines = [to_plain(p).strip() for p in parts if p and p.strip()]
        if lines:
            slide.notes_slide.notes_text_frame.text = "\n".join(lines)

    def extend_notes(
        self, slide: Any, before: list[str], after: list[str], *, fallback: str = ""
    ) -> None:
        """Notes ``before`` and ``after`` the slide's own; ``fallback`` when all are empty."""
        own = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        parts = [*before, own, *after]
        if not any(p.strip() for p in parts):
            parts = [fallback]
        self.notes(slide, *parts)

    # -- pictures and boxes

    def picture_fitted(
        self, slide: Any, path: str, alt: str, box: tuple[int, int, int, int]
    ) -> Any:
        from PIL import Image

        left, top, width, height = box
        with Image.open(path) as im:
            iw, ih = im.size
        scale = min(width / iw, height / ih)
        w, h = int(iw * scale), int(ih * scale)
        pic = slide.shapes.add_picture(path, left + (width - w) // 2, top + (height - h) // 2, w, h)
        _oxml.set_alt_text(pic, alt)
        self.report.slides[-1].image, self.report.slides[-1].alt = path, alt
        pic.name = f"Picture: {alt[:40]}"
        return pic

    def body_box(self, slide: Any) -> tuple[int, int, int, int]:
        bodies = self.content_placeholders(slide)
        if bodies:
            b = max(bodies, key=lambda ph: (ph.width or 0) * (ph.height or 0))
            return b.left, b.top, b.width, b.height
        w, h = self.prs.slide_width, self.prs.slide_height
        return int(w * 0.06), int(h * 0.25), int(w * 0.88), int(h * 0.62)
