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


def handout_texts(tmp_path: Path, workshop: str, paper: str) -> list[str]:
    """The page texts of a repository workshop's handout on ``paper``."""
    from tests.conftest import REPO
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render.documents import render_document

    project = Project(REPO)
    inputs = load_inputs(project, "workshop", REPO / "workshops" / f"{workshop}.yaml")
    s = compose(inputs.workshop, inputs.client).model_copy(update={"paper": paper})
    data = render_document("handout.html.j2", s, document="handout.pdf")
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    return [page.get_textpage().get_text_range() for page in pdf]


def client_handout_texts(tmp_path: Path, client: str) -> list[str]:
    """The page texts of a repository client's handout."""
    from tests.conftest import REPO
    from werkvorm.compose import compose
    from werkvorm.kits.build import load_inputs
    from werkvorm.project.folder import Project
    from werkvorm.render.documents import render_document

    project = Project(REPO)
    inputs = load_inputs(project, "client", project.clients_dir / f"{client}.yaml")
    s = compose(inputs.workshop, inputs.client)
    data = render_document("handout.html.j2", s, document="handout.pdf")
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    return [page.get_textpage().get_text_range() for page in pdf]
