"""Review 2026-12-02, E32–E36 and §7: ``check``, ``doctor`` and ``build`` agree about
werkvorm.yaml; ``check --strict`` never ticks a failure; the doctor finds Pango and
LibreOffice where Windows and macOS installers put them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkvorm.cli import doctor
from werkvorm.cli.main import app

runner = CliRunner()
BROKEN = "trainer:\n  name: Fiona Stoop\ndefaults:\n  langauge: nl\npaper: A4\n"
PROBLEMS = [
    "werkvorm.yaml:4:3  defaults.langauge  'langauge' is not a field here: did you mean "
    "'language'?",
    "werkvorm.yaml:5:1  paper  'paper' is not a field here: it goes under 'defaults:', as "
    "defaults.paper",
]


def test_e32_check_looks_at_werkvorm_yaml_too(trainer: Path) -> None:
    (trainer / "werkvorm.yaml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["check", str(trainer / "werkvorm.yaml")])
    assert result.exit_code == 1
    assert result.output == (
        "werkvorm.yaml\n"
        f"  error {PROBLEMS[0].removeprefix('werkvorm.yaml:')}\n"
        f"  error {PROBLEMS[1].removeprefix('werkvorm.yaml:')}\n"
        "✗ 1 file(s): 2 error(s), 0 warning(s)\n"
    )


@pytest.mark.slow
def test_e32_check_of_the_whole_project_includes_werkvorm_yaml(trainer: Path) -> None:
    (trainer / "werkvorm.yaml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("werkvorm.yaml\n  error 4:3  defaults.langauge")
    assert "✓" not in result.output
    assert "3 file(s): 2 error(s)" in result.output


def test_e33_check_werkvorm_yaml_never_reads_it_as_a_workshop(trainer: Path) -> None:
    result = runner.invoke(app, ["check", "werkvorm.yaml"])
    assert (result.exit_code, result.output) == (0, "✓ 1 file(s): 0 error(s), 0 warning(s)\n")
    assert "agenda" not in result.output


def test_a_werkvorm_yaml_of_only_comments_is_fine(trainer: Path) -> None:
    (trainer / "werkvorm.yaml").write_text("# alles nog leeg\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "werkvorm.yaml"])
    assert (result.exit_code, result.output) == (0, "✓ 1 file(s): 0 error(s), 0 warning(s)\n")


def test_e34_doctor_says_not_ready_when_build_would_stop(trainer: Path) -> None:
    (trainer / "werkvorm.yaml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert (
        "✗ werkvorm.yaml: build stops on 2 problem(s) here:\n"
        f"    {PROBLEMS[0]}\n"
        f"    {PROBLEMS[1]}\n"
        "    fix: correct these lines (werkvorm check werkvorm.yaml shows them too)\n"
        "Not ready to build kits: see werkvorm.yaml above.\n"
    ) in result.output
    assert "Ready to build kits." not in result.output.replace("Not ready", "")


@pytest.mark.slow
def test_e35_build_stops_on_the_same_lines(trainer: Path) -> None:
    (trainer / "werkvorm.yaml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["build", "linkedin", "--format", "html"])
    assert result.exit_code == 1
    for line in PROBLEMS:
        assert line in result.output


def test_e36_check_strict_never_shows_a_tick_when_it_fails(trainer: Path) -> None:
    path = trainer / "workshops" / "linkedin.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2h", "3h"), encoding="utf-8")
    plain = runner.invoke(app, ["check", str(path)])
    strict = runner.invoke(app, ["check", "--strict", str(path)])
    assert plain.exit_code == 0 and plain.output.endswith("✓ 1 file(s): 0 error(s), 1 warning(s)\n")
    assert strict.exit_code == 1
    assert "✓" not in strict.output
    assert strict.output.endswith(
        "✗ 1 file(s): 0 error(s), 1 warning(s): with --strict a warning fails the check too\n"
    )


# ------------------------------------------------------------ §7: Windows and macOS


def test_the_doctor_finds_msys2s_pango_and_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "msys64" / "ucrt64" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "libpango-1.0-0.dll").write_bytes(b"")
    monkeypatch.setattr(doctor.platform, "system", lambda: "Windows")
    monkeypatch.setattr(
        doctor, "MSYS2_BINS", (str(tmp_path / "msys64" / "mingw64" / "bin"), str(bin_dir))
    )
    monkeypatch.delenv("WEASYPRINT_DLL_DIRECTORIES", raising=False)
    found = doctor.pango_elsewhere()
    assert found == doctor.Finding(
        "WeasyPrint",
        False,
        f"Pango is installed in {bin_dir}, but WeasyPrint does not look there "
        "(WEASYPRINT_DLL_DIRECTORIES is not set)",
        fix=f'setx WEASYPRINT_DLL_DIRECTORIES "{bin_dir}"  (then open a new terminal)',
    )


def test_the_doctor_finds_homebrews_pango_for_another_python_on_a_mac(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "homebrew" / "lib"
    lib.mkdir(parents=True)
    (lib / "libpango-1.0.0.dylib").write_bytes(b"")
    monkeypatch.setattr(doctor.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(doctor, "HOMEBREW_LIBS", (str(lib),))
    monkeypatch.setenv("DYLD_FALLBACK_LIBRARY_PATH", "/elders")
    found = doctor.pango_elsewhere()
    assert found is not None
    assert found.detail == (
        f"Pango is installed in {lib}, but WeasyPrint does not look there "
        "(DYLD_FALLBACK_LIBRARY_PATH is '/elders')"
    )
    assert found.fix == (
        f"echo 'export DYLD_FALLBACK_LIBRARY_PATH={lib}' >> ~/.zshrc  (then open a new terminal)"
    )


def test_the_windows_pango_hint_names_the_variable() -> None:
    from werkvorm.install_hints import install_hint

    hint = install_hint("pango", "windows")
    assert "pacman -S mingw-w64-x86_64-pango" in hint
    assert 'setx WEASYPRINT_DLL_DIRECTORIES "C:\\msys64\\mingw64\\bin"' in hint


def test_the_doctor_finds_libreoffice_in_program_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    soffice = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    monkeypatch.setattr(doctor.platform, "system", lambda: "Windows")
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert doctor.libreoffice_finding() == doctor.Finding(
        "LibreOffice", True, str(soffice), required=False
    )


def test_the_doctor_finds_libreoffice_in_the_mac_applications_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doctor.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    monkeypatch.setattr(doctor.Path, "home", lambda: tmp_path)
    app_soffice = tmp_path / "Applications/LibreOffice.app/Contents/MacOS/soffice"
    app_soffice.parent.mkdir(parents=True)
    app_soffice.write_bytes(b"")
    assert doctor.libreoffice_finding().detail == str(app_soffice)


def test_libreoffice_elsewhere_on_windows_says_to_add_it_to_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doctor.platform, "system", lambda: "Windows")
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    monkeypatch.setattr(doctor, "libreoffice_places", lambda: [tmp_path / "none.exe"])
    found = doctor.libreoffice_finding()
    assert not found.ok and found.fix.endswith(
        "(installed somewhere else? add the folder that holds soffice to PATH)"
    )
