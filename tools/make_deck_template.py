"""Make ``templates/deck.pptx``, werkvorm's default deck template, from python-pptx's own.

Run ``python tools/make_deck_template.py`` after changing the look; the result is
committed. It widens the 4:3 default to 16:9, keeps the layouts a session uses and
designs them: a title slide on a colour block, content slides with an accent rule,
section slides on a colour band, an exercise card beside the steps (sized to its text), a picture with its
caption beside it, a quote layout and a break layout. Colours are theme colours, so the
brand colours written into the theme at build time (``render/deck/brand.py``) recolour
everything:

- dark 2: titles and text in the brand's colour (a dark neutral for a pale brand);
- accent 1: bullets, rules, the card's edge (never a pale colour);
- accent 5: the brand colour as a fill (title block, section band, break slide);
- accent 6: text on that fill (white, or near-black on a pale brand colour);
- light 2: the exercise card's tint.

The theme font is Source Sans 3, the handout's typeface, so deck and print are one
family. Its PANOSE number and pitch family (a proportional sans serif) name the fallback
for a machine without it: Office takes the nearest sans serif (Calibri or Arial), and
LibreOffice its sans serif (Liberation Sans or DejaVu Sans).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches

WIDE, HIGH = 12192000, 6858000
FONT = "Source Sans 3"
FONT_PANOSE = "020B0503030403020204"  # Source Sans 3 Regular: a sans serif
FONT_PITCH = "34"  # variable pitch, Swiss (sans serif) family
THEME = {
    "dk2": "17323F",
    "lt2": "EEF1F3",
    "accent1": "1F5C73",
    "accent2": "E07A2E",
    "accent3": "5B8C5A",
    "accent4": "8A6FA8",
    "accent5": "17323F",
    "accent6": "FFFFFF",
    "hlink": "1F5C73",
    "folHlink": "5F6B73",
}
DROP = {"Comparison", "Title and Vertical Text", "Vertical Title and Text"}
QUOTE, BREAK = "werkvorm quote", "werkvorm break"
MUTED = "5F6B73"  # 5.5:1 on white: footer and slide number


def _widen(element: Any, ratio: float) -> None:
    for off in element.xpath(".//a:xfrm/a:off"):
        off.set("x", str(int(int(off.get("x")) * ratio)))
    for ext in element.xpath(".//a:xfrm/a:ext"):
        ext.set("cx", str(int(int(ext.get("cx")) * ratio)))


def _ph(layout: Any, kind: str, idx: int | None = None) -> Any:
    for ph in layout.placeholders:
        name = str(ph.placeholder_format.type).split(".")[-1].split(" ")[0]
        if name == kind and (idx is None or ph.placeholder_format.idx == idx):
            return ph
    raise KeyError(f"{layout.name}: no {kind} placeholder")


def _place(ph: Any, x: float, y: float, w: float, h: float) -> None:
    ph.left, ph.top, ph.width, ph.height = Inches(x), Inches(y), Inches(w), Inches(h)


def _style(
    ph: Any,
    *,
    size: int,
    colour: str,
    bold: bool = False,
    italic: bool = False,
    anchor: str = "t",
    bullets: bool = False,
) -> None:
    """The placeholder's own text style: size, scheme colour, anchor, bullets or not."""
    sp = ph._element
    body = sp.find(qn("p:txBody"))
    if body is None:
        body = parse_xml(f"<p:txBody {nsdecls('p', 'a')}><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>")
        sp.append(body)
    body.find(qn("a:bodyPr")).set("anchor", anchor)
    old = body.find(qn("a:lstStyle"))
    bu = "" if bullets else "<a:buNone/>"
    marl = "" if bullets else ' marL="0" indent="0"'
    style = parse_xml(
        f"<a:lstStyle {nsdecls('a')}><a:lvl1pPr{marl}>{bu}"
        f'<a:defRPr sz="{size * 100}" b="{int(bold)}" i="{int(italic)}">'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill></a:defRPr>'
        "</a:lvl1pPr></a:lstStyle>"
    )
    if old is not None:
        body.replace(old, style)
    else:
        body.insert(1, style)


def _rect(
    layout: Any, x: float, y: float, w: float, h: float, colour: str, name: str, shape: str = "rect"
) -> None:
    """A filled shape behind the placeholders of a layout."""
    tree = layout.shapes._spTree
    ids = [int(i) for i in tree.xpath("//p:cNvPr/@id")] or [1]
    sp = parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{max(ids) + 1}" name="{name}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{Inches(x)}" y="{Inches(y)}"/><a:ext cx="{Inches(w)}" cy="{Inches(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="{shape}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"
    )
    tree.insert(2, sp)  # after the group properties: drawn first, behind the text


def _card(ph: Any) -> None:
    """A placeholder drawn as a card: filled with light 2, its text padded from the edges."""
    sp_pr = ph._element.spPr
    sp_pr.append(parse_xml(f'<a:solidFill {nsdecls("a")}><a:schemeClr val="bg2"/></a:solidFill>'))
    body = ph._element.find(qn("p:txBody")).find(qn("a:bodyPr"))
    for side, inches in (("lIns", 0.25), ("rIns", 0.25), ("tIns", 0.2), ("bIns", 0.2)):
        body.set(side, str(Inches(inches)))


def _title_top(layout: Any) -> None:
    _place(_ph(layout, "TITLE"), 0.6, 0.35, 12.1, 1.05)
    _style(_ph(layout, "TITLE"), size=32, colour="tx2", bold=True, anchor="b")
    _rect(layout, 0.7, 1.5, 1.2, 0.06, "accent1", "werkvorm accent rule")  # under the 1st letter


def _master(prs: Any) -> None:
    master = prs.slide_master
    for ph in master.placeholders:
        kind = str(ph.placeholder_format.type)
        if "FOOTER" in kind:
            _place(ph, 1.45, 6.9, 7.6, 0.4)
        elif "SLIDE_NUMBER" in kind:
            _place(ph, 0.6, 6.9, 0.8, 0.4)
        elif "DATE" in kind:
            _place(ph, 9.2, 6.9, 1.0, 0.4)
    for ppr in master._element.xpath(".//p:sp[.//p:ph[@type='ftr' or @type='sldNum']]//a:lvl1pPr"):
        ppr.set("algn", "l")
        # python-pptx's "tx1 tinted 75 %" draws #8B8B8B (3.4:1 on white): a grey that
        # reads at 4.5:1 or more instead, the deck's muted text colour
        rpr = ppr.find(qn("a:defRPr"))
        for fill in rpr.findall(qn("a:solidFill")):
            rpr.remove(fill)
        rpr.insert(
            0, parse_xml(f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{MUTED}"/></a:solidFill>')
        )
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    rpr = title.find(qn("a:defRPr"))
    rpr.set("sz", "3200")
    rpr.set("b", "1")
    for fill in rpr.findall(qn("a:solidFill")):
        rpr.remove(fill)
    rpr.insert(0, parse_xml(f'<a:solidFill {nsdecls("a")}><a:schemeClr val="tx2"/></a:solidFill>'))
    body = styles.find(qn("p:bodyStyle"))
    for level, size in {"lvl1pPr": 2400, "lvl2pPr": 2000, "lvl3pPr": 1800}.items():
        node = body.find(qn(f"a:{level}"))
        node.find(qn("a:defRPr")).set("sz", str(size))
        node.insert(0, parse_xml(f'<a:buClr {nsdecls("a")}><a:schemeClr val="accent1"/></a:buClr>'))


def _theme(prs: Any) -> None:
    """Colours and fonts into the theme, as elements (never string-built XML)."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.oxml import parse_xml

    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = parse_xml(theme.blob)
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    for name, value in THEME.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        slot.append(slot.makeelement(qn("a:srgbClr"), {"val": value}))
    fonts = root.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    for kind in ("a:majorFont", "a:minorFont"):
        latin = fonts.find(f"{qn(kind)}/{qn('a:latin')}")
        latin.attrib.clear()
        latin.set("typeface", FONT)
        latin.set("panose", FONT_PANOSE)
        latin.set("pitchFamily", FONT_PITCH)
        latin.set("charset", "0")
    root.set("name", "werkvorm")
    fonts.set("name", "werkvorm")
    theme._blob = serialize_part_xml(root)


def _layouts(prs: Any) -> None:
    by = {layout.name: layout for layout in prs.slide_layouts}
    t = by["Title Slide"]
    _rect(t, 0, 0, 13.333, 4.7, "accent5", "werkvorm colour block")
    _rect(t, 0.9, 4.95, 1.2, 0.08, "accent1", "werkvorm accent rule")
    _place(_ph(t, "CENTER_TITLE"), 0.8, 1.0, 11.7, 3.4)
    _style(_ph(t, "CENTER_TITLE"), size=44, colour="accent6", bold=True, anchor="b")
    _place(_ph(t, "SUBTITLE"), 0.8, 5.15, 9.8, 1.55)
    _style(_ph(t, "SUBTITLE"), size=20, colour="tx2")

    c = by["Title and Content"]
    _title_top(c)
    _place(_ph(c, "OBJECT"), 0.6, 1.8, 12.1, 4.8)

    s = by["Section Header"]
    _rect(s, 0, 1.5, 13.333, 3.3, "accent5", "werkvorm colour band")
    _rect(s, 0, 1.5, 0.25, 3.3, "accent2", "werkvorm accent edge")
    _place(_ph(s, "TITLE"), 0.8, 1.75, 11.7, 2.8)
    _style(_ph(s, "TITLE"), size=40, colour="accent6", bold=True, anchor="b")
    _place(_ph(s, "BODY"), 0.8, 5.05, 11.7, 1.1)
    _style(_ph(s, "BODY"), size=24, colour="tx2")

    two = by["Two Content"]
    _title_top(two)
    _place(_ph(two, "OBJECT", 1), 0.6, 1.8, 7.6, 4.8)
    # The card is the side placeholder itself, filled and padded, under an accent edge:
    # each exercise slide sets its height to its text (render/deck/writer.py side_card).
    _rect(two, 8.6, 1.8, 4.1, 0.1, "accent1", "werkvorm card edge")
    card = _ph(two, "OBJECT", 2)
    _place(card, 8.6, 1.9, 4.1, 4.5)
    _style(card, size=22, colour="tx2")
    _card(card)

    _title_top(by["Title Only"])

    p = by["Picture with Caption"]
    _place(_ph(p, "PICTURE"), 0.6, 0.6, 7.7, 6.0)
    _place(_ph(p, "TITLE"), 8.7, 0.8, 4.0, 2.1)
    _style(_ph(p, "TITLE"), size=28, colour="tx2", bold=True, anchor="b")
    _rect(p, 8.8, 3.05, 0.9, 0.06, "accent1", "werkvorm accent rule")
    _place(_ph(p, "BODY"), 8.7, 3.3, 4.0, 3.0)
    _style(_ph(p, "BODY"), size=20, colour="tx1")

    q = by["Content with Caption"]
    q.name = QUOTE
    _title_top(q)  # the same title and rule as every other slide
    _rect(q, 0.9, 1.95, 0.1, 3.3, "accent1", "werkvorm quote bar")
    _place(_ph(q, "OBJECT"), 1.3, 1.8, 10.8, 3.6)
    _style(_ph(q, "OBJECT"), size=36, colour="tx2", italic=True, anchor="ctr")
    _place(_ph(q, "BODY"), 1.3, 5.5, 10.8, 0.9)
    _style(_ph(q, "BODY"), size=20, colour="tx2")

    b = by["Blank"]
    b.name = BREAK
    for ph in (_ph(s, "TITLE"), _ph(s, "BODY")):
        b.shapes._spTree.append(copy.deepcopy(ph._element))
    # A background, not a shape: the master's logo stays visible on top of it.
    bg = parse_xml(
        f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:solidFill><a:schemeClr val="accent5"/></a:solidFill>'
        "<a:effectLst/></p:bgPr></p:bg>"
    )
    b._element.find(qn("p:cSld")).insert(0, bg)
    _rect(b, 0.9, 2.35, 1.2, 0.08, "accent6", "werkvorm accent rule")
    _place(_ph(b, "TITLE"), 0.8, 0.8, 11.7, 1.4)
    _style(_ph(b, "TITLE"), size=32, colour="accent6", bold=True, anchor="b")
    _place(_ph(b, "BODY"), 0.8, 2.5, 11.7, 3.9)
    _style(_ph(b, "BODY"), size=28, colour="accent6")
    b._element.set("showMasterSp", "0")  # no logo on the full-colour slide


def make(target: Path) -> None:
    prs = Presentation()
    ratio = WIDE / prs.slide_width
    prs.slide_width, prs.slide_height = Emu(WIDE), Emu(HIGH)
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name in DROP:
            master.slide_layouts.remove(layout)
    _widen(master._element, ratio)
    for layout in master.slide_layouts:
        _widen(layout._element, ratio)
    _theme(prs)
    _master(prs)
    _layouts(prs)
    prs.core_properties.title = "werkvorm"
    prs.core_properties.author = "werkvorm"
    prs.save(str(target))


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates/deck.pptx")
    make(out)
    print(f"wrote {out}")
