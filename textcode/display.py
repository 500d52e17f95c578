"""How result objects show themselves: short ``repr`` lines and compact HTML for Jupyter.

A ``repr`` is one line a person reads at a glance, never the whole object (a codebook holds
50 kB of rules and examples); ``_repr_html_`` is a small table with a bar per count and a few
examples, every text escaped and cut to a bounded length, so that a notebook stays readable
whatever the data holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

# Bounds: a repr line, a text cell, the rows of an HTML table.
REPR_CHARS = 200
CELL_CHARS = 120
TABLE_ROWS = 40


def shorten(text: object, limit: int = CELL_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" when longer."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 0)] + "…"


def listing(items: Iterable[object], limit: int = 5) -> str:
    """``a, b, c, … (+4)``: the first ``limit`` items and how many more there are."""
    values = [str(item) for item in items]
    shown = ", ".join(values[:limit])
    more = len(values) - limit
    return f"{shown}, … (+{more})" if more > 0 else shown


def counted(n: int, noun: str) -> str:
    """A count with its English noun: "1 answer", "3 answers"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def one_line(text: str, limit: int = REPR_CHARS) -> str:
    """A repr: one line of at most ``limit`` characters."""
    return shorten(text, limit)


def escape(text: object) -> str:
    """Text safe inside HTML elements and attributes."""
    return html.escape(str(text), quote=True)


def bar(value: float, maximum: float, width: int = 120) -> str:
    """A horizontal bar of ``value`` against ``maximum`` (inline CSS, no script)."""
    share = 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum))
    pixels = round(share * width)
    return (
        f'<div style="background:#4c78a8;height:0.8em;width:{pixels}px" '
        f'title="{escape(value)}"></div>'
    )


def marked(text: str, start: int, end: int, context: int = 50) -> str:
    """``text`` around ``[start, end)`` with that span in ``<mark>``, escaped and cut to
    ``context`` characters either side."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = text[max(0, start - context) : start]
    right = text[end : end + context]
    lead = "…" if start - context > 0 else ""
    tail = "…" if end + context < len(text) else ""
    return (
        f"{lead}{escape(_spaced(left))}<mark>{escape(shorten(text[start:end]))}</mark>"
        f"{escape(_spaced(right))}{tail}"
    )


def _spaced(text: str) -> str:
    """Runs of white space (line ends included) as one space, so that a cell stays a line."""
    return re.sub(r"\s+", " ", text)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    caption: str = "",
    raw: Sequence[int] = (),
    max_rows: int = TABLE_ROWS,
) -> str:
    """An HTML table; cells are escaped and shortened except the columns in ``raw`` (already
    HTML, such as bars and marked text); rows beyond ``max_rows`` are counted, not shown."""
    head = "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows[:max_rows]:
        cells = (cell if index in raw else escape(shorten(cell)) for index, cell in enumerate(row))
        body.append(
            "<tr>" + "".join(f"<td style='text-align:left'>{c}</td>" for c in cells) + "</tr>"
        )
    more = len(rows) - max_rows
    note = f"<p><i>… {more} more rows</i></p>" if more > 0 else ""
    title = f"<p><b>{escape(caption)}</b></p>" if caption else ""
    return (
        f"{title}<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}"
    )
