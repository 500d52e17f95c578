"""HTML for Jupyter: result objects show as tables (``_repr_html_``)."""

from __future__ import annotations

import html

import pandas as pd


def escape(text: object) -> str:
    """Text safe inside HTML elements and attributes."""
    return html.escape(str(text), quote=True)


def frame_html(frame: pd.DataFrame, *, max_rows: int = 60, caption: str = "") -> str:
    """A DataFrame as an HTML table, long ones cut with a note."""
    shown = frame.head(max_rows)
    body = shown.to_html(index=False, escape=True, float_format=lambda v: f"{v:.3f}")
    note = ""
    if len(frame) > max_rows:
        note = f"<p><i>{len(frame) - max_rows} more rows</i></p>"
    head = f"<p><b>{escape(caption)}</b></p>" if caption else ""
    return head + body + note
