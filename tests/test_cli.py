"""The command line through Typer's CliRunner: exit codes and what the trainer reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkvorm.cli.main import app

runner = CliRunner()

TRAINER = "trainer: {name: Fiona Stoop, email: fiona@example.org}\n"


@pytest.mark.slow
def test_check_clean_project(project: Path) -> None:
    (project / "werkvorm.yaml").write_text(TRAINER, encoding="utf-8")  # a follow-up contact
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_check_reports_errors_with_exit_1_and_no_traceback(project: Path) -> None:
    bad = project / "workshops" / "kapot.yaml"
    bad.write_text("title: Kapot\nduration: 60\nagenda:\n  - title: A\n    minuts: 60\n")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "5:5" in result.output and "minuts in block 'a' (1st in the agenda)" in result.output
    assert "did you mean 'minutes'?" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_check_strict_fails_on_warnings(project: Path) -> None:
    path = project / "workshops" / "lang.yaml"
    path.write_text(
        "title: Lang\nduration: 2h\nagenda:\n  - title: A\n    minutes: 60\n    facilitator: x\n"
    )
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", "--strict", str(path)]).exit_code == 1


def test_check_json(project: Path) -> None:
    path = project / "workshops" / "lang.yaml"
    path.write_text(
        "title: Lang\nduration: 2h\nagenda:\n  - title: A\n    minutes: 60\n    facilitator: x\n"
    )
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    data = json.loads(result.output)
    assert data["problems"][0]["severity"] == "warning"
    assert data["problems"][0]["field"] == "duration"


@pytest.mark.slow
def test_list_shows_workshops_and_clients(project: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert "spagaat" in result.output and "gemeente-lindewaard" in result.output


def test_schema_is_json_schema(project: Path) -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert {"title", "duration", "agenda"} <= set(schema["properties"])
    assert "break" in json.dumps(schema)


@pytest.mark.slow
def test_build_html_only(project: Path) -> None:
    result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert result.exit_code == 0, result.output
    out = project / "output" / "generic" / "spagaat"
    assert sorted(p.name for p in out.iterdir()) == ["handout.html", "manifest.json"]


def test_build_unknown_target_is_exit_1(project: Path) -> None:
    result = runner.invoke(app, ["build", "spagat"])
    assert result.exit_code == 1
    assert "'spagat' is not a workshop or client here" in result.output


def test_bad_option_is_exit_2(project: Path) -> None:
    assert runner.invoke(app, ["build", "spagaat", "--format", "odt"]).exit_code == 2
    assert runner.invoke(app, ["build", "--bogus"]).exit_code == 2


def test_no_project_found(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "no workshops/ folder" in result.output


@pytest.mark.slow
def test_project_option(project: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--project", str(project), "list"])
    assert result.exit_code == 0 and "spagaat" in result.output


@pytest.mark.slow
def test_failed_build_writes_nothing(project: Path) -> None:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    client.write_text(client.read_text().replace("logo: lindewaard-logo.png", "logo: weg.png"))
    result = runner.invoke(app, ["build", "gemeente-lindewaard"])
    assert result.exit_code == 1 and "weg.png" in result.output
    assert not (project / "output" / "gemeente-lindewaard").exists()


@pytest.mark.slow
def test_python_m_werkvorm_help() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "werkvorm", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "check" in done.stdout


def test_schema_files_for_editors_are_current() -> None:
    """The $schema files the YAML files point at match the models (regenerate with
    `werkvorm schema KIND > workshops/.schema/KIND.schema.json`)."""
    from tests.conftest import REPO
    from werkvorm.schema.jsonschema import json_schema

    for kind in ("workshop", "module", "client"):
        path = REPO / "workshops" / ".schema" / f"{kind}.schema.json"
        assert json.loads(path.read_text(encoding="utf-8")) == json_schema(kind), kind


@pytest.mark.slow
def test_python_api_does_what_the_cli_does(project: Path) -> None:
    import werkvorm

    result = werkvorm.build("spagaat", formats=["html"])
    assert (result.folder / "handout.html").is_file()
    (project / "werkvorm.yaml").write_text(TRAINER, encoding="utf-8")  # a follow-up contact
    assert werkvorm.check() == []
    assert werkvorm.load_workshop.__name__ == "load_workshop"


@pytest.mark.slow
def test_python_api_builds_a_programme_as_the_cli_does(project: Path) -> None:
    import werkvorm

    result = werkvorm.build("leergang-sociale-media", formats=["html"])
    assert isinstance(result, werkvorm.ProgrammeResult) and not result.skipped
    names = {p.relative_to(result.folder).as_posix() for p in result.written}
    assert "programme.ics" in names and any(n.endswith("/handout.html") for n in names)
    assert werkvorm.build("leergang-sociale-media", formats=["html"]).skipped


# ---------------------------------------------------------------- conventions (issue 15)


def test_version() -> None:
    from werkvorm.version import VERSION

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"werkvorm {VERSION}"
    import werkvorm

    assert werkvorm.__version__ == VERSION


@pytest.mark.slow
def test_project_option_after_the_command(project: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    for args in (["list", "--project", str(project)], ["check", "-p", str(project)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_check_output_json_and_the_old_format_name(project: Path) -> None:
    path = project / "workshops" / "spagaat.yaml"
    for flag in ("--output", "--format", "-o"):
        result = runner.invoke(app, ["check", flag, "json", str(path)])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["files"] == 1 and data["errors"] == 0


def test_check_refuses_an_unknown_report_format(project: Path) -> None:
    for value in ("yaml", "xml"):
        result = runner.invoke(app, ["check", "--output", value])
        assert result.exit_code == 2
        assert runner.invoke(app, ["check", "--format", value]).exit_code == 2


@pytest.mark.slow
def test_check_groups_warnings_of_one_kind(project: Path) -> None:
    blocks = "".join(
        f"  - title: Blok {n}\n    minutes: 10\n    facilitator: Uitleg {n}.\n" for n in range(6)
    )
    (project / "workshops" / "alleen-nl.yaml").write_text(
        f"title: Alleen Nederlands\nlanguage: nl\nduration: 60\nagenda:\n{blocks}",
        encoding="utf-8",
    )
    client = project / "workshops" / "clients" / "engels.yaml"
    client.write_text("name: X\nworkshop: alleen-nl\nlanguage: en\n", encoding="utf-8")
    short = runner.invoke(app, ["check", str(client)])
    assert short.exit_code == 0, short.output
    assert "texts have no English version, lines" in short.output
    assert "`werkvorm check --verbose` lists them" in short.output
    long = runner.invoke(app, ["check", "--verbose", str(client)])
    assert long.output.count("no 'en' text") > 3
    assert len(long.output.splitlines()) > len(short.output.splitlines()) + 3
    data = json.loads(runner.invoke(app, ["check", "-o", "json", str(client)]).output)
    assert sum("no 'en' text" in p["message"] for p in data["problems"]) > 3


def test_completion_of_workshop_and_client_names(project: Path) -> None:
    from werkvorm.cli.options import complete_targets as _complete_targets

    assert "spagaat" in _complete_targets("")
    assert _complete_targets("gemeente") == ["gemeente-lindewaard"]


def test_help_shows_words_not_python_types() -> None:
    for command in ("build", "check", "watch", "list", "live", "results"):
        text = runner.invoke(app, [command, "--help"]).output
        options = [line for line in text.splitlines() if " --" in line and "--help" not in line]
        text = "\n".join(options)
        assert options and "<bool>" not in text and "<int" not in text and "<path>" not in text, (
            text
        )


@pytest.mark.slow
def test_build_all_ends_with_a_summary(project: Path) -> None:
    result = runner.invoke(app, ["build", "--all", "--format", "html"])
    kits = sum(
        len(list((project / "workshops" / where).glob("*.yaml")))
        for where in ("", "clients", "programmes")
    )
    assert f"{kits} kits: {kits} built" in result.output.splitlines()[-1]
    again = runner.invoke(app, ["build", "--all", "--format", "html"])
    assert f"{kits} kits: 0 built (0 files), {kits} unchanged, 0 failed" in again.output


@pytest.mark.slow
def test_shards_are_disjoint_and_together_everything(project: Path) -> None:
    from werkvorm.kits import batch
    from werkvorm.project.folder import Project

    p = Project(project)
    everything = batch.plan(p, [], True)
    for count in (1, 2, 3, 4):
        shares = [batch.shard(everything, i, count) for i in range(1, count + 1)]
        flat = [job for share in shares for job in share]
        assert sorted(map(str, (j.path for j in flat))) == sorted(
            map(str, (j.path for j in everything))
        )
        assert shares == [batch.shard(everything, i, count) for i in range(1, count + 1)]
        costs = [sum(batch._estimated_cost(j) for j in share) for share in shares]
        biggest = max(batch._estimated_cost(j) for j in everything)
        assert max(costs) - min(costs) <= biggest, "greedy shares differ by at most one kit"
    result = runner.invoke(app, ["build", "--all", "--format", "html", "--shard", "1/2"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["build", "--all", "--shard", "3/2"]).exit_code == 2


def test_python_api_refuses_bad_options(project: Path) -> None:
    import werkvorm

    for options in (
        {"formats": "pdf"},
        {"formats": ["odt"]},
        {"paper": "A5"},
        {"out": "dir"},
        {"participants": "x.csv"},
    ):
        with pytest.raises(werkvorm.WerkvormError) as info:
            werkvorm.build("spagaat", **options)  # type: ignore[arg-type]
        assert "must" in info.value.message or "unknown format" in info.value.message
    assert not (project / "output" / "generic").exists()


def test_a_missing_pango_gives_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from werkvorm.kits import build as kits

    def no_pango(name: str) -> object:
        raise OSError("cannot load library 'libpango-1.0-0': no such file")

    monkeypatch.setattr(importlib, "import_module", no_pango)
    with pytest.raises(werkvorm_error()) as info:
        kits._pdf_module("documents")
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in info.value.message
    assert "brew install pango" in info.value.message


def werkvorm_error() -> type[Exception]:
    from werkvorm.errors import WerkvormError

    return WerkvormError


@pytest.mark.slow
def test_the_batch_runs_under_spawn_and_imports_nothing_posix_only() -> None:
    import subprocess
    import sys

    code = (
        "import os, sys\n"
        "calls = []\n"
        "real = os.umask\n"
        "os.umask = lambda m: calls.append(m) or real(m)\n"
        "import werkvorm, werkvorm.cli.main, werkvorm.kits.batch, werkvorm.kits.pool, werkvorm.kits.build\n"
        "assert 'resource' not in sys.modules, 'resource imported'\n"
        "assert calls == [], 'umask changed at import'\n"
        "from werkvorm.kits.options import BuildOptions\n"
        "from werkvorm.kits.pool import Pool\n"
        "from werkvorm.project.folder import Project\n"
        "from pathlib import Path\n"
        "pool = Pool(Project(Path('.')), BuildOptions(), timeout=1, memory_mb=100)\n"
        "assert pool.ctx.get_start_method() == 'spawn'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_check_json_stays_json_without_a_project(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--output", "json"])
    assert result.exit_code == 1
    assert "no workshops/ folder" in json.loads(result.stdout)["error"]


def test_inspect_template_refuses_a_device_at_once() -> None:
    """Review #12: /dev/zero was read until memory ran out."""
    result = runner.invoke(app, ["inspect-template", "/dev/zero"])
    assert result.exit_code == 1
    assert "not an ordinary file" in result.output
