"""Make ``templates/deck.pptx``, the default deck template, from python-pptx's own.

Run ``python tools/make_deck_template.py`` after changing the look; the result
is committed. It widens the 4:3 default to 16:9, sets the werkvorm theme colours and
fonts, left-aligns titles and sets the type scale (titles 32 pt, body 24/20 pt).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

WIDE, HIGH = 12192000, 6858000
THEME = {
    "dk2": "17323F",
    "lt2": "EEF1F3",
    "accent1": "1F5C73",
    "accent2": "E07A2E",
    "accent3": "5B8C5A",
    "accent4": "8A6FA8",
    "accent5": "3A9BB8",
    "accent6": "C9A227",
    "hlink": "1F5C73",
    "folHlink": "5F6B73",
}
FONT = "Source Sans 3"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}


def _widen(element: object, ratio: float) -> None:
    for off in element.xpath(".//a:xfrm/a:off"):  # type: ignore[attr-defined]
        off.set("x", str(int(int(off.get("x")) * ratio)))
    for ext in element.xpath(".//a:xfrm/a:ext"):  # type: ignore[attr-defined]
        ext.set("cx", str(int(int(ext.get("cx")) * ratio)))


def make(target: Path) -> None:
    prs = Presentation()
    ratio = WIDE / prs.slide_width
    prs.slide_width, prs.slide_height = Emu(WIDE), Emu(HIGH)
    master = prs.slide_master
    _widen(master._element, ratio)
    for layout in master.slide_layouts:
        _widen(layout._element, ratio)
    for element in [master._element, *(layout._element for layout in master.slide_layouts)]:
        # Wider footers (the client's name and the workshop title fit on one line) and
        # left-aligned subtitles, matching the left-aligned titles.
        for sp in element.xpath(".//p:sp[.//p:ph[@type='ftr']]"):
            for off in sp.xpath(".//a:xfrm/a:off"):
                off.set("x", str(int(WIDE * 0.2)))
            for ext in sp.xpath(".//a:xfrm/a:ext"):
                ext.set("cx", str(int(WIDE * 0.6)))
        titles = element.xpath(".//p:sp[.//p:ph[@type='ctrTitle']]//a:xfrm")
        for xfrm in element.xpath(".//p:sp[.//p:ph[@type='subTitle']]//a:xfrm"):
            if titles:
                xfrm.off.set("x", titles[0].off.get("x"))
                xfrm.ext.set("cx", titles[0].ext.get("cx"))
        for ppr in element.xpath(".//p:sp[.//p:ph[@type='subTitle']]//a:lvl1pPr"):
            ppr.set("algn", "l")
            ppr.set("marL", "0")
            ppr.set("indent", "0")
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    for name, rgb in THEME.items():
        xml = re.sub(
            rf"<a:{name}>.*?</a:{name}>", f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>', xml
        )
    xml = xml.replace('<a:latin typeface="Calibri"/>', f'<a:latin typeface="{FONT}"/>')
    xml = xml.replace('name="Office Theme"', 'name="werkvorm"')
    theme._blob = xml.encode("utf-8")
    styles = master._element.find("p:txStyles", NS)
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    title.find("a:defRPr", NS).set("sz", "3200")
    title.find("a:defRPr", NS).set("b", "1")
    sizes = {
        "lvl1pPr": "2400",
        "lvl2pPr": "2000",
        "lvl3pPr": "1800",
        "lvl4pPr": "1800",
        "lvl5pPr": "1800",
    }
    for level, size in sizes.items():
        node = styles.find(f"p:bodyStyle/a:{level}/a:defRPr", NS)
        if node is not None:
            node.set("sz", size)
    # Title colour: the theme's dark 2 (werkvorm's deep blue-grey).
    for rpr in title.findall("a:defRPr", NS):
        for fill in rpr.findall("a:solidFill", NS):
            rpr.remove(fill)
        fill = rpr.makeelement(f"{{{NS['a']}}}solidFill", {})
        fill.append(fill.makeelement(f"{{{NS['a']}}}schemeClr", {"val": "tx2"}))
        rpr.insert(0, fill)
    prs.core_properties.title = "werkvorm"
    prs.core_properties.author = "werkvorm"
    prs.save(str(target))


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates/deck.pptx")
    make(out)
    print(f"wrote {out}")
