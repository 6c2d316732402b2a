"""Make ``tests/fixtures/huisstijl-4x3-nl.potx``: a 4:3 client template as Dutch
PowerPoint installs save it, for the deck tests.

Dutch layout names (Titeldia, Titel en object, Sectiekop, ...), a narrow 3.2-inch footer
without a font size of its own, a serif theme font werkvorm has no metrics for, no logo,
and one sample slide that must never reach a deck. Saved with the template content type.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

NAMES = {
    "Title Slide": "Titeldia",
    "Title and Content": "Titel en object",
    "Section Header": "Sectiekop",
    "Two Content": "Twee objecten",
    "Comparison": "Vergelijking",
    "Title Only": "Alleen titel",
    "Blank": "Leeg",
    "Content with Caption": "Inhoud met bijschrift",
    "Picture with Caption": "Afbeelding met bijschrift",
    "Title and Vertical Text": "Titel en verticale tekst",
    "Vertical Title and Text": "Verticale titel en tekst",
}


def make(target: Path) -> None:
    prs = Presentation()  # 4:3
    master = prs.slide_master
    for layout in master.slide_layouts:
        layout.name = NAMES.get(layout.name, layout.name)
    for ph in [
        *master.placeholders,
        *(p for lay in master.slide_layouts for p in lay.placeholders),
    ]:
        if "FOOTER" in str(ph.placeholder_format.type):
            ph.left, ph.top = Inches(3.4), Inches(6.95)
            ph.width, ph.height = Inches(3.2), Inches(0.4)
    theme = master.part.part_related_by(RT.THEME)
    xml = re.sub(
        r'<a:latin typeface="[^"]*"/>', '<a:latin typeface="Georgia"/>', theme.blob.decode()
    )
    theme._blob = xml.encode()
    sample = prs.slides.add_slide(master.slide_layouts[1])
    sample.shapes.title.text = "VOORBEELDDIA - NIET IN DE DECK"
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for m in zin.infolist():
            data = zin.read(m.filename)
            if m.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            zout.writestr(zipfile.ZipInfo(m.filename, (2000, 1, 1, 0, 0, 0)), data)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/fixtures/huisstijl-4x3-nl.potx")
    make(out)
    print(f"wrote {out}")
