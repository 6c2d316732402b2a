"""Every use of python-pptx internals, in one place.

python-pptx's public API covers text, shapes and pictures on slides, but not what a
deck generator needs around them: removing a placeholder or a template's sample slides,
copying footer placeholders that ``add_slide`` leaves out, a slide-number field, "no
bullet" on a paragraph, the run language, a picture's alt text, the theme's fonts, a
logo on the slide master, and dropping external relationships. Those reach into
``_element``, ``_spTree``, ``_sldIdLst``, ``part.drop_rel`` and the theme part's blob.
They live here, behind small functions, so that a python-pptx upgrade is checked in one
module. Namespaced names go through ``pptx.oxml.ns.qn``, never hand-written URIs.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from werkvorm.render.imagemeta import without_metadata

_HYPERLINKS = ("a:hlinkClick", "a:hlinkHover", "a:hlinkMouseOver")


_PH_TYPES: dict[str, Any] = {}
_NVPR, _PH = qn("p:nvPr"), qn("p:ph")


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _fast_ph(self: Any) -> Any:
    """``BaseShapeElement.ph`` without XPath: the same element python-pptx's
    ``./*[1]/p:nvPr/p:ph`` query finds. python-pptx asks for it thousands of times a
    deck (every placeholder lookup and inherited size), which made it a third of the
    deck's build time."""
    nv = self[0] if len(self) else None
    nvpr = nv.find(_NVPR) if nv is not None else None
    return nvpr.find(_PH) if nvpr is not None else None


def speed_up() -> None:
    """Install the faster ``ph`` lookup (idempotent)."""
    from pptx.oxml.shapes.shared import BaseShapeElement

    if getattr(BaseShapeElement, "_werkvorm_fast_ph", False):
        return
    setattr(BaseShapeElement, "ph", property(_fast_ph))  # noqa: B010
    setattr(BaseShapeElement, "_werkvorm_fast_ph", True)  # noqa: B010


@contextmanager
def quick_partnames(prs: Any) -> Iterator[None]:
    """python-pptx names each new part (slide, notes page, picture) by walking every
    part of the package: adding n slides costs n² (a 300-slide deck: half a minute).
    Inside this block the names in use are remembered per kind instead, and each new
    name is chosen exactly as python-pptx would (the highest free number up to
    count + 1), so the bytes are the same. Nothing may drop a part inside the block."""
    package = prs.part.package
    original = package.next_partname
    known: dict[str, set[str]] = {}

    def next_partname(tmpl: str) -> Any:
        from pptx.opc.packuri import PackURI

        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in known:
            known[prefix] = {
                str(p.partname) for p in package.iter_parts() if p.partname.startswith(prefix)
            }
        names = known[prefix]
        for n in range(len(names) + 1, 0, -1):
            if tmpl % n not in names:
                names.add(tmpl % n)
                return PackURI(tmpl % n)
        return original(tmpl)  # pragma: no cover (python-pptx raises the same way)

    package.next_partname = next_partname
    try:
        yield
    finally:
        del package.next_partname


def placeholder_type(shape: Any) -> Any:
    """A placeholder's PP_PLACEHOLDER type, read straight from its ``p:ph`` element
    (python-pptx runs an XPath query on every access, the deck's hottest path)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    el = shape._element
    nv = el[0] if len(el) else None
    nvpr = nv.find(qn("p:nvPr")) if nv is not None else None
    ph = nvpr.find(qn("p:ph")) if nvpr is not None else None
    if ph is None:
        return None
    value = ph.get("type", "obj")
    if value not in _PH_TYPES:
        _PH_TYPES[value] = PP_PLACEHOLDER.from_xml(value)
    return _PH_TYPES[value]


def remove(shape: Any) -> None:
    """Take a shape (a placeholder, a picture) off its slide."""
    el = shape._element
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def is_attached(shape: Any) -> bool:
    return shape._element.getparent() is not None


def layout_type(layout: Any) -> str | None:
    """The layout's ``type`` attribute (title, obj, secHead, picTx, ...), if any."""
    value = layout._element.get("type")
    return str(value) if value is not None else None


def is_vertical(ph: Any) -> bool:
    el = ph._element
    if el.xpath("./p:nvSpPr/p:nvPr/p:ph[@orient='vert']"):
        return True
    return bool(el.xpath(".//a:bodyPr[@vert and @vert!='horz']"))


def copy_placeholder(slide: Any, layout_ph: Any) -> None:
    """Put a copy of a layout placeholder (footer, slide number) on the slide."""
    slide.shapes._spTree.append(copy.deepcopy(layout_ph._element))


def hidden_title(slide: Any, master_title: Any, text: str) -> Any:
    """A title for a slide whose layout has none: the master's title placeholder with the
    text, placed just above the slide, where screen readers and the outline find it and
    no one sees it. The shape."""
    el = copy.deepcopy(master_title._element)
    tx = el.find(qn("p:txBody"))
    if tx is not None:
        el.remove(tx)
    slide.shapes._spTree.append(el)
    shape = slide.shapes[-1]
    height = int(shape.height or 914400)
    shape.top, shape.height = -height - 12700, height
    shape.text_frame.text = text
    return shape


def reading_order(slide: Any, rank: Any) -> None:
    """Put the slide's shapes in the order ``rank(shape)`` gives: the order of the shape
    tree is the order screen readers read them in."""
    tree = slide.shapes._spTree
    shapes = list(slide.shapes)
    ordered = sorted(shapes, key=rank)
    if ordered == shapes:
        return
    for shape in ordered:  # re-appending moves each element to the end, in order
        tree.remove(shape._element)
        tree.append(shape._element)


def has_slide_number_field(shape: Any) -> bool:
    return bool(shape._element.xpath(".//a:fld[@type='slidenum']"))


def slide_number_field(shape: Any) -> None:
    """Replace the shape's text with PowerPoint's own slide-number field."""
    tf = shape.text_frame
    tf.clear()
    p = tf.paragraphs[0]._p
    fld = p.makeelement(
        qn("a:fld"), {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"}
    )
    t = fld.makeelement(qn("a:t"), {})
    t.text = "‹#›"
    fld.append(t)
    p.append(fld)


def no_bullet(paragraph: Any, hang: int = 0) -> None:
    """A paragraph without a bullet; ``hang`` (EMU): the lines after a tab and every
    wrapped line start at this indent (a hanging indent for times and numbers)."""
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("indent", str(-hang))
    pPr.set("marL", str(hang))
    for old in pPr.findall(qn("a:buNone")):
        pPr.remove(old)
    pPr.insert(0, pPr.makeelement(qn("a:buNone"), {}))


def anchor(shape: Any, where: str) -> None:
    """The vertical anchor of a shape's text: t, ctr or b."""
    body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
    body_pr.set("anchor", where)


def columns(shape: Any, count: int, gap: int) -> None:
    """Let a shape's text flow in ``count`` columns ``gap`` (EMU) apart."""
    body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
    body_pr.set("numCol", str(count))
    body_pr.set("spcCol", str(int(gap)))


def tint_fill(shape: Any, scheme: str, percent: int) -> None:
    """Fill a shape with a light tint of a theme colour (``percent`` of the colour on
    white), so it follows whatever theme the template has."""
    sp_pr = shape._element.spPr
    for old in sp_pr.findall(qn("a:solidFill")) + sp_pr.findall(qn("a:noFill")):
        sp_pr.remove(old)
    fill = sp_pr.makeelement(qn("a:solidFill"), {})
    colour = fill.makeelement(qn("a:schemeClr"), {"val": scheme})
    colour.append(colour.makeelement(qn("a:lumMod"), {"val": str(percent * 1000)}))
    colour.append(colour.makeelement(qn("a:lumOff"), {"val": str((100 - percent) * 1000)}))
    fill.append(colour)
    geometry = sp_pr.find(qn("a:prstGeom"))
    if geometry is not None:
        geometry.addnext(fill)
    else:
        xfrm = sp_pr.find(qn("a:xfrm"))
        if xfrm is not None:
            xfrm.addnext(fill)
        else:
            sp_pr.insert(0, fill)


OFFICE_ACCENTS = {"4472C4", "156082", "5B9BD5", "4F81BD"}  # Office 2013–2023, 2007–2010


def stock_office_theme(prs: Any) -> bool:
    """Whether the template's colours are the stock Office theme's (accent 1 Office blue):
    a template that never chose colours of its own."""
    return theme_slots(prs.slide_master).get("accent1", "").upper() in OFFICE_ACCENTS


def title_colour(prs: Any, *, accent_if_black: bool = True) -> tuple[str, str]:
    """The colour of the template's titles as ("rgb", "88161F") or ("theme", "accent2");
    when titles are plain black ("theme", "accent1") so a highlight still stands out, or
    with ``accent_if_black`` False ("theme", "tx1")."""
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    level = styles.find(qn("p:titleStyle")) if styles is not None else None
    rpr = level.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}") if level is not None else None
    fill = rpr.find(qn("a:solidFill")) if rpr is not None else None
    colour = fill[0] if fill is not None and len(fill) else None
    value = str(colour.get("val", "")) if colour is not None else ""
    if colour is not None and colour.tag == qn("a:srgbClr") and value.upper() not in ("000000",):
        return ("rgb", value.upper())
    if colour is not None and colour.tag == qn("a:schemeClr") and value not in ("tx1", "dk1"):
        return ("theme", value)
    return ("theme", "accent1" if accent_if_black else "tx1")


def title_alignment(layout: Any) -> str:
    """How the template sets a title on ``layout``: "l", "ctr" or "r" (the layout's own
    title placeholder, else the master's, else the master's title style; else "l")."""
    master = layout.slide_master
    for owner in (layout, master):
        for sp in owner._element.iter(qn("p:sp")):
            ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
            if ph is None or ph.get("type") not in ("title", "ctrTitle"):
                continue
            level = sp.find(f".//{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
            if level is not None and level.get("algn"):
                return str(level.get("algn"))
    found = master._element.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/@algn")
    return str(found[0]) if found else "l"


def layout_title_colour(layout: Any) -> tuple[str, str] | None:
    """The colour a layout gives its own title placeholder, if it sets one."""
    for sp in layout._element.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None or ph.get("type") not in ("title", "ctrTitle"):
            continue
        fill = sp.find(f".//{qn('a:lvl1pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}")
        colour = fill[0] if fill is not None and len(fill) else None
        if colour is not None and colour.tag == qn("a:srgbClr"):
            return ("rgb", str(colour.get("val", "")).upper())
        if colour is not None and colour.tag == qn("a:schemeClr") and not len(colour):
            return ("theme", str(colour.get("val", "")))
    return None


def set_alt_text(picture: Any, alt: str) -> None:
    picture._element.nvPicPr.cNvPr.set("descr", alt)


def alt_text(picture: Any) -> str:
    return str(picture._element.nvPicPr.cNvPr.get("descr", ""))


def set_language(element_owner: Any, lang: str) -> None:
    """Tag every run, field and paragraph end under a slide or notes slide with ``lang``,
    so spelling is checked in the session's language."""
    el = element_owner._element
    for tag in ("a:r", "a:fld"):
        for r in el.iter(qn(tag)):
            rpr = r.find(qn("a:rPr"))
            if rpr is None:
                rpr = r.makeelement(qn("a:rPr"), {})
                r.insert(0, rpr)
            rpr.set("lang", lang)
    for end in el.iter(qn("a:endParaRPr")):
        end.set("lang", lang)


def sample_slides(prs: Any) -> int:
    return len(prs.slides._sldIdLst)


def remove_sample_slides(prs: Any) -> None:
    """A template's own example slides never end up in the deck."""
    sld_ids = prs.slides._sldIdLst
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)


def _parts(prs: Any) -> list[Any]:
    return [p for p in prs.part.package.iter_parts() if hasattr(p, "_element")]


def drop_external_relationships(prs: Any) -> int:
    """Remove every relationship to something outside the file (a linked picture, a
    tracking pixel, a UNC path that leaks credentials) and the references to it; the
    number dropped."""
    dropped = 0
    for part in _parts(prs):
        external = [rId for rId, rel in part.rels.items() if rel.is_external]
        for rId in external:
            root = part._element
            for tag in _HYPERLINKS:
                for link in list(root.iter(qn(tag))):
                    if link.get(qn("r:id")) == rId:
                        link.getparent().remove(link)
            for el in root.iter():
                for attr in [a for a, v in el.attrib.items() if v == rId and a.startswith("{")]:
                    del el.attrib[attr]
            if rId in part.rels:
                part.rels.pop(rId)
            dropped += 1
    return dropped


def theme_xml(master: Any) -> str:
    try:
        return str(master.part.part_related_by(RT.THEME).blob.decode("utf-8", "replace"))
    except (KeyError, AttributeError):
        return ""


def set_theme_xml(master: Any, xml: str) -> None:
    master.part.part_related_by(RT.THEME)._blob = xml.encode("utf-8")


def set_theme_colours(master: Any, colours: dict[str, str]) -> None:
    """Set colour slots (``accent1``, ``dk2``, ...) of a master's theme to RGB values,
    by editing the theme's elements (never by editing its text)."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.oxml import parse_xml

    try:
        part = master.part.part_related_by(RT.THEME)
    except KeyError:
        return
    root = parse_xml(part.blob)
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    if scheme is None:
        return
    for name, value in colours.items():
        slot = scheme.find(qn(f"a:{name}"))
        if slot is None:
            continue
        for child in list(slot):
            slot.remove(child)
        slot.append(slot.makeelement(qn("a:srgbClr"), {"val": value}))
    part._blob = serialize_part_xml(root)


def theme_slots(master: Any) -> dict[str, str]:
    """The theme's colours by slot name (dk1, lt1, accent1, ...), as RGB hex."""
    from pptx.oxml import parse_xml

    try:
        root = parse_xml(master.part.part_related_by(RT.THEME).blob)
    except KeyError:
        return {}
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    slots: dict[str, str] = {}
    for slot in scheme if scheme is not None else []:
        if len(slot):
            value = slot[0].get("lastClr") or slot[0].get("val") or ""
            slots[slot.tag.split("}")[-1]] = str(value).upper()
    return slots


_SCHEME_ALIAS = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


def band_under(layout: Any, box: tuple[int, int, int, int]) -> str | None:
    """The plain colour of a drawn band (a filled shape of the layout or its master)
    under the middle of ``box``, as RGB hex; None when there is none or it is tinted."""
    x, y = box[0] + box[2] // 2, box[1] + box[3] // 2
    slots = theme_slots(layout.slide_master)
    owners = [layout] if hides_master_shapes(layout) else [layout, layout.slide_master]
    for owner in owners:
        for shape in reversed(list(owner.shapes)):
            if shape.is_placeholder or shape.width is None or shape.left is None:
                continue
            if not (shape.left <= x <= shape.left + shape.width):
                continue
            if not (shape.top <= y <= shape.top + shape.height):
                continue
            fill = shape._element.find(f"{qn('p:spPr')}/{qn('a:solidFill')}")
            if fill is None or not len(fill) or len(fill[0]):
                continue
            value = str(fill[0].get("val", ""))
            return slots.get(_SCHEME_ALIAS.get(value, value)) or value.upper()
    return None


def _tinted(hex_colour: str, node: Any) -> str:
    """A colour with its ``a:tint`` applied as drawing programs do (in linear RGB)."""
    tint = node.find(qn("a:tint"))
    if tint is None or not re.fullmatch(r"[0-9A-Fa-f]{6}", hex_colour):
        return hex_colour.upper()
    t = int(tint.get("val", "100000")) / 100000
    out = ""
    for i in (0, 2, 4):
        c = int(hex_colour[i : i + 2], 16) / 255
        lin = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4) * t + (1 - t)
        c = lin * 12.92 if lin <= 0.0031308 else 1.055 * lin ** (1 / 2.4) - 0.055
        out += f"{round(c * 255):02X}"
    return out


def chrome_colour(layout: Any, kind: str) -> str | None:
    """The colour a layout's footer ("ftr") or slide number ("sldNum") is drawn in: its
    own list style, else the master's placeholder of that kind, as RGB hex with any tint
    applied; None when neither says or the colour is not a plain one."""
    slots = theme_slots(layout.slide_master)
    for owner in (layout, layout.slide_master):
        for sp in owner._element.iter(qn("p:sp")):
            ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
            if ph is None or ph.get("type") != kind:
                continue
            fill = sp.find(f".//{qn('a:lvl1pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}")
            if fill is None or not len(fill):
                continue
            node = fill[0]
            value = str(node.get("val", ""))
            if node.tag == qn("a:srgbClr"):
                return _tinted(value, node)
            if node.tag == qn("a:schemeClr") and _SCHEME_ALIAS.get(value, value) in slots:
                return _tinted(slots[_SCHEME_ALIAS.get(value, value)], node)
            return None
    return None


def set_text_colour(shape: Any, hex_colour: str) -> None:
    """Every run and field of a shape (the slide number's included) in one RGB colour."""
    from pptx.dml.color import RGBColor
    from pptx.oxml import parse_xml
    from pptx.text.text import Font

    for tag in ("a:r", "a:fld"):
        for r in shape._element.iter(qn(tag)):
            rpr = r.find(qn("a:rPr"))
            if rpr is None:
                rpr = parse_xml(f'<a:rPr xmlns:a="{_A}"/>')
                r.insert(0, rpr)
            Font(rpr).color.rgb = RGBColor.from_string(hex_colour)


def theme_font(prs: Any) -> str:
    """The body (minor) latin typeface of the template's theme."""
    found = re.search(
        r"<a:minorFont>\s*<a:latin typeface=\"([^\"]*)\"", theme_xml(prs.slide_master)
    )
    return found.group(1) if found else ""


def latin_typefaces(prs: Any) -> set[str]:
    """Every latin typeface the deck can be drawn in: its themes' heading and body
    fonts and any that a master, layout or slide names itself (a theme reference such
    as ``+mn-lt`` resolves to the theme's, so it is left out)."""
    found: set[str] = set()
    for master in prs.slide_masters:
        found.update(
            re.findall(
                r"<a:(?:major|minor)Font>\s*<a:latin typeface=\"([^\"]*)\"", theme_xml(master)
            )
        )
        owners = [master, *master.slide_layouts]
        for owner in owners:
            found.update(owner._element.xpath(".//a:latin/@typeface"))
    for slide in prs.slides:
        found.update(slide._element.xpath(".//a:latin/@typeface"))
    return {name for name in found if not name.startswith("+")}


def slide_text_nodes(prs: Any) -> Iterator[Any]:
    """The ``a:t`` text of every run on every slide (never the speaker notes)."""
    for slide in prs.slides:
        yield from slide._element.iter(qn("a:t"))


def carries_picture(owner: Any) -> bool:
    """Whether a master or layout draws a picture of its own (a logo, a photo)."""
    return bool(owner._element.xpath("./p:cSld/p:spTree//p:pic"))


def hides_master_shapes(layout: Any) -> bool:
    return bool(layout._element.get("showMasterSp") == "0")


_AS_IS = {"PNG", "JPEG", "GIF"}  # what python-pptx, PowerPoint and LibreOffice all show
_PLAIN_MODES = {"RGB", "RGBA", "L", "LA", "P", "1"}


def _orientation(im: Any) -> int:
    """A photo's orientation tag (1: upright), read without decoding the image: Pillow's
    ``getexif()`` decodes a whole PNG to look for a tag after the pixels."""
    if im.format == "PNG":
        from PIL import Image

        raw = im.info.get("exif")
        if not raw:
            return 1
        exif = Image.Exif()
        exif.load(raw)
        return int(exif.get(0x0112, 1))
    return int(im.getexif().get(0x0112, 1))


def picture_size(path: str) -> tuple[int, int]:
    """Width and height as the picture is shown: a photo's orientation tag applied."""
    from PIL import Image

    with Image.open(path) as im:
        orientation = _orientation(im)
        w, h = im.size
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def picture_stream(path: str) -> Any:
    """The image as python-pptx can place it: PNG, JPEG and GIF as they are; any other
    format Pillow reads (WebP), a photo with an orientation tag, a CMYK or 16-bit image
    as an upright PNG. Always a stream, never the path: given a path, python-pptx puts
    the file's name into a string template escaping only ``&<>``."""
    import io

    from PIL import Image, ImageOps

    with open(path, "rb") as handle:
        data = handle.read()
    with Image.open(io.BytesIO(data)) as im:
        orientation = _orientation(im)
        if im.format in _AS_IS and orientation == 1 and im.mode in _PLAIN_MODES:
            return io.BytesIO(without_metadata(data))  # a photo's GPS stays home
        upright = ImageOps.exif_transpose(im)
        mode = "RGBA" if "A" in upright.mode or "transparency" in upright.info else "RGB"
        out = io.BytesIO()
        upright.convert(mode).save(out, "PNG")
    out.seek(0)
    return out


def add_picture(slide: Any, path: str, box: tuple[int, int, int, int]) -> Any:
    """A picture on a slide (see :func:`picture_stream`). The caller sets the name and
    alt text (escaped by lxml)."""
    left, top, width, height = box
    return slide.shapes.add_picture(picture_stream(path), left, top, width, height)


def add_picture_to(owner: Any, path: str, box: tuple[int, int, int, int], name: str) -> None:
    """A picture on a slide master or layout, which python-pptx can only do for slides."""
    from pptx.oxml.shapes.picture import CT_Picture

    image_part, rId = owner.part.get_or_add_image_part(picture_stream(path))
    tree = owner.shapes._spTree
    ids = [int(i) for i in tree.xpath("//p:cNvPr/@id")] or [1]
    left, top, width, height = box
    # python-pptx builds the element from a string template with the name unescaped:
    # a placeholder goes in, and the real name is set as an attribute by lxml, which
    # escapes it ("Waterschap Rijn & IJssel", quotes, '<').
    pic = CT_Picture.new_pic(max(ids) + 1, "Logo", "Logo", rId, left, top, width, height)
    pic.nvPicPr.cNvPr.set("name", name)
    pic.nvPicPr.cNvPr.set("descr", name)
    tree.append(pic)
    del image_part  # kept alive by the relationship


def save_with_fixed_dates(
    prs: Any, target: Any, date_time: tuple[int, int, int, int, int, int]
) -> None:
    """Save with every zip entry dated ``date_time``: python-pptx stamps the current time,
    which would make two builds of the same deck differ. Its zip writer is swapped for
    the length of the save (werkvorm renders in processes, not threads)."""
    import zipfile

    from pptx.opc import serialized

    writer = serialized._ZipPkgWriter
    original = writer.write

    def write(self: Any, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zipf.writestr(info, blob)

    setattr(writer, "write", write)  # noqa: B010
    try:
        prs.save(target)
    finally:
        setattr(writer, "write", original)  # noqa: B010


# The order ECMA-376 gives the children of a paragraph's properties (CT_TextParagraphProperties).
# PowerPoint is strict about it (a child out of order makes it offer to repair the file);
# templates and python-pptx edits can leave them out of order, so every deck is put right.
_PARAGRAPH_ORDER = {
    qn(f"a:{tag}"): n
    for n, tag in enumerate(
        [
            "lnSpc",
            "spcBef",
            "spcAft",
            "buClrTx",
            "buClr",
            "buSzTx",
            "buSzPct",
            "buSzPts",
            "buFontTx",
            "buFont",
            "buNone",
            "buAutoNum",
            "buChar",
            "buBlip",
            "tabLst",
            "defRPr",
            "extLst",
        ]
    )
}
_PARAGRAPH_TAGS = {qn("a:pPr"), *(qn(f"a:lvl{n}pPr") for n in range(1, 10)), qn("a:defPPr")}


def in_schema_order(root: Any) -> None:
    """Every paragraph-properties element under ``root`` with its children in the order
    the schema gives (a stable sort: what shares a place keeps its order)."""
    for element in root.iter(*_PARAGRAPH_TAGS):
        children = list(element)
        ordered = sorted(children, key=lambda c: _PARAGRAPH_ORDER.get(c.tag, len(_PARAGRAPH_ORDER)))
        if ordered != children:
            for child in children:
                element.remove(child)
            element.extend(ordered)


def deck_in_schema_order(prs: Any) -> None:
    """:func:`in_schema_order` on every master, layout, slide and notes page of a deck."""
    for master in prs.slide_masters:
        in_schema_order(master._element)
        for layout in master.slide_layouts:
            in_schema_order(layout._element)
    for slide in prs.slides:
        in_schema_order(slide._element)
        if slide.has_notes_slide:
            in_schema_order(slide.notes_slide._element)
