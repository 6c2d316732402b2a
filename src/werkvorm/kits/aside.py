"""One kit on two cores: some documents laid out in a forked process beside the build.

WeasyPrint runs on one core, and a kit's documents do not depend on each other (only
the personal copies and the booklet need the handout). When the command line builds a
single kit, the guide, the evaluation form and the follow-up are laid out in a child
process forked from the build, while the build lays out the handout, the personal
documents and the deck; the child sends its bytes back. ``--all`` uses one process per
kit instead (``batch``), so this is for one kit only.

Only on Linux with more than one core: ``fork`` is the cheap start (the child has
everything imported and loaded already) and it is unsafe on macOS with its system
frameworks; Windows has no ``fork``. The child dies with its parent (a worker stopped
for overrunning takes its child along), and if the child fails in any way its documents
are laid out again in the build itself, where the real error shows as usual.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Any

ASIDE = ("guide.pdf", "evaluation.pdf", "followup.*", "slides.pdf")


def available() -> bool:
    """Whether this machine can lay out a kit's documents in two processes."""
    if sys.platform != "linux" or not hasattr(os, "sched_getaffinity"):
        return False
    return len(os.sched_getaffinity(0)) > 1


def _die_with_parent() -> None:
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Aside:
    """``render(documents)`` running in a forked child; ``result()`` waits for it and
    gives its documents and findings, or None when the child failed.

    A plain ``os.fork`` and a pipe: ``multiprocessing`` refuses children to the batch's
    worker processes (they are daemons), and the child needs nothing it offers."""

    def __init__(
        self,
        render: Callable[[Sequence[Any]], tuple[dict[str, bytes], list[str]]],
        documents: Sequence[Any],
    ) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: lay out, send, and leave without running the parent's code
            os.close(read)
            status = 0
            try:
                _die_with_parent()
                payload = pickle.dumps(("done", render(documents)))
            except BaseException:  # the parent lays these out again, and reports the error
                payload, status = pickle.dumps(("failed", None)), 1
            try:
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.read = pid, read

    def cancel(self) -> None:
        """Stop the child (the build failed before it needed the child's documents)."""
        import signal

        os.close(self.read)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)

    def result(self) -> tuple[dict[str, bytes], list[str]] | None:
        try:
            with os.fdopen(self.read, "rb") as incoming:
                data = incoming.read()
        finally:
            os.waitpid(self.pid, 0)
        try:
            kind, payload = pickle.loads(data)
        except Exception:  # the child died without a word
            return None
        return payload if kind == "done" else None
