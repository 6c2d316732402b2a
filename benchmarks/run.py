"""werkvorm's benchmark: `python benchmarks/run.py [--runs N] [--no-season] [--quick]`.

Builds a fixed set of inputs (the repository's own workshops and clients, a client with
60 participants, and a generated season of 40 clients with 30 participants each) and
prints a Markdown table of medians with min and max, each next to a reference measured
in the same run, as a ratio, against the goals of issues 9 and 19. Numbers belong in the
README's Performance section, never in timed tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import raw
from common import PY, Table, default_cores, fmt, peak_rss_mb, run, timed
from large import large_rows
from programme import programme_rows
from season import make_season, season_rows

REPO = Path(__file__).resolve().parents[1]
PEOPLE = 60  # the participants of the large client kit


def project_copy(tmp: Path, participants: int = 0) -> Path:
    root = tmp / f"project-{participants}"
    shutil.copytree(REPO / "workshops", root / "workshops")
    (root / "output").mkdir()
    if participants:
        names = [
            f"Deelnemer {n:02d} Jansen;Organisatie {n % 7}" for n in range(1, participants + 1)
        ]
        (root / "workshops" / "clients" / "bench-deelnemers.csv").write_text(
            "naam;organisatie\n" + "\n".join(names) + "\n", encoding="utf-8"
        )
        client = (root / "workshops" / "clients" / "gemeente-lindewaard.yaml").read_text(
            encoding="utf-8"
        )
        (root / "workshops" / "clients" / "bench.yaml").write_text(
            client.replace("lindewaard-deelnemers.csv", "bench-deelnemers.csv"), encoding="utf-8"
        )
        (root / "workshops" / "clients" / "bench-none.yaml").write_text(
            client.replace("participants: lindewaard-deelnemers.csv\n", ""), encoding="utf-8"
        )
        half = names[: participants // 2]
        (root / "workshops" / "clients" / "bench-half-deelnemers.csv").write_text(
            "naam;organisatie\n" + "\n".join(half) + "\n", encoding="utf-8"
        )
        (root / "workshops" / "clients" / "bench-half.yaml").write_text(
            client.replace("lindewaard-deelnemers.csv", "bench-half-deelnemers.csv"),
            encoding="utf-8",
        )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--season",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the season rows (40 clients x 30 participants; several minutes)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="for development: 1 run, and a season of 6 clients x 10 participants",
    )
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
    table = Table()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        base = project_copy(tmp)
        cli_rows(table, base, runs)
        kit_rows(table, tmp, base, runs)
        batch_rows(table, base, runs)
        pandoc_row(table, tmp, base, runs)
        docx_row(table, base, runs)
        watch_rows(table, runs)
        programme_rows(table, tmp, runs)  # issue 29
        large_rows(table, tmp, runs)  # reliability case 19
        if args.season:
            clients, people = (6, 10) if args.quick else (40, 30)
            season_rows(table, make_season(tmp / "season", clients, people), clients, people)
    print_table(table, runs)


def watch_rows(table: Table, runs: int) -> None:
    """`watch` on the largest seed workshop, through a real watch and its event stream
    (tools/measure_watch.py): a facilitator note (guide and deck change) and the title
    (every document changes), against the warm build of the same kit in the watch."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "measure_watch", REPO / "tools" / "measure_watch.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    found = tool.measure("spagaat", max(3, runs))
    saves = found["note"] + found["title"]
    html = [h for h, _ in saves]
    documents = [d for _, d in saves]
    table.timed_row(
        "`watch`: save → HTML preview shown (spagaat, note and title edits)",
        html,
        documents,
        "save → PDFs and deck current",
        "≤ 0.5 s",
        lambda r: statistics.median(html) <= 0.5,
    )
    for kind, what in (("note", "a facilitator note"), ("title", "the title (every document)")):
        done = [d for _, d in found[kind]]
        table.add(
            f"`watch`: save → PDFs and deck current, {what}",
            fmt(done),
            "",
            "",
            "≤ 2.5 s",
            statistics.median(done) <= 2.5,
        )


def cli_rows(table: Table, base: Path, runs: int) -> None:
    """The import cost of the command line, and a no-op rebuild against a full one."""
    help_t = timed(lambda: run([PY, "-m", "werkvorm", "--help"], base), runs)
    bare_t = timed(lambda: run([PY, "-c", "pass"], base), runs)
    table.timed_row(
        "`werkvorm --help` vs bare Python",
        help_t,
        bare_t,
        "python -c pass",
        "≤ 0.35 s over bare Python",
        lambda d: d <= 0.35,
        lambda a, b: a - b,
    )
    cli = [PY, "-m", "werkvorm", "build", "spagaat"]
    full_t = timed(lambda: run([*cli, "--force"], base), runs)
    noop_t = timed(lambda: run(cli, base), runs)
    table.timed_row(
        "no-op rebuild vs full build (command line)",
        noop_t,
        full_t,
        "full build",
        "≤ 10%",
        lambda r: r <= 0.10,
    )


def kit_rows(table: Table, tmp: Path, base: Path, runs: int) -> None:
    """One generic kit against the raw calls, and what participants add to a kit."""
    from werkvorm.compose import compose
    from werkvorm.kits.build import build_kit, load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render import documents
    from werkvorm.render.deck import build_deck
    from werkvorm.render.pdf import layout as pdf_layout
    from werkvorm.resources import builtin_templates

    project = Project(base)
    spagaat = project.workshop("spagaat")

    def kit() -> None:
        build_kit(project, "workshop", spagaat, formats=["pdf", "pptx"], force=True)

    kit()  # warm up
    kit_t = timed(kit, runs)
    session = compose(load_inputs(project, "workshop", spagaat).workshop)
    sources = raw.kit_html(session)  # outside the timing: the same HTML the kit lays out
    deck_bytes, _ = build_deck(session)
    raw.raw_kit(sources, deck_bytes)  # warm up
    raw_t = timed(lambda: raw.raw_kit(sources, deck_bytes), runs)
    table.timed_row(
        f"one generic kit ({', '.join(sources)} PDFs, deck), warm",
        kit_t,
        raw_t,
        "raw WeasyPrint + python-pptx on the same HTML and deck",
        "overhead ≤ 10%",
        lambda r: r <= 1.10,
    )

    allowed = documents.allowed_folders(session, None)
    lay_t, write_t = [], []
    for _ in range(runs):
        start = time.perf_counter()
        laid = pdf_layout(
            sources["handout"], base_url=builtin_templates(), allowed=allowed, name="bench"
        )
        lay_t.append(time.perf_counter() - start)
        start = time.perf_counter()
        laid.write()
        write_t.append(time.perf_counter() - start)
    table.timed_row(
        "writing the handout PDF vs laying it out",
        write_t,
        lay_t,
        "layout",
        "≤ 0.35×",
        lambda r: r <= 0.35,
    )
    participant_rows(table, tmp, kit_t, runs)


def participant_rows(table: Table, tmp: Path, kit_t: list[float], runs: int) -> None:
    """A client kit with 60 participants, the same client without a list, a generic kit."""
    from werkvorm.kits.build import build_kit
    from werkvorm.project.folder import Project

    project = Project(project_copy(tmp, participants=PEOPLE))
    with_list = project.clients_dir / "bench.yaml"
    without = project.clients_dir / "bench-none.yaml"

    def client(path: Path) -> Callable[[], object]:
        return lambda: build_kit(project, "client", path, formats=["pdf", "pptx"], force=True)

    half = project.clients_dir / "bench-half.yaml"
    client(with_list)()
    client(without)()  # warm up
    client(half)()
    full_t, none_t, half_t = [], [], []
    for _ in range(runs):  # interleaved, so a busy moment hits all alike
        full_t += timed(client(with_list), 1)
        none_t += timed(client(without), 1)
        half_t += timed(client(half), 1)
    for label, ref_t, count, ref_name in (
        (f"(client kit with {PEOPLE} − the same without a list) ÷ {PEOPLE}", none_t, PEOPLE,
         "the client kit without a list"),
        (f"one more: (kit with {PEOPLE} − kit with {PEOPLE // 2}) ÷ {PEOPLE - PEOPLE // 2}",
         half_t, PEOPLE - PEOPLE // 2, f"the kit with {PEOPLE // 2}"),
    ):  # fmt: skip
        per = [(a - b) / count * 1000 for a, b in zip(full_t, ref_t, strict=True)]
        med = statistics.median(full_t) - statistics.median(ref_t)
        table.add(
            f"per extra participant, {label}",
            f"{med / count * 1000:.1f} ms ({min(per):.1f}–{max(per):.1f})",
            f"{ref_name}: {fmt(ref_t)}",
            f"{med / count / statistics.median(ref_t):.3f}",
            "≤ 15 ms",
            med / count <= 0.015,
        )
    table.timed_row(
        f"client kit with {PEOPLE} participants vs one generic kit",
        full_t,
        kit_t,
        "generic kit",
        "≤ 3×",
        lambda r: r <= 3,
    )
    rss = peak_rss_mb([PY, "-m", "werkvorm", "build", "bench", "--force"], project.root)
    table.add(
        f"peak RSS, {PEOPLE}-participant build (largest process)",
        f"{rss:.0f} MB",
        "",
        "",
        "< 500 MB",
        rss < 500,
    )


def batch_rows(table: Table, base: Path, runs: int) -> None:
    """`build --all` of the repository's own project with one worker against two."""
    all_cmd = [PY, "-m", "werkvorm", "build", "--all", "--force"]
    one_t = timed(lambda: run([*all_cmd, "--jobs", "1"], base), max(2, runs // 2))
    two_t = timed(lambda: run([*all_cmd, "--jobs", "2"], base), max(2, runs // 2))
    table.timed_row(
        "`build --all` with `--jobs 2` vs `--jobs 1`",
        two_t,
        one_t,
        "--jobs 1",
        "speed-up ≥ 1.8×",
        lambda r: r >= 1.8,
        lambda a, b: b / a,
    )


def pandoc_row(table: Table, tmp: Path, base: Path, runs: int) -> None:
    """The route a technical trainer would script, cold, against a cold `werkvorm build`.

    `build --format pdf,pptx` makes handout, guide, evaluation form and follow-up PDFs and
    the deck (no option makes fewer PDFs), so the pandoc route makes the same four: pandoc
    md → pptx, and for each PDF pandoc md → HTML and the `weasyprint` command.
    """
    if not shutil.which("pandoc"):
        return
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project

    project = Project(base)
    session = compose(load_inputs(project, "workshop", project.workshop("spagaat")).workshop)
    texts = {
        "handout": raw.session_markdown(session),
        "guide": raw.session_markdown(session),
        "evaluation": raw.evaluation_markdown(session),
        "follow-up": raw.followup_markdown(session),
    }
    for name, text in texts.items():
        (tmp / f"{name}.md").write_text(text, encoding="utf-8")

    def pandoc_route() -> None:
        run(["pandoc", str(tmp / "handout.md"), "-o", str(tmp / "p.pptx")], tmp)
        for name in texts:
            run(["pandoc", str(tmp / f"{name}.md"), "-s", "-o", str(tmp / f"{name}.html")], tmp)
            run([PY, "-m", "weasyprint", str(tmp / f"{name}.html"), str(tmp / f"{name}.pdf")], tmp)

    pandoc_t = timed(pandoc_route, runs)
    cli = [PY, "-m", "werkvorm", "build", "spagaat", "--force", "--format", "pdf,pptx"]
    cold_t = timed(lambda: run(cli, base), runs)
    table.timed_row(
        "`werkvorm build --format pdf,pptx` cold vs the pandoc route, both making handout, "
        "guide, evaluation, follow-up PDFs and the deck",
        cold_t,
        pandoc_t,
        "pandoc md → pptx, 4× pandoc md → HTML + `weasyprint`",
        "≤ 1.0×",
        lambda r: r <= 1.0,
    )


def docx_row(table: Table, base: Path, runs: int) -> None:
    """The Word handout and guide (--format docx) against laying out the handout PDF."""
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render import documents
    from werkvorm.render.docx import guide_docx, handout_docx
    from werkvorm.render.pdf import layout as pdf_layout
    from werkvorm.resources import builtin_templates

    project = Project(base)
    path = project.clients_dir / "gemeente-lindewaard.yaml"
    inputs = load_inputs(project, "client", path)
    session = compose(inputs.workshop, inputs.client)
    handout = raw.kit_html(session)["handout"]
    allowed = documents.allowed_folders(session, None)

    def word() -> None:
        handout_docx(session)
        guide_docx(session)

    def pdf() -> None:
        pdf_layout(handout, base_url=builtin_templates(), allowed=allowed, name="bench")

    word()  # warm up
    table.timed_row(
        "handout.docx + guide.docx vs laying out the handout PDF",
        timed(word, runs),
        timed(pdf, runs),
        "handout PDF layout",
        "≤ 0.5×",
        lambda r: r <= 0.5,
    )


def print_table(table: Table, runs: int) -> None:
    cores = default_cores()
    print(
        f"werkvorm benchmark, {date.today().isoformat()}, {platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}, {runs} runs, medians (min–max)\n"
    )
    print("| what | werkvorm | reference | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for r in table.rows:
        print("| " + " | ".join(r) + " |")
    print()
    print(json.dumps({"runs": runs, "cores": cores}))


if __name__ == "__main__":
    main()
