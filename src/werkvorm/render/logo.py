"""Where a logo goes on the one-page documents (certificate, evaluation form, follow-up).

A logo is fitted into its box (``max_w`` by ``max_h`` mm, never above its size at 96 px
an inch, as the browser would). A tall logo (1:3) fitted to the box's height would be a
sliver a few millimetres wide, so it gets at least ``MIN_WIDTH_MM`` and the height it
needs, and the template puts it in a corner where that height fits (``tall``). A raster
logo is never printed coarser than 200 ppi: it is set smaller, and when that leaves it
under ``MIN_WIDTH_MM`` wide it is left off (``show`` false) and the document prints the
name instead, as badges do; ``check`` already warns about such a logo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from werkvorm.render.preflight import MIN_PPI

MIN_WIDTH_MM = 12.0  # narrower than this a logo is no longer recognisable
PX_MM = 25.4 / 96  # the size of a CSS pixel: an image without a set size prints at this


@dataclass(frozen=True)
class LogoBox:
    """How a logo is placed: shown or not, tall (in a corner) or not, its size in mm
    (0 for an SVG, which CSS sizes within the box)."""

    show: bool
    tall: bool = False
    width: float = 0.0
    height: float = 0.0

    @property
    def style(self) -> str:
        """The inline CSS that fixes its size (empty for an SVG)."""
        if not self.width:
            return ""
        return (
            f"width: {self.width:.2f}mm; height: {self.height:.2f}mm; "
            "max-width: none; max-height: none"
        )


@lru_cache(maxsize=64)
def _pixels(path: str) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return (0, 0)


def logo_box(path: str, max_w: float, max_h: float) -> LogoBox:
    """The placement of the logo at ``path`` in a box of ``max_w`` by ``max_h`` mm."""
    if not path:
        return LogoBox(show=False)
    width_px, height_px = (0, 0) if path.lower().endswith(".svg") else _pixels(path)
    if not width_px or not height_px:  # an SVG, or a file WeasyPrint reports itself
        return LogoBox(show=True)
    scale = min(PX_MM, max_w / width_px, max_h / height_px)  # mm a pixel
    scale = min(max(scale, MIN_WIDTH_MM / width_px), 25.4 / MIN_PPI)  # never under 200 ppi
    width, height = width_px * scale, height_px * scale
    if width < MIN_WIDTH_MM - 0.01:
        return LogoBox(show=False)
    tall = height > max_h + 0.01  # taller than its box: the template puts it in a corner
    return LogoBox(show=True, tall=tall, width=round(width, 2), height=round(height, 2))


def left_off(path: str, max_w: float, max_h: float, document: str) -> str | None:
    """The build's warning when the logo at ``path`` is left off a ``max_w`` by ``max_h``
    mm box for being too coarse (as the preflight words a soft image), else None."""
    if not path or logo_box(path, max_w, max_h).show:
        return None
    width_px, height_px = _pixels(path)
    if not width_px:
        return None
    scale = min(PX_MM, max_w / width_px, max_h / height_px)
    need = math.ceil(max(width_px * scale, MIN_WIDTH_MM) / 25.4 * 300 / 100) * 100
    return (
        f"{document}, page 1: the logo is {width_px}×{height_px} px and prints at "
        f"{25.4 / scale:.0f} ppi (soft on paper), so the client's name is printed in its "
        f"place; ask for one at least {need} px wide, or an SVG"
    )
