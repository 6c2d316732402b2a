"""The second hostile review (reliability, 2026-12-02): the cases that need more than
one command, a monkeypatched fault or a subprocess. Case numbers in the names; the
single-command cases are in tests/bad_inputs/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from werkvorm.cli.main import app

runner = CliRunner()


def test_a_bug_while_checking_one_file_is_that_file_s_problem(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkvorm.kits import checks

    real = checks.check_file

    def buggy(project_: Any, path: Path, **kw: Any) -> Any:
        if path.name == "spagaat.yaml":
            raise RuntimeError("raqm_layout() failed.")
        return real(project_, path, deck=False)

    monkeypatch.setattr(checks, "check_file", buggy)
    (project / "workshops" / "kanteling.yaml").write_text("title: [", encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert (
        "workshops/spagaat.yaml error werkvorm could not check this file: a bug in werkvorm "
        "(RuntimeError: raqm_layout() failed.); the other files were checked. Run "
        "`werkvorm --debug check workshops/spagaat.yaml` for the details, and please "
        "report it" in " ".join(result.output.split())
    )
    assert "workshops/kanteling.yaml\n  error 2:1  did not find" in result.output  # checked
    assert "11 file(s): 2 error(s)" in result.output
    assert "this is a bug in werkvorm" not in result.output
