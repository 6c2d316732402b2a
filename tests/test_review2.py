"""The second hostile review (reliability, 2026-12-02): the cases that need more than
one command, a monkeypatched fault or a subprocess. Case numbers in the names; the
single-command cases are in tests/bad_inputs/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from werkvorm.cli.main import app

runner = CliRunner()


def test_a_bug_while_checking_one_file_is_that_file_s_problem(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkvorm.kits import checks

    real = checks.check_file

    def buggy(project_: Any, path: Path, **kw: Any) -> Any:
        if path.name == "spagaat.yaml":
            raise RuntimeError("raqm_layout() failed.")
        return real(project_, path, deck=False)

    monkeypatch.setattr(checks, "check_file", buggy)
    (project / "workshops" / "kanteling.yaml").write_text("title: [", encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert (
        "workshops/spagaat.yaml error werkvorm could not check this file: a bug in werkvorm "
        "(RuntimeError: raqm_layout() failed.); the other files were checked. Run "
        "`werkvorm --debug check workshops/spagaat.yaml` for the details, and please "
        "report it" in " ".join(result.output.split())
    )
    assert "workshops/kanteling.yaml\n  error 2:1  YAML cannot read this line" in result.output
    assert "12 file(s): 2 error(s)" in result.output  # 5 workshops, 6 clients, 1 programme
    assert "this is a bug in werkvorm" not in result.output


# ---------------------------------------------------------------- client templates (cases 2, 4)

DECK = Path(__file__).parents[1] / "src" / "werkvorm" / "templates" / "deck.pptx"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _hostile_template(target: Path) -> None:
    """The default template plus a confidential sample slide with notes, a master shape
    that links to it (PowerPoint's "jump to slide"), an OLE package object and an
    ActiveX control on the master, a thumbnail and custom XML."""
    import io
    import re
    import zipfile

    from pptx import Presentation

    prs = Presentation(str(DECK))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "VERTROUWELIJK: salarissen directie"
    slide.notes_slide.notes_text_frame.text = "GEHEIM notes: niet delen"
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    master = "ppt/slideMasters/slideMaster1.xml"
    rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    extra = (
        f'<Relationship Id="rIdJump" Type="{_REL}/slide" Target="../slides/slide1.xml"/>'
        f'<Relationship Id="rIdOle" Type="{_REL}/package" '
        'Target="../embeddings/oleObject1.bin"/>'
        f'<Relationship Id="rIdAx" Type="{_REL}/control" Target="../activeX/activeX1.xml"/>'
    )
    members[rels] = members[rels].replace(b"</Relationships>", extra.encode() + b"</Relationships>")
    xml = members[master].decode()
    xml = re.sub(
        r'(<p:cNvPr id="\d+" name="[^"]*")/>',
        r'\1><a:hlinkClick r:id="rIdJump" action="ppaction://hlinksldjump"/></p:cNvPr>',
        xml,
        count=1,
    )
    ole = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="90" name="Packager Shell Object"/>'
        "<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
        '<p:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/'
        '2006/ole"><p:oleObj progId="Package" r:id="rIdOle"><p:embed/></p:oleObj>'
        "</a:graphicData></a:graphic></p:graphicFrame></p:spTree>"
    )
    xml = xml.replace("</p:spTree>", ole, 1)
    controls = '<p:controls><p:control name="X" r:id="rIdAx"/></p:controls>'
    xml = xml.replace("</p:spTree>", "</p:spTree>" + controls, 1)
    members[master] = xml.encode()
    members["ppt/embeddings/oleObject1.bin"] = b"MZ" + b"\0" * 16000
    members["ppt/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="x"/>'
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)


@pytest.mark.slow
def test_2_4_a_template_s_sample_slide_ole_and_activex_never_reach_the_deck(
    project: Path,
) -> None:
    import zipfile

    client = project / "workshops" / "clients" / "gemeente-lindewaard.yaml"
    _hostile_template(client.parent / "huisstijl.pptx")
    text = client.read_text(encoding="utf-8").replace(
        "paper: a4", "paper: a4\ndeck_template: huisstijl.pptx"
    )
    client.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["build", "gemeente-lindewaard", "--format", "pptx"])
    assert result.exit_code == 0, result.output
    deck = project / "output" / "gemeente-lindewaard" / "spagaat" / "deck.pptx"
    with zipfile.ZipFile(deck) as zf:
        names = zf.namelist()
        everything = b"".join(zf.read(n) for n in names)
    assert len(names) == len(set(names)), "duplicate zip entries"
    assert b"VERTROUWELIJK" not in everything and b"GEHEIM" not in everything
    assert not [n for n in names if n.startswith(("ppt/embeddings", "ppt/activeX"))]
    assert b"oleObj" not in everything and b"hlinksldjump" not in everything
    assert b"Packager Shell Object" not in everything
    assert not [n for n in names if "thumbnail" in n or "printerSettings" in n]
    checked = runner.invoke(app, ["check", "workshops/clients/gemeente-lindewaard.yaml"])
    assert (
        "deck_template  left out of the deck: embedded objects (OLE), ActiveX controls "
        "(the template's masters or layouts link to them" in checked.output
    )  # sample slides are no news in check (every template has them); inspect-template says


def test_26_two_builds_write_one_kit_folder_one_after_the_other(tmp_path: Path) -> None:
    """The pdf build that read the manifest and carried over the old html swaps its kit
    in before the html build may read the kit: the html build then carries the new PDFs
    over and keeps its own html (a lock on the client's folder, no lock file left)."""
    import threading
    import time

    from werkvorm.kits.staging import kit_lock

    kit = tmp_path / "output" / "klant" / "proef"
    held, waited = threading.Event(), []

    def first() -> None:
        with kit_lock(kit):
            held.set()
            time.sleep(0.5)

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    start = time.monotonic()
    with kit_lock(kit):
        waited.append(time.monotonic() - start)
    thread.join()
    assert waited[0] >= 0.4
    assert list((tmp_path / "output" / "klant").iterdir()) == []  # nothing left behind


# ---------------------------------------------------------------- manifests (cases 9, 20, 29)


def _built(project: Path) -> Path:
    """The generic kit of spagaat, built as HTML: its folder."""
    assert runner.invoke(app, ["build", "spagaat", "--format", "html"]).exit_code == 0
    return project / "output" / "generic" / "spagaat"


@pytest.mark.slow
def test_9_20_the_manifest_names_files_by_project_path_and_notices_a_new_werkvorm_yaml(
    project: Path,
) -> None:
    import json

    kit = _built(project)
    text = (kit / "manifest.json").read_text(encoding="utf-8")
    assert str(project) not in text and str(Path.home()) not in text
    data = json.loads(text)
    assert data["source"] == "workshops/spagaat.yaml"
    assert data["inputs"]["werkvorm.yaml"] == ""  # recorded as absent
    assert any(name.startswith("werkvorm:") for name in data["inputs"])
    again = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert "(unchanged)" in again.output
    (project / "werkvorm.yaml").write_text("trainer:\n  name: Fiona Stoop\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert result.exit_code == 0 and "(unchanged)" not in result.output, result.output
    assert "Fiona Stoop" in (kit / "handout.html").read_text(encoding="utf-8")
    everything = runner.invoke(app, ["build", "--all", "--format", "html"])
    assert "unchanged" in everything.output and everything.exit_code == 0


@pytest.mark.slow
def test_29_a_manifest_naming_a_file_outside_the_project_does_not_block_the_kit(
    project: Path,
) -> None:
    import json

    manifest = _built(project) / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["source"] = "/etc/hostname"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["build", "spagaat", "--format", "html", "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(manifest.read_text(encoding="utf-8"))["source"] == "workshops/spagaat.yaml"


# ---------------------------------------------------------------- the terminal (cases 8, 10)


@pytest.mark.slow
def test_8_escape_sequences_in_file_names_never_reach_the_terminal(project: Path) -> None:
    workshops = project / "workshops"
    (workshops / "x\x1b[2J\x1b]0;HACKED\x07.yaml").write_bytes(
        (workshops / "spagaat.yaml").read_bytes()
    )
    (workshops / "y\x1b[2Jz.yaml").write_text("title: [", encoding="utf-8")
    listed = runner.invoke(app, ["list"])
    checked = runner.invoke(app, ["check"])
    for result in (listed, checked):
        assert "\x1b" not in result.output and "\x07" not in result.output
    assert "x\\x1b[2J\\x1b]0;HACKED\\x07" in listed.output.replace("\n", "")
    assert "workshops/y\\x1b[2Jz.yaml" in checked.output


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "ascii"])
def test_10_a_console_that_cannot_show_every_character(tmp_path: Path, encoding: str) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import MINIMAL

    (tmp_path / "workshops").mkdir()
    for name in ("een", "twee"):
        (tmp_path / "workshops" / f"{name}.yaml").write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    werkvorm = [sys.executable, "-c", "from werkvorm.cli.main import main; main()"]
    for args in (["check"], ["build", "--all", "--format", "html"], ["doctor"]):
        done = subprocess.run(
            [*werkvorm, *args], cwd=tmp_path, env=env, capture_output=True, timeout=120
        )
        text = done.stdout.decode(encoding) + done.stderr.decode(encoding)
        assert "bug in werkvorm" not in text, text
        if args[0] != "doctor":  # doctor's status is about the machine, not the console
            assert done.returncode == 0, text
    assert (tmp_path / "output" / "generic" / "een" / "handout.html").is_file()
    assert (tmp_path / "output" / "generic" / "twee" / "handout.html").is_file()


@pytest.mark.slow
def test_15_an_absurd_shard_is_quick_and_a_superscript_is_refused(project: Path) -> None:
    import time

    start = time.monotonic()
    result = runner.invoke(
        app, ["build", "--all", "--shard", "1/100000000", "--format", "html", "--force"]
    )
    assert time.monotonic() - start < 60
    assert result.exit_code == 0, result.output
    strange = runner.invoke(app, ["build", "--all", "--shard", "1/²"])
    assert strange.exit_code == 2
    assert "write I/N, e.g. 1/4" in strange.output


def test_15_shares_beyond_the_kits_are_empty() -> None:
    from werkvorm.kits.batch import shard
    from werkvorm.kits.jobs import KitJob

    jobs = [KitJob("workshop", Path(f"/nowhere/{n}.yaml")) for n in "abc"]
    shares = [shard(jobs, i, 10**8) for i in (1, 2, 3, 4, 10**8)]
    assert sorted(j.path.name for s in shares for j in s) == ["a.yaml", "b.yaml", "c.yaml"]
    assert shares[3] == [] and shares[4] == []


def test_27_every_file_name_a_kit_uses_in_participants_is_reserved() -> None:
    """A participant called "All Handouts Booklet" must not replace the booklet: every
    fixed name of DOCUMENTS under participants/ is kept from participants' file names."""
    from werkvorm.compose.people import RESERVED_FILES
    from werkvorm.kits.build import DOCUMENTS

    fixed = {
        d.pattern.removeprefix("participants/").removesuffix(".pdf")
        for d in DOCUMENTS
        if d.pattern.startswith("participants/") and "*" not in d.pattern
    }
    assert fixed <= RESERVED_FILES


def test_13_new_in_a_read_only_workshops_folder(project: Path) -> None:
    import os

    workshops = project / "workshops"
    if os.geteuid() == 0:  # root writes anywhere: make the folder unwritable another way
        pytest.skip("root ignores folder permissions")
    workshops.chmod(0o555)
    try:
        result = runner.invoke(app, ["new", "nieuwe"])
        client = runner.invoke(app, ["new", "--client", "Nieuw", "--workshop", "spagaat"])
    finally:
        workshops.chmod(0o755)
    assert result.exit_code == 1
    assert "cannot write workshops/: the folder is read-only; nothing was created" in result.output
    assert "bug in werkvorm" not in result.output + client.output


def test_13_new_when_writing_fails_says_so(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from werkvorm.cli import starter

    def read_only(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(project / "workshops/.schema"))

    monkeypatch.setattr(starter, "write_schemas", read_only)
    result = runner.invoke(app, ["new", "nieuwe"])
    assert result.exit_code == 1
    assert "cannot write workshops/: the folder is read-only; nothing was created" in result.output
    assert not (project / "workshops" / "nieuwe.yaml").exists()


# ---------------------------------------------------------------- signals (cases 36, 37)


def test_37_the_layout_worker_starts_with_ctrl_c_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C in watch's first second reaches the worker while it still imports: the
    worker is started with SIGINT ignored (inherited through the spawn), the watch
    process's own Ctrl-C handling restored right after."""
    import signal

    from werkvorm.kits import layoutworker

    seen = []

    class Pool:
        def __init__(self, **kw: Any) -> None:
            pass

        def submit(self, fn: Any) -> None:
            seen.append(signal.getsignal(signal.SIGINT))

    monkeypatch.setattr(layoutworker, "ProcessPoolExecutor", Pool)
    before = signal.getsignal(signal.SIGINT)
    layoutworker.LayoutWorker()
    assert seen == [signal.SIG_IGN]
    assert signal.getsignal(signal.SIGINT) == before


def test_names_with_odd_spaces_are_read_with_plain_ones(tmp_path: Path) -> None:
    from werkvorm.schema.participant_files import read_csv

    path = tmp_path / "lijst.csv"
    path.write_bytes(
        b"naam;organisatie\nJan\xc2\xa0 Jansen ;Gemeente\xe2\x80\xafHaren\nPiet\tP;B\n"
    )
    rows = [cells for _, cells in read_csv(path).rows]
    assert rows == [["naam", "organisatie"], ["Jan Jansen", "Gemeente Haren"], ["Piet P", "B"]]


@pytest.mark.slow
def test_a_photo_s_metadata_never_reaches_a_deck_or_a_pdf(project: Path) -> None:
    """Image metadata as a class: GPS, camera maker and comments are taken out of a
    JPEG losslessly; the orientation tag stays, so the photo stays upright."""
    import io
    import zipfile

    from PIL import Image
    from PIL.TiffImagePlugin import IFDRational

    photo = Image.new("RGB", (400, 200), (200, 30, 30))
    exif = photo.getexif()
    exif[0x010F] = "SECRET-CAMERA-MAKER"
    exif[0x8825] = {1: "N", 2: (IFDRational(52), IFDRational(5), IFDRational(1))}
    for name, orientation in (("upright.jpg", 1), ("turned.jpg", 6)):
        exif[0x0112] = orientation
        photo.save(project / "workshops" / "images" / name, exif=exif, comment=b"SECRET-NOTE")
    workshop = project / "workshops" / "foto.yaml"
    workshop.write_text(
        "title: Foto\nduration: 60\nagenda:\n  - title: Opening\n    minutes: 60\n"
        "    facilitator: x\n    slides:\n"
        "      - {image: images/upright.jpg, alt: Foto een}\n"
        "      - {image: images/turned.jpg, alt: Foto twee}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", "foto", "--format", "pptx,slides"])
    assert result.exit_code == 0, result.output
    kit = project / "output" / "generic" / "foto"
    with zipfile.ZipFile(kit / "deck.pptx") as zf:
        media = [zf.read(n) for n in zf.namelist() if n.startswith("ppt/media/")]
    pdf = (kit / "slides.pdf").read_bytes()
    for blob in [*media, pdf]:
        assert b"SECRET" not in blob
    jpegs = [m for m in media if m.startswith(b"\xff\xd8")]
    assert jpegs, "the upright photo is embedded as it was (no new compression)"
    with Image.open(io.BytesIO(jpegs[0])) as im:
        assert im.size == (400, 200)


@pytest.mark.slow
def test_35_a_killed_build_s_partial_copy_goes_with_the_next_build_even_when_unchanged(
    project: Path,
) -> None:
    leftover = _built(project).parent / ".spagaat.999999999-0a1b2c3d.new"
    (leftover / "participants").mkdir(parents=True)
    (leftover / "participants" / "jan.pdf").write_bytes(b"%PDF partial")
    result = runner.invoke(app, ["build", "spagaat", "--format", "html"])
    assert "(unchanged)" in result.output
    assert not leftover.exists()
    (leftover / "x").mkdir(parents=True)
    everything = runner.invoke(app, ["build", "--all", "--format", "html"])
    assert everything.exit_code == 0 and not leftover.exists()


@pytest.mark.slow
def test_4_inspect_template_says_what_is_left_out(tmp_path: Path) -> None:
    template = tmp_path / "huisstijl.pptx"
    _hostile_template(template)
    result = runner.invoke(app, ["inspect-template", str(template)], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert (
        "left out of every deck (its masters or layouts link to them): embedded objects "
        "(OLE), ActiveX controls, sample slides"
    ) in text


def test_38_the_crash_message_names_a_debug_command_that_works(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from werkvorm.cli import main as cli

    def crash() -> None:
        raise RuntimeError("raqm_layout() failed.")

    monkeypatch.setattr(sys, "argv", ["werkvorm", "check", "workshops/a b.yaml"])
    monkeypatch.setattr(cli, "app", crash)
    monkeypatch.setattr(cli, "_stop_on_sigterm", lambda: None)  # not in the test process
    monkeypatch.setattr(cli, "_tolerant_output", lambda: None)
    with pytest.raises(SystemExit):
        cli.main()
    assert (
        "Run `werkvorm --debug check 'workshops/a b.yaml'` for the details"
        in capsys.readouterr().err
    )
