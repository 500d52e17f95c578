"""A review session: one reviewer working through the machine's suggestions, into a ledger.

>>> session = ReviewSession("suggesties.jsonl", "beslissingen.jsonl", reviewer="anna",
...                         answers=read_answers("antwoorden.csv"))      # doctest: +SKIP
>>> item = session.next()                                              # doctest: +SKIP
>>> session.accept()        # the current item                         # doctest: +SKIP
>>> session.undo()          # a retract entry; the ledger is never rewritten  # doctest: +SKIP

The queue holds one item per (answer, code) unit: when the coder found several evidence spans
for one code in one answer, the item shows the most confident span and lists the others; a
verdict on any span decides the unit.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from textcode.errors import InputError
from textcode.privacy import ShownText, shown, shown_evidence
from textcode.privacy.display import redact_quotes
from textcode.records import suggestion_id as make_suggestion_id
from textcode.review.ledger import (
    VERDICTS,
    Ledger,
    LedgerEntry,
    MachineSuggestion,
    UnitKey,
    effective_entries,
    unit_decisions,
    utc_now,
)
from textcode.review.suggestions import (
    SuggestionSource,
    answer_texts,
    load_suggestions,
    records,
)

if TYPE_CHECKING:
    from textcode.codebook import Code, Codebook

Order = Literal["uncertain", "code", "respondent", "informative"]
ORDERS: tuple[str, ...] = ("uncertain", "code", "respondent", "informative")
HIGHLIGHT_MARKERS = ("[[", "]]")


@dataclass(frozen=True, slots=True)
class Span:
    """One evidence span of a suggestion, with offsets into the text as shown."""

    suggestion_id: str
    code: str
    start: int
    end: int
    evidence: str
    rule: str
    confidence: float
    negated: bool = False
    decision: str = "open"

    def to_dict(self) -> dict[str, Any]:
        return {
            "suggestion_id": self.suggestion_id,
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "rule": self.rule,
            "confidence": self.confidence,
            "negated": self.negated,
            "decision": self.decision,
        }


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """What a reviewer needs to decide one suggestion.

    ``text`` is the full answer as shown (redacted unless the session was opened with
    ``redact=False``; None when no answer texts were given) and ``start``/``end`` locate the
    evidence in it. ``spans`` are further evidence spans for the same code; ``others`` are the
    suggestions for the other codes of the same answer.
    """

    suggestion_id: str
    response_id: str
    question: str
    code: str
    label: str
    definition: str
    rule: str
    confidence: float
    negated: bool
    explanation: str
    evidence: str
    start: int
    end: int
    text: str | None
    redacted: bool
    decision: str = "open"
    spans: tuple[Span, ...] = ()
    others: tuple[Span, ...] = ()
    other_labels: dict[str, str] = field(default_factory=dict)
    progress: dict[str, int] = field(default_factory=dict)

    def highlighted(self, markers: tuple[str, str] = HIGHLIGHT_MARKERS) -> str:
        """The answer with the evidence wrapped in ``markers`` (only the evidence if no text)."""
        if self.text is None:
            return f"{markers[0]}{self.evidence}{markers[1]}"
        return highlight(self.text, [(self.start, self.end)], markers)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``textcode review --next --json`` prints this)."""
        return {
            "suggestion_id": self.suggestion_id,
            "response_id": self.response_id,
            "question": self.question,
            "code": self.code,
            "label": self.label,
            "definition": self.definition,
            "rule": self.rule,
            "confidence": self.confidence,
            "negated": self.negated,
            "explanation": self.explanation,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "highlighted": self.highlighted() if self.text is not None else None,
            "redacted": self.redacted,
            "decision": self.decision,
            "spans": [span.to_dict() for span in self.spans],
            "others": [
                {**span.to_dict(), "label": self.other_labels.get(span.code, "")}
                for span in self.others
            ],
            "progress": dict(self.progress),
        }


def highlight(text: str, spans: Iterable[tuple[int, int]], markers: tuple[str, str]) -> str:
    """``text`` with each (start, end) span wrapped in the markers; overlapping spans merge."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out += [text[last:start], markers[0], text[start:end], markers[1]]
        last = end
    out.append(text[last:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Unit:
    key: UnitKey
    best: dict[str, Any]
    rows: tuple[dict[str, Any], ...]
    position: int


class ReviewSession:
    """One reviewer's queue over a set of suggestions, recording decisions in a ledger.

    Parameters
    ----------
    suggestions:
        ``textcode code --out`` JSON Lines/CSV, a DataFrame from ``Coder.suggest()``, or records.
    ledger:
        The ledger file (created on the first decision) or a :class:`Ledger`.
    reviewer:
        The name recorded with every decision.
    answers:
        The answers table (``textcode.read_answers``) so items show the full answer text.
    codebook:
        For labels, definitions, the code order, validation of added codes and the codebook
        version on record. None: the shipped codebook; False: none.
    order:
        ``uncertain`` (least certain first: confidence nearest 0.5), ``code`` (codebook order),
        ``respondent`` (answer by answer) or ``informative`` (answer by answer, those whose
        review teaches the learned suggester most first: :mod:`textcode.review.informative`).
    priority:
        For ``informative``: (response_id, question) -> score, higher first; computed from
        the ledger, suggestions and answers when the session opens if not given.
    question, code, rule:
        Only review suggestions for this question / code / rule.
    redact:
        Show answer texts with personal data replaced by placeholders (textcode.privacy).
    """

    def __init__(
        self,
        suggestions: SuggestionSource,
        ledger: Ledger | str | os.PathLike[str],
        reviewer: str,
        *,
        answers: pd.DataFrame | None = None,
        codebook: Codebook | str | os.PathLike[str] | Literal[False] | None = None,
        order: Order = "uncertain",
        priority: Mapping[tuple[str, str], float] | None = None,
        question: str | None = None,
        code: str | None = None,
        rule: str | None = None,
        redact: bool = True,
        language: str | None = None,
        clock: Callable[[], str] = utc_now,
    ) -> None:
        if not reviewer or not reviewer.strip():
            raise InputError("a reviewer name is needed", field="reviewer")
        if order not in ORDERS:
            raise InputError(f"order must be one of {', '.join(ORDERS)}", field="order")
        self.reviewer = reviewer.strip()
        self.ledger = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
        self.codebook = _resolve_codebook(codebook)
        self.order = order
        self.redact = redact
        self.language = language or (self.codebook.language if self.codebook else "nl")
        self.clock = clock
        self.suggestions = load_suggestions(suggestions)
        self._suggestions_path = (
            str(suggestions) if isinstance(suggestions, str | os.PathLike) else None
        )
        self._texts = answer_texts(answers, self.codebook)
        # The answers a code may be added to: with answers given, their non-empty texts;
        # without, the answers the suggestions show (a reviewer codes only what they can see).
        self._answers_path = _answers_source(answers)
        self._addable: dict[tuple[str, str], bool] | None = (
            None
            if answers is None
            else {key: bool(text.strip()) for key, text in self._texts.items()}
        )
        if "text" in self.suggestions.columns:
            for row in records(self.suggestions[["response_id", "question", "text"]]):
                key = (str(row["response_id"]), str(row["question"]))
                self._texts.setdefault(key, str(row["text"]))
        if order == "informative" and priority is None:
            from textcode.review.informative import session_priority

            priority = session_priority(
                self.suggestions, self.ledger, texts=self._texts, codebook=self.codebook
            )
        self._priority = dict(priority or {})
        self._units = self._build_units(question, code, rule)
        self._by_id = {str(r["suggestion_id"]): r for r in records(self.suggestions)}
        self._suggested_units: set[UnitKey] = {
            (str(r["response_id"]), str(r["question"]), str(r["code"]))
            for r in self._by_id.values()
        }
        self._unit_of = {
            str(row["suggestion_id"]): unit for unit in self._units.values() for row in unit.rows
        }
        self._answer_questions: dict[str, set[str]] = {}
        for rid, q in zip(
            self.suggestions["response_id"], self.suggestions["question"], strict=False
        ):
            self._answer_questions.setdefault(str(rid), set()).add(str(q))
        for rid, q in self._texts:
            self._answer_questions.setdefault(rid, set()).add(q)
        self._entries: list[LedgerEntry] = []
        self._offset = 0
        self._lines = 0
        self._skipped: set[UnitKey] = set()
        self._pinned: UnitKey | None = None
        self._current: str | None = None
        self.refresh()

    # ---------------------------------------------------------------------------- the queue

    def _build_units(
        self, question: str | None, code: str | None, rule: str | None
    ) -> dict[UnitKey, _Unit]:
        frame = self.suggestions
        if question is not None:
            wanted = self.codebook.question_id(question) if self.codebook else question
            frame = frame[frame["question"] == wanted]
        if code is not None:
            frame = frame[frame["code"] == code]
        if rule is not None:
            frame = frame[frame["rule"] == rule]
        units: dict[UnitKey, list[dict[str, Any]]] = {}
        first: dict[UnitKey, int] = {}
        answer_position: dict[tuple[str, str], int] = {}
        for position, row in enumerate(records(frame)):
            key = (str(row["response_id"]), str(row["question"]), str(row["code"]))
            units.setdefault(key, []).append(row)
            first.setdefault(key, position)
            answer_position.setdefault(key[:2], len(answer_position))
        code_rank = {c.id: n for n, c in enumerate(self.codebook.codes)} if self.codebook else {}
        built = []
        for key, rows in units.items():
            rows.sort(
                key=lambda r: (-float(r["confidence"]), int(r["start"]), str(r["suggestion_id"]))
            )
            built.append(_Unit(key, rows[0], tuple(rows), first[key]))

        def sort_key(unit: _Unit) -> tuple[Any, ...]:
            rank = code_rank.get(unit.key[2], len(code_rank))
            answer = answer_position[unit.key[:2]]
            if self.order == "uncertain":
                return (abs(float(unit.best["confidence"]) - 0.5), answer, rank, unit.key[2])
            if self.order == "code":
                return (rank, unit.key[2], answer)
            if self.order == "informative":
                return (-self._priority.get(unit.key[:2], 0.0), answer, rank, unit.key[2])
            return (answer, rank, unit.key[2])

        built.sort(key=sort_key)
        return {unit.key: unit for unit in built}

    def refresh(self) -> None:
        """Read entries other processes appended since the last look."""
        new, self._offset, self._lines = self.ledger.read_from(self._offset, self._lines)
        self._entries.extend(new)

    def _mine(self) -> dict[UnitKey, LedgerEntry]:
        return unit_decisions(self._entries).get(self.reviewer, {})

    def decision(self, key: UnitKey) -> str:
        """This reviewer's verdict on a unit, or ``open``."""
        entry = self._mine().get(key)
        return entry.decision if entry else "open"

    def progress(self) -> dict[str, int]:
        """Units in the queue: total, decided (by this reviewer), open, skipped (this session)."""
        mine = self._mine()
        decided = sum(1 for key in self._units if key in mine)
        skipped = sum(1 for key in self._skipped if key not in mine)
        return {
            "total": len(self._units),
            "decided": decided,
            "open": len(self._units) - decided,
            "skipped": skipped,
        }

    def open_items(
        self, limit: int | None = None, *, include_skipped: bool = True
    ) -> list[ReviewItem]:
        """The open items in review order."""
        self.refresh()
        mine = self._mine()
        items = []
        for key, unit in self._units.items():
            if key in mine or (not include_skipped and key in self._skipped):
                continue
            items.append(self._item(unit, mine))
            if limit is not None and len(items) >= limit:
                break
        return items

    def next(self) -> ReviewItem | None:
        """The next open item (skipped ones come last), or None when everything is decided."""
        self.refresh()
        mine = self._mine()
        candidates = [key for key in self._units if key not in mine]
        if not candidates:
            self._current = None
            return None
        if self._pinned in candidates:
            key = self._pinned
        else:
            fresh = [k for k in candidates if k not in self._skipped]
            key = fresh[0] if fresh else candidates[0]
            if not fresh:
                self._skipped.clear()  # a second round through what was skipped
        self._pinned = None
        unit = self._units[key]
        self._current = str(unit.best["suggestion_id"])
        return self._item(unit, mine)

    def skip(self) -> None:
        """Leave the current item for later (nothing is recorded)."""
        if self._current is not None:
            self._skipped.add(self._unit_of[self._current].key)
            self._current = None

    @property
    def texts(self) -> dict[tuple[str, str], str]:
        """(response_id, question) -> the original answer text, for the answers given."""
        return dict(self._texts)

    @property
    def current(self) -> str | None:
        """The suggestion id of the item :meth:`next` returned last."""
        return self._current

    def item(self, suggestion_id: str) -> ReviewItem:
        """The review item of one suggestion (its unit, shown with that span)."""
        self.refresh()
        row = self._row(suggestion_id)
        unit = self._unit_of.get(suggestion_id)
        if unit is None:
            key = (str(row["response_id"]), str(row["question"]), str(row["code"]))
            unit = _Unit(key, row, (row,), 0)
        return self._item(unit, self._mine(), shown=row)

    def answer(self, response_id: str, question: str | None = None) -> dict[str, Any]:
        """One answer with all its suggestions and this reviewer's verdicts (for agents)."""
        self.refresh()
        question = self._question_for(response_id, question, None)
        # An unknown response is an error, not an empty answer an agent might act on.
        self._check_answer(response_id, question, empty_ok=True)
        mine = self._mine()
        rows = [
            r
            for r in self._by_id.values()
            if str(r["response_id"]) == response_id and str(r["question"]) == question
        ]
        rows.sort(key=lambda r: (int(r["start"]), str(r["code"])))
        view = self._shown_text(response_id, question)
        spans = [self._span(r, mine, view).to_dict() for r in rows]
        added = [
            {"code": key[2], "decision": entry.decision, "suggestion_id": entry.suggestion_id}
            for key, entry in mine.items()
            if key[:2] == (response_id, question) and entry.machine is None
        ]
        codes = self.codebook.codes_for_question(question) if self.codebook else ()
        return {
            "response_id": response_id,
            "question": question,
            "text": view.text if view is not None else None,
            "highlighted": highlight(
                view.text, [(s["start"], s["end"]) for s in spans], HIGHLIGHT_MARKERS
            )
            if view is not None
            else None,
            "redacted": view.redacted if view is not None else False,
            "suggestions": spans,
            "added": added,
            "codes": [{"code": c.id, "label": c.label} for c in codes],
        }

    # ------------------------------------------------------------------------- decisions

    def accept(self, *suggestion_ids: str, comment: str = "") -> list[LedgerEntry]:
        """Accept suggestions (the current item when no id is given): one entry each."""
        return self._decide("accept", suggestion_ids, comment)

    def reject(self, *suggestion_ids: str, comment: str = "") -> list[LedgerEntry]:
        """Reject suggestions (the current item when no id is given): one entry each."""
        return self._decide("reject", suggestion_ids, comment)

    def accept_rule(
        self, rule: str, *, question: str | None = None, comment: str = ""
    ) -> list[LedgerEntry]:
        """Accept every open suggestion of a codebook rule (optionally for one question)."""
        return self._decide("accept", self._rule_ids(rule, question), comment, allow_empty=True)

    def reject_rule(
        self, rule: str, *, question: str | None = None, comment: str = ""
    ) -> list[LedgerEntry]:
        """Reject every open suggestion of a codebook rule (optionally for one question)."""
        return self._decide("reject", self._rule_ids(rule, question), comment, allow_empty=True)

    def _rule_ids(self, rule: str, question: str | None) -> list[str]:
        self.refresh()
        wanted = None
        if question is not None:
            wanted = self.codebook.question_id(question) if self.codebook else question
        mine = self._mine()
        ids = []
        for unit in self._units.values():
            if unit.key in mine or (wanted is not None and unit.key[1] != wanted):
                continue
            ids += [str(r["suggestion_id"]) for r in unit.rows if r["rule"] == rule]
        if not ids:
            self.check_rule(rule)
        return ids

    def check_rule(self, rule: str) -> None:
        """Raise :class:`InputError` (naming the suggestions file) when no suggestion has
        ``rule``; a rule whose suggestions are all decided passes."""
        if not any(r["rule"] == rule for r in self._by_id.values()):
            raise InputError(
                f"no suggestion has rule {rule!r}", path=self._suggestions_path, field="rule"
            )

    def _decide(
        self, decision: str, ids: Sequence[str], comment: str, *, allow_empty: bool = False
    ) -> list[LedgerEntry]:
        if not ids and not allow_empty:
            if self._current is None:
                raise InputError("no current item: call next() or give suggestion ids")
            ids = [self._current]
        entries = [self._entry(self._row(sid), decision, comment) for sid in dict.fromkeys(ids)]
        self._append(entries)
        if self._current in ids:
            self._current = None
        return entries

    def add(
        self, response_id: str, code: str, *, question: str | None = None, comment: str = ""
    ) -> LedgerEntry:
        """Record a code the machine missed for an answer.

        If the machine did suggest that code for the answer, this accepts its suggestion. The
        answer must exist and not be empty: in the answers when the session has them, else
        among the answers the suggestions show. Raises :class:`InputError` (nothing recorded)
        naming the response id and question otherwise.
        """
        response_id = str(response_id)
        question = self.check_add(response_id, code, question=question)
        unit = self._units.get((response_id, question, code))
        if unit is None:
            for row in self._by_id.values():
                if (str(row["response_id"]), str(row["question"]), str(row["code"])) == (
                    response_id,
                    question,
                    code,
                ):
                    unit = _Unit((response_id, question, code), row, (row,), 0)
                    break
        if unit is not None:
            entry = self._entry(unit.best, "accept", comment)
        else:
            entry = LedgerEntry(
                suggestion_id=added_suggestion_id(response_id, question, code),
                response_id=response_id,
                question=question,
                code=code,
                decision="add",
                reviewer=self.reviewer,
                time=self.clock(),
                codebook_version=self._version(),
                comment=comment,
            )
        self._append([entry])
        return entry

    def check_add(self, response_id: str, code: str, *, question: str | None = None) -> str:
        """The question :meth:`add` would record ``code`` under; raises :class:`InputError`
        when the code cannot be added (unknown or empty answer, code not in the codebook or not
        of that question). Records nothing, so a caller can check a batch before deciding."""
        response_id = str(response_id)
        question = self._question_for(response_id, question, code)
        self._check_code(code, question)
        if not self._suggested(response_id, question, code):
            self._check_answer(response_id, question, empty_ok=False)
        return question

    def check_suggestion_ids(self, *suggestion_ids: str) -> None:
        """Raise :class:`InputError` (naming the suggestions file) for an unknown id."""
        for suggestion_id in suggestion_ids:
            self._row(suggestion_id)

    def check_note(self, target: str, *, question: str | None = None) -> None:
        """Raise :class:`InputError` when ``target`` is neither a suggestion id nor the id of
        a response that answered the question (an empty answer may get a note)."""
        if target not in self._by_id:
            question = self._question_for(target, question, None)
            self._check_answer(target, question, empty_ok=True)

    def note(self, target: str, text: str, *, question: str | None = None) -> LedgerEntry:
        """A comment without a verdict, on a suggestion id or on a response id."""
        self.check_note(target, question=question)
        if target in self._by_id:
            entry = self._entry(self._by_id[target], "note", text)
        else:
            question = self._question_for(target, question, None)
            entry = LedgerEntry(
                suggestion_id="",
                response_id=target,
                question=question,
                code="",
                decision="note",
                reviewer=self.reviewer,
                time=self.clock(),
                codebook_version=self._version(),
                comment=text,
            )
        self._append([entry])
        return entry

    def undo(self) -> LedgerEntry | None:
        """Retract this reviewer's latest decision or note that still counts.

        Appends a ``retract`` entry (the ledger is never rewritten) and returns the entry that
        was retracted, or None when there is nothing to undo. The undone item comes next.
        """
        self.refresh()
        mine = [e for e in effective_entries(self._entries) if e.reviewer == self.reviewer]
        if not mine:
            return None
        target = mine[-1]
        self._append(
            [
                LedgerEntry(
                    suggestion_id=target.suggestion_id,
                    response_id=target.response_id,
                    question=target.question,
                    code=target.code,
                    decision="retract",
                    reviewer=self.reviewer,
                    time=self.clock(),
                    codebook_version=self._version(),
                    retracts=target.entry_id,
                )
            ]
        )
        key = (target.response_id, target.question, target.code)
        if key in self._units:
            self._pinned = key
            self._skipped.discard(key)
        return target

    def _append(self, entries: list[LedgerEntry]) -> None:
        if not entries:
            return
        self.ledger.append_many(entries)
        self.refresh()

    # ---------------------------------------------------------------------------- views

    def state(self) -> pd.DataFrame:
        """One row per unit in the queue plus added codes: this reviewer's current verdicts."""
        self.refresh()
        mine = self._mine()
        labels = self.codebook.labels() if self.codebook else {}
        rows = []
        for key, unit in self._units.items():
            entry = mine.get(key)
            rows.append(self._state_row(key, unit.best, len(unit.rows), entry, labels))
        for key, entry in mine.items():
            if key not in self._units:
                machine = entry.machine
                best: dict[str, Any] = {
                    "suggestion_id": entry.suggestion_id,
                    "rule": None,
                    "confidence": None,
                }
                if machine is not None:
                    best.update(
                        response_id=entry.response_id,
                        question=entry.question,
                        rule=machine.rule,
                        confidence=machine.confidence,
                        start=machine.start,
                        end=machine.end,
                        evidence=machine.evidence,
                    )
                rows.append(self._state_row(key, best, 0, entry, labels))
        columns = [
            "response_id",
            "question",
            "code",
            "label",
            "suggestion_id",
            "rule",
            "confidence",
            "evidence",
            "n_spans",
            "decision",
            "value",
            "reviewer",
            "comment",
            "time",
        ]
        return pd.DataFrame(rows, columns=columns)

    def _state_row(
        self,
        key: UnitKey,
        best: dict[str, Any],
        n_spans: int,
        entry: LedgerEntry | None,
        labels: dict[str, str],
    ) -> dict[str, Any]:
        return {
            "response_id": key[0],
            "question": key[1],
            "code": key[2],
            "label": labels.get(key[2], ""),
            "suggestion_id": best["suggestion_id"],
            "rule": best.get("rule"),
            "confidence": best.get("confidence"),
            "evidence": self._show_evidence(best) if "evidence" in best else None,
            "n_spans": n_spans,
            "decision": entry.decision if entry else "open",
            "value": VERDICTS.get(entry.decision) if entry else None,
            "reviewer": self.reviewer,
            "comment": self._show(entry.comment) if entry else "",
            "time": entry.time if entry else None,
        }

    def _item(
        self, unit: _Unit, mine: dict[UnitKey, LedgerEntry], shown: dict[str, Any] | None = None
    ) -> ReviewItem:
        row = shown or unit.best
        rid, question, code = unit.key
        view = self._shown_text(rid, question)
        start, end = int(row["start"]), int(row["end"])
        if view is not None:
            start, end = view.map_span(start, end)
            evidence = view.text[start:end]
        else:
            evidence = self._show_evidence(row)
        spans = tuple(
            self._span(r, mine, view)
            for r in unit.rows
            if str(r["suggestion_id"]) != str(row["suggestion_id"])
        )
        others = tuple(
            self._span(r, mine, view)
            for r in sorted(self._by_id.values(), key=lambda r: (int(r["start"]), str(r["code"])))
            if str(r["response_id"]) == rid
            and str(r["question"]) == question
            and str(r["code"]) != code
        )
        definition = label = ""
        other_labels: dict[str, str] = {}
        if self.codebook is not None:
            known = self._code(code)
            if known is not None:
                label, definition = known.label, known.description
            labels = self.codebook.labels()
            other_labels = {s.code: labels.get(s.code, "") for s in others}
        entry = mine.get(unit.key)
        return ReviewItem(
            suggestion_id=str(row["suggestion_id"]),
            response_id=rid,
            question=question,
            code=code,
            label=label,
            definition=definition,
            rule=str(row["rule"]),
            confidence=float(row["confidence"]),
            negated=bool(row["negated"]),
            explanation=self._show_explanation(row, view),
            evidence=evidence,
            start=start,
            end=end,
            text=view.text if view is not None else None,
            redacted=view.redacted if view is not None else False,
            decision=entry.decision if entry else "open",
            spans=spans,
            others=others,
            other_labels=other_labels,
            progress=self.progress(),
        )

    def _span(
        self,
        row: dict[str, Any],
        mine: dict[UnitKey, LedgerEntry],
        view: ShownText | None,
    ) -> Span:
        start, end = int(row["start"]), int(row["end"])
        # Evidence as shown: cut from the (redacted) text, so no personal data slips through.
        if view is not None:
            start, end = view.map_span(start, end)
            evidence = view.text[start:end]
        else:
            evidence = self._show_evidence(row)
        key = (str(row["response_id"]), str(row["question"]), str(row["code"]))
        entry = mine.get(key)
        return Span(
            suggestion_id=str(row["suggestion_id"]),
            code=str(row["code"]),
            start=start,
            end=end,
            evidence=evidence,
            rule=str(row["rule"]),
            confidence=float(row["confidence"]),
            negated=bool(row["negated"]),
            decision=entry.decision if entry else "open",
        )

    def shown_entry(self, entry: LedgerEntry) -> dict[str, Any]:
        """A ledger entry as shown (``--json`` echoes, MCP): the machine's evidence and the
        comment redacted unless the session was opened with ``redact=False``.

        The ledger itself keeps the original (it is the audit trail); ``machine.start`` and
        ``machine.end`` stay offsets into the original answer.
        """
        data = entry.to_dict()
        data["comment"] = self._show(entry.comment)
        machine = entry.machine
        if machine is not None:
            row = {
                "response_id": entry.response_id,
                "question": entry.question,
                "start": machine.start,
                "end": machine.end,
                "evidence": machine.evidence,
            }
            data["machine"] = {**data["machine"], "evidence": self._show_evidence(row)}
        return data

    def _show_explanation(self, row: dict[str, Any], view: ShownText | None) -> str:
        """A suggestion's explanation as shown: a word it quotes that redaction hides in the
        answer ("matched "Wet"" of "Jan de Wet") becomes the placeholder, then the sentence
        is redacted on its own."""
        explanation = str(row.get("explanation") or "")
        if view is not None and view.redacted:
            span = (int(row["start"]), int(row["end"]))
            explanation = redact_quotes(explanation, view.original, view, span)
        return self._show(explanation)

    def _show(self, text: str) -> str:
        """A free text (a comment, an explanation) as shown."""
        return shown(text, redact=self.redact, language=self.language).text if text else text

    def _show_evidence(self, row: dict[str, Any]) -> str:
        """A suggestion's evidence as shown: cut from the redacted answer when the session has
        it, else redacted on its own (never the raw evidence unless ``redact=False``)."""
        return shown_evidence(
            str(row["evidence"] or ""),
            text=self._texts.get((str(row["response_id"]), str(row["question"]))),
            start=int(row["start"]),
            end=int(row["end"]),
            redact=self.redact,
            language=self.language,
        )

    def _shown_text(self, response_id: str, question: str) -> ShownText | None:
        """The answer as shown (redacted unless ``redact=False``; raises if that cannot run)."""
        text = self._texts.get((response_id, question))
        if text is None:
            return None
        return shown(text, redact=self.redact, language=self.language)

    # ---------------------------------------------------------------------------- helpers

    def _row(self, suggestion_id: str) -> dict[str, Any]:
        row = self._by_id.get(str(suggestion_id))
        if row is None:
            raise InputError(
                f"no suggestion with id {suggestion_id!r}",
                path=self._suggestions_path,
                field="suggestion_id",
            )
        return row

    def _answers_where(self) -> str | None:
        """The file that says which answers exist: the answers if given, else the suggestions."""
        return self._answers_path if self._addable is not None else self._suggestions_path

    def _suggested(self, response_id: str, question: str, code: str) -> bool:
        return (response_id, question, code) in self._suggested_units

    def _check_answer(self, response_id: str, question: str, *, empty_ok: bool) -> None:
        """Raise unless ``response_id`` answered ``question`` (with text, unless ``empty_ok``)."""
        path = self._answers_where()
        if self._addable is None:
            known = {key[:2] for key in self._suggested_units}
            where = "in the suggestions (give the answers to code answers without suggestions)"
        else:
            known = set(self._addable)
            where = "in the answers"
        if (response_id, question) in known:
            if empty_ok or self._addable is None or self._addable[(response_id, question)]:
                return
            raise InputError(
                f"response {response_id!r} left question {question!r} empty: "
                "an empty answer cannot receive a code",
                path=path,
                field="response_id",
            )
        if not any(key[0] == response_id for key in known):
            raise InputError(f"no response {response_id!r} {where}", path=path, field="response_id")
        raise InputError(
            f"response {response_id!r} has no answer to question {question!r} {where}",
            path=path,
            field="question",
        )

    def _version(self) -> str:
        return self.codebook.version if self.codebook else ""

    def _entry(self, row: dict[str, Any], decision: str, comment: str) -> LedgerEntry:
        machine = MachineSuggestion(
            rule=str(row["rule"]),
            confidence=float(row["confidence"]),
            codebook_version=str(row.get("codebook_version") or self._version()),
            start=int(row["start"]),
            end=int(row["end"]),
            evidence=str(row["evidence"]),
            negated=bool(row["negated"]),
        )
        return LedgerEntry(
            suggestion_id=str(row["suggestion_id"]),
            response_id=str(row["response_id"]),
            question=str(row["question"]),
            code=str(row["code"]),
            decision=decision,
            reviewer=self.reviewer,
            time=self.clock(),
            codebook_version=self._version(),
            comment=comment,
            machine=machine,
        )

    def _code(self, code: str) -> Code | None:
        if self.codebook is None:
            return None
        try:
            return self.codebook.code(code)
        except KeyError:
            return None

    def _check_code(self, code: str, question: str) -> None:
        if self.codebook is None:
            return
        path = self.codebook.path
        if code not in self.codebook:
            raise InputError(
                f"no code {code!r} in codebook {self.codebook.id!r}", path=path, field="code"
            )
        allowed = {c.id for c in self.codebook.codes_for_question(question)}
        if allowed and code not in allowed:
            raise InputError(
                f"code {code!r} does not belong to question {question!r}", path=path, field="code"
            )

    def _question_for(self, response_id: str, question: str | None, code: str | None) -> str:
        if question is not None:
            return self.codebook.question_id(question) if self.codebook else question
        if code is not None and self.codebook is not None and code in self.codebook:
            group = self.codebook.group(self.codebook.code(code).group)
            if not group.applies_to_all:
                return group.id
        known = sorted(self._answer_questions.get(response_id, ()))
        if len(known) == 1:
            return known[0]
        if code is not None and "." in code and code.split(".", 1)[0] in known:
            return code.split(".", 1)[0]
        if not known:
            raise InputError(
                f"unknown response id {response_id!r}",
                path=self._answers_where(),
                field="response_id",
            )
        raise InputError(
            f"response {response_id!r} answered several questions ({', '.join(known)}): "
            "name the question",
            path=self._answers_where(),
            field="question",
        )


def added_suggestion_id(response_id: str, question: str, code: str) -> str:
    """The stable id of an added code: the same answer and code give the same id everywhere."""
    return make_suggestion_id(response_id, question, code, -1, -1)


def _answers_source(answers: pd.DataFrame | None) -> str | None:
    """The file ``read_answers`` read the table from (None for a table made in Python)."""
    if answers is None:
        return None
    report = answers.attrs.get("textcode")
    source = report.get("source") if isinstance(report, dict) else None
    if not isinstance(source, str) or source.startswith("<"):
        return None
    return source


def _resolve_codebook(
    codebook: Codebook | str | os.PathLike[str] | Literal[False] | None,
) -> Codebook | None:
    if codebook is False:
        return None
    from textcode.codebook import Codebook as CodebookClass
    from textcode.codebook import load_codebook

    if isinstance(codebook, CodebookClass):
        return codebook
    if codebook is None:
        # The shipped codebook; a source tree without it still reviews, only without labels.
        with contextlib.suppress(FileNotFoundError, OSError):
            return load_codebook(None)
        return None
    return load_codebook(Path(codebook))
