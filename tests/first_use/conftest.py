"""The trainer of the first-use review (``../shared/reviews/first-use-2026-12-02.md``):
her workshop, her client, and helpers that return exactly what werkvorm says."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from werkvorm.errors import InputError
from werkvorm.schema.load import load_client, load_workshop

WORKSHOP = """\
title: LinkedIn voor gemeenteambtenaren
language: nl
duration: 2h
agenda:
  - id: welkom
    title: Welkom
    minutes: 10
    facilitator: Stel jezelf voor.
  - id: waarom
    title: Waarom LinkedIn?
    minutes: 20
    facilitator: Laat voorbeelden zien.
  - id: profiel
    title: Je profiel
    minutes: 25
    facilitator: Iedereen werkt aan het eigen profiel.
  - break: 15
  - id: posten
    title: Posten als ambtenaar
    minutes: 30
    format: groups
    facilitator: Loop rond langs de groepjes.
    exercise:
      title: Wel of niet posten?
      instructions: Bespreek de vijf voorbeelden.
      group_size: 4
      debrief_per_group: 3
  - id: afsluiting
    title: Afsluiting
    minutes: 20
    facilitator: Vraag ieder om een eerste stap.
"""

CLIENT = """\
name: Gemeente Zeewolde
workshop: linkedin
session:
  date: 2027-03-04
  start: "13:30"
  participants: 12
"""


@pytest.fixture
def trainer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Her project: werkvorm.yaml, the workshop and the client, as the cwd."""
    root = tmp_path / "trainingen"
    (root / "workshops" / "clients").mkdir(parents=True)
    (root / "output").mkdir()
    (root / "werkvorm.yaml").write_text("trainer:\n  name: Fiona Stoop\n", encoding="utf-8")
    (root / "workshops" / "linkedin.yaml").write_text(WORKSHOP, encoding="utf-8")
    (root / "workshops" / "clients" / "zeewolde.yaml").write_text(CLIENT, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def says(trainer: Path) -> Callable[..., list[str]]:
    """What werkvorm says about a workshop (or, with ``client=``, a client) file:
    every problem as the trainer reads it."""

    def _says(text: str, *, client: bool = False) -> list[str]:
        if client:
            path = trainer / "workshops" / "clients" / "zeewolde.yaml"
        else:
            path = trainer / "workshops" / "linkedin.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        with pytest.raises(InputError) as info:
            (load_client if client else load_workshop)(path)
        return [p.format() for p in info.value.problems]

    return _says
