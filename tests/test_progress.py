"""In a pipe or a CI log, `build --all` says on every kit's line how far it is."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from werkvorm.cli import report
from werkvorm.kits.jobs import KitJob, KitOutcome


def outcome(ok: bool = True) -> KitOutcome:
    job = KitJob(kind="workshop", path=Path("workshops/a.yaml"))
    return KitOutcome(job=job, folder="output/generic/a") if ok else KitOutcome(job=job, error="x")


def test_each_line_has_kits_done_failed_and_time_left() -> None:
    tally = report.Tally(45, start=0.0)
    assert tally.step(outcome(), now=4.0) == "[1/45, about 3 min left]"  # 4 s a kit, 44 to go
    assert report.Tally(3, 0.0).step(outcome(), now=4.0) == "[1/3, about 8 s left]"
    tally.step(outcome(ok=False), now=8.0)
    assert tally.step(outcome(), now=60.0) == "[3/45, 1 failed, about 14 min left]"
    for n in range(4, 45):
        tally.step(outcome(), now=60.0 + n)
    assert tally.step(outcome(), now=200.0) == "[45/45, 1 failed]"


def test_the_progress_ends_the_kit_line_in_a_log() -> None:
    buffer = io.StringIO()
    out = Console(file=buffer, width=200, force_terminal=False)
    report._show(out, out, outcome(), "[2/3, about 5 s left]")
    assert buffer.getvalue().rstrip().endswith("[2/3, about 5 s left]")
