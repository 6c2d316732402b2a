"""``werkvorm watch``: rebuild on every save and serve a preview that reloads itself.

The preview server binds to 127.0.0.1 on a free port and serves only the files of one
kit folder by name. Pages get a small script that listens on /__events (server-sent
events) and reloads after each rebuild; when the last save broke something, the last
good preview stays and the problems are shown above it.
"""

from __future__ import annotations

import html
import threading
import time
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from werkvorm.errors import WerkvormError
from werkvorm.project import Project

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


class Preview:
    """What the server shows: the kit folder, the build count and the last problems."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.version = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()
        self.closing = False

    def publish(self, folder: Path | None, problems: list[str]) -> None:
        with self.changed:
            if folder is not None:
                self.folder = folder.resolve()
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def page(self) -> bytes:
        path = self.folder / "handout.html"
        body = path.read_bytes() if path.is_file() else _WAITING.encode()
        banner = b""
        if self.problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
            banner = (
                "<div id='werkvorm-problems' style='position:sticky;top:0;z-index:9;"
                "background:#fff3e6;border:2px solid #c9731d;padding:12px 18px;"
                "font:14px/1.4 system-ui,sans-serif;color:#5a2d00'>"
                "<strong>The last save has problems; this is the last good preview."
                f"</strong><ul style='margin:6px 0 0'>{items}</ul></div>"
            ).encode()
        marker = body.find(b"<body")
        if marker != -1:
            end = body.find(b">", marker) + 1
            body = body[:end] + banner + body[end:]
        else:
            body = banner + body
        return (
            body.replace(b"</body>", _RELOAD + b"</body>") if b"</body>" in body else body + _RELOAD
        )


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "werkvorm"

        def log_message(self, format: str, *args: object) -> None:  # quiet terminal
            return

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path in ("/", "/handout.html"):
                self._send(preview.page(), _CONTENT_TYPES[".html"])
            elif path == "/__events":
                self._events()
            else:
                self._file(path.lstrip("/"))

        def _send(self, data: bytes, content_type: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _file(self, name: str) -> None:
            """Only a file of the kit folder itself, by its plain name."""
            candidate = (preview.folder / name).resolve()
            allowed = (
                "/" not in name
                and "\\" not in name
                and candidate.parent == preview.folder
                and candidate.suffix in _CONTENT_TYPES
                and candidate.is_file()
            )
            if not allowed:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self._send(candidate.read_bytes(), _CONTENT_TYPES[candidate.suffix])

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
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def serve(preview: Preview) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(preview))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def watch(
    project: Project,
    kind: str,
    path: Path,
    *,
    extra_formats: list[str],
    open_browser: bool,
    say: Callable[[str], None],
) -> None:
    """Build, serve and rebuild until Ctrl-C."""
    import logging

    import watchfiles
    from rich.markup import escape

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # we say "stopped" ourselves

    from werkvorm.compose import compose
    from werkvorm.kits import build_kit, load_inputs

    def folder_of() -> Path | None:
        try:
            inputs = load_inputs(project, kind, path)
        except WerkvormError:
            return None
        from werkvorm.kits import kit_folder

        return kit_folder(project.output_dir, compose(inputs.workshop, inputs.client))

    preview = Preview(folder_of() or project.output_dir)

    def rebuild() -> None:
        start = time.monotonic()
        try:
            result = build_kit(project, kind, path, formats=["html"], force=True)
        except WerkvormError as exc:
            lines = [p.format() for p in exc.problems] or [exc.message]
            preview.publish(None, [exc.message, *lines] if exc.problems else lines)
            say(f"[red]✗[/] {escape(exc.message)}")
            for line in lines:
                say(f"  {escape(line)}")
            return
        preview.publish(result.folder, [])
        say(f"[green]✓[/] preview rebuilt in {time.monotonic() - start:.1f} s")
        if extra_formats:
            try:
                build_kit(project, kind, path, formats=extra_formats, force=True)
                say(f"[green]✓[/] {', '.join(extra_formats)} rebuilt")
            except WerkvormError as exc:
                say(f"[red]✗[/] {exc.message}")

    rebuild()
    server, url = serve(preview)
    say(f"preview: {url}  (Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    watched = [str(project.workshops_dir)]
    if project.templates_dir.is_dir():
        watched.append(str(project.templates_dir))
    try:
        for _changes in watchfiles.watch(*watched, debounce=250, step=50, raise_interrupt=False):
            rebuild()
    finally:
        preview.closing = True
        with preview.changed:
            preview.changed.notify_all()
        server.shutdown()
        server.server_close()
        say("stopped")
