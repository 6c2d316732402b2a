"""The batch's worker pool over a season: flat memory, largest kits first."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from werkvorm.kits import batch, pool
from werkvorm.kits.options import BuildOptions
from werkvorm.project.folder import Project

HELD: list[bytes] = []  # what a leaking kit builder keeps, in the worker


def leaky(conn: object, project: Project, job: batch.KitJob, options: object) -> batch.KitOutcome:
    """A kit builder that keeps 40 MB for good (as caches do), run in a spawned worker;
    it reports the worker's id and the memory it held when the kit started."""
    held = pool.resident_mb() or 0.0
    HELD.append(os.urandom(1024) * (40 * 1024))
    return batch.KitOutcome(job=job, folder=str(os.getpid()), warnings=round(held))


def quick(conn: object, project: Project, job: batch.KitJob, options: object) -> batch.KitOutcome:
    return batch.KitOutcome(job=job, folder=str(os.getpid()))


def _jobs(project: Path, count: int) -> list[batch.KitJob]:
    spagaat = project / "workshops" / "spagaat.yaml"
    return [batch.KitJob("workshop", spagaat.with_name(f"kit-{n}.yaml")) for n in range(count)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_a_worker_that_holds_too_much_makes_way_for_a_fresh_one(project: Path) -> None:
    jobs = _jobs(project, 8)
    outcomes = batch.run(
        Project(project),
        jobs,
        workers=1,
        options=BuildOptions(formats=("html",), force=True),
        work=leaky,
        recycle_mb=150,
    )
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert [o.job for o in outcomes] == jobs
    workers = {o.folder for o in outcomes}
    assert len(workers) >= 3, "8 × 40 MB: a worker must leave before it holds 320 MB more"
    started = [o.warnings for o in outcomes]
    assert max(started) < 150 + 40, f"memory held when a kit started: {started}"


def test_without_a_bound_one_worker_builds_every_kit(project: Path) -> None:
    outcomes = batch.run(
        Project(project),
        _jobs(project, 4),
        workers=1,
        options=BuildOptions(formats=("html",), force=True),
        work=quick,
        recycle_mb=0,
    )
    assert all(o.ok for o in outcomes) and len({o.folder for o in outcomes}) == 1


def test_a_worker_leaves_after_its_share_of_kits(project: Path) -> None:
    settled: list[batch.KitOutcome] = []
    batch.run(
        Project(project),
        _jobs(project, pool.RECYCLE_KITS + 1),
        workers=1,
        options=BuildOptions(formats=("html",), force=True),
        work=quick,
        recycle_mb=0,
        on_done=settled.append,
    )
    assert all(o.ok for o in settled)
    first = {o.folder for o in settled[: pool.RECYCLE_KITS]}
    assert len(first) == 1 and settled[-1].folder not in first


def test_memory_is_handed_back_after_a_kit() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/self/statm")
    before = pool.resident_mb()
    garbage = [bytearray(64) for _ in range(500_000)]  # small blocks: the heap, not mmap
    grown = pool.resident_mb()
    del garbage
    pool.release_memory()
    after = pool.resident_mb()
    assert before is not None and grown is not None and after is not None
    assert grown - before > 20
    assert after - before < (grown - before) / 2


def test_the_largest_kits_start_first(project: Path) -> None:
    p = Project(project)
    jobs = batch.plan(p, [], True)
    order: list[batch.KitJob] = []
    batch.run(
        p,
        jobs,
        workers=1,
        options=BuildOptions(formats=("html",), force=True),
        work=quick,
        on_done=lambda o: order.append(o.job),
    )
    costs = [batch._estimated_cost(j) for j in order]
    assert costs == sorted(costs, reverse=True), [j.path.name for j in order]
    assert len(set(costs)) > 2
