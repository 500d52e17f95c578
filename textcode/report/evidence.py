"""Links from every number in the report to the answers behind it.

Each count is wrapped in a link to an evidence list (``#ev-<k>``) in the appendix; the list
names the ids and links each to its answer (``#r-<response id>``) or to its respondent's block
(``#u-<unit id>``) in the answers appendix.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from textcode.analysis.html import escape
from textcode.report.html import fill

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def anchor(prefix: str, value: str) -> str:
    """An HTML id for a value: readable when the value is safe, made unique with a hash if not."""
    safe = _UNSAFE.sub("-", value)
    if safe != value or not safe:
        safe += "-" + hashlib.blake2b(value.encode("utf-8"), digest_size=3).hexdigest()
    return f"{prefix}-{safe}"


@dataclass
class EvidenceList:
    key: str
    title: str
    ids: tuple[str, ...]
    kind: str  # "r" (response ids) or "u" (unit ids)


@dataclass
class Evidence:
    """Collects evidence lists while the report is rendered, in the order numbers appear."""

    known_rows: set[str] = field(default_factory=set)
    known_units: set[str] = field(default_factory=set)
    lists: list[EvidenceList] = field(default_factory=list)
    _by_content: dict[tuple[str, tuple[str, ...], str], str] = field(default_factory=dict)

    def link(self, text: object, ids: Iterable[str], title: str, *, kind: str = "r") -> str:
        """``text`` (a number) as a link to the list of ``ids`` behind it."""
        ids = tuple(ids)
        if not ids:
            return escape(text)
        content = (title, ids, kind)
        key = self._by_content.get(content)
        if key is None:
            key = f"ev-{len(self.lists) + 1}"
            self._by_content[content] = key
            self.lists.append(EvidenceList(key, title, ids, kind))
        return fill("evidence_link", key=key, title=escape(title), text=escape(text))

    def id_link(self, value: str, kind: str) -> str:
        """One id as a link to its place in the answers appendix (plain text if it has none)."""
        if kind == "u" and value in self.known_units:
            return fill("id_link", id=anchor("u", value), text=escape(value))
        if value in self.known_rows:
            return fill("id_link", id=anchor("r", value), text=escape(value))
        if value in self.known_units:
            return fill("id_link", id=anchor("u", value), text=escape(value))
        return escape(value)

    def render(self) -> str:
        """The evidence appendix."""
        items = []
        for item in self.lists:
            links = ", ".join(self.id_link(i, item.kind) for i in item.ids)
            items.append(
                fill(
                    "evidence_item",
                    key=item.key,
                    title=escape(item.title),
                    n=len(item.ids),
                    links=links,
                )
            )
        return fill("evidence_list", items="".join(items))
