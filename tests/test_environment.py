"""`werkvorm doctor` and the install lines: what a trainer types when a system piece is
missing, never "please report it"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkvorm.cli import doctor as environment
from werkvorm.cli.main import app
from werkvorm.install_hints import install_hint, system_family

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src"


def test_doctor_reports_every_piece_and_passes_on_this_machine(project: Path) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    for piece in ("Python", "WeasyPrint", "Pango", "HarfBuzz", "Fonts", "LibreOffice"):
        assert piece in result.output
    assert "Ready to build kits." in result.output


def test_doctor_fails_with_the_install_line_when_pango_is_missing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        environment,
        "weasyprint_findings",
        lambda: [environment.Finding("WeasyPrint", False, "no Pango", fix="brew install pango")],
    )
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "install: brew install pango" in result.output


def test_a_missing_optional_piece_is_advice_not_failure(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(environment.shutil, "which", lambda name: None)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "LibreOffice: not found" in result.output
    assert install_hint("libreoffice") in result.output


def test_doctor_looks_for_a_font_for_each_script_in_the_participant_lists(project: Path) -> None:
    csv = project / "workshops" / "clients" / "lindewaard-deelnemers.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8") + "Ольга Петрова;Gemeente Lindewaard;o@example.nl\n"
        "山田太郎;Gemeente Lindewaard;t@example.nl\n",
        encoding="utf-8",
    )
    findings = environment.diagnose(project)
    fonts = [f.detail for f in findings if f.name == "Fonts"]
    assert any(d.startswith("Cyrillic names (О)") for d in fonts), fonts
    assert any(d.startswith("Cjk names (山)") for d in fonts), fonts


def test_scripts_of_names_ignores_latin_with_accents() -> None:
    assert environment.scripts_of(["Zoë Çelik", "Ørjan Þór"]) == {}
    assert environment.scripts_of(["Νίκος", "محمد"]) == {"Greek": "Ν", "Arabic": "م"}


@pytest.mark.parametrize(
    ("release", "family"),
    [
        ('ID=ubuntu\nID_LIKE="debian"\n', "debian"),
        ("ID=fedora\n", "fedora"),
        ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
        ("ID=arch\n", "arch"),
        ("ID=nixos\n", "other"),
    ],
)
def test_the_install_line_fits_the_linux_distribution(
    tmp_path: Path, release: str, family: str
) -> None:
    path = tmp_path / "os-release"
    path.write_text(release, encoding="utf-8")
    assert system_family("Linux", path) == family


def test_macos_and_windows_get_their_own_install_lines() -> None:
    assert install_hint("pango", system_family("Darwin")) == "brew install pango"
    assert "courtbouillon.org/weasyprint" in install_hint("pango", system_family("Windows"))
    assert "apt install libpango" in install_hint("pango", "debian")


def test_a_missing_pango_at_build_time_names_the_install_line(tmp_path: Path) -> None:
    """WeasyPrint raises OSError when it cannot load Pango: werkvorm turns that into a
    WerkvormError with the line to type (simulated with a WeasyPrint that cannot load)."""
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': not found\")\n", encoding="utf-8"
    )
    code = (
        "from werkvorm.errors import WerkvormError\n"
        "try:\n    import werkvorm.render.pdf\n"
        "except WerkvormError as exc:\n    print('WERKVORM', exc.message)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "fake"), str(SRC)])}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.stdout.startswith("WERKVORM PDFs need the Pango library"), done
    assert install_hint("pango") in done.stdout
    assert "report" not in done.stdout
