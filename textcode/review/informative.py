"""Active learning: review first the answers whose review teaches the learned suggester most.

:func:`informative_order` ranks answers by how many of their codes the learned suggester
expects a reviewer to change (:meth:`ModelSuggester.expected_corrections`): a rule hit it
doubts, a code it half believes the rules missed, an answer the rules left uncoded that looks
like one of the codes. Before enough answers are reviewed for a model, the rules' own
uncertainty decides, taking turns: an answer no rule coded (that is where misses hide), then
the coded answer with the least confident suggestion, and so on, so the first decisions teach
the model both what the rules miss and how far their hits hold. Answers that say the same
(the same content words) move back, so a reviewer does not teach the model the same thing
twice in a row.

:func:`session_priority` does this for a review session (its suggestions, ledger and answer
texts); ``ReviewSession(order="informative")`` and ``textcode review --order informative`` use
it, and so does the MCP queue.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from textcode.review.model import ModelSuggester, is_model_rule, rule_hits

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.review.ledger import Ledger, LedgerEntry

# A review session learns its informative order again after this many new ledger entries.
RELEARN_AFTER = 10


def informative_order(
    answers: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    rules: pd.DataFrame | None = None,
    model: ModelSuggester | None = None,
    lemmatizer: Any = None,
) -> pd.DataFrame:
    """The answers, most informative first: ``response_id``, ``question``, ``score``.

    ``model``: a fitted :class:`ModelSuggester` (its expected corrections are the score);
    without one, or when it has no code model yet, the rules' uncertainty is the score.
    ``rules``: the rules' suggestions for the answers (coded with the codebook if left out).
    Ties keep the answers' order; repeated answers (same content words) move back.
    """
    from textcode.review.learn import _answers, _Lemmatizer

    frame = _answers(answers)
    if model is not None and lemmatizer is None:
        lemmatizer = getattr(model, "lemmatizer_", None)
    question_of = codebook.question_id if codebook is not None else str
    questions = [question_of(q) for q in frame["question"]]
    if rules is None and codebook is not None:
        from textcode.coding import Coder

        rules = Coder(codebook).suggest(frame)
        rules = rules.assign(response_id=rules["response_id"].astype(str))
    from textcode.lang import get_language
    from textcode.review.features import is_content

    language = codebook.language if codebook is not None else "nl"
    stop_words = get_language(language).stop_words
    tokens = (lemmatizer or _Lemmatizer(language)).tokens(frame["text"].tolist())
    keys = [
        (q, tuple(sorted({lemma for lemma, _, _ in toks if is_content(lemma, stop_words)})))
        for q, toks in zip(questions, tokens, strict=True)
    ]
    if model is not None and getattr(model, "classes_", None):
        expected = model.expected_corrections(frame, rules=rules).to_numpy(dtype=float)
        scores = _spread_repeats(expected, keys)
    else:
        scores = _taking_turns(_rule_uncertainty(frame, questions, rules), keys)
    out = pd.DataFrame(
        {"response_id": frame["response_id"], "question": questions, "score": scores}
    )
    empty = (frame["text"].str.strip() == "").to_numpy()
    out = out[~empty]
    return out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def _rule_uncertainty(
    frame: pd.DataFrame, questions: list[str], rules: pd.DataFrame | None
) -> np.ndarray[Any, Any]:
    """Without a model: 1 for an answer no rule coded, else how unsure its rules are (the
    largest 1 - confidence of its suggestions, so under 1)."""
    hits = rule_hits(rules)
    doubt: dict[tuple[str, str], float] = {}
    if rules is not None and not rules.empty:
        for rid, question, rule, confidence in zip(
            rules["response_id"],
            rules["question"],
            rules["rule"],
            rules["confidence"],
            strict=True,
        ):
            if not is_model_rule(rule):
                key = (str(rid), str(question))
                doubt[key] = max(doubt.get(key, 0.0), min(0.99, 1.0 - float(confidence)))
    return np.array(
        [
            doubt.get((str(rid), q), 0.0) if (str(rid), q) in hits else 1.0
            for rid, q in zip(frame["response_id"], questions, strict=True)
        ]
    )


def _taking_turns(
    uncertainty: np.ndarray[Any, Any], keys: list[tuple[str, tuple[str, ...]]]
) -> np.ndarray[Any, Any]:
    """Scores that put uncoded answers (uncertainty 1) and coded ones (under 1, most uncertain
    first) in turns; an answer that says what an earlier one said (the same content words)
    comes after every answer that says something new. The k-th of the order scores 1 / k."""
    ranked = np.argsort(-uncertainty, kind="stable")
    uncoded = [i for i in ranked if uncertainty[i] >= 1.0]
    coded = [i for i in ranked if uncertainty[i] < 1.0]
    merged = [i for pair in zip_longest(uncoded, coded) for i in pair if i is not None]
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    repeat = {}
    for i in merged:
        repeat[i] = seen.get(keys[i], 0)
        seen[keys[i]] = repeat[i] + 1
    final = sorted(range(len(merged)), key=lambda n: (repeat[merged[n]], n))
    out = np.zeros(len(uncertainty))
    for rank, n in enumerate(final):
        out[merged[n]] = 1.0 / (rank + 1)
    return out


def _spread_repeats(
    scores: np.ndarray[Any, Any], keys: list[tuple[str, tuple[str, ...]]]
) -> np.ndarray[Any, Any]:
    """The k-th answer (by score) with the same content words as earlier ones scores /(k+1)."""
    order = np.argsort(-scores, kind="stable")
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    out = scores.astype(float).copy()
    for i in order:
        k = seen.get(keys[i], 0)
        out[i] = scores[i] / (k + 1)
        seen[keys[i]] = k + 1
    return out


def session_priority(
    suggestions: pd.DataFrame,
    ledger: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry],
    *,
    texts: Mapping[tuple[str, str], str],
    codebook: Codebook | None,
) -> dict[tuple[str, str], float]:
    """(response_id, question) -> informativeness, for ordering a review queue.

    The reviewers' decisions so far train a :class:`ModelSuggester` (when they are enough for
    one), the suggestions' rule hits are its features and the answer texts its input.
    """
    from textcode.review.learn import labels_from_ledger

    # answer_texts keeps each answer under its group id and under the name it came with.
    rows = [
        (rid, q, text)
        for (rid, q), text in texts.items()
        if codebook is None or codebook.question_id(q) == q
    ]
    answers = pd.DataFrame(rows, columns=["response_id", "question", "text"])
    if "text" in suggestions.columns:
        known = set(texts)
        extra = suggestions[["response_id", "question", "text"]].drop_duplicates(
            ["response_id", "question"]
        )
        extra = extra[
            [
                (str(r), str(q)) not in known
                for r, q in zip(extra.response_id, extra.question, strict=True)
            ]
        ]
        answers = pd.concat([answers, extra], ignore_index=True)
    if answers.empty:
        # No texts: the suggestions alone say how unsure the machine is.
        keys = suggestions[["response_id", "question"]].astype(str).drop_duplicates()
        answers = keys.assign(text="?")
    model = None
    if codebook is not None and not answers["text"].eq("?").all():
        try:
            labelled, labels = labels_from_ledger(
                ledger, answers, codebook=codebook, suggestions=suggestions
            )
        except FileNotFoundError:
            labelled, labels = answers.iloc[:0], pd.DataFrame()
        if len(labelled):
            rules = suggestions[~suggestions["rule"].map(is_model_rule)]
            model = ModelSuggester(codebook).fit(labelled, labels, rules=rules, unlabelled=answers)
    rules = suggestions[~suggestions["rule"].map(is_model_rule)]
    order = informative_order(answers, codebook=codebook, rules=rules, model=model)
    return {
        (str(r), str(q)): float(s)
        for r, q, s in zip(order["response_id"], order["question"], order["score"], strict=True)
    }
