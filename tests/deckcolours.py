"""The colour of every text run on a slide and of what lies behind it (test helper only).

A run's colour is looked up as PowerPoint does: the run, the shape's list style, the
layout's and the master's placeholder of the same kind, the master's text styles, and
the theme. What lies behind the text is the shape's own fill, else the topmost filled
shape of the layout or master under the text's centre, else the slide's, layout's or
master's background, else white.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


def theme(master: Any) -> dict[str, str]:
    root = parse_xml(master.part.part_related_by(RT.THEME).blob)
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    out: dict[str, str] = {}
    for slot in scheme:
        colour = slot[0]
        value = colour.get("lastClr") if colour.tag == qn("a:sysClr") else colour.get("val")
        out[slot.tag.split("}")[1]] = str(value).upper()
    return out


def _modify(hex_colour: str, colour: Any) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    for mod in colour:
        val = int(mod.get("val", "100000")) / 100000
        if mod.tag == qn("a:lumMod"):
            lum *= val
        elif mod.tag == qn("a:lumOff"):
            lum += val
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, lum), s)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def colour(fill: Any, slots: dict[str, str]) -> str | None:
    """The hex colour of a solidFill (or a colour element), or None."""
    if fill is None:
        return None
    node = fill[0] if fill.tag == qn("a:solidFill") and len(fill) else fill
    if node.tag == qn("a:srgbClr"):
        base = str(node.get("val")).upper()
    elif node.tag == qn("a:schemeClr"):
        name = str(node.get("val"))
        base = slots.get(ALIASES.get(name, name), "000000")
    elif node.tag == qn("a:sysClr"):
        base = str(node.get("lastClr", "000000")).upper()
    else:
        return None
    return _modify(base, node)


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ph_key(shape: Any) -> str:
    ph = shape._element.ph
    return ph.get("type", "body") if ph is not None else ""


def _same_ph(owner: Any, shape: Any) -> Any:
    key = _ph_key(shape)
    idx = shape._element.ph.get("idx") if shape._element.ph is not None else None
    for other in owner.placeholders:
        if _ph_key(other) == key and (key != "body" or other._element.ph.get("idx") == idx):
            return other
    for other in owner.placeholders:
        if _ph_key(other) == key or (key in ("obj", "body") and _ph_key(other) in ("obj", "body")):
            return other
    return None


def _level_fill(owner_el: Any, level: int) -> Any:
    style = owner_el.find(f".//{qn('a:lstStyle')}")
    if style is None:
        return None
    return style.find(f"{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}")


def run_colour(slide: Any, shape: Any, paragraph: Any, run: Any, slots: dict[str, str]) -> str:
    level = (paragraph.level or 0) + 1
    own = run._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}")
    if own is not None:
        return colour(own, slots) or "000000"
    chain = [shape]
    layout, master = slide.slide_layout, slide.slide_layout.slide_master
    if shape.is_placeholder:
        chain += [p for p in (_same_ph(layout, shape), _same_ph(master, shape)) if p is not None]
    for owner in chain:
        fill = _level_fill(owner._element, level)
        if fill is not None:
            return colour(fill, slots) or "000000"
    key = _ph_key(shape)
    styles = master._element.find(qn("p:txStyles"))
    which = "titleStyle" if key in ("title", "ctrTitle") else "bodyStyle"
    if not shape.is_placeholder or key in ("ftr", "sldNum", "dt"):
        which = "otherStyle"
    fill = styles.find(
        f"{qn(f'p:{which}')}/{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}"
    )
    return colour(fill, slots) or slots.get("dk1", "000000")


def _shape_fill(shape: Any, slots: dict[str, str]) -> str | None:
    sp_pr = shape._element.find(qn("p:spPr"))
    if sp_pr is not None:
        if sp_pr.find(qn("a:noFill")) is not None:
            return None
        fill = sp_pr.find(qn("a:solidFill"))
        if fill is not None:
            return colour(fill, slots)
    ref = shape._element.find(f"{qn('p:style')}/{qn('a:fillRef')}")
    if ref is not None and ref.get("idx") not in ("0", None) and len(ref):
        return colour(ref[0], slots)
    return None


def _background(owner: Any, slots: dict[str, str]) -> str | None:
    bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if bg is None:
        return None
    fill = bg.find(f"{qn('p:bgPr')}/{qn('a:solidFill')}")
    if fill is not None:
        return colour(fill, slots)
    ref = bg.find(qn("p:bgRef"))
    return colour(ref[0], slots) if ref is not None and len(ref) else None


def _under(owner: Any, x: int, y: int, slots: dict[str, str]) -> Iterator[str]:
    for other in reversed(list(owner.shapes)):
        if other.is_placeholder or other.left is None or other.width is None:
            continue
        inside = other.left <= x <= other.left + other.width
        if inside and other.top <= y <= other.top + other.height:
            found = _shape_fill(other, slots)
            if found:
                yield found


def fill_behind(slide: Any, shape: Any, slots: dict[str, str]) -> str:
    own = _shape_fill(shape, slots)
    if own:
        return own
    x = int((shape.left or 0) + (shape.width or 0) / 2)
    y = int((shape.top or 0) + (shape.height or 0) / 2)
    layout, master = slide.slide_layout, slide.slide_layout.slide_master
    for owner in (slide, layout, master):
        found = next(_under(owner, x, y, slots), None)
        if found:
            return found
        if owner is layout and layout._element.get("showMasterSp") == "0":
            break
    for owner in (slide, layout, master):
        bg = _background(owner, slots)
        if bg:
            return bg
    return slots.get("lt1", "FFFFFF")


def runs(prs: Any) -> Iterator[tuple[int, str, float, bool, str, str]]:
    """(slide number, text, size, bold, run colour, fill behind) of every text run."""
    for number, slide in enumerate(prs.slides, 1):
        slots = theme(slide.slide_layout.slide_master)
        for shape in slide.shapes:
            if not shape.has_text_frame or (shape.top or 0) < 0:  # a hidden title
                continue
            behind = fill_behind(slide, shape, slots)
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if not run.text.strip():
                        continue
                    size = run.font.size.pt if run.font.size else 18.0
                    bold = bool(run.font.bold)
                    yield (
                        number,
                        run.text,
                        size,
                        bold,
                        run_colour(slide, shape, paragraph, run, slots),
                        behind,
                    )
