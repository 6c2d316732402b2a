"""The preview server of ``werkvorm watch``: loopback only, its own host name only.

It binds to 127.0.0.1 and answers only requests addressed to ``127.0.0.1:<port>`` or
``localhost:<port>`` (a page elsewhere cannot reach it through DNS rebinding). It serves
a handful of plain file names (``handout.pdf``), first from the preview folder, then
the last built kit; anything else is 404, never a traceback. Pages get a small script
that listens on /__events (server-sent events) and reloads after each rebuild; when the
last save broke something, the last good preview stays and the problems are shown
above it, with links to the current PDFs and deck.
"""

from __future__ import annotations

import html
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

_RELOAD = b"""<script>(function(){var v=null,es=new EventSource('/__events');
es.onmessage=function(e){if(v!==null&&e.data!==v){location.reload();}v=e.data;};})();</script>"""
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


class Preview:
    """What the server shows: the preview folder, the last built kit, the build count
    and the last problems."""

    def __init__(self, folder: Path, kit: Path | None = None) -> None:
        self.folder = folder.resolve()
        self.kit = kit.resolve() if kit else None
        self.version = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()
        self.closing = False

    def publish(self, folder: Path | None, problems: list[str], kit: Path | None = None) -> None:
        with self.changed:
            if folder is not None:
                self.folder = folder.resolve()
            if kit is not None:
                self.kit = kit.resolve()
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def find(self, name: str) -> Path | None:
        """A servable file by its plain name: the preview's own, else the built kit's."""
        if not _PLAIN_NAME.fullmatch(name):
            return None
        for folder in (self.folder, self.kit):
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
        """The handout as it will print, page by page: the current handout.pdf (this
        preview's with ``--pdf``, else the last build's) in the browser's PDF viewer."""
        pdf = self.find("handout.pdf")
        if pdf is None:
            inner = (
                "<p style='font:15px system-ui;margin:24px'>No handout.pdf yet: start "
                "<code>werkvorm watch --pdf</code>, or build the kit once.</p>"
            )
        else:
            inner = (
                "<iframe src='/handout.pdf#view=FitH' title='handout.pdf' "
                "style='border:0;width:100%;height:calc(100vh - 40px)'></iframe>"
            )
        body = f"<!doctype html><html><body style='margin:0'>{inner}</body></html>".encode()
        return body.replace(b"<body style='margin:0'>", b"<body style='margin:0'>" + self._links())

    def _links(self) -> bytes:
        items = ["<a href='/'>preview</a>"]
        if self.find("handout.pdf") is not None:
            items.append("<a href='/pages'>pages as printed</a>")
        for name in LINKED:
            path = self.find(name)
            if path is not None:
                note = "" if path.parent == self.folder else " (last build)"
                items.append(f"<a href='/{name}' target='_blank'>{name}</a>{note}")
        return (
            "<nav id='werkvorm-links' style='font:13px/1.4 system-ui,sans-serif;"
            "padding:6px 18px;background:#f3f5f6;border-bottom:1px solid #d5dadd'>"
            f"{' · '.join(items)}</nav>"
        ).encode()

    def _banner(self) -> bytes:
        if not self.problems:
            return b""
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
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
                self._send(preview.page(), _CONTENT_TYPES[".html"])
            elif path == "/pages":
                self._send(preview.pages(), _CONTENT_TYPES[".html"])
            elif path == "/__events":
                self._events()
            else:
                self._file(path.removeprefix("/"))

        def _send(self, data: bytes, content_type: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

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
            self._send(data, _CONTENT_TYPES[found.suffix])

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not preview.closing:
                    with preview.changed:
                        if preview.version == seen:
                            preview.changed.wait(timeout=10)
                        version = preview.version
                    if version != seen:
                        self.wfile.write(f"retry: 500\ndata: {version}\n\n".encode())
                        seen = version
                    else:
                        self.wfile.write(b": keep-alive\n\n")
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
