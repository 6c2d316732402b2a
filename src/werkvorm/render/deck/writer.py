"""Session → slides: one method per slide kind, in the order a trainer presents them."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlsplit

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from werkvorm.compose.session import SessionItem, SessionSlide
from werkvorm.render.deck import _oxml
from werkvorm.render.deck.canvas import (
    BODY_FLOOR,
    BODY_MAX,
    BODY_MIN,
    BOLD_SLACK,
    BULLET_INDENT_PT,
    BYLINE_RATIO,
    MUTED,
    SIDE_MIN,
    Canvas,
    DeckNote,
    Para,
    Run,
    para_plain,
    rgb,
    side_size,
    to_plain,
)
from werkvorm.render.deck.layouts import BODIES, CHROME, TITLES, ph_type
from werkvorm.render.deck.notes import block_notes, words
from werkvorm.render.textfit import INSET_X_PT, INSET_Y_PT

MAX_BULLETS = 6
AGENDA_ROWS = 12
BULLET_MIN = 24  # bullets below this continue on a next slide, or check warns
SHORT_MAX = 32  # up to four short bullets or questions, and one statement, are set this large
STATEMENT = 160  # characters: one item this short is a statement
UNDER_TITLE = 0.8  # a one-sentence exercise: at most this of its title
TWO_COLUMNS = 32  # five or six items this short are set in two columns
TITLE_SLIDE_MIN = 32
TITLE_OVER_SUB = 1.6  # the title slide's title at least this many times its details
SUB_MIN = 12
BYLINE_MIN = 12
BIG_NUMBER = re.compile(
    r"^(\d[\d.,]*\s?%|\d(?:[\d.,]*\d)?(?=\s)|\d+ (?:op|van|in|of|out of) \d+)\s+"
)  # "73%", "1.200", "3 op 4"; never a list number ("6.")
BIG_NUMBER_PT = 96
BREAK_TIME_MIN = 40  # the return time on a break slide reads from the back of the room
BREAK_TIME_MAX = 60
SIDE_GAP = 0.8  # space between the side card's lines, of their size
CARD_PAD_X_IN, CARD_PAD_Y_IN = 0.25, 0.2  # the side card's text from its edges, inches
CARD_LINE = 1.3  # line height in the card's height, of the size (see card_text_height)
HANG_NUMBER_EM = 1.3  # "1." hangs its text at this indent
AGENDA_HANG_EM = 3.6  # "09:30" and "0:15" do
NBSP = "\u00a0"  # between a number and its unit: "15 min" never breaks apart
# What the exercise card tells a participant, beside the steps: how to work and where
# the worksheet is (the handout numbers its blocks as the deck does).
CARD_WORDS = {
    "nl": {
        "pairs": "In tweetallen",
        "groups": "In groepjes",
        "groups_of": "In groepjes van {n}",
        "individual": "Individueel",
        "worksheet": "Werkblad in het werkboek, blok\u00a0{n}",
    },
    "nl-BE": {
        "pairs": "In duo's",
        "worksheet": "Werkblad in de deelnemersbundel, blok\u00a0{n}",
    },
    "en": {
        "pairs": "In pairs",
        "groups": "In small groups",
        "groups_of": "In groups of {n}",
        "individual": "On your own",
        "worksheet": "Worksheet in the workbook, block\u00a0{n}",
    },
}


def qty(number: int | str, unit: str) -> str:
    """A number and its unit joined by a no-break space: "4 personen", "15 min"."""
    return f"{number}{NBSP}{unit}"


def card_words(locale: str) -> dict[str, str]:
    language = locale.split("-")[0]
    return {**CARD_WORDS.get(language, CARD_WORDS["en"]), **CARD_WORDS.get(locale, {})}


class DeckWriter(Canvas):
    # -- notes

    def block_cue(self, item: SessionItem) -> list[str]:
        """The timing cue and materials, for the block's first slide."""
        L = self.s.labels
        cue = [f"{item.start}–{item.end} · {qty(item.minutes, L['min'])} · {item.title}"]
        meta = [f"{L['format']}: {item.format_label}"] if item.format_label else []
        if item.materials:
            meta.append(f"{L['materials']}: {', '.join(item.materials)}")
        return cue + ([" · ".join(meta)] if meta else [])

    def slide_notes(self, item: SessionItem, own: str) -> list[str]:
        """The slide's own notes; the block's key lines and cues are added per block."""
        return [own] if own.strip() else []

    def block_notes(self, item: SessionItem, start: int, exercise_from: int) -> None:
        """Every slide of a block carries what the presenter needs while it is shown: the
        cues that fall during it, its own notes, the block's key lines; exercise slides the
        cues, the debrief and the materials instead of the slide's text."""
        plan = block_notes(item, self.s.labels, self.s.language)
        slides = list(self.prs.slides)
        content, exercise = slides[start + 1 : exercise_from], slides[exercise_from:]
        where = f"{item.number}. {item.title} ({item.start}–{item.end})"
        for n, slide in enumerate(content):
            cues = plan.first if n == 0 else []
            if not exercise and n == len(content) - 1:
                cues = [*cues, *plan.last]
            self.extend_notes(slide, cues, plan.keys.lines, fallback=where)
        asks = plan.keys.debrief or [k for k in plan.keys.lines if "?" in k]
        for slide in exercise:
            cues = plan.last if content else [*plan.first, *plan.last]
            self.extend_notes(slide, cues, [*asks, plan.materials], fallback=where)

    # -- the body of a content slide

    def _body(self) -> Any:
        probe = self.choice.by_kind["content"].layout
        return next((ph for ph in probe.placeholders if ph_type(ph) in BODIES), None)

    def _chunks(self, items: list[str]) -> list[list[str]]:
        """Items per slide: at most six, and never so many that bullets fall below
        ``BULLET_MIN`` (the rest continue on a next slide, "(2/2)")."""
        body = self._body()
        final: list[list[str]] = []
        current: list[str] = []
        for item in items:
            candidate = [*current, item]
            too_long = body is not None and (
                self.measure.fit(
                    [to_plain(c) for c in candidate],
                    Emu(body.width).pt,
                    Emu(body.height).pt,
                    BODY_MAX,
                    BULLET_MIN,
                    indent_pt=BULLET_INDENT_PT,
                )
                is None
            )
            if current and (len(candidate) > MAX_BULLETS or too_long):
                final.append(current)
                current = [item]
            else:
                current = candidate
        chunks = [*final, current] if current else (final or [[]])
        if len(chunks) > 1:  # as even as the slides allow: 3 and 3, not 5 and 1
            per = math.ceil(len(items) / len(chunks))
            even = [items[i : i + per] for i in range(0, len(items), per)]
            if len(even) == len(chunks) and all(
                len(c) <= len(b) for c, b in zip(even, chunks[:1] * len(even), strict=True)
            ):
                chunks = even
        return chunks

    def bullets_slide(
        self, title: str, items: list[str], notes: list[str], what: str, *, bullets: bool = True
    ) -> None:
        """One or more content slides: at most six items each, continued when needed; one
        short sentence is a statement, large and centred; a number leads as a big number."""
        chunks = self._chunks(items)
        if len(chunks) > 1:
            first = len(self.prs.slides) + 1
            self.note(
                f"slides {first}–{first + len(chunks) - 1}: '{title}' did not fit one slide "
                f"and continues on {len(chunks)} slides: split it yourself or shorten it"
            )
        for n, chunk in enumerate(chunks):
            slide = self.new_slide("content")
            suffix = f" ({n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
            # the hierarchy: bullets never larger than the title above them
            cap = max(BODY_MIN, self.title(slide, title + suffix) or BODY_MAX)
            ph = next(iter(self.content_placeholders(slide)), None)
            where = f"slide {len(self.prs.slides)}, {what}"
            alone = len(chunks) == 1 and len(chunk) == 1
            if ph is not None and alone and len(to_plain(chunk[0])) <= STATEMENT:
                # the one question is set as large as two would be (32 pt), not smaller
                self.statement(ph, chunk[0], where, largest=min(SHORT_MAX, cap))
            elif ph is not None and chunk:
                short = len(chunk) <= 4 and all(len(to_plain(c)) <= 48 for c in chunk)
                two = len(chunk) >= 5 and all(len(to_plain(c)) <= TWO_COLUMNS for c in chunk)
                size = self.fill(
                    ph,
                    chunk,
                    largest=min(SHORT_MAX if short else BODY_MAX, cap),
                    what=where,
                    bullets=bullets,
                    smallest=BODY_FLOOR,
                    hang_em=HANG_NUMBER_EM,
                    columns=2 if two else 1,
                )
                if size < BULLET_MIN and len(chunk) > 1:
                    self.note(f"{where}: bullets at {size} pt (24 pt or more reads from the back)")
                self.anchor_list(ph, size, bullets)
            self.drop_empty(slide)
            self.notes(slide, *notes)

    def statement(self, ph: Any, text: str, what: str, largest: int = SHORT_MAX) -> None:
        """One sentence or question, large, in the middle of the body box, never larger
        than the title above it; a leading number set big."""
        big = BIG_NUMBER.match(to_plain(text))
        if big:
            rest = to_plain(text)[big.end() :].strip()
            size = self.fill(
                ph,
                [big.group(1), rest] if rest else [big.group(1)],
                largest=largest,
                bullets=False,
                what=what,
            )
            for r in ph.text_frame.paragraphs[0].runs:
                r.font.size = Pt(min(BIG_NUMBER_PT, size * 3))
                r.font.bold = True
        else:
            size = self.fill(ph, [text], largest=largest, bullets=False, what=what)
        _oxml.anchor(ph, "ctr")
        # centred across the box on werkvorm's own template; on a client's as its titles
        if self.branded or _oxml.title_alignment(ph.part.slide.slide_layout) == "ctr":
            for p in ph.text_frame.paragraphs:
                p.alignment = PP_ALIGN.CENTER

    def anchor_list(self, ph: Any, size: int, bullets: bool) -> None:
        """Bullets, questions or a quote: on werkvorm's own template in the middle of the
        body when short; on a client's template always in the middle of the body box, as
        its statements, so that the text does not jump from top to middle and back when
        the presenter flips through the deck (Rivierstaal's bullets sat at the top on
        one slide and in the middle on the next)."""
        if self.branded:
            self.centre_if_short(ph, size, bullets)
        else:
            _oxml.anchor(ph, "ctr")

    def place_alone(self, ph: Any, size: int) -> None:
        """An exercise on the content layout: on werkvorm's own template in the middle of
        the body when it is short; on a client's template at the top of the template's
        body box, right under the title (centred in the box, UFRJ's one-sentence exercise
        floated mid-slide ~35 mm under its title)."""
        if self.branded:
            self.centre_if_short(ph, size, False)
        else:
            _oxml.anchor(ph, "t")

    def title_slide(self) -> None:
        """The title large (32 pt or more, else ``check`` warns); under it the subtitle and
        at most two short lines: date and place, and the trainer."""
        s, L = self.s, self.s.labels
        slide = self.new_slide("title")
        top = self.title(slide, s.title, largest=44, warn_below=TITLE_SLIDE_MIN) or 44
        if top < TITLE_SLIDE_MIN:
            top = self.taller_title(slide, s.title, top)
        sub = min(28, int(top / TITLE_OVER_SUB))  # the details stay well below the title
        place = s.location.split(",")[0].strip()
        meta = [
            p
            for p in (" · ".join(x for x in (s.series, s.date_text, place) if x), s.facilitator)
            if p
        ]
        phs = sorted(self.content_placeholders(slide), key=lambda ph: ph.top or 0)
        subs = [ph for ph in phs if ph_type(ph) == PP_PLACEHOLDER.SUBTITLE]
        first = subs[0] if subs else (min(phs, key=lambda ph: ph.height or 0) if phs else None)
        rest = sorted((ph for ph in phs if ph is not first), key=lambda ph: -(ph.height or 0))
        if rest and not subs and first is not None and not s.subtitle:
            first, rest = rest[0], []
        if first is not None:
            lines = [s.subtitle] if s.subtitle else []
            small = meta if not rest else []
            if lines or small:
                self.fill(
                    first,
                    lines or small[:1],
                    largest=sub,
                    smallest=14,
                    bullets=False,
                    report=False,
                    small=small if lines else small[1:],
                )
        if rest and meta:
            self.fill(rest[0], meta, largest=min(20, sub), smallest=14, bullets=False, report=False)
        for ph in phs:  # side info included: never more than the title / 1.6
            for p in ph.text_frame.paragraphs:
                for r in p.runs:
                    if r.font.size is not None and r.font.size.pt > max(SUB_MIN, sub):
                        r.font.size = Pt(max(SUB_MIN, sub))
        self.drop_empty(slide)
        self.notes(
            slide, s.summary, f"{s.start}–{s.end} · {qty(s.total_minutes, L['min'])}", s.audience
        )

    def taller_title(self, slide: Any, text: str, size: int) -> int:
        """A title slide's title that is under 32 pt in the template's box: the box grows
        upward (to the top margin, or the logo's foot) until the title fits at 32 pt or
        more; ``check`` still says the title is long. The size the title is set at."""
        ph = next((p for p in slide.placeholders if ph_type(p) in TITLES), None)
        if ph is None:
            return size
        left, right = int(ph.left or 0), int(ph.left or 0) + int(ph.width or 0)
        ceiling = int(Emu(Pt(28)))
        above = [
            (int(o.left or 0), int(o.top or 0), int(o.width or 0), int(o.height or 0))
            for o in slide.placeholders
            if o is not ph and int(o.top or 0) < int(ph.top or 0)
        ]
        for x, y, w, h in [*above, *([self.logo] if self.logo else [])]:
            if x < right and left < x + w:  # the logo, or text above the title
                ceiling = max(ceiling, y + h + int(Emu(Pt(8))))
        bottom = int(ph.top or 0) + int(ph.height or 0)
        if bottom - ceiling <= int(ph.height or 0):
            return size
        fits = self.measure.fit(
            [text],
            Emu(ph.width).pt * BOLD_SLACK,
            Emu(bottom - ceiling).pt,
            44,
            TITLE_SLIDE_MIN,
            bold=True,
        )
        if fits is None:
            return size
        need = self.measure.lines(text, fits, Emu(ph.width).pt * BOLD_SLACK - INSET_X_PT, True)
        height = min(bottom - ceiling, int(Emu(Pt(need * fits * 1.2 + 14.4))))
        width = int(ph.width or 0)  # all four: a placeholder that inherited its box
        ph.left, ph.top, ph.width, ph.height = left, bottom - height, width, height
        for p in ph.text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(fits)
        self.report.notes[-1] = DeckNote(
            self.block,
            f"the title slide's title '{text[:40]}' does not fit the template's title box "
            f"at {TITLE_SLIDE_MIN} pt: the box was made taller (the title at {fits} pt): "
            "shorten the title and let the subtitle carry the rest",
        )
        return fits

    def _agenda_rows(self) -> list[str]:
        rows = [
            f"{i.start}   {i.title}" if i.kind == "break" else f"{i.start}   {i.number}. {i.title}"
            for i in self.s.items
        ]
        return [*rows, f"{self.s.end}   {self.s.labels['end']}"]

    def _agenda_chunks(self, rows: list[str]) -> list[list[str]]:
        body = self._body()
        fits = body is None or self.measure.fit(
            rows, Emu(body.width).pt, Emu(body.height).pt, 24, 16, bold=True
        )
        if fits and len(rows) <= AGENDA_ROWS:
            return [rows]
        per_slide = math.ceil(len(rows) / math.ceil(len(rows) / 8))
        return [rows[i : i + per_slide] for i in range(0, len(rows), per_slide)]

    def agenda(self, current: SessionItem | None = None) -> None:
        """The programme with clock times; at a block, the rows of that part of the
        programme with the block highlighted and what is done greyed out."""
        L = self.s.labels
        rows = self._agenda_rows()
        chunks = self._agenda_chunks(rows)
        at = self.s.items.index(current) if current is not None else -1
        if current is not None:
            chunks = [next(c for c in chunks if rows[at] in c)]
        for n, chunk in enumerate(chunks):
            slide = self.new_slide("content")
            self.title(slide, L["agenda"] if n == 0 else L["agenda_continued"])
            ph = next(iter(self.content_placeholders(slide)), None)
            if ph is not None:
                self.fill(
                    ph,
                    chunk,
                    largest=24,
                    smallest=14,
                    bullets=False,
                    report=False,
                    bold=at >= 0,
                    hang_em=AGENDA_HANG_EM,
                )
                for k, row in enumerate(chunk):
                    index = rows.index(row)
                    if index == at:
                        self.highlight(ph, k)
                    elif 0 <= index < at:
                        self.colour_paragraph(ph, k, MUTED)
            self.drop_empty(slide)
            if current is not None:
                self.report.slides[-1].role = "agenda"
            if current is None:
                self.notes(slide, self.s.summary, qty(self.s.total_minutes, L["min"]))
            else:
                self.notes(slide, f"{rows[at]}", *self.block_cue(current)[1:])

    def section(self, item: SessionItem) -> None:
        L = self.s.labels
        slide = self.new_slide("section")
        self.title(slide, f"{item.number}. {item.title}", largest=40)
        ph = next(iter(self.content_placeholders(slide)), None)
        if ph is not None:
            parts = [f"{item.start}–{item.end}", qty(item.minutes, L["min"]), item.format_label]
            self.fill(
                ph,
                [" · ".join(p for p in parts if p)],
                largest=24,
                smallest=12,
                bullets=False,
                report=False,
            )
        self.drop_empty(slide)
        self.notes(slide, item.facilitator or item.intro, *self.block_cue(item), *item.plan_lines)

    def break_slide(self, item: SessionItem) -> None:
        """ "Koffie · 15 min", then "We gaan verder om" and the time large, in that order
        on any template (a section layout that puts its text above the title is turned)."""
        L = self.s.labels
        slide = self.new_slide("break")
        self.title(slide, f"{item.title} · {qty(item.minutes, L['min'])}")
        if self.s.has_clock:
            resume = L["resume"].format(time=item.end)
            lines = [resume.replace(item.end, "").strip(), item.end]
        else:
            resume = (
                L["resume_relative"]
                .format(minutes=f"{item.minutes}{NBSP}")
                .replace(f"{NBSP} ", NBSP)
            )
            lines = [resume]
        ph = next(iter(self.content_placeholders(slide)), None)
        if ph is not None:
            self.title_above(slide, ph)
            size = self.fill(ph, lines, largest=28, smallest=12, bullets=False, report=False)
            if self.s.has_clock:  # the return time large, in the title's colour
                self.large_time(slide, ph, size)
        self.drop_empty(slide)
        self.notes(slide, f"{item.start}–{item.end} · {resume}")

    def large_time(self, slide: Any, ph: Any, size: int) -> None:
        """The return time on its own line, bold, 40 pt or more (as large as fits up to
        60 pt), in the colour of the template's titles; a placeholder too low for it grows
        downward, and the sentence above it shrinks when it must."""
        bottom = int(self.prs.slide_height) - int(Emu(Pt(24)))
        for chrome in slide.slide_layout.slide_master.placeholders:  # the footer's band
            if ph_type(chrome) in CHROME and int(chrome.top or 0) > int(ph.top or 0):
                bottom = min(bottom, int(chrome.top or 0))
        room = Emu(max(int(ph.height or 0), bottom - int(ph.top or 0))).pt - 7.2
        width = Emu(ph.width).pt - INSET_X_PT
        first = ph.text_frame.paragraphs[0]
        big, lead = 0, min(size, BODY_MAX)
        for lead in range(BODY_MAX, BODY_MIN - 1, -2):
            above = self.measure.lines(first.text, lead, width) * lead * 1.5
            big = next(
                (
                    z
                    for z in range(BREAK_TIME_MAX, BREAK_TIME_MIN - 1, -4)
                    if above + z * 1.5 <= room and self.measure.lines("00:00", z, width) == 1
                ),
                0,
            )
            if big:
                break
        big = big or BREAK_TIME_MIN
        for r in first.runs:
            r.font.size = Pt(lead)
        need = Emu(Pt(self.measure.lines(first.text, lead, width) * lead * 1.5 + big * 1.5 + 16))
        if int(ph.height or 0) < need:
            box = (int(ph.left or 0), int(ph.top or 0), int(ph.width or 0))
            ph.left, ph.top, ph.width = box  # all four: a placeholder that inherited its box
            ph.height = min(int(need), bottom - box[1])
        _oxml.anchor(ph, "t")  # under the label, whatever the layout anchored it to
        kind, value = ("", "")
        if not self.branded:
            kind, value = _oxml.layout_title_colour(slide.slide_layout) or _oxml.title_colour(
                self.prs, accent_if_black=False
            )
        for r in ph.text_frame.paragraphs[1].runs:
            r.font.size = Pt(big)
            r.font.bold = True
            if kind == "rgb":
                r.font.color.rgb = rgb(value)
            elif kind:
                r.font.color.theme_color = MSO_THEME_COLOR.from_xml(value)

    def block_slide(self, item: SessionItem, sl: SessionSlide) -> None:
        notes = self.slide_notes(item, sl.notes)
        what = f"block {item.number}, slide '{sl.title or sl.kind}'"
        if sl.kind in ("bullets", "questions"):
            title = sl.title or (
                self.s.labels["questions"] if sl.kind == "questions" else item.title
            )
            self.bullets_slide(title, sl.bullets, notes, what, bullets=sl.kind == "bullets")
        elif sl.kind == "quote":
            self.quote_slide(item, sl, notes, what)
        elif sl.kind == "image":
            self.image_slide(item, sl, notes, what)
        else:  # a title-only slide
            slide = self.new_slide("title_only")
            self.title(slide, sl.title)
            self.drop_empty(slide)
            self.notes(slide, *notes)

    def quote_slide(self, item: SessionItem, sl: SessionSlide, notes: list[str], what: str) -> None:
        """The quote large and italic; the by-line under it at half its size, muted."""
        quote = f"“{to_plain(sl.quote).strip()}”"
        title = sl.title or item.title
        if _same(title, quote):  # never the quote twice
            title = self.s.labels["quote"]
        own = self.has("quote")
        slide = self.new_slide("quote" if own else "content")
        cap = max(BODY_MIN, self.title(slide, title) or 40)
        bodies = sorted(self.bodies(slide), key=lambda ph: -(ph.height or 0))
        by = f"— {sl.by}" if sl.by else ""
        where = f"slide {len(self.prs.slides)}, {what}"
        if bodies:
            apart = own and len(bodies) >= 2
            size = self.fill(
                bodies[0],
                [quote],
                largest=min(40, cap),  # a pull quote: the slide, set as large as its title
                smallest=BODY_MIN,
                bullets=False,
                what=where,
                reserve=0 if apart or not by else 2.2 * 20,
            )
            for r in bodies[0].text_frame.paragraphs[0].runs:
                r.font.italic = True
            # half the quote, and 18 pt for a quote set at its title's size (32-36 pt)
            by_size = max(BYLINE_MIN, round(size * BYLINE_RATIO), min(SIDE_MIN, int(size * 0.6)))
            if by and apart:
                self.fill(
                    bodies[1],
                    [by],
                    largest=by_size,
                    smallest=BYLINE_MIN,
                    bullets=False,
                    report=False,
                )
                self.colour_paragraph(bodies[1], 0, MUTED)
            elif by:
                p = bodies[0].text_frame.add_paragraph()
                r = p.add_run()
                r.text = by
                r.font.size = Pt(by_size)
                r.font.color.rgb = rgb(MUTED)
                p.space_before = Pt(round(size * 0.5))
                _oxml.no_bullet(p)
                self.report.slides[-1].small.append(by)
            self.anchor_list(bodies[0], size, False)
        self.drop_empty(slide)
        self.notes(slide, *notes)

    def image_slide(self, item: SessionItem, sl: SessionSlide, notes: list[str], what: str) -> None:
        slide = self.new_slide("picture")
        self.title(slide, sl.title or item.title)
        pics = [ph for ph in slide.placeholders if ph_type(ph) == PP_PLACEHOLDER.PICTURE]
        texts = [ph for ph in self.content_placeholders(slide) if ph not in pics]
        if pics:
            box = (pics[0].left, pics[0].top, pics[0].width, pics[0].height)
            from werkvorm.render.deck import _oxml

            _oxml.remove(pics[0])
        else:
            box = self.body_box(slide)
            if texts and sl.caption:  # the caption below the picture, never under it
                caption_h = int(box[3] * 0.18)
                box = (box[0], box[1], box[2], box[3] - caption_h)
                ph = texts[0]
                ph.left, ph.top, ph.height = box[0], box[1] + box[3], caption_h
                ph.width = box[2]
                texts = [ph]
        self.picture_fitted(slide, sl.image, sl.alt, box)
        if sl.alt:
            notes = [*notes, f"{words(self.s.language)['image']}: {sl.alt}"]
        if sl.caption and texts:
            self.fill(texts[0], [sl.caption], largest=20, smallest=12, bullets=False, what=what)
        self.drop_empty(slide)
        self.notes(slide, *notes)

    def exercise(self, item: SessionItem) -> None:
        """The task at body size over most of the width; minutes, group size and what to
        hand in smaller beside it on a tint, or, for one sentence or on a template without
        a two-column layout, as a small line under the task."""
        ex = item.exercise
        assert ex is not None
        steps = [s for s in to_plain(ex.instructions).split("\n") if s.strip()]
        meta = self._exercise_meta(item)
        title = f"{self.s.labels['exercise']}: {ex.title}"
        numbered = any(step[:1].isdigit() for step in steps)
        single = len(steps) <= 1
        little = len(meta) < 2  # only the minutes: a card would stand nearly empty
        if little or single or not self.has("exercise") or not self._fits_beside(steps, numbered):
            slide = self.new_slide("content")
            self.report.slides[-1].kind = "exercise"
            cap = max(BODY_MIN, self.title(slide, title) or BODY_MAX)
            ph = next(iter(self.content_placeholders(slide)), None)
            if ph is not None:
                size = self.fill(
                    ph,
                    steps or [ex.title],
                    largest=max(BODY_MIN, int(cap * UNDER_TITLE)) if single else min(BODY_MAX, cap),
                    bullets=not (numbered or single),
                    smallest=BODY_FLOOR,
                    what=f"slide {len(self.prs.slides)}, {title}",
                    small=[" · ".join(meta)],
                    hang_em=HANG_NUMBER_EM,
                )
                self.place_alone(ph, size)
            self.drop_empty(slide)
            self.notes(slide)
            return
        slide = self.new_slide("exercise")
        cap = max(BODY_MIN, self.title(slide, title) or BODY_MAX)
        left, right = self.bodies(slide)[:2]
        if not self.branded:
            self.side_panel(left, right)
        size = self.fill(
            left,
            steps,
            largest=min(BODY_MAX, cap),
            bullets=not numbered,
            smallest=BODY_FLOOR,
            what=title,
            hang_em=HANG_NUMBER_EM,
        )
        self.side_card(right, meta, size)
        self.drop_empty(slide)
        self.notes(slide)

    def side_card(self, ph: Any, meta: list[str], size: int) -> None:
        """The card beside the steps: the minutes, how to work and where the worksheet
        is, padded from the card's edges, and the card as tall as its text (never a tall
        panel with three short lines at its top)."""
        left, top, width, height = (int(v or 0) for v in (ph.left, ph.top, ph.width, ph.height))
        pad_x, pad_y = int(Emu(Inches(CARD_PAD_X_IN))), int(Emu(Inches(CARD_PAD_Y_IN)))
        inset_x, inset_y = int(Emu(Pt(INSET_X_PT))), int(Emu(Pt(INSET_Y_PT)))
        # fitted in the padded text area: the fit measures with the default insets
        ph.left, ph.top = left, top
        ph.width, ph.height = width - 2 * pad_x + inset_x, height - 2 * pad_y + inset_y
        side = self.fill(
            ph,
            meta,
            largest=max(BODY_MIN, side_size(size)),
            smallest=SIDE_MIN,
            bullets=False,
            report=False,
            gap=SIDE_GAP,
        )
        self.time_first(ph, side, size)
        tf = ph.text_frame
        tf.margin_left = tf.margin_right = Emu(pad_x)
        tf.margin_top = tf.margin_bottom = Emu(pad_y)
        _oxml.anchor(ph, "ctr")  # what renderers draw taller or shorter shares out evenly
        ph.width = width
        text = Emu(Pt(self.card_text_height(ph, Emu(width - 2 * pad_x).pt)))
        ph.height = min(height, int(text) + 2 * pad_y)

    def card_text_height(self, ph: Any, width: float) -> float:
        """The height of a card's text in points. Renderers draw a line at 1.16 (DejaVu,
        LibreOffice's stand-in) to 1.42 (Source Sans 3 in LibreOffice) times its size,
        PowerPoint at 1.22; the card is sized between, its text centred in it, so its
        padding absorbs the difference."""
        total = 0.0
        for n, p in enumerate(ph.text_frame.paragraphs):
            if not p.runs:
                continue
            run = p.runs[0]
            size = (run.font.size or Pt(BODY_MIN)).pt
            lines = self.measure.lines(p.text, size, width, bool(run.font.bold))
            total += lines * size * CARD_LINE
            if n and p.space_before is not None:
                total += p.space_before.pt
        return total

    def time_first(self, ph: Any, side: int, size: int) -> None:
        """The side card reads as a card: the minutes bold at the task's size, then group
        size and what to hand in, with room between them; when the card has the room."""
        paragraphs = ph.text_frame.paragraphs
        big = max(side, size)
        rest = [p.text for p in paragraphs[1:]]
        width, height = Emu(ph.width).pt - INSET_X_PT, Emu(ph.height).pt - 7.2
        used = big * 1.25 + sum(
            self.measure.lines(t, side, width) * side * 1.2 + side * SIDE_GAP for t in rest
        )
        fits = self.measure.lines(paragraphs[0].text, big, width, True) == 1
        for r in paragraphs[0].runs:
            r.font.bold = True
            if fits and used <= height:
                r.font.size = Pt(big)

    def _exercise_meta(self, item: SessionItem) -> list[str]:
        """What a participant needs while the exercise is on the screen: the minutes,
        how to work ("In tweetallen", "In groepjes van 4", from the group size or else
        the block's work format) and where the worksheet is (its block in the handout)."""
        ex, L = item.exercise, self.s.labels
        words = card_words(self.s.locale or self.s.language)
        meta = [qty(item.minutes, L["min"])]
        if ex is None:
            return meta
        n = ex.group_size or 0
        how = {1: "individual", 2: "pairs"}.get(n, "groups_of" if n > 2 else item.format)
        if how in words:
            meta.append(words[how].format(n=n))
        if ex.worksheet:
            meta.append(words["worksheet"].format(n=item.number))
        return meta

    def _fits_beside(self, steps: list[str], numbered: bool) -> bool:
        """Whether the steps fit the task column of the two-column layout at body size."""
        bodies = [
            ph
            for ph in self.choice.by_kind["exercise"].layout.placeholders
            if ph_type(ph) in BODIES
        ]
        if len(bodies) < 2:
            return False
        task = min(bodies, key=lambda ph: ph.left or 0)
        width = Emu(task.width).pt
        if not self.branded:  # side_panel gives the task two thirds of both columns
            right = max((ph.left or 0) + (ph.width or 0) for ph in bodies)
            width = Emu(int((right - (task.left or 0)) * 0.66)).pt
        indent = HANG_NUMBER_EM * BODY_MIN if numbered else BULLET_INDENT_PT
        fits = self.measure.fit(
            steps, width, Emu(task.height).pt, BODY_MAX, BODY_MIN, indent_pt=indent
        )
        return fits is not None

    def closing(self) -> None:
        s, L = self.s, self.s.labels
        if s.takeaways:
            self.bullets_slide(L["takeaways"], s.takeaways, s.takeaways, "takeaways")
        if s.sources:
            self.sources_slide()
        slide = self.new_slide("closing")
        self.title(slide, L["closing"], largest=44)
        phs = self.content_placeholders(slide)
        trainer = s.facilitator or s.trainer.name
        contact = " · ".join(p for p in (s.trainer.email, s.trainer.organisation) if p)
        if phs:
            ph = max(phs, key=lambda p: p.height or 0)
            lines = [trainer] if trainer else [s.title]
            self.fill(
                ph,
                lines,
                largest=24,
                smallest=14,
                bullets=False,
                report=False,
                small=[contact] if contact else [],
            )
        self.drop_empty(slide)
        self.notes(slide, *s.takeaways, s.trainer.email)

    def sources_slide(self) -> None:
        """One source a paragraph: the author, the title in italic, the publication and
        year, and the web address as its domain (the QR codes are in the handout). A
        source's editorial note is for the reader of the handout and the presenter: in
        the speaker notes, never on the slide."""
        refs: list[Para] = []
        said: list[str] = []
        for src in self.s.sources:
            tail = ", ".join(str(p) for p in (src.publication, src.year) if p)
            domain = _domain(src.url)
            runs: list[Run] = [(f"{src.author}, ", False, False), (src.title, False, True)]
            if tail:
                runs.append((f", {tail}", False, False))
            if domain:
                runs.append((f" · {domain}", False, False))
            refs.append(tuple(runs))
            said.append(f"{para_plain(tuple(runs))}. {src.note}" if src.note else "")
        slide = self.new_slide("content")
        self.title(slide, self.s.labels["sources"])
        ph = next(iter(self.content_placeholders(slide)), None)
        if ph is not None:
            self.fill(ph, refs, largest=24, smallest=14, bullets=False, what="sources", gap=0.6)
        self.drop_empty(slide)
        self.notes(slide, *(n or para_plain(r) for r, n in zip(refs, said, strict=True)))

    def write(self) -> None:
        self.title_slide()
        self.agenda()
        blocks = [i for i in self.s.items if i.kind == "block"]
        for item in self.s.items:
            self.block = item.id
            if item.kind == "break":
                self.break_slide(item)
                continue
            if len(blocks) > 2 and item is not blocks[0]:
                self.agenda(item)
            start = len(self.prs.slides)
            self.section(item)
            for sl in item.slides:
                self.block_slide(item, sl)
            exercise_from = len(self.prs.slides)
            if item.exercise:
                self.exercise(item)
            self.block_notes(item, start, exercise_from)
        self.block = ""
        self.closing()
        for slide in self.prs.slides:
            self.reading_order(slide)


def _domain(url: str) -> str:
    """ "www.example.org/a/very/long/path" → "example.org"."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def _same(a: str, b: str) -> bool:
    def norm(t: str) -> str:
        return "".join(ch for ch in t.lower() if ch.isalnum())

    return bool(norm(a)) and (norm(a) in norm(b) or norm(b) in norm(a))
