"""Review 2026-12-02, steps 1–5, 15–16, E41, E42 and §7: the README's install route is the
trainer's, first, with commands that work on a managed system Python, an upgrade that
works for a wheel, and Windows and macOS sections a trainer can finish."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else len(README)]


def test_the_trainers_install_route_comes_before_the_developers() -> None:
    assert README.index("## Install werkvorm") < README.index("python3 -m venv .venv")
    assert "## Quick start" not in README  # the developer route lives under developers
    assert README.index("python3 -m venv .venv") > README.index("## For developers")


def test_e42_no_pip_install_into_a_managed_system_python() -> None:
    install = _section("## Install werkvorm")
    assert "python -m pip install build" not in README
    assert "`pipx run build` (or `uv build`)" in install
    assert "externally-managed-environment" in install


def test_step_5_pipx_ensurepath_and_a_clone_or_download_step() -> None:
    install = _section("## Install werkvorm")
    assert "pipx ensurepath" in install
    assert "git clone ADDRESS-OF-THE-WERKVORM-REPOSITORY werkvorm" in install
    assert "Download ZIP" in install


def test_e41_the_upgrade_route_works_for_a_wheel() -> None:
    install = _section("## Install werkvorm")
    assert "pipx install --force werkvorm-0.1.1-py3-none-any.whl" in install
    assert "pipx install --force ./werkvorm" in install
    assert "`pipx upgrade` does nothing for an app installed from a folder or a\nwheel" in install
    assert "pipx upgrade werkvorm" not in README
    assert "refreshes the editor schemas in `workshops/.schema/`" in install


def test_windows_names_msys2_and_the_variable_in_the_order_that_works() -> None:
    windows = _section("## Install werkvorm").split("### Windows", 1)[1].split("\n### ")[0]
    assert "pacman -S mingw-w64-x86_64-pango" in windows
    setx = windows.index('setx WEASYPRINT_DLL_DIRECTORIES "C:\\msys64\\mingw64\\bin"')
    new_terminal = windows.index("Open a new terminal", setx)
    assert setx < new_terminal < windows.index("werkvorm doctor")
    assert "py -m pipx ensurepath" in windows
    blocks = [b.split("```")[0] for b in windows.split("```powershell")[1:]]
    assert len(blocks) == 3 and not any("&&" in b for b in blocks)


def test_macos_says_which_python_to_give_pipx() -> None:
    macos = _section("## Install werkvorm").split("### macOS", 1)[1].split("### Windows")[0]
    assert "Apple's command-line tools is 3.9" in macos
    assert 'pipx install --python "$(brew --prefix)/bin/python3.12" ./werkvorm' in macos


def test_the_field_reference_is_a_command() -> None:
    assert "`werkvorm fields`" in README
