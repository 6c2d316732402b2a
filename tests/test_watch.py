"""`werkvorm watch` for real: a headless Chromium sees a save appear without a reload."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


class Browser:
    """Just enough of the DevTools protocol: evaluate JavaScript in the open page."""

    def __init__(self, url: str, profile: Path) -> None:
        import websocket  # websocket-client

        self.process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            assert time.monotonic() < deadline, "Chromium did not start"
            time.sleep(0.1)
        port = self.port = port_file.read_text().split()[0]
        while True:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
                targets = json.load(response)
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                break
            assert time.monotonic() < deadline
            time.sleep(0.1)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=10)
        self.next_id = 0

    def evaluate(self, expression: str) -> object:
        self.next_id += 1
        self.ws.send(
            json.dumps(
                {
                    "id": self.next_id,
                    "method": "Runtime.evaluate",
                    "params": {"expression": expression, "returnByValue": True},
                }
            )
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {}).get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except Exception:
                pass
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {expression}")

    def close(self) -> None:
        self.ws.close()
        self.process.kill()
        self.process.wait()


@pytest.fixture
def watching(project: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "werkvorm", "watch", "kanteling", "--port", "0", "--no-open"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert process.stdout is not None
    url = ""
    deadline = time.monotonic() + 60
    while not url:
        line = process.stdout.readline()
        assert line and time.monotonic() < deadline, "watch did not print its URL"
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        url = found.group(0) if found else ""
    yield process, url
    if process.poll() is None:
        process.kill()
        process.wait()
    process.stdout.close()


@pytest.mark.slow
def test_preview_follows_saves_and_shows_errors(project: Path, watching, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed here")
    process, url = watching
    browser = Browser(url, tmp_path / "profile")
    try:
        browser.wait_for(
            "document.body && document.body.innerText.includes('De werkcoach en de wethouder')"
        )
        browser.evaluate("window.__marker = 'same page'")
        # The PDFs and deck are built in the background; the line above says when.
        browser.wait_for(
            "document.getElementById('werkvorm-documents').innerText.includes('current')", 90
        )
        workshop = project / "workshops" / "kanteling.yaml"
        text = workshop.read_text(encoding="utf-8")

        # A save breaks the YAML: the last good preview stays, with the problem above it.
        workshop.write_text(
            text.replace(
                "    minutes: 25\n    format: discussion",
                "    minutes: vijfentwintig\n    format: discussion",
            ),
            encoding="utf-8",
        )
        browser.wait_for("document.getElementById('werkvorm-problems') !== null")
        assert "vijfentwintig" in str(
            browser.evaluate("document.getElementById('werkvorm-problems').innerText")
        )
        assert "De werkcoach en de wethouder" in str(browser.evaluate("document.body.innerText"))

        # The next good save clears the problems and shows the new text.
        workshop.write_text(
            text.replace("De werkcoach en de wethouder", "De werkcoach twittert"), encoding="utf-8"
        )
        browser.wait_for("document.body.innerText.includes('De werkcoach twittert')")
        assert browser.evaluate("document.getElementById('werkvorm-problems')") is None
        # The page reloaded itself: the test never navigated, yet the marker is gone.
        assert browser.evaluate("window.__marker") is None
        browser.wait_for(
            "document.getElementById('werkvorm-documents').innerText.includes('current')", 90
        )
    finally:
        browser.close()
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=120)  # a safety net, not a speed goal
    assert process.returncode == 0
    assert "stopped" in output and "Traceback" not in output
    assert "PDFs and deck current in" in output


@pytest.mark.slow
def test_sigterm_stops_watch_like_ctrl_c_without_python_warnings(watching) -> None:  # type: ignore[no-untyped-def]
    """Review 2026-12-02, E43: a service manager or a closed terminal sends SIGTERM."""
    process, _ = watching
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the background workers have run
        line = process.stdout.readline()
        seen.append(line)
        if "PDFs and deck current" in line or not line:
            break
    process.send_signal(signal.SIGTERM)
    rest, _ = process.communicate(timeout=30)
    output = "".join(seen) + rest
    assert process.returncode == 0, output
    assert re.search(r"stopped after \d+ s\n$", output), output
    for noise in ("Warning", "leaked", "Traceback", "resource_tracker"):
        assert noise not in output, output


@pytest.mark.slow
def test_server_never_serves_outside_the_kit(project: Path, watching) -> None:  # type: ignore[no-untyped-def]
    _, url = watching
    for path in (
        "../../etc/passwd",
        "%2e%2e/%2e%2e/etc/passwd",
        "manifest.json",
        "..%2f..%2fworkshops%2fkanteling.yaml",
        "/etc/passwd",
    ):
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(url + path.lstrip("/"))
        assert info.value.code == 404
        info.value.close()
    with urllib.request.urlopen(url) as response:
        assert b"De werkcoach" in response.read()


# ---------------------------------------------------------------- the server on its own


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    from werkvorm.preview.server import Preview, serve

    folder, kit = tmp_path / "preview", tmp_path / "kit"
    folder.mkdir()
    kit.mkdir()
    (folder / "handout.html").write_text("<html><body><h1>Proef</h1></body></html>")
    (kit / "handout.pdf").write_bytes(b"%PDF kit")
    (tmp_path / "secret.pdf").write_bytes(b"secret")
    httpd, url = serve(Preview(folder, kit), 0)
    yield url, int(httpd.server_address[1]), tmp_path
    httpd.shutdown()
    httpd.server_close()


def _raw(port: int, request: bytes) -> bytes:
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def test_90_91_odd_names_are_404_without_a_traceback(server, capfd) -> None:  # type: ignore[no-untyped-def]
    _, port, _ = server
    for path in (b"/handout.html%00.pdf", b"/" + b"a" * 300 + b".html", b"/../secret.pdf"):
        answer = _raw(
            port,
            b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port,
        )
        assert answer.startswith(b"HTTP/1.0 404") or answer.startswith(b"HTTP/1.1 404"), answer[:80]
    assert "Traceback" not in capfd.readouterr().err


def test_97_a_foreign_host_is_refused(server) -> None:  # type: ignore[no-untyped-def]
    _, port, _ = server
    for host in (b"evil.example:%d" % port, b"127.0.0.1:1", b""):
        header = b"Host: " + host + b"\r\n" if host else b""
        answer = _raw(port, b"GET / HTTP/1.1\r\n" + header + b"Connection: close\r\n\r\n")
        assert b" 403 " in answer.split(b"\r\n", 1)[0], answer[:80]
    for host in (b"127.0.0.1:%d" % port, b"localhost:%d" % port):
        answer = _raw(port, b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
        assert b" 200 " in answer.split(b"\r\n", 1)[0]


def test_the_page_links_the_current_pdfs(server) -> None:  # type: ignore[no-untyped-def]
    url, _, _ = server
    with urllib.request.urlopen(url) as response:
        page = response.read()
    assert b"href='/handout.pdf'" in page and b"(last build)" in page
    with urllib.request.urlopen(url + "handout.pdf") as response:
        assert response.read() == b"%PDF kit"


def test_the_pages_view_shows_the_handout_as_printed(server) -> None:  # type: ignore[no-untyped-def]
    url, _, _ = server
    with urllib.request.urlopen(url) as response:
        assert b"href='/pages'" in response.read()
    with urllib.request.urlopen(url + "pages") as response:
        page = response.read()
    assert b"<iframe id='werkvorm-pages'" in page and b"src='/handout.pdf" in page
    assert b"href='/'" in page


@pytest.mark.slow
def test_93_an_idle_connection_is_closed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    from werkvorm.preview import server as preview

    assert preview.CONNECTION_TIMEOUT <= 30
    monkeypatch.setattr(preview, "CONNECTION_TIMEOUT", 1)
    httpd, _ = preview.serve(preview.Preview(tmp_path), 0)
    try:
        with socket.create_connection(("127.0.0.1", httpd.server_address[1]), timeout=30) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing
            start = time.monotonic()
            while sock.recv(1000):
                pass
            assert time.monotonic() - start < 10
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_watch_events_are_values_and_the_library_prints_nothing(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from werkvorm.preview.watch import WatchEvent, _Rebuilder
    from werkvorm.project.folder import Project

    events: list[WatchEvent] = []
    workshop = project / "workshops" / "kanteling.yaml"
    rebuild = _Rebuilder(Project(project), "workshop", workshop, (), events.append)
    rebuild()
    workshop.write_text("title: [", encoding="utf-8")
    rebuild()
    assert [e.kind for e in events] == ["built", "failed"]
    assert events[1].details and "kanteling.yaml" in events[1].message
    assert capsys.readouterr().out == ""
    assert (project / "output" / ".preview" / "generic" / "kanteling" / "handout.html").is_file()
    assert not (project / "output" / "generic").exists()


@pytest.mark.slow
def test_the_pages_view_follows_the_background_build(
    project: Path, watching, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed here")
    _, url = watching
    browser = Browser(url + "pages", tmp_path / "profile")
    try:
        # The first PDFs appear on their own (the page reloads once when they exist).
        browser.wait_for("document.getElementById('werkvorm-pages') !== null", 90)
        browser.wait_for(
            "document.getElementById('werkvorm-documents').innerText.includes('current')", 90
        )
        browser.evaluate("window.__marker = 'same page'")
        built = browser.evaluate("document.getElementById('werkvorm-pages').dataset.built")
        workshop = project / "workshops" / "kanteling.yaml"
        text = workshop.read_text(encoding="utf-8")
        workshop.write_text(text.replace("De werkcoach", "De coach"), encoding="utf-8")
        browser.wait_for(
            f"document.getElementById('werkvorm-pages').dataset.built !== '{built}'", 90
        )
        assert browser.evaluate("window.__marker") == "same page"  # not reloaded: a new PDF
        assert browser.evaluate("document.getElementById('werkvorm-stale').style.display") == (
            "none"
        )
    finally:
        browser.close()
