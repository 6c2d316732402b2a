"""``werkvorm live``: open the store, find or begin today's run, and serve it with uvicorn.

It listens on 127.0.0.1 unless ``lan`` is asked for; then on every address, and the
URLs it prints use this machine's address on the local network. It answers only
Host headers naming its own addresses. What it prints first is two lines that a
script can read, ``trainer: <url>`` and ``participants: <url>``, then the trainer's
URL as a QR code for the trainer's phone.
"""

from __future__ import annotations

import socket
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from werkvorm.errors import WerkvormError
from werkvorm.kits.layout import Kind
from werkvorm.live.app import Live, build_app
from werkvorm.live.plan import load_day
from werkvorm.live.store import open_store, today
from werkvorm.project.folder import Project

DEFAULT_PORT = 8770


@dataclass(frozen=True)
class Addresses:
    trainer: str
    participants: str


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent to find it)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def _listen(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Connections inherit it: an answer's head and body go out at once, not 40 ms apart.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise WerkvormError(
            f"port {port} is in use or not allowed ({exc.strerror}): choose another with "
            "--port, or --port 0 for any free one"
        ) from None
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def _hosts(port: int, lan: str | None) -> frozenset[str]:
    names = {"127.0.0.1", "localhost"}
    if lan:
        names |= {lan, socket.gethostname().lower(), f"{socket.gethostname().lower()}.local"}
    return frozenset(f"{n}:{port}" for n in names)


def live(
    project: Project,
    kind: Kind,
    path: Path,
    *,
    db: str,
    port: int = DEFAULT_PORT,
    lan: bool = False,
    open_browser: bool = False,
    fresh: bool = False,
    announce: Callable[[Addresses], None],
    started_over: Callable[[int, int], None] = lambda presses, evaluations: None,
) -> None:
    """Serve the session day of one kit until Ctrl-C (or SIGTERM)."""
    import uvicorn

    day = load_day(project, kind, path)
    store = open_store(db)
    try:
        run = store.open_run(day.plan, today(), time.time())
        if fresh:  # a rehearsal earlier today: the day starts over
            started_over(*store.start_over(run.id))
        sock = _listen("0.0.0.0" if lan else "127.0.0.1", port)
        actual = int(sock.getsockname()[1])
        shown = lan_address() if lan else "127.0.0.1"
        where = Addresses(f"http://{shown}:{actual}/t/{run.token}", f"http://{shown}:{actual}/")
        hosts = _hosts(actual, shown if lan else None)
        app = build_app(Live(store, day, run.id, run.token, run.secret, hosts, where.participants))
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=2,
            h11_max_incomplete_event_size=16 * 1024,
        )
        announce(where)
        if open_browser:
            webbrowser.open(where.trainer)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        store.close()
