"""The heap of a long build: the libraries' objects kept out of garbage collection."""

from __future__ import annotations

_SETTLED: list[bool] = []


def settle() -> None:
    """Collect, then freeze what is alive (the imported libraries, their caches) out of
    every later garbage collection; once a process. Full collections in the middle of a
    layout otherwise scan those objects again and again: a fifth of a kit's time, and
    most of its jitter. Nothing is lost: what is frozen lives as long as the process."""
    if not _SETTLED:
        import gc

        gc.collect()
        gc.freeze()
        _SETTLED.append(True)
