"""Review decisions: what may be decided, checked before anything is recorded.

:class:`Decisions` is what a reviewer decides in one go (the flags of one ``textcode review``
call, one MCP tool call, one Python call); :meth:`ReviewSession.decide
<textcode.review.session.ReviewSession.decide>` checks all of it with :class:`DecisionChecks`
and only then appends the ledger entries, so a mistake anywhere records nothing. The entry
builders here are the one place a ledger entry of a review is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textcode.codebook.questions import group_of
from textcode.errors import InputError
from textcode.records import suggestion_id as make_suggestion_id
from textcode.review.ledger import LedgerEntry, MachineSuggestion, UnitKey

if TYPE_CHECKING:
    from textcode.codebook import Codebook


@dataclass(frozen=True)
class Decisions:
    """Decisions to record together: accepted and rejected suggestion ids, added codes
    (response id, code), every open suggestion of a rule accepted or rejected, one note
    (target, text). ``question`` names the question of added codes, rules and the note;
    ``comment`` goes with every verdict."""

    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    add: tuple[tuple[str, str], ...] = ()
    accept_rule: str | None = None
    reject_rule: str | None = None
    note: tuple[str, str] | None = None
    question: str | None = None
    comment: str = ""


@dataclass(frozen=True)
class Recorded:
    """What :meth:`ReviewSession.decide` appended, in order, and how many suggestions each
    rule decision covered (``accept_rule``/``reject_rule``, rule, count; a rule with nothing
    left open is done, with count 0)."""

    entries: tuple[LedgerEntry, ...] = ()
    rules: tuple[tuple[str, str, int], ...] = ()


def added_suggestion_id(response_id: str, question: str, code: str) -> str:
    """The stable id of an added code: the same answer and code give the same id everywhere."""
    return make_suggestion_id(response_id, question, code, -1, -1)


class DecisionChecks:
    """What may be decided in one session: which suggestions and answers exist, which codes
    fit which questions. Every check raises :class:`InputError` naming the file to fix."""

    def __init__(
        self,
        rows: Mapping[str, dict[str, Any]],
        *,
        texts: Mapping[tuple[str, str], str],
        answers_given: bool,
        codebook: Codebook | None,
        suggestions_path: str | None,
        answers_path: str | None,
    ) -> None:
        self.rows = rows
        self.codebook = codebook
        self.suggestions_path = suggestions_path
        self.answers_path = answers_path
        self.suggested: set[UnitKey] = {
            (str(r["response_id"]), str(r["question"]), str(r["code"])) for r in rows.values()
        }
        # The answers a code may be added to: with answers given, their non-empty texts;
        # without, the answers the suggestions show (a reviewer codes only what they can see).
        self.addable: dict[tuple[str, str], bool] | None = (
            {key: bool(text.strip()) for key, text in texts.items()} if answers_given else None
        )
        self.answer_questions: dict[str, set[str]] = {}
        for row in rows.values():
            self.answer_questions.setdefault(str(row["response_id"]), set()).add(
                str(row["question"])
            )
        for rid, q in texts:
            self.answer_questions.setdefault(rid, set()).add(q)

    def check(self, decisions: Decisions) -> None:
        """Every decision of the batch, before the first is recorded."""
        for suggestion_id in (*decisions.accept, *decisions.reject):
            self.row(suggestion_id)
        for response_id, code in decisions.add:
            self.check_add(response_id, code, question=decisions.question)
        for rule in (decisions.accept_rule, decisions.reject_rule):
            if rule:
                self.check_rule(rule)
        if decisions.note:
            self.check_note(decisions.note[0], question=decisions.question)

    def row(self, suggestion_id: str) -> dict[str, Any]:
        """The suggestion with this id."""
        row = self.rows.get(str(suggestion_id))
        if row is None:
            raise InputError(
                f"no suggestion with id {suggestion_id!r}",
                path=self.suggestions_path,
                field="suggestion_id",
            )
        return row

    def check_rule(self, rule: str) -> None:
        """Raise when no suggestion has ``rule``; a rule whose suggestions are all decided
        passes."""
        if not any(r["rule"] == rule for r in self.rows.values()):
            raise InputError(
                f"no suggestion has rule {rule!r}", path=self.suggestions_path, field="rule"
            )

    def check_add(self, response_id: str, code: str, *, question: str | None = None) -> str:
        """The question an added ``code`` is recorded under; raises when the code cannot be
        added (unknown or empty answer, code not in the codebook or not of that question)."""
        response_id = str(response_id)
        question = self.question_for(response_id, question, code)
        self.check_code(code, question)
        if (response_id, question, code) not in self.suggested:
            self.check_answer(response_id, question, empty_ok=False)
        return question

    def check_note(self, target: str, *, question: str | None = None) -> None:
        """Raise unless ``target`` is a suggestion id or the id of a response that answered
        the question (an empty answer may get a note)."""
        if target not in self.rows:
            question = self.question_for(target, question, None)
            self.check_answer(target, question, empty_ok=True)

    def answers_where(self) -> str | None:
        """The file that says which answers exist: the answers if given, else the suggestions."""
        return self.answers_path if self.addable is not None else self.suggestions_path

    def check_answer(self, response_id: str, question: str, *, empty_ok: bool) -> None:
        """Raise unless ``response_id`` answered ``question`` (with text, unless ``empty_ok``)."""
        path = self.answers_where()
        if self.addable is None:
            known = {key[:2] for key in self.suggested}
            where = "in the suggestions (give the answers to code answers without suggestions)"
        else:
            known = set(self.addable)
            where = "in the answers"
        if (response_id, question) in known:
            if empty_ok or self.addable is None or self.addable[(response_id, question)]:
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

    def check_code(self, code: str, question: str) -> None:
        """Raise unless the codebook (if any) has ``code`` for ``question``."""
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

    def question_for(self, response_id: str, question: str | None, code: str | None) -> str:
        """The question a decision on ``response_id`` is about: as given (by its group id),
        else the code's group, else the one question the response answered."""
        if question is not None:
            return group_of(question, self.codebook)
        codebook = self.codebook
        if code is not None and codebook is not None and code in codebook:
            group = codebook.group(codebook.code(code).group)
            if not group.applies_to_all:
                return group.id
        known = sorted(self.answer_questions.get(response_id, ()))
        if len(known) == 1:
            return known[0]
        if code is not None and "." in code and code.split(".", 1)[0] in known:
            return code.split(".", 1)[0]
        if not known:
            raise InputError(
                f"unknown response id {response_id!r}",
                path=self.answers_where(),
                field="response_id",
            )
        raise InputError(
            f"response {response_id!r} answered several questions ({', '.join(known)}): "
            "name the question",
            path=self.answers_where(),
            field="question",
        )


def verdict_entry(
    row: Mapping[str, Any],
    decision: str,
    *,
    reviewer: str,
    time: str,
    codebook_version: str,
    comment: str = "",
) -> LedgerEntry:
    """A decision on a machine suggestion (accept, reject, note), with the suggestion itself."""
    machine = MachineSuggestion(
        rule=str(row["rule"]),
        confidence=float(row["confidence"]),
        codebook_version=str(row.get("codebook_version") or codebook_version),
        start=int(row["start"]),
        end=int(row["end"]),
        evidence=str(row["evidence"]),
        negated=bool(row["negated"]),
    )
    return decision_entry(
        str(row["response_id"]),
        str(row["question"]),
        str(row["code"]),
        decision,
        reviewer=reviewer,
        time=time,
        codebook_version=codebook_version,
        comment=comment,
        suggestion_id=str(row["suggestion_id"]),
        machine=machine,
    )


def decision_entry(
    response_id: str,
    question: str,
    code: str,
    decision: str,
    *,
    reviewer: str,
    time: str,
    codebook_version: str,
    comment: str = "",
    suggestion_id: str | None = None,
    machine: MachineSuggestion | None = None,
    retracts: str | None = None,
) -> LedgerEntry:
    """The ledger entry of one review decision: on a machine suggestion (``machine``), an
    added code, a note on an answer or a retract.

    Without ``suggestion_id`` an added code gets :func:`added_suggestion_id` and a note on an
    answer (no code) none.
    """
    if suggestion_id is None:
        suggestion_id = added_suggestion_id(response_id, question, code) if code else ""
    return LedgerEntry(
        suggestion_id=suggestion_id,
        response_id=response_id,
        question=question,
        code=code,
        decision=decision,
        reviewer=reviewer,
        time=time,
        codebook_version=codebook_version,
        comment=comment,
        machine=machine,
        retracts=retracts,
    )
