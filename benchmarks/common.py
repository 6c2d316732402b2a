"""What the benchmark's rows share: timing, running a command, peak memory, the table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PY = sys.executable


def default_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")


def peak_rss_mb(cmd: list[str], cwd: Path) -> float:
    """Peak resident memory of the largest process of a command (its workers included)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [PY, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def fmt(values: list[float], unit: str = "s") -> str:
    med = statistics.median(values)
    if unit == "MB":
        return f"{med:.0f} MB"
    return f"{med:.3f} s ({min(values):.3f}–{max(values):.3f})"


@dataclass
class Table:
    """The rows of one run: each with its reference, measured in the same run."""

    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, what: str, ours: str, ref: str, ratio: float | str, goal: str, met: bool) -> None:
        shown = f"{ratio:.2f}" if isinstance(ratio, float) else ratio
        self.rows.append((what, ours, ref, shown, goal, "yes" if met else "**no**"))

    def timed_row(
        self,
        what: str,
        ours: list[float],
        ref: list[float],
        ref_name: str,
        goal: str,
        ok: Callable[[float], bool],
        ratio_of: Callable[[float, float], float] | None = None,
    ) -> None:
        a, b = statistics.median(ours), statistics.median(ref)
        ratio = ratio_of(a, b) if ratio_of else a / b
        self.add(what, fmt(ours), f"{ref_name}: {fmt(ref)}", ratio, goal, ok(ratio))
