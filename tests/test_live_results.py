"""`werkvorm results`: the evaluations and the day's timing as results.pdf and .csv, the
runs of a workshop compared, and `check` naming blocks that ran over in most runs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkvorm.cli.main import app
from werkvorm.live.day import Item, Run
from werkvorm.live.plan import Question, load_day
from werkvorm.live.results import answered, overruns, responses_csv, timings
from werkvorm.live.store import Plan, Submission, open_store
from werkvorm.live.words import words_for
from werkvorm.project.folder import find_project

T0 = 1_796_284_800.0


def _run(client: str, overs: dict[str, int], day: str = "2026-12-03") -> Run:
    """A run whose blocks each took their planned minutes plus ``overs``."""
    plan = [("opening", 20, False), ("koffie", 15, True), ("naar-het-werk", 35, False)]
    items, at = [], T0
    for n, (block, minutes, is_break) in enumerate(plan):
        took = (minutes + overs.get(block, 0)) * 60
        items.append(
            Item(
                n,
                block,
                block.title(),
                is_break,
                False,
                minutes,
                minutes,
                minutes,
                0,
                False,
                at,
                at + took,
            )
        )
        at += took
    return Run(
        1, f"{client}/w", "w", client, "T", "nl", day, T0, "t", "s", 540, 700, tuple(items), T0, 3
    )


def test_blocks_that_ran_over_in_most_runs_are_named_worst_first() -> None:
    runs = [
        _run("a", {"naar-het-werk": 8, "opening": 4}),
        _run("b", {"naar-het-werk": 10, "opening": 5}),
        _run("c", {"naar-het-werk": 6}),
        _run("d", {"naar-het-werk": 8, "koffie": 20}),
        _run("e", {"opening": 6}),
    ]
    assert overruns(runs) == [
        "block 'naar-het-werk' ran 8 minutes over in 4 of 5 sessions",
        "block 'opening' ran 5 minutes over in 3 of 5 sessions",
    ]
    assert overruns(runs[2:4]) == ["block 'naar-het-werk' ran 7 minutes over in 2 of 2 sessions"]
    assert overruns([_run("a", {"opening": 2})]) == []  # two minutes is on time


def test_timing_says_skipped_and_not_reached() -> None:
    run = _run("a", {"opening": 4})
    items = list(run.items)
    items[1] = replace(items[1], skipped=True, started=None, ended=None)
    items[2] = replace(items[2], started=None, ended=None)
    w = words_for("nl")
    assert [
        (t.title, t.planned, t.actual, t.note, t.over)
        for t in timings(replace(run, items=tuple(items)), w)
    ] == [
        ("Opening", 20, 24, "", 4),
        ("Koffie", 15, None, "overgeslagen", None),
        ("Naar-Het-Werk", 35, None, "niet bereikt", None),
    ]


QUESTIONS = (
    Question("q1", "scale", "Tevreden?", 1, 5, ("oneens", "eens")),
    Question("q2", "choice", "Wat gebruik je?", options=("Casus", "Rollenspel")),
    Question("q3", "text", "Wat kan beter?"),
)
FOUND = [
    Submission("k1", T0, "", {"q1": "4", "q2": "1,2", "q3": "Meer pauze & <minder> slides 🙂"}),
    Submission("k2", T0 + 60, 'Sanne "de Wit"', {"q1": "5", "q2": "2"}),
    Submission("k3", T0 + 90, "", {"q1": "4"}),
]


def test_answers_are_counted_with_a_dutch_mean() -> None:
    scale, choice, text = answered(QUESTIONS, FOUND, "nl")
    assert (scale.counts, scale.mean, scale.answers) == (
        [("1", 0), ("2", 0), ("3", 0), ("4", 2), ("5", 1)],
        "4,3",
        3,
    )
    assert choice.counts == [("Casus", 1), ("Rollenspel", 2)]
    assert text.texts == ["Meer pauze & <minder> slides 🙂"]


def test_the_csv_has_a_row_per_evaluation_as_written() -> None:
    text = responses_csv(QUESTIONS, FOUND).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "submitted,name,q1: Tevreden?,q2: Wat gebruik je?,q3: Wat kan beter?"
    assert lines[1].endswith(',,4,"1,2",Meer pauze & <minder> slides 🙂')
    assert lines[2].endswith(',"Sanne ""de Wit""",5,2,')


@pytest.mark.slow
def test_results_pdf_and_csv_land_in_the_kit_and_are_the_same_twice(project: Path) -> None:
    found = find_project(project)
    day = load_day(found, "client", found.clients_dir / "gemeente-lindewaard.yaml")
    store = open_store(f"sqlite:///{project / '.werkvorm' / 'live.db'}")
    run = store.open_run(day.plan, "2026-12-03", T0)
    for n, action in enumerate(["start", "next", "plus5", "next", "skip", "next"]):
        store.press(run.id, action, f"press-{n}", T0 + n * 1500)
    store.submit(run.id, "form-one", "", {"q1": "4", "q5": "De casus & <rollen> 🙂"}, T0 + 9000)
    store.submit(run.id, "form-two", "Sanne", {"q1": "5", "q2": "3"}, T0 + 9100)
    store.close()
    runner = CliRunner()
    first = runner.invoke(app, ["results", "gemeente-lindewaard"])
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-2:] == [
        "wrote output/gemeente-lindewaard/spagaat/results.pdf",
        "wrote output/gemeente-lindewaard/spagaat/results.csv",
    ]
    from werkvorm.render.fonts import unprintable

    if unprintable("🙂"):  # no emoji font here: the trainer is told, as for names
        assert first.output.splitlines()[0] == (
            "warning: 'De casus & <rollen> 🙂' would print as empty boxes: no installed font "
            "has 🙂; install a font that has them (on Debian/Ubuntu: apt install "
            "fonts-noto-color-emoji) and build again"
        )
    kit = project / "output" / "gemeente-lindewaard" / "spagaat"
    pdf, csv = (kit / "results.pdf").read_bytes(), (kit / "results.csv").read_bytes()
    assert runner.invoke(app, ["results", "gemeente-lindewaard"]).exit_code == 0
    assert (kit / "results.pdf").read_bytes() == pdf and (kit / "results.csv").read_bytes() == csv
    import pypdfium2

    document = pypdfium2.PdfDocument(kit / "results.pdf")
    text = " ".join(page.get_textpage().get_text_range() for page in document).replace("\r\n", " ")
    document.close()
    for words in (
        "2 evaluaties",
        "gemiddeld 4,5 · 2 antwoorden",
        "De casus & <rollen>",
        "Het verloop van de dag",
        "Opening en kennismaking",
    ):
        assert words in text
    assert "De casus & <rollen> 🙂" in csv.decode("utf-8-sig")
    build = runner.invoke(app, ["build", "gemeente-lindewaard", "--format", "html"])
    assert build.exit_code == 0, build.output
    assert (kit / "results.pdf").read_bytes() == pdf  # a rebuild keeps the results


@pytest.mark.slow
def test_all_runs_compared_and_check_names_what_ran_over(project: Path) -> None:
    found = find_project(project)
    store = open_store(f"sqlite:///{project / '.werkvorm' / 'live.db'}")
    for n, client in enumerate(
        ("gemeente-lindewaard", "zorggroep-amberhof", "gemeente-lindewaard")
    ):
        day = load_day(found, "client", found.clients_dir / f"{client}.yaml")
        run = store.open_run(day.plan, f"2026-12-0{n + 1}", T0)
        store.press(run.id, "start", "a", T0)
        first = run.items[0]
        store.press(run.id, "next", "b", T0 + (first.planned + 9) * 60)  # 9 minutes over
    store.close()
    runner = CliRunner()
    done = runner.invoke(app, ["results", "spagaat", "--all"])
    assert done.exit_code == 0, done.output
    first_block = day.plan.items[0].item
    assert done.output.splitlines() == [
        f"block '{first_block}' ran 9 minutes over in 3 of 3 sessions",
        "wrote output/generic/spagaat/results-all.pdf",
        "wrote output/generic/spagaat/results-all.csv",
    ]
    checked = runner.invoke(app, ["check", "workshops/spagaat.yaml"])
    assert f"block '{first_block}' ran 9 minutes over in 3 of 3 sessions" in checked.output


def test_check_reads_the_database_named_by_werkvorm_live_db(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trainer who keeps the session days elsewhere (PostgreSQL, a shared file) sets
    WERKVORM_LIVE_DB once; `check` then reads that database, not .werkvorm/live.db."""
    found = find_project(project)
    elsewhere = tmp_path / "elders" / "dagen.db"
    elsewhere.parent.mkdir()
    store = open_store(f"sqlite:///{elsewhere}")
    day = load_day(found, "client", found.clients_dir / "gemeente-lindewaard.yaml")
    for n in range(2):
        run = store.open_run(day.plan, f"2026-12-0{n + 1}", T0)
        store.press(run.id, "start", "a", T0)
        store.press(run.id, "next", "b", T0 + (run.items[0].planned + 8) * 60)
    store.close()
    runner = CliRunner()
    line = f"block '{day.plan.items[0].item}' ran 8 minutes over in 2 of 2 sessions"
    assert line not in runner.invoke(app, ["check", "workshops/spagaat.yaml"]).output
    monkeypatch.setenv("WERKVORM_LIVE_DB", f"sqlite:///{elsewhere}")
    assert line in runner.invoke(app, ["check", "workshops/spagaat.yaml"]).output
    assert not (project / ".werkvorm").exists()
    monkeypatch.setenv("WERKVORM_LIVE_DB", "mysql://nobody@nowhere/x")
    broken = runner.invoke(app, ["check", "workshops/spagaat.yaml"])
    assert "WERKVORM_LIVE_DB" in broken.output and "Traceback" not in broken.output


def test_results_without_a_run_say_what_to_do(project: Path) -> None:
    result = CliRunner().invoke(app, ["results", "gemeente-lindewaard"])
    assert result.exit_code == 1
    assert "no session day of gemeente-lindewaard/spagaat in" in result.output
    assert "run werkvorm live on the day, then werkvorm results" in result.output


def test_plan_items_carry_flex_and_optional(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "dag.yaml",
        """\
        title: Dag
        language: nl
        duration: 60
        agenda:
          - {id: a, title: A, minutes: 30, flex: {min: 20, max: 40}, facilitator: x}
          - {id: b, title: B, minutes: 30, optional: true, facilitator: y}
        """,
    )
    day = load_day(find_project(path.parent.parent), "workshop", path)
    assert [(i.item, i.planned, i.low, i.high, i.optional) for i in day.plan.items] == [
        ("a", 30, 20, 40, False),
        ("b", 30, 30, 30, True),
    ]
    assert isinstance(day.plan, Plan) and day.plan.booked_start == -1 and day.plan.booked_end == 60
