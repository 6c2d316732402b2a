"""``werkvorm watch``: rebuild on every save and serve a preview that reloads itself.

The preview is built in a folder of its own (``output/.preview/<client>/<workshop>/``),
never in the kit: watching never deletes or outdates a kit in ``output/``. The HTML
comes first; then the PDFs and deck are brought up to date in the background
(:mod:`werkvorm.preview.livedocs`) and the page says when they are current. What happens is
reported as :class:`WatchEvent` values; the command line decides how to print them.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from werkvorm.errors import WerkvormError
from werkvorm.kits.layout import PREVIEW, Kind, kit_folder
from werkvorm.kits.layoutworker import LayoutWorker
from werkvorm.kits.options import BuildOptions, Format
from werkvorm.preview.livedocs import Background, Built, build_documents
from werkvorm.preview.server import Preview, serve
from werkvorm.project.folder import Project
from werkvorm.render.memo import LayoutMemo

DEFAULT_PORT = 8765
EventKind = Literal["built", "failed", "extra-built", "extra-failed", "serving", "stopped"]


@dataclass(frozen=True)
class WatchEvent:
    """One thing ``watch`` did: a preview built (in ``seconds``), a save that failed
    (``message`` and ``details``, one per problem), the server's ``url``, or the end.

    ``extra-built``: the PDFs and deck are current, ``seconds`` after the save;
    ``details`` names the documents laid out again, ``total`` how many the kit holds.
    ``extra-failed``: their background build failed (``message``)."""

    kind: EventKind
    message: str = ""
    details: tuple[str, ...] = ()
    seconds: float = 0.0
    url: str = ""
    total: int = 0


class _Rebuilder:
    def __init__(
        self,
        project: Project,
        kind: Kind,
        path: Path,
        extra: tuple[Format, ...],
        report: Callable[[WatchEvent], None],
    ) -> None:
        self.project, self.kind, self.path, self.extra = project, kind, path, extra
        self.report = report
        out = project.output_dir / PREVIEW
        self.html = BuildOptions(formats=("html",), out=out, force=True)
        self.preview = Preview(out)
        self.memo = LayoutMemo()
        self.documents: Background | None = None
        self.worker: LayoutWorker | None = None

    def keep_documents_current(self, worker: bool = True) -> Background:
        """Start the background thread that builds the PDFs and deck after each save
        (and the process that lays out the guide meanwhile, unless ``worker`` is False)."""
        if worker and self.worker is None:
            self.worker = LayoutWorker()
        if self.documents is None:
            self.documents = Background(
                lambda stale: build_documents(
                    self.project, self.kind, self.path, self.memo, stale, self.worker
                ),
                self._documents_built,
                self._documents_failed,
            )
        return self.documents

    def close(self) -> None:
        """Stop the background build (at its next document) and the worker."""
        if self.documents is not None:
            self.documents.close(timeout=10)
        if self.worker is not None:
            self.worker.close()

    def _documents_built(self, built: Built) -> None:
        self.preview.publish_documents("current", folder=built.folder)
        message = "PDFs and deck current"
        total = len(built.documents)
        self.report(WatchEvent("extra-built", message, built.laid_out, built.seconds, total=total))

    def _documents_failed(self, message: str) -> None:
        self.preview.publish_documents("failed", message)
        self.report(WatchEvent("extra-failed", f"PDFs and deck: {message}"))

    def __call__(self) -> None:
        from werkvorm.kits.build import build_kit

        start = time.monotonic()
        try:
            result = build_kit(self.project, self.kind, self.path, self.html)
        except WerkvormError as exc:
            lines = tuple(p.format() for p in exc.problems) or (exc.message,)
            shown = [exc.message, *lines] if exc.problems else list(lines)
            self.preview.publish(None, shown)
            self.report(WatchEvent("failed", exc.message, lines))
            return
        session = result.session
        kit = None
        if session is not None:
            client = None if session.client_id == "generic" else session.client_id
            kit = kit_folder(self.project.output_dir, client, session.workshop)
        if self.documents is not None:
            self.preview.publish_documents("updating")
        self.preview.publish(result.folder, [], kit)
        self.report(WatchEvent("built", seconds=time.monotonic() - start))
        if self.documents is not None:
            self.documents.request()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """SIGTERM (a service manager, a closed terminal) stops the watch as Ctrl-C does: the
    workers shut down, no semaphores leak, "stopped" is said. The previous handler, to
    put back; None off the main thread, where handlers cannot be set."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)


def watch(
    project: Project,
    kind: Kind,
    path: Path,
    *,
    extra_formats: tuple[Format, ...] = (),
    open_browser: bool = False,
    port: int = DEFAULT_PORT,
    on_event: Callable[[WatchEvent], None] = lambda event: None,
) -> None:
    """Build, serve and rebuild until Ctrl-C (then a ``stopped`` event). The PDFs and
    deck are kept current in the background; ``extra_formats`` is accepted for old
    callers and no longer needed."""
    rebuild = _Rebuilder(project, kind, path, extra_formats, on_event)
    rebuild.keep_documents_current()
    rebuild()
    serve_until_stopped(
        project, rebuild.preview, rebuild, port, open_browser, on_event, rebuild.close
    )


def serve_until_stopped(
    project: Project,
    preview: Preview,
    rebuild: Callable[[], None],
    port: int,
    open_browser: bool,
    on_event: Callable[[WatchEvent], None],
    close: Callable[[], None] = lambda: None,
) -> None:
    """Serve ``preview`` and call ``rebuild`` after every save in the project's
    workshops and templates, until Ctrl-C; then stop the server and ``close``."""
    import logging
    import webbrowser

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # we say "stopped" ourselves
    try:
        server, url = serve(preview, port)
    except OSError as exc:
        if port == 0:
            raise WerkvormError(f"cannot start the preview server: {exc.strerror}") from exc
        server, url = serve(preview, 0)  # the port is taken: any free one
    on_event(WatchEvent("serving", url=url))
    if open_browser:
        webbrowser.open(url)
    watched = [str(project.workshops_dir)]
    if project.templates_dir.is_dir():
        watched.append(str(project.templates_dir))
    previous = _stop_on_sigterm()
    try:
        for _changes in watchfiles.watch(*watched, debounce=250, step=50, raise_interrupt=False):
            rebuild()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        preview.closing = True
        with preview.changed:
            preview.changed.notify_all()
        server.shutdown()
        server.server_close()
        close()
        on_event(WatchEvent("stopped"))
