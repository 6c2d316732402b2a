"""Fit a loaded workshop to one client: the pure step from validated files to a Session.

No file or network access happens here; everything needed was read by ``schema.load``.
``compose`` reads as the steps a trainer would name; each step is a module of its own:

- ``texts``: every text in the session's language, gaps noted;
- ``agenda``: modules expanded, ids given, the client's omissions and re-timings;
- ``slot`` and ``fit``: report-back time for the groups, the agenda fitted to the slot;
- ``timeline`` and ``content``: the agenda on the clock, with slides, exercises and cues;
- ``checks`` and ``register``: the warnings a trainer wants before the day.

Problems that only show once modules are expanded and the client is applied (duplicate
block ids, an omitted block that does not exist, a slot too short) raise
:class:`InputError`; matters of judgement (time budget, untranslated text, the register)
become warnings on the Session.
"""

from __future__ import annotations

from typing import Any

from werkvorm.compose.agenda import Planned, apply_client, expand_modules
from werkvorm.compose.checks import (
    agenda_warnings,
    budget_warnings,
    contrast_warnings,
    day_end_warnings,
    growth_warnings,
)
from werkvorm.compose.clock import clock, day_part, to_minutes
from werkvorm.compose.colours import WERKVORM_ACCENT, WERKVORM_PRIMARY, readable_on_white
from werkvorm.compose.content import worksheet_entry
from werkvorm.compose.goals import goal_checks, goal_warnings, serves_problems
from werkvorm.compose.labels import formats_for, labels_for, long_date
from werkvorm.compose.people import session_participants
from werkvorm.compose.plans import plan_warnings
from werkvorm.compose.references import BlockRefs
from werkvorm.compose.register import register_warnings
from werkvorm.compose.session import Branding, Session, SessionItem, SessionSource
from werkvorm.compose.slot import fit_to_slot
from werkvorm.compose.texts import Texts
from werkvorm.compose.timeline import Clock, Words, on_the_clock
from werkvorm.errors import InputError, Problem
from werkvorm.schema.load import LoadedClient, LoadedWorkshop
from werkvorm.schema.models import Client
from werkvorm.schema.source import Document

__all__ = ["clock", "compose", "generic_client"]


FALLBACK_SHARE = 0.25  # this share of texts without the client's language: the kit falls back


def compose(loaded: LoadedWorkshop, client: LoadedClient | None = None) -> Session:
    """The workshop fitted to the client: numbered blocks on the clock, texts in one
    language. When the workshop lacks the client's language for a quarter of its texts or
    more, the whole kit (labels, dates, texts) is in the workshop's language instead, with
    one warning: never Dutch labels around English texts."""
    booking = client or generic_client(loaded)
    locale = _locale(loaded, booking)
    session, missing, texts = _compose(loaded, booking, locale)
    language = loaded.workshop.language
    if locale.split("-")[0] == language or missing < FALLBACK_SHARE * texts:
        return session
    fallback, _, _ = _compose(loaded, booking, language)
    note = booking.doc.problem(
        ("language",),
        f"the workshop has no '{locale}' version of {missing} texts, so the whole kit is in "
        f"'{language}' (labels and dates too); translate them (`werkvorm check --verbose` "
        "lists them) to print it in the client's language",
        severity="warning",
    )
    gaps = [w for w in session.warnings if w.message.startswith("no '")]  # for --verbose
    return fallback.model_copy(update={"warnings": [note, *fallback.warnings, *gaps]})


def _compose(
    loaded: LoadedWorkshop, booking: LoadedClient, locale: str
) -> tuple[Session, int, int]:
    """The session in ``locale``, with how many texts lacked it and how many were shown."""
    register = booking.client.register_ or ""
    t = Texts(locale.split("-")[0], loaded.workshop.language)
    labels = labels_for(locale, register)
    problems: list[Problem] = []
    expanded = expand_modules(loaded, problems)
    problems += serves_problems(expanded, len(loaded.workshop.goals))
    planned = apply_client(expanded, booking, loaded.stem, problems)
    fitted = fit_to_slot(planned, booking, labels, t.pick)
    t.refs = _refs(expanded, planned, fitted.plan, booking, labels, t)
    at = _clock(booking)
    words = Words(t, labels, formats_for(locale), loaded.images)
    items = on_the_clock(fitted.plan, at, words, fitted.debrief)
    ends = at.start + sum(p.minutes for p in fitted.plan)
    texts = _workshop_texts(loaded, t, labels, items)
    if t.refs.problems:
        raise InputError("a text refers to a block that is not in this kit", t.refs.problems)
    warnings = [
        *agenda_warnings(fitted.plan, items),
        *plan_warnings(fitted.plan, t),
        *goal_warnings(loaded, booking, expanded, fitted.plan, t),
        *budget_warnings(loaded, booking, fitted.with_report_back, fitted.grown),
        *growth_warnings(fitted.with_report_back, fitted.grown, at, loaded.workshop.duration),
        *day_end_warnings(booking, ends),
        *fitted.warnings,
        *contrast_warnings(booking),
        *(register_warnings(t.picked, register) if t.language == "nl" else []),
        *t.missing,
        *(p.as_warning() for p in booking.people_warnings),
    ]
    session = Session(
        **texts,
        **_booking(loaded, booking, locale),
        workshop=loaded.stem,
        language=t.language,
        locale=locale,
        items=items,
        labels=labels,
        has_clock=at.has_clock,
        start=at.at(at.start),
        end=at.at(ends),
        total_minutes=ends - at.start,
        planned_minutes=loaded.workshop.duration,
        day_part=labels.get(day_part(at.start, ends), "") if at.has_clock else "",
        warnings=warnings,
        fit_notes=fitted.notes,
    )
    return session, len(t.missing), len(t.picked)


def _refs(
    expanded: list[Planned],
    planned: list[Planned],
    plan: list[Planned],
    booking: LoadedClient,
    labels: dict[str, str],
    t: Texts,
) -> BlockRefs:
    """What ``{{block:id}}`` can name in this kit: the kept blocks by number and title,
    the client's omitted ones, and optional ones fitting left out."""
    blocks = [p for p in plan if not p.is_break]
    kept = {p.id: (n, t.pick(p.item.title)) for n, p in enumerate(blocks, start=1)}
    here = {p.id for p in planned}
    omitted = {p.id: booking.doc.name for p in expanded if p.id not in here and not p.is_break}
    dropped = {p.id: t.pick(p.item.title) for p in planned if p.id not in kept and not p.is_break}
    return BlockRefs(kept, omitted, dropped, labels)


def _locale(loaded: LoadedWorkshop, booking: LoadedClient) -> str:
    """The client's language, else the workshop's: "nl", "nl-BE" (Dutch texts, Belgian
    labels) or "en"."""
    return booking.client.language or loaded.workshop.language


def _clock(booking: LoadedClient) -> Clock:
    """The client's start time, or a relative clock from 0:00."""
    start = booking.client.session.start
    return Clock(to_minutes(start or "0:00"), bool(start))


def generic_client(loaded: LoadedWorkshop) -> LoadedClient:
    """The client of a generic kit: no name, colours, start time, omissions or people."""
    return LoadedClient(
        stem="generic",
        doc=Document(path=loaded.doc.path, data={}),
        client=Client.model_construct(name="", workshop=loaded.stem),
        root=loaded.root,
    )


def _workshop_texts(
    loaded: LoadedWorkshop, t: Texts, labels: dict[str, str], items: list[SessionItem]
) -> dict[str, Any]:
    """The workshop's own texts, with the goals, takeaways and materials of the blocks
    that remain (a client's omit takes a block's goals away)."""
    ws, doc = loaded.workshop, loaded.doc
    materials = t.many(ws.materials, doc, ("materials",))
    return {
        "title": t(ws.title, doc, ("title",)),
        "subtitle": t(ws.subtitle, doc, ("subtitle",)),
        "summary": t(ws.summary, doc, ("summary",)),
        "audience": t(ws.audience, doc, ("audience",)),
        "goals": (goals := _merged(t.many(ws.goals, doc, ("goals",)), [i.goals for i in items])),
        "goal_checks": goal_checks(goals, labels),
        "materials": materials,
        "all_materials": _merged(materials, [i.materials for i in items]),
        "sources": [
            SessionSource(
                author=t.pick(s.author),
                title=t.pick(s.title),  # a publication keeps its own title
                publication=t.pick(s.publication) if s.publication else "",
                year=s.year,
                url=s.url or "",
                note=t(s.note, doc, ("sources", n, "note")),
            )
            for n, s in enumerate(ws.sources)
        ],
        "takeaways": _merged(
            t.many(ws.takeaways, doc, ("takeaways",)), [i.takeaways for i in items]
        ),
        "background": t(ws.background, doc, ("background",)),
        "preparation": t(ws.preparation, doc, ("preparation",)),
        "evaluation": [
            worksheet_entry(w, t, doc, ("evaluation", n), labels)
            for n, w in enumerate(ws.evaluation or [])
        ],
    }


def _merged(own: list[str], per_block: list[list[str]]) -> list[str]:
    """The workshop's own lines, then those of the blocks that remain, each once."""
    out = list(own)
    for lines in per_block:
        out.extend(line for line in lines if line not in out)
    return out


def _booking(loaded: LoadedWorkshop, booking: LoadedClient, locale: str) -> dict[str, Any]:
    """What the client brings: name, brand, paper, date and place, people, preferences."""
    wanted, session = booking.client, booking.client.session
    return {
        "client_id": booking.stem,
        "client": wanted.name,
        "branding": _brand(booking),
        "paper": wanted.paper,
        "date": session.date.isoformat() if session.date else "",
        "date_text": long_date(session.date, locale.split("-")[0]) if session.date else "",
        "location": session.location or "",
        "facilitator": session.facilitator or "",
        "deck_template": str(booking.deck_template or ""),
        "word_template": str(booking.word_template or ""),
        "layouts": dict(wanted.layouts),
        "asset_dirs": list(dict.fromkeys([str(loaded.root), str(booking.root)])),
        "participants": session_participants(booking.people),
        "speech_register": wanted.register_ or "",
        "booklet": wanted.booklet,
        "slides_handout": wanted.slides_handout,
        "deck_logo": wanted.deck_logo,
        "badges": wanted.badges,
        "followup_url": wanted.followup_url or "",
    }


def _brand(booking: LoadedClient) -> Branding:
    """The client's colours and logo (werkvorm's own colours when it has none), with text
    shades dark enough to read on white."""
    primary = booking.client.colors.primary or WERKVORM_PRIMARY
    accent = booking.client.colors.accent or WERKVORM_ACCENT
    return Branding(
        primary=primary,
        accent=accent,
        text=readable_on_white(primary),
        accent_text=readable_on_white(accent),
        logo=str(booking.logo or ""),
    )
