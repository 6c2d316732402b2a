"""The primitives a deck is drawn with: a slide on a layout, a title, a filled and
fitted placeholder, a picture fitted into a box, the footer, and speaker notes.

Text that would not fit is sized down when the deck is written, measured for the
placeholder it goes into, because PowerPoint's autofit acts only after an edit and
LibreOffice's not at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from werkvorm.compose.colours import WERKVORM_PRIMARY, contrast
from werkvorm.compose.session import Session
from werkvorm.render import text as _text
from werkvorm.render.deck import _oxml
from werkvorm.render.deck.layouts import BODIES, CHROME, TITLES, LayoutChoice, ph_type
from werkvorm.render.textfit import INSET_X_PT, UNKNOWN_FONT_WIDENING, Measure

BODY_MAX, BODY_MIN = 28, 18
BODY_FLOOR = 14  # a single text that cannot continue on a next slide may shrink to this
BULLET_INDENT_PT = 27.0  # the hanging indent of a first-level bullet
TITLE_MAX, TITLE_MIN = 36, 24
FOOTER_MAX, FOOTER_MIN = 12, 8
MUTED = "5F6B73"  # grey that reads at 4.5:1 or more on white and on light tints
MIN_CONTRAST = 4.5  # small text (footer, slide number) against what is behind it
SIDE_RATIO = 0.72  # side info (time, group size) to body text
BYLINE_RATIO = 0.5  # a quote's by-line to the quote
COLUMN_GAP_PT = 36.0
SIDE_MIN = 18  # side info still reads from the back of the room
HANGS = re.compile(r"^(\d{1,2}:\d{2}|\d+\.)\s+")  # a time or a number that leads an item
BOLD_SLACK = 0.9  # bold fallback fonts run wider than bold Source Sans 3 widened


@lru_cache(maxsize=4096)
def to_plain(text: str) -> str:
    return _text.to_plain(text)


Run = tuple[str, bool, bool]  # text, bold, italic
Para = str | tuple[Run, ...]  # Markdown, or runs already set (sources)


def side_size(size: int) -> int:
    """Side info (time, group size, a by-line's place) one step below the body."""
    return max(SIDE_MIN, int(size * SIDE_RATIO))


def para_plain(para: Para) -> str:
    return to_plain(para) if isinstance(para, str) else "".join(t for t, _, _ in para)


def para_runs(para: Para) -> tuple[Run, ...]:
    return _runs(para) if isinstance(para, str) else para


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
    small: list[str] = field(default_factory=list)  # side info, a by-line
    image: str = ""
    role: str = ""  # agenda: a repeat of the programme
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
        # Source Sans 3 may be missing where the deck is shown: leave room for the widest
        # fallback (LibreOffice's DejaVu Sans), so no text leaves its box anywhere.
        self.measure.widening = max(self.measure.widening, UNKNOWN_FONT_WIDENING)
        self._footers: dict[int, tuple[str, int]] = {}
        self._chrome_of: dict[int, list[tuple[Any, Any]]] = {}
        self._bands: dict[int, str | None] = {}
        self._chrome_fix: dict[tuple[int, str], str | None] = {}
        self.logo: tuple[int, int, int, int] | None = None  # the logo's box on the master

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
        if kind not in ("title", "closing", "break"):  # no footer on the opening, the end
            # and the full-colour break
            self._add_chrome(slide, info.layout)
        self.report.slides.append(SlideCard(kind))
        return slide

    def footer_text(self, ph: Any) -> tuple[str, int]:
        """The longest of (short title · client, short title, client) that fits the
        footer placeholder on one line, and its size; ('', 0) if none does."""
        key = int(ph.width or 0)
        if key not in self._footers:
            s = self.s
            short = " ".join(short_title(s.title).split())  # one line: a newline is a space
            client = " ".join(s.client.split())
            candidates = [" · ".join(p for p in (short, client) if p), short, client]
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
                on = None if self.branded else self._text_on_band(layout, ph)
                for run in tf.paragraphs[0].runs:
                    run.font.size = Pt(size)
                    if self.branded:
                        run.font.name = "+mn-lt"
                    if on is not None:
                        run.font.color.rgb = rgb(on)
            else:
                _oxml.copy_placeholder(slide, ph)
                shape = slide.shapes[-1]
                if not _oxml.has_slide_number_field(shape):
                    _oxml.slide_number_field(shape)
                on = None if self.branded else self._text_on_band(layout, ph)
            if not self.branded and on is None:
                darker = self._readable_chrome(
                    layout, "ftr" if kind == PP_PLACEHOLDER.FOOTER else "sldNum"
                )
                if darker:
                    _oxml.set_text_colour(shape, darker)

    def _readable_chrome(self, layout: Any, kind: str) -> str | None:
        """On a client's template, a footer or slide number whose grey reads under 4.5:1 on
        the slide (python-pptx's and Office's "tx1 tinted 75 %" draws #8B8B8B, 3.4:1) is
        set in a grey that reads; None when the template's own colour reads."""
        key = (id(layout), kind)
        if key not in self._chrome_fix:
            own = _oxml.chrome_colour(layout, kind)
            ground = "#" + _oxml.theme_slots(layout.slide_master).get("lt1", "FFFFFF")
            fix = None
            weak = own is not None and re.fullmatch(r"[0-9A-F]{6}", own) is not None
            if weak and contrast(f"#{own}", ground) < MIN_CONTRAST:
                fix = MUTED if contrast(f"#{MUTED}", ground) >= MIN_CONTRAST else "1F2328"
            self._chrome_fix[key] = fix
        return self._chrome_fix[key]

    def _text_on_band(self, layout: Any, ph: Any) -> str | None:
        """On a client's template, footer text on a band of colour is set white or
        near-black, whichever reads best on it (4.5:1 where the template's own may not)."""
        key = id(layout)
        if key not in self._bands:
            box = (int(ph.left or 0), int(ph.top or 0), int(ph.width or 0), int(ph.height or 0))
            band = _oxml.band_under(layout, box)
            choice = None
            if band is not None and re.fullmatch(r"[0-9A-F]{6}", band):
                light, dark = contrast(f"#{band}", "#ffffff"), contrast(f"#{band}", "#1f2328")
                choice = "FFFFFF" if light >= dark else "1F2328"
            self._bands[key] = choice
        return self._bands[key]

    def content_placeholders(self, slide: Any) -> list[Any]:
        return [ph for ph in slide.placeholders if ph_type(ph) not in CHROME | TITLES]

    def bodies(self, slide: Any) -> list[Any]:
        """Text placeholders left to right, top to bottom."""
        phs = [ph for ph in slide.placeholders if ph_type(ph) in BODIES]
        return sorted(phs, key=lambda ph: (ph.left or 0, ph.top or 0))

    # -- text

    def title(
        self, slide: Any, text: str, *, largest: int = TITLE_MAX, warn_below: int = TITLE_MIN
    ) -> int:
        ph = next((p for p in slide.placeholders if ph_type(p) in TITLES), None)
        if ph is None:
            self.report.slides[-1].title = text
            master = slide.slide_layout.slide_master
            titled = next((p for p in master.placeholders if ph_type(p) in TITLES), None)
            if titled is not None:
                _oxml.hidden_title(slide, titled, text)
            return 0
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
        if warn_below > TITLE_MIN and (size is None or size < warn_below):
            self.note(
                f"the title slide's title '{text[:40]}' has to shrink to "
                f"{size or TITLE_MIN - 8} pt (a title slide needs {warn_below} pt or more): "
                "shorten the title and let the subtitle carry the rest"
            )
        elif size is None or size < TITLE_MIN:
            self.note(f"the slide title '{text[:40]}' is too long: shorten it")
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size or TITLE_MIN - 8)
        return size or TITLE_MIN - 8

    def fill(
        self,
        ph: Any,
        paragraphs: Sequence[Para],
        *,
        largest: int = BODY_MAX,
        smallest: int = BODY_MIN,
        bullets: bool = True,
        what: str = "",
        report: bool = True,
        bold: bool = False,
        small: Sequence[str] = (),
        hang_em: float = 0.0,
        gap: float = 0.0,
        reserve: float = 0.0,
        columns: int = 1,
    ) -> int:
        """Fill a placeholder, sized to fit; ``report`` notes shrinking for ``check``.
        ``small``: muted lines after the text at side-info size (``SIDE_RATIO``);
        ``hang_em``: a leading time or number ("09:30", "1.") is followed by a tab and the
        rest of the paragraph hangs at this indent, in ems of the size; ``gap``: space between paragraphs, of the size.
        The size used."""
        tf = ph.text_frame
        tf.clear()
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        plain = [para_plain(p) for p in paragraphs]
        what = what or f"slide '{self.report.slides[-1].title[:40]}'"
        self.report.slides[-1].lines += plain
        self.report.slides[-1].small += list(small)
        size = self._fit_size(
            ph,
            plain,
            (largest, smallest),
            small,
            bold=bold,
            indent_em=-1.0 if bullets else hang_em,
            extra_em=gap * max(0, len(plain) - 1),
            reserve=reserve,
            columns=columns,
        )
        if size is None:
            size = smallest
            self.note(f"{what}: the text does not fit even at {smallest} pt: shorten it")
        elif report and size < BODY_MIN:
            self.note(
                f"{what}: the text had to shrink to {size} pt to fit (slides read best "
                f"at {BODY_MIN} pt or more): shorten it"
            )
        self._paragraphs(tf, paragraphs, size, bullets=bullets, hang_em=hang_em, gap=gap)
        self._small_lines(tf, small, size)
        return size

    def _fit_size(
        self,
        ph: Any,
        plain: list[str],
        sizes: tuple[int, int],
        small: Sequence[str],
        *,
        bold: bool,
        indent_em: float,
        extra_em: float,
        reserve: float,
        columns: int = 1,
    ) -> int | None:
        """The largest size at which the text fits with the small lines under it
        (``indent_em`` -1: a bullet's indent), or None; in ``columns`` the text flows
        from one column into the next."""
        width, height = Emu(ph.width).pt, Emu(ph.height).pt
        if columns > 1:
            _oxml.columns(ph, columns, Pt(COLUMN_GAP_PT))
            width = (width - INSET_X_PT - COLUMN_GAP_PT * (columns - 1)) / columns + INSET_X_PT
            height = height * columns * 0.9  # a column breaks between paragraphs
        for size in range(sizes[0], sizes[1] - 1, -2):
            side = side_size(size)
            below = sum(
                self.measure.lines(line, side, width - INSET_X_PT) * side * 1.25 for line in small
            ) + (side * 0.6 if small else 0)
            indent = BULLET_INDENT_PT if indent_em < 0 else indent_em * size
            if self.measure.fit(
                plain,
                width,
                height - below - extra_em * size - reserve,
                size,
                size,
                bold=bold,
                indent_pt=indent,
            ):
                return size
        return None

    @staticmethod
    def _paragraphs(
        tf: Any, paragraphs: Sequence[Para], size: int, *, bullets: bool, hang_em: float, gap: float
    ) -> None:
        """The paragraphs as runs at ``size``; numbers and times hang their text."""
        plain = [para_plain(p) for p in paragraphs]
        for n, text in enumerate(paragraphs):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            numbered = re.match(r"\d+\. ", plain[n])
            runs = list(para_runs(text))
            hang = bool(hang_em and runs and HANGS.match(runs[0][0]))
            if hang:  # "09:30<tab>item": wrapped lines align with the item
                runs[0] = (HANGS.sub("\\1\t", runs[0][0], count=1), runs[0][1], runs[0][2])
            for chunk, bold_run, italic in runs:
                r = p.add_run()
                r.text = chunk
                r.font.size = Pt(size)
                if bold_run:
                    r.font.bold = True
                if italic:
                    r.font.italic = True
            if gap and n:
                p.space_before = Pt(round(size * gap))
            if not bullets or numbered:  # its number is its bullet
                _oxml.no_bullet(p, hang=Pt(hang_em * size) if hang else 0)

    @staticmethod
    def _small_lines(tf: Any, small: Sequence[str], size: int) -> None:
        """Side info under the text: smaller, muted, the first line bold."""
        for n, line in enumerate(small):
            p = tf.add_paragraph()
            r = p.add_run()
            r.text = to_plain(line)
            r.font.size = Pt(side_size(size))
            r.font.bold = n == 0
            r.font.color.rgb = rgb(MUTED)
            p.space_before = Pt(round(side_size(size) * 0.6)) if n == 0 else Pt(0)
            _oxml.no_bullet(p)

    def centre_if_short(self, ph: Any, size: int, bullets: bool) -> None:
        """Text that takes under half its box sits in the middle of it, not in the top
        third."""
        width = Emu(ph.width).pt - INSET_X_PT - (BULLET_INDENT_PT if bullets else 0)
        paragraphs = ph.text_frame.paragraphs
        lines = sum(
            self.measure.lines(p.text, (p.runs[0].font.size or Pt(size)).pt, width)
            * (p.runs[0].font.size or Pt(size)).pt
            for p in paragraphs
            if p.runs
        )
        if lines * 1.2 < Emu(ph.height).pt * 0.5:
            _oxml.anchor(ph, "ctr")

    def title_above(self, slide: Any, body: Any) -> None:
        """On a layout whose text sits above its title (a section layout), swap the two
        boxes on this slide so that the title reads first."""
        title = next((p for p in slide.placeholders if ph_type(p) in TITLES), None)
        if title is None or (body.top or 0) >= (title.top or 0):
            return
        t_top, b_top, t_h, b_h = title.top, body.top, title.height, body.height
        title.left, title.width = title.left, title.width
        body.left, body.width = body.left, body.width
        title.top, title.height = b_top, t_h
        body.top, body.height = b_top + t_h, max(b_h, t_top + t_h - b_top - t_h)

    def side_panel(self, task: Any, side: Any) -> None:
        """On a client's two-column layout: the task over about two thirds of the width,
        the side info in the rest on a light tint of the template's accent."""
        left = min(task.left, side.left)
        right = max(task.left + task.width, side.left + side.width)
        gap = int((right - left) * 0.03)
        width = int((right - left) * 0.66)
        task.left, task.top, task.height, task.width = left, task.top, task.height, width
        side.left, side.top, side.height = left + width + gap, task.top, task.height
        side.width = right - side.left
        _oxml.tint_fill(side, "accent1", 15)

    @staticmethod
    def reading_order(slide: Any) -> None:
        """Title first, then text and pictures from the top left, footer and slide
        number last."""

        def rank(shape: Any) -> tuple[int, int, int]:
            kind = ph_type(shape) if shape.is_placeholder else None
            group = 0 if kind in TITLES else 2 if kind in CHROME else 1
            return (group, int(shape.top or 0), int(shape.left or 0))

        _oxml.reading_order(slide, rank)

    def highlight_colour(self) -> tuple[str, str]:
        """The brand's text colour on werkvorm's template; the title colour of a client's
        template on theirs, or, on a template that kept the stock Office colours, the
        client's own colour (darkened until it reads on white) rather than Office blue."""
        if self.branded:
            return ("theme", "tx2")
        kind, value = _oxml.title_colour(self.prs)
        own = "#" + self.s.branding.primary.lstrip("#").lower() != WERKVORM_PRIMARY
        if (kind, value) == ("theme", "accent1") and own and _oxml.stock_office_theme(self.prs):
            return ("rgb", self.s.branding.text.lstrip("#").upper())
        return (kind, value)

    def highlight(self, ph: Any, index: int) -> None:
        """A paragraph in the deck's highlight colour (``highlight_colour``), bold."""
        kind, value = self.highlight_colour()
        for r in ph.text_frame.paragraphs[index].runs:
            r.font.bold = True
            if kind == "rgb":
                r.font.color.rgb = rgb(value)
            else:
                r.font.color.theme_color = MSO_THEME_COLOR.from_xml(value)

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

        left, top, width, height = box
        iw, ih = _oxml.picture_size(path)  # a photo's orientation tag applied
        scale = min(width / iw, height / ih)
        w, h = int(iw * scale), int(ih * scale)
        pic = _oxml.add_picture(
            slide, path, (left + (width - w) // 2, top + (height - h) // 2, w, h)
        )
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
