"""Worker processes for the batch: spawned, warm, stopped when a document overruns.

The standard library's ``multiprocessing`` with the ``spawn`` start method, which
Windows, macOS and Linux all have; no ``fork``, no ``SIGALRM``. Each worker reports the
document it starts, so the parent can stop it when that document takes too long and
name the document in the message. The memory limit is set inside the worker, and only
where the system offers one (``resource`` exists on POSIX only).

A worker that has built many kits holds memory the libraries never give back (font and
layout caches, a fragmented heap): after each kit it returns what it can to the system,
and when it still holds more than ``recycle_mb``, or has built ``RECYCLE_KITS`` kits, it
says it is leaving with that kit's result and a fresh worker takes its place, so memory
stays flat over a season of kits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from werkvorm.errors import WerkvormError
from werkvorm.kits.jobs import KitJob, KitOutcome
from werkvorm.kits.options import BuildOptions
from werkvorm.project.folder import Project

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

LOADING = "reading the inputs"
RECYCLE_KITS = 25  # kits a worker builds before a fresh one takes over


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource  # POSIX only
    except ImportError:
        return
    limit = memory_mb * 1024 * 1024
    with suppress(ValueError, OSError):  # a platform without this limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def build_one(conn: Connection, project: Project, job: KitJob, options: BuildOptions) -> KitOutcome:
    """One kit in a worker: the real build, telling the parent each document it starts."""
    from werkvorm.kits.build import build_kit

    @contextmanager
    def guard(name: str) -> Iterator[None]:
        conn.send(("doc", name))
        yield

    conn.send(("doc", LOADING))
    if job.kind == "programme":
        from werkvorm.kits.programme import build_programme, outcome

        return outcome(job, build_programme(project, job.path, options, guard=guard))
    result = build_kit(project, job.kind, job.path, options, guard=guard)
    return KitOutcome(
        job=job,
        folder=str(result.folder),
        written=[str(p) for p in result.written],
        skipped=result.skipped,
        warnings=len(result.session.warnings) if result.session else 0,
        print_warnings=list(result.warnings),
    )


def _serve(
    conn: Connection, formats: tuple[str, ...], memory_mb: int, work: Any, recycle_mb: int = 0
) -> None:
    """A worker's life: warm up, then build the kits the parent sends until told to stop
    or until it holds too much memory (then it leaves, and the parent starts another)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    import werkvorm.kits.build

    if "pdf" in formats:
        with suppress(OSError):  # a missing Pango is reported by the build itself
            import werkvorm.render.personal
    if "pptx" in formats:
        import werkvorm.render.deck  # noqa: F401
    from werkvorm.kits import heap

    heap.settle()  # the libraries just loaded stay out of every garbage collection
    _limit_memory(memory_mb)
    try:
        conn.send(("ready", None))
        _work_loop(conn, memory_mb, work, recycle_mb)
    except (EOFError, OSError):  # the parent is gone: nothing left to report to
        return


def _work_loop(conn: Connection, memory_mb: int, work: Any, recycle_mb: int = 0) -> None:
    built = 0
    while True:
        task = conn.recv()
        if task is None:
            return
        project, job, options = task
        start = time.monotonic()
        try:
            outcome = (work or build_one)(conn, project, job, options)
        except Exception as exc:
            outcome = _failure(job, exc, memory_mb)
        outcome.seconds = time.monotonic() - start
        built += 1
        release_memory()
        held = resident_mb()
        leaving = (
            outcome.error.startswith("ran out of memory")  # a fresh worker for the next kit
            or built >= RECYCLE_KITS
            or bool(recycle_mb and held is not None and held > recycle_mb)
        )
        conn.send(("leaving" if leaving else "done", outcome))
        if leaving:
            return


def release_memory() -> None:
    """Collect garbage and hand the freed heap back to the system (glibc keeps it
    otherwise); a no-op where the C library has no ``malloc_trim``."""
    import ctypes
    import gc

    gc.collect()
    with suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).malloc_trim(0)


def resident_mb() -> float | None:
    """This process's resident memory now, in MB; None where the system does not say
    (only Linux has ``/proc/self/statm``)."""
    import os

    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _failure(job: KitJob, exc: Exception, memory_mb: int) -> KitOutcome:
    """A failed kit in the trainer's words: the error's own message, or what happened."""
    if isinstance(exc, WerkvormError):
        return KitOutcome(job=job, error=exc.message, problems=exc.problems)
    if isinstance(exc, MemoryError) or _out_of_memory(exc):
        return KitOutcome(job=job, error=f"ran out of memory (limit {memory_mb} MB)")
    return KitOutcome(  # a bug in werkvorm: name it, without a traceback
        job=job,
        error=f"stopped by a bug in werkvorm ({exc.__class__.__name__}: {exc}); "
        "please report it with the command you ran",
    )


def _out_of_memory(exc: BaseException) -> bool:
    """A library that could not be loaded for lack of memory says so only in words."""
    text = str(exc)
    return getattr(exc, "errno", None) == 12 or "failed to map segment" in text


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    job: KitJob | None = None
    document: str = ""
    since: float = 0.0
    leaving: bool = False  # said it is leaving: no more kits, it ends by itself


class Pool:
    """At most ``workers`` spawned processes building kits, each within the limits."""

    def __init__(
        self,
        project: Project,
        options: BuildOptions,
        *,
        timeout: int,
        memory_mb: int,
        work: Callable[..., object] | None = None,
        recycle_mb: int = 0,
    ) -> None:
        import multiprocessing

        self.ctx = multiprocessing.get_context("spawn")
        self.project, self.options = project, options
        self.timeout, self.memory_mb, self.work = timeout, memory_mb, work
        self.recycle_mb = recycle_mb
        self.workers: list[_Worker] = []
        self.failed_starts = 0

    def _start(self) -> _Worker:
        parent_end, child_end = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=_serve,
            args=(child_end, self.options.formats, self.memory_mb, self.work, self.recycle_mb),
            daemon=True,
        )
        with _ctrl_c_ignored():  # inherited: a worker never prints a KeyboardInterrupt
            process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers.remove(worker)

    def run(self, jobs: list[KitJob], size: int, settle: Callable[[KitOutcome], None]) -> None:
        queue = list(jobs)
        try:
            while queue or any(w.job for w in self.workers):
                if self.failed_starts >= 3:  # a broken installation: say so once per kit
                    for job in queue:
                        settle(
                            KitOutcome(
                                job=job,
                                error="werkvorm's worker process could "
                                "not start: reinstall werkvorm",
                            )
                        )
                    queue.clear()
                    continue
                staying = [w for w in self.workers if not w.leaving]
                while len(staying) < size and len(staying) < len(queue) + sum(
                    1 for w in staying if w.job
                ):
                    staying.append(self._start())
                for worker in staying:
                    if worker.ready and worker.job is None and queue:
                        worker.job, worker.document = queue.pop(0), LOADING
                        worker.since = time.monotonic()
                        worker.conn.send((self.project, worker.job, self.options))
                self._step(settle)
        finally:
            self.close()

    def _step(self, settle: Callable[[KitOutcome], None]) -> None:
        from multiprocessing.connection import wait

        ready = wait([w.conn for w in self.workers], timeout=0.5)
        for worker in list(self.workers):
            if worker.conn in ready:
                self._receive(worker, settle)
            elif worker.job and time.monotonic() - worker.since > self.timeout:
                job, document = worker.job, worker.document
                self._retire(worker, kill=True)
                settle(
                    KitOutcome(
                        job=job,
                        error=f"{document} took longer than {self.timeout} s and was "
                        "stopped: look for very long texts or huge images",
                        seconds=float(self.timeout),
                    )
                )

    def _receive(self, worker: _Worker, settle: Callable[[KitOutcome], None]) -> None:
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            job = worker.job
            worker.process.join(5)
            code = worker.process.exitcode
            self._retire(worker, kill=True)
            if not worker.ready:
                self.failed_starts += 1
            if job is not None:
                reason = (
                    f"was stopped by signal {-code}"
                    if code and code < 0
                    else f"ended unexpectedly (exit status {code})"
                )
                settle(
                    KitOutcome(job=job, error=f"the worker {reason}; perhaps it ran out of memory")
                )
            return
        if kind == "ready":
            worker.ready = True
        elif kind == "doc":
            worker.document, worker.since = str(value), time.monotonic()
        elif kind in ("done", "leaving"):
            worker.job, worker.leaving = None, kind == "leaving"
            settle(value)

    def close(self) -> None:
        for worker in list(self.workers):
            if worker.job is None and worker.process.is_alive():
                with suppress(OSError):
                    worker.conn.send(None)
                self._retire(worker, kill=False)
            else:
                self._retire(worker, kill=True)
