"""werkvorm: YAML workshop → load (positions kept) → validate (pydantic) → compose (a
Session for one client) → render (Jinja2 → HTML → WeasyPrint PDF; python-pptx deck) →
write (atomic, with a manifest).

The public API is small; everything the CLI does is callable from here.
"""

from __future__ import annotations

__version__ = "0.1.0"

from werkvorm.errors import InputError, Problem, WerkvormError

__all__ = ["InputError", "Problem", "WerkvormError", "__version__"]
