"""A new user, end to end: the wheel into a clean venv, an empty folder, init, new,
new --client, build, doctor; and every YAML file werkvorm wrote valid in the editor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.editor_schema import errors_in


def _run(args: list[str], cwd: Path, timeout: int = 600) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _broken_project_file_stops_check_doctor_and_build(werkvorm: str, home: Path) -> None:
    """Review 2026-12-02, E32–E35: check, doctor and build agree about werkvorm.yaml."""
    good = (home / "werkvorm.yaml").read_text(encoding="utf-8")
    (home / "werkvorm.yaml").write_text("defaults:\n  langauge: nl\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    for args in (["check"], ["doctor"], ["build", "eerste-stap", "--force"]):
        done = subprocess.run(
            [werkvorm, *args], cwd=home, capture_output=True, text=True, env=env, check=False
        )
        said = done.stdout + done.stderr
        assert done.returncode == 1, (args, said)
        assert "2:3  defaults.langauge  'langauge' is not a field here" in said, (args, said)
    (home / "werkvorm.yaml").write_text(good, encoding="utf-8")


@pytest.mark.slow
def test_from_an_empty_folder_to_a_kit_with_the_installed_wheel(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)], cwd=tmp_path)
    (wheel,) = dist.glob("werkvorm-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)

    werkvorm = str(bin_dir / "werkvorm")
    home = tmp_path / "trainingen"
    home.mkdir()
    assert _run([werkvorm, "--version"], home).startswith("werkvorm 0.")
    _run(  # with an e-mail: `check` warns on a follow-up with no way to reach her (#25)
        [
            werkvorm,
            "init",
            "--name",
            "Ilse Hoogland",
            "--organisation",
            "Hoogland & Co",
            "--email",
            "ilse@example.org",
        ],
        home,
    )
    _run([werkvorm, "new", "eerste-stap"], home)
    _run([werkvorm, "new", "--client", "Gemeente Lindewaard", "--workshop", "eerste-stap"], home)
    _run([werkvorm, "new", "--module", "kennismaking"], home)
    _run([werkvorm, "check", "--strict"], home)
    _run([werkvorm, "build", "eerste-stap", "gemeente-lindewaard"], home)
    doctor = _run([werkvorm, "doctor"], home)
    assert "Ready to build kits." in doctor
    _broken_project_file_stops_check_doctor_and_build(werkvorm, home)

    for kit in ("generic/eerste-stap", "gemeente-lindewaard/eerste-stap"):
        for name in ("handout.pdf", "guide.pdf", "deck.pptx", "handout.html"):
            assert (home / "output" / kit / name).stat().st_size > 0, (kit, name)
    generic = (home / "output" / "generic" / "eerste-stap" / "handout.html").read_text("utf-8")
    assert "Ilse Hoogland" in generic  # the trainer's kit, not werkvorm's

    written = sorted(home.rglob("*.yaml"))
    assert len(written) == 4, written  # werkvorm.yaml, workshop, client, module
    for path in written:
        assert errors_in(path) == [], path
