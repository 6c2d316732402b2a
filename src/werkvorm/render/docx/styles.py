"""The styles a werkvorm document is written in: the template's, or werkvorm's look.

Every paragraph, run and table gets a style and no direct formatting where a style
serves, so a client who changes Heading 1 changes every block title. A style is looked
up by its name in the document (Word stores built-in names in English, whatever the
language of Word); where the template has none, werkvorm adds its own definition, built
on the template's Normal, so it takes the template's font. werkvorm's own look (no
template) is the same definitions on python-docx's default with its versions of these
styles removed.

Each definition below is written in the order the Office schema demands of its
elements: Word asks to repair a file with elements out of order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml import parse_xml

from werkvorm.compose.session import Session
from werkvorm.render.html import brand_colours

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECL = f'xmlns:w="{W_NS}"'
FONT = "Calibri"  # werkvorm's own look: on every Word; LibreOffice substitutes Carlito

# The styles werkvorm writes in, by name, with their kind.
PARAGRAPH = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "Quote",
    "Caption",
    "Block Details",
    "Worksheet Question",
    "Writing Line",
    "Checklist",
    "Timing Cue",
    "Break Line",
    "Table Spacer",
)
CHARACTER = ("Strong", "Emphasis", "Hyperlink", "Checkbox")
TABLE = "Table Grid"
WERKVORM_OWN = (
    "Block Details",
    "Worksheet Question",
    "Writing Line",
    "Checklist",
    "Timing Cue",
    "Break Line",
    "Table Spacer",
)
BOX = "Exercise Box"  # a table style: one cell, shaded, a rule on the left
WERKVORM_OWN_CHARACTER = ("Checkbox",)


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass
class Styles:
    """The style ids to write with, after the template was read and completed."""

    ids: dict[str, str]  # style name -> style id in this document
    table: str  # the table style's id
    box: str  # the exercise box's table style id
    from_template: list[str]  # the names the template itself defines (for inspect/check)
    number_abstract: str = ""  # List Number's list definition, to restart numbering
    body_pt: float = 10.5  # the body text's size: columns for numbers grow with it

    def __getitem__(self, name: str) -> str:
        return self.ids[name]


def style_elements(doc: Any) -> list[Any]:
    return list(doc.styles.element.findall(w("style")))


def _name(el: Any) -> str:
    found = el.find(w("name"))
    return str(found.get(w("val"))) if found is not None else ""


def find(doc: Any, name: str, kind: str = "paragraph") -> Any:
    """The style element of this name and kind (names compared as Word does: "heading 1"
    is "Heading 1"), or None."""
    wanted = name.casefold()
    for el in style_elements(doc):
        if el.get(w("type")) == kind and _name(el).casefold() == wanted:
            return el
    return None


ROLES = {
    "Normal": "body text",
    "Title": "the cover title",
    "Subtitle": "the subtitle; the guide's details",
    "Heading 1": "block titles; programme, goals, takeaways, sources",
    "Heading 2": "exercises; the guide's sections",
    "Heading 3": "worksheets",
    "List Bullet": "bullet lists, goals, takeaways, sources",
    "List Number": "numbered lists",
    "Quote": "quotes on slides (guide)",
    "Caption": "scale ends, worksheet summaries",
    "Block Details": "a block's time, minutes and format",
    BOX: "the exercise box (a table style)",
    "Worksheet Question": "worksheet questions",
    "Writing Line": "lines to write on",
    "Checklist": "checklists",
    "Timing Cue": "the guide's timing cues: the clock time, a tab, what happens",
    "Break Line": "a break between the guide's blocks: its time, name and slide",
    "Table Spacer": "the 1 pt line between two tables (Word joins tables that touch)",
    "Strong": "bold text, clock times",
    "Emphasis": "italic text, source titles",
    "Hyperlink": "links",
    "Checkbox": "the boxes to tick",
}


def describe(doc: Any) -> list[tuple[str, str, str]]:
    """Every style of the template (name, kind, what werkvorm writes with it), then the
    styles werkvorm needs and adds in its own look (kind "added")."""
    table = choose_table_style(doc)
    roles = {name.casefold(): role for name, role in ROLES.items()}
    found: list[tuple[str, str, str]] = []
    for el in style_elements(doc):
        name, kind = _name(el), str(el.get(w("type")) or "")
        if kind == "table" and name == BOX:
            role = ROLES[BOX]
        elif kind == "table":
            role = "tables: programme, run sheet, worksheets" if el is table else ""
        else:
            role = roles.get(name.casefold(), "") if kind in ("paragraph", "character") else ""
        found.append((name, kind, role))
    for name, role in ROLES.items():
        kind = "character" if name in CHARACTER else "table" if name == BOX else "paragraph"
        if find(doc, name, kind) is None:
            found.append((name, "added", f"werkvorm's own: {role}"))
    if table is None:
        found.append((TABLE, "added", "werkvorm's own: tables"))
    return found


def choose_table_style(doc: Any) -> Any:
    """The template's own table style (the first one it made itself), else Table Grid,
    else None (werkvorm adds its own Table Grid)."""
    tables = [el for el in style_elements(doc) if el.get(w("type")) == "table"]
    for el in tables:
        if el.get(w("customStyle")) in ("1", "true", "on") and _name(el) != BOX:
            return el
    return find(doc, TABLE, "table")


def remove_own(doc: Any) -> None:
    """werkvorm's own look: python-docx's default without its versions of werkvorm's styles."""
    root = doc.styles.element
    for name in PARAGRAPH:
        el = find(doc, name)
        if el is not None:
            root.remove(el)
    for name in CHARACTER:
        el = find(doc, name, "character")
        if el is not None:
            root.remove(el)
    el = find(doc, TABLE, "table")
    if el is not None:
        root.remove(el)
    el = find(doc, "Footer")
    if el is not None:  # its tab stops fit a Letter page; page.py adds one for the paper
        root.remove(el)


def _free_id(doc: Any, name: str) -> str:
    taken = {str(el.get(w("styleId"))) for el in style_elements(doc)}
    base = "".join(ch for ch in name if ch.isalnum())
    sid, n = base, 1
    while sid in taken:
        n += 1
        sid = f"{base}{n}"
    return sid


# Word keeps these built-in names in lower case in the file ("heading 1"); a style
# written as "Heading 1" would be a second style beside Word's own.
_STORED = {"Caption": "caption", "Footer": "footer", "Header": "header"}


def stored_name(name: str) -> str:
    return _STORED.get(name) or (name.lower() if name.startswith("Heading ") else name)


def add(doc: Any, kind: str, name: str, body: str, *, custom: bool = True) -> str:
    """A style of werkvorm's look, under the name Word gives it; its id."""
    sid = _free_id(doc, name)
    name = stored_name(name)
    flag = ' w:customStyle="1"' if custom else ""
    xml = (
        f'<w:style {_DECL} w:type="{kind}" w:styleId="{sid}"{flag}>'
        f'<w:name w:val="{name}"/>{body}</w:style>'
    )
    doc.styles.element.append(parse_xml(xml))
    return sid


@dataclass(frozen=True)
class Cover:
    """The title's size and the room above it: a long title or a small page gets a
    smaller one, so the cover stays one page."""

    title_pt: float = 32
    before_twips: int = 1200


def complete(doc: Any, session: Session, own_look: bool, cover: Cover | None = None) -> Styles:
    """Add werkvorm's definition of every style the document lacks; the ids to write with."""
    from werkvorm.render.docx import numbering

    present = [n for n in PARAGRAPH if find(doc, n) is not None]
    present += [n for n in CHARACTER if find(doc, n, "character") is not None]
    table_el = choose_table_style(doc)
    if own_look:
        _own_defaults(doc)
    looks = _looks(session, cover or Cover())
    ids: dict[str, str] = {}
    normal = find(doc, "Normal")
    if normal is None:  # werkvorm's own: the default, so a table cell's text is Normal too
        ids["Normal"] = add(doc, "paragraph", "Normal", looks["Normal"], custom=False)
        find(doc, "Normal").set(w("default"), "1")
    else:
        ids["Normal"] = str(normal.get(w("styleId")))
    lists = numbering.Lists(doc)
    for name in PARAGRAPH[1:]:
        el = find(doc, name)
        if el is not None:
            ids[name] = str(el.get(w("styleId")))
            continue
        body = looks[name].replace("{normal}", ids["Normal"])
        if name in ("List Bullet", "List Number"):
            num = lists.add_bullets() if name == "List Bullet" else lists.add_numbers()
            body = body.replace("{num}", num)
        ids[name] = add(doc, "paragraph", name, body, custom=name in WERKVORM_OWN)
    for name in CHARACTER:
        el = find(doc, name, "character")
        ids[name] = (
            str(el.get(w("styleId")))
            if el is not None
            else add(doc, "character", name, looks[name], custom=name in WERKVORM_OWN_CHARACTER)
        )
    table = (
        str(table_el.get(w("styleId")))
        if table_el is not None
        else add(doc, "table", TABLE, looks[TABLE], custom=False)
    )
    box_el = find(doc, BOX, "table")
    box = (
        str(box_el.get(w("styleId"))) if box_el is not None else add(doc, "table", BOX, looks[BOX])
    )
    return Styles(
        box=box,
        body_pt=body_size(doc),
        ids=ids,
        table=table,
        from_template=present,
        number_abstract=lists.abstract_of_style(find(doc, "List Number")),
    )


def body_size(doc: Any) -> float:
    """The size of body text in points: Normal's, else the document default's, else
    Word's own default (10 pt)."""
    places = [find(doc, "Normal"), doc.styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}")]
    for place in places:
        size = None if place is None else place.find(f"{w('rPr')}/{w('sz')}")
        if size is not None and str(size.get(w("val"))).isdigit():
            return int(size.get(w("val"))) / 2
    return 10.0


def _own_defaults(doc: Any) -> None:
    """werkvorm's own look: its font and size under every style."""
    root = doc.styles.element
    old = root.find(w("docDefaults"))
    if old is not None:
        root.remove(old)
    root.insert(
        0,
        parse_xml(
            f"<w:docDefaults {_DECL}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="21"/><w:szCs w:val="21"/>'
            '<w:lang w:val="nl-NL" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _heading(level: int, size: int, before: int, colour: str) -> str:
    return (
        '<w:basedOn w:val="{normal}"/><w:next w:val="{normal}"/>'
        f'<w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        f'<w:spacing w:before="{before}" w:after="{before // 3}"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{colour}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


def _looks(session: Session, cover: Cover) -> dict[str, str]:
    """werkvorm's definition of each style (the body of its w:style), in its colours: as
    in the PDFs, a pale brand colour (under 3:1 on white) only fills (the exercise box,
    table headers) with dark text on it, never colours text or rules."""
    colours = brand_colours(session)
    text, primary = _hex(colours["--text-primary"]), _hex(colours["--primary"])
    soft, grey, line = _hex(colours["--tint"]), "5A656C", "A6ADB2"
    based = '<w:basedOn w:val="{normal}"/>'
    size = round(cover.title_pt * 2)
    return {
        "Normal": '<w:qFormat/><w:rPr><w:color w:val="222222"/></w:rPr>',
        "Title": f'{based}<w:next w:val="{{normal}}"/><w:uiPriority w:val="10"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="{cover.before_twips}" w:after="240" w:line="240"'
        ' w:lineRule="auto"/>'
        f'</w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{text}"/><w:kern w:val="28"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>',
        "Subtitle": f'{based}<w:next w:val="{{normal}}"/><w:uiPriority w:val="11"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="360"/></w:pPr>'
        '<w:rPr><w:color w:val="4A555C"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>',
        "Heading 1": _heading(1, 32, 480, text),
        "Heading 2": _heading(2, 26, 300, text),
        "Heading 3": _heading(3, 22, 240, "222222"),
        "List Bullet": f'{based}<w:uiPriority w:val="34"/><w:qFormat/><w:pPr>'
        '<w:numPr><w:numId w:val="{num}"/></w:numPr><w:spacing w:after="60"/>'
        '<w:ind w:left="357" w:hanging="357"/></w:pPr>',
        "List Number": f'{based}<w:uiPriority w:val="34"/><w:qFormat/><w:pPr>'
        '<w:numPr><w:numId w:val="{num}"/></w:numPr><w:spacing w:after="60"/>'
        '<w:ind w:left="357" w:hanging="357"/></w:pPr>',
        "Quote": f'{based}<w:next w:val="{{normal}}"/><w:uiPriority w:val="29"/><w:qFormat/>'
        f'<w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{primary}"/>'
        '</w:pBdr><w:spacing w:before="120" w:after="120"/><w:ind w:left="284"/></w:pPr>'
        '<w:rPr><w:i/><w:iCs/><w:color w:val="4A555C"/></w:rPr>',
        "Caption": f'{based}<w:next w:val="{{normal}}"/><w:uiPriority w:val="35"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="40" w:after="160"/></w:pPr>'
        f'<w:rPr><w:color w:val="{grey}"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
        "Block Details": f'{based}<w:next w:val="{{normal}}"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:after="200"/></w:pPr>'
        f'<w:rPr><w:color w:val="{grey}"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>',
        "Worksheet Question": f'{based}<w:next w:val="{{normal}}"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="0"/></w:pPr>'
        "<w:rPr><w:b/><w:bCs/></w:rPr>",
        "Writing Line": f"{based}<w:qFormat/><w:pPr><w:pBdr>"
        f'<w:bottom w:val="single" w:sz="4" w:space="1" w:color="{line}"/>'
        f'<w:between w:val="single" w:sz="4" w:space="1" w:color="{line}"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="0" w:line="510" w:lineRule="exact"/></w:pPr>',
        "Checklist": f"{based}<w:qFormat/><w:pPr>"
        '<w:tabs><w:tab w:val="left" w:pos="397"/></w:tabs>'
        '<w:spacing w:before="60" w:after="60"/><w:ind w:left="397" w:hanging="397"/></w:pPr>',
        "Timing Cue": f"{based}<w:qFormat/><w:pPr>"
        '<w:tabs><w:tab w:val="left" w:pos="1247"/></w:tabs>'  # 22 mm: "10:05–10:13" bold
        '<w:spacing w:before="0" w:after="60"/><w:ind w:left="1247" w:hanging="1247"/></w:pPr>',
        "Break Line": f'{based}<w:next w:val="{{normal}}"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="360"/></w:pPr>'
        f'<w:rPr><w:color w:val="{grey}"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>',
        "Table Spacer": f"{based}<w:qFormat/><w:pPr>"
        '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>',
        **_character_looks(text, primary, soft, line),
    }


def _character_looks(text: str, primary: str, soft: str, line: str) -> dict[str, str]:
    """werkvorm's character styles and its table styles."""
    return {
        "Strong": '<w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr>',
        "Emphasis": '<w:uiPriority w:val="20"/><w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr>',
        "Hyperlink": '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:rPr><w:color w:val="{text}"/><w:u w:val="single"/></w:rPr>',
        "Checkbox": '<w:qFormat/><w:rPr><w:rFonts w:ascii="Segoe UI Symbol" '
        'w:hAnsi="Segoe UI Symbol" w:cs="Segoe UI Symbol"/><w:sz w:val="26"/>'
        '<w:szCs w:val="26"/></w:rPr>',
        BOX: '<w:uiPriority w:val="99"/><w:pPr><w:spacing w:before="0" w:after="80"/></w:pPr>'
        "<w:tblPr><w:tblBorders>"
        f'<w:left w:val="single" w:sz="24" w:space="0" w:color="{primary}"/></w:tblBorders>'
        '<w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="198" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{soft}"/></w:tcPr>',
        TABLE: '<w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>'
        '<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>'
        "<w:tblPr><w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{line}"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{soft}"/></w:tcPr>'
        "</w:tblStylePr>",
    }


# ---------------------------------------------------------------- language


def set_language(doc: Any, tag: str) -> None:
    """The document's language for spelling, hyphenation and screen readers: in the
    default run properties, in every style that names one, and in the settings."""
    root = doc.styles.element
    defaults = root.find(w("docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {_DECL}/>")
        root.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {_DECL}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {_DECL}/>")
        rpr_default.append(rpr)
    if rpr.find(w("lang")) is None:
        lang = parse_xml(f'<w:lang {_DECL} w:val="{tag}"/>')
        after = [rpr.find(w(t)) for t in ("eastAsianLayout", "specVanish", "oMath")]
        later = [el for el in after if el is not None]
        if later:
            later[0].addprevious(lang)
        else:
            rpr.append(lang)
    for lang in root.iter(w("lang")):
        lang.set(w("val"), tag)
    _settings_language(doc.settings.element, tag)


# What follows w:themeFontLang in the settings, in the order the schema demands.
_AFTER_LANGUAGE = (
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _settings_language(settings: Any, tag: str) -> None:
    """The theme's language in the settings; Word checks the spelling anew (no
    "already proofed" mark from the template)."""
    for el in settings.findall(w("proofState")):
        settings.remove(el)
    found = settings.find(w("themeFontLang"))
    if found is None:
        found = parse_xml(f"<w:themeFontLang {_DECL}/>")
        later = [
            el
            for el in settings
            if isinstance(el.tag, str)
            and (
                (el.tag.startswith(w("")) and el.tag.rpartition("}")[2] in _AFTER_LANGUAGE)
                or el.tag.startswith("{http://schemas.microsoft.com/office/word/")  # w14, w15
            )
        ]
        if later:
            later[0].addprevious(found)
        else:
            settings.append(found)
    found.set(w("val"), tag)
