"""A Word handout as LibreOffice lays it out: where its headings, exercise boxes and
worksheets land on the pages of the PDF it converts it to, measured with pdfplumber."""

from __future__ import annotations

import io
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pdfplumber
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

PT_PER_MM = 72 / 25.4


def to_pdf(soffice: str, path: Path) -> Path:
    """``path`` converted by LibreOffice to a PDF beside it, with a profile per test
    process (two LibreOffices on one profile, as in tests run side by side, fail at
    random)."""
    profile = (Path(tempfile.gettempdir()) / f"werkvorm-lo-{os.getpid()}").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            path,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return path.with_suffix(".pdf")


@dataclass
class Worksheet:
    title: str
    box_page: int  # where its exercise box's heading is (1-based)
    pages: list[int]  # the pages it is on
    height_mm: float  # its height, summed over the pages it is on

    def split_though_it_fits(self, body_mm: float) -> bool:
        return len(self.pages) > 1 and self.height_mm <= body_mm

    def box_apart(self) -> bool:
        """Its box is neither on the page of its heading nor on the left-hand page of the
        spread it faces (page 1 is a right-hand page)."""
        first = self.pages[0]
        return not (
            self.box_page == first or (self.box_page % 2 == 0 and first == self.box_page + 1)
        )


@dataclass
class Layout:
    pages: int
    body_mm: float  # the height of the text area
    fills: list[float]  # per page, how far down the text area its content reaches, 0..1
    worksheets: list[Worksheet] = field(default_factory=list)
    stranded: list[str] = field(default_factory=list)  # headings that end their page
    lines: list[tuple[int, float, str]] = field(default_factory=list)  # page, top, words

    def pages_of(self, text: str) -> list[int]:
        """The pages on which a line starts as ``text`` does (its first 30 letters)."""
        start = _norm(text)[:30]
        found = {n for n, _, shown in self.lines if _norm(shown).lstrip("•☐ ").startswith(start)}
        return sorted(found)

    def opens_page(self, text: str) -> bool:
        """Whether a page's first line starts as ``text`` does."""
        firsts = {n: shown for n, _, shown in reversed(self.lines)}
        return any(_norm(shown).startswith(_norm(text)[:30]) for shown in firsts.values())

    def split(self) -> list[str]:
        return [w.title for w in self.worksheets if w.split_though_it_fits(self.body_mm)]

    def apart(self) -> list[str]:
        return [w.title for w in self.worksheets if w.box_apart()]

    def under_half(self) -> list[int]:
        """Pages less than half full, but the cover and the last."""
        return [n for n, f in enumerate(self.fills, 1) if 1 < n < self.pages and f < 0.5]


def _headings(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of every heading, in the body and in tables, in reading order; a
    block's details line (its time, minutes, format) as level 0."""
    doc = docx.Document(io.BytesIO(data))
    found = []
    for p in doc.element.body.iter(qn("w:p")):
        style = Paragraph(p, doc).style
        name = str(style.name) if style is not None else ""
        if name.startswith("Heading ") and name[8:].isdigit():
            found.append((int(name[8:]), " ".join(Paragraph(p, doc).text.split())))
        elif name == "Block Details":
            found.append((0, " ".join(Paragraph(p, doc).text.split())))
    return found


def _margins_pt(data: bytes) -> tuple[float, float]:
    section = docx.Document(io.BytesIO(data)).sections[-1]
    return section.top_margin.pt, section.bottom_margin.pt


def _lines(page: Any, top: float, bottom: float) -> list[tuple[float, float, str]]:
    """(top, bottom, text) of each line of words in the text area."""
    rows: list[list[Any]] = []
    for word in sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"])):
        if not top - 2 <= word["top"] <= bottom:
            continue
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [
        (row[0]["top"], max(w["bottom"] for w in row), " ".join(w["text"] for w in row))
        for row in rows
    ]


def _ink(page: Any, top: float, bottom: float) -> list[tuple[float, float]]:
    """(top, bottom) of everything drawn in the text area: words, rules, fills."""
    spans = [(t, b) for t, b, _ in _lines(page, top, bottom)]
    for shape in page.lines + page.rects:
        if top - 2 <= shape["top"] and shape["bottom"] <= bottom + 2:
            spans.append((shape["top"], shape["bottom"]))
    return spans


def _norm(text: str) -> str:
    return re.sub(r"[\s\u00ad]+", " ", text).strip()


def _stranded(
    places: list[tuple[int, str, tuple[int, float]]],
    lines: list[tuple[int, float, str]],
    inks: list[list[tuple[float, float]]],
) -> list[str]:
    """The headings (levels 1 and 2) with nothing under them on their page but the rest
    of their own text and a block's details line (no words, no lines to write on)."""
    found = []
    for i, (level, text, (n, t)) in enumerate(places):
        if level not in (1, 2):
            continue
        details = places[i + 1][1] if i + 1 < len(places) and places[i + 1][0] == 0 else ""
        under = _norm(" ".join(x for m, top, x in lines if m == n and top > t + 0.5))
        rest = _norm(text)
        shown = next((x for m, top, x in lines if m == n and abs(top - t) < 0.5), "")
        rest = rest[len(_norm(shown)) :].strip()
        if under.startswith(rest):
            under = under[len(rest) :].strip()
        last = max(top for m, top, _ in lines if m == n)
        if under in ("", _norm(details)) and not any(top > last + 14 for top, _ in inks[n - 1]):
            found.append(text)
    return found


def layout(docx_data: bytes, pdf: Path) -> Layout:
    """Where the handout's worksheets and boxes are on the pages of ``pdf``."""
    top_margin, bottom_margin = _margins_pt(docx_data)
    with pdfplumber.open(pdf) as document:
        height = float(document.pages[0].height)
        bottom = height - bottom_margin
        body = bottom - top_margin
        inks = [_ink(page, top_margin, bottom) for page in document.pages]
        lines = [
            (n, t, text)
            for n, page in enumerate(document.pages, 1)
            for t, _, text in _lines(page, top_margin, bottom)
        ]
    fills = [max((b for _, b in ink), default=top_margin) - top_margin for ink in inks]
    # each heading's place, found in reading order (a long one wraps: its first line)
    places: list[tuple[int, str, tuple[int, float]]] = []
    at = 0
    for level, text in _headings(docx_data):
        for i in range(at, len(lines)):
            n, t, shown = lines[i]
            shown = _norm(shown)
            if _norm(text).startswith(shown) and len(shown) >= min(len(text), 12):
                places.append((level, text, (n, t)))
                at = i + 1
                break
    result = Layout(len(inks), body / PT_PER_MM, [f / body for f in fills])
    result.stranded = _stranded(places, lines, inks)
    result.lines = lines
    places = [place for place in places if place[0]]  # the headings
    for i, (level, text, start) in enumerate(places):
        if level != 3 or i == 0 or places[i - 1][0] != 2:
            continue
        end = places[i + 1][2] if i + 1 < len(places) else (len(inks) + 1, 0.0)
        spans: dict[int, list[tuple[float, float]]] = {}
        for n in range(start[0], min(end[0], len(inks)) + 1):
            for t, b in inks[n - 1]:
                if start <= (n, t + 0.5) and (n, t + 0.5) < end:
                    spans.setdefault(n, []).append((t, b))
        tall = sum(max(b for _, b in s) - min(t for t, _ in s) for s in spans.values())
        result.worksheets.append(
            Worksheet(text, places[i - 1][2][0], sorted(spans), tall / PT_PER_MM)
        )
    return result
