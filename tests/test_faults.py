"""Nothing lost: partial builds, watch, hostile manifests, kills, full disks, read-only folders.

Each test is a finding of the reliability review of 2026-11-23 (numbers in the names).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkvorm.cli.main import app
from werkvorm.errors import ProjectError, WerkvormError
from werkvorm.kits import manifest, staging
from werkvorm.kits.build import build_kit
from werkvorm.project.folder import Project

runner = CliRunner()
CLIENT = "gemeente-lindewaard"


def _kit(project: Path) -> Path:
    return project / "output" / CLIENT / "spagaat"


def _fake_pdf_build(kit: Path) -> dict[str, str]:
    """A kit as an earlier PDF build left it (participant PDFs listed in the manifest)."""
    data = json.loads((kit / "manifest.json").read_text())
    (kit / "participants").mkdir(exist_ok=True)
    for name in (
        "participants/jan.pdf",
        "participants/sign-in.pdf",
        "participants/badges.pdf",
        "handout.pdf",
    ):
        (kit / name).write_bytes(b"%PDF earlier " + name.encode())
        data["outputs"][name] = hashlib.sha256((kit / name).read_bytes()).hexdigest()
    data["formats"] = sorted({*data["formats"], "pdf"})
    (kit / "manifest.json").write_text(json.dumps(data))
    return {n: (kit / n).read_text() for n in data["outputs"] if n.endswith(".pdf")}


@pytest.mark.slow
def test_72_an_html_build_keeps_the_participant_pdfs(project: Path) -> None:
    assert runner.invoke(app, ["build", CLIENT, "--format", "html"]).exit_code == 0
    kit = _kit(project)
    before = _fake_pdf_build(kit)
    result = runner.invoke(app, ["build", CLIENT, "--format", "html", "--force"])
    assert result.exit_code == 0, result.output
    assert {n: (kit / n).read_text() for n in before} == before
    recorded = json.loads((kit / "manifest.json").read_text())
    assert set(before) <= set(recorded["outputs"]), "kept outputs stay listed"
    assert (kit / "handout.html").is_file()


def test_72_a_pdf_build_drops_only_the_people_who_left(project: Path) -> None:
    p = Project(project)
    client = project / "workshops" / "clients" / f"{CLIENT}.yaml"
    build_kit(p, "client", client, formats=["html"])
    kit = _kit(project)
    _fake_pdf_build(kit)
    (kit / "notes.txt").write_text("the trainer's own file")

    from werkvorm.kits import build as kits

    def quick(*args, **kwargs):  # type: ignore[no-untyped-def]
        return {"handout.pdf": b"%PDF new", "participants/sanne-bakker.pdf": b"%PDF new"}

    original = kits.render_kit
    kits.render_kit = quick
    try:
        build_kit(p, "client", client, formats=["pdf"], force=True)
    finally:
        kits.render_kit = original
    names = sorted(str(f.relative_to(kit)) for f in kit.rglob("*") if f.is_file())
    assert names == [
        "handout.html",
        "handout.pdf",
        "manifest.json",
        "notes.txt",
        "participants/sanne-bakker.pdf",
    ]


@pytest.mark.slow
def test_72_watch_builds_its_preview_beside_the_kit(project: Path) -> None:
    from werkvorm.preview.watch import _Rebuilder

    assert runner.invoke(app, ["build", CLIENT, "--format", "html"]).exit_code == 0
    kit = _kit(project)
    before = _fake_pdf_build(kit)
    stamp = {f: f.stat().st_mtime_ns for f in kit.rglob("*")}
    events: list[object] = []
    rebuild = _Rebuilder(
        Project(project),
        "client",
        project / "workshops" / "clients" / f"{CLIENT}.yaml",
        (),
        events.append,
    )
    rebuild()
    assert {f: f.stat().st_mtime_ns for f in kit.rglob("*")} == stamp
    assert {n: (kit / n).read_text() for n in before} == before
    preview = project / "output" / ".preview" / CLIENT / "spagaat"
    assert (preview / "handout.html").is_file()
    assert rebuild.preview.find("handout.pdf") == kit / "handout.pdf"  # linked, not copied


@pytest.mark.slow
def test_73_a_manifest_cannot_point_outside_the_kit(project: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.pdf").write_text("keep me")
    assert runner.invoke(app, ["build", "spagaat", "--format", "html"]).exit_code == 0
    kit = project / "output" / "generic" / "spagaat"
    data = json.loads((kit / "manifest.json").read_text())
    climb = "participants/" + "../" * 8 + str(victim.relative_to("/")) + "/precious.pdf"
    data["outputs"][climb] = "x"
    (kit / "manifest.json").write_text(json.dumps(data))
    assert manifest.read(kit) is None, "a manifest with a climbing name is not trusted"
    result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert result.exit_code == 0 and "(unchanged)" not in result.output
    assert (victim / "precious.pdf").read_text() == "keep me"


@pytest.mark.parametrize(
    "damage",
    [
        {"inputs": "x", "outputs": 5},
        {"formats": "pdf"},
        {"outputs": {"handout.html": 7}},
        {"options": []},
        {"inputs": {"/dev/zero": ""}},
    ],
)
@pytest.mark.slow
def test_74_75_a_damaged_manifest_is_rebuilt(project: Path, damage: dict[str, object]) -> None:
    assert runner.invoke(app, ["build", "spagaat", "--format", "html"]).exit_code == 0
    kit = project / "output" / "generic" / "spagaat"
    data = json.loads((kit / "manifest.json").read_text())
    if damage.get("inputs") == {"/dev/zero": ""}:
        data["inputs"]["/dev/zero"] = ""
    else:
        data.update(damage)
    (kit / "manifest.json").write_text(json.dumps(data))
    start = time.monotonic()
    result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - start < 20
    assert "/dev/zero" not in (kit / "manifest.json").read_text()
    assert runner.invoke(app, ["build", "spagaat", "--format", "html", "--force"]).exit_code == 0
    assert "(unchanged)" in runner.invoke(app, ["build", "spagaat", "--format", "html"]).output


def test_74_a_device_is_never_read() -> None:
    assert manifest.digest(Path("/dev/zero")) == ""


def test_77_a_symlinked_output_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    kit = tmp_path / "out" / "klant" / "proef"
    kit.mkdir(parents=True)
    (kit / "participants").symlink_to(outside, target_is_directory=True)
    (kit / "handout.pdf").symlink_to(outside / "handout.pdf")
    staging.replace_folder(
        kit, {"participants/jan.pdf": b"%PDF", "handout.pdf": b"%PDF"}, lambda name: False
    )
    assert list(outside.iterdir()) == []
    assert not (kit / "participants").is_symlink() and (kit / "participants" / "jan.pdf").is_file()
    assert not (kit / "handout.pdf").is_symlink()


def test_a_link_of_the_trainers_own_is_kept_as_a_link(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "mine").symlink_to("/etc")
    staging.replace_folder(kit, {"handout.pdf": b"x"}, lambda name: False)
    assert (kit / "mine").is_symlink() and os.readlink(kit / "mine") == "/etc"


@pytest.mark.slow
def test_71_two_workshops_that_fold_to_one_folder(project: Path) -> None:
    spagaat = project / "workshops" / "spagaat.yaml"
    (project / "workshops" / "Spagaat.yaml").write_text(
        spagaat.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert runner.invoke(app, ["build", "spagaat", "--format", "html"]).exit_code == 0
    result = runner.invoke(app, ["build", "Spagaat", "--format", "html"])
    assert result.exit_code == 1
    assert "rename one of the two files" in result.output
    with pytest.raises(ProjectError):
        build_kit(Project(project), "workshop", project / "workshops" / "Spagaat.yaml")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full: nothing was changed"),
        (errno.EROFS, "the folder is read-only"),
        (errno.EACCES, "no permission"),
    ],
)
@pytest.mark.slow
def test_84_85_full_disk_and_read_only_in_plain_words(
    project: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    p, ws = Project(project), project / "workshops" / "spagaat.yaml"
    build_kit(p, "workshop", ws, formats=["html"])
    kit = project / "output" / "generic" / "spagaat"
    before = {f.name: f.read_bytes() for f in kit.iterdir()}
    calls = 0
    real = staging._write

    def fail(path: Path, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(staging, "_write", fail)
    with pytest.raises(WerkvormError) as info:
        build_kit(p, "workshop", ws, formats=["html"], force=True)
    assert words in info.value.message and "unexpectedly" not in info.value.message
    assert {f.name: f.read_bytes() for f in kit.iterdir()} == before
    assert [f.name for f in kit.parent.iterdir()] == ["spagaat"], "no staging left behind"


def test_leftovers_of_a_killed_build_are_repaired_by_the_next(tmp_path: Path) -> None:
    kit = tmp_path / "out" / "generic" / "proef"
    kit.mkdir(parents=True)
    (kit / "a").write_text("old")
    dead = 2**22 + 12345  # above pid_max on most systems: no such process
    new = kit.parent / f".proef.{dead}-abc.new"
    new.mkdir()
    (new / "a").write_text("half")
    os.rename(kit, kit.parent / f".proef.{dead}-def.old")  # killed between two renames
    staging.recover(kit)
    assert (kit / "a").read_text() == "old"
    assert sorted(p.name for p in kit.parent.iterdir()) == ["proef"]


def test_the_swap_without_an_atomic_exchange(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WERKVORM_NO_EXCHANGE", "1")
    kit = tmp_path / "kit"
    staging.replace_folder(kit, {"a.pdf": b"1"}, lambda name: False)
    staging.replace_folder(kit, {"b.pdf": b"2"}, lambda name: name == "a.pdf")
    assert sorted(p.name for p in kit.iterdir()) == ["b.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["kit"]


# ---------------------------------------------------------------- kills


_KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from werkvorm.kits import build as kits
    from werkvorm.project.folder import Project

    root, version = Path(sys.argv[1]), sys.argv[2]

    def render(session, *args, **kwargs):
        body = ("%PDF version " + version + " ").encode() * 4000
        docs = {f"participants/{p.slug}.pdf": body for p in session.participants}
        docs["handout.pdf"] = body
        print("writing", flush=True)
        return docs

    kits.render_kit = render
    client = root / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    kits.build_kit(Project(root), "client", client, formats=["pdf"], force=True)
    print("done", flush=True)
    """
)


def _versions(kit: Path) -> set[str]:
    found = set()
    for f in kit.rglob("*.pdf"):
        found.add(f.read_bytes().split(b" ")[2].decode())
    return found


def _write_once(project: Path, version: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, str(project), version],
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_81_a_kill_while_writing_400_handouts_leaves_the_old_kit_or_the_new(
    project: Path,
) -> None:
    people = "naam;organisatie\n" + "".join(f"Persoon {i};Org\n" for i in range(400))
    (project / "workshops" / "clients" / "lindewaard-deelnemers.csv").write_text(people)
    first = _write_once(project, "v0")
    start = time.monotonic()
    assert first.stdout is not None and first.stdout.readline() == "writing\n"
    writing = time.monotonic()
    first.communicate(timeout=120)
    span = max(0.2, time.monotonic() - writing)
    assert first.returncode == 0 and time.monotonic() - start < 120
    kit = _kit(project)
    rng = random.Random(81)
    current = "v0"
    for run in range(1, 11):
        child = _write_once(project, f"v{run}")
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        time.sleep(rng.uniform(0, span * 1.2))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        found = _versions(kit)
        assert found in ({current}, {f"v{run}"}), f"run {run}: a mix {found}"
        assert len(list(kit.glob("participants/*.pdf"))) == 400
        recorded = json.loads((kit / "manifest.json").read_text())["outputs"]
        assert all(
            hashlib.sha256((kit / n).read_bytes()).hexdigest() == d for n, d in recorded.items()
        )
        current = found.pop()
    done = _write_once(project, "last")
    done.communicate(timeout=120)
    assert sorted(p.name for p in kit.parent.iterdir()) == ["spagaat"], "leftovers stayed"


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])  # 36: SIGTERM as Ctrl-C
def test_79_82_ctrl_c_says_stopped_and_which_kits_finished(project: Path, stop: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "werkvorm", "build", "--all", "--force", "-j", "2"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # one kit is done, the others are being built
    assert first.startswith("✓"), first
    os.killpg(process.pid, stop)
    out, err = process.communicate(timeout=180)  # a safety net, not a speed goal
    assert process.returncode == 130, out + err
    assert "stopped" in err and "Traceback" not in err + out, err
    assert "kit(s) finished" in err and "the others are as they were before" in err
    leftovers = [p for p in (project / "output").rglob(".*") if p.name != ".preview"]
    assert not [p for p in leftovers if p.name.endswith(".tmp")]


def test_a_kit_folder_has_the_permissions_of_any_new_folder(project: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    build_kit(
        Project(project), "workshop", project / "workshops" / "spagaat.yaml", formats=["html"]
    )
    kit = project / "output" / "generic" / "spagaat"
    assert kit.stat().st_mode & 0o777 == 0o777 & ~mask
    assert (kit / "handout.html").stat().st_mode & 0o777 == 0o666 & ~mask


def test_5_a_file_where_the_kit_folder_goes_is_refused_never_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    kit = tmp_path / "kit"
    kit.write_text("mijn eigen notities")
    with pytest.raises(WerkvormError, match=r"^kit is a file, not a kit folder: werkvorm never"):
        staging.replace_folder(kit, {"handout.pdf": b"x"}, lambda name: False)
    assert kit.read_text() == "mijn eigen notities"
    assert [p.name for p in tmp_path.iterdir()] == ["kit"]


@pytest.mark.slow
def test_72_the_review_case_pdf_then_html(project: Path) -> None:
    assert runner.invoke(app, ["build", CLIENT, "--format", "pdf"]).exit_code == 0
    kit = _kit(project)
    before = {p.name: p.read_bytes() for p in (kit / "participants").iterdir()}
    assert len(before) >= 5
    result = runner.invoke(app, ["build", CLIENT, "--format", "html"])
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in (kit / "participants").iterdir()} == before
    assert "(unchanged)" in runner.invoke(app, ["build", CLIENT, "--format", "pdf"]).output
    assert "(unchanged)" in runner.invoke(app, ["build", CLIENT, "--format", "pdf,html"]).output
