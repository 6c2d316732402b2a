"""A deck as comparable text, for golden files and assertions (test helper only)."""

from __future__ import annotations

import io
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
