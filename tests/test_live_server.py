"""`werkvorm live` for real, on loopback: headless Chromium drives the trainer's view on a
phone-sized screen and fills in the participants' form; the QR page decodes to the
participants' address; 300 evaluations from 300 addresses are all stored; a SIGKILL
loses nothing that was confirmed, and a restart goes on where the day was."""

from __future__ import annotations

import base64
import http.client
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from benchmarks.live import participant

from tests.test_watch import CHROMIUM, Browser
from werkvorm.live.store import open_store

pytestmark = pytest.mark.slow

DAY = """\
title: Een dag met ruimte
language: nl
duration: 120
agenda:
  - id: opening
    title: Opening
    minutes: 20
    facilitator: Welkom heten.
  - id: oefenen
    title: Oefenen in tweetallen
    minutes: 30
    flex: {min: 20, max: 40}
    facilitator: Laat ze oefenen.
    exercise:
      title: Het lastige gesprek
      instructions: Oefen het gesprek in tweetallen.
  - break: 15
  - id: verdieping
    title: Verdieping
    minutes: 20
    optional: true
    facilitator: Verdiep als er tijd is.
  - id: afsluiting
    title: Afsluiting
    minutes: 35
    facilitator: Rond af.
"""


def _need_chromium() -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed here")


class Server:
    """`werkvorm live dag` in a child process; its two addresses as printed."""

    def __init__(self, root: Path, *more: str) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "werkvorm", "live", "dag", "--port", "0", "--no-open", *more],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        found: dict[str, str] = {}
        deadline = time.monotonic() + 60
        while len(found) < 2:
            line = self.process.stdout.readline()
            assert line and time.monotonic() < deadline, f"live printed {found}, then {line!r}"
            match = re.fullmatch(r"(trainer|participants): (http://\S+)\n", line)
            if match:
                found[match.group(1)] = match.group(2)
            self.said = [*getattr(self, "said", []), line]
        self.trainer, self.participants = found["trainer"], found["participants"]
        self.port = int(urllib.parse.urlsplit(self.trainer).port or 0)

    def stop(self, how: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(how)
            self.process.wait(20)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "workshops" / "clients").mkdir(parents=True)
    (tmp_path / "workshops" / "dag.yaml").write_text(textwrap.dedent(DAY), encoding="utf-8")
    return tmp_path


@pytest.fixture
def server(root: Path) -> Iterator[Server]:
    running = Server(root)
    yield running
    running.stop(signal.SIGKILL)


class Tab:
    """One page of Chromium over the DevTools protocol."""

    def __init__(self, websocket_url: str) -> None:
        import websocket  # websocket-client

        self.ws = websocket.create_connection(websocket_url, timeout=20)
        self.next_id = 0

    def call(self, method: str, **params: object) -> dict[str, object]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return dict(message.get("result", {}))

    evaluate = Browser.evaluate  # the same protocol calls as watch's test
    wait_for = Browser.wait_for

    def text(self) -> str:
        return str(self.evaluate("document.body ? document.body.textContent : ''"))

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")

    def phone(self) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=390,
            height=844,
            deviceScaleFactor=2,
            mobile=True,
        )

    def screenshot(self) -> bytes:
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        return base64.b64decode(str(shot["data"]))


class Chromium(Browser):
    """Chromium as watch's test starts it, with as many tabs as a test needs."""

    def __init__(self, profile: Path) -> None:
        super().__init__("about:blank", profile)
        self.tabs: list[Tab] = []

    def tab(self) -> Tab:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT"
        )
        with urllib.request.urlopen(request) as response:
            self.tabs.append(Tab(json.load(response)["webSocketDebuggerUrl"]))
        return self.tabs[-1]

    def close(self) -> None:
        for tab in self.tabs:
            tab.ws.close()
        super().close()


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Chromium]:
    _need_chromium()
    browser = Chromium(tmp_path / "profile")
    yield browser
    browser.close()


def _tap(tab: Tab, button: str) -> None:
    """Press a button and wait for the page that comes back (the day's next version)."""
    version = tab.evaluate("document.getElementById('day').dataset.version")
    tab.evaluate(f"document.getElementById({button!r}).click()")
    tab.wait_for(
        f"document.readyState === 'complete' && document.getElementById('day') && "
        f"document.getElementById('day').dataset.version !== {version!r}"
    )


def _heading(tab: Tab) -> str:
    return str(tab.evaluate("document.querySelector('#current .heading').textContent"))


def _ends(tab: Tab) -> str:
    return str(tab.evaluate("document.getElementById('ends').textContent"))


def test_the_trainer_steps_through_the_day_on_a_phone(server: Server, chromium: Chromium) -> None:
    phone, other = chromium.tab(), chromium.tab()
    phone.phone()
    phone.open(server.trainer)
    assert "Nog niet begonnen" in phone.text()
    other.open(server.trainer)
    other.evaluate("window.__same = 'no reload'")

    _tap(phone, "start")
    assert _heading(phone) == "Blok 1 van 4"
    assert "Opening" in phone.text() and "Op schema" in phone.text()
    booked = re.search(r"geboekt tot (\d\d:\d\d)", _ends(phone))
    assert booked and f"Einde verwacht {booked.group(1)}" in _ends(phone)
    # the second view follows without a reload
    other.wait_for("document.body.textContent.includes('Blok 1 van 4')", 5)
    assert other.evaluate("window.__same") == "no reload"

    _tap(phone, "plus5")
    assert "5 min achter" in phone.text()
    assert "Om op tijd te eindigen:" in phone.text()
    assert "‘Oefenen in tweetallen’ 30 → 25 min" in phone.text()  # flex first
    assert _ends(phone).startswith(f"Einde verwacht {booked.group(1)}")  # re-timed: on time

    _tap(phone, "skip")
    assert "Verdieping" in phone.text() and "Sla over" not in phone.text()
    other.wait_for("document.body.textContent.includes('overgeslagen')", 5)

    for heading in ("Blok 2 van 4", "Pauze", "Blok 4 van 4"):
        _tap(phone, "next")
        assert _heading(phone) == heading
    assert "Afronden →" in phone.text()
    _tap(phone, "next")
    assert _heading(phone) == "De sessie is rond. Bedankt!"
    ended = str(phone.evaluate("document.getElementById('block').textContent"))
    assert re.fullmatch(r"Afgerond om \d\d:\d\d · geboekt tot \d\d:\d\d", ended)
    other.wait_for("document.body.textContent.includes('De sessie is rond. Bedankt!')", 5)
    assert other.evaluate("window.__same") == "no reload"


def test_the_qr_page_decodes_to_the_participants_address(
    server: Server, chromium: Chromium
) -> None:
    import zxingcpp
    from PIL import Image

    tab = chromium.tab()
    tab.call(
        "Emulation.setDeviceMetricsOverride",
        width=1280,
        height=720,
        deviceScaleFactor=1,
        mobile=False,
    )
    tab.open(server.trainer + "/qr")
    assert "Evaluatie: scan de code met je telefoon" in tab.text()
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(tab.screenshot())))
    assert [c.text for c in codes] == [server.participants]


def test_a_participant_fills_in_the_form_on_a_phone(server: Server, chromium: Chromium) -> None:
    tab = chromium.tab()
    tab.phone()
    tab.open(server.participants)
    assert "Ik ben tevreden over deze workshop." in tab.text()
    tab.evaluate(
        "document.querySelector('input[name=q1][value=\"4\"]').click();"
        "document.querySelector('input[name=q4][value=\"2\"]').click();"
        "document.getElementById('q5').value = 'De oefening met echte casussen & <rollen>';"
        "sessionStorage.body = new URLSearchParams("
        "  new FormData(document.getElementById('evaluation'))).toString();"
        "document.getElementById('send').click()"
    )
    tab.wait_for("document.body.textContent.includes('Je evaluatie is ontvangen.')")
    # the same form sent a second time (a double tap, a resent post): stored once
    again = (
        "fetch('/', {method: 'POST', body: sessionStorage.body, headers: "
        "{'Content-Type': 'application/x-www-form-urlencoded'}})"
        ".then(r => r.text()).then(t => { window.__again = t; })"
    )
    tab.evaluate(again)
    tab.wait_for("window.__again && window.__again.includes('Je evaluatie is ontvangen.')")
    store = open_store(f"sqlite:///{server.root / '.werkvorm' / 'live.db'}")
    stored = store.submissions(1)
    store.close()
    assert len(stored) == 1
    assert stored[0].answers == {
        "q1": "4",
        "q4": "2",
        "q5": "De oefening met echte casussen & <rollen>",
    }


def test_three_hundred_participants_are_all_stored(server: Server) -> None:
    with ThreadPoolExecutor(max_workers=30) as pool:  # each answered 200, or it raises
        list(pool.map(lambda n: participant(server.port, n), range(300)))
    store = open_store(f"sqlite:///{server.root / '.werkvorm' / 'live.db'}")
    assert store.count(1) == 300
    assert sorted(s.answers["q5"] for s in store.submissions(1)) == sorted(
        f"antwoord {n}" for n in range(300)
    )
    store.close()


def _press(server: Server, action: str, key: str) -> int:
    body = urllib.parse.urlencode({"action": action, "key": key}).encode()
    request = urllib.request.Request(f"{server.trainer}/press", data=body, method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request) as response:
            return int(response.status)
    except urllib.error.HTTPError as answer:
        return answer.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_a_sigkill_loses_nothing_confirmed_and_a_restart_goes_on(root: Path) -> None:
    first = Server(root)
    assert _press(first, "start", "press-start-1") == 303
    assert _press(first, "plus5", "press-plus5-1") == 303
    for n in range(25):  # each answered 200, or it raises
        participant(first.port, n)
    first.stop(signal.SIGKILL)
    store = open_store(f"sqlite:///{root / '.werkvorm' / 'live.db'}")
    assert store.count(1) == 25
    run = store.run(1)
    assert run.current == 0 and run.items[0].extra == 5
    store.close()
    again = Server(root)
    try:
        assert again.trainer == first.trainer.replace(str(first.port), str(again.port))
        with urllib.request.urlopen(again.trainer) as response:
            page = response.read().decode()
        assert "Blok 1 van 4" in page and "25 evaluaties ontvangen" in page
    finally:
        again.stop()


def _terminal_qr(lines: list[str]) -> object:
    """segno's compact terminal code as an image (a full block is two light pixels)."""
    from PIL import Image

    width = max(len(line) for line in lines)
    image = Image.new("L", (width * 4, len(lines) * 4), 0)
    for y, line in enumerate(lines):
        for x, char in enumerate(line):
            if char in "█▀":  # the upper half of this character is light
                image.paste(255, (x * 4, y * 4, x * 4 + 4, y * 4 + 2))
            if char in "█▄":  # the lower half
                image.paste(255, (x * 4, y * 4 + 2, x * 4 + 4, y * 4 + 4))
    return image


def test_the_terminal_shows_a_qr_code_of_the_trainers_address(root: Path) -> None:
    import zxingcpp

    running = Server(root)
    try:
        assert running.process.stdout is not None
        assert running.process.stdout.readline() == (
            "Scan this code with your phone for the trainer's view:\n"
        )
        lines = []
        while True:
            line = running.process.stdout.readline().rstrip("\n")
            if line.startswith("Press Ctrl-C"):
                break
            lines.append(line)
        codes = zxingcpp.read_barcodes(_terminal_qr(lines))
        assert [c.text for c in codes] == [running.trainer]
    finally:
        running.stop()


def test_two_servers_on_one_database_share_the_day(root: Path) -> None:
    first, second = Server(root), Server(root)
    try:
        assert first.trainer.split("/t/")[1] == second.trainer.split("/t/")[1]  # one run
        assert _press(first, "start", "press-on-first") == 303
        assert _press(second, "plus5", "press-on-second") == 303
        for server in (first, second):
            with urllib.request.urlopen(server.trainer) as response:
                page = response.read().decode()
            assert "Blok 1 van 4" in page and "5 min achter" in page
    finally:
        first.stop()
        second.stop()


def test_a_flood_from_one_address_is_limited_while_the_room_is_served(server: Server) -> None:
    statuses: list[int] = []

    def flood() -> None:
        connection = http.client.HTTPConnection(
            "127.0.0.1", server.port, timeout=30, source_address=("127.0.0.77", 0)
        )
        for _ in range(2000):
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        flooding = pool.submit(flood)
        served = [participant(server.port, n) for n in range(20)]  # others meanwhile
        flooding.result()
    assert len(served) == 20  # each answered 200, or it raised
    assert statuses.count(200) == 240 and statuses.count(429) == 1760


def test_fresh_starts_the_day_over_after_a_rehearsal(root: Path) -> None:
    rehearsal = Server(root)
    assert _press(rehearsal, "start", "press-rehearsal") == 303
    participant(rehearsal.port, 1)
    rehearsal.stop()
    day = Server(root, "--fresh")
    try:
        assert day.said[0] == "today's run starts over: 1 press and 1 evaluation removed\n"
        with urllib.request.urlopen(day.trainer) as response:
            page = response.read().decode()
        assert "Nog niet begonnen" in page and "0 evaluaties ontvangen" in page
    finally:
        day.stop()
