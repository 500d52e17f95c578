"""The report of a survey too large to show whole: answers stream by once, chunk by chunk.

Up to :data:`EXACT_ANSWERS` answers the report reads, codes and shows every answer
(:func:`textcode.report.load_and_code`). Beyond that, :func:`stream_survey` reads the file in
chunks and codes each, keeping only what the counts need (ids, questions, attributes, whether
each answer is empty, the codes given), the lemma counts of keyness and the word clouds, and a
sample of :data:`SAMPLE_ROWS` respondents with their answers and suggestions, chosen by a hash
of their id (the same respondents on every run, however the file is cut). Every count,
cross-tabulation and keyness figure is over all answers; quotes, keyword in context, the
appendix and the ids behind each number come from the sample, and the report says so.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from textcode.analysis.frames import ANSWER_COLUMNS, decisions, texts
from textcode.progress import progress

if TYPE_CHECKING:
    from textcode.analysis.survey import SurveyAnalysis
    from textcode.codebook import Codebook
    from textcode.ingest.sidecar import DatasetRoles

EXACT_ANSWERS = 20_000
SAMPLE_ROWS = 2_000
CHUNK_ROWS = 10_000
CODER_CACHE = 20_000
SLIM_TEXT = "x"  # stands for any non-empty answer in the tables the counts are made from


@dataclass
class _Sample:
    """The respondents with the ``size`` smallest id hashes, and their answers and codes."""

    size: int
    heap: list[tuple[int, str]] = field(default_factory=list)  # (-hash, id): largest on top
    answers: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    suggestions: dict[str, list[pd.DataFrame]] = field(default_factory=dict)

    def offer(self, chunk: pd.DataFrame, suggestions: pd.DataFrame) -> None:
        ids = chunk["response_id"].astype(str)
        for rid in dict.fromkeys(ids.tolist()):
            self._admit(rid)
        # An id admitted early in the chunk may have been pushed out by a later one.
        keep = {rid for rid in ids.tolist() if rid in self.answers}
        if not keep:
            return
        rows = chunk[ids.isin(keep).to_numpy()]
        coded = suggestions[suggestions["response_id"].astype(str).isin(keep).to_numpy()]
        for rid, part in rows.groupby(rows["response_id"].astype(str), sort=False):
            self.answers.setdefault(str(rid), []).append(part)
        for rid, part in coded.groupby(coded["response_id"].astype(str), sort=False):
            self.suggestions.setdefault(str(rid), []).append(part)

    def _admit(self, rid: str) -> None:
        if rid in self.answers:
            return
        key = _hash(rid)
        if len(self.heap) < self.size:
            heapq.heappush(self.heap, (-key, rid))
        elif key < -self.heap[0][0]:
            _, out = heapq.heapreplace(self.heap, (-key, rid))
            self.answers.pop(out, None)
            self.suggestions.pop(out, None)
        else:
            return
        self.answers[rid] = []

    def tables(self, columns: pd.Index, suggestion_columns: pd.Index) -> tuple[pd.DataFrame, ...]:
        """The sample's answers and suggestions, in file order."""
        parts = [p for rid in self.answers for p in self.answers[rid]]
        answers = pd.concat(parts).sort_index() if parts else pd.DataFrame(columns=columns)
        found = [p for rid in self.suggestions for p in self.suggestions[rid]]
        coded = pd.concat(found).sort_index() if found else pd.DataFrame(columns=suggestion_columns)
        return answers.reset_index(drop=True), coded.reset_index(drop=True)


def _hash(rid: str) -> int:
    return int.from_bytes(hashlib.blake2b(rid.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class _Lemmas:
    """Lemma counts over every answer as shown (redacted): per ``by`` group with compound parts
    (keyness), per question without (word clouds), as the small report counts them."""

    language: str
    redact: bool
    by: str | None
    groups: dict[str, Counter[str]] = field(default_factory=dict)
    words: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, frame: pd.DataFrame) -> None:
        from textcode.analysis.tokens import content_of, tokenize_many

        shown = [self.shown(t) for t in frame["text"].fillna("").astype(str).tolist()]
        groups = texts(frame[self.by]).tolist() if self.by else [""] * len(shown)
        asked = frame["question"].astype(str).tolist()
        distinct = list(dict.fromkeys(t for t in shown if t.strip()))  # each text once
        plain: dict[str, list[str]] = {}
        tokens = tokenize_many(distinct, language=self.language)
        for text, found in zip(distinct, tokens, strict=True):
            # Keywords keep compounds whole ("projectleider", not also "leider").
            plain[text] = content_of(found)
        for text, question, group in zip(shown, asked, groups, strict=True):
            if text not in plain:
                continue
            self.words.setdefault(question, Counter()).update(plain[text])
            if group:
                self.groups.setdefault(group, Counter()).update(plain[text])

    def shown(self, text: str) -> str:
        if not self.redact:
            return text
        from textcode.analysis.redaction import without_placeholders
        from textcode.privacy import shown

        return without_placeholders(shown(text, language=self.language).text)


@dataclass
class StreamedSurvey:
    """A survey read and coded chunk by chunk (see the module docstring)."""

    answers: pd.DataFrame  # every answer, its text replaced by SLIM_TEXT or ""
    suggestions: pd.DataFrame  # every decision: response_id, question, code
    sample_answers: pd.DataFrame
    sample_suggestions: pd.DataFrame
    lemmas: _Lemmas
    codebook: Codebook
    roles: DatasetRoles | None
    source: str

    def analyse(self, *, language: str | None, by: str | None) -> SurveyAnalysis:
        """Counts over all answers, shown through the sample."""
        from textcode.analysis.survey import SurveySample, analyse_survey, sampled
        from textcode.analysis.tokens import content_lemmas_many

        analysis = analyse_survey(
            self.answers,
            self.suggestions,
            roles=self.roles,
            codebook=self.codebook,
            language=language,
            by=by,
        )
        rows = frozenset(self.sample_answers["response_id"].astype(str))
        where: dict[tuple[str, str], set[str]] = {}
        if analysis.by is not None and self.lemmas.groups:
            open_answers = self.sample_answers[
                self.sample_answers["question"].isin(analysis.questions)
            ]
            shown = [self.lemmas.shown(t) for t in open_answers["text"].fillna("").astype(str)]
            groups = texts(open_answers[analysis.by]).tolist()
            ids = open_answers["response_id"].astype(str).tolist()
            for group, rid, lemmas in zip(
                groups,
                ids,
                content_lemmas_many(shown, language=analysis.language),
                strict=True,
            ):
                for lemma in set(lemmas):
                    if group:
                        where.setdefault((group, lemma), set()).add(rid)
        sample = SurveySample(
            rows=rows,
            n_rows=len(analysis.rows),
            n_answers=len(self.answers),
            keyness_counts=self.lemmas.groups if analysis.by is not None else {},
            keyness_ids=where,
            words=self.lemmas.words,
        )
        return sampled(analysis, self.sample_answers, self.sample_suggestions, sample)


def stream_survey(
    source: str | Path,
    *,
    codebook: Codebook,
    roles: DatasetRoles | None,
    id_column: str | None,
    text_columns: Sequence[str] | None,
    question_column: str | None,
    sheet: str | None,
    language: str | None,
    by: str | None,
    redact: bool,
    quiet: bool = True,
    exact_answers: int | None = None,
    sample_rows: int | None = None,
    chunk_rows: int | None = None,
) -> StreamedSurvey | None:
    """The survey streamed and coded, or None when it has at most ``exact_answers`` answers
    (the report then reads it whole and shows every answer). Left out, the sizes are
    :data:`EXACT_ANSWERS`, :data:`SAMPLE_ROWS` and :data:`CHUNK_ROWS`."""
    exact_answers = EXACT_ANSWERS if exact_answers is None else exact_answers
    sample_rows = SAMPLE_ROWS if sample_rows is None else sample_rows
    chunk_rows = CHUNK_ROWS if chunk_rows is None else chunk_rows
    from textcode.analysis.survey import normalize_questions
    from textcode.coding import Coder
    from textcode.ingest.stream import AnswerStream
    from textcode.privacy.display import clear_cache

    stream = AnswerStream(
        source,
        id_column=id_column,
        text_columns=list(text_columns) if text_columns else None,
        question_column=question_column,
        sheet=sheet,
        chunk_size=chunk_rows,
    )
    chunks = iter(stream)
    head: list[pd.DataFrame] = []
    for chunk in chunks:
        head.append(chunk)
        if sum(len(c) for c in head) > exact_answers:
            break
    else:
        return None
    # A small cache of repeated answers: it saves little time here and would hold memory
    # the counts need afterwards.
    coder = Coder(codebook, language=language, cache_size=CODER_CACHE)
    first = normalize_questions(head[0], roles=roles, codebook=codebook)
    answer_columns = head[0].columns
    by = _by(first, roles, by)
    lemmas = _Lemmas(language or codebook.language or "nl", redact, by)
    sample = _Sample(sample_rows)
    slim: list[pd.DataFrame] = []
    coded: list[pd.DataFrame] = []
    columns = _kept_columns(first, roles, by)
    suggestion_columns: pd.Index | None = None
    for chunk in progress(_chained(head, chunks), desc="rapport", unit="delen", quiet=quiet):
        chunk = normalize_questions(chunk, roles=roles, codebook=codebook)
        suggestions = coder.code(chunk, quiet=True).suggestions
        if suggestion_columns is None:
            suggestion_columns = suggestions.columns
        slim.append(_slim(chunk, columns))
        coded.append(decisions(suggestions))
        sample.offer(chunk, suggestions)
        lemmas.add(chunk)
        clear_cache()  # the views of this chunk's answers are not shown again
    del coder
    answers = pd.concat(slim, ignore_index=True)
    suggestions_all = pd.concat(coded, ignore_index=True)
    assert suggestion_columns is not None
    sample_answers, sample_suggestions = sample.tables(answer_columns, suggestion_columns)
    name = Path(str(source)).name
    return StreamedSurvey(
        answers=answers,
        suggestions=suggestions_all,
        sample_answers=sample_answers,
        sample_suggestions=sample_suggestions,
        lemmas=lemmas,
        codebook=codebook,
        roles=roles,
        source=name,
    )


def _chained(head: list[pd.DataFrame], rest: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    while head:
        yield head.pop(0)  # let each chunk go once it is coded
    yield from rest


def _by(answers: pd.DataFrame, roles: DatasetRoles | None, by: str | None) -> str | None:
    """The attribute keyness and the cross-tabulations go by (as analyse_survey decides)."""
    if by is not None:
        return by if by in answers.columns else None  # analyse_survey names the error
    if roles is not None and roles.attributes and roles.attributes[0] in answers.columns:
        return roles.attributes[0]
    return None


def _kept_columns(answers: pd.DataFrame, roles: DatasetRoles | None, by: str | None) -> list[str]:
    """The columns the counts need: the answers table's, and every attribute when a sidecar
    declares closed questions, units or statements (else only ``by``)."""
    attributes = [c for c in answers.columns if c not in ANSWER_COLUMNS]
    if roles is not None:
        return [*ANSWER_COLUMNS, *attributes]
    return [*ANSWER_COLUMNS, *([by] if by in attributes else [])]


def _slim(chunk: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = chunk[[c for c in columns if c in chunk.columns]].copy()
    out["text"] = [SLIM_TEXT if t.strip() else "" for t in chunk["text"].fillna("").tolist()]
    return out
