"""The README's CI workflows for a season (`build --all --shard I/N`) are valid YAML and
run a command line werkvorm accepts, whose shares together build every kit once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
import yaml

from werkvorm.cli.main import app
from werkvorm.cli.options import parse_shard
from werkvorm.kits import batch
from werkvorm.project.folder import Project

README = Path(__file__).resolve().parents[1] / "README.md"


def _section_yaml() -> list[Any]:
    text = README.read_text(encoding="utf-8")
    start = text.index("### A whole season on CI runners")
    end = text.index("\n## ", start)
    blocks = re.findall(r"```yaml\n(.*?)```", text[start:end], re.DOTALL)
    return [yaml.safe_load(block) for block in blocks]


def _build_args(command: str) -> list[str]:
    """The arguments of a `werkvorm build ...` line, checked by the real command line."""
    words = command.replace('"', "").split()
    assert words[:2] == ["werkvorm", "build"], command
    commands = getattr(typer.main.get_command(app), "commands", {})
    params = commands["build"].make_context("build", words[2:]).params
    assert params["all_"] is True
    return words[2:]


def _shares(commands: list[str], project: Path) -> list[list[batch.KitJob]]:
    p = Project(project)
    everything = batch.plan(p, [], True)
    shares = []
    for command in commands:
        args = _build_args(command)
        piece = parse_shard(args[args.index("--shard") + 1])
        assert piece is not None
        shares.append(batch.shard(everything, *piece))
    found = sorted((job for share in shares for job in share), key=str)
    assert found == sorted(everything, key=str), "the shares together are --all, once each"
    return shares


def test_the_github_matrix_parses_and_its_shards_make_everything(project: Path) -> None:
    workflow = _section_yaml()[0]
    assert True in workflow or "on" in workflow  # YAML 1.1 reads a bare `on` as true
    job = workflow["jobs"]["kits"]
    shards = job["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    runs = [step["run"] for step in job["steps"] if "run" in step]
    build = next(r for r in runs if r.startswith("werkvorm build"))
    assert f"{{{{ matrix.shard }}}}/{len(shards)}" in build
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload"))
    assert upload["with"]["path"] == "output/" and "matrix.shard" in upload["with"]["name"]
    assert any("libharfbuzz-subset0" in r and "libpango" in r for r in runs)
    assert any(r.startswith("pip install") for r in runs)
    commands = [build.replace("${{ matrix.shard }}", str(n)) for n in shards]
    _shares(commands, project)


def test_the_gitlab_parallel_job_parses_and_its_nodes_make_everything(project: Path) -> None:
    job = _section_yaml()[1]["kits"]
    total = job["parallel"]
    build = next(line for line in job["script"] if line.startswith("werkvorm build"))
    commands = [
        build.replace("$CI_NODE_INDEX", str(n)).replace("$CI_NODE_TOTAL", str(total))
        for n in range(1, total + 1)
    ]
    _shares(commands, project)
    assert job["artifacts"]["paths"] == ["output/"]
