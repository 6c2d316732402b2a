"""HTML → PDF with WeasyPrint, reading files only from the folders a session allows.

WeasyPrint reports a missing image or a refused URL only as a log record, so every
render listens on the ``weasyprint`` logger and turns errors into a RenderError. Its
default fetcher would read any local file and fetch http(s); ours serves ``data:`` and
regular files under the allowed folders, nothing else.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from werkvorm.errors import RenderError, WerkvormError
from werkvorm.render.imagemeta import without_metadata

try:
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse
except OSError as _missing:  # Pango (a system library) is not installed: say what to type
    from werkvorm.install_hints import pango_missing

    raise WerkvormError(pango_missing(_missing)) from None

MAX_ASSET_BYTES = 25_000_000
# Fixed timestamps make identical inputs give identical bytes (RELIABILITY.md).
DEFAULT_SOURCE_DATE_EPOCH = "946684800"


class _Cleaned(URLFetcherResponse):  # type: ignore[misc]
    """Bytes that differ from the file's: WeasyPrint must embed these, not read the file
    again by its path (it does so for a JPEG)."""

    @property
    def path(self) -> None:
        return None


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``data:`` URLs and files under ``allowed``; refuses everything else."""

    def __init__(self, allowed: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5)
        self.allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ValueError(f"werkvorm reads no network addresses: {url[:80]}")
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise ValueError(f"{path} is outside the workshop, client and template folders")
        if not path.is_file():
            raise ValueError(f"{path} is not a file")
        if path.stat().st_size > MAX_ASSET_BYTES:
            raise ValueError(f"{path} is larger than {MAX_ASSET_BYTES // 1_000_000} MB")
        raw = path.read_bytes()
        data = without_metadata(raw)  # a photo's GPS stays home
        if data is raw:
            return URLFetcherResponse(path.as_uri(), data, status=200)
        return _Cleaned(path.as_uri(), data, status=200)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


@contextmanager
def _listening() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or DEFAULT_SOURCE_DATE_EPOCH
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


class Layout:
    """A laid-out document: pages are known, bytes not yet written (then kept, with
    the preflight's findings, so a layout ``watch`` keeps is never written twice)."""

    def __init__(self, document: Any, name: str) -> None:
        self.document = document
        self.name = name
        self.written: bytes | None = None
        self.findings: dict[str, list[str]] = {}  # preflight's, by document name

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    def write(self, tagged: bool = True) -> bytes:
        """The PDF: tagged (PDF/UA-1) unless it is only cut into name stamps. The tagged
        bytes are kept, so a layout that watch's memo reuses is written once."""
        if tagged and self.written is not None:
            return self.written
        variant = "pdf/ua-1" if tagged else None
        with _listening() as log:
            data: bytes = self.document.write_pdf(pdf_variant=variant, uncompressed_pdf=False)
        _raise_on(log, self.name)
        if tagged:
            self.written = data
        return data


def _raise_on(log: _Collector, name: str) -> None:
    if log.errors:
        details = "; ".join(dict.fromkeys(log.errors))
        raise RenderError(f"{name}: {details}")


def layout(html: str, *, base_url: Path, allowed: Sequence[Path], name: str) -> Layout:
    """Lay out HTML as pages; any error WeasyPrint logs fails the build, naming ``name``.
    Inside a ``watch`` memo round (:mod:`werkvorm.render.memo`) an unchanged layout is
    taken from the memo."""
    from werkvorm.render.memo import active_memo

    memo = active_memo()
    if memo is not None:
        return memo.layout(
            html, base_url, allowed, name, lambda: fresh_layout(html, base_url, allowed, name)
        )
    return fresh_layout(html, base_url, allowed, name)


def fresh_layout(html: str, base_url: Path, allowed: Sequence[Path], name: str) -> Layout:
    """:func:`layout` without the memo: always laid out here and now."""
    fetcher = ConfinedFetcher([*allowed, base_url])
    with _listening() as log:
        try:
            document = weasyprint.HTML(
                string=html, base_url=str(base_url) + "/", url_fetcher=fetcher
            ).render()
        except weasyprint.urls.FatalURLFetchingError as exc:  # a BaseException
            raise RenderError(f"{name}: {exc}") from None
        except (RecursionError, ZeroDivisionError, OverflowError) as exc:
            raise RenderError(
                f"{name}: the document could not be laid out ({exc.__class__.__name__})"
            ) from None
    _raise_on(log, name)
    return Layout(document, name)


def render_pdf(html: str, *, base_url: Path, allowed: Sequence[Path], name: str) -> bytes:
    return layout(html, base_url=base_url, allowed=allowed, name=name).write()
