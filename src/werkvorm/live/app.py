"""The live web application (Starlette, served by uvicorn; see :mod:`werkvorm.live.serve`).

- ``/t/<token>``: the trainer's run-of-show, its buttons (``POST /t/<token>/press``),
  a stream that says when the day changed (``/t/<token>/events``) and the QR page
  (``/t/<token>/qr``). A wrong token is a 404, compared in constant time.
- ``/``: the participants' evaluation (GET the form, POST it). Nothing else is reachable
  without the token.

Before any page: a per-address rate limit (a flood gets 429 and the others are served),
the Host header (only the server's own addresses: no DNS rebinding), and for a post its
size (413), its type and its origin (a post from another site is refused). Each form
carries a key and a signature of it: a form not made here is refused, and the same
form sent twice is stored once. Every press and evaluation is committed before the
answer goes back.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from werkvorm.live import pages
from werkvorm.live.day import ACTIONS
from werkvorm.live.plan import ANSWER_MAX, NAME_MAX, Question, SessionDay
from werkvorm.live.store import Store, StoreError
from werkvorm.live.words import words_for

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

MAX_BODY = 64 * 1024  # bytes in one post: a whole evaluation is a few kilobytes
RATE_LIMIT = 240  # requests per address per window
RATE_WINDOW = 60.0  # seconds
EVENT_POLL = 0.25  # seconds between looks at the database for a change
KEEP_ALIVE = 15.0
_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never printable: dropped
_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make Origin "null"
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        b"img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
]


@dataclass
class Live:
    """What the application serves: one run of one kit, from one store."""

    store: Store
    day: SessionDay
    run_id: int
    token: str
    secret: str
    hosts: frozenset[str]  # Host headers this server answers ("127.0.0.1:8770", ...)
    participants_url: str
    clock: Callable[[], float] = time.time


@dataclass
class RateLimit:
    """A fixed window per address: ``limit`` requests each ``window`` seconds."""

    limit: int = RATE_LIMIT
    window: float = RATE_WINDOW
    seen: dict[str, tuple[float, int]] = field(default_factory=dict)

    def allow(self, address: str, now: float) -> bool:
        start, count = self.seen.get(address, (now, 0))
        if now - start >= self.window:
            start, count = now, 0
        self.seen[address] = (start, count + 1)
        if len(self.seen) > 50_000:  # forget windows that are over
            self.seen = {a: v for a, v in self.seen.items() if now - v[0] < self.window}
        return count < self.limit


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]]) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *_HEADERS,
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware in front of every page: rate limit, Host, post size, headers."""

    def __init__(self, app: Any, live: Live, limit: RateLimit | None = None) -> None:
        self.app, self.live, self.limit = app, live, limit or RateLimit()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("?", 0))[0]
        if not self.limit.allow(address, time.monotonic()):
            retry = [(b"retry-after", str(int(self.limit.window)).encode())]
            await _plain(send, 429, "too many requests from your address: wait a minute", retry)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if host not in self.live.hosts:
            await _plain(send, 403, "this server answers only its own address", [])
            return
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _plain(send, 413, "this post is too large or its length is unreadable", [])
            return

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, guarded)


def _same_origin(request: Request, live: Live) -> bool:
    """A post from our own pages: no other site's Origin, not a cross-site fetch.

    Some phone browsers hide the origin of a post from a page reached by a bare address
    (``Origin: null``). That is let through unless the browser says the post is
    cross-site: every post here also carries a secret (the trainer's token in the path,
    the form's signed key), which a page on another site cannot read.
    """
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    return origin.lower() in {f"http://{h}" for h in live.hosts}


async def _form(request: Request) -> dict[str, list[str]] | None:
    """The posted form, or None when it is too large, of another type or not UTF-8."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    try:
        text = body.decode("utf-8")
        return parse_qs(text, keep_blank_values=True, max_num_fields=200, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name, [])
    return _CONTROL.sub("", values[0]) if len(values) == 1 else ""


def signature(secret: str, key: str) -> str:
    return hmac.new(secret.encode(), key.encode(), hashlib.sha256).hexdigest()[:32]


def _answers(
    form: dict[str, list[str]], questions: tuple[Question, ...], w: dict[str, str]
) -> tuple[dict[str, str], str]:
    """The answers by question id, and what is wrong with them ("" when nothing)."""
    answers: dict[str, str] = {}
    for q in questions:
        values = [_CONTROL.sub("", v).strip() for v in form.get(q.id, [])]
        if any(len(v) > ANSWER_MAX for v in values):
            return answers, w["too_long"].format(limit=ANSWER_MAX)
        points = {str(n) for n in range(q.low, q.high + 1)}
        if (
            q.kind == "scale"
            and values not in ([], [""])
            and (len(values) != 1 or values[0] not in points)
        ):
            return answers, w["bad_scale"].format(question=q.text, low=q.low, high=q.high)
        if q.kind == "choice":
            allowed = {str(n) for n in range(1, len(q.options) + 1)}
            if not set(values) <= allowed:
                return answers, w["expired"]
            answers[q.id] = ",".join(sorted(set(values), key=int))
        elif values and values[0]:
            answers[q.id] = values[0].replace("\r\n", "\n")
    return answers, ""


def build_app(live: Live, limit: RateLimit | None = None) -> Any:
    """The ASGI application: Starlette's routes behind the :class:`Guard`."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    handlers = _Handlers(live)
    routes = [
        Route("/", handlers.form, methods=["GET"]),
        Route("/", handlers.submit, methods=["POST"]),
        Route("/t/{token}", handlers.trainer, methods=["GET"]),
        Route("/t/{token}/press", handlers.press, methods=["POST"]),
        Route("/t/{token}/events", handlers.events, methods=["GET"]),
        Route("/t/{token}/qr", handlers.qr, methods=["GET"]),
        Route("/favicon.ico", handlers.nothing, methods=["GET"]),
    ]
    app: Starlette = Starlette(routes=routes)
    return Guard(app, live, limit)


class _Handlers:
    def __init__(self, live: Live) -> None:
        self.live = live
        session = live.day.session
        self.w = words_for(session.locale or session.language, session.speech_register)

    def _token_ok(self, request: Request) -> bool:
        given = str(request.path_params.get("token", "")).encode()
        return hmac.compare_digest(given, self.live.token.encode())

    @staticmethod
    def _html(body: bytes, status: int = 200) -> Response:
        from starlette.responses import Response

        return Response(body, status_code=status, media_type="text/html; charset=utf-8")

    @staticmethod
    def _text(text: str, status: int) -> Response:
        from starlette.responses import PlainTextResponse

        return PlainTextResponse(text, status_code=status)

    async def nothing(self, request: Request) -> Response:
        from starlette.responses import Response

        return Response(status_code=204)

    async def trainer(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        if not self._token_ok(request):
            return self._text("not found", 404)
        live = self.live
        try:
            run = await run_in_threadpool(live.store.run, live.run_id)
            count = await run_in_threadpool(live.store.count, live.run_id)
        except StoreError as exc:
            return self._text(exc.message, 503)
        body = pages.trainer_page(live.day, run, live.clock(), live.token, count)
        return self._html(body)

    async def press(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import RedirectResponse

        if not self._token_ok(request):
            return self._text("not found", 404)
        if not _same_origin(request, self.live):
            return self._text("a post from another site is refused", 403)
        form = await _form(request)
        if form is None:
            return self._text("this post is not a form werkvorm understands", 400)
        action, key = _one(form, "action"), _one(form, "key")
        if action not in ACTIONS or not _KEY.fullmatch(key):
            return self._text("unknown button: reload the page", 400)
        live = self.live
        try:
            await run_in_threadpool(live.store.press, live.run_id, action, key, live.clock())
        except StoreError as exc:
            return self._text(exc.message, 503)
        return RedirectResponse(f"/t/{live.token}", status_code=303)

    async def events(self, request: Request) -> Response:
        from starlette.responses import StreamingResponse

        if not self._token_ok(request):
            return self._text("not found", 404)
        return StreamingResponse(self._changes(request), media_type="text/event-stream")

    async def _changes(self, request: Request) -> AsyncIterator[bytes]:
        """The run's version each time it changes (a press here or on another server)."""
        from starlette.concurrency import run_in_threadpool

        seen, quiet = -1, 0.0
        yield b"retry: 1000\n\n"
        while not await request.is_disconnected():
            try:
                version = await run_in_threadpool(self.live.store.version, self.live.run_id)
            except StoreError:
                version = seen
            if version != seen:
                seen, quiet = version, 0.0
                yield f"data: {version}\n\n".encode()
            elif quiet >= KEEP_ALIVE:
                quiet = 0.0
                yield b": keep-alive\n\n"
            await asyncio.sleep(EVENT_POLL)
            quiet += EVENT_POLL

    async def qr(self, request: Request) -> Response:
        if not self._token_ok(request):
            return self._text("not found", 404)
        live = self.live
        return self._html(pages.qr_page(live.day, live.token, live.participants_url))

    async def form(self, request: Request) -> Response:
        key = secrets.token_urlsafe(16)
        sig = signature(self.live.secret, key)
        return self._html(pages.form_page(self.live.day, key, sig))

    async def submit(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        live, w = self.live, self.w
        if not _same_origin(request, live):
            return self._text("a post from another site is refused", 403)
        form = await _form(request)
        if form is None:
            return self._text("this post is not a form werkvorm understands", 400)
        key, sig = _one(form, "key"), _one(form, "sig")
        good = _KEY.fullmatch(key) and hmac.compare_digest(sig, signature(live.secret, key))
        if not good:
            key = secrets.token_urlsafe(16)
            page = pages.form_page(live.day, key, signature(live.secret, key), w["expired"])
            return self._html(page, 400)
        answers, problem = _answers(form, live.day.questions, w)
        name = _one(form, "name").strip()
        if len(name) > NAME_MAX:
            problem = problem or w["too_long"].format(limit=NAME_MAX)
        if problem:
            values = {k: v[0] for k, v in form.items() if v and len(v[0]) <= ANSWER_MAX}
            return self._html(pages.form_page(live.day, key, sig, problem, values), 400)
        try:
            await run_in_threadpool(
                live.store.submit, live.run_id, key, name, answers, live.clock()
            )
        except StoreError:
            values = {k: v[0] for k, v in form.items() if v}
            return self._html(pages.form_page(live.day, key, sig, w["busy"], values), 503)
        return self._html(pages.thanks_page(live.day))
