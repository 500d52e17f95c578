"""Names from other tools turned into textcode ids, and colours for codes that have none."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NON_ID = re.compile(r"[^a-z0-9]+")

# A qualitative palette of 20 colours (Tableau 20): neighbours differ, and the order is fixed so
# that codes without a colour of their own always get the same ones.
PALETTE: tuple[str, ...] = (
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
    "#AEC7E8",
    "#FFBB78",
    "#98DF8A",
    "#FF9896",
    "#C5B0D5",
    "#C49C94",
    "#F7B6D2",
    "#C7C7C7",
    "#DBDB8D",
    "#9EDAE5",
)


def normalize_color(value: str | None) -> str | None:
    """``#RGB`` or ``#RRGGBB`` (any case) as ``#RRGGBB`` upper case; None when not a colour."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return value.upper()
    if re.fullmatch(r"#[0-9A-Fa-f]{3}", value):
        return "#" + "".join(ch * 2 for ch in value[1:]).upper()
    return None


def slugify(name: str, *, fallback: str = "code") -> str:
    """A textcode id segment for a name: lower case ASCII letters, digits and ``_``.

    Accents are folded ("Financiële middelen" -> ``financiele_middelen``); a name with nothing
    left becomes ``fallback``.
    """
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = _NON_ID.sub("_", ascii_only.casefold()).strip("_")
    return slug or fallback


def unique(candidate: str, taken: Iterable[str] | set[str]) -> str:
    """``candidate``, or ``candidate_2``, ``candidate_3`` ... whichever is not taken yet."""
    taken_set = taken if isinstance(taken, set) else set(taken)
    if candidate not in taken_set:
        return candidate
    n = 2
    while f"{candidate}_{n}" in taken_set:
        n += 1
    return f"{candidate}_{n}"
