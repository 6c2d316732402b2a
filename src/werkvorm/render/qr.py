"""QR codes for the addresses of sources and links, and addresses that wrap cleanly.

A code is drawn as inline SVG (vector, so it stays sharp at any print resolution),
black on white, error correction M, with the standard quiet zone of four modules.
The symbol is at least 15 mm wide, which a phone reads from a printed page at arm's
length; a long address needs more modules, and each module stays at least 0.5 mm,
so the symbol grows instead. segno makes the matrix, offline, the same every time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)
SMALLEST_MM = 15.0  # the symbol, without its quiet zone
MODULE_MM = 0.5  # no module smaller than this


@lru_cache(maxsize=512)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The symbol's modules, row by row, True for dark (no quiet zone)."""
    import segno

    code = segno.make(url, error="m", micro=False, boost_error=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def symbol_mm(url: str) -> float:
    """The printed width of the symbol without its quiet zone, in millimetres."""
    return max(SMALLEST_MM, len(qr_matrix(url)) * MODULE_MM)


def printed_mm(url: str) -> float:
    """The printed width of the code with its quiet zone, in millimetres."""
    n = len(qr_matrix(url))
    return round(symbol_mm(url) * (n + 2 * QUIET_ZONE) / n, 2)


def _path(matrix: tuple[tuple[bool, ...], ...]) -> str:
    """One path of filled rectangles, one per run of dark modules in a row."""
    parts: list[str] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            parts.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
    return "".join(parts)


@lru_cache(maxsize=512)
def qr_svg(url: str, size_mm: float = 0.0, symbol: float = 0.0) -> str:
    """An inline SVG element for ``url``, sized in millimetres for print: its own size,
    or ``size_mm`` when that is larger (every code of a list at one size). With
    ``symbol`` (mm) the dark symbol itself is that wide, centred in the box, so every
    code of a list looks the same size and their right edges line up (QrBox)."""
    matrix = qr_matrix(url)
    n = len(matrix)
    total = n + 2 * QUIET_ZONE
    size = max(printed_mm(url), round(size_mm, 2))
    view = f"0 0 {total} {total}"
    white = f'<rect width="{total}" height="{total}" fill="#ffffff"/>'
    if symbol:
        size = max(round(size_mm, 2), round(symbol * total / n, 2))  # own quiet zone kept
        side = round(n * size / symbol, 4)  # the box in modules of this code
        pad = round((side - n) / 2 - QUIET_ZONE, 4)
        view = f"{0.0 - pad:g} {0.0 - pad:g} {side:g} {side:g}"
        white = f'<rect x="{0.0 - pad:g}" y="{0.0 - pad:g}" width="{side:g}" height="{side:g}" fill="#ffffff"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="{view}" '
        f'width="{size}mm" height="{size}mm" style="width: {size}mm; height: {size}mm" '
        f'role="img" aria-label="QR code: {escape(url)}">'
        f"<title>{escape(qr_alt(url))}</title>"  # the figure's alt text in a tagged PDF
        f"{white}"
        f'<path fill="#000000" shape-rendering="crispEdges" d="{_path(matrix)}"/></svg>'
    )


def qr_alt(url: str) -> str:
    """What a screen reader says for a code: "QR-code: example.org" (a mail address
    for a mailto: code)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"QR-code: {parts.netloc or parts.path or url}"


def short_address(url: str) -> str:
    """An address as printed under its code: no scheme, no trailing slash."""
    return re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url).rstrip("/")


_AFTER = re.compile(r"(?<=[/.\-])(?=[^/])")


def address_breaks(url: str) -> Markup:
    """``url`` as HTML that wraps only after / . or - (a <wbr> there), never mid-word."""
    return Markup("<wbr>").join(escape(p) for p in _AFTER.split(url) if p)


# A break is allowed after a run of slashes, after . - & =, and before ? and # (a query
# or fragment starts its line); never inside "//", never before a "." or "-".
_BREAK = re.compile(r"(?<=[/.\-&=])(?=[^/])|(?<=[^/?#])(?=[?#])")


def url_breaks(url: str) -> Markup:
    """``url`` as HTML that wraps only after / . - & = or before ? # (a zero-width space
    there: WeasyPrint honours it inside a link, where after a <wbr> following a "-" it
    still broke before the next "-"), never mid-word and never before a "." or "-"."""
    pieces = [p for p in _BREAK.split(url) if p]
    return Markup("\u200b").join(escape(p) for p in pieces)


class QrBox(NamedTuple):
    """One look for all the QR codes of a list: the dark symbol and the box around it."""

    symbol: float  # mm, the symbol without its quiet zone
    outside: float  # mm, with the widest quiet zone any of them needs


def common_box(urls: list[str]) -> QrBox:
    """The symbol as wide as the largest code needs, in one box with room for the
    quiet zone of the code with the fewest (so the largest) modules."""
    urls = [u for u in urls if u]
    if not urls:
        return QrBox(0.0, 0.0)
    symbol = max(symbol_mm(u) for u in urls)
    fewest = min(len(qr_matrix(u)) for u in urls)
    return QrBox(round(symbol, 2), round(symbol * (fewest + 2 * QUIET_ZONE) / fewest, 2))


def qr_markup(url: str, size: float | QrBox = 0.0) -> Markup:
    """The ``qr`` template filter: a size in mm, or a list's QrBox (``qr_size``)."""
    if isinstance(size, QrBox):
        return Markup(qr_svg(url, size.outside, size.symbol))
    return Markup(qr_svg(url, float(size)))


def qr_address(url: str) -> Markup:
    """An address printed beside its QR code (the code carries the full link): no
    scheme, the host whole on one line, the rest breaking as ``url_breaks`` does
    ("www.example.org/books/…", never "https:// / …" or "www.example. / org")."""
    short = short_address(url)
    host, slash, rest = short.partition("/")
    if not slash:
        return Markup(escape(host))
    return Markup(escape(host + "/")) + Markup("\u200b") + url_breaks(rest)
