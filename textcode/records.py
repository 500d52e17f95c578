"""Records that cross module borders: an answer and a suggestion.

Their field names are the contract every file textcode writes and reads keeps (the columns of
``textcode code --out``, in :data:`SUGGESTION_FIELDS` order); docs/architecture.md shows where
they travel.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from textcode.display import one_line, shorten

SUGGESTION_FIELDS: tuple[str, ...] = (
    "suggestion_id",
    "response_id",
    "question",
    "code",
    "start",
    "end",
    "evidence",
    "rule",
    "confidence",
    "negated",
    "explanation",
)


# Answers as three columns: response ids, questions and texts (how chunks of answers travel
# from the reader to the coder and its worker processes).
AnswerColumns = tuple[list[str], list[str], list[str]]


@dataclass(frozen=True, slots=True)
class Answer:
    """One open answer: the respondent, the question (codebook group) and the original text."""

    response_id: str
    question: str
    text: str
    attributes: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __repr__(self) -> str:
        return one_line(
            f"Answer({self.response_id!r}, {self.question!r}, {shorten(self.text, 80)!r}, "
            f"{len(self.attributes)} attributes)"
        )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One code suggested for one evidence span of one answer (the contract's record)."""

    suggestion_id: str
    response_id: str
    question: str
    code: str
    start: int
    end: int
    evidence: str
    rule: str
    confidence: float
    negated: bool
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, fields in contract order."""
        return asdict(self)

    def __repr__(self) -> str:
        negated = ", negated" if self.negated else ""
        return one_line(
            f"Suggestion({self.code} on {self.response_id!r} [{self.start}:{self.end}] "
            f"{shorten(self.evidence, 60)!r}, rule {self.rule}, {self.confidence:.2f}{negated})"
        )


# An empty BLAKE2b hash of 8 bytes: copying it costs less than making one with its parameters.
_ID_HASH = hashlib.blake2b(digest_size=8)


def suggestion_id(response_id: str, question: str, code: str, start: int, end: int) -> str:
    """A stable id: the same response, question, code and span give the same id in every run."""
    key = f"{response_id}\x1f{question}\x1f{code}\x1f{start}\x1f{end}"
    digest = _ID_HASH.copy()
    digest.update(key.encode("utf-8"))
    return "s" + digest.hexdigest()
