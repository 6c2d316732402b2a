"""The largest workshop the limits allow: 200 five-minute blocks with 300 slides and 20
exercises (reliability review 2026-12-02, case 19). `check` lays out the whole deck to
find slides whose text does not fit, so its time grows with the slides."""

from __future__ import annotations

import statistics
from pathlib import Path

from common import PY, Table, fmt, peak_rss_mb, run, timed


def make_large(root: Path) -> Path:
    lines = ["title: Groot", "language: nl", "duration: 1000", "agenda:"]
    for b in range(200):
        lines += [
            f"  - title: Blok {b} over het werk en de mensen",
            "    minutes: 5",
            "    facilitator: Vertel kort wat de bedoeling is en vraag door op voorbeelden.",
            "    slides:",
        ]
        for k in range(2 if b < 100 else 1):
            lines += [
                f"      - title: Dia {k} van blok {b}",
                "        bullets: [Eerste punt dat iets langer is, Tweede punt over de praktijk,"
                " Derde punt met een vraag aan de groep]",
            ]
        if b % 10 == 0:
            lines.append(
                "    exercise: {title: Opdracht, instructions: Doe dit.,"
                " worksheet: [{question: Wat?, lines: 3}]}"
            )
    (root / "workshops").mkdir(parents=True)
    (root / "output").mkdir()
    (root / "workshops" / "groot.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def large_rows(table: Table, tmp: Path, runs: int) -> None:
    root = make_large(tmp / "large")
    cmd = [PY, "-m", "werkvorm", "check", "workshops/groot.yaml"]
    check_t = timed(lambda: run(cmd, root), max(1, min(runs, 3)))
    table.add(
        "`check` of a 300-slide, 200-block workshop",
        fmt(check_t),
        f"peak {peak_rss_mb(cmd, root):.0f} MB",
        "",
        "≤ 15 s",
        statistics.median(check_t) <= 15,
    )
