"""Session → slides: one method per slide kind, in the order a trainer presents them."""

from __future__ import annotations

import math
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from werkvorm.compose.session import SessionItem, SessionSlide
from werkvorm.render.deck.canvas import (
    BODY_FLOOR,
    BODY_MAX,
    BODY_MIN,
    BULLET_INDENT_PT,
    MUTED,
    Canvas,
    to_plain,
)
from werkvorm.render.deck.layouts import BODIES, ph_type

MAX_BULLETS = 6
AGENDA_ROWS = 12


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
        """What to say on a slide: its own notes, else where it stands in the block."""
        return [own] if own.strip() else [f"{item.title} ({item.start}–{item.end})"]

    # -- the body of a content slide

    def _body(self) -> Any:
        probe = self.choice.by_kind["content"].layout
        return next((ph for ph in probe.placeholders if ph_type(ph) in BODIES), None)

    def _chunks(self, items: list[str]) -> list[list[str]]:
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
                    BODY_MIN,
                    indent_pt=BULLET_INDENT_PT,
                )
                is None
            )
            if current and (len(candidate) > MAX_BULLETS or too_long):
                final.append(current)
                current = [item]
            else:
                current = candidate
        return [*final, current] if current else (final or [[]])

    def bullets_slide(
        self, title: str, items: list[str], notes: list[str], what: str, *, bullets: bool = True
    ) -> None:
        """One or more content slides: at most six items each, continued when needed."""
        chunks = self._chunks(items)
        if len(chunks) > 1:
            self.note(
                f"'{title}' did not fit one slide and continues on {len(chunks)} slides: "
                "split it yourself or shorten it"
            )
        for n, chunk in enumerate(chunks):
            slide = self.new_slide("content")
            suffix = f" ({n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
            self.title(slide, title + suffix)
            ph = next(iter(self.content_placeholders(slide)), None)
            if ph is not None and chunk:
                self.fill(ph, chunk, what=what, bullets=bullets, smallest=BODY_FLOOR)
            self.drop_empty(slide)
            self.notes(slide, *notes)

    # -- session slides

    def title_slide(self) -> None:
        s, L = self.s, self.s.labels
        slide = self.new_slide("title")
        self.title(slide, s.title, largest=44)
        when = ", ".join(x for x in (s.date_text, s.location) if x)
        meta = [p for p in (s.client, s.series, when, s.facilitator) if p]
        phs = sorted(self.content_placeholders(slide), key=lambda ph: ph.top or 0)
        subs = [ph for ph in phs if ph_type(ph) == PP_PLACEHOLDER.SUBTITLE]
        # The subtitle is one line: it takes the subtitle placeholder, else the smaller body;
        # the client, date, place and facilitator take the tallest of the others.
        first = subs[0] if subs else (min(phs, key=lambda ph: ph.height or 0) if phs else None)
        rest = sorted((ph for ph in phs if ph is not first), key=lambda ph: -(ph.height or 0))
        if rest and not subs and first is not None and not s.subtitle:
            first, rest = rest[0], []
        if first is not None:
            lines = ([s.subtitle] if s.subtitle else []) + ([] if rest else meta)
            if lines:
                self.fill(first, lines, largest=24, smallest=12, bullets=False, report=False)
        if rest and meta:
            self.fill(rest[0], meta, largest=20, smallest=10, bullets=False, report=False)
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
                    ph, chunk, largest=24, smallest=14, bullets=False, report=False, bold=at >= 0
                )
                for k, row in enumerate(chunk):
                    index = rows.index(row)
                    if index == at:
                        self.colour_paragraph(ph, k, self.s.branding.text, bold=True)
                    elif 0 <= index < at:
                        self.colour_paragraph(ph, k, MUTED)
            self.drop_empty(slide)
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
        self.notes(slide, item.facilitator or item.intro, *self.block_cue(item))

    def break_slide(self, item: SessionItem) -> None:
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
            w, h = Emu(ph.width).pt, Emu(ph.height).pt
            if len(lines) == 2 and not self.measure.fit(lines, w, h, 28, 14, bold=True):
                lines = [resume]  # a small placeholder: the sentence on one line
            size = self.fill(ph, lines, largest=28, smallest=12, bullets=False, report=False)
            if len(lines) == 2:  # the return time, as large as the placeholder allows
                big = self.measure.fit([lines[0], "00:00"], w, h, 72, size, bold=True)
                for r in ph.text_frame.paragraphs[1].runs:
                    r.font.size = Pt(big or size)
                    r.font.bold = True
        self.drop_empty(slide)
        self.notes(slide, f"{item.start}–{item.end} · {resume}")

    # -- block slides

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
        quote = f"“{to_plain(sl.quote).strip()}”"
        title = sl.title or item.title
        if _same(title, quote):  # never the quote twice
            title = self.s.labels["quote"]
        own = self.has("quote")
        slide = self.new_slide("quote" if own else "content")
        self.title(slide, title, largest=28 if own else 36)
        bodies = sorted(self.bodies(slide), key=lambda ph: -(ph.height or 0))
        if own and len(bodies) >= 2 and sl.by:
            self.fill(bodies[1], [f"— {sl.by}"], largest=20, smallest=12, bullets=False)
            lines = [quote]
        else:
            lines = [quote] + ([f"— {sl.by}"] if sl.by else [])
        if bodies:
            self.fill(bodies[0], lines, largest=40, smallest=BODY_FLOOR, bullets=False, what=what)
            for r in bodies[0].text_frame.paragraphs[0].runs:
                r.font.italic = True
            if len(lines) > 1:
                self.colour_paragraph(bodies[0], 1, MUTED)
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
        if sl.caption and texts:
            self.fill(texts[0], [sl.caption], largest=20, smallest=12, bullets=False, what=what)
        self.drop_empty(slide)
        self.notes(slide, *notes)

    def exercise(self, item: SessionItem) -> None:
        """An exercise card: the steps, and beside them minutes, group size, what to hand in."""
        ex = item.exercise
        assert ex is not None
        L = self.s.labels
        steps = [s for s in to_plain(ex.instructions).split("\n") if s.strip()]
        meta = [f"{item.minutes} {L['min']}"]
        if ex.group_size:
            meta.append(f"{L['group_size']}: {ex.group_size} {L['persons']}")
        if ex.worksheet:
            meta.append(f"{L['hand_in']}: {L['worksheet'].lower()}")
        title = f"{L['exercise']}: {ex.title}"
        numbered = any(step[:1].isdigit() for step in steps)
        notes = [ex.instructions] if ex.instructions else [ex.title]
        if not self.has("exercise"):
            # No two-column layout: the steps as bullets, the card as the title's tail.
            self.bullets_slide(
                f"{title} · {meta[0]}", steps or meta, notes, title, bullets=not numbered
            )
            return
        slide = self.new_slide("exercise")
        self.title(slide, title)
        left, right = self.bodies(slide)[:2]
        self.fill(left, steps or [ex.title], bullets=not numbered, smallest=BODY_FLOOR, what=title)
        self.fill(right, meta, largest=24, smallest=12, bullets=False, report=False)
        self.colour_paragraph(right, 0, self.s.branding.text, bold=True)
        self.drop_empty(slide)
        self.notes(slide, *notes)

    def closing(self) -> None:
        s, L = self.s, self.s.labels
        if s.takeaways:
            self.bullets_slide(L["takeaways"], s.takeaways, s.takeaways, "takeaways")
        if s.sources:
            refs = [
                f"{src.author}, {src.title}"
                + (f", {src.publication}" if src.publication else "")
                + (f" ({src.year})" if src.year else "")
                + (f" · {src.url}" if src.url else "")
                for src in s.sources
            ]
            self.bullets_slide(L["sources"], refs, refs, "sources", bullets=False)
        slide = self.new_slide("closing")
        self.title(slide, L["closing"], largest=44)
        phs = self.content_placeholders(slide)
        if phs:
            ph = max(phs, key=lambda p: p.height or 0)
            lines = [p for p in (s.facilitator, s.client) if p] or [s.title]
            self.fill(ph, lines, largest=24, smallest=12, bullets=False, report=False)
        self.drop_empty(slide)
        self.notes(slide, *s.takeaways, s.trainer.email)

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
            self.section(item)
            for sl in item.slides:
                self.block_slide(item, sl)
            if item.exercise:
                self.exercise(item)
        self.block = ""
        self.closing()


def _same(a: str, b: str) -> bool:
    def norm(t: str) -> str:
        return "".join(ch for ch in t.lower() if ch.isalnum())

    return bool(norm(a)) and (norm(a) in norm(b) or norm(b) in norm(a))
