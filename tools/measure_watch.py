"""Time `werkvorm watch` as a trainer feels it: save -> HTML preview published, and
save -> PDFs and deck current, through a real `werkvorm watch` and its event stream.

    python tools/measure_watch.py spagaat 5

Copies the repository's workshops/ (and templates/) to a scratch folder, starts
`werkvorm watch` there, and times three kinds of save, RUNS times each: a facilitator
note (only the guide and the deck change), the title (every document changes), and a
title saved again 0.4 s into a build (the running build is abandoned). Timings taken
while the machine is busy are not final: print `uptime` next to them.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
Event = tuple[float, str, str]


def listen(url: str, events: queue.Queue[Event]) -> None:
    host, port = url.split("//")[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port))
    connection.request("GET", "/__events")
    kind = "message"
    for raw in connection.getresponse():
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            events.put((time.monotonic(), kind, line[6:]))
            kind = "message"


Timings = dict[str, list[tuple[float, float]]]


def measure(workshop: str, runs: int, show: bool = False) -> Timings:
    """(save -> HTML, save -> PDFs and deck) in seconds, ``runs`` times for each kind of
    save: ``note``, ``title`` and ``again`` (a title saved during a build)."""
    timings: Timings = {"note": [], "title": [], "again": []}
    scratch = Path(tempfile.mkdtemp(prefix="werkvorm-watch-"))
    shutil.copytree(REPO / "workshops", scratch / "workshops")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", scratch / "templates")
    exe = Path(sys.executable).parent / "werkvorm"
    process = subprocess.Popen(
        [str(exe), "watch", workshop, "--port", "0", "--no-open"],
        cwd=scratch,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        assert process.stdout is not None
        url = ""
        while not url:
            found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
            url = found.group(0) if found else ""
        events: queue.Queue[Event] = queue.Queue()
        threading.Thread(target=listen, args=(url, events), daemon=True).start()

        def wait(kind: str, states: tuple[str, ...] = ()) -> tuple[float, str]:
            while True:
                at, got, data = events.get(timeout=120)
                if got == kind and (not states or json.loads(data)["state"] in states):
                    return at, data

        wait("status", ("current",))
        source = scratch / "workshops" / f"{workshop}.yaml"
        text = source.read_text(encoding="utf-8")

        def edited(kind: str, n: int) -> str:
            if kind == "note":
                return text.replace(
                    "    facilitator:\n      nl: |-\n",
                    f"    facilitator:\n      nl: |-\n        Notitie {n}.\n",
                    1,
                )
            return re.sub(
                r"^title: \{nl: ([^,]+),", rf"title: {{nl: \1 {n},", text, count=1, flags=re.M
            )

        def save(new: str) -> tuple[float, float, str]:
            while not events.empty():
                events.get()
            start = time.monotonic()
            source.write_text(new, encoding="utf-8")
            html, _ = wait("message")
            done, data = wait("status", ("current", "failed"))
            return html - start, done - start, json.loads(data)["text"]

        for kind in ("note", "title"):
            for n in range(1, runs + 1):
                text = edited(kind, n + (100 if kind == "title" else 0))
                html, documents, said = save(text)
                timings[kind].append((html, documents))
                if show:
                    print(
                        f"{kind:5} {n}: HTML {html:.2f} s, PDFs and deck {documents:.2f} s ({said})"
                    )
                time.sleep(0.5)
        for n in range(1, runs + 1):
            text = edited("title", 200 + n)
            source.write_text(text, encoding="utf-8")
            time.sleep(0.4)
            text = edited("title", 300 + n)
            html, documents, said = save(text)
            timings["again"].append((html, documents))
            if show:
                print(f"again {n}: HTML {html:.2f} s, PDFs and deck {documents:.2f} s ({said})")
            time.sleep(0.5)
    finally:  # also when a measurement fails: no watch is left running
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    shutil.rmtree(scratch, ignore_errors=True)
    return timings


if __name__ == "__main__":
    measure(
        sys.argv[1] if len(sys.argv) > 1 else "spagaat",
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
        show=True,
    )
