"""How many pure-Python loops this machine runs at once as fast as one:
`python benchmarks/spin.py CORES` prints the speed-up (CORES on an idle machine with real
cores; less with busy neighbours or cores shared with another machine)."""

from __future__ import annotations

import sys
import time
from multiprocessing import get_context


def spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def speedup(cores: int, n: int = 5_000_000) -> float:
    start = time.perf_counter()
    spin(n)
    one = time.perf_counter() - start
    with get_context("spawn").Pool(cores) as pool:
        pool.map(spin, [1] * cores)  # started
        start = time.perf_counter()
        pool.map(spin, [n] * cores)
        many = time.perf_counter() - start
    return cores * one / many


if __name__ == "__main__":
    print(f"{speedup(int(sys.argv[1])):.3f}")
