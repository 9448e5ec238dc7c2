"""SVG bar charts for the report, made with matplotlib and byte-identical from run to run.

Determinism: a fixed `svg.hashsalt` (the ids matplotlib gives clip paths and glyphs), no creation
date in the metadata, and text kept as text (`svg.fonttype: none`, so no glyph outlines whose ids
depend on the fonts on the machine). The chart is a picture for sighted readers; the report puts a
table with the same numbers beside each one, and the SVG carries role="img" and a label.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

from ..numbers import format_number

# The guide's colours (site/static/style.css): --brand, --accent, --text, --line.
BRAND = "#0b3a63"
ACCENT = "#d9a400"
TEXT = "#1b1f24"
LINE = "#cfd6de"

_STYLE: Any = {
    "svg.hashsalt": "sociaalaankopen",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.edgecolor": LINE,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
}


def bar_chart(
    labels: Sequence[str], values: Sequence[float | None], *, label: str, unit: str = "%", counts: bool = False
) -> str:
    """A horizontal bar chart as an inline <svg> element; `label` is what a screen reader announces.
    The axis is numbered as a Dutch reader writes numbers (2,5; 1.000); `counts`: whole numbers only.
    A value of None (a share of nothing) has no bar but the words "n.v.t.", so it does not pass for 0."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with matplotlib.rc_context(_STYLE):
        height = 0.9 + 0.32 * max(len(labels), 1)
        figure = Figure(figsize=(7.0, height), layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.barh(positions, [value or 0.0 for value in values], color=BRAND, height=0.7)
        for position, value in zip(positions, values, strict=True):
            if value is None:
                axes.annotate(
                    "n.v.t.", (0, position), xytext=(4, 0), textcoords="offset points", va="center", color=TEXT
                )
        axes.set_yticks(positions, labels=list(labels))
        axes.invert_yaxis()  # the first row of the table on top
        axes.set_xlabel(unit)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _position: format_number(x, "nl")))
        if counts:
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="x", color=LINE, linewidth=0.6)
        axes.set_axisbelow(True)
        if max((value or 0.0 for value in values), default=0.0) <= 0:
            axes.set_xlim(0, 1)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _inline(buffer.getvalue(), label)


def _inline(svg: str, label: str) -> str:
    """The <svg> element alone (no XML declaration or DOCTYPE), labelled for assistive technology."""
    start = svg.index("<svg")
    svg = svg[start:]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.S)
    return svg.replace("<svg ", f'<svg role="img" aria-label={quoteattr(label)} class="chart" ', 1).strip()
