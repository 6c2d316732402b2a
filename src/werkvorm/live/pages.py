"""The live pages as HTML: the trainer's run-of-show, the projected QR code and the
participants' evaluation form. Every page is one file with its styles inline: nothing
is fetched from the internet, and the form works without JavaScript."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from werkvorm.compose.session import Session
from werkvorm.compose.timeline import Clock, cues
from werkvorm.live.day import Outlook, Run, exact_minutes, hhmm, outlook, skippable
from werkvorm.live.plan import SessionDay
from werkvorm.live.words import words_for

if TYPE_CHECKING:
    import jinja2


@functools.cache
def _environment() -> jinja2.Environment:
    from werkvorm.render.html import environment

    return environment(None)


def render(template: str, **values: Any) -> bytes:
    return _environment().get_template(template).render(**values).encode("utf-8")


def _language(session: Session) -> tuple[str, str]:
    return session.locale or session.language, session.speech_register


@dataclass
class TrainerView:
    """What the trainer's page shows at one moment, every line in the session's words."""

    title: str
    clock: str
    heading: str = ""
    block: str = ""
    until: str = ""
    ends_at: float = 0.0  # epoch seconds: the countdown's target (0: none)
    cue: str = ""
    status: str = ""
    status_kind: str = "on-time"  # on-time | behind | ahead
    ends: str = ""
    cuts: list[str] = field(default_factory=list)
    cut_intro: str = ""
    rest: list[tuple[str, str, str]] = field(default_factory=list)  # time, title, note
    can_start: bool = False
    can_next: bool = False
    next_label: str = ""
    skip_label: str = ""
    finished: bool = False


def _status(view: TrainerView, w: dict[str, str], behind: int) -> None:
    if behind > 0:
        view.status, view.status_kind = w["behind"].format(minutes=behind), "behind"
    elif behind < 0:
        view.status, view.status_kind = w["ahead"].format(minutes=-behind), "ahead"
    else:
        view.status = w["on_time"]


def _cuts(view: TrainerView, seen: Outlook, w: dict[str, str]) -> None:
    """What re-timing changes, said as what to cut (or may stretch) to end on time."""
    for change in seen.changes:
        item, after = change.item, change.minutes
        if after is None:
            view.cuts.append(w["cut_drop"].format(title=item.title, minutes=item.minutes))
        elif item.is_break:
            view.cuts.append(
                w["cut_break"].format(title=item.title, before=item.minutes, after=after)
            )
        else:
            key = "cut_stretch" if after > item.minutes else "cut_shrink"
            view.cuts.append(w[key].format(title=item.title, before=item.minutes, after=after))
    if seen.over > 0:
        longest = max(
            (i for i, _, m in seen.rest if m and not i.is_break),
            key=lambda i: i.minutes,
            default=seen.current,
        )
        title = longest.title if longest else ""
        view.cuts.append(w["cut_over"].format(minutes=seen.over, title=title))
    view.cut_intro = w["cut_intro"] if view.cuts else w["cut_none"]


def _next_cue(day: SessionDay, seen: Outlook, w: dict[str, str]) -> str:
    """The next timing cue of the guide, at the times the day now runs to."""
    item = seen.current
    now = seen.now
    if item is not None and not item.is_break:
        block = day.session.items[item.position]
        moved = block.model_copy(
            update={
                "start": hhmm(seen.current_start),
                "end": hhmm(seen.current_end),
                "minutes": item.minutes,
            }
        )
        for cue in cues(moved, seen.current_start, Clock(0, True), day.session.labels):
            if cue[:5] > hhmm(now):
                return w["next_cue"].format(cue=cue)
    for following, start, minutes in seen.rest:
        if minutes:
            text = w["next_item"].format(time=hhmm(start), title=following.title)
            return w["next_cue"].format(cue=text)
    return ""


def trainer_view(day: SessionDay, run: Run, now: float) -> TrainerView:
    session = day.session
    w = words_for(*_language(session))
    seen = outlook(run, now)
    view = TrainerView(title=session.title, clock=hhmm(seen.now))
    view.finished = run.finished
    view.can_start = run.started is None
    blocks = [i for i in session.items if i.kind == "block"]
    if view.finished:
        view.heading = w["finished"]
        ended = max((i.ended for i in run.items if i.ended is not None), default=now)
        view.block = w["ended"].format(
            time=hhmm(exact_minutes(ended)), booked=hhmm(seen.booked_end)
        )
        return view
    if seen.current is None:
        view.heading = w["not_started"]
        view.block = w["planned"].format(
            start=hhmm(seen.rest[0][1] if seen.rest else seen.now), end=hhmm(seen.projected_end)
        )
    else:
        placed = session.items[seen.current.position]
        view.heading = (
            w["break"]
            if placed.kind == "break"
            else w["block_of"].format(number=placed.number, total=len(blocks))
        )
        view.block = seen.current.title
        view.until = w["until"].format(time=hhmm(seen.current_end))
        view.ends_at = seen.ends_at
        view.can_next = True
        view.next_label = w["next"] if seen.rest else w["last"]
    _status(view, w, seen.behind)
    view.ends = w["ends"].format(projected=hhmm(seen.projected_end), booked=hhmm(seen.booked_end))
    view.cue = _next_cue(day, seen, w)
    _cuts(view, seen, w)
    for item, start, minutes in seen.rest:
        note = f"{minutes} min" if minutes is not None else w["dropped"]
        if minutes is None and not item.skipped:
            note = w["cut"]
        view.rest.append((hhmm(start), item.title, note))
    target = skippable(run)
    view.skip_label = w["skip"].format(title=target.title) if target else ""
    return view


def trainer_page(day: SessionDay, run: Run, now: float, token: str, responses: int) -> bytes:
    session = day.session
    w = words_for(*_language(session))
    return render(
        "live-trainer.html.j2",
        v=trainer_view(day, run, now),
        w=w,
        lang=session.language,
        base=f"/t/{token}",
        key=secrets.token_urlsafe(12),
        now=now,
        version=run.version,
        responses=w["responses_one"] if responses == 1 else w["responses"].format(count=responses),
        brand=session.branding,
    )


def qr_svg(url: str) -> str:
    """The code as SVG that scales to any screen (a viewBox, no fixed size)."""
    import segno

    code = segno.make(url, error="m", micro=False, boost_error=False)
    return str(code.svg_inline(omitsize=True, border=4, dark="#000", light="#fff"))


def qr_page(day: SessionDay, token: str, url: str) -> bytes:
    from markupsafe import Markup

    session = day.session
    w = words_for(*_language(session))
    svg = Markup(qr_svg(url))
    return render(
        "live-qr.html.j2", w=w, lang=session.language, url=url, base=f"/t/{token}", svg=svg
    )


def form_page(
    day: SessionDay,
    key: str,
    sig: str,
    problem: str = "",
    values: dict[str, str] | None = None,
) -> bytes:
    return _sheet(
        "live-form.html.j2",
        day,
        questions=day.questions,
        key=key,
        sig=sig,
        problem=problem,
        values=values or {},
    )


def thanks_page(day: SessionDay) -> bytes:
    return _sheet("live-thanks.html.j2", day)


def _sheet(template: str, day: SessionDay, **values: Any) -> bytes:
    """A participants' page: the session, its labels and the live words."""
    s = day.session
    return render(template, s=s, L=s.labels, w=words_for(*_language(s)), **values)
