"""One kit on two cores (aside.py): the same bytes, and a failing child costs nothing."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from werkvorm.kits import aside
from werkvorm.kits.build import plan_kit, render_kit
from werkvorm.project.folder import Project

linux_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")


def _doubled(documents: Sequence[Any]) -> tuple[dict[str, bytes], list[str]]:
    return {str(d): str(d).encode() * 2 for d in documents}, [f"pid {os.getpid()}"]


@linux_only
def test_a_child_lays_out_its_share_in_another_process() -> None:
    result = aside.Aside(_doubled, ["a", "b"]).result()
    assert result is not None
    documents, findings = result
    assert documents == {"a": b"aa", "b": b"bb"}
    assert findings != [f"pid {os.getpid()}"]  # the work was done elsewhere


@linux_only
def test_a_child_that_fails_or_dies_gives_nothing_and_leaves_no_zombie() -> None:
    def fails(documents: Sequence[Any]) -> tuple[dict[str, bytes], list[str]]:
        raise RuntimeError("broken")

    def dies(documents: Sequence[Any]) -> tuple[dict[str, bytes], list[str]]:
        os._exit(3)

    for render in (fails, dies):
        helper = aside.Aside(render, ["a"])
        assert helper.result() is None
        with pytest.raises(ChildProcessError):
            os.waitpid(helper.pid, os.WNOHANG)  # already reaped


def test_only_linux_with_two_cores_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not aside.available()


@pytest.mark.slow
@linux_only
def test_a_kit_built_on_two_cores_is_byte_for_byte_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aside, "available", lambda: True)
    found = Project(project)
    plan = plan_kit(found, "client", found.clients_dir / "gemeente-lindewaard.yaml")
    formats = ["pdf", "pptx"]
    one, two = [], []
    alone = render_kit(plan.session, found, formats, findings=one)
    together = render_kit(plan.session, found, formats, findings=two, parallel=True)
    assert together == alone and "guide.pdf" in together
    assert sorted(one) == sorted(two)


@pytest.mark.slow
@linux_only
def test_when_the_child_fails_the_build_lays_its_documents_out_itself(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aside, "available", lambda: True)

    def broken() -> None:
        raise OSError("no prctl here")

    monkeypatch.setattr(aside, "_die_with_parent", broken)  # the child fails at once
    found = Project(project)
    plan = plan_kit(found, "workshop", found.workshop("spagaat"))
    documents = render_kit(plan.session, found, ["pdf"], parallel=True)
    assert {"guide.pdf", "evaluation.pdf", "handout.pdf"} <= documents.keys()


@linux_only
def test_a_child_whose_build_failed_first_is_stopped_not_left_waiting() -> None:
    helper = aside.Aside(lambda documents: ({"big": b"x" * 1_000_000}, []), ["a"])
    helper.cancel()  # the build raised before it asked for the result
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)


def test_the_heap_is_settled_once_and_the_libraries_stay_out_of_collections() -> None:
    import gc

    from werkvorm.kits import heap

    heap.settle()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    [object() for _ in range(10)]
    heap.settle()  # once a process: later kits' objects are never frozen
    assert gc.get_freeze_count() == frozen
