"""Learning from review decisions and gold files: training data, fitting, cross-validation.

The model itself is :class:`textcode.review.model.ModelSuggester` (re-exported here). Training
data comes from :func:`labels_from_gold` (a gold file) or :func:`labels_from_ledger`
(accepted, rejected and added decisions; on an answer a reviewer decided anything about, the
question's codes the machine did not suggest and nobody added count as absent).
:func:`suggester_from_files` fits it on gold files and ledgers together (``textcode code
--learn-from``); :func:`cross_validate` measures rules alone against rules plus model with fixed
folds.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from textcode.errors import InputError
from textcode.parsing import loads_json
from textcode.review.model import MODEL_RULE_PREFIX, ModelSuggester

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.review.ledger import Ledger, LedgerEntry

__all__ = [
    "MODEL_RULE_PREFIX",
    "ModelSuggester",
    "cross_validate",
    "labels_from_gold",
    "labels_from_ledger",
    "suggester_from_files",
]

Tokens = list[tuple[str, int, int]]


class _Lemmatizer:
    """Lemmas with character offsets, from textcode's pipeline (accent-folded, lower case).

    Texts are analysed once per lemmatizer: cross-validation and repeated fits reuse them.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self._cache: dict[str, Tokens] = {}

    def tokens(self, texts: Sequence[str]) -> list[Tokens]:
        from textcode.nlp import lemma_tokens

        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        analysed = lemma_tokens(missing, language=self.language)
        for text, tokens in zip(missing, analysed, strict=True):
            self._cache[text] = [(t.lemma, t.start, t.end) for t in tokens if t.word]
        return [self._cache[t] for t in texts]

    def documents(self, texts: Sequence[str]) -> list[str]:
        return [" ".join(lemma for lemma, _, _ in tokens) for tokens in self.tokens(texts)]

    def __getstate__(self) -> dict[str, Any]:
        return {"language": self.language, "_cache": {}}


def _answers(X: Any) -> pd.DataFrame:
    frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame(list(X))
    if "response_id" not in frame.columns and "id" in frame.columns:
        frame = frame.rename(columns={"id": "response_id"})
    for column in ("response_id", "question", "text"):
        if column not in frame.columns:
            raise InputError("the answers need this column", field=column)
    frame = frame.reset_index(drop=True).copy()
    frame["response_id"] = frame["response_id"].astype(str)
    frame["question"] = frame["question"].astype(str)
    frame["text"] = frame["text"].fillna("").astype(str)
    return frame


def _label_frame(y: Any, n_rows: int, all_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Labels as rows x codes with 1/0/NaN: from lists of code ids (a code not listed is 0,
    for every code in ``all_codes``) or from a frame."""
    if isinstance(y, pd.DataFrame):
        if len(y) != n_rows:
            raise ValueError(f"{len(y)} label rows for {n_rows} answers")
        return y.reset_index(drop=True).astype(float)
    lists = [list(codes) for codes in y]
    if len(lists) != n_rows:
        raise ValueError(f"{len(lists)} label rows for {n_rows} answers")
    codes = sorted({c for row in lists for c in row} | set(all_codes or ()))
    data = np.zeros((n_rows, len(codes)))
    index = {c: j for j, c in enumerate(codes)}
    for i, row in enumerate(lists):
        for c in row:
            data[i, index[c]] = 1.0
    return pd.DataFrame(data, columns=codes)


# ------------------------------------------------------------------------------ training data


def labels_from_gold(
    source: str | os.PathLike[str] | pd.DataFrame,
) -> tuple[pd.DataFrame, list[list[str]]]:
    """Answers and their code lists from a gold file (JSON Lines: id, question, text, codes)."""
    from textcode.coding.gold import read_gold

    if isinstance(source, pd.DataFrame) and "codes" not in source.columns:
        raise InputError("a gold file needs codes", field="codes")
    frame = read_gold(source if isinstance(source, pd.DataFrame) else Path(source))
    answers = _answers(frame)
    return answers, [list(codes) for codes in frame["codes"]]


def labels_from_ledger(
    ledger: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry],
    answers: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    suggestions: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Answers and a rows x codes frame of 1/0/NaN from the reviewers' decisions.

    A unit's label is the reviewers' majority (ties stay unknown). On an answer someone
    reviewed, the question's codes that the machine did not suggest and no one added are 0.
    """
    from textcode.coding.suggestions import answer_texts
    from textcode.review.agreement import MACHINE, ratings_table
    from textcode.review.ledger import Ledger as LedgerClass

    source = ledger if isinstance(ledger, LedgerClass | str | os.PathLike) else list(ledger)
    table = ratings_table(source, suggestions=suggestions)
    reviewers = [c for c in table.columns if c != MACHINE]
    votes = table[reviewers]
    ones = (votes == 1).sum(axis=1)
    zeros = (votes == 0).sum(axis=1)
    consensus = pd.Series(
        np.where(ones > zeros, 1.0, np.where(zeros > ones, 0.0, np.nan)), index=table.index
    )
    texts = answer_texts(answers, codebook)
    units: list[tuple[str, str, str]] = [tuple(map(str, key)) for key in table.index]  # type: ignore[misc]
    known = consensus.notna().to_numpy()
    reviewed = sorted({(u[0], u[1]) for u, k in zip(units, known, strict=True) if k})
    rows = [(rid, q, texts[(rid, q)]) for rid, q in reviewed if (rid, q) in texts]
    frame = pd.DataFrame(rows, columns=["response_id", "question", "text"])
    codes = sorted({u[2] for u in units})
    if codebook is not None:
        codes = sorted(
            set(codes)
            | {c.id for q in {q for _, q, _ in rows} for c in codebook.codes_for_question(q)}
        )
    labels = pd.DataFrame(np.nan, index=range(len(frame)), columns=codes)
    position = {(rid, q): i for i, (rid, q, _) in enumerate(rows)}
    for unit, value in zip(units, consensus.to_numpy(dtype=float), strict=True):
        if (unit[0], unit[1]) in position and not math.isnan(value):
            labels.at[position[(unit[0], unit[1])], unit[2]] = value
    if codebook is not None and suggestions is not None:
        # With the machine's full output known, a code it did not suggest and nobody added
        # on a reviewed answer is absent.
        suggested = set(
            zip(
                suggestions["response_id"].astype(str),
                suggestions["question"].astype(str),
                suggestions["code"].astype(str),
                strict=True,
            )
        )
        missing = labels.isna()
        for (rid, q), i in position.items():
            for code in codebook.codes_for_question(q):
                if bool(missing.at[i, code.id]) and (rid, q, code.id) not in suggested:
                    labels.at[i, code.id] = 0.0
    return frame, labels


# ---------------------------------------------------------------------------- cross-validation


def _micro(pred: set[tuple[str, str]], gold: set[tuple[str, str]]) -> dict[str, float]:
    tp = len(pred & gold)
    fp = len(pred - gold)
    fn = len(gold - pred)
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def cross_validate(
    gold: str | os.PathLike[str] | pd.DataFrame,
    *,
    coder: Any = None,
    codebook: Codebook | None = None,
    n_splits: int = 5,
    random_state: int = 0,
    unlabelled: pd.DataFrame | None = None,
    **model_params: Any,
) -> pd.DataFrame:
    """Micro precision/recall/F1 of rules alone and of rules plus model, with fixed folds.

    The rules don't learn, so they are applied once; the model is trained on each training
    fold (answers with their gold codes; ``unlabelled`` answers as its pool) and suggests on
    the held-out fold. Rows: ``rules``, ``model`` (its proposals alone) and ``rules+model``;
    columns precision, recall, f1, tp, fp, fn.
    """
    from sklearn.model_selection import KFold

    answers, codes = labels_from_gold(gold)
    if coder is None:
        from textcode.coding import Coder

        coder = Coder(codebook)
    codebook = codebook or getattr(coder, "codebook_", None)
    pool = _answers(unlabelled) if unlabelled is not None else answers.iloc[:0]
    rules = coder.suggest(pd.concat([answers, pool], ignore_index=True))
    rules = rules.assign(response_id=rules["response_id"].astype(str))
    key = [(r, q) for r, q in zip(answers["response_id"], answers["question"], strict=True)]
    gold_units = {(f"{r}\x1f{q}", c) for (r, q), cs in zip(key, codes, strict=True) for c in cs}
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    predicted: dict[str, set[tuple[str, str]]] = {
        "rules": set(),
        "model": set(),
        "rules+model": set(),
    }
    lemmatizer = _Lemmatizer(codebook.language if codebook is not None else "nl")
    for train, test in folds.split(answers):
        model = ModelSuggester(
            codebook, random_state=random_state, lemmatizer=lemmatizer, **model_params
        )
        model.fit(answers.iloc[train], [codes[i] for i in train], rules=rules, unlabelled=pool)
        held_out = answers.iloc[test].reset_index(drop=True)
        test_keys = {key[i] for i in test}
        fold_rules = rules[
            [
                (r, q) in test_keys
                for r, q in zip(rules["response_id"], rules["question"], strict=True)
            ]
        ]
        combined = model.suggest(held_out, rules=fold_rules)
        proposed = combined[combined["rule"].astype(str).str.startswith(MODEL_RULE_PREFIX)]
        for name, frame in (("rules", fold_rules), ("model", proposed), ("rules+model", combined)):
            predicted[name] |= {
                (f"{r}\x1f{q}", c)
                for r, q, c in zip(
                    frame["response_id"], frame["question"], frame["code"], strict=True
                )
            }
    rows = {name: _micro(units, gold_units) for name, units in predicted.items()}
    return pd.DataFrame.from_dict(rows, orient="index")[
        ["precision", "recall", "f1", "tp", "fp", "fn"]
    ]


# ------------------------------------------------------------------------- learning from files


def _file_kind(path: str | os.PathLike[str]) -> str:
    """``"gold"`` (lines with ``codes``) or ``"ledger"`` (lines with ``decision``)."""
    try:
        # Bytes, so that only the line looked at is decoded: the gold or ledger reader then
        # names any later line that is not UTF-8.
        with open(path, "rb") as handle:
            for line_no, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
                except UnicodeDecodeError:
                    raise InputError("not UTF-8 text", path=path, line=line_no) from None
                try:
                    first = loads_json(line)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"not JSON Lines: {exc.msg}", path=path, line=line_no
                    ) from None
                if isinstance(first, dict) and "decision" in first:
                    return "ledger"
                if isinstance(first, dict) and "codes" in first:
                    return "gold"
                raise InputError(
                    "neither a gold file (id, question, text, codes) nor a review ledger",
                    path=path,
                    line=line_no,
                )
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    raise InputError("the file is empty", path=path)


def suggester_from_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    answers: pd.DataFrame,
    codebook: Codebook,
    suggestions: pd.DataFrame | None = None,
) -> ModelSuggester:
    """A :class:`ModelSuggester` fitted on gold files and review ledgers together.

    Ledgers label the answers of ``answers`` (the survey being coded) that reviewers decided
    on; gold files bring their own texts. Codes nobody decided stay unknown. ``answers`` are
    also the model's unlabelled pool, and ``suggestions`` (the rules' output on them) its
    rule hits; gold answers are coded with the codebook. Response ids identify answers.
    """
    frames: list[pd.DataFrame] = []
    labels: list[pd.DataFrame] = []
    gold_frames: list[pd.DataFrame] = []
    for path in paths:
        if _file_kind(path) == "gold":
            gold_answers, gold_codes = labels_from_gold(path)
            frames.append(gold_answers)
            gold_frames.append(gold_answers)
            # A gold answer lists all its codes: every other code is absent.
            every = [code.id for code in codebook.codes]
            labels.append(_label_frame(gold_codes, len(gold_answers), every))
        else:
            ledger_answers, ledger_labels = labels_from_ledger(
                path, answers, codebook=codebook, suggestions=suggestions
            )
            frames.append(ledger_answers)
            labels.append(ledger_labels)
    if not frames or not sum(len(frame) for frame in frames):
        raise InputError(
            "nothing to learn from: no labelled answers in " + ", ".join(map(str, paths))
        )
    X = pd.concat(frames, ignore_index=True)
    y = pd.concat(labels, ignore_index=True)
    pool = _answers(answers)
    rules = suggestions
    if rules is None or gold_frames:
        from textcode.coding import Coder

        coder = Coder(codebook)
        coded = [coder.suggest(frame) for frame in gold_frames]
        if rules is None:
            coded.append(coder.suggest(pool))
        rules = pd.concat([r for r in [suggestions, *coded] if r is not None], ignore_index=True)
        rules = rules.assign(response_id=rules["response_id"].astype(str))
    return ModelSuggester(codebook).fit(X, y, rules=rules, unlabelled=pool)
