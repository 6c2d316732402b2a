"""`werkvorm check` as a doctor: one test per finding, as the trainer reads it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINIMAL
from werkvorm.cli.main import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"


def findings(*paths: Path, strict: bool = False) -> list[dict[str, object]]:
    args = ["check", "--format", "json", *(["--strict"] if strict else []), *map(str, paths)]
    result = runner.invoke(app, args)
    return json.loads(result.output)["problems"]  # type: ignore[no-any-return]


def one(found: list[dict[str, object]], text: str) -> dict[str, object]:
    hits = [f for f in found if text in str(f["message"])]
    assert len(hits) == 1, found
    return hits[0]


def client(project: Path, text: str, name: str = "c.yaml") -> Path:
    path = project / "workshops" / "clients" / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.slow
def test_starter_passes_check_and_builds(project: Path) -> None:
    result = runner.invoke(app, ["new", "eerste-stap", "--title", "Eerste stap: social media"])
    assert result.exit_code == 0, result.output
    path = project / "workshops" / "eerste-stap.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.schema/workshop.schema.json")
    assert 'title: "Eerste stap: social media"' in text
    for field in (
        "subtitle:",
        "language:",
        "duration:",
        "audience:",
        "summary:",
        "goals:",
        "materials:",
        "sources:",
        "agenda:",
        "format:",
        "intro:",
        "facilitator:",
        "slides:",
        "bullets:",
        "quote:",
        "questions:",
        "image:",
        "exercise:",
        "worksheet:",
        "question:",
        "scale:",
        "checklist:",
        "table:",
        "break:",
        "use:",
        "takeaways:",
        "notes:",
        "group_size:",
    ):
        assert field in text, field
    assert findings(path, strict=True) == []
    built = runner.invoke(app, ["build", "eerste-stap"])
    assert built.exit_code == 0, built.output
    assert (project / "output" / "generic" / "eerste-stap" / "deck.pptx").exists()


@pytest.mark.slow
def test_new_refuses_to_overwrite_and_copies(project: Path) -> None:
    assert runner.invoke(app, ["new", "spagaat"]).exit_code == 1
    result = runner.invoke(app, ["new", "spagaat-kort", "--from", "spagaat"])
    assert result.exit_code == 0
    copy = (project / "workshops" / "spagaat-kort.yaml").read_text(encoding="utf-8")
    assert copy == (project / "workshops" / "spagaat.yaml").read_text(encoding="utf-8")
    assert runner.invoke(app, ["new", "../buiten"]).exit_code == 1


def test_schema_error_with_line(project: Path) -> None:
    path = project / "workshops" / "w.yaml"
    path.write_text(MINIMAL.replace("minutes: 20", "minutes: twintig"), encoding="utf-8")
    f = one(findings(path), "is not a duration")
    assert (f["line"], f["field"], f["severity"]) == (
        6,
        "minutes in block 'opening' (1st in the agenda)",
        "error",
    )


def test_missing_image_and_alt_text(project: Path) -> None:
    path = project / "workshops" / "w.yaml"
    path.write_text(
        MINIMAL + "    slides:\n      - image: weg.png\n        alt: x\n"
        "      - image: images/spagaat.png\n",
        encoding="utf-8",
    )
    found = findings(path)
    assert (
        one(found, "does not exist")["field"]
        == "slides[0].image in block 'oefenen' (3rd in the agenda)"
    )
    assert (
        one(found, "needs 'alt:' text")["field"]
        == "slides[1] in block 'oefenen' (3rd in the agenda)"
    )


@pytest.mark.slow
def test_template_without_a_picture_layout(project: Path) -> None:
    shutil.copy(FIXTURES / "mecanon-ufrj.potx", project / "workshops" / "clients" / "huis.potx")
    path = client(project, "name: X\nworkshop: spagaat\ndeck_template: huis.potx\n")
    f = one(findings(path), "no layout for picture slides")
    assert (f["line"], f["field"], f["severity"]) == (3, "deck_template", "warning")


def test_pinned_layout_that_does_not_exist(project: Path) -> None:
    shutil.copy(FIXTURES / "mecanon-ufrj.potx", project / "workshops" / "clients" / "huis.potx")
    path = client(
        project,
        "name: X\nworkshop: spagaat\ndeck_template: huis.potx\nlayouts: {section: Sectiekop}\n",
    )
    f = one(findings(path), "no layout named 'Sectiekop'")
    assert (f["line"], f["field"], f["severity"]) == (4, "layouts.section", "error")


def test_broken_template_is_an_error(project: Path) -> None:
    (project / "workshops" / "clients" / "huis.pptx").write_text("geen pptx")
    path = client(project, "name: X\nworkshop: spagaat\ndeck_template: huis.pptx\n")
    f = one(findings(path), "not a PowerPoint file")
    assert (f["field"], f["severity"]) == ("deck_template", "error")


def test_slide_text_that_needs_continuing(project: Path) -> None:
    long = "Een bullet die veel te lang is voor een dia en daarom over meerdere regels loopt"
    bullets = "".join(f"          - {long} {n}\n" for n in range(9))
    path = project / "workshops" / "w.yaml"
    path.write_text(
        MINIMAL + f"    slides:\n      - title: Te vol\n        bullets:\n{bullets}",
        encoding="utf-8",
    )
    f = one(findings(path), "continues on")
    assert (f["line"], f["field"], f["severity"]) == (
        9,
        "slides in block 'oefenen' (3rd in the agenda)",
        "warning",
    )


@pytest.mark.slow
def test_low_contrast_colour(project: Path) -> None:
    path = client(project, "name: X\nworkshop: spagaat\ncolors: {primary: '#ffcc00'}\n")
    f = one(findings(path), "too little contrast")
    assert (f["line"], f["field"]) == (3, "colors.primary")


def test_time_budget(project: Path) -> None:
    path = project / "workshops" / "w.yaml"
    path.write_text(
        "title: Lang\nduration: 3h\nagenda:\n  - title: A\n    minutes: 100\n"
        "    facilitator: x\n    slides: [{title: A}]\n",
        encoding="utf-8",
    )
    found = findings(path)
    assert one(found, "planned 180 minutes, but the agenda adds up to 100")["field"] == "duration"
    assert one(found, "without a break")["field"] == "title in block 'a' (1st in the agenda)"


def test_session_running_past_the_clients_end(project: Path) -> None:
    path = client(project, "name: X\nworkshop: spagaat\nsession: {start: '15:00', end: '17:00'}\n")
    found = one(findings(path), "the slot from 15:00 to 17:00 has 120")  # issue 18: an error
    assert (found["field"], found["severity"]) == ("session.end", "error")


@pytest.mark.slow
def test_untranslated_text(project: Path) -> None:
    kanteling = project / "workshops" / "kanteling.yaml"
    text = kanteling.read_text(encoding="utf-8")
    dutch_only = text.replace(
        "{nl: Wat zou jij doen?, en: What would you do?}", "Wat zou jij doen?"
    )
    kanteling.write_text(dutch_only, encoding="utf-8")
    path = client(project, "name: X\nworkshop: kanteling\nlanguage: en\n")
    found = [f for f in findings(path) if "no 'en' text" in str(f["message"])]
    assert found and all(f["file"] == "workshops/kanteling.yaml" for f in found)


@pytest.mark.slow
def test_participant_list_problems(project: Path) -> None:
    (project / "workshops" / "clients" / "lijst.csv").write_text("naam\nAn\nAn\n", encoding="utf-8")
    path = client(project, "name: X\nworkshop: spagaat\nparticipants: lijst.csv\n")
    f = one(findings(path), "on the list twice")
    assert (f["file"], f["line"], f["severity"]) == ("workshops/clients/lijst.csv", 3, "warning")
    (project / "workshops" / "clients" / "lijst.csv").write_text("voornaam\nAn\n", encoding="utf-8")
    assert one(findings(path), "no column 'naam' or 'name'")["severity"] == "error"


@pytest.mark.slow
def test_text_output_is_grouped_per_file(project: Path) -> None:
    bad = project / "workshops" / "w.yaml"
    bad.write_text(MINIMAL.replace("duration: 60", "duration: 90"), encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    assert "workshops/w.yaml\n  warning 3:11  duration  planned 90 minutes" in result.output
    assert runner.invoke(app, ["check", "--strict"]).exit_code == 1


@pytest.mark.parametrize(
    "command", ["check", "build", "list", "new", "watch", "schema", "inspect-template"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
