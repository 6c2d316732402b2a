"""Measuring a built PDF as a reader sees it (pypdfium2): the text of each page, the
size and colour of each glyph, how far down a page is filled, and the contrast of a
glyph against what is printed under it. Used by tests/test_print_layout.py."""

from __future__ import annotations

import ctypes
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from werkvorm.compose.colours import contrast

MM = 72 / 25.4
MARKERS = "•◦▪■□☐○●–—·"  # list markers and rules: graphics, 3:1 (WCAG 1.4.11)


@dataclass(frozen=True)
class Glyph:
    char: str
    size: float  # pt (as WeasyPrint set it)
    box: tuple[float, float, float, float]  # left, bottom, right, top (pt)
    colour: str  # #rrggbb
    origin: tuple[float, float]  # on the baseline (pt)


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(str(path))


def page_texts(path: Path) -> list[str]:
    pdf = open_pdf(path)
    return [page.get_textpage().get_text_range() for page in pdf]


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    pdf = open_pdf(path)
    return [(round(p.get_width() / MM), round(p.get_height() / MM)) for p in pdf]


def glyphs(page: pypdfium2.PdfPage) -> list[Glyph]:
    text = page.get_textpage()
    out: list[Glyph] = []
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        # WeasyPrint sets text in CSS px under a 0.75 matrix: pdfium reports px.
        size = pdfium_c.FPDFText_GetFontSize(text.raw, i) * 0.75
        pdfium_c.FPDFText_GetFillColor(text.raw, i, r, g, b, a)
        colour = f"#{r.value:02x}{g.value:02x}{b.value:02x}"
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
        out.append(Glyph(char, round(size, 1), text.get_charbox(i), colour, (x.value, y.value)))
    return out


def font_name(text: pypdfium2.PdfTextPage, index: int) -> str:
    """The font of one character, e.g. "Source-Sans-3-Bold" (subset prefix dropped)."""
    buffer = ctypes.create_string_buffer(200)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(text.raw, index, buffer, 200, flags)
    return buffer.value.decode("latin-1").split("+")[-1]


def render(page: pypdfium2.PdfPage, dpi: float = 50) -> object:
    return page.render(scale=dpi / 72).to_pil().convert("RGB")


def fill(page: pypdfium2.PdfPage, top_mm: float, bottom_mm: float) -> float:
    """How far down the text area (between the margins) ink reaches, 0..1."""
    image = render(page, 100)  # a 0.5 pt writing line must show
    width, height = image.size  # type: ignore[attr-defined]
    per_mm = height / (page.get_height() / MM)
    top, bottom = int(top_mm * per_mm), int(height - bottom_mm * per_mm)
    gray = image.crop((0, top, width, bottom)).convert("L")  # type: ignore[attr-defined]
    box = gray.point(lambda v: 255 if v < 245 else 0).getbbox()
    return 0.0 if box is None else box[3] / (bottom - top)


def background_under(image: object, page_height: float, box: tuple[float, ...], dpi: float) -> str:
    """The most common colour on the edge of a glyph's box, one pixel out: the ground the
    glyph stands on (inside the box the glyph's own ink and its antialiasing would count)."""
    s = dpi / 72
    left, bottom, right, top = box
    x0, y0 = int(left * s) - 1, int((page_height - top) * s) - 1
    x1, y1 = int(right * s) + 1, int((page_height - bottom) * s) + 1
    pixel = image.getpixel  # type: ignore[attr-defined]
    w, h = image.size  # type: ignore[attr-defined]
    ring = [(x, y) for x in range(x0, x1 + 1) for y in (y0, y1)]
    ring += [(x, y) for y in range(y0, y1 + 1) for x in (x0, x1)]
    counts = Counter(pixel((x, y)) for x, y in ring if 0 <= x < w and 0 <= y < h)
    (rgb, _), *_ = counts.most_common(1)
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def low_contrast(path: Path, dpi: float = 100) -> list[str]:
    """Every glyph whose contrast against the ground under it is under 4.5:1 (3:1 from
    18 pt), as "page N 'x' #colour on #ground 2.1:1" (glyphs the colour of their ground
    are skipped: they are a hidden text layer, not print)."""
    low: list[str] = []
    for n, page in enumerate(open_pdf(path)):
        image = render(page, dpi)
        height = page.get_height()
        for glyph in glyphs(page):
            ground = background_under(image, height, glyph.box, dpi)
            if ground == glyph.colour:
                continue
            ratio = contrast(glyph.colour, ground)
            graphic = not glyph.char.isalnum() and glyph.char in MARKERS
            if ratio < (3.0 if glyph.size >= 18 or graphic else 4.5):
                low.append(f"page {n + 1} {glyph.char!r} {glyph.colour} on {ground} {ratio:.1f}:1")
    return low
