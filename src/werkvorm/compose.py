"""Fit a loaded workshop to one client: the pure step from validated files to a Session.

No file or network access happens here; everything needed was read by ``schema.load``.
Problems that only show once modules are expanded and the client is applied (duplicate
block ids, an omitted block that does not exist) raise :class:`InputError`; matters of
judgement (time budget, untranslated text) become warnings on the Session.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from werkvorm.colours import WERKVORM_ACCENT, WERKVORM_PRIMARY, contrast, readable_on_white
from werkvorm.errors import InputError, Problem
from werkvorm.labels import FORMATS, LABELS, long_date
from werkvorm.names import slugify
from werkvorm.schema.load import LoadedClient, LoadedWorkshop
from werkvorm.schema.models import Block, Break, Exercise, Slide, Use, WorksheetItem
from werkvorm.schema.source import Document, PathKey
from werkvorm.session import (
    Branding,
    Finding,
    Session,
    SessionExercise,
    SessionItem,
    SessionParticipant,
    SessionSlide,
    SessionSource,
    WorksheetEntry,
)

MAX_WITHOUT_BREAK = 90
DEFAULT_DAY_END = "17:30"


@dataclass
class _Origin:
    """Where a block came from: its file and its path inside that file."""

    doc: Document
    loc: PathKey


class _Texts:
    """Picks each text in the session's language and notes what is untranslated."""

    def __init__(self, language: str, fallback: str) -> None:
        self.language = language
        self.fallback = fallback
        self.missing: list[Finding] = []

    def __call__(self, value: Any, doc: Document, loc: PathKey) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            if self.language != self.fallback:
                self._note(doc, loc)
            return value
        if self.language in value:
            return str(value[self.language])
        self._note(doc, loc)
        if self.fallback in value:
            return str(value[self.fallback])
        return str(next(iter(value.values())))

    def pick(self, value: Any) -> str:
        """The text in the session's language if there is one, without noting a gap."""
        if isinstance(value, dict):
            return str(
                value.get(self.language) or value.get(self.fallback) or next(iter(value.values()))
            )
        return str(value or "")

    def many(self, values: list[Any] | None, doc: Document, loc: PathKey) -> list[str]:

        return [self(v, doc, (*loc, i)) for i, v in enumerate(values or [])]

    def _note(self, doc: Document, loc: PathKey) -> None:
        self.missing.append(
            _finding(
                doc,
                loc,
                f"no '{self.language}' text: add "
                f"'{self.language}: ...' so this is not shown in "
                f"'{self.fallback}'",
            )
        )


def _finding(doc: Document, loc: PathKey, message: str) -> Finding:
    p = doc.problem(loc, message)
    return Finding(file=p.file, line=p.line, column=p.column, field=p.field, message=message)


def _origin(doc: Document, loc: PathKey) -> Finding:
    """Where an agenda item stands in its file, for findings made later (the deck's)."""
    p = doc.problem(loc, "")
    return Finding(file=p.file, line=p.line, column=p.column, field=p.field, message="")


def clock(minutes: int, has_clock: bool) -> str:

    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}" if has_clock else f"{hours}:{mins:02d}"


def _to_minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _expand(loaded: LoadedWorkshop) -> list[tuple[Block | Break, _Origin, int | None]]:
    """Agenda items with modules opened, each with its origin and any re-timing."""
    out: list[tuple[Block | Break, _Origin, int | None]] = []
    for i, item in enumerate(loaded.workshop.agenda):
        if isinstance(item, Use):
            module = loaded.modules[item.use]
            for b, block in enumerate(module.blocks):
                loc: PathKey = () if module.single else (b,)
                out.append((block, _Origin(module.doc, loc), item.minutes))
        else:
            out.append((item, _Origin(loaded.doc, ("agenda", i)), None))
    return out


def _slide(
    slide: Slide, t: _Texts, origin: _Origin, loc: PathKey, images: dict[Any, Any]
) -> SessionSlide:
    image = ""
    if slide.image is not None:
        image = str(images[(origin.doc.path, slide.image)])
    return SessionSlide(
        kind=slide.kind,
        title=t(slide.title, origin.doc, (*loc, "title")),
        bullets=t.many(
            slide.bullets or slide.questions,
            origin.doc,
            (*loc, "bullets" if slide.bullets else "questions"),
        ),
        quote=t(slide.quote, origin.doc, (*loc, "quote")),
        by=slide.by or "",
        image=image,
        caption=t(slide.caption, origin.doc, (*loc, "caption")),
        alt=t(slide.alt, origin.doc, (*loc, "alt")),
        notes=t(slide.notes, origin.doc, (*loc, "notes")),
    )


def _worksheet_entry(
    item: WorksheetItem, t: _Texts, doc: Document, wloc: PathKey
) -> WorksheetEntry:
    """One worksheet item (of an exercise or the evaluation form) in the session's language."""
    labels = LABELS[t.language]
    kind = item.kind
    if kind == "question":
        lines = item.lines or 4
        return WorksheetEntry(
            kind=kind,
            text=t(item.question, doc, (*wloc, "question")),
            lines=lines,
            summary=labels["summary_lines"].format(n=lines),
        )
    if kind == "scale":
        low = item.min if item.min is not None else 1
        high = item.max if item.max is not None else 5
        return WorksheetEntry(
            kind=kind,
            text=t(item.scale, doc, (*wloc, "scale")),
            min=low,
            max=high,
            labels=t.many(item.labels, doc, (*wloc, "labels")),
            summary=labels["summary_scale"].format(min=low, max=high),
        )
    if kind == "checklist":
        items = t.many(item.checklist, doc, (*wloc, "checklist"))
        return WorksheetEntry(
            kind=kind, items=items, summary=labels["summary_checklist"].format(n=len(items))
        )
    assert item.table is not None
    return WorksheetEntry(
        kind=kind,
        columns=t.many(item.table.columns, doc, (*wloc, "table", "columns")),
        rows=item.table.rows,
        summary=labels["summary_table"].format(n=item.table.rows),
    )


def _exercise(
    ex: Exercise, t: _Texts, doc: Document, loc: PathKey, labels: dict[str, str]
) -> SessionExercise:
    return SessionExercise(
        title=t(ex.title, doc, (*loc, "title")),
        instructions=t(ex.instructions, doc, (*loc, "instructions")),
        group_size=ex.group_size,
        worksheet=[
            _worksheet_entry(item, t, doc, (*loc, "worksheet", w))
            for w, item in enumerate(ex.worksheet or [])
        ],
    )


def _cues(block: SessionItem, start: int, has_clock: bool, labels: dict[str, str]) -> list[str]:
    """Timing cues for the guide: when to start, hand out, wrap up and stop."""
    cues = [labels["cue_start"].format(time=block.start, title=block.title)]
    if block.exercise is not None and block.minutes >= 10:
        handout = start + max(3, round(block.minutes * 0.2 / 5) * 5)
        cues.append(
            labels["cue_exercise"].format(
                time=clock(handout, has_clock), title=block.exercise.title
            )
        )
    if block.minutes >= 15:
        wrap = start + block.minutes - max(5, round(block.minutes * 0.2 / 5) * 5)
        cues.append(labels["cue_wrap"].format(time=clock(wrap, has_clock)))
    cues.append(labels["cue_end"].format(time=block.end))
    return cues


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f": did you mean '{close[0]}'?" if close else f" (block ids: {', '.join(options)})"


def compose(loaded: LoadedWorkshop, client: LoadedClient | None = None) -> Session:
    """The workshop fitted to the client: numbered blocks on the clock, texts in one language."""
    ws = loaded.workshop
    cl = client.client if client else None
    # nl-BE reads Dutch texts; its Belgian conventions are for the labels (issue 18).
    language = ((cl.language if cl and cl.language else None) or ws.language).split("-")[0]
    labels = LABELS[language]
    t = _Texts(language, ws.language)
    wdoc = loaded.doc
    problems: list[Problem] = []
    warnings: list[Finding] = []

    expanded = _expand(loaded)
    # Ids, checked for uniqueness after modules are expanded.
    ids: dict[str, _Origin] = {}
    item_ids: list[str] = []
    breaks = 0
    for item, origin, _ in expanded:
        if isinstance(item, Break):
            breaks += 1
            item_ids.append(f"break-{breaks}")
            continue
        title = (
            item.title
            if isinstance(item.title, str)
            else (item.title.get(ws.language) or next(iter(item.title.values())))
        )
        block_id = item.id or slugify(title, fallback="block")
        if block_id in ids:
            first = ids[block_id]
            p = first.doc.problem(first.loc, "")
            problems.append(
                origin.doc.problem(
                    (*origin.loc, "id") if item.id else (*origin.loc, "title"),
                    f"block id '{block_id}' is used twice (also {p.file}:{p.line}): give one "
                    "of them its own 'id:'",
                )
            )
        ids[block_id] = origin
        item_ids.append(block_id)

    omit: set[str] = set()
    retime: dict[str, int] = {}
    if cl and client:
        known = [i for i in item_ids if not i.startswith("break-")]
        for n, block_id in enumerate(cl.omit):
            if block_id not in ids:
                problems.append(
                    client.doc.problem(
                        ("omit", n),
                        f"there is no block "
                        f"'{block_id}' in {loaded.stem}{_suggest(block_id, known)}",
                    )
                )
            omit.add(block_id)
        for block_id, minutes in cl.minutes.items():
            if block_id not in ids:
                problems.append(
                    client.doc.problem(
                        ("minutes", block_id),
                        f"there is no block "
                        f"'{block_id}' in {loaded.stem}{_suggest(block_id, known)}",
                        key=True,
                    )
                )
            retime[block_id] = minutes
    if problems:
        raise InputError("the workshop does not fit together", problems)

    has_clock = bool(cl and cl.session.start)
    start_minute = _to_minutes(cl.session.start) if cl and cl.session.start else 0
    now = start_minute
    number = 0
    items: list[SessionItem] = []
    since_break = 0
    warned_stretch = False
    materials: list[str] = list(t.many(ws.materials, wdoc, ("materials",)))
    for (item, origin, module_minutes), item_id in zip(expanded, item_ids, strict=True):
        if item_id in omit:
            continue
        if isinstance(item, Break):
            minutes = item.break_
            title = t(item.title, origin.doc, (*origin.loc, "title")) or labels["break"]
            items.append(
                SessionItem(
                    kind="break",
                    id=item_id,
                    origin=_origin(origin.doc, origin.loc),
                    title=title,
                    minutes=minutes,
                    start=clock(now, has_clock),
                    end=clock(now + minutes, has_clock),
                    offset=now - start_minute,
                )
            )
            now += minutes
            since_break, warned_stretch = 0, False
            continue
        number += 1
        minutes = retime.get(item_id, module_minutes or item.minutes)
        loc = origin.loc
        doc = origin.doc
        block_materials = t.many(item.materials, doc, (*loc, "materials"))
        for m in block_materials:
            if m not in materials:
                materials.append(m)
        if not item.facilitator:
            warnings.append(
                _finding(
                    doc,
                    (*loc, "title"),
                    "this block has no 'facilitator:' "
                    "notes: the guide and the speaker notes will be empty",
                )
            )
        session_item = SessionItem(
            kind="block",
            id=item_id,
            number=number,
            origin=_origin(doc, loc),
            title=t(item.title, doc, (*loc, "title")),
            minutes=minutes,
            start=clock(now, has_clock),
            end=clock(now + minutes, has_clock),
            offset=now - start_minute,
            format=item.format,
            format_label=FORMATS[language][item.format],
            intro=t(item.intro, doc, (*loc, "intro")),
            facilitator=t(item.facilitator, doc, (*loc, "facilitator")),
            materials=block_materials,
            slides=[
                _slide(s, t, origin, (*loc, "slides", n), loaded.images)
                for n, s in enumerate(item.slides or [])
            ],
            exercise=_exercise(item.exercise, t, doc, (*loc, "exercise"), labels)
            if item.exercise
            else None,
            goals=t.many(item.goals, doc, (*loc, "goals")),
            takeaways=t.many(item.takeaways, doc, (*loc, "takeaways")),
        )
        items.append(
            session_item.model_copy(update={"cues": _cues(session_item, now, has_clock, labels)})
        )
        since_break += minutes
        if since_break > MAX_WITHOUT_BREAK and not warned_stretch:
            warnings.append(
                _finding(
                    doc,
                    (*loc, "title"),
                    f"{since_break} minutes without a "
                    f"break by the end of '{session_item.title}': plan a "
                    f"break at least every {MAX_WITHOUT_BREAK} minutes",
                )
            )
            warned_stretch = True  # one warning per stretch between breaks
        now += minutes

    total = now - start_minute
    if not any(i.kind == "block" for i in items):
        assert client is not None
        raise InputError(
            "nothing left to run",
            [client.doc.problem(("omit",), "every block is left out: keep at least one")],
        )
    if total != ws.duration:
        message = f"planned {ws.duration} minutes, but the agenda adds up to {total}"
        if client and cl and (cl.omit or cl.minutes):
            key = "minutes" if cl.minutes else "omit"
            warnings.append(
                _finding(
                    client.doc,
                    (key,),
                    f"{message} after this client's "
                    "omit and minutes: fine if intended, or re-time other "
                    "blocks",
                )
            )
        else:
            warnings.append(
                _finding(
                    wdoc, ("duration",), f"{message}: adjust 'duration' or the blocks' minutes"
                )
            )
    if has_clock and cl and client:
        day_end = cl.session.end or DEFAULT_DAY_END
        if now > _to_minutes(day_end):
            warnings.append(
                _finding(
                    client.doc,
                    ("session", "start"),
                    f"the session ends at "
                    f"{clock(now, True)}, after {day_end}: start earlier or "
                    "shorten blocks",
                )
            )

    primary = (cl.colors.primary if cl else None) or WERKVORM_PRIMARY
    accent = (cl.colors.accent if cl else None) or WERKVORM_ACCENT
    if cl and client:
        for key, colour in (("primary", cl.colors.primary), ("accent", cl.colors.accent)):
            if colour and contrast(colour) < 4.5:
                warnings.append(
                    _finding(
                        client.doc,
                        ("colors", key),
                        f"{colour} has too little "
                        f"contrast on white ({contrast(colour):.1f}:1, needs "
                        f"4.5:1) for text; werkvorm uses the darker "
                        f"{readable_on_white(colour)} for text",
                    )
                )

    warnings.extend(t.missing)
    if client:
        warnings.extend(
            Finding(file=p.file, line=p.line, column=p.column, field=p.field, message=p.message)
            for p in client.people_warnings
        )
    session_date = cl.session.date if cl else None
    asset_dirs = [str(loaded.root)]
    if client:
        asset_dirs.append(str(client.root))
    return Session(
        workshop=loaded.stem,
        client_id=client.stem if client else "generic",
        title=t(ws.title, wdoc, ("title",)),
        subtitle=t(ws.subtitle, wdoc, ("subtitle",)),
        language=language,
        summary=t(ws.summary, wdoc, ("summary",)),
        audience=t(ws.audience, wdoc, ("audience",)),
        goals=_merged(t.many(ws.goals, wdoc, ("goals",)), [i.goals for i in items]),
        materials=t.many(ws.materials, wdoc, ("materials",)),
        all_materials=materials,
        sources=[
            SessionSource(
                author=s.author,
                title=t.pick(s.title),  # a publication keeps its own title
                publication=s.publication or "",
                year=s.year,
                url=s.url or "",
            )
            for n, s in enumerate(ws.sources)
        ],
        takeaways=_merged(t.many(ws.takeaways, wdoc, ("takeaways",)), [i.takeaways for i in items]),
        items=items,
        labels=labels,
        client=cl.name if cl else "",
        branding=Branding(
            primary=primary,
            accent=accent,
            text=readable_on_white(primary),
            accent_text=readable_on_white(accent),
            logo=str(client.logo) if client and client.logo else "",
        ),
        paper=cl.paper if cl else "a4",
        date=session_date.isoformat() if session_date else "",
        date_text=long_date(session_date, language) if session_date else "",
        location=(cl.session.location if cl else None) or "",
        facilitator=(cl.session.facilitator if cl else None) or "",
        has_clock=has_clock,
        start=clock(start_minute, has_clock),
        end=clock(now, has_clock),
        total_minutes=total,
        planned_minutes=ws.duration,
        warnings=warnings,
        deck_template=str(client.deck_template) if client and client.deck_template else "",
        layouts=dict(cl.layouts) if cl else {},
        asset_dirs=asset_dirs,
        participants=_participants(client),
        locale=(cl.language if cl and cl.language else None) or ws.language,
        background=t(ws.background, wdoc, ("background",)),
        preparation=t(ws.preparation, wdoc, ("preparation",)),
        evaluation=[
            _worksheet_entry(w, t, wdoc, ("evaluation", n))
            for n, w in enumerate(ws.evaluation or [])
        ],
        speech_register=(cl.register_ if cl else None) or "",
        booklet=bool(cl and cl.booklet),
        slides_handout=bool(cl and cl.slides_handout),
        deck_logo=cl.deck_logo if cl else "auto",
        badges=cl.badges if cl else "badges",
    )


def _merged(own: list[str], per_block: list[list[str]]) -> list[str]:
    """The workshop's own lines, then those of the blocks that remain, each once."""
    out = list(own)
    for lines in per_block:
        out.extend(line for line in lines if line not in out)
    return out


RESERVED_FILES = {"certificates", "all-handouts", "sign-in", "badges"}


def _participants(client: LoadedClient | None) -> list[SessionParticipant]:
    """Participants with safe, unique file names (``jan-jansen``, ``jan-jansen-2``)."""
    out: list[SessionParticipant] = []
    used: set[str] = set(RESERVED_FILES)
    for person in client.people if client else []:
        base = slugify(person.name, fallback="deelnemer")[:50]
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out.append(
            SessionParticipant(
                name=person.name, organisation=person.organisation, email=person.email, slug=slug
            )
        )
    return out
