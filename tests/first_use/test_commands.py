"""Review 2026-12-02, E26, E37–E40, E43 and §5: the commands around the files: typos in
a command name, help that lists what exists, the field reference from the installed
package, a watch that stops cleanly on SIGTERM."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.first_use.conftest import CLIENT
from werkvorm.cli.main import app
from werkvorm.kits.options import FORMATS
from werkvorm.schema.reference import field_reference

runner = CliRunner()


def test_e37_a_typo_in_a_command_gets_did_you_mean() -> None:
    result = runner.invoke(app, ["biuld"])
    assert result.exit_code == 2
    assert "No such command 'biuld'. Did you mean 'build'?" in result.output


def test_e37_preview_says_watch(trainer: Path) -> None:
    result = runner.invoke(app, ["preview", "zeewolde"])
    assert result.exit_code == 2
    assert result.output == (
        "error: there is no 'preview' command: did you mean 'watch'? (werkvorm watch "
        "zeewolde builds the kit and serves a live preview that follows every save)\n"
    )


def test_preview_is_not_listed_in_the_help() -> None:
    lines = runner.invoke(app, ["--help"]).output.splitlines()
    assert not [line for line in lines if re.match(r"│ preview\s", line)]


def test_e38_a_command_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert (
        "error: no workshops/ folder here or above: run werkvorm inside your project, or give "
        "--project DIR"
    ) in result.output


def test_e39_new_outside_a_project_without_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "test"])
    assert result.exit_code == 1
    assert (
        f"error: {tmp_path.resolve()} is not a werkvorm project: run 'werkvorm init' first, "
        "or add --init to make it one now"
    ) in result.output.replace("\n", " ")


def test_e39_new_with_init_gives_only_the_hints_that_still_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "test", "--init"])
    assert result.exit_code == 0, result.output
    assert "werkvorm new mijn-workshop" not in result.output
    assert result.output.endswith(
        "  fill in werkvorm.yaml when you can\n"
        "✓ created workshops/test.yaml\n"
        "  next: werkvorm watch test and edit the file beside it\n"
    )


def test_e40_new_from_never_overwrites(trainer: Path) -> None:
    assert runner.invoke(app, ["new", "kopie", "--from", "linkedin"]).exit_code == 0
    again = runner.invoke(app, ["new", "kopie", "--from", "linkedin"])
    assert again.exit_code == 1
    assert (
        "workshops/kopie.yaml already exists: choose another name (werkvorm never overwrites "
        "a workshop)"
    ) in again.output


def test_watch_help_lists_only_options_that_exist() -> None:
    result = runner.invoke(app, ["watch", "--help"], env={"COLUMNS": "120"})
    assert "--pdf" not in result.output and "--pptx" not in result.output
    assert "Always on now" not in result.output
    for option in ("--open", "--no-open", "--port", "--project"):
        assert option in result.output


def test_old_scripts_with_watch_pdf_still_parse(trainer: Path) -> None:
    # The hidden options stay accepted: an unknown option would exit 2 before anything runs.
    result = runner.invoke(app, ["watch", "nergens", "--pdf", "--pptx"])
    assert result.exit_code == 1
    assert "error: 'nergens' is not a workshop or client here" in result.output


def test_format_help_lists_every_value_and_participants_takes_xlsx() -> None:
    help_text = " ".join(
        runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"}).output.split()
    )
    assert (
        "Comma-separated: pdf,pptx,html (default); also docx (handout and guide in Word), "
        "slides, evaluation, followup, badges."
    ) in help_text
    for value in FORMATS:
        assert value in help_text
    assert "A participant list (.csv or .xlsx) instead of the client's own." in help_text


def test_fields_prints_the_whole_reference_from_the_package() -> None:
    result = runner.invoke(app, ["fields"])
    assert result.exit_code == 0
    assert result.output == field_reference()
    docs = Path(__file__).resolve().parents[2] / "docs" / "fields.md"
    assert result.output == docs.read_text(encoding="utf-8")  # the same text as the docs


def test_fields_for_one_field() -> None:
    result = runner.invoke(app, ["fields", "debrief_per_group"])
    assert result.exit_code == 0
    assert result.output == (
        "debrief_per_group (Exercise in A workshop (workshops/NAME.yaml))\n"
        "  Report-back minutes per group; the number of groups follows the head count. They "
        "fit inside the block's minutes (the work gets the rest), unless debrief_grows_block "
        "says yes.\n"
        "  example: 3\n"
    )


def test_fields_for_one_part_and_one_kind_of_file() -> None:
    session = runner.invoke(app, ["fields", "session"]).output
    assert session.startswith(
        "session (Client in A client profile (workshops/clients/NAME.yaml))\n"
        "  Date, start and end time, location, facilitator, head count.\n"
    )
    assert "\nSessionInfo: When and where the session is, and who runs it." in session
    assert "\nend (SessionInfo)\n" in session
    exercise = runner.invoke(app, ["fields", "exercise"]).output
    assert exercise.startswith("Exercise: What participants do in a block")
    project = runner.invoke(app, ["fields", "project"]).output
    assert project.startswith("ProjectFile: ")
    assert "Trainer: " in project and "Defaults: " in project


def test_fields_for_a_name_that_is_none() -> None:
    result = runner.invoke(app, ["fields", "debrief_per_grup"])
    assert result.exit_code == 1
    assert "error: there is no field or part 'debrief_per_grup': did you mean " in result.output


@pytest.mark.slow
def test_e26_a_dutch_workshop_for_an_english_client(trainer: Path) -> None:
    (trainer / "workshops" / "clients" / "zeewolde.yaml").write_text(
        CLIENT + "language: en\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "workshops/clients/zeewolde.yaml"])
    assert result.exit_code == 0, result.output
    assert re.search(
        r"warning \d+ texts have no English version, lines \d+–\d+; "
        r"`werkvorm check --verbose` lists them",
        result.output,
    ), result.output


# E43 (SIGTERM stops watch like Ctrl-C): tests/test_watch.py, beside the watch fixture.


@pytest.mark.parametrize("command", [[], ["check"], ["build"], ["watch"]])
def test_help_examples_name_what_a_new_project_has(command: list[str]) -> None:
    """§5: the examples named 'spagaat' and 'gemeente-lindewaard', which only the project's
    own examples have; 'init' suggests 'werkvorm new mijn-workshop'."""
    output = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
    assert "mijn-workshop" in output
    assert "spagaat" not in output and "lindewaard" not in output


def test_doctor_help_wraps_as_one_paragraph() -> None:
    output = runner.invoke(app, ["doctor", "--help"], env={"COLUMNS": "80"}).output
    assert " Checks Python, WeasyPrint with Pango, fonts, LibreOffice and werkvorm.yaml." in output
