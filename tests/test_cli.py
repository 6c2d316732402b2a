"""The command line through Typer's CliRunner: exit codes and what the trainer reads."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from werkvorm.cli import app

runner = CliRunner()


def test_check_clean_project(project: Path) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_check_reports_errors_with_exit_1_and_no_traceback(project: Path) -> None:
    bad = project / "workshops" / "kapot.yaml"
    bad.write_text("title: Kapot\nduration: 60\nagenda:\n  - title: A\n    minuts: 60\n")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "4:5" in result.output and "agenda[0].minutes" in result.output
    assert "did you mean 'minutes'?" in result.output
    assert "Traceback" not in result.output


def test_check_strict_fails_on_warnings(project: Path) -> None:
    path = project / "workshops" / "lang.yaml"
    path.write_text(
        "title: Lang\nduration: 2h\nagenda:\n  - title: A\n    minutes: 60\n    facilitator: x\n"
    )
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", "--strict", str(path)]).exit_code == 1


def test_check_json(project: Path) -> None:
    path = project / "workshops" / "lang.yaml"
    path.write_text(
        "title: Lang\nduration: 2h\nagenda:\n  - title: A\n    minutes: 60\n    facilitator: x\n"
    )
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    data = json.loads(result.output)
    assert data["problems"][0]["severity"] == "warning"
    assert data["problems"][0]["field"] == "duration"


def test_list_shows_workshops_and_clients(project: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert "spagaat" in result.output and "gemeente-lindewaard" in result.output


def test_schema_is_json_schema(project: Path) -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert {"title", "duration", "agenda"} <= set(schema["properties"])
    assert "break" in json.dumps(schema)


def test_build_html_only(project: Path) -> None:
    result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert result.exit_code == 0, result.output
    out = project / "output" / "generic" / "spagaat"
    assert sorted(p.name for p in out.iterdir()) == ["handout.html", "manifest.json"]


def test_build_unknown_target_is_exit_1(project: Path) -> None:
    result = runner.invoke(app, ["build", "spagat"])
    assert result.exit_code == 1
    assert "'spagat' is not a workshop or client here" in result.output


def test_bad_option_is_exit_2(project: Path) -> None:
    assert runner.invoke(app, ["build", "spagaat", "--format", "docx"]).exit_code == 2
    assert runner.invoke(app, ["build", "--bogus"]).exit_code == 2


def test_no_project_found(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "no workshops/ folder" in result.output


def test_project_option(project: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--project", str(project), "list"])
    assert result.exit_code == 0 and "spagaat" in result.output


def test_failed_build_writes_nothing(project: Path) -> None:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    client.write_text(client.read_text().replace("logo: lindewaard-logo.png", "logo: weg.png"))
    result = runner.invoke(app, ["build", "gemeente-lindewaard"])
    assert result.exit_code == 1 and "weg.png" in result.output
    assert not (project / "output" / "gemeente-lindewaard").exists()


def test_python_m_werkvorm_help() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "werkvorm", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "check" in done.stdout


def test_schema_files_for_editors_are_current() -> None:
    """The $schema files the YAML files point at match the models (regenerate with
    `werkvorm schema KIND > workshops/.schema/KIND.schema.json`)."""
    from tests.conftest import REPO
    from werkvorm.schema.jsonschema import json_schema

    for kind in ("workshop", "module", "client"):
        path = REPO / "workshops" / ".schema" / f"{kind}.schema.json"
        assert json.loads(path.read_text(encoding="utf-8")) == json_schema(kind), kind


def test_python_api_does_what_the_cli_does(project: Path) -> None:
    import werkvorm

    result = werkvorm.build("spagaat", formats=["html"])
    assert (result.folder / "handout.html").is_file()
    assert werkvorm.check() == []
    assert werkvorm.load_workshop.__name__ == "load_workshop"
