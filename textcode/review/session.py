"""A review session: one reviewer working through the machine's suggestions, into a ledger.

>>> session = ReviewSession("suggesties.jsonl", "beslissingen.jsonl", reviewer="anna",
...                         answers=read_answers("antwoorden.csv"))      # doctest: +SKIP
>>> item = session.next()                                              # doctest: +SKIP
>>> session.accept()        # the current item                         # doctest: +SKIP
>>> session.undo()          # a retract entry; the ledger is never rewritten  # doctest: +SKIP

:class:`ReviewSession` joins three parts: the queue (:mod:`textcode.review.queue`, one unit
per answer and code, in review order), the decisions (:mod:`textcode.review.decisions`: every
decision checked before any is recorded, :meth:`ReviewSession.decide` for a batch) and the
views (:mod:`textcode.review.views`: items and entries as shown, redacted).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from textcode.codebook.questions import group_of
from textcode.codebook.resolve import resolve_codebook
from textcode.coding.suggestions import (
    SuggestionSource,
    answer_texts,
    fitting_span,
    read_placed_suggestions,
    suggestion_records,
    suggestions_table,
)
from textcode.display import one_line
from textcode.errors import InputError
from textcode.privacy import ShownText
from textcode.privacy.display import mark_spans
from textcode.review.decisions import (
    CHANGED,
    RECORDED,
    UNCHANGED,
    DecisionChecks,
    Decisions,
    Outcome,
    Recorded,
    Verdict,
    added_suggestion_id,
    decision_entry,
    verdict_entry,
)
from textcode.review.ledger import (
    VERDICTS,
    Ledger,
    LedgerEntry,
    MarkedSpan,
    UnitKey,
    effective_entries,
    new_entry_id,
    unit_decisions,
    utc_now,
)
from textcode.review.queue import ORDERS, Order, ReviewQueue, Unit, build_units, sort_units
from textcode.review.views import (
    HIGHLIGHT_MARKERS,
    ReviewItem,
    Shown,
    Span,
    highlight,
)

if TYPE_CHECKING:
    import pandas as pd

    from textcode.codebook import Code, Codebook

__all__ = [
    "HIGHLIGHT_MARKERS",
    "ORDERS",
    "Decisions",
    "Order",
    "Outcome",
    "Recorded",
    "ReviewItem",
    "ReviewSession",
    "Span",
    "Verdict",
    "added_suggestion_id",
    "highlight",
]


MAX_EXAMPLES = 3  # of a code's positive and of its negative examples on a review item

# The columns of ReviewSession.state(): one row per unit, this reviewer's verdict on it.
STATE_FIELDS: tuple[str, ...] = (
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
)


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
        review teaches the learned suggester most first; re-ranked as decisions come in:
        :mod:`textcode.review.informative`).
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
        # The suggestions' rows, as records of their table; the table is made on first use
        # (for a file as textcode code writes it, the rows are the validated ones, not a copy).
        self._read, places = read_placed_suggestions(suggestions)
        self._table: pd.DataFrame | None = None
        self._rows = suggestion_records(self._read)
        suggestions_path = str(suggestions) if isinstance(suggestions, str | os.PathLike) else None
        self._texts = answer_texts(answers, self.codebook)
        addable_texts = dict(self._texts)
        if answers is not None:
            # Given answers are the ones coded: a suggestion on no answer of them, or whose
            # evidence is not its answer's words, would be decided on text nobody saw.
            for n, row in enumerate(self._rows):
                key = (str(row["response_id"]), str(row["question"]))
                fitting_span(row, places.of(n), addable_texts.get(key))
        if self._rows and "text" in self._rows[0]:
            for row in self._rows:
                key = (str(row["response_id"]), str(row["question"]))
                self._texts.setdefault(key, str(row["text"]))
        self._by_id = {str(r["suggestion_id"]): r for r in self._rows}
        # Each answer's suggestions in text order, found at once (not by a scan of them all).
        self._by_answer: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in sorted(self._by_id.values(), key=lambda r: (int(r["start"]), str(r["code"]))):
            key = (str(row["response_id"]), str(row["question"]))
            self._by_answer.setdefault(key, []).append(row)
        self._checks = DecisionChecks(
            self._by_id,
            texts=addable_texts,
            answers_given=answers is not None,
            codebook=self.codebook,
            suggestions_path=suggestions_path,
            answers_path=_answers_source(answers),
        )
        # Every answer the session knows of, also those only the suggestions' texts show.
        self._checks.know_texts(self._texts)
        windows = {c.id: c.window for c in self.codebook.codes} if self.codebook else {}
        self._shown = Shown(self._texts, redact, self.language, windows)
        self._entries: list[LedgerEntry] = []
        self._offset = 0
        self._lines = 0
        self.refresh()
        self._priority: dict[tuple[str, str], float] = {}
        self._priority_from = -1  # ledger entries the priority was learned from (-1: none yet)
        self._queue = ReviewQueue(
            build_units(
                self._selected(question, code, rule), self.codebook, order, self._ranking(order)
            )
        )

    @property
    def suggestions(self) -> pd.DataFrame:
        """The suggestions under review as a table (:func:`~textcode.coding.suggestions.
        load_suggestions`'), made when first asked for: a session itself works on its rows."""
        if self._table is None:
            self._table = suggestions_table(self._read)
        return self._table

    def __repr__(self) -> str:
        return one_line(
            f"<ReviewSession {self.reviewer}: {len(self._rows)} suggestions, "
            f"ledger {self.ledger.path}>"
        )

    def _ranking(self, order: Order) -> dict[tuple[str, str], float] | None:
        """Each answer's priority for the ``informative`` order (None for the others), learned
        from the ledger again once :data:`~textcode.review.informative.RELEARN_AFTER` new
        entries have come in."""
        if order != "informative":
            return None
        from textcode.review.informative import RELEARN_AFTER, session_priority

        if self._priority_from < 0 or len(self._entries) - self._priority_from >= RELEARN_AFTER:
            self._priority = session_priority(
                self.suggestions, self._entries, texts=self._texts, codebook=self.codebook
            )
            self._priority_from = len(self._entries)
        return self._priority

    def _rerank(self) -> None:
        """In the informative order, put the queue in the order the latest decisions teach."""
        if self.order == "informative":
            before = self._priority_from
            priority = self._ranking(self.order)
            if self._priority_from != before:
                units = sort_units(self._queue.units.values(), self.codebook, self.order, priority)
                self._queue.units = {unit.key: unit for unit in units}

    def _selected(
        self, question: str | None, code: str | None, rule: str | None
    ) -> list[dict[str, Any]]:
        rows = self._rows
        if question is not None:
            group = group_of(question, self.codebook)
            rows = [row for row in rows if row["question"] == group]
        if code is not None:
            rows = [row for row in rows if row["code"] == code]
        if rule is not None:
            rows = [row for row in rows if row["rule"] == rule]
        return [dict(row) for row in rows]  # (copies, as the table's records were)

    # ---------------------------------------------------------------------------- the queue

    def refresh(self) -> None:
        """Read entries other processes appended since the last look."""
        new, self._offset, self._lines = self.ledger.read_from(
            self._offset, self._lines, self._entries
        )
        self._entries.extend(new)

    def _mine(self) -> dict[UnitKey, LedgerEntry]:
        return unit_decisions(self._entries).get(self.reviewer, {})

    def entries(self) -> list[LedgerEntry]:
        """Every entry of the ledger (all reviewers), read up to now."""
        self.refresh()
        return list(self._entries)

    def my_verdicts(self) -> dict[UnitKey, LedgerEntry]:
        """This reviewer's verdicts that count, per unit, in ledger order."""
        self.refresh()
        return dict(self._mine())

    def my_notes(self) -> list[LedgerEntry]:
        """This reviewer's notes that count, in ledger order."""
        self.refresh()
        return list(self._my_notes().values())

    def group_of(self, question: str) -> str:
        """The question's group id in this session's codebook (the name itself without one)."""
        return group_of(question, self.codebook)

    def open_count(
        self, *, question: str | None = None, code: str | None = None, rule: str | None = None
    ) -> int:
        """How many units are open for this reviewer, narrowed as :meth:`next_items` is."""
        mine = self.my_verdicts()
        if question is None and code is None and rule is None:
            return self._queue.progress(mine)["open"]
        group = group_of(question, self.codebook) if question is not None else None
        return sum(
            1
            for key, unit in self._queue.units.items()
            if key not in mine
            and (group is None or key[1] == group)
            and (code is None or key[2] == code)
            and (rule is None or any(r["rule"] == rule for r in unit.rows))
        )

    def shown_comment(self, text: str) -> str:
        """A comment as shown (redacted unless the session was opened with ``redact=False``)."""
        return self._shown.free_text(text)

    def decision(self, key: UnitKey) -> str:
        """This reviewer's verdict on a unit, or ``open``."""
        entry = self._mine().get(key)
        return entry.decision if entry else "open"

    def progress(self) -> dict[str, int]:
        """Units in the queue: total, decided (by this reviewer), open, skipped (this session)."""
        return self._queue.progress(self._mine())

    def open_items(
        self, limit: int | None = None, *, include_skipped: bool = True
    ) -> list[ReviewItem]:
        """The open items in review order."""
        self.refresh()
        self._rerank()
        mine = self._mine()
        items = []
        for unit in self._queue.open_units(mine, include_skipped=include_skipped):
            items.append(self._item(unit, mine))
            if limit is not None and len(items) >= limit:
                break
        return items

    def next(self) -> ReviewItem | None:
        """The next open item (skipped ones come last), or None when everything is decided."""
        self.refresh()
        self._rerank()
        mine = self._mine()
        unit = self._queue.next(mine)
        return None if unit is None else self._item(unit, mine)

    def next_items(
        self,
        count: int = 1,
        *,
        order: Order | None = None,
        question: str | None = None,
        code: str | None = None,
        rule: str | None = None,
    ) -> list[ReviewItem]:
        """The next ``count`` open items (an undone one first, skipped ones last), in ``order``
        (default: the session's) and narrowed to a question (group id or alias), code or rule.
        Nothing is recorded: asked again, it gives the same items. The first becomes current.
        """
        if order is not None and order not in ORDERS:
            raise InputError(
                f"order must be one of {', '.join(ORDERS)}",
                field="order",
                kind="not_allowed",
                value=order,
                allowed=ORDERS,
            )
        self.refresh()
        self._rerank()
        mine = self._mine()
        units = None
        if order is not None and order != self.order:
            units = sort_units(
                self._queue.units.values(), self.codebook, order, self._ranking(order)
            )
        group = group_of(question, self.codebook) if question is not None else None

        def keep(unit: Unit) -> bool:
            return (
                (group is None or unit.key[1] == group)
                and (code is None or unit.key[2] == code)
                and (rule is None or any(r["rule"] == rule for r in unit.rows))
            )

        chosen = self._queue.next_units(mine, count, units=units, keep=keep)
        return [self._item(unit, mine) for unit in chosen]

    @property
    def texts(self) -> dict[tuple[str, str], str]:
        """(response_id, question) -> the original answer text, for the answers given."""
        return dict(self._texts)

    @property
    def current(self) -> str | None:
        """The suggestion id of the item :meth:`next` returned last."""
        return self._queue.current

    def item(self, suggestion_id: str) -> ReviewItem:
        """The review item of one suggestion (its unit, shown with that span)."""
        self.refresh()
        row = self._checks.row(suggestion_id)
        unit = self._queue.unit_of.get(suggestion_id)
        if unit is None:
            key = (str(row["response_id"]), str(row["question"]), str(row["code"]))
            unit = Unit(key, row, (row,), 0)
        return self._item(unit, self._mine(), shown=row)

    def answer(self, response_id: str, question: str | None = None) -> dict[str, Any]:
        """One answer with all its suggestions and this reviewer's verdicts (for agents)."""
        self.refresh()
        question = self._checks.question_for(response_id, question, None)
        # An unknown response is an error, not an empty answer an agent might act on.
        self._checks.check_answer(response_id, question, empty_ok=True)
        mine = self._mine()
        rows = self._by_answer.get((response_id, question), [])
        view = self._shown.answer(response_id, question)
        spans = [self._shown.span(r, mine, view).to_dict() for r in rows]
        added = [
            {
                "code": key[2],
                "decision": entry.decision,
                "suggestion_id": entry.suggestion_id,
                **self._shown.marked(entry.span, view),
            }
            for key, entry in mine.items()
            if key[:2] == (response_id, question)
            and (entry.machine is None or entry.span is not None)
        ]
        codes = self.codebook.codes_for_question(question) if self.codebook else ()
        return {
            "response_id": response_id,
            "question": question,
            "text": view.text if view is not None else None,
            "highlighted": mark_spans(view.text, [(s["start"], s["end"]) for s in spans])
            if view is not None
            else None,
            "redacted": view.redacted if view is not None else False,
            "suggestions": spans,
            "added": added,
            "codes": [{"code": c.id, "label": c.label} for c in codes],
        }

    # ------------------------------------------------------------------------- decisions

    def decide(self, decisions: Decisions) -> Recorded:
        """Check every decision of the batch, then record them all in one append, in the order
        of the fields of :class:`Decisions` (``verdicts`` first); a mistake anywhere raises
        :class:`InputError` and records nothing.

        A decision this reviewer already has on record (the same verdict on the unit, with the
        same comment; the same note) is reported ``unchanged`` and not written again, so a
        retried call is harmless. The entries share one ``action`` id: :meth:`undo` takes them
        back together. The command line, the MCP server and the browser desk decide through
        here."""
        self.refresh()
        self.check(decisions)
        batch = _Batch(self._mine(), self._my_notes(), new_entry_id())
        comment = decisions.comment
        for one in decisions.verdicts:
            row = self._by_id[str(one.suggestion_id)]
            batch.verdict(row, one.verdict, one.comment or comment, self._verdict)
        for decision, ids in (("accept", decisions.accept), ("reject", decisions.reject)):
            for suggestion_id in dict.fromkeys(ids):
                batch.verdict(self._by_id[str(suggestion_id)], decision, comment, self._verdict)
        for response_id, code in decisions.add:
            self._plan_add(batch, str(response_id), code, decisions.question, comment)
        for response_id, code, start, end in decisions.marks:
            question = self.check_add(str(response_id), code, question=decisions.question)
            span = self._marked(str(response_id), question, start, end)
            self._plan_add(batch, str(response_id), code, question, comment, span=span)
        rules: list[tuple[str, str, int]] = []
        for option, rule, by_rule in (
            ("accept_rule", decisions.accept_rule, "accept"),
            ("reject_rule", decisions.reject_rule, "reject"),
        ):
            if rule:
                rule_ids = self._rule_ids(rule, decisions.question)
                for suggestion_id in rule_ids:
                    batch.verdict(self._by_id[suggestion_id], by_rule, comment, self._verdict)
                rules.append((option, rule, len(rule_ids)))
        if decisions.note:
            target, text = decisions.note
            self._plan_note(batch, target, text, decisions.question)
        self._append(batch.entries)
        decided = {entry.suggestion_id for entry in batch.entries}
        if self._queue.current in decided:
            self._queue.current = None
        return Recorded(tuple(batch.entries), tuple(rules), tuple(batch.outcomes), batch.action)

    def check(self, decisions: Decisions) -> None:
        """Raise :class:`InputError` for the first decision of the batch that cannot be
        recorded; records nothing."""
        self._checks.check(decisions)

    def accept(self, *suggestion_ids: str, comment: str = "") -> list[LedgerEntry]:
        """Accept suggestions (the current item when no id is given): the entries written (none
        for a suggestion this reviewer had accepted already)."""
        ids = suggestion_ids or self._current_ids()
        return list(self.decide(Decisions(accept=ids, comment=comment)).entries)

    def reject(self, *suggestion_ids: str, comment: str = "") -> list[LedgerEntry]:
        """Reject suggestions (the current item when no id is given): the entries written."""
        ids = suggestion_ids or self._current_ids()
        return list(self.decide(Decisions(reject=ids, comment=comment)).entries)

    def _current_ids(self) -> tuple[str, ...]:
        if self._queue.current is None:
            raise InputError("no current item: call next() or give suggestion ids")
        return (self._queue.current,)

    def accept_rule(
        self, rule: str, *, question: str | None = None, comment: str = ""
    ) -> list[LedgerEntry]:
        """Accept every open suggestion of a codebook rule (optionally for one question)."""
        decisions = Decisions(accept_rule=rule, question=question, comment=comment)
        return list(self.decide(decisions).entries)

    def reject_rule(
        self, rule: str, *, question: str | None = None, comment: str = ""
    ) -> list[LedgerEntry]:
        """Reject every open suggestion of a codebook rule (optionally for one question)."""
        decisions = Decisions(reject_rule=rule, question=question, comment=comment)
        return list(self.decide(decisions).entries)

    def _rule_ids(self, rule: str, question: str | None) -> list[str]:
        wanted = None
        if question is not None:
            wanted = group_of(question, self.codebook)
        mine = self._mine()
        ids = []
        for unit in self._queue.units.values():
            if unit.key in mine or (wanted is not None and unit.key[1] != wanted):
                continue
            ids += [str(r["suggestion_id"]) for r in unit.rows if r["rule"] == rule]
        return ids

    def check_rule(self, rule: str) -> None:
        """Raise :class:`InputError` (naming the suggestions file) when no suggestion has
        ``rule``; a rule whose suggestions are all decided passes."""
        self._checks.check_rule(rule)

    def add(
        self, response_id: str, code: str, *, question: str | None = None, comment: str = ""
    ) -> LedgerEntry:
        """Record a code the machine missed for an answer.

        If the machine did suggest that code for the answer, this accepts its suggestion. The
        answer must exist and not be empty: in the answers when the session has them, else
        among the answers the suggestions show. Raises :class:`InputError` (nothing recorded)
        naming the response id and question otherwise. Returns the entry that records the
        code (the earlier one when this reviewer had given it already).
        """
        decisions = Decisions(add=((str(response_id), code),), question=question, comment=comment)
        recorded = self.decide(decisions)
        if recorded.entries:
            return recorded.entries[0]
        outcome = recorded.outcomes[0]
        return self._mine()[(outcome.response_id, outcome.question, outcome.code)]

    def _plan_add(
        self,
        batch: _Batch,
        response_id: str,
        code: str,
        question: str | None,
        comment: str,
        *,
        span: MarkedSpan | None = None,
    ) -> None:
        question = self.check_add(response_id, code, question=question)
        key = (response_id, question, code)
        unit = self._queue.units.get(key)
        best = unit.best if unit is not None else None
        if best is None:
            best = next(
                (
                    row
                    for row in self._by_id.values()
                    if (str(row["response_id"]), str(row["question"]), str(row["code"])) == key
                ),
                None,
            )
        if best is not None:
            entry = replace(self._verdict(best, "accept", comment), span=span)
        else:
            entry = decision_entry(response_id, question, code, "add", **self._stamp(comment))
            entry = replace(entry, span=span)
        batch.plan(key, entry, same_as=("accept", "add"))

    def _marked(self, response_id: str, question: str, start: int, end: int) -> MarkedSpan:
        """The words ``[start, end)`` of the answer as shown, as a span of the original (a
        placeholder marked stands for the whole value it hides); raises when they are no
        words of the answer."""
        view = self._shown.answer(response_id, question)
        if view is None:
            raise InputError(
                "marking words needs the answers (give --answers)",
                field="start",
                kind="not_available",
            )
        if not 0 <= start < end <= len(view.text) or not view.text[start:end].strip():
            raise InputError(
                f"start {start} and end {end} mark no words of the answer as shown "
                f"({len(view.text)} characters)",
                field="start",
                kind="out_of_range",
                value=f"{start}-{end}",
            )
        a, b = view.unmap_span(start, end)
        return MarkedSpan(a, b, view.original[a:b])

    def check_add(self, response_id: str, code: str, *, question: str | None = None) -> str:
        """The question :meth:`add` would record ``code`` under; raises :class:`InputError`
        when the code cannot be added (unknown or empty answer, code not in the codebook or not
        of that question). Records nothing, so a caller can check a batch before deciding."""
        return self._checks.check_add(response_id, code, question=question)

    def check_suggestion_ids(self, *suggestion_ids: str) -> None:
        """Raise :class:`InputError` (naming the suggestions file) for an unknown id."""
        self._checks.check(Decisions(accept=suggestion_ids))

    def check_note(self, target: str, *, question: str | None = None) -> None:
        """Raise :class:`InputError` when ``target`` is neither a suggestion id nor the id of
        a response that answered the question (an empty answer may get a note)."""
        self._checks.check_note(target, question=question)

    def note(self, target: str, text: str, *, question: str | None = None) -> LedgerEntry:
        """A comment without a verdict, on a suggestion id or on a response id (the earlier
        entry when this reviewer wrote the same note on it before)."""
        recorded = self.decide(Decisions(note=(target, text), question=question))
        if recorded.entries:
            return recorded.entries[0]
        same = recorded.outcomes[0]  # unchanged: the same note is on record
        return self._my_notes()[(same.suggestion_id, same.response_id, same.question, text)]

    def _plan_note(self, batch: _Batch, target: str, text: str, question: str | None) -> None:
        if target in self._by_id:
            entry = self._verdict(self._by_id[target], "note", text)
        else:
            question = self._checks.question_for(target, question, None)
            entry = decision_entry(target, question, "", "note", **self._stamp(text))
        batch.note(entry)

    def _my_notes(self) -> dict[tuple[str, str, str, str], LedgerEntry]:
        """(suggestion id, response id, question, text) -> this reviewer's note that counts."""
        return {
            (e.suggestion_id, e.response_id, e.question, e.comment): e
            for e in effective_entries(self._entries)
            if e.reviewer == self.reviewer and e.decision == "note"
        }

    def skip(
        self,
        *suggestion_ids: str,
        response_id: str | None = None,
        question: str | None = None,
    ) -> list[UnitKey]:
        """Leave items for later in this session (nothing is recorded): the current item when
        nothing is named, the units of ``suggestion_ids``, or every open unit of one answer.
        Returns the units skipped."""
        if response_id is not None:
            question = self._checks.question_for(str(response_id), question, None)
            self._checks.check_answer(str(response_id), question, empty_ok=True)
            mine = self._mine()
            keys = [
                key
                for key in self._queue.units
                if key[:2] == (str(response_id), question) and key not in mine
            ]
        elif suggestion_ids:
            self._checks.check(Decisions(accept=suggestion_ids))
            keys = [
                unit.key
                for sid in dict.fromkeys(suggestion_ids)
                if (unit := self._queue.unit_of.get(str(sid))) is not None
            ]
        else:
            current = self._queue.current
            self._queue.skip()
            unit = self._queue.unit_of.get(current) if current is not None else None
            return [unit.key] if unit is not None else []
        for key in keys:
            self._queue.skip_unit(key)
        return keys

    def undo(self) -> LedgerEntry | None:
        """Take back this reviewer's latest action (every entry one call recorded: a bulk
        decision is one action) and return the last entry retracted, or None when there is
        nothing to undo. See :meth:`undo_action`."""
        undone = self.undo_action()
        return undone[-1] if undone else None

    def undo_action(self) -> tuple[LedgerEntry, ...]:
        """Retract this reviewer's latest action that still counts: every entry of the call
        that recorded the latest decision or note (one entry in ledgers without action ids).

        Appends ``retract`` entries (the ledger is never rewritten) and returns the entries
        retracted, in ledger order. The first undone item comes next.
        """
        self.refresh()
        mine = [e for e in effective_entries(self._entries) if e.reviewer == self.reviewer]
        if not mine:
            return ()
        last = mine[-1]
        targets = [e for e in mine if e.action == last.action] if last.action else [last]
        action = new_entry_id()
        retracts = [
            decision_entry(
                target.response_id,
                target.question,
                target.code,
                "retract",
                suggestion_id=target.suggestion_id,
                retracts=target.entry_id,
                **self._stamp("", action),
            )
            for target in targets
        ]
        self._append(retracts)
        first = targets[0]
        self._queue.pin((first.response_id, first.question, first.code))
        return tuple(targets)

    def _append(self, entries: list[LedgerEntry]) -> None:
        if not entries:
            return
        self.ledger.append_many(entries)
        self.refresh()

    def _stamp(self, comment: str, action: str | None = None) -> dict[str, Any]:
        """Who, when and under which codebook version a decision is recorded."""
        return {
            "reviewer": self.reviewer,
            "time": self.clock(),
            "codebook_version": self._version(),
            "comment": comment,
            "action": action,
        }

    def _verdict(self, row: dict[str, Any], decision: str, comment: str) -> LedgerEntry:
        return verdict_entry(row, decision, **self._stamp(comment))

    def _version(self) -> str:
        return self.codebook.version if self.codebook else ""

    # ---------------------------------------------------------------------------- views

    def state(self) -> pd.DataFrame:
        """One row per unit in the queue plus added codes: this reviewer's current verdicts."""
        import pandas as pd

        return pd.DataFrame(self.state_rows(), columns=list(STATE_FIELDS))

    def state_rows(self) -> list[dict[str, Any]]:
        """The rows of :meth:`state` (its columns are :data:`STATE_FIELDS`), without a table."""
        self.refresh()
        mine = self._mine()
        labels = self.codebook.labels() if self.codebook else {}
        rows = []
        for key, unit in self._queue.units.items():
            entry = mine.get(key)
            rows.append(self._state_row(key, unit.best, len(unit.rows), entry, labels))
        for key, entry in mine.items():
            if key not in self._queue.units:
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
        return rows

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
            "evidence": self._shown.evidence(best) if "evidence" in best else None,
            "n_spans": n_spans,
            "decision": entry.decision if entry else "open",
            "value": VERDICTS.get(entry.decision) if entry else None,
            "reviewer": self.reviewer,
            "comment": self._shown.free_text(entry.comment) if entry else "",
            "time": entry.time if entry else None,
        }

    def _item(
        self, unit: Unit, mine: dict[UnitKey, LedgerEntry], shown: dict[str, Any] | None = None
    ) -> ReviewItem:
        row = shown or unit.best
        rid, question, code = unit.key
        view = self._shown.answer(rid, question)
        start, end = int(row["start"]), int(row["end"])
        if view is not None:
            start, end = view.map_span(start, end)
            evidence = view.text[start:end]
        else:
            evidence = self._shown.evidence(row)
        spans = tuple(
            self._shown.span(r, mine, view)
            for r in unit.rows
            if str(r["suggestion_id"]) != str(row["suggestion_id"])
        )
        others = tuple(
            self._shown.span(r, mine, view)
            for r in self._by_answer.get((rid, question), ())
            if str(r["code"]) != code
        )
        definition = label = ""
        other_labels: dict[str, str] = {}
        examples: tuple[str, ...] = ()
        counter_examples: tuple[str, ...] = ()
        exclusions: tuple[str, ...] = ()
        if self.codebook is not None:
            known = self._code(code)
            if known is not None:
                label, definition = known.label, known.description
                examples = known.positive_examples[:MAX_EXAMPLES]
                counter_examples = known.negative_examples[:MAX_EXAMPLES]
                exclusions = tuple(p.rule for p in known.exclude)
            labels = self.codebook.labels()
            other_labels = {s.code: labels.get(s.code, "") for s in others}
        entry = mine.get(unit.key)
        polarity = self._shown.polarity(row)
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
            explanation=self._shown.explanation(row, view),
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
            polarity=polarity.state,
            polarity_cues=tuple(self._shown.free_text(cue) for cue in polarity.cues),
            examples=examples,
            counter_examples=counter_examples,
            exclusions=exclusions,
        )

    def shown_entry(self, entry: LedgerEntry) -> dict[str, Any]:
        """A ledger entry as shown (``--json`` echoes, MCP): the machine's evidence and the
        comment redacted unless the session was opened with ``redact=False``.

        The ledger itself keeps the original (it is the audit trail); ``machine.start`` and
        ``machine.end`` stay offsets into the original answer.
        """
        return self._shown.entry(entry)

    def shown_text(self, response_id: str, question: str) -> ShownText | None:
        """The answer as shown (redacted unless ``redact=False``), None if the session lacks it."""
        return self._shown.answer(response_id, question)

    def _code(self, code: str) -> Code | None:
        if self.codebook is None:
            return None
        try:
            return self.codebook.code(code)
        except KeyError:
            return None


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
    if codebook is None:
        # The shipped codebook; a source tree without it still reviews, only without labels.
        with contextlib.suppress(FileNotFoundError, OSError):
            return resolve_codebook(None)
        return None
    return resolve_codebook(codebook)


class _Batch:
    """The entries one :meth:`ReviewSession.decide` call will write, and what each decision
    does, against the reviewer's decisions on record (``mine``, ``notes``)."""

    def __init__(
        self,
        mine: dict[UnitKey, LedgerEntry],
        notes: dict[tuple[str, str, str, str], LedgerEntry],
        action: str,
    ) -> None:
        self.mine = mine
        self.notes = notes
        self.action = action
        self.entries: list[LedgerEntry] = []
        self.outcomes: list[Outcome] = []
        self._planned: dict[UnitKey, Outcome] = {}

    def verdict(
        self,
        row: dict[str, Any],
        decision: str,
        comment: str,
        make: Callable[[dict[str, Any], str, str], LedgerEntry],
        *,
        same_as: tuple[str, ...] | None = None,
    ) -> None:
        key = (str(row["response_id"]), str(row["question"]), str(row["code"]))
        self.plan(key, make(row, decision, comment), same_as=same_as)

    def plan(self, key: UnitKey, entry: LedgerEntry, *, same_as: tuple[str, ...] | None) -> None:
        if key in self._planned:
            # Several spans of one unit, or an id given twice: one decision.
            self.outcomes.append(self._planned[key])
            return
        earlier = self.mine.get(key)
        status = RECORDED
        if earlier is not None:
            same = earlier.decision in (same_as or (entry.decision,))
            marked = entry.span is None or earlier.span == entry.span
            if same and earlier.comment == entry.comment and marked:
                outcome = self._planned[key] = _outcome(entry, UNCHANGED, earlier)
                self.outcomes.append(outcome)
                return
            status = RECORDED if same else CHANGED
        entry = replace(entry, action=self.action)
        self.entries.append(entry)
        outcome = self._planned[key] = _outcome(entry, status, earlier)
        self.outcomes.append(outcome)

    def note(self, entry: LedgerEntry) -> None:
        earlier = self.notes.get(
            (entry.suggestion_id, entry.response_id, entry.question, entry.comment)
        )
        if earlier is not None:
            self.outcomes.append(_outcome(entry, UNCHANGED, earlier))
            return
        entry = replace(entry, action=self.action)
        self.entries.append(entry)
        self.outcomes.append(_outcome(entry, RECORDED, None))


def _outcome(entry: LedgerEntry, status: str, earlier: LedgerEntry | None) -> Outcome:
    return Outcome(
        suggestion_id=entry.suggestion_id,
        response_id=entry.response_id,
        question=entry.question,
        code=entry.code,
        decision=entry.decision,
        status=status,
        earlier=earlier.decision if earlier is not None else None,
        earlier_time=earlier.time if earlier is not None else None,
    )
