"""The workshop library: every workshop and example client is ready to run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from werkvorm.compose import compose
from werkvorm.kits import check_file, load_inputs
from werkvorm.project import Project

PROJECT = Project(REPO)
WORKSHOPS = PROJECT.workshops()
CLIENTS = PROJECT.clients()


def test_the_library_is_complete() -> None:
    assert {p.stem for p in WORKSHOPS} >= {
        "spagaat",
        "strategieschrijvers",
        "converserende-overheid",
        "kanteling",
        "zes-competenties",
    }
    assert len(CLIENTS) >= 3
    workshops_of_clients = [load_inputs(PROJECT, "client", c).workshop.stem for c in CLIENTS]
    assert len(set(workshops_of_clients)) == len(workshops_of_clients)


@pytest.mark.parametrize("path", WORKSHOPS + CLIENTS, ids=lambda p: p.stem)
def test_check_reports_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert [p.format() for p in check_file(PROJECT, path)] == []


@pytest.mark.parametrize("path", WORKSHOPS, ids=lambda p: p.stem)
def test_workshop_is_ready_to_run(path: Path) -> None:
    inputs = load_inputs(PROJECT, "workshop", path)
    s = compose(inputs.workshop)
    assert 120 <= s.planned_minutes <= 210
    assert s.total_minutes == s.planned_minutes, "timings must add up to the planned duration"
    since_break = 0
    for item in s.items:
        since_break = 0 if item.kind == "break" else since_break + item.minutes
        assert since_break <= 90, f"more than 90 minutes without a break at {item.title}"
    assert s.goals and s.audience and s.materials and s.takeaways
    exercises = [b.exercise for b in s.blocks if b.exercise and b.exercise.worksheet]
    assert len(exercises) >= 2
    kinds = {w.kind for e in exercises for w in e.worksheet}
    assert len(kinds) >= 2, "worksheets of at least two different kinds"
    for block in s.blocks:
        assert block.facilitator.strip(), f"{block.title}: facilitator notes"
        assert block.slides, f"{block.title}: slides"
    for src in s.sources:
        assert src.author and src.title and src.publication


def test_modules_are_shared() -> None:
    users = [p.stem for p in WORKSHOPS if load_inputs(PROJECT, "workshop", p).workshop.modules]
    assert len(users) >= 2


def test_spagaat_is_fully_bilingual(project: Path) -> None:
    """An English session of spagaat finds an English text for everything."""
    client = project / "workshops" / "clients" / "english.yaml"
    client.write_text("name: Riverside Ltd\nworkshop: spagaat\nlanguage: en\n", encoding="utf-8")
    inputs = load_inputs(Project(project), "client", client)
    session = compose(inputs.workshop, inputs.client)
    assert session.title == "The social media splits"
    assert [w.format() for w in session.warnings] == []
