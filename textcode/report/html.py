"""The report's HTML: named templates (``templates/report.html``) and one style sheet
(``templates/report.css``), package data read once.

    >>> fill("h3", text="Thema's")
    "<h3>Thema's</h3>"
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from string import Template

_BLOCK = re.compile(r"^<!-- ([a-z_0-9]+) -->$")


def _read(name: str) -> str:
    return (resources.files("textcode.report") / "templates" / name).read_text(encoding="utf-8")


@cache
def templates() -> dict[str, Template]:
    """Every block of ``report.html`` by name: a marker line ``<!-- name -->`` starts a block,
    and its lines are joined without line breaks (``$newline`` is one)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _read("report.html").split("\n"):
        marker = _BLOCK.match(line)
        if marker:
            current = blocks.setdefault(marker.group(1), [])
        elif current is not None:
            current.append(line)
    return {name: Template("".join(lines)) for name, lines in blocks.items()}


@cache
def style_sheet() -> str:
    """The report's CSS."""
    return _read("report.css")


def fill(template: str, /, **values: object) -> str:
    """The block ``template`` with ``values`` (already escaped HTML) filled in."""
    return templates()[template].substitute({key: str(value) for key, value in values.items()})
