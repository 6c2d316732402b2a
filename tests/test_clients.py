"""Client kits, participant lists, personalised outputs, batch builds and the manifest."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from werkvorm.cli.main import app
from werkvorm.errors import InputError, ProjectError
from werkvorm.kits import batch
from werkvorm.kits.build import build_kit
from werkvorm.kits.options import BuildOptions
from werkvorm.names import slugify
from werkvorm.project.folder import Project
from werkvorm.schema.participants import read_participants

runner = CliRunner()


# ---------------------------------------------------------------- participant lists


def _csv(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "deelnemers.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        "naam;organisatie;e-mail\nJosé Smit;Gemeente X;j@x.nl\n".encode(),  # Dutch Excel
        "\ufeffNaam;Organisatie;E-mail\r\nJosé Smit;Gemeente X;j@x.nl\r\n".encode(),  # BOM, CRLF
        "name,organisation,email\nJosé Smit,Gemeente X,j@x.nl\n".encode(),  # English, comma
        "Naam;Organisatie\nJosé Smit;Gemeente X\n".encode("cp1252"),  # Windows-1252
        "\n\nnaam;organisatie\n\nJosé Smit;Gemeente X\n;\n\n".encode(),  # blank lines
        'Name,Organization\n"José Smit","Gemeente X"\n'.encode(),  # quoted, US spelling
        "naam\torganisatie\nJosé Smit\tGemeente X\n".encode(),  # tabs
    ],
)
def test_participant_list_variants(tmp_path: Path, data: bytes) -> None:
    people, warnings = read_participants(_csv(tmp_path, data))
    assert [(p.name, p.organisation) for p in people] == [("José Smit", "Gemeente X")]
    assert warnings == []


def test_duplicates_are_flagged_once(tmp_path: Path) -> None:
    people, warnings = read_participants(_csv(tmp_path, b"naam;organisatie\nAn;X\nBo;X\nan;x\n"))
    assert [p.name for p in people] == ["An", "Bo"]
    assert (
        len(warnings) == 1 and warnings[0].line == 4 and "twice (also row 2)" in warnings[0].message
    )


def test_missing_name_column(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_participants(_csv(tmp_path, b"voornaam;organisatie\nAn;X\n"))
    assert "no column 'naam' or 'name'" in info.value.problems[0].message
    assert "found: voornaam, organisatie" in info.value.problems[0].message


def test_empty_name_names_the_row(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_participants(_csv(tmp_path, b"naam;organisatie\nAn;X\n;Y\n"))
    assert info.value.problems[0].line == 3
    assert info.value.problems[0].message == "row 3 has no name: fill it in or delete the row"


def test_hostile_names_are_cleaned(tmp_path: Path) -> None:
    data = "naam\nJan\u202eevil\x07\n".encode()
    people, _ = read_participants(_csv(tmp_path, data))
    assert people[0].name == "Janevil"


# ---------------------------------------------------------------- names and folders


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("../../etc", "etc"),
        ("CON", "item-con"),
        ("a/b\\c", "a-b-c"),
        ("", "item"),
        ("Gemeente 's-Hertogenbosch", "gemeente-s-hertogenbosch"),
        ("x" * 300, "x" * 60),
        ("Ærø Ünïcødé", "aero-unicode"),
        ("..", "item"),
    ],
)
def test_slugs_are_safe(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_two_clients_sharing_a_folder_is_an_error(project: Path) -> None:
    clients = project / "workshops" / "clients"
    (clients / "Gemeente Lindewaard.yaml").write_text(
        (clients / "gemeente-lindewaard.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(ProjectError) as info:
        batch.plan(Project(project), [], True)
    assert "would write into output/gemeente-lindewaard/" in info.value.problems[0].message


@pytest.mark.slow
def test_participant_file_names_are_unique(project: Path) -> None:
    csv = project / "workshops" / "clients" / "lindewaard-deelnemers.csv"
    csv.write_text(
        "naam;organisatie\nJan Jansen;A\nJan Jansen;B\nCertificates;C\n../../x;D\n",
        encoding="utf-8",
    )
    result = build_kit(
        Project(project),
        "client",
        project / "workshops" / "clients" / "gemeente-lindewaard.yaml",
        formats=["pdf"],
    )
    names = sorted(p.name for p in (result.folder / "participants").iterdir())
    assert names == [
        "all-handouts.pdf",
        "badges.pdf",
        "certificates-2.pdf",
        "certificates.pdf",
        "jan-jansen-2.pdf",
        "jan-jansen.pdf",
        "sign-in.pdf",
        "x.pdf",
    ]
    assert all(p.resolve().is_relative_to(project / "output") for p in result.written)


# ---------------------------------------------------------------- personalised outputs


@pytest.mark.slow
def test_names_on_the_right_pages_and_one_certificate_each(project: Path) -> None:
    result = build_kit(
        Project(project),
        "client",
        project / "workshops" / "clients" / "gemeente-lindewaard.yaml",
        formats=["pdf"],
    )
    folder = result.folder / "participants"
    names = ["Sanne Bakker", "Joost van Dijk", "Fatima El Amrani", "Pieter Hoekstra"]
    base_pages = len(PdfReader(result.folder / "handout.pdf").pages)
    for name in names:
        reader = PdfReader(folder / f"{slugify(name)}.pdf")
        assert len(reader.pages) == base_pages
        for page in reader.pages:
            assert name in page.extract_text()
        others = [n for n in names if n != name]
        assert not any(o in "".join(p.extract_text() for p in reader.pages) for o in others)
    certificates = PdfReader(folder / "certificates.pdf")
    assert len(certificates.pages) == len(names)
    for page, name in zip(certificates.pages, names, strict=True):
        text = " ".join(page.extract_text().split())
        assert (
            name in text and "De social media-spagaat" in text and "(3 uur en 15 minuten)" in text
        )

        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    everyone = PdfReader(folder / "all-handouts.pdf")
    padded = base_pages + base_pages % 2  # each copy starts on a front page, double-sided
    assert len(everyone.pages) == padded * len(names)
    signin = " ".join(p.extract_text() for p in PdfReader(folder / "sign-in.pdf").pages)
    assert all(n in signin for n in names) and "Handtekening" in signin


@pytest.mark.slow
def test_participants_option_replaces_the_list(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "andere.csv"
    other.write_text("name\nZoë Visser\n", encoding="utf-8")
    result = runner.invoke(
        app, ["build", "gemeente-lindewaard", "--format", "pdf", "--participants", str(other)]
    )
    assert result.exit_code == 0, result.output
    folder = project / "output" / "gemeente-lindewaard" / "spagaat" / "participants"
    assert sorted(p.name for p in folder.iterdir()) == [
        "all-handouts.pdf",
        "badges.pdf",
        "certificates.pdf",
        "sign-in.pdf",
        "zoe-visser.pdf",
    ]


# ---------------------------------------------------------------- manifest


@pytest.mark.slow
def test_unchanged_kit_is_skipped_and_a_changed_logo_rebuilds(project: Path) -> None:
    p = Project(project)
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    first = build_kit(p, "client", client, formats=["html"])
    assert not first.skipped
    stamp = (first.folder / "handout.html").stat().st_mtime_ns
    assert build_kit(p, "client", client, formats=["html"]).skipped
    assert (first.folder / "handout.html").stat().st_mtime_ns == stamp
    logo = project / "workshops" / "clients" / "lindewaard-logo.png"
    from PIL import Image

    with Image.open(logo) as im:
        im.rotate(180).save(logo)
    assert not build_kit(p, "client", client, formats=["html"]).skipped
    manifest = json.loads((first.folder / "manifest.json").read_text())
    assert any(k.endswith("lindewaard-logo.png") for k in manifest["inputs"])


@pytest.mark.slow
def test_other_formats_are_not_a_noop(project: Path) -> None:
    p = Project(project)
    ws = project / "workshops" / "spagaat.yaml"
    build_kit(p, "workshop", ws, formats=["html"])
    assert not build_kit(p, "workshop", ws, formats=["html", "pptx"]).skipped


# ---------------------------------------------------------------- batch builds


@pytest.mark.slow
def test_a_failing_client_does_not_stop_the_others(project: Path) -> None:
    clients = project / "workshops" / "clients"
    good = clients / "gemeente-lindewaard.yaml"
    bad = clients / "kapot.yaml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace("logo: lindewaard-logo.png", "logo: weg.png"),
        encoding="utf-8",
    )
    earlier = project / "output" / "kapot" / "spagaat"
    earlier.mkdir(parents=True)
    (earlier / "handout.html").write_text("earlier")
    result = runner.invoke(app, ["build", "--all", "--format", "html", "--jobs", "2"])
    assert result.exit_code == 1
    found = Project(project)
    kits = len(found.workshops()) + len(found.clients()) + len(found.programmes())
    assert f"{kits} kits: {kits - 1} built" in result.output and "1 failed" in result.output
    assert "kapot" in result.output and "weg.png" in result.output
    assert result.output.count("kapot.yaml has 1 problem") == 1, "each failure is printed once"
    assert (project / "output" / "gemeente-lindewaard" / "spagaat" / "handout.html").exists()
    assert (project / "output" / "generic" / "spagaat" / "handout.html").exists()
    assert (earlier / "handout.html").read_text() == "earlier"
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_pipe_output_is_one_line_per_kit(project: Path) -> None:
    result = runner.invoke(app, ["build", "--all", "--format", "html"])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    found = Project(project)
    kits = len(found.workshops()) + len(found.clients()) + len(found.programmes())
    assert len(lines) == kits + 1 and all(line.startswith("✓") for line in lines)
    files = kits - 1 + 8  # the programme: binder.html, 3 handouts, 4 calendars
    assert lines[-1].startswith(
        f"✓ {kits} kits: {kits} built ({files} files), 0 unchanged, 0 failed"
    )


@pytest.mark.slow
def test_runaway_render_is_stopped_by_the_time_limit(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "handout.html.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    start = time.monotonic()
    result = runner.invoke(app, ["build", "spagaat", "--format", "html", "--timeout", "2"])
    assert time.monotonic() - start < 30
    assert result.exit_code == 1
    assert "handout.html took longer than 2 s" in result.output
    assert not (project / "output" / "generic").exists()


def die(*args: object) -> None:
    """A worker's kit builder that is killed (run in a spawned worker)."""
    os.kill(os.getpid(), 9)


@pytest.mark.slow
def test_a_killed_worker_is_reported(project: Path) -> None:
    outcome = batch.run(
        Project(project),
        [batch.KitJob("workshop", project / "workshops" / "spagaat.yaml")],
        workers=1,
        options=BuildOptions(formats=("html",)),
        work=die,
    )[0]
    assert not outcome.ok and "signal 9" in outcome.error


@pytest.mark.slow
def test_two_builds_of_the_same_kit_at_once(project: Path) -> None:
    import multiprocessing

    def one() -> None:
        build_kit(
            Project(project),
            "workshop",
            project / "workshops" / "spagaat.yaml",
            formats=["pdf"],
            force=True,
        )

    ctx = multiprocessing.get_context("fork")
    runs = [ctx.Process(target=one) for _ in range(2)]
    for r in runs:
        r.start()
    for r in runs:
        r.join(120)
        assert r.exitcode == 0
    folder = project / "output" / "generic" / "spagaat"
    for name in ("handout.pdf", "guide.pdf"):
        assert len(PdfReader(io.BytesIO((folder / name).read_bytes())).pages) > 1
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.slow
def test_a_worker_over_its_memory_limit_is_reported(project: Path) -> None:
    job = batch.KitJob("workshop", project / "workshops" / "spagaat.yaml")
    outcome = batch.run(
        Project(project), [job], workers=1, options=BuildOptions(formats=("pdf",)), memory_mb=64
    )[0]
    assert not outcome.ok and "memory" in outcome.error
    assert not (project / "output" / "generic").exists()


@pytest.mark.slow
def test_personal_copies_stay_tagged_and_reproducible(project: Path) -> None:
    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    first = build_kit(Project(project), "client", client, formats=["pdf"])
    folder = first.folder / "participants"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    copy = PdfReader(folder / "sanne-bakker.pdf")
    assert "/StructTreeRoot" in copy.trailer["/Root"] and copy.metadata.title
    build_kit(Project(project), "client", client, formats=["pdf"], force=True)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.slow
def test_command_line_noop_and_what_breaks_it(project: Path) -> None:
    def build() -> str:
        result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
        assert result.exit_code == 0, result.output
        return result.output

    assert build().startswith("✓")
    assert "(unchanged)" in build()
    module = project / "workshops" / "modules" / "opening.yaml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("Welkom", "Goedemorgen"), encoding="utf-8"
    )
    assert build().startswith("✓")
    assert "(unchanged)" in build()
    (project / "templates").mkdir()
    (project / "templates" / "handout.css").write_text("body { color: black; }", encoding="utf-8")
    assert build().startswith("✓"), "a new template override must rebuild"
    assert "(unchanged)" in build()
    assert runner.invoke(
        app, ["build", "spagaat", "--format", "html", "--paper", "a5"]
    ).output.startswith("✓")


def test_an_edited_output_is_rebuilt(project: Path) -> None:
    p = Project(project)
    ws = project / "workshops" / "spagaat.yaml"
    result = build_kit(p, "workshop", ws, formats=["html"])
    recorded = json.loads((result.folder / "manifest.json").read_text())
    assert (
        set(recorded["outputs"]) == {"handout.html"}
        and len(recorded["outputs"]["handout.html"]) == 64
    )
    (result.folder / "handout.html").write_text("edited by hand")
    assert not build_kit(p, "workshop", ws, formats=["html"]).skipped
    assert "edited by hand" not in (result.folder / "handout.html").read_text()


@pytest.mark.slow
def test_a_worker_that_cannot_start_is_reported_not_retried_for_ever(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkvorm.kits import pool

    monkeypatch.setattr(pool, "_serve", _exit_at_once)
    job = batch.KitJob("workshop", project / "workshops" / "spagaat.yaml")
    outcome = batch.run(
        Project(project), [job], workers=1, options=BuildOptions(formats=("html",))
    )[0]
    assert not outcome.ok and "could not start" in outcome.error


def _exit_at_once(*args: object) -> None:
    raise SystemExit(3)
