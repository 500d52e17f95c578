"""The review queue: one unit per (answer, code), in review order, and where a reviewer is.

When the coder found several evidence spans for one code in one answer, the unit shows the
most confident span and lists the others; a verdict on any span decides the unit. The queue
keeps no verdicts itself: it is asked with this reviewer's decisions (from the ledger).
"""

from __future__ import annotations

from collections.abc import (
    Callable,
    Collection,
    Container,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.review.ledger import UnitKey

Order = Literal["uncertain", "code", "respondent", "informative"]
ORDERS: tuple[str, ...] = ("uncertain", "code", "respondent", "informative")
# Per answer (response_id, question): how much its review would teach the learned suggester
# (:func:`textcode.review.informative.session_priority`); higher first.
Priority = Mapping[tuple[str, str], float]


@dataclass(frozen=True, slots=True)
class Unit:
    """One (answer, code) to decide: its most confident suggestion and all of its spans."""

    key: UnitKey
    best: dict[str, Any]
    rows: tuple[dict[str, Any], ...]
    position: int
    answer: int = 0  # the answer's place among the suggestions' answers


def build_units(
    rows: Sequence[dict[str, Any]],
    codebook: Codebook | None,
    order: Order,
    priority: Priority | None = None,
) -> dict[UnitKey, Unit]:
    """The units of suggestion ``rows`` in review order.

    ``uncertain``: confidence nearest 0.5 first; ``code``: codebook order; ``respondent``:
    answer by answer; ``informative``: answer by answer, the answers with the highest
    ``priority`` first. Ties keep the suggestions' order.
    """
    units: dict[UnitKey, list[dict[str, Any]]] = {}
    first: dict[UnitKey, int] = {}
    answer_position: dict[tuple[str, str], int] = {}
    for position, row in enumerate(rows):
        key = (str(row["response_id"]), str(row["question"]), str(row["code"]))
        units.setdefault(key, []).append(row)
        first.setdefault(key, position)
        answer_position.setdefault(key[:2], len(answer_position))
    built = []
    for key, unit_rows in units.items():
        unit_rows.sort(
            key=lambda r: (-float(r["confidence"]), int(r["start"]), str(r["suggestion_id"]))
        )
        built.append(
            Unit(key, unit_rows[0], tuple(unit_rows), first[key], answer_position[key[:2]])
        )
    return {unit.key: unit for unit in sort_units(built, codebook, order, priority)}


def sort_units(
    units: Iterable[Unit],
    codebook: Codebook | None,
    order: Order,
    priority: Priority | None = None,
) -> list[Unit]:
    """Units in review ``order`` (see :func:`build_units`); ties keep the suggestions' order."""
    if order == "informative" and priority is None:
        raise ValueError("the informative order needs each answer's priority")
    scores = priority or {}
    code_rank = {c.id: n for n, c in enumerate(codebook.codes)} if codebook is not None else {}

    def sort_key(unit: Unit) -> tuple[Any, ...]:
        rank = code_rank.get(unit.key[2], len(code_rank))
        if order == "uncertain":
            return (abs(float(unit.best["confidence"]) - 0.5), unit.answer, rank, unit.key[2])
        if order == "code":
            return (rank, unit.key[2], unit.answer)
        if order == "respondent":
            return (unit.answer, rank, unit.key[2])
        if order == "informative":
            return (-scores.get(unit.key[:2], 0.0), unit.answer, rank, unit.key[2])
        # A new order needs its key here (and its name in ORDERS): never a silent fallback.
        raise ValueError(f"no sort key for order {order!r}")

    return sorted(units, key=sort_key)


class ReviewQueue:
    """The units in review order, what this session skipped, and the current item."""

    def __init__(self, units: dict[UnitKey, Unit]) -> None:
        self.units = units
        self.unit_of = {
            str(row["suggestion_id"]): unit for unit in units.values() for row in unit.rows
        }
        self.skipped: set[UnitKey] = set()
        self.pinned: UnitKey | None = None
        self.current: str | None = None

    def __len__(self) -> int:
        return len(self.units)

    def progress(self, decided: Collection[UnitKey]) -> dict[str, int]:
        """Units in the queue: total, decided, open, skipped (this session)."""
        # Over the decisions, not the units: a queue of 100,000 units stays quick to ask.
        n_decided = sum(1 for key in decided if key in self.units)
        skipped = sum(1 for key in self.skipped if key not in decided)
        return {
            "total": len(self.units),
            "decided": n_decided,
            "open": len(self.units) - n_decided,
            "skipped": skipped,
        }

    def open_units(self, decided: Container[UnitKey], *, include_skipped: bool) -> Iterator[Unit]:
        """The undecided units in review order."""
        for key, unit in self.units.items():
            if key in decided or (not include_skipped and key in self.skipped):
                continue
            yield unit

    def next(self, decided: Container[UnitKey]) -> Unit | None:
        """The next undecided unit (skipped ones last, an undone one first), now current."""
        candidates = [key for key in self.units if key not in decided]
        if not candidates:
            self.current = None
            return None
        if self.pinned in candidates:
            key = self.pinned
        else:
            fresh = [k for k in candidates if k not in self.skipped]
            key = fresh[0] if fresh else candidates[0]
            if not fresh:
                self.skipped.clear()  # a second round through what was skipped
        self.pinned = None
        unit = self.units[key]
        self.current = str(unit.best["suggestion_id"])
        return unit

    def next_units(
        self,
        decided: Container[UnitKey],
        count: int,
        *,
        units: Sequence[Unit] | None = None,
        keep: Callable[[Unit], bool] | None = None,
    ) -> list[Unit]:
        """The next ``count`` undecided units of ``units`` (default: the queue, in its order)
        that ``keep`` wants: an undone one first, skipped ones last. The first is current."""
        pinned: list[Unit] = []
        if self.pinned is not None and self.pinned not in decided:
            unit = self.units.get(self.pinned)
            if unit is not None and (keep is None or keep(unit)):
                pinned = [unit]
        fresh: list[Unit] = []
        later: list[Unit] = []
        # Stop at the first ``count`` fresh units: a long queue is not read to its end.
        for unit in self.units.values() if units is None else units:
            if len(pinned) + len(fresh) >= count:
                break
            if unit.key in decided or unit.key == self.pinned or (keep and not keep(unit)):
                continue
            (later if unit.key in self.skipped else fresh).append(unit)
        chosen = (pinned + fresh + later)[:count]
        self.current = str(chosen[0].best["suggestion_id"]) if chosen else None
        return chosen

    def skip(self) -> None:
        """Leave the current item for later."""
        if self.current is not None:
            self.skipped.add(self.unit_of[self.current].key)
            self.current = None

    def skip_unit(self, key: UnitKey) -> None:
        """Leave one unit for later (it comes after every unit not skipped)."""
        if key in self.units:
            self.skipped.add(key)
            if self.current is not None and self.unit_of[self.current].key == key:
                self.current = None
            if self.pinned == key:
                self.pinned = None

    def pin(self, key: UnitKey) -> None:
        """Make a unit (an undone decision) come next."""
        if key in self.units:
            self.pinned = key
            self.skipped.discard(key)
