"""What a reviewer sees: review items, evidence spans and decisions, as shown.

Every text here goes through :func:`textcode.privacy.shown`: answers, evidence, explanations
and comments are redacted unless the session was opened with ``redact=False``, and evidence
offsets point into the text as shown. :class:`Shown` holds what that needs (the answers'
texts, the language, whether to redact); :class:`ReviewItem` and :class:`Span` are what a
front end (terminal, JSON, MCP) renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textcode.display import one_line, shorten
from textcode.nlp.negation import NO_POLARITY, SpanPolarity, span_polarity
from textcode.privacy import ShownText, shown, shown_evidence
from textcode.privacy.display import HIGHLIGHT, mark_spans, redact_quotes

if TYPE_CHECKING:
    from textcode.review.ledger import LedgerEntry, MarkedSpan, UnitKey

HIGHLIGHT_MARKERS = HIGHLIGHT  # the old name


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
    polarity: str = "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "suggestion_id": self.suggestion_id,
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "rule": self.rule,
            "confidence": self.confidence,
            "polarity": self.polarity,
            "decision": self.decision,
        }


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """What a reviewer needs to decide one suggestion.

    ``text`` is the full answer as shown (redacted unless the session was opened with
    ``redact=False``; None when no answer texts were given) and ``start``/``end`` locate the
    evidence in it. ``spans`` are further evidence spans for the same code; ``others`` are the
    suggestions for the other codes of the same answer.

    ``polarity`` says what the words around the evidence do to it (``lacking``: said to be
    missing, "te weinig mensen"; ``sufficient``: said to be fine; ``positive``: praised;
    ``none``), with the ``polarity_cues`` that say so. It describes the answer, it is no
    verdict: for a code about a shortage, ``lacking`` is what makes it right. ``negated`` is
    the coder's flag it replaces (kept for the Python API). ``examples`` and ``counter_examples``
    are the codebook's positive and negative examples of the code, ``exclusions`` its
    exclusion rules.
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
    polarity: str = "none"
    polarity_cues: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return one_line(
            f"<ReviewItem {self.suggestion_id}: {self.code} on {self.response_id!r} "
            f"{shorten(self.evidence, 60)!r}, rule {self.rule}, {self.confidence:.2f}>"
        )

    def highlighted(self, markers: tuple[str, str] = HIGHLIGHT) -> str:
        """The answer with the evidence wrapped in ``markers`` (only the evidence if no text)."""
        if self.text is None:
            return f"{markers[0]}{self.evidence}{markers[1]}"
        return mark_spans(self.text, [(self.start, self.end)], markers)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``textcode review --next --json`` prints this)."""
        return {
            "suggestion_id": self.suggestion_id,
            "response_id": self.response_id,
            "question": self.question,
            "code": self.code,
            "label": self.label,
            "definition": self.definition,
            "examples": list(self.examples),
            "counter_examples": list(self.counter_examples),
            "exclusions": list(self.exclusions),
            "rule": self.rule,
            "confidence": self.confidence,
            "polarity": self.polarity,
            "polarity_cues": list(self.polarity_cues),
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


def highlight(text: str, spans: Any, markers: tuple[str, str]) -> str:
    """The old name of :func:`textcode.privacy.display.mark_spans`."""
    return mark_spans(text, spans, markers)


@dataclass(frozen=True)
class Shown:
    """How one session shows texts: the answers it has, whether to redact, in what language."""

    texts: Mapping[tuple[str, str], str]
    redact: bool
    language: str
    windows: Mapping[str, int] = field(default_factory=dict)  # code -> its cue window

    def polarity(self, row: Mapping[str, Any]) -> SpanPolarity:
        """What the words around a suggestion's evidence say about it (lacking, sufficient,
        positive, none), read from the original answer; without the answer, none."""
        text = self.texts.get((str(row["response_id"]), str(row["question"])))
        if text is None:
            return NO_POLARITY
        window = self.windows.get(str(row["code"]), 4)
        return span_polarity(
            text, int(row["start"]), int(row["end"]), language=self.language, window=window
        )

    def answer(self, response_id: str, question: str) -> ShownText | None:
        """The answer as shown (redacted unless ``redact=False``; raises if that cannot run)."""
        text = self.texts.get((response_id, question))
        if text is None:
            return None
        return shown(text, redact=self.redact, language=self.language)

    def free_text(self, text: str) -> str:
        """A free text (a comment, an explanation) as shown."""
        return shown(text, redact=self.redact, language=self.language).text if text else text

    def evidence(self, row: Mapping[str, Any]) -> str:
        """A suggestion's evidence as shown: cut from the redacted answer when the session has
        it, else redacted on its own (never the raw evidence unless ``redact=False``)."""
        return shown_evidence(
            str(row["evidence"] or ""),
            text=self.texts.get((str(row["response_id"]), str(row["question"]))),
            start=int(row["start"]),
            end=int(row["end"]),
            redact=self.redact,
            language=self.language,
        )

    def explanation(self, row: Mapping[str, Any], view: ShownText | None) -> str:
        """A suggestion's explanation as shown: a word it quotes that redaction hides in the
        answer ("matched "Wet"" of "Jan de Wet") becomes the placeholder, then the sentence
        is redacted on its own."""
        explanation = str(row.get("explanation") or "")
        if view is not None and view.redacted:
            span = (int(row["start"]), int(row["end"]))
            explanation = redact_quotes(explanation, view.original, view, span)
        return self.free_text(explanation)

    def span(
        self,
        row: Mapping[str, Any],
        mine: Mapping[UnitKey, LedgerEntry],
        view: ShownText | None,
    ) -> Span:
        """One suggestion as a :class:`Span` of the answer as shown, with this reviewer's
        verdict on its unit."""
        start, end = int(row["start"]), int(row["end"])
        # Evidence as shown: cut from the (redacted) text, so no personal data slips through.
        if view is not None:
            start, end = view.map_span(start, end)
            evidence = view.text[start:end]
        else:
            evidence = self.evidence(row)
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
            polarity=self.polarity(row).state,
        )

    def entry(self, entry: LedgerEntry) -> dict[str, Any]:
        """A ledger entry as shown (``--json`` echoes, MCP): the machine's evidence and the
        comment redacted unless ``redact=False``.

        The ledger itself keeps the original (it is the audit trail); ``machine.start`` and
        ``machine.end`` stay offsets into the original answer.
        """
        data = entry.to_dict()
        data["comment"] = self.free_text(entry.comment)
        machine = entry.machine
        if machine is not None:
            row = {
                "response_id": entry.response_id,
                "question": entry.question,
                "start": machine.start,
                "end": machine.end,
                "evidence": machine.evidence,
            }
            data["machine"] = {**data["machine"], "evidence": self.evidence(row)}
        if entry.span is not None:
            row = {
                "response_id": entry.response_id,
                "question": entry.question,
                "start": entry.span.start,
                "end": entry.span.end,
                "evidence": entry.span.evidence,
            }
            data["span"] = {**data["span"], "evidence": self.evidence(row)}
        return data

    def marked(self, span: MarkedSpan | None, view: ShownText | None) -> dict[str, Any]:
        """The words a reviewer marked, as offsets into the answer as shown (``start``,
        ``end``, ``evidence``), or nothing when there are none or no answer to show them in."""
        if span is None or view is None or span.end > len(view.original):
            return {}
        start, end = view.map_span(span.start, span.end)
        return {"start": start, "end": end, "evidence": view.text[start:end]}
