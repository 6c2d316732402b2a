"""Which layout of a template serves which slide kind.

Layouts are chosen by what their placeholders are (centre title, body, picture), never
by name or position: real templates name layouts in any language, name two alike, and
carry vertical-text layouts that must never be picked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from werkvorm.errors import TemplateError, display_path
from werkvorm.render.deck import _oxml

KINDS = (
    "title",
    "content",
    "section",
    "title_only",
    "picture",
    "closing",
    "exercise",
    "quote",
    "break",
)
# The default template marks its quote and break layouts by name; a client template
# has none, and those slides use its content and section layouts.
OWN_LAYOUTS = {"werkvorm quote": "quote", "werkvorm break": "break"}
OPTIONAL = {"exercise", "quote", "break"}  # kinds that stand in silently
CHROME = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
BODIES = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}
_VERTICAL_TYPES = {"vertTx", "vertTitleAndTx", "vertTitleAndTxOverChart"}
_INCH = 914400

FALLBACKS = {
    "title": ("title", "section", "content", "title_only"),
    "closing": ("closing", "title", "section", "content", "title_only"),
    "content": ("content",),
    "section": ("section", "title", "title_only", "content"),
    "title_only": ("title_only", "content"),
    "picture": ("picture", "title_only", "content"),
    "exercise": ("exercise", "content"),
    "quote": ("quote", "content"),
    "break": ("break", "section", "title", "title_only", "content"),
}


def ph_type(ph: Any) -> Any:
    try:
        return _oxml.placeholder_type(ph)
    except ValueError:
        return None


def ph_name(ph: Any) -> str:
    return str(ph_type(ph)).split(".")[-1].split(" ")[0]


@dataclass
class LayoutInfo:
    layout: Any
    name: str
    master: int
    index: int
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> score
    vertical: bool = False
    placeholders: list[str] = field(default_factory=list)


def _score(info: LayoutInfo, phs: list[Any], ltype: str | None) -> None:
    by = {kind: [ph for ph in phs if ph_type(ph) == kind] for kind in PP_PLACEHOLDER}
    centre, titles = by[PP_PLACEHOLDER.CENTER_TITLE], by[PP_PLACEHOLDER.TITLE]
    bodies = [ph for ph in phs if ph_type(ph) in BODIES]
    subtitles, pictures = by[PP_PLACEHOLDER.SUBTITLE], by[PP_PLACEHOLDER.PICTURE]
    others = len(phs) - len(centre) - len(titles) - len(bodies) - len(pictures)
    if centre and (subtitles or bodies):
        info.kinds["title"] = 10 + (5 if subtitles else 0) + (3 if ltype == "title" else 0)
        info.kinds["closing"] = info.kinds["title"]
        info.kinds["section"] = 4
    if titles and len(bodies) == 1 and not pictures and not others:
        big = (bodies[0].height or 0) > 2 * _INCH
        if ltype == "secHead":
            info.kinds["section"] = 20
        elif big:
            info.kinds["content"] = 10 + (5 if ltype == "obj" else 0)
        else:
            info.kinds["section"] = 6
    if titles and len(bodies) == 2 and not pictures and not others and ltype == "twoObj":
        info.kinds["exercise"] = 10
    if titles and not bodies and not pictures and not others:
        info.kinds["title_only"] = 10 + (5 if ltype == "titleOnly" else 0)
        info.kinds.setdefault("section", 3)
    if titles and pictures:
        info.kinds["picture"] = 10 + (5 if ltype == "picTx" else 0)


def classify(layout: Any, master: int, index: int) -> LayoutInfo:
    """Which slide kinds a layout can serve, with a score for how well."""
    info = LayoutInfo(layout=layout, name=layout.name, master=master, index=index)
    phs = [ph for ph in layout.placeholders if ph_type(ph) not in CHROME]
    info.placeholders = [ph_name(ph) for ph in phs]
    ltype = _oxml.layout_type(layout)
    if ltype in _VERTICAL_TYPES or any(_oxml.is_vertical(ph) for ph in phs):
        info.vertical = True
        return info
    if layout.name in OWN_LAYOUTS:
        info.kinds[OWN_LAYOUTS[layout.name]] = 50
        return info
    _score(info, phs, ltype)
    return info


@dataclass
class LayoutChoice:
    """The layout each slide kind uses in one template, and how it was chosen."""

    by_kind: dict[str, LayoutInfo]
    layouts: list[LayoutInfo]
    notes: list[str] = field(default_factory=list)
    fallbacks: dict[str, str] = field(default_factory=dict)  # kind -> the kind standing in


def _pinned(infos: list[LayoutInfo], kind: str, name: str, template_name: str) -> LayoutInfo:
    named = [li for li in infos if li.name == name]
    if not named:
        names = ", ".join(sorted({li.name for li in infos}))
        raise TemplateError(
            f"layouts.{kind}: {template_name} has no layout named '{name}' (layouts: {names})"
        )
    if named[0].vertical:
        raise TemplateError(f"layouts.{kind}: '{name}' is a vertical-text layout; choose another")
    return named[0]


def choose_layouts(
    prs: Any, pinned: dict[str, str] | None = None, template_name: str = "template"
) -> LayoutChoice:
    infos: list[LayoutInfo] = []
    for m, master in enumerate(prs.slide_masters):
        for i, layout in enumerate(master.slide_layouts):
            infos.append(classify(layout, m, i))
    choice = LayoutChoice(by_kind={}, layouts=infos)
    for kind in KINDS:
        if pinned and kind in pinned:
            choice.by_kind[kind] = _pinned(infos, kind, pinned[kind], template_name)
            continue
        for candidate in FALLBACKS[kind]:
            scored = [li for li in infos if candidate in li.kinds and not li.vertical]
            if scored:
                best = max(scored, key=lambda li: (li.kinds[candidate], -li.master, -li.index))
                choice.by_kind[kind] = best
                if candidate != kind and kind not in OPTIONAL:
                    choice.fallbacks[kind] = candidate
                    choice.notes.append(
                        f"no layout for '{kind}' slides: using '{best.name}' ({candidate} layout)"
                    )
                break
    if "content" not in choice.by_kind:
        raise TemplateError(
            f"{template_name} has no layout with a title and a text area: "
            "werkvorm cannot put bullets on its slides"
        )
    return choice


def describe_template(path: Path) -> list[dict[str, Any]]:
    """For ``inspect-template``: every layout, its placeholders, the kinds it serves."""
    from werkvorm.render.deck.template import open_template

    prs = open_template(path)
    choice = choose_layouts(prs, None, display_path(path))
    chosen = {id(li): [k for k, v in choice.by_kind.items() if v is li] for li in choice.layouts}
    return [
        {
            "master": li.master + 1,
            "index": li.index + 1,
            "name": li.name,
            "placeholders": li.placeholders,
            "vertical": li.vertical,
            "serves": sorted(li.kinds),
            "chosen_for": chosen[id(li)],
        }
        for li in choice.layouts
    ]
