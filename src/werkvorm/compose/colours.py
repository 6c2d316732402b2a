"""Colour arithmetic for branding: WCAG contrast, and a darker shade that is readable."""

from __future__ import annotations

WERKVORM_PRIMARY = "#1f5c73"
WERKVORM_ACCENT = "#e07a2e"
MIN_TEXT_CONTRAST = 4.5


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = "#ffffff") -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on_white(hex_colour: str, minimum: float = MIN_TEXT_CONTRAST) -> str:
    """The colour itself when it reads on white, else the lightest darker shade that does."""
    if contrast(hex_colour) >= minimum:
        return hex_colour
    r, g, b = _rgb(hex_colour)
    for step in range(1, 101):
        f = 1 - step / 100
        shade = f"#{int(r * f):02x}{int(g * f):02x}{int(b * f):02x}"
        if contrast(shade) >= minimum:
            return shade
    return "#000000"


def tint(hex_colour: str, amount: float) -> str:
    """Mix with white: 0 is the colour, 1 is white (for backgrounds and rules)."""
    r, g, b = _rgb(hex_colour)
    return "#{:02x}{:02x}{:02x}".format(*(round(c + (255 - c) * amount) for c in (r, g, b)))
