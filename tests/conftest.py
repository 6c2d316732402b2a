"""Shared fixtures: a throw-away project, and golden files refreshed with --update-golden."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, Any], None]:
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: Any) -> None:
        path = GOLDEN / name
        text = (
            actual
            if isinstance(actual, str)
            else json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
        )
        if update or not path.exists():
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} changed: review the diff, then run pytest --update-golden"
        )

    return check


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's workshops in a fresh folder, as the cwd."""
    root = tmp_path / "proj"
    shutil.copytree(REPO / "workshops", root / "workshops")
    (root / "output").mkdir()
    monkeypatch.chdir(root)
    return root


MINIMAL = """\
title: Proef
language: nl
duration: 60
agenda:
  - title: Opening
    minutes: 20
    facilitator: Welkom heten.
  - break: 10
  - title: Oefenen
    minutes: 30
    facilitator: Laat ze oefenen.
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a YAML file (dedented) into a small project under tmp_path."""
    (tmp_path / "workshops" / "clients").mkdir(parents=True, exist_ok=True)

    def _write(name: str, text: str) -> Path:
        path = tmp_path / "workshops" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write
