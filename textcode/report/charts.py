"""Charts as SVG, the same bytes on every run: bar charts and co-occurrence heat maps.

matplotlib is used without pyplot (no global state); SVG ids are salted with a fixed string,
the date is left out of the metadata, and text is drawn as paths in the bundled DejaVu Sans,
so the output depends on nothing but the data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

RC: Any = {
    "svg.hashsalt": "textcode",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
}
BAR_COLOR = "#2f6f9f"
OTHER_COLOR = "#9ec5e0"


def _save(figure: Any) -> bytes:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(figure)
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight"
    )
    return buffer.getvalue()


def _wrap(label: str, width: int = 38) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def bar_chart(
    labels: Sequence[str],
    shares: Sequence[float],
    counts: Sequence[int],
    *,
    title: str = "",
    xlabel: str = "",
    highlight: Sequence[bool] | None = None,
) -> bytes:
    """Horizontal bars of shares (in %), largest on top, each bar labelled with its count."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context(RC):
        height = 0.8 + 0.36 * max(len(labels), 1)
        figure = Figure(figsize=(7.2, height))
        ax = figure.add_subplot()
        y = np.arange(len(labels))[::-1]
        values = [100 * s for s in shares]
        colors = [
            BAR_COLOR if (highlight is None or highlight[i]) else OTHER_COLOR
            for i in range(len(labels))
        ]
        ax.barh(y, values, color=colors, height=0.7)
        for yi, value, n in zip(y, values, counts, strict=True):
            ax.text(value + 0.8, yi, f"{value:.0f}% (n={n})", va="center", fontsize=8)
        ax.set_yticks(y, [_wrap(str(label)) for label in labels])
        ax.set_xlim(0, max([*values, 1.0]) * 1.25 + 5)
        ax.set_xlabel(xlabel)
        if title:
            ax.set_title(_wrap(title, 80), loc="left", fontsize=10)
        return _save(figure)


def heat_map(
    matrix: pd.DataFrame,
    *,
    labels: Sequence[str] | None = None,
    title: str = "",
    scale_label: str = "",
) -> bytes:
    """A square co-occurrence matrix as a heat map, each cell with its count."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    names = [_wrap(str(v), 30) for v in (labels or list(matrix.index))]
    values = matrix.to_numpy(dtype=float)
    with mpl.rc_context(RC):
        size = 1.6 + 0.55 * max(len(names), 1)
        figure = Figure(figsize=(size + 2.2, size))
        ax = figure.add_subplot()
        masked = values.copy()
        np.fill_diagonal(masked, np.nan)
        top = np.nanmax(masked) if np.isfinite(masked).any() else 1.0
        mesh = ax.pcolormesh(
            np.nan_to_num(masked, nan=0.0), cmap="Blues", vmin=0, vmax=max(top, 1.0),
            edgecolors="white", linewidth=0.5,
        )  # fmt: skip
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                value = int(values[i, j])
                if value:
                    color = "white" if i != j and value > top * 0.6 else "black"
                    weight = "bold" if i == j else "normal"
                    ax.text(j + 0.5, i + 0.5, str(value), ha="center", va="center",
                            fontsize=8, color=color, fontweight=weight)  # fmt: skip
        ax.set_xticks(np.arange(len(names)) + 0.5, names, rotation=60, ha="right")
        ax.set_yticks(np.arange(len(names)) + 0.5, names)
        ax.invert_yaxis()
        ax.set_aspect("equal")
        figure.colorbar(mesh, ax=ax, shrink=0.6, label=scale_label)
        if title:
            ax.set_title(_wrap(title, 70), loc="left", fontsize=10)
        return _save(figure)
