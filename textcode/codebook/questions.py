"""How the questions of a survey meet a codebook's groups.

A survey names its questions its own way ("belemmering_overig", "Belemmeringen"); a codebook
group says which names are its own (id, aliases, question text). Everything that joins answers,
suggestions, gold files and review decisions names a question by its group id, resolved here.
A respondent gives one answer per group: two questions of one group would make their records
indistinguishable, so :class:`GroupAnswers` finds the second one and :func:`answered_twice`
says so, the same way everywhere.

    >>> from textcode.codebook import load_codebook
    >>> book = load_codebook()
    >>> group_of("belemmering_overig", book), group_of("opmerking", book), group_of("x", None)
    ('belemmering', 'opmerking', 'x')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textcode.errors import InputError

if TYPE_CHECKING:
    from textcode.codebook.model import Codebook


def group_of(question: str, codebook: Codebook | None) -> str:
    """The codebook group id of a question name; the name itself without a codebook or when
    no group claims it."""
    return codebook.question_id(question) if codebook is not None else question


def groups_of(questions: Iterable[str], codebook: Codebook | None) -> dict[str, str]:
    """Each distinct question name with its group id (:func:`group_of`), in first-seen order."""
    return {question: group_of(question, codebook) for question in dict.fromkeys(questions)}


def selected(
    questions: Sequence[str], wanted: Iterable[str], codebook: Codebook | None
) -> list[bool]:
    """Per question name: whether it is one of ``wanted``, by its own name or its group id."""
    names = set(wanted)
    groups = groups_of(questions, codebook)
    return [question in names or groups[question] in names for question in questions]


class GroupAnswers:
    """The question each respondent answered for each group, to find a second one.

    >>> seen = GroupAnswers()
    >>> seen.add("r1", "belemmeringen", "belemmering") is None
    True
    >>> seen.add("r1", "knelpunten", "belemmering")
    'belemmeringen'
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], str] = {}

    def add(self, respondent: str, question: str, group: str) -> str | None:
        """Record an answer; the question recorded before for this respondent and group, if any."""
        key = (respondent, group)
        before = self._seen.get(key)
        self._seen[key] = question
        return before

    def check(self, answers: Iterable[tuple[str, str, str]], remedy: str) -> None:
        """Record (respondent, question, group) answers; at the first respondent who answers a
        group in a second question, raise :func:`answered_twice` (field: that question)."""
        for respondent, question, group in answers:
            other = self.add(respondent, question, group)
            if other is not None and other != question:
                raise answered_twice(respondent, group, other, question, remedy, field=question)

    def check_columns(
        self,
        respondents: Sequence[str],
        questions: Sequence[str],
        groups: Sequence[str],
        remedy: str,
    ) -> None:
        """:meth:`check` of answers given as three columns, settled by dict and set operations
        in the common case of no second question (the coder checks every answer it codes)."""
        keys = list(zip(respondents, groups, strict=True))
        latest = dict(zip(keys, questions, strict=True))
        seen = self._seen
        if len(set(zip(keys, questions, strict=True))) == len(latest) and all(
            seen[key] == latest[key] for key in seen.keys() & latest.keys()
        ):
            seen.update(latest)  # no respondent answers a group in two questions
            return
        self.check(zip(respondents, questions, groups, strict=True), remedy)

    def keep_only(self, respondent: str) -> None:
        """Forget every respondent but one (a stream whose respondents come one after another)."""
        self._seen = {key: q for key, q in self._seen.items() if key[0] == respondent}


def answered_twice(
    respondent: str, group: str, first: str, second: str, remedy: str, **where: Any
) -> InputError:
    """The error for a respondent who answered ``group`` in two questions (``where`` names the
    path, row and field); ``remedy`` says what to do in the command at hand."""
    return InputError(
        f"respondent {respondent!r} answers codebook group {group!r} twice, in questions "
        f"{first!r} and {second!r}; {remedy}",
        **where,
    )
