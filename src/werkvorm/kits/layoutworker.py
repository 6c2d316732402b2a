"""A second process for ``watch``: it lays out the guide (and makes the deck when the
handout changed too) while the watch process lays out the other documents, so a save that touches every document (a title) is current in
about the time of the longest one, on two cores.

The worker is *spawned* (never forked: the watch process runs threads) once, when
``watch`` starts; it imports WeasyPrint once and stays alive between saves. It gets
plain values (the HTML, folders and names of :class:`LayoutRequest`) and returns the
PDF bytes with the preflight's findings. When it cannot (it died, it could not start)
the document is laid out in the watch process instead: slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from werkvorm.compose.session import Session
from werkvorm.errors import RenderError, WerkvormError
from werkvorm.render.documents import LayoutRequest

if TYPE_CHECKING:
    from werkvorm.render.pdf import Layout

T = TypeVar("T")
Result = tuple[bytes, list[str]] | str  # the PDF and its findings, or what went wrong


def _start(parent: int) -> None:
    """In the worker, first: Ctrl-C is the watch process's business (it stops us); end
    when the watch process is gone (killed, it cannot say so); import WeasyPrint."""
    import os
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    import werkvorm.render.pdf  # noqa: F401


def _ready() -> None:
    return None


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while the worker process starts: an ignored signal stays ignored
    across exec, and Python then leaves it so, from the child's first instruction (its
    initializer runs only after its imports). The watch process stops the worker."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def lay_out(request: LayoutRequest) -> Result:
    """In the worker: one document, laid out, checked and written (errors as text)."""
    from werkvorm.render.pdf import fresh_layout
    from werkvorm.render.preflight import preflight

    try:
        laid = fresh_layout(request.html, request.base_url, request.allowed, request.name)
        return laid.write(), preflight(laid.document, request.document)
    except WerkvormError as exc:
        return exc.message


def make_deck(session: Session) -> bytes | str:
    """In the worker: the deck (errors as text)."""
    from werkvorm.render.deck import render_deck

    try:
        return render_deck(session)
    except WerkvormError as exc:
        return exc.message


class LayoutWorker:
    """One spawned process laying out one document at a time."""

    def __init__(self) -> None:
        import multiprocessing
        import os

        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(os.getpid(),),
        )
        with _sigint_ignored():  # inherited through the spawn: a Ctrl-C while the
            self.pool.submit(_ready)  # child still imports never prints its traceback

    def _deferred(
        self,
        work: Callable[[Any], Any],
        argument: Any,
        here: Callable[[], T],
        done: Callable[[Any], T],
    ) -> Callable[[], T]:
        """Start ``work(argument)`` in the worker; the returned callable waits for it and
        gives ``done(result)``, or ``here()`` when the worker failed or is gone. An error
        the work reports (a string) is raised as the :class:`RenderError` it was."""
        try:
            future: Future[Any] | None = self.pool.submit(work, argument)
        except Exception:  # the worker is gone (broken or shut down)
            future = None

        def resolve() -> T:
            try:
                if future is None:
                    raise RuntimeError("no worker")
                result = future.result()
            except Exception:  # the worker died or never started: do it here
                return here()
            if isinstance(result, str):
                raise RenderError(result)
            return done(result)

        return resolve

    def submit(self, request: LayoutRequest) -> Callable[[], Layout]:
        """Start laying out ``request``; the returned callable waits for the layout
        (a stand-in holding the bytes and findings), or lays it out here."""

        def done(result: tuple[bytes, list[str]]) -> Layout:
            from werkvorm.render.pdf import Layout

            laid = Layout(None, request.name)
            laid.written, laid.findings[request.document] = result
            return laid

        def here() -> Layout:
            from werkvorm.render.pdf import fresh_layout

            return fresh_layout(request.html, request.base_url, request.allowed, request.name)

        return self._deferred(lay_out, request, here, done)

    def submit_deck(self, session: Session) -> Callable[[], bytes]:
        """Start making the deck; the returned callable waits for it (or makes it here)."""

        def here() -> bytes:
            from werkvorm.render.deck import render_deck

            return render_deck(session)

        def done(result: bytes) -> bytes:
            return result

        return self._deferred(make_deck, session, here, done)

    def close(self) -> None:
        """Stop the worker: what is queued is dropped, a layout under way finishes (about
        a second at most; not waiting leaves Python's exit handler a closed pipe)."""
        self.pool.shutdown(wait=True, cancel_futures=True)
