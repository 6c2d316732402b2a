"""Benchmark of ``werkvorm live`` (issue 30) on loopback:

- 300 participants within one minute, each from its own address (a phone each): every
  evaluation stored, and the 99th percentile of the answer to the post under 300 ms;
  the same 300 also as one burst (30 at a time), the worst case of a room at once;
- a button press reaching a second open trainer view: the press, the event on the
  second view's stream, and the page it then fetches, under one second.

Run: ``.venv/bin/python benchmarks/live.py`` (starts its own server in a temporary
copy of the example workshops; SQLite in that folder).
"""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def start(root: Path) -> tuple[subprocess.Popen[str], str, int]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "werkvorm",
            "live",
            "gemeente-lindewaard",
            "--port",
            "0",
            "--no-open",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    trainer = ""
    while not trainer:
        line = process.stdout.readline()
        assert line, "live did not start"
        if line.startswith("trainer: "):
            trainer = line.split()[1]
    port = int(urllib.parse.urlsplit(trainer).port or 0)
    return process, trainer, port


def participant(port: int, n: int) -> float:
    """Phone ``n`` (its own loopback address): get the form, send it; the seconds the
    post took to be answered (also used by tests/test_live_server.py)."""
    source = (f"127.0.{n // 250 + 10}.{n % 250 + 2}", 0)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=source)
    try:
        connection.request("GET", "/")
        page = connection.getresponse().read().decode()
        fields = dict(re.findall(r'name="(key|sig)" value="([^"]+)"', page))
        answers = {f"q{k}": str((n + k) % 5 + 1) for k in range(1, 5)}
        body = urllib.parse.urlencode({**fields, **answers, "q5": f"antwoord {n}"})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        began = time.perf_counter()
        connection.request("POST", "/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        return time.perf_counter() - began
    finally:
        connection.close()


def spread(port: int, count: int, seconds: float, first: int) -> list[float]:
    """``count`` participants starting evenly over ``seconds``."""
    latencies: list[float] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        took = participant(port, first + n)
        with lock:
            latencies.append(took)

    threads = []
    began = time.monotonic()
    for n in range(count):
        time.sleep(max(0.0, began + n * seconds / count - time.monotonic()))
        thread = threading.Thread(target=one, args=(n,))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return latencies


def press_to_second_view(trainer: str, port: int, presses: int) -> list[float]:
    """Seconds from a press to the second view holding the new page."""
    token_path = urllib.parse.urlsplit(trainer).path
    stream = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    stream.request("GET", f"{token_path}/events")
    events = stream.getresponse()

    def next_version() -> str:
        while True:
            line = events.readline().decode()
            if line.startswith("data: "):
                return line.split()[1]

    next_version()
    out = []
    for n in range(presses):
        began = time.perf_counter()
        press = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        action = "start" if n == 0 else ("plus5" if n % 2 else "minus5")
        body = urllib.parse.urlencode({"action": action, "key": f"bench-press-{n:04d}"})
        press.request(
            "POST",
            f"{token_path}/press",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        press.getresponse().read()
        press.close()
        next_version()
        view = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        view.request("GET", token_path)
        view.getresponse().read()
        view.close()
        out.append(time.perf_counter() - began)
        time.sleep(0.3)
    stream.close()
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def count_stored(root: Path) -> int:
    code = (
        "from werkvorm.live.store import open_store; import sys; "
        f"s = open_store('sqlite:///{root / '.werkvorm' / 'live.db'}'); print(s.count(1))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "workshops", root / "workshops")
        process, trainer, port = start(root)
        try:
            minute = spread(port, 300, 60.0, 0)
            with ThreadPoolExecutor(max_workers=30) as pool:
                burst = list(pool.map(lambda n: participant(port, 1000 + n), range(300)))
            presses = press_to_second_view(trainer, port, 20)
        finally:
            process.terminate()
            process.wait(20)
        stored = count_stored(root)
    ms = 1000.0
    print("| what | n | p50 | p99 | max | goal |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, values, goal in (
        ("evaluation post, 300 within one minute", minute, "p99 < 300 ms"),
        ("evaluation post, 300 at once (30 at a time)", burst, "(worst case)"),
        ("press -> second trainer view", presses, "< 1000 ms"),
    ):
        print(
            f"| {name} | {len(values)} | {statistics.median(values) * ms:.0f} ms | "
            f"{percentile(values, 99) * ms:.0f} ms | {max(values) * ms:.0f} ms | {goal} |"
        )
    print(f"\nstored: {stored} of 600 evaluations")


if __name__ == "__main__":
    main()
