"""Charts for results.pdf, drawn with matplotlib (imported here only, lazily).

Each chart is SVG text for WeasyPrint: vector, the same bytes for the same answers
(no date in the metadata, a fixed hash salt for the ids matplotlib makes up).
"""

from __future__ import annotations

import io
from collections.abc import Sequence


def answer_bars(points: Sequence[int], counts: Sequence[int], colour: str) -> str:
    """One horizontal bar per point of a scale, its length the number of answers."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    with matplotlib.rc_context(
        {
            "svg.hashsalt": "werkvorm",
            "svg.fonttype": "path",
            "font.family": "DejaVu Sans",
            "font.size": 9,
        }
    ):
        figure, axes = plt.subplots(figsize=(4.2, 0.22 * len(points) + 0.35))
        try:
            labels = [str(p) for p in points]
            axes.barh(labels, counts, color=colour, height=0.62)
            axes.invert_yaxis()
            axes.set_xlim(0, max([*counts, 1]) * 1.15)
            for y, n in enumerate(counts):
                if n:
                    axes.text(n, y, f" {n}", va="center", fontsize=8, color="#3d474d")
            axes.xaxis.set_visible(False)
            for side in ("top", "right", "bottom"):
                axes.spines[side].set_visible(False)
            axes.tick_params(axis="y", length=0)
            figure.tight_layout(pad=0.2)
            out = io.StringIO()
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(figure)
    text = out.getvalue()
    return text[text.index("<svg") :]
