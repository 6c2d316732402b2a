"""Safe names: block ids and output folder and file names made from trainers' text.

python-slugify transliterates every script (``Þór`` → ``thor``, ``李小龙`` →
``li-xiao-long``), so a participant's file keeps a readable name; the few lines below
add what a file name on Windows also needs: never empty, never reserved, never long.
"""

from __future__ import annotations

import re

from slugify import slugify as _transliterate

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
MAX_SLUG = 60


def slugify(text: str, *, fallback: str = "item") -> str:
    """Lower-case ASCII letters, digits and single hyphens; never empty, reserved or long."""
    slug = _transliterate(text or "", lowercase=True, separator="-")
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug or slug in _RESERVED:
        slug = f"{fallback}-{slug}" if slug else fallback
    return slug
