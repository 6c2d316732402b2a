"""Names stamped onto laid-out pages: every participant's name laid out once, cut into one
small drawing per name, and drawn wherever a base document left room for it.

WeasyPrint spends some 4 ms on a page before anything is on it, and a few tenths of a
millisecond on each box (twice that on an absolutely placed one); a page per participant
and document made the names the largest part of a kit with a participant list. So all
names of one document are laid out together, as a column of equal bands in normal flow
on tall pages (``Column``: band ``i`` holds one name's region, with text exactly where
the markup and CSS of the document it is stamped on put it). ``Names`` cuts each page's
drawing into one content stream per band: a band keeps the text, paths and pictures
whose origin lies inside it, with every state operator around them. ``Names.form`` makes
a band a form XObject with the names page's fonts, drawn on a copy of a base page at a
``Place``, upright or turned half a circle (the upper face of a table tent). A copy
holds only its own band's drawing: no other participant's name is hidden in a
personalised handout.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pikepdf

from werkvorm.render.paper import MM

MAX_PAGE_MM = 5000.0  # PDF pages end at 200 inches (5080 mm)

_PATH = {"m", "l", "c", "v", "y", "re", "h"}
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_CLIP = {"W", "W*"}
_PLACED = {"Do", "sh", "INLINE IMAGE"}  # drawn at the current transformation's origin
_SHOW = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class Column:
    """Bands of ``pitch`` mm on pages ``width`` mm wide, as many a page as fit."""

    width: float
    pitch: float
    count: int

    @property
    def per_page(self) -> int:
        return max(1, int(MAX_PAGE_MM // self.pitch))

    @property
    def height(self) -> float:
        """A names page's height in millimetres (every page the same)."""
        return self.pitch * min(self.per_page, max(1, self.count))

    def pages(self) -> list[list[int]]:
        """The band numbers on each page (for the template)."""
        step = self.per_page
        return [list(range(i, min(i + step, self.count))) for i in range(0, self.count, step)]


@dataclass(frozen=True)
class Place:
    """Where a band goes: its top-left corner at (``x``, ``y``) mm from the top-left of a
    page ``page_height`` points high; ``turned``: rotated half a circle about its centre."""

    x: float
    y: float
    page_height: float
    turned: bool = False


@dataclass
class _Text:
    """A text object (``BT ... ET``): its operators, each with the band it shows text in
    (-1: state, kept in every band). WeasyPrint sets several boxes' text in one object,
    each from its own ``Tm``, so one object can serve several bands."""

    ops: list[tuple[int, Any]]
    bands: set[int]


@dataclass
class _Group:
    """A ``q ... Q`` group of a content stream (the root has neither)."""

    items: list[tuple[int, list[Any] | _Text | _Group]] = field(
        default_factory=list
    )  # (band, ops) for drawing, band -1 for state operators kept in every band
    bands: set[int] = field(default_factory=set)


def _multiply(m: Sequence[float], ctm: Sequence[float]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _y(ctm: Sequence[float], x: float, y: float) -> float:
    """The page's y coordinate (points, upwards) of (x, y) in the current space."""
    return ctm[1] * x + ctm[3] * y + ctm[5]


def _numbers(operands: Iterable[object]) -> list[float]:
    return [float(v) for v in operands if isinstance(v, (int, float, Decimal))]


class _Cutter:
    """Sorts one page's operators into bands by where they draw."""

    def __init__(self, top: float, pitch: float, bands: int) -> None:
        self.top, self.pitch, self.bands = top, pitch, bands

    def band(self, y: float) -> int:
        return min(self.bands - 1, max(0, int((self.top - y) // self.pitch)))

    def text(self, ops: Iterator[Any], first: Any, ctm: Sequence[float]) -> _Text:
        """The text object that ``first`` (its ``BT``) opens, read up to its ``ET``."""
        found: list[tuple[int, Any]] = [(-1, first)]
        band, line = -1, ctm[5]
        for op in ops:
            name = str(op.operator)
            if name == "Tm":
                nums = _numbers(op.operands)
                line = _y(ctm, nums[4], nums[5])
                band = self.band(line)
            elif name in ("Td", "TD"):
                line += ctm[3] * _numbers(op.operands)[1]
                band = self.band(line)
            found.append((band if name in _SHOW else -1, op))
            if name == "ET":
                break
        return _Text(found, {b for b, _ in found if b >= 0})

    def tree(self, ops: Sequence[Any]) -> _Group:
        root = _Group()
        stack: list[tuple[_Group, tuple[float, ...]]] = []
        group: _Group = root
        ctm: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        unit: list[Any] = []
        origin = 0.0
        stream = iter(ops)
        for op in stream:
            name = str(op.operator)
            if name == "BT":
                text = self.text(stream, op, ctm)
                group.items.append((-2, text))
                group.bands |= text.bands
            elif name in _PATH or name in _CLIP:
                if not unit:
                    nums = _numbers(op.operands)
                    origin = _y(ctm, nums[0], nums[1]) if len(nums) >= 2 else ctm[5]
                unit.append(op)
            elif name in _PAINT:
                unit.append(op)
                clip = any(str(u.operator) in _CLIP for u in unit)
                self._add(group, -1 if name == "n" or clip else self.band(origin), unit)
                unit = []
            elif name in _PLACED:
                self._add(group, self.band(ctm[5]), [op])
            elif name == "q":
                stack.append((group, ctm))
                child = _Group()
                group.items.append((-1, child))
                group = child
            elif name == "Q" and stack:
                inner = group
                group, ctm = stack.pop()
                group.bands |= inner.bands
            else:
                if name == "cm":
                    ctm = _multiply(_numbers(op.operands), ctm)
                group.items.append((-1, [op]))
        return root

    @staticmethod
    def _add(group: _Group, band: int, ops: list[Any]) -> None:
        """Drawing for ``band`` (a clip, -1, is kept in every band)."""
        group.items.append((band, ops))
        if band >= 0:
            group.bands.add(band)


def _emit(group: _Group, band: int) -> Iterator[Any]:
    for owner, item in group.items:
        if isinstance(item, _Group):
            if band in item.bands:
                yield ((), pikepdf.Operator("q"))
                yield from _emit(item, band)
                yield ((), pikepdf.Operator("Q"))
        elif isinstance(item, _Text):
            if band in item.bands:
                yield from (op for b, op in item.ops if b in (-1, band))
        elif owner in (-1, band):
            yield from item


class Names:
    """A laid-out names document (pages of a ``Column``), cut into one drawing per band."""

    def __init__(self, data: bytes, column: Column) -> None:
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.column = column
        self.drawings: list[bytes] = []
        self.page_of: list[int] = []
        pitch = column.pitch * MM
        for number, bands in enumerate(column.pages()):
            page = self.pdf.pages[number]
            top = float(page.mediabox[3])
            root = _Cutter(top, pitch, len(bands)).tree(pikepdf.parse_content_stream(page))
            for b in range(len(bands)):
                self.drawings.append(pikepdf.unparse_content_stream(list(_emit(root, b))))
                self.page_of.append(number)
        self._resources: dict[tuple[int, int], tuple[pikepdf.Pdf, pikepdf.Object]] = {}

    def resources(self, target: pikepdf.Pdf, page: int) -> pikepdf.Object:
        """The names page's fonts and graphic states, copied into ``target`` once (the
        cache holds ``target`` too, so its id is not reused while the entry lives)."""
        key = (id(target), page)
        if key not in self._resources:
            own = self.pdf.pages[page].obj.get("/Resources", pikepdf.Dictionary())
            self._resources[key] = (target, target.copy_foreign(own))
        return self._resources[key][1]

    def form(self, target: pikepdf.Pdf, band: int, place: Place) -> pikepdf.Object:
        """Band ``band`` as a form XObject in ``target``, drawn at ``place``."""
        number = self.page_of[band]
        top = float(self.pdf.pages[number].mediabox[3])
        width, pitch = self.column.width * MM, self.column.pitch * MM
        upper = top - (band - self.column.per_page * number) * pitch  # the band's top edge
        target_top = place.page_height - place.y * MM
        if place.turned:
            matrix = [-1, 0, 0, -1, place.x * MM + width, target_top - pitch + upper]
        else:
            matrix = [1, 0, 0, 1, place.x * MM, target_top - upper]
        form = target.make_stream(self.drawings[band])
        form.Type = pikepdf.Name.XObject
        form.Subtype = pikepdf.Name.Form
        form.BBox = pikepdf.Array([0, round(upper - pitch, 4), round(width, 4), round(upper, 4)])
        form.Matrix = pikepdf.Array([round(v, 4) for v in matrix])
        form.Resources = self.resources(target, number)
        return form


def own_page(pdf: pikepdf.Pdf, page: pikepdf.Page, stamps: int) -> None:
    """Give ``page`` a content list and resources of its own (pages of one source often
    share them): its drawing wrapped in ``q ... Q``, then ``stamps`` forms drawn over it
    under fixed names (``/WerkvormStamp0`` ...; the same inputs give the same bytes),
    which ``set_forms`` fills in (again and again, for copy after copy). Stamps are
    untagged drawings, so a tagged page marks them as artifacts."""
    contents = page.obj.get("/Contents")
    parts = (
        list(contents)
        if isinstance(contents, pikepdf.Array)
        else [contents]
        if contents is not None
        else []
    )
    draw = b"Q\n" + b"".join(
        f"/Artifact BMC q /WerkvormStamp{n} Do Q EMC\n".encode() for n in range(stamps)
    )
    page.obj.Contents = pikepdf.Array([pdf.make_stream(b"q\n"), *parts, pdf.make_stream(draw)])
    resources = page.obj.get("/Resources")
    own = (
        pikepdf.Dictionary({k: v for k, v in resources.items()})
        if isinstance(resources, pikepdf.Dictionary)
        else pikepdf.Dictionary()
    )
    xobjects = own.get("/XObject")
    own.XObject = (
        pikepdf.Dictionary({k: v for k, v in xobjects.items()})
        if isinstance(xobjects, pikepdf.Dictionary)
        else pikepdf.Dictionary()
    )
    page.obj.Resources = own


def set_forms(page: pikepdf.Page, forms: Sequence[pikepdf.Object]) -> None:
    """The forms a page prepared by ``own_page`` draws."""
    xobjects = page.obj.Resources.XObject
    for n, form in enumerate(forms):
        xobjects[f"/WerkvormStamp{n}"] = form
