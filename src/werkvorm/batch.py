"""Build many kits at once, each in a worker process with a time and a memory limit.

A kit that fails, hangs or runs out of memory is reported and the others go on. Workers
are forked after the heavy libraries are imported, so each starts warm. Inside a worker
an alarm bounds every document; the parent kills a worker that outlives the sum.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from werkvorm.errors import Problem, ProjectError, WerkvormError
from werkvorm.names import slugify
from werkvorm.project import Project

if TYPE_CHECKING:
    import multiprocessing.process
    from multiprocessing.connection import Connection

DEFAULT_TIMEOUT = 120  # seconds per document
DEFAULT_MEMORY_MB = 4096  # address space per worker


@dataclass(frozen=True)
class KitJob:
    kind: str  # workshop | client
    path: Path

    @property
    def label(self) -> str:
        return self.path.stem if self.kind == "client" else f"{self.path.stem} (generic)"


@dataclass
class KitOutcome:
    job: KitJob
    folder: str = ""
    written: list[str] = field(default_factory=list)
    skipped: bool = False
    warnings: int = 0
    print_warnings: list[str] = field(default_factory=list)  # preflight, fonts (render)
    error: str = ""
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


def plan(project: Project, targets: list[str], everything: bool) -> list[KitJob]:
    """The kits to build, refusing two clients that would write into the same folder."""
    jobs = [KitJob(*project.target(t)) for t in targets]
    if everything:
        jobs += [KitJob("workshop", p) for p in project.workshops()]
        jobs += [KitJob("client", p) for p in project.clients()]
    jobs = list(dict.fromkeys(jobs))
    folders: dict[str, KitJob] = {}
    problems: list[Problem] = []
    for job in jobs:
        key = ("generic/" if job.kind == "workshop" else "") + slugify(
            job.path.stem, fallback="client"
        )
        if job.kind == "client" and key == "generic":
            problems.append(
                Problem(
                    str(job.path),
                    0,
                    0,
                    "",
                    "a client may not be called "
                    "'generic': that folder holds the generic kits; rename the file",
                )
            )
        if key in folders and folders[key].path != job.path:
            problems.append(
                Problem(
                    str(job.path),
                    0,
                    0,
                    "",
                    f"would write into output/{key}/ "
                    f"like {folders[key].path.name}: rename one of the files",
                )
            )
        folders[key] = job
    if problems:
        raise ProjectError("two kits would share an output folder", problems)
    return jobs


class DocumentTimeout(WerkvormError):
    """One document took longer than its time limit to render."""


@contextmanager
def alarm_guard(seconds: int) -> Iterator[Callable[[str], object]]:
    """Inside a worker: ``with guard(name):`` bounds one document's rendering time."""

    @contextmanager
    def guard(name: str) -> Iterator[None]:
        def expire(signum: int, frame: object) -> None:
            raise DocumentTimeout(
                f"{name} took longer than {seconds} s to render and was "
                "stopped: look for very long texts or huge images"
            )

        previous = signal.signal(signal.SIGALRM, expire)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    yield guard


def _worker(
    conn: Connection,
    project: Project,
    job: KitJob,
    options: dict[str, object],
    timeout: int,
    memory_mb: int,
) -> None:
    from werkvorm.kits import build_kit

    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    outcome = KitOutcome(job=job)
    start = time.monotonic()
    try:
        with alarm_guard(timeout) as guard:
            result = build_kit(project, job.kind, job.path, guard=guard, **options)  # type: ignore[arg-type]
        outcome.folder = str(result.folder)
        outcome.written = [str(p) for p in result.written]
        outcome.skipped = result.skipped
        outcome.warnings = len(result.session.warnings) if result.session else 0
        outcome.print_warnings = result.warnings
    except WerkvormError as exc:
        outcome.error, outcome.problems = exc.message, exc.problems
    except MemoryError:
        outcome.error = f"ran out of memory (limit {memory_mb} MB) while building"
    except Exception as exc:
        outcome.error = f"failed unexpectedly ({exc.__class__.__name__}: {exc})"
    outcome.seconds = time.monotonic() - start
    conn.send(outcome)
    conn.close()


def _current(project: Project, job: KitJob, options: dict[str, object]) -> KitOutcome | None:
    """A skipped outcome when the kit's manifest shows it current, from the recorded
    inputs' hashes alone (no YAML, no models); None sends the kit to a worker, which
    loads it properly and still skips it if it turns out current."""
    from werkvorm.manifest import current_folder

    if options.get("participants"):
        return None
    out = Path(str(options["out"])) if options.get("out") else project.output_dir
    templates = project.templates_dir if project.templates_dir.is_dir() else None
    paper = options.get("paper")
    folder = current_folder(
        out.resolve(),
        job.kind,
        job.path.resolve(),
        templates,
        list(options.get("formats", ())),  # type: ignore[call-overload]
        {"paper": str(paper) if paper else None, "participants": None},
    )
    return None if folder is None else KitOutcome(job=job, folder=str(folder), skipped=True)


def _expected_cost(job: KitJob) -> int:
    """A rough size for scheduling: a client's kit (participants, own template) first."""
    return 2 if job.kind == "client" else 1


def _preload(formats: list[str]) -> None:
    """Import the renderers before forking, so every worker starts warm."""
    if "pdf" in formats:
        import werkvorm.render.pdf
        import werkvorm.render.personal
    if "pptx" in formats:
        import werkvorm.render.deck  # noqa: F401


def run(
    project: Project,
    jobs: list[KitJob],
    *,
    workers: int,
    options: dict[str, object],
    timeout: int = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    on_done: Callable[[KitOutcome], None] | None = None,
) -> list[KitOutcome]:
    """Build ``jobs`` with at most ``workers`` processes at a time.

    Kits whose outputs are current are settled here without a worker (a no-op rebuild
    costs a hash of the inputs, not a process). The rest start largest first (clients
    with participant lists before generic kits), which keeps both workers busy to the end.
    """
    outcomes: dict[KitJob, KitOutcome] = {}
    pending: list[tuple[int, KitJob]] = []
    for job in jobs:
        current = None if options.get("force") else _current(project, job, options)
        if current is not None:
            outcomes[job] = current
            if on_done:
                on_done(current)
        else:
            pending.append((_expected_cost(job), job))
    if not pending:
        return [outcomes[j] for j in jobs]
    import multiprocessing  # only when something is built: a no-op stays light
    from multiprocessing.connection import wait

    queue = [job for _, job in sorted(pending, key=lambda pair: -pair[0])]
    _preload(list(options.get("formats", ())))  # type: ignore[call-overload]
    ctx = multiprocessing.get_context("fork")
    running: dict[Connection, tuple[KitJob, multiprocessing.process.BaseProcess, float]] = {}
    # The parent's backstop: every document may take `timeout`, plus some slack.
    deadline_for_kit = timeout * 8 + 30
    while queue or running:
        while queue and len(running) < max(1, workers):
            job = queue.pop(0)
            parent_end, child_end = ctx.Pipe(duplex=False)
            process = ctx.Process(
                target=_worker,
                args=(child_end, project, job, options, timeout, memory_mb),
                daemon=True,
            )
            process.start()
            child_end.close()
            running[parent_end] = (job, process, time.monotonic() + deadline_for_kit)
        ready = wait(list(running), timeout=1.0)
        now = time.monotonic()
        for conn in list(running):
            job, worker, deadline = running[conn]

            outcome: KitOutcome | None = None
            if conn in ready:
                try:
                    outcome = conn.recv()
                except (EOFError, OSError):
                    worker.join(5)
                    code = worker.exitcode
                    reason = (
                        f"was stopped by signal {-code}"
                        if code and code < 0
                        else f"ended unexpectedly (exit status {code})"
                    )
                    outcome = KitOutcome(
                        job=job, error=f"the worker {reason}; perhaps it ran out of memory"
                    )
            elif now > deadline:
                worker.kill()
                outcome = KitOutcome(
                    job=job, error=f"took longer than {deadline_for_kit} s in all and was stopped"
                )
            if outcome is None:
                continue
            worker.join(5)
            conn.close()
            del running[conn]
            outcomes[job] = outcome
            if on_done:
                on_done(outcome)
    return [outcomes[j] for j in jobs]


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
