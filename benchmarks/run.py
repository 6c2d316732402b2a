"""werkvorm's benchmark: `python benchmarks/run.py [--runs N]`.

Builds a fixed set of inputs (the repository's own workshops and clients, plus a client
with 60 participants) and prints a Markdown table of medians with min and max, each next
to a reference measured in the same run, as a ratio, against the goals of issue 9.
Numbers belong in the README's Performance section, never in timed tests.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable


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
    return root


def session_markdown(session: object) -> str:
    """The workshop's texts as one Markdown file, as a trainer would keep it for pandoc."""
    from werkvorm.session import Session

    assert isinstance(session, Session)
    out = [f"# {session.title}", "", session.summary, ""]
    for item in session.items:
        out += [f"## {item.start} {item.title}", "", item.intro, ""]
        for slide in item.slides:
            out += [f"### {slide.title or item.title}", ""]
            out += [f"- {b}" for b in slide.bullets + slide.quote.splitlines()]
            out.append("")
        if item.exercise:
            out += [f"### {item.exercise.title}", "", item.exercise.instructions, ""]
        out += [item.facilitator, ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs
    os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")

    from werkvorm.compose import compose
    from werkvorm.kits import build_kit, load_inputs
    from werkvorm.project import Project
    from werkvorm.render import documents, html
    from werkvorm.render.deck import build_deck

    rows: list[tuple[str, str, str, str, str, str]] = []

    def row(
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
        rows.append(
            (
                what,
                fmt(ours),
                f"{ref_name}: {fmt(ref)}",
                f"{ratio:.2f}",
                goal,
                "yes" if ok(ratio) else "**no**",
            )
        )

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        base = project_copy(tmp)
        big = project_copy(tmp, participants=60)

        # 1. The import cost of the CLI.
        help_t = timed(lambda: run([PY, "-m", "werkvorm", "--help"], base), runs)
        bare_t = timed(lambda: run([PY, "-c", "pass"], base), runs)
        row(
            "`werkvorm --help` vs bare Python",
            help_t,
            bare_t,
            "python -c pass",
            "≤ 0.35 s over bare Python",
            lambda d: d <= 0.35,
            lambda a, b: a - b,
        )

        # 2. One generic kit (handout, guide, deck), warm, against the raw library calls.
        project = Project(base)
        spagaat = project.workshop("spagaat")
        build_kit(project, "workshop", spagaat, formats=["pdf", "pptx"], force=True)  # warm up
        kit_t = timed(
            lambda: build_kit(project, "workshop", spagaat, formats=["pdf", "pptx"], force=True),
            runs,
        )
        session = compose(load_inputs(project, "workshop", spagaat).workshop)
        handout_src = html.handout_html(session)
        guide_src = html.guide_html(session)
        deck_bytes, _ = build_deck(session)
        import weasyprint
        from pptx import Presentation

        def raw() -> None:
            for src in (handout_src, guide_src):
                weasyprint.HTML(string=src, base_url=str(html.builtin_templates()) + "/").write_pdf(
                    pdf_variant="pdf/ua-1"
                )
            prs = Presentation(str(REPO / "templates" / "deck.pptx"))
            done = Presentation(io.BytesIO(deck_bytes))
            layouts = {layout.name: layout for layout in prs.slide_layouts}
            for slide in done.slides:
                new = prs.slides.add_slide(layouts[slide.slide_layout.name])
                for ph in new.placeholders:
                    src = (
                        slide.placeholders[ph.placeholder_format.idx]
                        if ph.placeholder_format.idx
                        in [p.placeholder_format.idx for p in slide.placeholders]
                        else None
                    )
                    if src is not None and src.has_text_frame and ph.has_text_frame:
                        ph.text_frame.text = src.text_frame.text
                if slide.has_notes_slide:
                    new.notes_slide.notes_text_frame.text = slide.notes_slide.notes_text_frame.text
            prs.save(io.BytesIO())

        raw()
        raw_t = timed(raw, runs)
        row(
            "one generic kit (handout, guide, deck), warm",
            kit_t,
            raw_t,
            "raw WeasyPrint + python-pptx calls",
            "overhead ≤ 10%",
            lambda r: r <= 1.10,
        )

        # 3. Writing a PDF against laying it out.
        from werkvorm.render.pdf import layout as pdf_layout

        allowed = documents.allowed_folders(session, None)
        lay_t, write_t = [], []
        for _ in range(runs):
            start = time.perf_counter()
            laid = pdf_layout(
                handout_src, base_url=html.builtin_templates(), allowed=allowed, name="bench"
            )
            lay_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            laid.write()
            write_t.append(time.perf_counter() - start)
        row(
            "writing the handout PDF vs laying it out",
            write_t,
            lay_t,
            "layout",
            "≤ 0.35×",
            lambda r: r <= 0.35,
        )

        # 4. 60 personalised handouts + certificates + sign-in sheet vs one generic kit.
        big_project = Project(big)
        bench = big_project.clients_dir / "bench.yaml"
        build_kit(big_project, "client", bench, formats=["pdf", "pptx"], force=True)
        sixty_t = timed(
            lambda: build_kit(big_project, "client", bench, formats=["pdf", "pptx"], force=True),
            runs,
        )
        row(
            "client kit with 60 participants vs one generic kit",
            sixty_t,
            kit_t,
            "generic kit",
            "≤ 3×",
            lambda r: r <= 3,
        )

        # 5. A no-op rebuild against a full build, as the trainer runs them.
        cli = [PY, "-m", "werkvorm", "build", "spagaat"]
        full_t = timed(lambda: run([*cli, "--force"], base), runs)
        noop_t = timed(lambda: run(cli, base), runs)
        row(
            "no-op rebuild vs full build (command line)",
            noop_t,
            full_t,
            "full build",
            "≤ 10%",
            lambda r: r <= 0.10,
        )

        # 6. build --all with one worker against two.
        all_cmd = [PY, "-m", "werkvorm", "build", "--all", "--force"]
        one_t = timed(lambda: run([*all_cmd, "--jobs", "1"], base), max(2, runs // 2))
        two_t = timed(lambda: run([*all_cmd, "--jobs", "2"], base), max(2, runs // 2))
        row(
            "`build --all` with `--jobs 2` vs `--jobs 1`",
            two_t,
            one_t,
            "--jobs 1",
            "speed-up ≥ 1.8×",
            lambda r: r >= 1.8,
            lambda a, b: b / a,
        )

        # 7. The route a technical trainer would script: pandoc for the deck, pandoc to HTML
        #    and WeasyPrint for handout and guide, each a cold command, against a cold
        #    `werkvorm build` of the same workshop (handout, guide, deck).
        if shutil.which("pandoc"):
            md = tmp / "spagaat.md"
            md.write_text(session_markdown(session), encoding="utf-8")

            def pandoc_route() -> None:
                run(["pandoc", str(md), "-o", str(tmp / "p.pptx")], tmp)
                for name in ("handout", "guide"):
                    run(["pandoc", str(md), "-s", "-o", str(tmp / f"{name}.html")], tmp)
                    run(
                        [
                            PY,
                            "-m",
                            "weasyprint",
                            str(tmp / f"{name}.html"),
                            str(tmp / f"{name}.pdf"),
                        ],
                        tmp,
                    )

            pandoc_t = timed(pandoc_route, runs)
            cold_t = timed(lambda: run([*cli, "--force", "--format", "pdf,pptx"], base), runs)
            row(
                "`werkvorm build` cold vs the pandoc route (md → pptx, md → HTML → WeasyPrint ×2)",
                cold_t,
                pandoc_t,
                "pandoc + weasyprint commands",
                "≤ 1.0×",
                lambda r: r <= 1.0,
            )

        # 8. Peak memory.
        rss_big = peak_rss_mb([PY, "-m", "werkvorm", "build", "bench", "--force"], big)
        rss_all = peak_rss_mb([*all_cmd, "--jobs", "2"], base)
        memory = [
            (
                "peak RSS, 60-participant build (largest process)",
                f"{rss_big:.0f} MB",
                "< 500 MB",
                "yes" if rss_big < 500 else "**no**",
            ),
            (
                "peak RSS, `build --all` (largest worker)",
                f"{rss_all:.0f} MB",
                "< 150 MB per worker",
                "yes" if rss_all < 150 else "**no**",
            ),
        ]

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"werkvorm benchmark, {date.today().isoformat()}, {platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}, {runs} runs, medians (min–max)\n"
    )
    print("| what | werkvorm | reference | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    for what, value, goal, met in memory:
        print(f"| {what} | {value} | | | {goal} | {met} |")
    print()
    print(json.dumps({"runs": runs, "cores": cores}))


if __name__ == "__main__":
    main()
