"""Print preflight: after WeasyPrint has laid out a document, check our own boxes.

Four things a trainer would only see on paper: text that runs past its box or off the
page, positioned boxes (cover, certificate) that collide, a name cut by the box reserved
for it (elements marked ``pf-fit``), and letters drawn as empty boxes (no font has them).
Each finding names the document and the page. Walking the boxes of one laid-out
document costs a few milliseconds; nothing is laid out twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from werkvorm.render import fonts

SLACK = 1.0  # points a box may be exceeded by (rounding, italic overhang)


# WeasyPrint's box classes by name: only render/pdf.py imports weasyprint itself.
def _is_text(box: Any) -> bool:
    return type(box).__name__ == "TextBox"


def _is_line(box: Any) -> bool:
    return type(box).__name__ == "LineBox"


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", "") in ("", None):
        return set()
    return set((element.get("class") or "").split())


def _texts(box: Any) -> Iterator[Any]:
    for child in box.descendants():
        if _is_text(child) and child.text.strip():
            yield child


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _rect(box: Any) -> tuple[float, float, float, float]:
    return (box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height())


def _text_rect(text: Any) -> tuple[float, float, float, float]:
    return (text.position_x, text.position_y, text.width, text.height)


def _outside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x < ox - SLACK or y < oy - SLACK or x + w > ox + ow + SLACK or y + h > oy + oh + SLACK


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return (
        min(ax + aw, bx + bw) - max(ax, bx) > SLACK and min(ay + ah, by + bh) - max(ay, by) > SLACK
    )


def _page_findings(page_box: Any, chars: dict[str, str]) -> Iterator[str]:
    page_rect = (0.0, 0.0, page_box.margin_width(), page_box.margin_height())
    positioned: list[tuple[Any, tuple[float, ...]]] = []
    seen = set(chars)
    for box in page_box.descendants():
        if _is_text(box):
            if box.text.strip() and _outside(_text_rect(box), page_rect):
                yield f"text runs off the page: {_snippet(box.text)}"
            for char in box.text:
                if not char.isspace() and char not in chars and not fonts.bundled_covers(char):
                    chars[char] = box.text
            continue
        if _is_line(box) and box.children:
            yield from _line_overflow(box)
            continue
        if "pf-fit" in _classes(box) and any(
            _outside(_text_rect(t), _rect(box)) for t in _texts(box)
        ):
            whole = " ".join(t.text for t in _texts(box))
            yield f"a name does not fit the space for it: {_snippet(whole)}"
        if box.is_absolutely_positioned() and any(True for _ in _texts(box)):
            positioned.append((box, _rect(box)))
    for n, (a, rect_a) in enumerate(positioned):
        for b, rect_b in positioned[n + 1 :]:
            if _overlap(rect_a, rect_b) and not _nested(a, b):
                text = next(_texts(b))
                yield f"text printed over other text: {_snippet(text.text)}"
    for char, text in chars.items():
        if char not in seen and fonts.unprintable(char):
            yield (
                f"{_snippet(text)} prints '{char}' as an empty box: no installed font has it "
                f"(apt install {fonts.package_for([char])})"
            )


def _nested(a: Any, b: Any) -> bool:
    return any(d is b for d in a.descendants()) or any(d is a for d in b.descendants())


def _line_overflow(line: Any) -> Iterator[str]:
    """Text of one line that runs past the right edge of the line's box."""
    right = line.position_x + line.width
    for child in line.children:
        if (
            _is_text(child)
            and child.text.strip()
            and child.position_x + child.width > right + SLACK
            and not _nowrap_cell(child)
        ):
            yield f"text runs past its box: {_snippet(child.text)}"
            return


def _nowrap_cell(text: Any) -> bool:
    """Deliberately unbroken text (times, minutes) widens its table cell, never clips."""
    return bool(text.style["white_space"] in ("nowrap", "pre"))


MIN_PPI = 200  # a raster logo or picture printed coarser than this looks soft on paper


def _low_resolution(page_box: Any) -> Iterator[str]:
    """Raster images printed under ``MIN_PPI``: their pixels and what to ask for."""
    for box in page_box.descendants():
        image: Any = getattr(box, "replacement", None)
        pixels = getattr(image, "width", 0)
        if not pixels or type(image).__name__ != "RasterImage" or box.width <= 0:
            continue
        ppi = pixels / (box.width / 96)  # box widths are CSS px, 96 to the inch
        if ppi < MIN_PPI:
            need = math.ceil(box.width / 96 * 300 / 100) * 100
            what = "the logo" if "logo" in " ".join(_classes(box)) else "an image"
            yield (
                f"{what} is {pixels}×{image.height} px and prints at {ppi:.0f} ppi (soft on "
                f"paper); ask for one at least {need} px wide, or an SVG"
            )


def preflight(document: Any, name: str) -> list[str]:
    """Check-style warnings for a laid-out WeasyPrint document: '<name>, page N: ...'."""
    found: list[str] = []
    chars: dict[str, str] = {}  # letters outside the bundled font, each reported once
    for number, page in enumerate(document.pages, 1):
        for message in dict.fromkeys(_page_findings(page._page_box, chars)):
            found.append(f"{name}, page {number}: {message}")
        for message in dict.fromkeys(_low_resolution(page._page_box)):
            if not any(f.endswith(message) for f in found):  # once a document
                found.append(f"{name}, page {number}: {message}")
    return found
