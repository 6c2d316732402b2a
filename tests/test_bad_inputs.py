"""The bad-input corpus: every trap in RELIABILITY.md, each a small project in
tests/bad_inputs/<case>/ with a case.json saying what `werkvorm` must do with it.

Each case asserts: the exit status; a message naming the file and the line or field; no
traceback; no output written by a failing build; no temporary file left; nothing fetched
from the network and nothing executed; and that it ends within 30 seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from werkvorm.cli.main import app

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.json").is_file())
runner = CliRunner()


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A server on loopback that records any request: there must be none."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _setup(root: Path, setup: dict[str, Any]) -> None:
    """Inputs too large or too odd to keep in git, made for the case: sparse files,
    generated text (head + unit * times + tail) and named pipes."""
    for name, size in setup.get("sparse", {}).items():
        with (root / name).open("wb") as handle:
            handle.truncate(size)
    for name, (head, unit, times, tail) in setup.get("repeat", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(head + unit * times + tail, encoding="utf-8")
    for name, text in setup.get("outside", {}).items():  # a folder beside the project
        (root.parent / "outside" / name).parent.mkdir(parents=True, exist_ok=True)
        (root.parent / "outside" / name).write_text(text, encoding="utf-8")
    for name, target in setup.get("links", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    for name, text in setup.get("keep", {}).items():  # the trainer's own: never lost
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name in setup.get("fifo", []):
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes are a POSIX thing")
        os.mkfifo(root / name)


def _prepare(case: str, root: Path, server: str, marker: Path) -> None:
    shutil.copytree(CORPUS / case, root, symlinks=True)
    (root / "output").mkdir()
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 200_000:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            if "__SERVER__" in text or "__MARKER__" in text or "__ROOT__" in text:
                path.write_text(
                    text.replace("__SERVER__", server)
                    .replace("__MARKER__", str(marker))
                    .replace("__ROOT__", str(root)),
                    encoding="utf-8",
                )


def _text(path: Path) -> str:
    if path.suffix in (".pptx", ".docx"):
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            assert len(names) == len(set(names)), f"{path.name} has duplicate zip entries"
            return "\n".join(
                zf.read(n).decode("utf-8", "replace") for n in names if n.endswith(".xml")
            )
    if path.suffix == ".pdf":
        return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(path).pages).split())
    return path.read_text(encoding="utf-8")


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.slow  # each case runs a whole command; the cheap input checks are in test_inputs
@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: str, tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = json.loads((CORPUS / case / "case.json").read_text(encoding="utf-8"))
    root = tmp_path / "proj"
    marker = tmp_path / "executed"
    _prepare(case, root, server, marker)
    if any(a.startswith("/dev/") for a in spec["args"]) and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    _setup(root, spec.get("setup", {}))
    monkeypatch.chdir(root)
    before = len(_Recorder.requests)

    start = time.monotonic()
    args = [a.replace("__ROOT__", str(root)) for a in spec["args"]]
    result = runner.invoke(app, args)
    elapsed = time.monotonic() - start

    output = result.output
    assert result.exit_code == spec["exit"], output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in output and "failed unexpectedly" not in output, output
    for expected in spec["expect"]:
        assert expected in output, f"{expected!r} not in:\n{output}"
    assert elapsed < spec.get("seconds", 30), f"took {elapsed:.1f} s"
    assert len(_Recorder.requests) == before, "something was fetched from the network"
    assert not marker.exists(), "something was executed"
    assert not [p for p in root.rglob("*.tmp")], "temporary files were left behind"
    written = [p for p in (root / "output").rglob("*") if p.is_file()]
    for name in spec.get("setup", {}).get("sparse", {}):
        (root / name).unlink()  # a 3 GB file is not kept a moment longer than needed
    kept = {root / name: text for name, text in spec.get("setup", {}).get("keep", {}).items()}
    for path, text in kept.items():
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"{path} was lost"
    written = [p for p in written if p not in kept]
    if spec["exit"] != 0:
        assert written == [], "a failed build wrote files"
    for p in written:
        assert p.resolve().is_relative_to((root / "output").resolve())
    for name, needles in spec.get("output_contains", {}).items():
        path = root / "output" / name
        assert path.is_file(), f"{name} was not written"
        text = _text(path)
        for needle in needles:
            assert needle in text, f"{needle!r} not in {name}"
    for name, needles in spec.get("output_lacks", {}).items():
        text = _text(root / "output" / name)
        for needle in needles:
            assert needle not in text, f"{needle!r} must not be in {name}"
