"""The PDFs and deck ``werkvorm watch`` keeps current, in the background.

After each save the HTML preview comes first; then one thread in the watch process
builds the kit's documents into ``output/.preview/.documents/<client>/<workshop>/``
(never the kit in ``output/``). Only documents whose inputs changed are laid out
again (:class:`werkvorm.render.memo.LayoutMemo`). Saves during a build do not queue
up: the running build stops at the next document and one build follows, for the
newest state. One build at a time, as WeasyPrint is not thread-safe.

The per-participant files (personal copies, certificates, sign-in sheet, badges) are
left out: they are stamps of the handout or lists of names, the preview cannot show
them, and their cost grows with the list. ``build`` makes them.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from werkvorm.compose.session import Session
from werkvorm.errors import WerkvormError
from werkvorm.kits.layout import PREVIEW, Kind
from werkvorm.kits.layoutworker import LayoutWorker
from werkvorm.kits.options import BuildOptions
from werkvorm.project.folder import Project
from werkvorm.render.memo import LayoutMemo, file_fingerprint

DOCUMENTS_DIR = ".documents"  # under output/.preview/; a client's slug never starts with "."


class Abandoned(Exception):
    """A newer save arrived: this build stops at the next document."""


@dataclass(frozen=True)
class Built:
    """One finished background build: its folder, the time since the save, and the
    documents it laid out again out of all it holds (by layout name)."""

    folder: Path
    seconds: float
    laid_out: tuple[str, ...]
    documents: tuple[str, ...]


def documents_root(project: Project) -> Path:
    return project.output_dir / PREVIEW / DOCUMENTS_DIR


def _deck_parts(session: Session, memo: LayoutMemo) -> tuple[str, ...]:
    """What the deck is made from: the session, its folders' images, the deck template
    and the logo."""
    from werkvorm.render.documents import allowed_folders

    return (
        session.model_dump_json(),
        memo.fingerprint(allowed_folders(session, None)),
        file_fingerprint([session.deck_template, session.branding.logo]),
    )


def _deck(session: Session, memo: LayoutMemo) -> bytes:
    from werkvorm.render.deck import render_deck

    return memo.get("deck.pptx", _deck_parts(session, memo), lambda: render_deck(session))


def _hand_over(
    session: Session, templates: Path | None, memo: LayoutMemo, worker: LayoutWorker
) -> bool:
    """Start the worker on what changed: the guide (with the handout the longest
    document of a kit), then the deck, unless the guide changed and the handout did
    not (the watch process would wait idle). True when the deck was handed over; the
    build's turn for a handed-over document waits for the worker."""
    from werkvorm.render.documents import layout_request

    def changed(template: str, document: str) -> bool:
        request = layout_request(template, session, templates, document=document)
        parts = memo.layout_parts(request.html, request.base_url, request.allowed)
        if memo.known(request.name, parts):
            return False
        if document == "guide.pdf":
            memo.promise(request.name, parts, worker.submit(request))
        return True

    guide = changed("guide.html.j2", "guide.pdf")
    handout = changed("handout.html.j2", "handout.pdf")
    deck = _deck_parts(session, memo)
    if (guide and not handout) or memo.known("deck.pptx", deck):
        return False
    memo.promise("deck.pptx", deck, worker.submit_deck(session))
    return True


def build_documents(
    project: Project,
    kind: Kind,
    path: Path,
    memo: LayoutMemo,
    stale: Callable[[], bool],
    worker: LayoutWorker | None = None,
) -> tuple[Path, tuple[str, ...], tuple[str, ...]]:
    """Build the kit's PDFs and deck into the preview's documents folder (the guide and
    perhaps the deck in ``worker``, when given, meanwhile); raise :class:`Abandoned` as
    soon as ``stale()`` says a newer save wants a build. Returns the folder, the
    documents laid out again and all the build used (by layout name)."""
    from werkvorm.kits.build import plan_kit, render_kit, write_kit

    options = BuildOptions(formats=("pdf", "pptx"), out=documents_root(project), force=True)
    plan = plan_kit(project, kind, path, options)
    session = plan.session.model_copy(update={"participants": []})
    templates = project.templates_dir if project.templates_dir.is_dir() else None

    @contextmanager
    def guard(name: str) -> Iterator[None]:
        if stale():
            raise Abandoned
        yield

    with memo.round():
        handed_over = worker is not None and _hand_over(session, templates, memo, worker)
        if not handed_over:
            with guard("deck.pptx"):  # while the worker lays out the guide
                deck = _deck(session, memo)
        documents = render_kit(session, project, ("pdf",), guard)
        if handed_over:
            deck = _deck(session, memo)  # waits for the worker
        documents["deck.pptx"] = deck
        laid_out, used = tuple(memo.laid_out), (*memo.laid_out, *memo.reused)
    if stale():
        raise Abandoned
    write_kit(plan, dict(sorted(documents.items())))
    return plan.folder, tuple(dict.fromkeys(laid_out)), tuple(dict.fromkeys(used))


class Background:
    """One thread that runs ``job`` whenever asked, coalescing requests.

    ``request()`` returns at once. A request during a build makes that build stop at the
    next document (``job`` gets a ``stale`` callable) and one new build start, for the
    newest request; ``on_done`` hears only of a build no newer request overtook.
    """

    def __init__(
        self,
        job: Callable[[Callable[[], bool]], tuple[Path, tuple[str, ...], tuple[str, ...]]],
        on_done: Callable[[Built], None],
        on_failed: Callable[[str], None],
    ) -> None:
        self.job, self.on_done, self.on_failed = job, on_done, on_failed
        self._cond = threading.Condition()
        self._wanted = self._started = 0
        self._asked_at = 0.0
        self._closing = False
        self.busy = False  # a build is running
        self.runs = 0  # builds started (for tests and the curious)
        self._thread = threading.Thread(target=self._run, name="werkvorm-documents", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._cond:
            self._wanted += 1
            self._asked_at = time.monotonic()
            self._cond.notify_all()

    def idle(self, timeout: float) -> bool:
        """Wait until every request has been built (or failed); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._started != self._wanted or self.busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float = 30) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _stale(self, number: int) -> bool:
        return self._closing or self._wanted != number

    def _next(self) -> tuple[int, float] | None:
        with self._cond:
            self.busy = False
            self._cond.notify_all()
            while self._wanted == self._started and not self._closing:
                self._cond.wait()
            if self._closing:
                return None
            self._started = self._wanted
            self.busy = True
            self.runs += 1
            return self._started, self._asked_at

    def _run(self) -> None:
        while (asked := self._next()) is not None:
            number, since = asked
            try:
                folder, laid_out, documents = self.job(functools.partial(self._stale, number))
            except Abandoned:
                continue
            except WerkvormError as exc:
                if not self._stale(number):
                    self.on_failed(exc.message)
                continue
            except Exception as exc:  # a bug must not end the thread silently
                if not self._stale(number):
                    self.on_failed(f"{exc.__class__.__name__}: {exc}")
                continue
            if not self._stale(number):
                self.on_done(Built(folder, time.monotonic() - since, laid_out, documents))
