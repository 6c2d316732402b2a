"""Issue 28: references to blocks by id, minute plans as data, goals linked to blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from werkvorm.compose import compose
from werkvorm.compose.plans import scaled
from werkvorm.compose.session import Session
from werkvorm.errors import InputError
from werkvorm.render.evaluation import goal_scales
from werkvorm.schema.load import load_client, load_workshop

WORKSHOP = """\
title: Proef
duration: 70
goals:
  - Strategieschrijvers herkennen
  - Een eigen netiquette schrijven
preparation: "Zet {{block:netiquette}} klaar; {{ 7*7 }} en {{block}} blijven staan."
agenda:
  - id: twee-groepen
    title: Twee groepen
    minutes: 20
    serves: [1]
    facilitator: "Verwijs naar {{block:netiquette}}."
    plan:
      - {minutes: 10, do: Experiment}
      - {minutes: 10, do: Onthulling}
  - break: 10
  - id: netiquette
    title: Netiquette
    minutes: 40
    serves: [2]
    facilitator: Schrijven.
    plan:
      - {minutes: 10, do: Hoeken}
      - {minutes: 20, do: Schrijven}
      - {minutes: 10, do: Galerij}
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def kit(write: Callable[..., Path], workshop: str = WORKSHOP, client: str = "") -> Session:
    loaded = load_workshop(write("proef.yaml", workshop))
    booked = load_client(write("clients/c.yaml", "name: C\nworkshop: proef\n" + client))
    return compose(loaded, booked if client else None)


def test_a_reference_prints_the_block_number_and_title(write: Callable[..., Path]) -> None:
    s = kit(write)
    assert s.preparation == (
        "Zet ‘Netiquette’ (blok\u00a02) klaar; {{ 7*7 }} en {{block}} blijven staan."
    )
    assert s.blocks[0].facilitator == "Verwijs naar ‘Netiquette’ (blok\u00a02)."


def test_a_reference_follows_an_omitted_block(write: Callable[..., Path]) -> None:
    s = kit(write, client="omit: [twee-groepen]\n")
    assert s.preparation.startswith("Zet ‘Netiquette’ (blok\u00a01) klaar")


def test_a_reference_to_an_omitted_block_is_an_error(write: Callable[..., Path]) -> None:
    with pytest.raises(InputError) as caught:
        kit(write, client="omit: [netiquette]\n")
    (p,) = [
        p
        for p in caught.value.problems
        if p.field == "facilitator in block 'twee-groepen' (1st in the agenda)"
    ]
    assert p.file.endswith("proef.yaml") and p.line == 12
    assert p.message == (
        "refers to block 'netiquette', which workshops/clients/c.yaml leaves out ('omit'): reword the "
        "text, or keep the block for this client"
    )


def test_a_reference_to_a_renamed_block_is_an_error(write: Callable[..., Path]) -> None:
    renamed = WORKSHOP.replace("id: netiquette", "id: onze-netiquette")
    with pytest.raises(InputError) as caught:
        kit(write, renamed)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["facilitator in block 'twee-groepen' (1st in the agenda)", "preparation"]
    assert caught.value.problems[0].message == (
        "refers to block 'netiquette', but there is no block with that id: did you mean "
        "'onze-netiquette'?"
    )


def test_a_re_timed_block_scales_its_plan_and_the_cues_follow(
    write: Callable[..., Path],
) -> None:
    s = kit(write, client="session: {start: '9:00'}\nminutes: {netiquette: 50}\n")
    block = s.blocks[1]
    assert [(r.start, r.end, r.do) for r in block.plan] == [
        ("09:30", "09:43", "Hoeken"),
        ("09:43", "10:08", "Schrijven"),
        ("10:08", "10:20", "Galerij"),
    ]
    assert block.plan_note == (
        "Plan geschaald van 40 naar 50 minuten: verdeel de tijd zelf anders als dat beter past."
    )
    assert block.cues == [
        "09:30 start: Netiquette",
        "09:30–09:43 Hoeken",
        "09:43–10:08 Schrijven",
        "10:08–10:20 Galerij",
        "10:20 einde van dit onderdeel",
        "Plan geschaald van 40 naar 50 minuten: verdeel de tijd zelf anders als dat beter past.",
    ]
    assert block.plan_lines[0] == "09:30–09:43 Hoeken"
    assert s.preparation.startswith("Zet ‘Netiquette’ (blok\u00a02) klaar")


def test_report_back_per_group_is_a_step_of_the_plan(write: Callable[..., Path]) -> None:
    workshop = WORKSHOP.replace(
        "    facilitator: Schrijven.\n",
        "    facilitator: Schrijven.\n    exercise:\n      title: Onze netiquette\n"
        "      instructions: Schrijf.\n      group_size: 4\n      debrief_per_group: 2\n",
    )
    s = kit(write, workshop, client="session: {participants: 12}\n")
    block = s.blocks[1]
    assert block.minutes == 40  # the report-back fits inside the block (issue 27)
    assert [(r.minutes, r.do) for r in block.plan][-1] == (
        6,
        "Terugkoppeling: 3 groepen × 2 minuten",
    )
    assert sum(r.minutes for r in block.plan) == 40


def test_check_warns_about_a_plan_that_does_not_fit(write: Callable[..., Path]) -> None:
    s = kit(write, WORKSHOP.replace("{minutes: 20, do: Schrijven}", "{minutes: 25, do: S}"))
    (w,) = [w for w in s.warnings if w.field == "plan in block 'netiquette' (3rd in the agenda)"]
    assert w.message == (
        "the plan of 'Netiquette' adds up to 45 minutes, the block has 40: make the steps "
        "add up to the block's minutes"
    )


def test_check_flags_a_plan_squeezed_by_a_client(write: Callable[..., Path]) -> None:
    s = kit(write, client="minutes: {netiquette: 20}\n")
    (w,) = [w for w in s.warnings if w.field == "plan in block 'netiquette' (3rd in the agenda)"]
    assert w.message == (
        "'Netiquette' is re-timed to 20 minutes, its plan needs 40: the steps are squeezed; "
        "shorten the plan, or leave the block its time"
    )


def test_scaled_keeps_the_total() -> None:
    assert scaled([10, 20, 10], 50) == [13, 25, 12]
    assert scaled([5, 5, 5], 4) == [2, 1, 1]
    assert sum(scaled([3, 7, 11, 4], 31)) == 31


def test_goal_links_are_checked(write: Callable[..., Path]) -> None:
    workshop = WORKSHOP.replace("    serves: [2]\n", "")
    s = kit(write, workshop)
    messages = {(w.field, w.message) for w in s.warnings}
    assert (
        "goals[1]",
        "goal 2 is served by no block: add 'serves: [2]' to the block that exercises it, "
        "or drop the goal",
    ) in messages
    assert (
        "title in block 'netiquette' (3rd in the agenda)",
        "'Netiquette' serves no goal: add 'serves: [n]' with the numbers of the goals it "
        "exercises, or 'serves: []' if it serves none on purpose",
    ) in messages


def test_a_goal_left_out_with_its_block_is_a_warning(write: Callable[..., Path]) -> None:
    workshop = WORKSHOP.replace("{{block:netiquette}}", "de netiquette")
    s = kit(write, workshop, client="omit: [netiquette]\n")
    (w,) = [w for w in s.warnings if "goal 2" in w.message]
    assert w.field == "omit"
    assert w.message.startswith("goal 2 is exercised only by 'netiquette', which this client")


def test_a_goal_number_that_does_not_exist_is_an_error(write: Callable[..., Path]) -> None:
    with pytest.raises(InputError) as caught:
        kit(write, WORKSHOP.replace("serves: [2]", "serves: [2, 3]"))
    (p,) = caught.value.problems
    assert (p.field, p.message) == (
        "serves[1] in block 'netiquette' (3rd in the agenda)",
        "there is no goal 3: the workshop has 2 goals (count from 1)",
    )


def test_the_evaluation_form_asks_one_scale_per_goal(write: Callable[..., Path]) -> None:
    s = kit(write)
    assert s.goal_checks == [
        "Ik kan nu strategieschrijvers herkennen.",
        "Ik kan nu een eigen netiquette schrijven.",
    ]
    assert [e.text for e in goal_scales(s)] == s.goal_checks


def test_no_warning_for_a_linked_and_fitting_workshop(write: Callable[..., Path]) -> None:
    assert kit(write).warnings == []


def test_the_library_is_linked_and_planned() -> None:
    """Every shipped workshop: no block numbers typed by hand, every block with a plan
    that adds up to its minutes and a goal link (or its own goals)."""
    from werkvorm.schema.models import Block, Module, Workshop
    from werkvorm.schema.source import read_document

    root = Path(__file__).parent.parent / "workshops"
    for path in [*root.glob("*.yaml"), *root.glob("modules/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(blok|block) \d", text), path.name
        data = read_document(path).data
        if "agenda" in data:
            blocks = [i for i in Workshop.model_validate(data).agenda if isinstance(i, Block)]
        else:
            blocks = [Block.model_validate(data)] if "title" in data else Module(**data).blocks
        for block in blocks:
            assert block.plan and sum(s.minutes for s in block.plan) == block.minutes, block.id
            in_module = "agenda" not in data  # a module's goals are set where it is used
            assert in_module or block.serves is not None or block.goals, block.id


def test_a_reference_to_a_block_dropped_to_fit_the_slot(write: Callable[..., Path]) -> None:
    workshop = WORKSHOP.replace("    serves: [2]\n", "    serves: [2]\n    optional: true\n")
    s = kit(write, workshop, client="session: {start: '9:00', end: '9:30'}\n")
    assert s.preparation.startswith("Zet ‘Netiquette’ (valt vandaag weg) klaar")


def test_a_source_note_reaches_handout_guide_and_follow_up(write: Callable[..., Path]) -> None:
    from werkvorm.render.followup import followup_md
    from werkvorm.render.html import guide_html, handout_html

    workshop = WORKSHOP + (
        "sources:\n  - author: {nl: auteur niet genoemd, en: author not named}\n"
        "    title: Een blogpost\n    note: Verder lezen & <meer>.\n"
    )
    s = kit(write, workshop)
    assert (s.sources[0].author, s.sources[0].note) == (
        "auteur niet genoemd",
        "Verder lezen & <meer>.",
    )
    for html in (handout_html(s), guide_html(s)):
        assert "auteur niet genoemd, <em>Een blogpost</em>" in html
        assert "Verder lezen &amp; &lt;meer&gt;." in html
    assert "Een blogpost*. Verder lezen & &lt;meer>." in followup_md(s).decode()


@pytest.mark.slow
def test_check_on_the_library_is_strict_clean(project: Path) -> None:
    """Issue 28: `check --strict` on the shipped library finds nothing at all."""
    import shutil

    from typer.testing import CliRunner

    from tests.conftest import REPO
    from werkvorm.cli.main import app

    shutil.copy(REPO / "werkvorm.yaml", project / "werkvorm.yaml")  # the library's trainer
    result = CliRunner().invoke(app, ["check", "--strict", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_check_fails_on_a_reference_to_an_omitted_block(project: Path) -> None:
    from typer.testing import CliRunner

    from werkvorm.cli.main import app

    client = project / "workshops" / "clients" / "rivierstaal.yaml"
    client.write_text(
        client.read_text(encoding="utf-8") + "omit: [regels-of-netiquette]\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["check", "--project", str(project), str(client)])
    assert result.exit_code == 1
    assert result.output.startswith("workshops/strategieschrijvers.yaml\n")
    assert re.search(r"error \d+:\d+  preparation\.nl  refers", result.output)
    assert (
        "refers to block 'regels-of-netiquette', which workshops/clients/rivierstaal.yaml "
        "leaves out ('omit')" in " ".join(result.output.split())
    )
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_the_evaluation_pdf_asks_each_goal_on_one_page(
    write: Callable[..., Path], paper: str
) -> None:
    import io

    from pypdf import PdfReader

    from werkvorm.render.evaluation import evaluation_pdf

    s = kit(write).model_copy(update={"paper": paper})
    reader = PdfReader(io.BytesIO(evaluation_pdf(s)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Ik kan nu strategieschrijvers herkennen." in text
    assert "Ik kan nu een eigen netiquette schrijven." in text
    assert "Het tempo en de duur pasten bij de inhoud." in text


def test_the_form_makes_room_for_the_goals_before_it_drops_a_scale(
    write: Callable[..., Path],
) -> None:
    from werkvorm.render.evaluation import candidates
    from werkvorm.render.sheets import with_labels

    s = with_labels(kit(write).model_copy(update={"paper": "a5"}))
    tried = [([e.text for e in c if e.kind == "scale"], c[-1].lines) for c in candidates(s)]
    goals = [
        "Ik kan nu strategieschrijvers herkennen.",
        "Ik kan nu een eigen netiquette schrijven.",
    ]
    assert [lines for _, lines in tried] == [3, 2, 1, 2, 1]
    assert all(scales[:2] == goals for scales, _ in tried)
    assert [len(scales) for scales, _ in tried] == [6, 6, 6, 3, 3]
