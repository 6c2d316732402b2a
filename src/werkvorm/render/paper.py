"""Paper sizes, defined once: the templates and the CSS get every measure from here.

The handout's margins are mirrored for binding (``inner`` towards the spine); covers,
name stamps, booklets and the preflight all read the same numbers, so a stamped name
lands exactly on the line the handout drew for it.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Paper:
    key: str  # a4 | a5 | letter
    css: str  # the CSS page size keyword
    width: float  # mm, portrait
    height: float
    # Handout page margins (mm): top, outer, bottom, inner.
    top: float
    outer: float
    bottom: float
    inner: float
    keep_third: float  # a block starts on a new page below this much room
    notes_lines: int  # ruled lines on the notes page
    running_chars: int  # characters the running title may take before it is shortened
    # The certificate: landscape, on the same sheet as the handout (A5 kits: A4).
    certificate: str
    certificate_height: float

    @property
    def measure(self) -> float:
        """The handout's text width in millimetres."""
        return self.width - self.inner - self.outer

    def css_vars(self) -> str:
        return (
            f"--page-width: {self.width}mm; --page-height: {self.height}mm;"
            f" --m-top: {self.top}mm; --m-outer: {self.outer}mm;"
            f" --m-bottom: {self.bottom}mm; --m-inner: {self.inner}mm;"
            f" --keep-third: {self.keep_third}mm;"
        )


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", "A4", 210, 297, 22, 18, 22, 25, 85, 22, 70, "A4", 210),
    "a5": Paper("a5", "A5", 148, 210, 17, 13, 17, 17, 55, 13, 38, "A4", 210),
    "letter": Paper("letter", "letter", 215.9, 279.4, 20, 18, 20, 25, 80, 20, 72, "letter", 215.9),
}


def paper(key: str) -> Paper:
    return PAPERS.get(key, PAPERS["a4"])
