"""From an empty folder to a project: `init`, `new --init`, client and module starters,
and werkvorm.yaml carried into every kit."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.editor_schema import errors_in
from werkvorm.cli import setup as cli_setup
from werkvorm.cli.main import app
from werkvorm.errors import InputError
from werkvorm.project.folder import Project

runner = CliRunner()


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "leeg"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.output


def test_init_makes_every_folder_the_schema_files_and_the_project_file(empty: Path) -> None:
    code, out = run("init", "--name", "Ilse Hoogland", "--language", "nl-BE")
    assert code == 0, out
    for folder in ("workshops/modules", "workshops/clients", "templates", "output"):
        assert (empty / folder).is_dir(), folder
    for kind in ("workshop", "module", "client", "project"):
        assert (empty / "workshops" / ".schema" / f"{kind}.schema.json").is_file()
    assert "output/*" in (empty / ".gitignore").read_text(encoding="utf-8")
    assert ".werkvorm/" in (empty / ".gitignore").read_text(encoding="utf-8")  # evaluations
    text = (empty / "werkvorm.yaml").read_text(encoding="utf-8")
    assert 'name: "Ilse Hoogland"' in text and "language: nl-BE" in text
    assert errors_in(empty / "werkvorm.yaml") == []


def test_init_never_overwrites_what_is_there(empty: Path) -> None:
    (empty / "werkvorm.yaml").write_text("trainer: {name: Mijn eigen}\n", encoding="utf-8")
    (empty / ".gitignore").write_text("eigen\n", encoding="utf-8")
    code, out = run("init")
    assert code == 0, out
    assert (empty / "werkvorm.yaml").read_text(encoding="utf-8") == "trainer: {name: Mijn eigen}\n"
    assert (empty / ".gitignore").read_text(encoding="utf-8") == "eigen\n"
    assert "kept" in out


def test_init_into_a_new_folder_says_to_cd_there(empty: Path) -> None:
    code, out = run("init", "trainingen")
    assert code == 0, out
    assert (empty / "trainingen" / "werkvorm.yaml").is_file()
    assert "cd trainingen" in out


def test_init_refuses_an_unknown_language_and_writes_nothing(empty: Path) -> None:
    code, out = run("init", "--language", "de")
    assert code == 1
    assert "nl, nl-BE or en" in out
    assert list(empty.iterdir()) == []


def test_new_outside_a_project_says_how_to_start_one_and_writes_nothing(empty: Path) -> None:
    code, out = run("new", "mijn-workshop")
    assert code == 1
    assert "werkvorm init" in out and "--init" in out
    assert list(empty.iterdir()) == []


def test_new_with_init_makes_the_project_and_the_workshop(empty: Path) -> None:
    code, out = run("new", "mijn-workshop", "--init")
    assert code == 0, out
    assert (empty / "werkvorm.yaml").is_file()
    assert (empty / "workshops" / "mijn-workshop.yaml").is_file()


def test_new_asks_to_init_when_run_in_a_terminal(
    empty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_setup, "_interactive", lambda: True)
    code, out = run("new", "mijn-workshop", input="y\n")
    assert code == 0, out
    assert "Make it one" in out
    assert (empty / "workshops" / "mijn-workshop.yaml").is_file()


@pytest.mark.slow
def test_new_client_and_module_starters_check_as_they_are(empty: Path) -> None:
    assert (
        run("init", "--name", "Ilse Hoogland", "--email", "ilse@example.org", "--paper", "a5")[0]
        == 0
    )
    assert run("new", "proef")[0] == 0
    code, out = run("new", "--client", "Gemeente Lindewaard", "--workshop", "proef")
    assert code == 0, out
    client = empty / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    text = client.read_text(encoding="utf-8")
    assert 'name: "Gemeente Lindewaard"' in text and "workshop: proef" in text
    assert "paper: a5" in text and 'facilitator: "Ilse Hoogland"' in text
    code, out = run("new", "--module", "kennismaking")
    assert code == 0, out
    code, out = run("check", "--strict")  # no warning either
    assert code == 0, out
    module = empty / "workshops" / "modules" / "kennismaking.yaml"
    workshop = empty / "workshops" / "proef.yaml"
    workshop.write_text(
        workshop.read_text(encoding="utf-8").replace(
            "  # - use: modules/opening.yaml", "  - use: modules/kennismaking.yaml"
        ),
        encoding="utf-8",
    )
    code, out = run("check")  # with the module in use: 20 minutes over, a warning only
    assert code == 0, out
    for path in (client, module, workshop, empty / "werkvorm.yaml"):
        assert errors_in(path) == [], path


@pytest.mark.slow
def test_new_client_needs_an_existing_workshop_and_never_overwrites(empty: Path) -> None:
    assert run("new", "proef", "--init")[0] == 0
    code, out = run("new", "--client", "Lindewaard", "--workshop", "bestaat-niet")
    assert code == 1 and "bestaat-niet" in out
    assert not (empty / "workshops" / "clients" / "lindewaard.yaml").exists()
    assert run("new", "--client", "Lindewaard", "--workshop", "proef")[0] == 0
    code, out = run("new", "--client", "Lindewaard", "--workshop", "proef")
    assert code == 1 and "already exists" in out


def test_new_wants_one_thing_to_make(empty: Path) -> None:
    assert run("new")[0] == 2
    assert run("new", "proef", "--module", "m")[0] == 2
    assert run("new", "--client", "Lindewaard")[0] == 2


def _plan(root: Path, kind: str, path: Path):  # type: ignore[no-untyped-def]
    from werkvorm.kits.build import plan_kit

    return plan_kit(Project(root), kind, path)  # type: ignore[arg-type]


def test_generic_kits_wear_the_trainers_brand_and_every_kit_names_the_trainer(
    project: Path,
) -> None:
    logo = project / "workshops" / "clients" / "lindewaard-logo.png"
    (project / "eigen-logo.png").write_bytes(logo.read_bytes())
    (project / "werkvorm.yaml").write_text(
        "trainer:\n  name: Ilse Hoogland\n  organisation: Hoogland & Co\n  email: f@example.nl\n"
        '  logo: eigen-logo.png\n  colors: {primary: "#5b2a86", accent: "#2a865b"}\n'
        "defaults: {paper: a5}\n",
        encoding="utf-8",
    )
    generic = _plan(project, "workshop", project / "workshops" / "spagaat.yaml").session
    assert generic.branding.primary == "#5b2a86"
    assert generic.branding.logo == str((project / "eigen-logo.png").resolve())
    assert str(project.resolve()) in generic.asset_dirs
    assert generic.trainer.organisation == "Hoogland & Co"
    assert generic.client == "Hoogland & Co" and generic.client_id == "generic"
    assert generic.facilitator == "Ilse Hoogland"
    assert generic.paper == "a5"
    client_path = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    client = _plan(project, "client", client_path).session
    assert client.branding.primary == "#00695c"  # the client's own colours stay
    assert client.trainer.email == "f@example.nl"
    assert client.client == "Gemeente Lindewaard"
    assert client.facilitator == "Anouk de Wit"  # the client's own facilitator stays
    assert client.paper == "a4"  # the client says a4


def test_editing_werkvorm_yaml_rebuilds_the_kit(project: Path) -> None:
    path = project / "workshops" / "spagaat.yaml"
    before = _plan(project, "workshop", path).manifest
    (project / "werkvorm.yaml").write_text("trainer: {name: Ilse}\n", encoding="utf-8")
    assert _plan(project, "workshop", path).manifest != before


def test_a_wrong_project_file_is_an_input_error_at_its_line(project: Path) -> None:
    (project / "werkvorm.yaml").write_text(
        "trainer:\n  name: Ilse\n  colours: {primary: red}\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        _plan(project, "workshop", project / "workshops" / "spagaat.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 3 and "colours" in problem.field


def test_an_empty_section_in_a_profile_is_empty_not_an_error(tmp_path: Path) -> None:
    from werkvorm.schema.models import Client
    from werkvorm.schema.source import parse_document

    doc = parse_document(tmp_path / "c.yaml", "name: K\nworkshop: w\nsession:\n  # date: x\n")
    assert Client.model_validate(doc.data).session.date is None


def test_a_long_organisation_keeps_its_comment_apart(empty: Path) -> None:
    from werkvorm.cli.init import Identity, project_file_text

    text = project_file_text(Identity(organisation="Hoogland Training & Advies voor Overheden"))
    assert 'organisation: "Hoogland Training & Advies voor Overheden" # your company' in text


@pytest.mark.slow
def test_a_generic_kit_builds_with_the_trainers_logo(empty: Path) -> None:
    logo = Path(__file__).resolve().parents[1] / "workshops" / "clients" / "lindewaard-logo.png"
    assert run("init", "--organisation", "Hoogland & Co")[0] == 0
    (empty / "logo.png").write_bytes(logo.read_bytes())
    project_file = empty / "werkvorm.yaml"
    project_file.write_text(
        project_file.read_text(encoding="utf-8").replace("  # logo: logo.png", "  logo: logo.png"),
        encoding="utf-8",
    )
    assert run("new", "proef")[0] == 0
    code, out = run("build", "proef", "--format", "pdf")
    assert code == 0, out
    assert (empty / "output" / "generic" / "proef" / "handout.pdf").stat().st_size > 0
