"""The preview server of ``werkvorm watch``: loopback only, its own host name only.

It binds to 127.0.0.1 and answers only requests addressed to ``127.0.0.1:<port>`` or
``localhost:<port>`` (a page elsewhere cannot reach it through DNS rebinding). It serves
a handful of plain file names (``handout.pdf``), first from the preview folder, then
the last built kit; anything else is 404, never a traceback. Pages get a small script
that listens on /__events (server-sent events) and reloads after each rebuild; when the
last save broke something, the last good preview stays and the problems are shown
above it, with links to the current PDFs and deck. The same stream carries the state
of the PDFs and deck that ``watch`` builds in the background (also at /__status, as
JSON): the line above the preview and the /pages view follow it without a reload.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

# Both views follow the documents' state; the preview also reloads after each rebuild,
# the pages view only swaps in the newest handout.pdf (a reload would lose its place).
_ON_STATUS = b"""es.addEventListener('status',function(e){var s=JSON.parse(e.data),
el=document.getElementById('werkvorm-documents'),old=document.getElementById('werkvorm-stale'),
f=document.getElementById('werkvorm-pages');
if(el){el.textContent=s.text;el.setAttribute('data-state',s.state);}
if(old){old.style.display=s.state==='current'?'none':'';}
if(s.state==='current'&&document.getElementById('werkvorm-no-pdf')){location.reload();}
if(f&&s.state==='current'&&f.getAttribute('data-built')!==String(s.version)){
f.setAttribute('data-built',String(s.version));
f.src='/handout.pdf?v='+s.version+'#view=FitH';}});"""
_RELOAD = (
    b"<script>(function(){var v=null,es=new EventSource('/__events');\n"
    b"es.onmessage=function(e){if(v!==null&&e.data!==v){location.reload();}v=e.data;};\n"
    + _ON_STATUS
    + b"})();</script>"
)
_FOLLOW = (
    b"<script>(function(){var es=new EventSource('/__events');\n" + _ON_STATUS + b"})();</script>"
)
_WAITING = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>werkvorm</title></head>"
    "<body><p>werkvorm is building the preview…</p></body></html>"
)
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_PLAIN_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}\.(?:html|pdf|pptx)")
LINKED = ("handout.pdf", "guide.pdf", "deck.pptx", "slides.pdf", "evaluation.pdf", "followup.pdf")
CONNECTION_TIMEOUT = 20  # seconds a connection may stay silent
DocumentsState = Literal["none", "updating", "current", "failed"]
_STATE_COLOURS = {"updating": "#8a6d00", "current": "#1d6b33", "failed": "#a1261b"}


class Preview:
    """What the server shows: the preview folder, the last built kit, the build count
    and the last problems; and the PDFs and deck built in the background: their folder,
    their state (``updating``, ``current``, ``failed`` with a message, or ``none``: no
    background build) and how often that state changed (``documents_version``)."""

    def __init__(self, folder: Path, kit: Path | None = None) -> None:
        self.folder = folder.resolve()
        self.kit = kit.resolve() if kit else None
        self.version = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()
        self.closing = False
        self.documents: Path | None = None
        self.documents_state: DocumentsState = "none"
        self.documents_message = ""
        self.documents_version = 0

    def publish(self, folder: Path | None, problems: list[str], kit: Path | None = None) -> None:
        with self.changed:
            if folder is not None:
                self.folder = folder.resolve()
            if kit is not None:
                self.kit = kit.resolve()
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def publish_documents(
        self, state: DocumentsState, message: str = "", folder: Path | None = None
    ) -> None:
        """The background build's new state (``current``: ``folder`` holds its documents;
        ``message``: the build time, or what failed)."""
        with self.changed:
            if folder is not None:
                self.documents = folder.resolve()
            self.documents_state = state
            self.documents_message = message or (
                time.strftime("%H:%M:%S") if state == "current" else ""
            )
            self.documents_version += 1
            self.changed.notify_all()

    def status(self) -> dict[str, object]:
        """The documents' state as the page shows it (also served at /__status)."""
        state, message = self.documents_state, self.documents_message
        text = {
            "none": "",
            "updating": "PDFs and deck: updating…",
            "current": f"PDFs and deck: current (built {message})",
            "failed": f"PDFs and deck: failed: {message}",
        }[state]
        return {
            "state": state,
            "message": message,
            "text": text,
            "version": self.documents_version,
            "preview": self.version,
        }

    def find(self, name: str) -> Path | None:
        """A servable file by its plain name: the background build's, the preview's
        own, else the built kit's."""
        if not _PLAIN_NAME.fullmatch(name):
            return None
        for folder in (self.documents, self.folder, self.kit):  # the newest PDFs first
            if folder is None:
                continue
            path = folder / name
            try:
                if path.is_file() and not path.is_symlink():
                    return path
            except OSError:
                return None
        return None

    def pages(self) -> bytes:
        """The handout as it will print, page by page: the newest handout.pdf (the one
        built in the background, else the last build's) in the browser's PDF viewer,
        with a line saying so while it is out of date; it follows each new build."""
        pdf = self.find("handout.pdf")
        if pdf is None:
            inner = (
                "<p id='werkvorm-no-pdf' style='font:15px system-ui;margin:24px'>No "
                "handout.pdf yet: it appears "
                "here when the PDFs are built.</p>"
            )
        else:
            inner = (
                f"<iframe id='werkvorm-pages' data-built='{self.documents_version}' "
                f"src='/handout.pdf?v={self.documents_version}#view=FitH' title='handout.pdf' "
                "style='border:0;width:100%;height:calc(100vh - 64px)'></iframe>"
            )
        shown = "" if self.documents_state in ("updating", "failed") else "display:none;"
        stale = (
            f"<p id='werkvorm-stale' style='{shown}font:13px system-ui;margin:0;"
            "padding:4px 18px;background:#fff3e6'>This handout.pdf is out of date: it shows "
            "the last save whose PDFs were built.</p>"
        )
        body = f"<!doctype html><html><body style='margin:0'>{stale}{inner}</body></html>"
        top = b"<body style='margin:0'>" + self._links()
        return body.encode().replace(b"<body style='margin:0'>", top) + _FOLLOW

    def _links(self) -> bytes:
        items = ["<a href='/'>preview</a>"]
        if self.find("handout.pdf") is not None:
            items.append("<a href='/pages'>pages as printed</a>")
        for name in LINKED:
            path = self.find(name)
            if path is not None:
                note = "" if path.parent in (self.folder, self.documents) else " (last build)"
                items.append(f"<a href='/{name}' target='_blank'>{name}</a>{note}")
        status = self.status()
        if status["state"] != "none":
            colour = _STATE_COLOURS[self.documents_state]
            items.append(
                f"<strong id='werkvorm-documents' data-state='{status['state']}' "
                f"style='color:{colour}'>{html.escape(str(status['text']))}</strong>"
            )
        return (
            "<nav id='werkvorm-links' style='position:relative;z-index:10;font:13px/1.4 system-ui,sans-serif;"
            "padding:6px 18px;background:#f3f5f6;border-bottom:1px solid #d5dadd'>"
            f"{' · '.join(items)}</nav>"
        ).encode()

    def _banner(self) -> bytes:
        if not self.problems:
            return b""
        items = "".join(f"<li>{_problem_html(p)}</li>" for p in self.problems)
        return (
            "<div id='werkvorm-problems' style='position:sticky;top:0;z-index:9;"
            "background:#fff3e6;border:2px solid #c9731d;padding:12px 18px;"
            "font:14px/1.4 system-ui,sans-serif;color:#5a2d00'>"
            "<strong>The last save has problems; this is the last good preview."
            f"</strong><ul style='margin:6px 0 0'>{items}</ul></div>"
        ).encode()

    def page(self) -> bytes:
        path = self.folder / "handout.html"
        body = path.read_bytes() if path.is_file() else _WAITING.encode()
        top = self._banner() + self._links()
        marker = body.find(b"<body")
        if marker != -1:
            end = body.find(b">", marker) + 1
            body = body[:end] + top + body[end:]
        else:
            body = top + body
        if b"</body>" in body:
            return body.replace(b"</body>", _RELOAD + b"</body>")
        return body + _RELOAD


def _send(handler: BaseHTTPRequestHandler, data: bytes, content_type: str) -> None:
    handler.send_response(HTTPStatus.OK)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.send_header("Cache-Control", "no-store")
    handler.end_headers()
    handler.wfile.write(data)


def _events(preview: Preview) -> Iterator[bytes]:
    """Server-sent events until the preview closes: a reload when the HTML changed, the
    documents' status when it changed, else a keep-alive every 10 seconds."""
    seen, seen_documents = -1, -1
    while not preview.closing:
        with preview.changed:
            if (preview.version, preview.documents_version) == (seen, seen_documents):
                preview.changed.wait(timeout=10)
            version, documents = preview.version, preview.documents_version
            status = preview.status()
        out = b""
        if version != seen:
            out += f"retry: 500\ndata: {version}\n\n".encode()
            seen = version
        if documents != seen_documents:
            out += f"event: status\ndata: {json.dumps(status)}\n\n".encode()
            seen_documents = documents
        yield out or b": keep-alive\n\n"


def _handler(preview: Preview, port: int) -> type[BaseHTTPRequestHandler]:
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    class Handler(BaseHTTPRequestHandler):
        server_version = "werkvorm"
        timeout = CONNECTION_TIMEOUT

        def log_message(self, format: str, *args: object) -> None:  # quiet terminal
            return

        def do_GET(self) -> None:
            if (self.headers.get("Host") or "").lower() not in hosts:
                self.send_error(HTTPStatus.FORBIDDEN, "this server answers only its own address")
                return
            path = unquote(urlsplit(self.path).path)
            if path in ("/", "/handout.html"):
                _send(self, preview.page(), _CONTENT_TYPES[".html"])
            elif path == "/pages":
                _send(self, preview.pages(), _CONTENT_TYPES[".html"])
            elif path == "/__events":
                self._events()
            elif path == "/__status":
                with preview.changed:
                    status = preview.status()
                _send(self, json.dumps(status).encode(), "application/json")
            else:
                self._file(path.removeprefix("/"))

        def _file(self, name: str) -> None:
            """Only a plain file name of the preview or the kit, never a path."""
            found = preview.find(name)
            try:
                data = found.read_bytes() if found is not None else None
            except OSError:
                data = None
            if found is None or data is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            _send(self, data, _CONTENT_TYPES[found.suffix])

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                for event in _events(preview):
                    self.wfile.write(event)
                    self.wfile.flush()
            except OSError:  # the browser went away
                return

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return  # a broken connection is the browser's business, not the trainer's


def serve(preview: Preview, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start serving on 127.0.0.1:``port`` (0: any free port); returns the server and URL."""
    server = _Server(("127.0.0.1", port), _handler(preview, 0))
    actual = int(server.server_address[1])
    server.RequestHandlerClass = _handler(preview, actual)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{actual}/"


def _problem_html(problem: str) -> str:
    """A problem for the banner: its first line as text, the quoted line and caret that
    YAML syntax errors carry below it in a fixed-width block, so the caret stays put."""
    first, _, rest = problem.partition("\n")
    if not rest:
        return html.escape(first)
    return (
        f"{html.escape(first)}<pre style='margin:4px 0 0;font:13px/1.35 ui-monospace,"
        f"Menlo,Consolas,monospace;white-space:pre'>{html.escape(rest)}</pre>"
    )
