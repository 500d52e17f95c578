"""A supervised suggester that learns from review decisions and gold files.

:class:`ModelSuggester` has scikit-learn's surface (``fit``, ``predict_proba``, ``predict``)
plus ``suggest``, which emits contract suggestion records with ``rule: "model:<code>"``. Per
code it fits TF-IDF features over the answer's lemmas (word uni/bigrams and character n-grams,
so compounds and typos share features) and a logistic regression with sigmoid-calibrated
probabilities, on the answers of that code's question only.

Training data comes from :func:`labels_from_gold` (a gold file) or :func:`labels_from_ledger`
(accepted, rejected and added decisions; on an answer a reviewer decided anything about, the
question's codes the machine did not suggest and nobody added count as absent).
:func:`combine_suggestions` merges model and rule suggestions; :func:`cross_validate` measures
rules alone against rules plus model with fixed folds.
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

from textcode.codebook.questions import group_of
from textcode.codebook.resolve import CodebookArg, resolve_codebook
from textcode.coding.suggestions import records
from textcode.errors import InputError
from textcode.parsing import loads_json
from textcode.records import SUGGESTION_FIELDS, suggestion_id

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.review.ledger import Ledger, LedgerEntry

MODEL_RULE_PREFIX = "model:"
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


class ModelSuggester:
    """TF-IDF over lemmas + one calibrated logistic regression per code.

    Parameters are stored unchanged (scikit-learn style); ``fit`` validates and learns.
    ``threshold``: the probability from which ``predict``/``suggest`` propose a code.
    ``min_positive``: codes with fewer positive examples get no model.
    ``examples``: also learn from the codebook's positive examples (each as an answer with
    that one code), which gives rare codes a start before many decisions exist.
    ``codebook``: a Codebook, a path, None (the shipped one) or False (none, the default), as
    everywhere in textcode (:func:`~textcode.codebook.resolve.resolve_codebook`).
    """

    def __init__(
        self,
        codebook: CodebookArg = False,
        *,
        C: float = 10.0,
        threshold: float = 0.5,
        calibration: str = "sigmoid",
        cv: int = 3,
        min_positive: int = 3,
        examples: bool = True,
        language: str | None = None,
        random_state: int = 0,
        lemmatizer: Any = None,
    ) -> None:
        self.codebook = codebook
        self.examples = examples
        self.lemmatizer = lemmatizer
        self.C = C
        self.threshold = threshold
        self.calibration = calibration
        self.cv = cv
        self.min_positive = min_positive
        self.language = language
        self.random_state = random_state

    # ------------------------------------------------------------------------------- fit

    def _codebook(self) -> Codebook | None:
        """The codebook the ``codebook`` parameter stands for, resolved once."""
        if not hasattr(self, "_resolved"):
            self._resolved = resolve_codebook(self.codebook)
        return self._resolved

    def _lemmatizer(self) -> _Lemmatizer:
        if not hasattr(self, "lemmatizer_"):
            book = self._codebook()
            language = self.language or (book.language if book is not None else "nl")
            self.lemmatizer_ = self.lemmatizer or _Lemmatizer(language)
        return self.lemmatizer_

    def _question_of(self, question: str) -> str:
        return group_of(question, self._codebook())

    def _applies(self, code: str, questions: pd.Series) -> np.ndarray[Any, Any]:
        """Which answers a code can apply to (the codebook's groups, else the code's prefix)."""
        book = self._codebook()
        if book is not None and code in book:
            group = book.group(book.code(code).group)
            if group.applies_to_all:
                return np.ones(len(questions), dtype=bool)
            return np.asarray(questions == group.id)
        prefix = code.split(".", 1)[0]
        known = set(questions)
        if prefix in known:
            return np.asarray(questions == prefix)
        return np.ones(len(questions), dtype=bool)

    def fit(self, X: Any, y: Any) -> ModelSuggester:
        """Learn from answers ``X`` (response_id, question, text) and labels ``y``.

        ``y``: for each answer a list of its code ids, or a rows x codes frame of 1/0/NaN
        (NaN = unknown, left out of that code's training).
        """
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion

        answers = _answers(X)
        book = self._codebook()
        codes = [c.id for c in book.codes] if book is not None else None
        labels = _label_frame(y, len(answers), codes)
        if self.examples and book is not None:
            answers, labels = self._with_examples(answers, labels)
        questions = answers["question"].map(self._question_of)
        documents = self._lemmatizer().documents(answers["text"].tolist())
        # One vocabulary for all codes: the features are the answers', not a code's.
        self.vectorizer_ = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
                    ),
                ),
            ]
        )
        matrix = self.vectorizer_.fit_transform(documents)
        self.models_: dict[str, Any] = {}
        self.skipped_: dict[str, str] = {}
        for code in labels.columns:
            mask = self._applies(str(code), questions) & labels[code].notna().to_numpy()
            target = labels.loc[mask, code].to_numpy().astype(int)
            positives = int(target.sum())
            negatives = int(len(target) - positives)
            if positives < self.min_positive or negatives < self.min_positive:
                self.skipped_[str(code)] = f"{positives} positive and {negatives} negative examples"
                continue
            classifier = LogisticRegression(
                C=self.C, class_weight="balanced", max_iter=2000, solver="liblinear"
            )
            folds = max(2, min(self.cv, positives, negatives))
            model = CalibratedClassifierCV(
                classifier, method=self.calibration, cv=folds, ensemble=False
            )
            model.fit(matrix[np.flatnonzero(mask)], target)
            self.models_[str(code)] = model
        self.classes_ = list(self.models_)
        return self

    def _with_examples(
        self, answers: pd.DataFrame, labels: pd.DataFrame
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        book = self._codebook()
        assert book is not None
        rows, marks = [], []
        for code in book.codes:
            group = book.group(code.group)
            for n, text in enumerate(code.positive_examples):
                question = "" if group.applies_to_all else group.id
                rows.append(
                    {"response_id": f"example:{code.id}:{n}", "question": question, "text": text}
                )
                marks.append(code.id)
        if not rows:
            return answers, labels
        columns = list(dict.fromkeys([*labels.columns, *marks]))
        extra_labels = pd.DataFrame(0.0, index=range(len(rows)), columns=columns)
        for i, mark in enumerate(marks):
            extra_labels.at[i, mark] = 1.0
        combined = pd.concat(
            [answers[["response_id", "question", "text"]], pd.DataFrame(rows)], ignore_index=True
        )
        return combined, pd.concat(
            [labels.reindex(columns=columns), extra_labels], ignore_index=True
        )

    def _check_fitted(self) -> None:
        if not hasattr(self, "models_"):
            raise RuntimeError("call fit() first")

    # --------------------------------------------------------------------------- predict

    def predict_proba(self, X: Any) -> pd.DataFrame:
        """Rows x codes: the calibrated probability that the code applies (NaN: not for the
        answer's question)."""
        self._check_fitted()
        answers = _answers(X)
        documents = self._lemmatizer().documents(answers["text"].tolist())
        return self._proba(answers, documents)

    def _proba(self, answers: pd.DataFrame, documents: list[str]) -> pd.DataFrame:
        questions = answers["question"].map(self._question_of)
        result = pd.DataFrame(np.nan, index=answers.index, columns=self.classes_)
        matrix = self.vectorizer_.transform(documents)
        for code, model in self.models_.items():
            mask = self._applies(code, questions) & (answers["text"].str.strip() != "").to_numpy()
            if mask.any():
                rows = np.flatnonzero(mask)
                result.loc[rows, code] = model.predict_proba(matrix[rows])[:, 1]
        return result

    def predict(self, X: Any) -> pd.DataFrame:
        """Rows x codes: 1 where the probability reaches ``threshold``, else 0."""
        return (self.predict_proba(X).fillna(0.0) >= self.threshold).astype(int)

    def suggest(self, X: Any) -> pd.DataFrame:
        """Suggestion records (contract columns) for codes at or above ``threshold``.

        The evidence is the word that weighs most for the code; the rule is ``model:<code>``
        and the confidence the calibrated probability.
        """
        self._check_fitted()
        answers = _answers(X)
        tokens = self._lemmatizer().tokens(answers["text"].tolist())
        documents = [" ".join(lemma for lemma, _, _ in toks) for toks in tokens]
        proba = self._proba(answers, documents)
        book = self._codebook()
        labels = book.labels() if book is not None else {}
        out: list[dict[str, Any]] = []
        values = proba.to_numpy(dtype=float)
        for i, row in enumerate(records(answers)):
            text, response_id = str(row["text"]), str(row["response_id"])
            for j, code in enumerate(self.classes_):
                p = float(values[i, j])
                if math.isnan(p) or p < self.threshold:
                    continue
                start, end, word = self._evidence(code, text, tokens[i])
                question = self._question_of(str(row["question"]))
                label = labels.get(code, code)
                out.append(
                    {
                        "suggestion_id": suggestion_id(response_id, question, code, start, end),
                        "response_id": response_id,
                        "question": question,
                        "code": code,
                        "start": start,
                        "end": end,
                        "evidence": text[start:end],
                        "rule": f"{MODEL_RULE_PREFIX}{code}",
                        "confidence": round(p, 4),
                        "negated": False,
                        "explanation": (
                            f"{label} ({code}): the learned model gives probability {p:.2f}"
                            + (f'; "{word}" weighs most' if word else "")
                        ),
                    }
                )
        return pd.DataFrame(out, columns=list(SUGGESTION_FIELDS))

    def _evidence(
        self, code: str, text: str, tokens: list[tuple[str, int, int]]
    ) -> tuple[int, int, str]:
        if not tokens:
            return 0, len(text), ""
        # ensemble=False: the one estimator fitted on all training data explains the model.
        estimator = self.models_[code].calibrated_classifiers_[0].estimator
        lemmas = [lemma for lemma, _, _ in tokens]
        weights = self.vectorizer_.transform(lemmas) @ estimator.coef_.ravel()
        best = int(np.argmax(weights))
        if weights[best] <= 0:
            return 0, len(text), ""
        _, start, end = tokens[best]
        return start, end, text[start:end]


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


# ---------------------------------------------------------------------------------- combining


def combine_suggestions(
    rules: pd.DataFrame,
    model: pd.DataFrame,
    *,
    mode: str = "fallback",
    max_per_answer: int | None = 1,
) -> pd.DataFrame:
    """Rule suggestions combined with model suggestions (``rule: "model:<code>"``).

    ``fallback`` (default): the rules stand; where they found nothing for an answer, the
    model's most probable code(s) (``max_per_answer``) are suggested. ``union``: every model
    suggestion for an (answer, code) the rules missed. Rows keep the rules' order, then the
    model's; columns are the contract's.
    """
    if mode not in ("fallback", "union"):
        raise ValueError("mode must be 'fallback' or 'union'")
    columns = list(SUGGESTION_FIELDS)
    rules = rules.reindex(columns=columns)
    model = model.reindex(columns=columns)
    covered = set(zip(rules["response_id"], rules["question"], rules["code"], strict=True))
    answered = set(zip(rules["response_id"], rules["question"], strict=True))
    keep = []
    for r, q, c in zip(model["response_id"], model["question"], model["code"], strict=True):
        keep.append((r, q, c) not in covered and (mode == "union" or (r, q) not in answered))
    extra = model[keep]
    if mode == "fallback" and max_per_answer is not None and len(extra):
        extra = (
            extra.sort_values("confidence", ascending=False, kind="stable")
            .groupby(["response_id", "question"], sort=False)
            .head(max_per_answer)
            .sort_index()
        )
    if extra.empty:
        return rules.reset_index(drop=True)
    if rules.empty:
        return extra.reset_index(drop=True)
    return pd.concat([rules, extra], ignore_index=True)


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
    mode: str = "fallback",
    **model_params: Any,
) -> pd.DataFrame:
    """Micro precision/recall/F1 of rules alone and of rules plus model, with fixed folds.

    The rules don't learn, so they are applied once; the model is trained on each training
    fold (answers with their gold codes) and combined with the rules on the held-out fold.
    Rows: ``rules``, ``rules+model`` (and ``model``), columns precision, recall, f1, tp, fp, fn.
    """
    from sklearn.model_selection import KFold

    answers, codes = labels_from_gold(gold)
    if coder is None:
        from textcode.coding import Coder

        coder = Coder(codebook)
    codebook = codebook or getattr(coder, "codebook_", None)
    rules = coder.suggest(answers)
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
            codebook if codebook is not None else False,
            random_state=random_state,
            lemmatizer=lemmatizer,
            **model_params,
        )
        model.fit(answers.iloc[train], [codes[i] for i in train])
        held_out = answers.iloc[test].reset_index(drop=True)
        test_keys = {key[i] for i in test}
        fold_rules = rules[
            [
                (r, q) in test_keys
                for r, q in zip(rules["response_id"], rules["question"], strict=True)
            ]
        ]
        suggested = model.suggest(held_out)
        combined = combine_suggestions(fold_rules, suggested, mode=mode)
        for name, frame in (("rules", fold_rules), ("model", suggested), ("rules+model", combined)):
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
        with open(path, encoding="utf-8-sig") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
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
    on; gold files bring their own texts. Codes nobody decided stay unknown.
    """
    frames: list[pd.DataFrame] = []
    labels: list[pd.DataFrame] = []
    for path in paths:
        if _file_kind(path) == "gold":
            gold_answers, gold_codes = labels_from_gold(path)
            frames.append(gold_answers)
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
    return ModelSuggester(codebook).fit(X, y)
