"""The programme rows of the benchmark (issue 29): `python benchmarks/programme.py [--runs N]`
prints them alone; `benchmarks/run.py` includes them.

- A programme of four sessions for a client with 30 participants against the same four
  session kits built alone (each a client profile with that session's workshop, date and
  start), both in this process with the same options as `werkvorm build NAME`: goal
  ≤ 1.15×.
- The personalised binders of 30 participants divided by 30, as a build makes them (the
  names were laid out for the sessions' personal handouts; each copy is stamped and
  saved) and with the names' layout counted in: goal ≤ 30 ms a participant.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import Table, fmt, timed

REPO = Path(__file__).resolve().parents[1]
PEOPLE = 30
SESSIONS = [
    ("kanteling", "2031-03-04", "09:30"),
    ("spagaat", "2031-03-18", "13:30"),
    ("zes-competenties", "2031-04-01", "09:30"),
    ("strategieschrijvers", "2031-04-15", "09:30"),
]


def programme_project(tmp: Path) -> Path:
    """The repository's workshops, a client with 30 participants, a programme of four
    sessions for it, and the four session kits as client profiles of their own."""
    root = tmp / "programme-project"
    shutil.copytree(REPO / "workshops", root / "workshops")
    clients = root / "workshops" / "clients"
    names = [f"Deelnemer {n:02d} Jansen;Organisatie {n % 7}" for n in range(1, PEOPLE + 1)]
    (clients / "bench-deelnemers.csv").write_text(
        "naam;organisatie\n" + "\n".join(names) + "\n", encoding="utf-8"
    )
    profile = (clients / "gemeente-lindewaard.yaml").read_text(encoding="utf-8")
    profile = profile.replace("lindewaard-deelnemers.csv", "bench-deelnemers.csv")
    (clients / "bench-programme.yaml").write_text(profile, encoding="utf-8")
    lines = ["title: Leergang", "client: bench-programme", "sessions:"]
    for n, (workshop, day, start) in enumerate(SESSIONS, 1):
        lines += [f"  - workshop: {workshop}", f"    date: {day}", f'    start: "{start}"']
        alone = profile.replace("workshop: spagaat", f"workshop: {workshop}")
        alone = alone.replace("date: 2026-12-03", f"date: {day}")
        alone = alone.replace('start: "09:30"', f'start: "{start}"')
        alone = alone.replace("minutes: {wat-doe-je-al: 25, gelijkgestemden: 25}\n", "")
        (clients / f"bench-alone-{n}.yaml").write_text(alone, encoding="utf-8")
    (root / "workshops" / "programmes" / "bench.yaml").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    return root


def programme_rows(table: Table, tmp: Path, runs: int) -> None:
    from werkvorm.kits.build import build_kit
    from werkvorm.kits.options import BuildOptions
    from werkvorm.kits.programme import build_programme, plan_programme
    from werkvorm.project.folder import Project

    project = Project(programme_project(tmp))
    options = BuildOptions(force=True, parallel=True)  # as `werkvorm build NAME` does
    path = project.programmes_dir / "bench.yaml"
    alone = [project.clients_dir / f"bench-alone-{n}.yaml" for n in range(1, len(SESSIONS) + 1)]

    def programme() -> None:
        build_programme(project, path, options)

    def kits() -> None:
        for client in alone:
            build_kit(project, "client", client, options)

    programme()
    kits()  # warm up
    programme_t, kits_t = [], []
    for _ in range(runs):  # interleaved, so a busy moment hits both alike
        programme_t += timed(programme, 1)
        kits_t += timed(kits, 1)
    table.timed_row(
        f"a programme of {len(SESSIONS)} sessions ({PEOPLE} participants) vs its "
        f"{len(SESSIONS)} kits built alone",
        programme_t,
        kits_t,
        f"the {len(SESSIONS)} kits",
        "≤ 1.15×",
        lambda r: r <= 1.15,
    )
    binder_row(table, project, plan_programme(project, path, options), runs)


def binder_row(table: Table, project: object, plan: object, runs: int) -> None:
    """The personalised binders per participant: as a build makes them (the names were
    laid out for the sessions' personal handouts, and are stamped again), and with the
    names' layout counted in."""
    from werkvorm.kits.programme import ProgrammePlan
    from werkvorm.render.binder import binder_pdf, personal_binders
    from werkvorm.render.documents import handout_pdf
    from werkvorm.render.personal import forget_names, handout_names

    assert isinstance(plan, ProgrammePlan)
    programme = plan.programme
    handouts = [handout_pdf(s) for s in programme.sessions]
    bound = binder_pdf(programme, handouts)
    personal_binders(programme, bound)  # warm up
    in_build: list[float] = []
    all_in: list[float] = []
    for _ in range(runs):  # interleaved
        handout_names(programme.sessions[-1])  # what the last session's kit did
        start = time.perf_counter()
        made = personal_binders(programme, bound)
        in_build.append((time.perf_counter() - start) / len(made) * 1000)
        forget_names()
        start = time.perf_counter()
        made = personal_binders(programme, bound)
        all_in.append((time.perf_counter() - start) / len(made) * 1000)
    binder_t = fmt(timed(lambda: binder_pdf(programme, handouts), 1))
    for label, per in (
        ("as a build makes them, ÷", in_build),
        ("the names' layout counted in, ÷", all_in),
    ):
        med = statistics.median(per)
        table.add(
            f"personalised binders ({PEOPLE} participants, {len(handouts)} handouts bound), "
            f"{label} {PEOPLE}",
            f"{med:.1f} ms ({min(per):.1f}–{max(per):.1f})",
            f"the binder itself: {binder_t}",
            "",
            "≤ 30 ms",
            med <= 30,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    table = Table()
    with tempfile.TemporaryDirectory() as tmpdir:
        programme_rows(table, Path(tmpdir), args.runs)
    print("| what | werkvorm | reference | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for r in table.rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
