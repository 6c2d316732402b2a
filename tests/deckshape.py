"""A deck as comparable text, for golden files and assertions (test helper only)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pptx import Presentation


def ph_kind(shape: Any) -> str:
    return str(shape.placeholder_format.type).split(".")[-1].split(" ")[0]


def structure(data: bytes) -> list[dict[str, Any]]:
    """Per slide its layout, placeholders and text, and notes."""
    prs = Presentation(io.BytesIO(data))
    out: list[dict[str, Any]] = []
    for slide in prs.slides:
        shapes: list[dict[str, Any]] = []
        for shape in slide.shapes:
            entry: dict[str, Any] = {"name": shape.name}
            if shape.is_placeholder:
                entry["placeholder"] = ph_kind(shape)
            if shape.has_text_frame:
                entry["text"] = shape.text_frame.text
            if shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
                entry["descr"] = shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
            shapes.append(entry)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"layout": slide.slide_layout.name, "shapes": shapes, "notes": notes})
    return out


# -- the deck as a presenter sees it: LibreOffice's rendering, word by word

Box = tuple[float, float, float, float]  # left, top, right, bottom in points


def soffice() -> str | None:
    import os
    import shutil

    import pytest

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("CI"):
        pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-impress")
    return found


def to_pdf(decks: list[Path], folder: Path) -> None:
    """Convert decks with LibreOffice headless, in one run with a profile of its own."""
    import subprocess

    exe = soffice()
    assert exe is not None
    subprocess.run(
        [
            exe,
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, decks),
        ],
        check=False,
        capture_output=True,
        timeout=600,
    )


def rendered_words(pdf: Path) -> list[list[tuple[str, Box]]]:
    """Per page, every word poppler finds with its box (points, from the top left)."""
    import re
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages: list[list[tuple[str, Box]]] = []
    pattern = (
        r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>'
    )
    for line in out.splitlines():
        if "<page " in line:
            pages.append([])
        m = re.search(pattern, line)
        if m:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            pages[-1].append((m.group(5), (x0, y0, x1, y1)))
    return pages


def _box(shape: Any) -> Box:
    pt = 12700
    left, top = (shape.left or 0) / pt, (shape.top or 0) / pt
    return (left, top, left + (shape.width or 0) / pt, top + (shape.height or 0) / pt)


def _layout_text_boxes(slide: Any) -> list[Box]:
    """Text drawn by the layout and master themselves (not placeholders)."""
    boxes = []
    for owner in (slide.slide_layout, slide.slide_layout.slide_master):
        for shape in owner.shapes:
            if not shape.is_placeholder and shape.has_text_frame and shape.text_frame.text.strip():
                boxes.append(_box(shape))
    return boxes


def _pictures(owner: Any) -> list[Box]:
    return [_box(s) for s in owner.shapes if s.shape_type is not None and s.shape_type == 13]


def slide_geometry(data: bytes) -> tuple[tuple[float, float], list[dict[str, Any]]]:
    """The slide size in points, and per slide its text boxes, pictures and logo boxes."""
    prs = Presentation(io.BytesIO(data))
    size = (prs.slide_width / 12700, prs.slide_height / 12700)
    slides = []
    for slide in prs.slides:
        texts = [_box(s) for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        layout, master = slide.slide_layout, slide.slide_layout.slide_master
        slides.append(
            {
                "text": texts + _layout_text_boxes(slide),
                "pictures": _pictures(slide),
                "logos": _pictures(layout) + _pictures(master),
            }
        )
    return size, slides


def inside(inner: Box, outer: Box, slack: float = 4.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def overlaps(a: Box, b: Box, slack: float = 1.0) -> bool:
    return (
        a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack
    )


# -- the size a run is drawn at: its own, else inherited, times the shape's autofit scale


def _level_size(owner: Any, level: int) -> float | None:
    from pptx.oxml.ns import qn

    style = owner._element.find(f".//{qn('a:lstStyle')}")
    node = None if style is None else style.find(f"{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
    return int(node.get("sz")) / 100 if node is not None and node.get("sz") else None


def _same_placeholder(owner: Any, shape: Any) -> Any:
    ph = shape._element.ph
    kind, idx = ph.get("type", "body"), ph.get("idx")
    alike = [o for o in owner.placeholders if o._element.ph.get("type", "body") == kind]
    return next((o for o in alike if o._element.ph.get("idx") == idx), None) or next(
        iter(alike), None
    )


def drawn_sizes(slide: Any, shape: Any) -> list[tuple[str, float]]:
    """(text, points) of every run of a shape as PowerPoint draws it: the run's size, else
    the shape's, the layout's, the master's list style, else the master's text styles;
    times the ``normAutofit`` font scale of the shape or what it inherits from."""
    from pptx.oxml.ns import qn

    layout, master = slide.slide_layout, slide.slide_layout.slide_master
    chain = [shape]
    if shape.is_placeholder:
        chain += [
            o for o in (_same_placeholder(layout, shape), _same_placeholder(master, shape)) if o
        ]
    scale = 1.0
    for owner in chain:
        body = owner._element.find(f".//{qn('a:bodyPr')}")
        fit = None if body is None else body.find(qn("a:normAutofit"))
        if fit is not None:
            scale = int(fit.get("fontScale", "100000")) / 100000
            break
    kind = shape._element.ph.get("type", "body") if shape.is_placeholder else ""
    which = "titleStyle" if kind in ("title", "ctrTitle") else "bodyStyle" if kind else "otherStyle"
    out = []
    for p in shape.text_frame.paragraphs:
        level = (p.level or 0) + 1
        for r in p.runs:
            size = r.font.size.pt if r.font.size else None
            for owner in chain:
                size = size or _level_size(owner, level)
            if size is None:
                styles = master._element.find(qn("p:txStyles")).find(qn(f"p:{which}"))
                node = styles.find(f"{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
                size = int(node.get("sz")) / 100 if node is not None and node.get("sz") else 18.0
            out.append((r.text, size * scale))
    return out
