"""Awkward inputs for the print layout suite (tests/test_print_layout.py): one English
workshop with a 150-character title and a 20-item checklist with 12 questions, and
clients that do not fit the defaults: a pale yellow Dutch client on A5 with a booklet
and table tents (a 70-character name, 李小龙, an Arabic name), a near-black client on
Letter with a tall logo, and a client with a 90×30 px logo."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw

from tests.conftest import REPO

TITLE = (
    "Twelve rules for saying no to a board without losing your job, your credibility, "
    "or your weekend: a practical workshop for middle managers in local government"
)[:150]
LONG_NAME = "Maximiliaan Alexander Christoffel van der Wateringen-Oppenheimer de Jong"
NAMES = [
    (LONG_NAME, "Gemeente Geelstad"),
    ("李小龙", "Gemeente Geelstad"),
    ("محمد بن سلمان", "Gemeente Geelstad"),
    ("Ólafur Þórðarson", "Gemeente Geelstad, afdeling Vergunningen en Handhaving"),
    ("Anna van der Berg", "Gemeente Geelstad"),
    ("Joke de Boer", "Gemeente Geelstad"),
    ("Ilse van der Meulen", "Zorggroep Amberhof, locatie De Linde"),
    ("Mohamed El Amrani", "Gemeente Geelstad"),
    ("Jan ter Horst", "Gemeente Geelstad"),
]
SORTED = [
    "Anna van der Berg",
    "Joke de Boer",
    "Mohamed El Amrani",
    "Jan ter Horst",
    "Ilse van der Meulen",
]
DIRECTIONS = (
    "Stadskantoor Geelstad, zaal 4.12 (ingang Marktzijde, vierde verdieping, na de receptie links)"
)


def _slides() -> str:
    return "".join(
        f"""
      - title: Slide {n}
        bullets:
          - This is a longish bullet that takes two lines on the slide at the normal size
          - A second bullet about what they may promise without asking anyone else
        notes: Ask the group for an example from last month (slide {n})."""
        for n in range(1, 4)
    )


def _worksheet() -> str:
    items = "".join(
        f'\n            - "Item {i}: something longer that wraps onto a second line in a narrow column"'
        if i % 4 == 0
        else f"\n            - Item {i}"
        for i in range(1, 21)
    )
    questions = "".join(
        f'\n        - question: "Question {i}: what would you say to a colleague who asks why this matters?"\n          lines: 3'
        for i in range(1, 13)
    )
    return f"""
        - checklist:{items}
        - table:
            columns: [One, Two, Three, Four, Five]
            rows: 8{questions}
        - scale: I know what to say.
          min: 1
          max: 5
          labels: [not at all, completely]"""


WORKSHOP = f"""\
title: "{TITLE}"
language: en
duration: 3h
summary: A workshop with awkward inputs to test the layout.
goals: [Say no clearly., Keep the relationship.]
materials: [projector, flip chart, sticky notes and markers, sticky notes, markers]
sources:
  - author: Roger Fisher
    title: Getting to yes
    url: https://www.example.org/books/getting-to-yes-negotiating-agreement-without-giving-in-2014-edition.html
  - author: William Ury
    title: The power of a positive no
    url: https://example.com/no
agenda:
  - title: Opening
    minutes: 20
    intro: We start with you.
    facilitator: Welcome everyone.
  - title: The big worksheet
    minutes: 60
    format: individual
    intro: Work through the big worksheet on your own.
    facilitator: Let them work. Walk around.
    materials: [phones or laptops with wifi, markers]
    slides:{_slides()}
    exercise:
      title: The big worksheet
      instructions: Fill in the whole worksheet on your own.
      group_size: 1
      worksheet:{_worksheet()}
  - break: 15
    title: Coffee
  - title: Practice in pairs
    minutes: 55
    format: pairs
    intro: Practise saying no.
    facilitator: Pairs.
    exercise:
      title: Say no
      instructions: Take turns.
      group_size: 2
      worksheet:
        - question: What did you say?
          lines: 6
        - question: What happened?
          lines: 6
  - title: Closing
    minutes: 30
    intro: What do you take home?
    facilitator: Round.
takeaways: [Say no early., Say why., Offer an alternative.]
"""

CLIENTS = {
    "geelstad": f"""\
name: Gemeente Geelstad
workshop: edge-en
language: nl
logo: wide-logo.png
colors: {{primary: "#fff59d", accent: "#ffe082"}}
paper: a5
booklet: true
badges: tents
session:
  date: 2027-06-03
  start: "09:00"
  location: {DIRECTIONS}
  facilitator: Ruth Okafor
participants: names.csv
""",
    "zwartwater": """\
name: Zwartwater
workshop: edge-en
language: en
logo: tall-logo.png
colors: {primary: "#111111", accent: "#333333"}
paper: letter
badges: badges
session:
  date: 2027-06-10
  start: "09:00"
  location: Zwartwater Offices, Quay Street, Room 2
  facilitator: Ruth Okafor
participants: names.csv
""",
    "mecanon": """\
name: Mecanon
workshop: spagaat
language: nl
logo: lowres-logo.png
paper: a4
participants: amberhof-deelnemers.xlsx
session:
  date: 2027-06-10
  start: "09:00"
  location: Mecanon, zaal 1
""",
}


def _logos(folder: Path) -> None:
    small = Image.new("RGB", (90, 30), "#0057b8")
    ImageDraw.Draw(small).text((5, 8), "MECA", fill="white")
    small.save(folder / "lowres-logo.png")
    tall = Image.new("RGB", (300, 900), "#111111")
    ImageDraw.Draw(tall).text((100, 400), "ZW", fill="white")
    tall.save(folder / "tall-logo.png")
    wide = Image.new("RGB", (1600, 200), "#fbc02d")
    ImageDraw.Draw(wide).text((50, 80), "GEELSTAD", fill="black")
    wide.save(folder / "wide-logo.png")


def make_project(root: Path) -> Path:
    """The scratch project under ``root``: the repository's workshops plus the above."""
    shutil.copytree(REPO / "workshops", root / "workshops")
    (root / "output").mkdir()
    (root / "werkvorm.yaml").write_text(
        "trainer: {name: Ruth Okafor, organisation: Okafor Training, email: ruth@okafor.example}\n",
        encoding="utf-8",
    )
    (root / "workshops" / "edge-en.yaml").write_text(WORKSHOP, encoding="utf-8")
    clients = root / "workshops" / "clients"
    _logos(clients)
    rows = "".join(f"{name};{org};\n" for name, org in NAMES)
    (clients / "names.csv").write_text("naam;organisatie;e-mail\n" + rows, encoding="utf-8")
    for stem, text in CLIENTS.items():
        (clients / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return root
