"""Session → slides: one method per slide kind, in the order a trainer presents them."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlsplit

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from werkvorm.compose.session import SessionItem, SessionSlide
from werkvorm.render.deck import _oxml
from werkvorm.render.deck.canvas import (
    BODY_FLOOR,
    BODY_MAX,
    BODY_MIN,
    BULLET_INDENT_PT,
    BYLINE_RATIO,
    MUTED,
    SIDE_MIN,
    Canvas,
    Para,
    Run,
    para_plain,
    rgb,
    side_size,
    to_plain,
)
from werkvorm.render.deck.layouts import BODIES, ph_type
from werkvorm.render.deck.notes import block_notes, words

MAX_BULLETS = 6
AGENDA_ROWS = 12
BULLET_MIN = 24  # bullets below this continue on a next slide, or check warns
SHORT_MAX = 32  # up to three short bullets are set this large
STATEMENT = 160  # characters: one item this short is a statement
STATEMENT_MAX = 40
TWO_COLUMNS = 32  # five or six items this short are set in two columns
TITLE_SLIDE_MIN = 32
BYLINE_MIN = 12
BIG_NUMBER = re.compile(
    r"^(\d[\d.,]*\s?%|\d(?:[\d.,]*\d)?(?=\s)|\d+ (?:op|van|in|of|out of) \d+)\s+"
)  # "73%", "1.200", "3 op 4"; never a list number ("6.")
BIG_NUMBER_PT = 96
HANG_NUMBER_EM = 1.3  # "1." hangs its text at this indent
AGENDA_HANG_EM = 3.6  # "09:30" and "0:15" do


class DeckWriter(Canvas):
    # -- notes

    def block_cue(self, item: SessionItem) -> list[str]:
        """The timing cue and materials, for the block's first slide."""
        L = self.s.labels
        cue = [f"{item.start}–{item.end} · {item.minutes} {L['min']} · {item.title}"]
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
            cues = [plan.first if n == 0 else ""]
            if not exercise and n == len(content) - 1:
                cues.append(plan.last)
            cue = " · ".join(c for c in cues if c)
            self.extend_notes(slide, [cue], plan.keys.lines, fallback=where)
        asks = plan.keys.debrief or [k for k in plan.keys.lines if "?" in k]
        for slide in exercise:
            cue = plan.last if content else " · ".join(c for c in (plan.first, plan.last) if c)
            self.extend_notes(slide, [cue], [*asks, plan.materials], fallback=where)

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
                self.statement(ph, chunk[0], where)
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
                self.centre_if_short(ph, size, bullets)
            self.drop_empty(slide)
            self.notes(slide, *notes)

    def statement(self, ph: Any, text: str, what: str) -> None:
        """One sentence or question, large and centred; a leading number set big."""
        big = BIG_NUMBER.match(to_plain(text))
        if big:
            rest = to_plain(text)[big.end() :].strip()
            size = self.fill(
                ph,
                [big.group(1), rest] if rest else [big.group(1)],
                largest=STATEMENT_MAX,
                bullets=False,
                what=what,
            )
            for r in ph.text_frame.paragraphs[0].runs:
                r.font.size = Pt(min(BIG_NUMBER_PT, size * 3))
                r.font.bold = True
        else:
            size = self.fill(ph, [text], largest=STATEMENT_MAX, bullets=False, what=what)
        self.centre_if_short(ph, size, False, centre_text=True)

    def title_slide(self) -> None:
        """The title large (32 pt or more, else ``check`` warns); under it the subtitle and
        at most two short lines: date and place, and the trainer."""
        s, L = self.s, self.s.labels
        slide = self.new_slide("title")
        top = self.title(slide, s.title, largest=44, warn_below=TITLE_SLIDE_MIN) or 44
        sub = max(18, min(28, top - 6))  # the subtitle stays below the title, however long
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
        self.drop_empty(slide)
        self.notes(
            slide, s.summary, f"{s.start}–{s.end} · {s.total_minutes} {L['min']}", s.audience
        )

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
                self.notes(slide, self.s.summary, f"{self.s.total_minutes} {L['min']}")
            else:
                self.notes(slide, f"{rows[at]}", *self.block_cue(current)[1:])

    def section(self, item: SessionItem) -> None:
        L = self.s.labels
        slide = self.new_slide("section")
        self.title(slide, f"{item.number}. {item.title}", largest=40)
        ph = next(iter(self.content_placeholders(slide)), None)
        if ph is not None:
            parts = [f"{item.start}–{item.end}", f"{item.minutes} {L['min']}", item.format_label]
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
        self.title(slide, f"{item.title} · {item.minutes} {L['min']}")
        if self.s.has_clock:
            resume = L["resume"].format(time=item.end)
            lines = [resume.replace(item.end, "").strip(), item.end]
        else:
            resume = L["resume_relative"].format(minutes=item.minutes)
            lines = [resume]
        ph = next(iter(self.content_placeholders(slide)), None)
        if ph is not None:
            self.title_above(slide, ph)
            w, h = Emu(ph.width).pt, Emu(ph.height).pt
            if len(lines) == 2 and not self.measure.fit(lines, w, h, 28, 14, bold=True):
                lines = [resume]  # a small placeholder: the sentence on one line
            size = self.fill(ph, lines, largest=28, smallest=12, bullets=False, report=False)
            if self.s.has_clock:  # the return time, as large as the placeholder allows
                self.large_time(ph, lines, item.end, size)
        self.drop_empty(slide)
        self.notes(slide, f"{item.start}–{item.end} · {resume}")

    def large_time(self, ph: Any, lines: list[str], time: str, size: int) -> None:
        """The return time bold and as large as fits: on its own line, or, in a small
        placeholder, as the last words of the sentence."""
        w, h = Emu(ph.width).pt, Emu(ph.height).pt
        paragraphs = ph.text_frame.paragraphs
        if len(lines) == 2:
            big = self.measure.fit([lines[0], "00:00"], w, h, 72, size, bold=True)
            runs = paragraphs[1].runs
        else:
            big = self.measure.fit(lines, w, h, 48, size, bold=True)
            first = paragraphs[0].runs[0]
            before = first.text.rsplit(time, 1)[0]
            if not first.text.endswith(time) or not before:
                return
            first.text = before
            first.font.size = Pt(max(BODY_MIN, min(size, round((big or size) * 0.75))))
            runs = [paragraphs[0].add_run()]
            runs[0].text = time
        for r in runs:
            r.font.size = Pt(big or size)
            r.font.bold = True

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
        self.title(slide, title)
        bodies = sorted(self.bodies(slide), key=lambda ph: -(ph.height or 0))
        by = f"— {sl.by}" if sl.by else ""
        where = f"slide {len(self.prs.slides)}, {what}"
        if bodies:
            apart = own and len(bodies) >= 2
            size = self.fill(
                bodies[0],
                [quote],
                largest=40,
                smallest=BODY_MIN,
                bullets=False,
                what=where,
                reserve=0 if apart or not by else 2.2 * 20,
            )
            for r in bodies[0].text_frame.paragraphs[0].runs:
                r.font.italic = True
            by_size = max(BYLINE_MIN, round(size * BYLINE_RATIO))
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
            self.centre_if_short(bodies[0], size, False)
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
        if single or not self.has("exercise") or not self._fits_beside(steps, numbered):
            slide = self.new_slide("content")
            self.report.slides[-1].kind = "exercise"
            cap = max(BODY_MIN, self.title(slide, title) or BODY_MAX)
            ph = next(iter(self.content_placeholders(slide)), None)
            if ph is not None:
                size = self.fill(
                    ph,
                    steps or [ex.title],
                    largest=STATEMENT_MAX if single else min(BODY_MAX, cap),
                    bullets=not (numbered or single),
                    smallest=BODY_FLOOR,
                    what=f"slide {len(self.prs.slides)}, {title}",
                    small=[" · ".join(meta)],
                    hang_em=HANG_NUMBER_EM,
                )
                self.centre_if_short(ph, size, False)
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
        self.fill(
            right,
            meta,
            largest=max(BODY_MIN, side_size(size)),
            smallest=SIDE_MIN,
            bullets=False,
            report=False,
        )
        for r in right.text_frame.paragraphs[0].runs:
            r.font.bold = True
        self.drop_empty(slide)
        self.notes(slide)

    def _exercise_meta(self, item: SessionItem) -> list[str]:
        """Minutes, group size (not for one person) and what to hand in."""
        ex, L = item.exercise, self.s.labels
        meta = [f"{item.minutes} {L['min']}"]
        if ex is not None and ex.group_size and ex.group_size > 1:
            meta.append(f"{L['group_size']}: {ex.group_size} {L['persons']}")
        if ex is not None and ex.worksheet:
            meta.append(f"{L['hand_in']}: {L['worksheet'].lower()}")
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
        year, and the web address as its domain (the QR codes are in the handout)."""
        refs: list[Para] = []
        for src in self.s.sources:
            tail = ", ".join(str(p) for p in (src.publication, src.year) if p)
            domain = _domain(src.url)
            runs: list[Run] = [(f"{src.author}, ", False, False), (src.title, False, True)]
            if tail:
                runs.append((f", {tail}", False, False))
            if domain:
                runs.append((f" · {domain}", False, False))
            if src.note:
                runs.append((f". {src.note}", False, False))
            refs.append(tuple(runs))
        slide = self.new_slide("content")
        self.title(slide, self.s.labels["sources"])
        ph = next(iter(self.content_placeholders(slide)), None)
        if ph is not None:
            self.fill(ph, refs, largest=24, smallest=14, bullets=False, what="sources", gap=0.6)
        self.drop_empty(slide)
        self.notes(slide, *(para_plain(r) for r in refs))

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
