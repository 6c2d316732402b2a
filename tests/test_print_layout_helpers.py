"""Small documents for the print layout suite, rendered from a Session directly."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2

from tests.test_outputs import session
from werkvorm.compose.session import SessionParticipant
from werkvorm.render.personal import signin_pdf


def sign_in_with(tmp_path: Path, count: int, paper: str = "a5") -> list[str]:
    """The sign-in sheet's page texts for ``count`` participants (long organisations)."""
    people = [
        SessionParticipant(
            name=f"Deelnemer {n:02d} van der Achternaam",
            organisation="Zorggroep Amberhof, locatie De Linde",
            slug=f"d{n}",
        )
        for n in range(1, count + 1)
    ]
    pdf = pypdfium2.PdfDocument(io.BytesIO(signin_pdf(session(participants=people, paper=paper))))
    return [page.get_textpage().get_text_range() for page in pdf]
