"""Draws the logos of the three newer example clients and writes the .xlsx participant list.

Run from the repository root with the project's venv (Pillow comes with WeasyPrint,
openpyxl is a dev dependency):

    .venv/bin/python docs/content/make_example_clients.py

Every organisation, person and address is made up. The logos are drawn here from simple
shapes and set in Source Sans 3 (SIL Open Font License, bundled in templates/fonts/); they
are released with the examples under the project's licence.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "workshops" / "clients"
FONTS = ROOT / "templates" / "fonts"
W, H = 900, 300


def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"SourceSans3_{weight}.ttf"), size)


def canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    im = Image.new("RGBA", (W, H), (255, 255, 255, 0))
    return im, ImageDraw.Draw(im)


def harbourside() -> Image.Image:
    navy, teal = (11, 60, 93), (31, 122, 140)
    im, d = canvas()
    # A roof over three waves.
    d.line([(40, 130), (140, 50), (240, 130)], fill=navy, width=22, joint="curve")
    for i, y in enumerate((165, 205, 245)):
        colour = teal if i % 2 == 0 else navy
        for x in range(40, 240, 50):
            d.arc([x, y - 18, x + 50, y + 18], 200, 340, fill=colour, width=12)
    d.text((285, 62), "Harbourside", font=font("700Bold", 96), fill=navy)
    d.text((290, 175), "Housing Trust", font=font("400Regular", 64), fill=teal)
    return im


def lage_weiden() -> Image.Image:
    green, blue = (27, 94, 32), (2, 119, 189)
    im, d = canvas()
    # A dike between meadow and water.
    d.polygon([(30, 170), (120, 90), (180, 90), (270, 170)], fill=green)
    for y in (200, 235, 270):
        d.line([(30, y), (270, y)], fill=blue, width=14)
    d.text((305, 70), "Waterschap", font=font("400Regular", 60), fill=blue)
    d.text((300, 140), "De Lage Weiden", font=font("700Bold", 76), fill=green)
    return im


def amberhof() -> Image.Image:
    plum, amber = (91, 44, 111), (180, 83, 9)
    im, d = canvas()
    # A courtyard (hof) with an amber sun in it.
    d.rounded_rectangle([40, 50, 250, 260], radius=28, outline=plum, width=20)
    d.ellipse([95, 105, 195, 205], fill=amber)
    d.text((290, 70), "Zorggroep", font=font("400Regular", 60), fill=amber)
    d.text((285, 135), "Amberhof", font=font("700Bold", 104), fill=plum)
    return im


def participants_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Deelnemers"
    ws.append(["voornaam", "tussenvoegsel", "achternaam", "organisatie"])
    rows = [
        ("Ilse", "van der", "Meulen", "Zorggroep Amberhof, locatie De Linde"),
        ("Mohamed", "", "El Amrani", "Zorggroep Amberhof, locatie De Linde"),
        ("Joke", "de", "Boer", "Zorggroep Amberhof, thuiszorg"),
        ("Ruud", "", "Hendriks", "Zorggroep Amberhof, thuiszorg"),
        ("Fatma", "", "Yıldız", "Zorggroep Amberhof, HR"),
        ("Pieter-Jan", "van", "Os", "Zorggroep Amberhof, HR"),
        ("Marieke", "", "Timmermans", "Zorggroep Amberhof, locatie Het Hof"),
        ("Bram", "ter", "Horst", "Zorggroep Amberhof, locatie Het Hof"),
        ("Lieke", "", "Smulders", "Zorggroep Amberhof, communicatie"),
        ("Anouar", "", "Benali", "Zorggroep Amberhof, facilitair"),
    ]
    for row in rows:
        ws.append(list(row))
    for col, width in zip("ABCD", (14, 14, 16, 40), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


def main() -> None:
    harbourside().save(CLIENTS / "harbourside-logo.png", optimize=True)
    lage_weiden().save(CLIENTS / "lageweiden-logo.png", optimize=True)
    amberhof().save(CLIENTS / "amberhof-logo.png", optimize=True)
    participants_xlsx(CLIENTS / "amberhof-deelnemers.xlsx")


if __name__ == "__main__":
    main()
