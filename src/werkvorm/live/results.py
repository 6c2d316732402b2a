"""``werkvorm results``: what a session day taught, as results.pdf and results.csv in
the kit's folder (each written whole or not at all).

The PDF: how many evaluations came in, a chart per scale question (and per goal), the
ticks of the multiple-choice questions, every open answer as written, and the day's
timing, planned against actual per block. ``--all`` compares every run of a workshop
across its clients (results-all.pdf and results-all.csv in the generic kit's folder),
and :func:`overruns` names the blocks that ran over in most of them.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from werkvorm.errors import WerkvormError
from werkvorm.kits.layout import kit_folder
from werkvorm.live.day import Run
from werkvorm.live.plan import Question, SessionDay
from werkvorm.live.store import Store, Submission, describe
from werkvorm.live.words import words_for

OVER = 3  # minutes past the plan that count as running over


@dataclass
class Answered:
    """One question with what came in: counts per point (a scale), ticks per option
    (a choice), or the open answers as written."""

    question: Question
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    mean: str = ""
    answers: int = 0
    chart: str = ""


@dataclass(frozen=True)
class Timing:
    item: str  # the block's id
    title: str
    is_break: bool
    planned: int
    actual: int | None  # None: skipped, not reached or not finished
    note: str = ""

    @property
    def over(self) -> int | None:
        return None if self.actual is None else self.actual - self.planned


def _decimal(value: float, language: str) -> str:
    text = f"{value:.1f}"
    return text if language.startswith("en") else text.replace(".", ",")


def answered(
    questions: tuple[Question, ...], found: list[Submission], language: str
) -> list[Answered]:
    out = []
    for q in questions:
        given = [s.answers[q.id] for s in found if s.answers.get(q.id)]
        result = Answered(q, answers=len(given))
        if q.kind == "scale":
            points = list(range(q.low, q.high + 1))
            result.counts = [(str(p), given.count(str(p))) for p in points]
            if given:
                result.mean = _decimal(statistics.fmean(int(v) for v in given), language)
        elif q.kind == "choice":
            ticks = [t for v in given for t in v.split(",")]
            result.counts = [(o, ticks.count(str(n + 1))) for n, o in enumerate(q.options)]
        else:
            result.texts = given
        out.append(result)
    return out


def timings(run: Run, w: dict[str, str]) -> list[Timing]:
    """Each agenda item planned against how long it actually ran (whole minutes)."""
    out = []
    for item in run.items:
        actual, note = None, ""
        if item.skipped:
            note = w["skipped"]
        elif item.started is None:
            note = w["not_reached"]
        elif item.ended is not None:
            actual = round((item.ended - item.started) / 60)
        else:
            note = w["not_finished"]
        out.append(Timing(item.item, item.title, item.is_break, item.planned, actual, note))
    return out


@dataclass(frozen=True)
class Overrun:
    """A block that ran over in most of the runs that reached it."""

    block: str
    title: str
    minutes: int  # the mean of the runs in which it ran over
    late: int
    runs: int

    def english(self) -> str:
        return (
            f"block '{self.block}' ran {self.minutes} minutes over in {self.late} of "
            f"{self.runs} sessions"
        )


def overrun_blocks(runs: list[Run]) -> list[Overrun]:
    """Blocks that ran over (``OVER`` minutes or more) in most runs, worst first."""
    by_block: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for run in runs:
        for t in timings(run, words_for("en")):
            if not t.is_break and t.over is not None:
                by_block.setdefault(t.item, []).append(t.over)
                titles[t.item] = t.title
    found = []
    for block, overs in by_block.items():
        late = [o for o in overs if o >= OVER]
        if len(late) * 2 > len(overs):
            minutes = round(statistics.fmean(late))
            found.append(Overrun(block, titles[block], minutes, len(late), len(overs)))
    return sorted(found, key=lambda o: (-o.minutes, -o.late, o.block))


def overruns(runs: list[Run]) -> list[str]:
    """ "block 'naar-het-werk' ran 8 minutes over in 4 of 5 sessions", worst first."""
    return [o.english() for o in overrun_blocks(runs)]


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` in a synced temporary file beside ``path``, then moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _local(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))


def responses_csv(questions: tuple[Question, ...], found: list[Submission]) -> bytes:
    """One row per evaluation: when, the name (empty: anonymous), each answer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["submitted", "name", *(f"{q.id}: {q.text}" for q in questions)])
    for s in found:
        writer.writerow([_local(s.at), s.name, *(s.answers.get(q.id, "") for q in questions)])
    return out.getvalue().encode("utf-8-sig")  # a BOM: Excel reads it as UTF-8


def _latest(store: Store, day: SessionDay) -> Run:
    runs = store.runs(kit=day.plan.kit)
    if not runs:
        raise WerkvormError(
            f"no session day of {day.plan.kit} in {describe(store.url)} yet: run "
            "werkvorm live on the day, then werkvorm results"
        )
    return runs[-1]


def write_results(store: Store, day: SessionDay) -> tuple[list[Path], list[str]]:
    """results.pdf and results.csv of the kit's latest run, in the kit's folder, and a
    warning for each answer that would print as empty boxes (no installed font has it)."""
    from werkvorm.render.fonts import missing_glyph_warnings

    run = _latest(store, day)
    found = store.submissions(run.id)
    session = day.session
    language = session.locale or session.language
    w = words_for(language, session.speech_register)
    results = answered(day.questions, found, session.language)
    _charts(results, session.branding.primary)
    values = {
        "w": w,
        "run": run,
        "count": w["count_one"] if len(found) == 1 else w["count"].format(count=len(found)),
        "results": results,
        "timing": timings(run, w),
        "started": run.started is not None,
    }
    pdf = _pdf(day, values)
    paths = [day.folder / "results.pdf", day.folder / "results.csv"]
    write_atomic(paths[0], pdf)
    write_atomic(paths[1], responses_csv(day.questions, found))
    texts = [t for r in results for t in r.texts] + [s.name for s in found if s.name]
    return paths, missing_glyph_warnings(texts)


def _charts(results: list[Answered], colour: str) -> None:
    from werkvorm.live.charts import answer_bars

    for r in results:
        if r.question.kind == "scale":
            points = [int(p) for p, _ in r.counts]
            r.chart = answer_bars(points, [n for _, n in r.counts], colour)


def _pdf(day: SessionDay, values: dict[str, object]) -> bytes:
    from markupsafe import Markup

    from werkvorm.render.sheets import layout

    results = values.get("results")
    if isinstance(results, list):
        for r in results:
            r.chart = Markup(r.chart)
    return layout("results.html.j2", day.session, None, values).write()


def write_all(store: Store, day: SessionDay, out: Path) -> tuple[list[Path], list[str]]:
    """results-all.pdf and .csv: every run of the workshop, block by block."""
    runs = [r for r in store.runs(workshop=day.session.workshop) if r.started is not None]
    if not runs:
        raise WerkvormError(
            f"no session day of {day.session.workshop} was started in {describe(store.url)}: "
            "run werkvorm live on the day, then werkvorm results"
        )
    session = day.session
    w = words_for(session.locale or session.language, session.speech_register)
    columns = [(r, {t.item: t for t in timings(r, w)}, store.count(r.id)) for r in runs]
    blocks = list(dict.fromkeys(i.item for r in runs for i in r.items))
    titles = {i.item: i.title for r in runs for i in r.items}
    found = overrun_blocks(runs)
    said = [
        w["overrun"].format(title=o.title, minutes=o.minutes, late=o.late, runs=o.runs)
        for o in found
    ]
    values: dict[str, object] = {
        "w": w,
        "columns": columns,
        "blocks": blocks,
        "titles": titles,
        "lines": said,
    }
    lines = [o.english() for o in found]
    folder = kit_folder(out, None, session.workshop)
    paths = [folder / "results-all.pdf", folder / "results-all.csv"]
    write_atomic(paths[0], layout_all(day, values))
    write_atomic(paths[1], _all_csv(columns, blocks, titles))
    return paths, lines


def layout_all(day: SessionDay, values: dict[str, object]) -> bytes:
    from werkvorm.render.sheets import layout

    return layout("results-all.html.j2", day.session, None, values).write()


def _all_csv(
    columns: list[tuple[Run, dict[str, Timing], int]], blocks: list[str], titles: dict[str, str]
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["block", "title", *(f"{r.client} {r.day}" for r, _, _ in columns)])
    for block in blocks:
        cells = []
        for _, found, _ in columns:
            t = found.get(block)
            cells.append("" if t is None or t.over is None else str(t.over))
        writer.writerow([block, titles[block], *cells])
    writer.writerow(["evaluations", "", *(str(n) for _, _, n in columns)])
    return out.getvalue().encode("utf-8-sig")
