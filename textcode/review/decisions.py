"""Review decisions: what may be decided, checked before anything is recorded.

:class:`Decisions` is what a reviewer decides in one go (the flags of one ``textcode review``
call, one MCP tool call, one Python call); :meth:`ReviewSession.decide
<textcode.review.session.ReviewSession.decide>` checks all of it with :class:`DecisionChecks`
and only then appends the ledger entries, so a mistake anywhere records nothing. The entry
builders here are the one place a ledger entry of a review is made.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textcode.codebook.questions import group_of, groups_of
from textcode.errors import InputError, excerpt
from textcode.records import suggestion_id as make_suggestion_id
from textcode.review.ledger import LedgerEntry, MachineSuggestion, UnitKey

if TYPE_CHECKING:
    from textcode.codebook import Codebook


MAX_COMMENT = 2_000  # characters of a comment or a note: a reason, not a document
VERDICT_CHOICES: tuple[str, ...] = ("accept", "reject")


@dataclass(frozen=True)
class Verdict:
    """A verdict on one suggestion with its own comment (one item of the MCP ``decide``)."""

    suggestion_id: str
    verdict: str
    comment: str = ""


@dataclass(frozen=True)
class Decisions:
    """Decisions to record together: verdicts with their own comments, accepted and rejected
    suggestion ids, added codes (response id, code), every open suggestion of a rule accepted
    or rejected, one note (target, text). ``marks``: codes added on words the reviewer marked,
    (response id, code, start, end) with offsets into the answer as shown (redacted).
    ``question`` names the question of added codes, rules and the note; ``comment`` goes with
    every decision that has none of its own."""

    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    add: tuple[tuple[str, str], ...] = ()
    accept_rule: str | None = None
    reject_rule: str | None = None
    note: tuple[str, str] | None = None
    question: str | None = None
    comment: str = ""
    verdicts: tuple[Verdict, ...] = ()
    marks: tuple[tuple[str, str, int, int], ...] = ()


UNCHANGED = "unchanged"  # the same decision was on record: nothing written
RECORDED = "recorded"  # a new decision
CHANGED = "changed"  # replaces this reviewer's earlier, different decision


@dataclass(frozen=True)
class Outcome:
    """What one decision of a batch did. ``status``: ``recorded``, ``changed`` (it replaces
    the reviewer's earlier verdict ``earlier``) or ``unchanged`` (the same decision was on
    record since ``earlier_time``; nothing was written, so a retried call is harmless)."""

    suggestion_id: str
    response_id: str
    question: str
    code: str
    decision: str
    status: str
    earlier: str | None = None
    earlier_time: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "suggestion_id": self.suggestion_id,
            "response_id": self.response_id,
            "question": self.question,
            "code": self.code,
            "decision": self.decision,
            "status": self.status,
        }
        if self.earlier is not None:
            data["earlier"] = {"decision": self.earlier, "time": self.earlier_time}
        return data


@dataclass(frozen=True)
class Recorded:
    """What :meth:`ReviewSession.decide` appended, in order, what each decision did
    (``outcomes``, also the unchanged ones), the ``action`` id the entries share, and how many
    suggestions each rule decision covered (``accept_rule``/``reject_rule``, rule, count; a
    rule with nothing left open is done, with count 0)."""

    entries: tuple[LedgerEntry, ...] = ()
    rules: tuple[tuple[str, str, int], ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    action: str | None = None


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
        # The questions each response answered, by group id: with text, or left empty. A
        # table read from wide input also holds its column names; they are not questions.
        self.answered: dict[str, set[str]] = {}
        self.left_empty: dict[str, set[str]] = {}
        for row in rows.values():
            self.answered.setdefault(str(row["response_id"]), set()).add(str(row["question"]))
        self.know_texts(texts)

    def know_texts(self, texts: Mapping[tuple[str, str], str]) -> None:
        """Learn which questions the responses of ``texts`` answered (with text or empty)."""
        ids = groups_of((question for _, question in texts), self.codebook)
        for (rid, question), text in texts.items():
            if ids[question] != question:
                continue  # a column name beside its group id
            into = self.answered if text.strip() else self.left_empty
            into.setdefault(rid, set()).add(question)

    def check(self, decisions: Decisions) -> None:
        """Every decision of the batch, before the first is recorded: ids, added codes, rules,
        the note's target, comment lengths, and no two verdicts on one unit that disagree."""
        check_comment(decisions.comment, "comment")
        verdicts = [
            (f"verdicts[{n}]", v.suggestion_id, v.verdict, v.comment)
            for n, v in enumerate(decisions.verdicts)
        ]
        verdicts += [("accept", sid, "accept", "") for sid in decisions.accept]
        verdicts += [("reject", sid, "reject", "") for sid in decisions.reject]
        said: dict[UnitKey, tuple[str, str]] = {}
        for where, suggestion_id, verdict, comment in verdicts:
            if verdict not in VERDICT_CHOICES:
                raise InputError(
                    f"verdict must be one of {', '.join(VERDICT_CHOICES)}",
                    field=f"{where}.verdict" if where.startswith("verdicts") else where,
                    kind="not_allowed",
                    value=verdict,
                    allowed=VERDICT_CHOICES,
                )
            if where.startswith("verdicts"):
                check_comment(comment, f"{where}.comment")
                row = _located(self.row, suggestion_id, f"{where}.suggestion_id")
            else:
                row = self.row(suggestion_id)
            self._one_verdict(said, _unit(row), verdict, where)
        marked = [(rid, code) for rid, code, _, _ in decisions.marks]
        for response_id, code in (*decisions.add, *marked):
            question = self.check_add(response_id, code, question=decisions.question)
            self._one_verdict(said, (str(response_id), question, code), "accept", "add")
        for rule in (decisions.accept_rule, decisions.reject_rule):
            if rule:
                self.check_rule(rule)
        if decisions.note:
            check_comment(decisions.note[1], "note")
            self.check_note(decisions.note[0], question=decisions.question)

    @staticmethod
    def _one_verdict(
        said: dict[UnitKey, tuple[str, str]], key: UnitKey, verdict: str, where: str
    ) -> None:
        before = said.setdefault(key, (verdict, where))
        if before[0] != verdict:
            raise InputError(
                f"{before[1]} and {where} give response {key[0]!r} both {before[0]} and "
                f"{verdict} for code {key[2]!r}: decide each answer and code once per call",
                field=where,
                kind="conflict",
            )

    def row(self, suggestion_id: str) -> dict[str, Any]:
        """The suggestion with this id."""
        row = self.rows.get(str(suggestion_id))
        if row is None:
            raise InputError(
                f"no suggestion with id {excerpt(str(suggestion_id))!r}",
                path=self.suggestions_path,
                field="suggestion_id",
                kind="not_found",
                value=suggestion_id,
            )
        return row

    def check_rule(self, rule: str) -> None:
        """Raise when no suggestion has ``rule``; a rule whose suggestions are all decided
        passes."""
        if not any(r["rule"] == rule for r in self.rows.values()):
            raise InputError(
                f"no suggestion has rule {excerpt(rule)!r}",
                path=self.suggestions_path,
                field="rule",
                kind="not_found",
                value=rule,
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
        known: Collection[tuple[str, str]]
        if self.addable is None:
            known = self._suggested_answers()
            where = "in the suggestions (give the answers to code answers without suggestions)"
        else:
            known = self.addable  # looked up, not copied: a long file has many answers
            where = "in the answers"
        if (response_id, question) in known:
            if empty_ok or self.addable is None or self.addable[(response_id, question)]:
                return
            raise InputError(
                f"response {response_id!r} left question {question!r} empty: "
                "an empty answer cannot receive a code",
                path=path,
                field="response_id",
                kind="empty_answer",
                value=response_id,
            )
        if not any(key[0] == response_id for key in known):
            raise InputError(
                f"no response {excerpt(response_id)!r} {where}",
                path=path,
                field="response_id",
                kind="not_found",
                value=response_id,
            )
        raise InputError(
            f"response {response_id!r} has no answer to question {excerpt(question)!r} {where}",
            path=path,
            field="question",
            kind="not_found",
            value=question,
            allowed=self.questions_of(response_id),
        )

    def _suggested_answers(self) -> set[tuple[str, str]]:
        answers: set[tuple[str, str]] | None = getattr(self, "_answers_suggested", None)
        if answers is None:
            answers = self._answers_suggested = {key[:2] for key in self.suggested}
        return answers

    def questions_of(self, response_id: str) -> list[str]:
        """The questions (group ids) a response answered, with text or empty."""
        empty = self.left_empty.get(response_id, set())
        return sorted(self.answered.get(response_id, set()) | empty)

    def check_code(self, code: str, question: str) -> None:
        """Raise unless the codebook (if any) has ``code`` for ``question``."""
        if self.codebook is None:
            return
        path = self.codebook.path
        allowed = [c.id for c in self.codebook.codes_for_question(question)]
        if code not in self.codebook:
            raise InputError(
                f"no code {excerpt(code)!r} in codebook {self.codebook.id!r}",
                path=path,
                field="code",
                kind="not_found",
                value=code,
                allowed=allowed or [c.id for c in self.codebook.codes],
            )
        if allowed and code not in allowed:
            raise InputError(
                f"code {code!r} does not belong to question {question!r}",
                path=path,
                field="code",
                kind="not_allowed",
                value=code,
                allowed=allowed,
            )

    def question_for(self, response_id: str, question: str | None, code: str | None) -> str:
        """The question a decision on ``response_id`` is about: as given (by its group id),
        else the code's group, else the one question the response answered with text (else the
        one it left empty)."""
        if question is not None:
            return group_of(question, self.codebook)
        codebook = self.codebook
        if code is not None and codebook is not None and code in codebook:
            group = codebook.group(codebook.code(code).group)
            if not group.applies_to_all:
                return group.id
        answered = sorted(self.answered.get(response_id, ()))
        known = answered or self.questions_of(response_id)
        if len(known) == 1:
            return known[0]
        if code is not None and "." in code and code.split(".", 1)[0] in known:
            return code.split(".", 1)[0]
        if not known:
            raise InputError(
                f"unknown response id {excerpt(response_id)!r}",
                path=self.answers_where(),
                field="response_id",
                kind="not_found",
                value=response_id,
            )
        raise InputError(
            f"response {response_id!r} answered several questions ({', '.join(known)}): "
            "name the question",
            path=self.answers_where(),
            field="question",
            kind="missing",
            allowed=known,
        )


def check_comment(text: str, field: str) -> None:
    """Raise when a comment or note is longer than :data:`MAX_COMMENT` characters."""
    if len(text) > MAX_COMMENT:
        raise InputError(
            f"at most {MAX_COMMENT} characters, not {len(text)}: say why in a sentence or two",
            field=field,
            kind="too_long",
            value=f"{len(text)} characters",
        )


def _located(check: Callable[[str], dict[str, Any]], value: str, field: str) -> dict[str, Any]:
    """``check(value)``, its error naming ``field`` (an item of a list, ``verdicts[2]...``)."""
    try:
        return check(value)
    except InputError as exc:
        raise InputError(
            exc.reason,
            path=exc.path,
            field=field,
            kind=exc.kind,
            value=exc.value,
            allowed=exc.allowed,
        ) from None


def _unit(row: Mapping[str, Any]) -> UnitKey:
    return (str(row["response_id"]), str(row["question"]), str(row["code"]))


def verdict_entry(
    row: Mapping[str, Any],
    decision: str,
    *,
    reviewer: str,
    time: str,
    codebook_version: str,
    comment: str = "",
    action: str | None = None,
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
        action=action,
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
    action: str | None = None,
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
        action=action,
    )
