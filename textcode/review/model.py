"""The learned suggester: it learns from reviewed answers where the rules go wrong.

:class:`ModelSuggester` has scikit-learn's surface (parameters stored unchanged; ``fit``,
``predict_proba``, ``predict``) plus ``suggest``, which returns the rules' suggestions and the
model's together as contract records. It is built from scikit-learn estimators in two layers:

- the answers' features (:class:`~textcode.review.features.SampleVectorizer`: TF-IDF of
  lemmas and lemma pairs, of letter n-grams inside words, a "no content word" feature, and
  where the answer stands among the survey's own word associations, learnt without labels
  from every answer the model reads, so a paraphrase meets the words it was trained on);
- per code two logistic regressions on them (liblinear's dual solver, fast when features
  outnumber answers): one learns the reviewers' labels (the reviewed answers and the
  codebook's examples), one learns what the rules find in the unlabelled rest of the survey,
  so a paraphrase of what the rules match scores too;
- one judge, a logistic regression over every (answer, code) unit that weighs those two scores
  against the rule hits (the code's own and the answer's other codes, and per code how far its
  rules held), with two priors that need no model per code, both read through the survey's
  word associations: how close the answer comes to the code's own terms (its rules' words,
  :func:`~textcode.review.features.term_affinity`), and how close it stands to the nearest
  reviewed answer with the code and to the nearest without it (so a code with a handful of
  reviewed answers still scores a paraphrase of one of them). It is fitted on out-of-fold
  scores, so its output is a calibrated probability that the code applies (stacking with a
  logistic calibrator, as Platt scaling does for one score).

It does two things with those probabilities:

- **propose missed codes**: a code the rules did not suggest whose probability reaches
  ``threshold_`` becomes a suggestion with ``rule: "model:<code>"``; its evidence is the
  content word that weighs most for the code and its explanation names the words that carry
  the decision (never a function word: the language's stop words are never evidence);
- **doubt rule hits**: a rule suggestion of a code whose rules reviewers saw go wrong, with a
  probability under ``doubt_``, keeps its place (a reviewer decides) but gets the probability
  as confidence and an explanation naming the content words that speak against it.

Every choice is made by cross-validation inside the labelled answers it is given: the
regularisation of the text models and the proposal threshold maximise the micro-F1 of rules +
model on out-of-fold predictions (the judge, too, judges out of fold there); when no threshold
beats the rules alone, the model proposes nothing. With fewer than ``min_labelled`` labelled
answers the model does not judge at all. The same answers, labels and rules give the same
model: folds and solvers have fixed seeds. :meth:`ModelSuggester.expected_corrections` says per
answer how many of its codes the model expects a reviewer to change;
:mod:`textcode.review.informative` orders a review queue by it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from textcode.codebook.questions import group_of
from textcode.codebook.resolve import CodebookArg, resolve_codebook
from textcode.records import SUGGESTION_FIELDS, suggestion_id
from textcode.review.features import (
    NO_CONTENT,
    Sample,
    SampleVectorizer,
    make_samples,
    term_affinity,
)

if TYPE_CHECKING:
    from textcode.codebook import Codebook

MODEL_RULE_PREFIX = "model:"
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.951, 0.05))
DOUBTS = tuple(round(t, 2) for t in np.arange(0.05, 0.501, 0.05))
MIN_DOUBTED = 3  # wrong labelled rule hits (of all codes; of a code) before the model doubts
NO_PROPOSALS = 1.01  # a threshold no probability reaches
# Survey answers (labelled or not; not the codebook's examples) before word associations are
# learnt: co-occurrence within answers says little until there are many answers to count in.
MIN_ASSOCIATION_ANSWERS = 500


def is_model_rule(rule: object) -> bool:
    return str(rule).startswith(MODEL_RULE_PREFIX)


def rule_hits(rules: pd.DataFrame | None) -> dict[tuple[str, str], set[str]]:
    """(response_id, question) -> the codes the rules (not a model) suggested."""
    hits: dict[tuple[str, str], set[str]] = {}
    if rules is None or rules.empty:
        return hits
    for rid, question, code, rule in zip(
        rules["response_id"], rules["question"], rules["code"], rules["rule"], strict=True
    ):
        if not is_model_rule(rule):
            hits.setdefault((str(rid), str(question)), set()).add(str(code))
    return hits


class ModelSuggester:
    """Two text models per code and one calibrated judge that weighs them against the rules.

    ``codebook``: the codes, their questions and examples, and the rules: a Codebook, a path,
    None (the shipped one) or False (none, the default: codes come from the labels and rule
    hits only from ``rules=``), as everywhere in textcode. ``Cs``: regularisation strengths
    of the reviewed-answers text models, one chosen by cross-validation. ``folds``:
    cross-validation folds inside the labelled answers. ``threshold``: the probability from
    which a missed code is proposed, ``doubt`` the one under which a rule suggestion is
    flagged; ``None`` (default) chooses each by cross-validation. ``min_labelled``: labelled
    answers needed before the model judges at all. ``examples``: learn from the codebook's
    positive and negative examples too. ``function_words``: stop words count as features
    (never as evidence). ``associations``: dimensions of the survey's own word associations
    (:class:`~textcode.review.features.AnswerAssociations`, learnt from every answer given
    to ``fit``, without labels, once there are :data:`MIN_ASSOCIATION_ANSWERS`), 0 for none;
    the rule models always read them, the reviewed-answers models with one of
    ``association_weights``, chosen by cross-validation with the regularisation.
    ``term_affinity``: the judge reads how close an answer comes to the code's own terms;
    ``neighbours``: how close it comes to the nearest reviewed answers with and without the
    code (both through the word associations, so only once they are learnt).
    """

    def __init__(
        self,
        codebook: CodebookArg = False,
        *,
        Cs: Sequence[float] = (1.0, 10.0),
        folds: int = 5,
        threshold: float | None = None,
        doubt: float | None = None,
        min_labelled: int = 10,
        examples: bool = True,
        function_words: bool = True,
        associations: int = 100,
        association_weights: Sequence[float] = (0.0, 1.0),
        term_affinity: bool = True,
        neighbours: bool = True,
        language: str | None = None,
        random_state: int = 0,
        lemmatizer: Any = None,
    ) -> None:
        self.codebook = codebook
        self.Cs = Cs
        self.folds = folds
        self.threshold = threshold
        self.doubt = doubt
        self.min_labelled = min_labelled
        self.examples = examples
        self.function_words = function_words
        self.associations = associations
        self.association_weights = association_weights
        self.term_affinity = term_affinity
        self.neighbours = neighbours
        self.language = language
        self.random_state = random_state
        self.lemmatizer = lemmatizer

    # ---------------------------------------------------------------------------- samples

    def _codebook(self) -> Codebook | None:
        """The codebook the ``codebook`` parameter stands for, resolved once."""
        if not hasattr(self, "_resolved"):
            self._resolved = resolve_codebook(self.codebook)
        return self._resolved

    def _lang(self) -> str:
        book = self._codebook()
        return self.language or (book.language if book is not None else "nl")

    def _lemmatizer(self) -> Any:
        if not hasattr(self, "lemmatizer_"):
            from textcode.review.learn import _Lemmatizer

            self.lemmatizer_ = self.lemmatizer or _Lemmatizer(self._lang())
        return self.lemmatizer_

    def _question_of(self, question: str) -> str:
        return group_of(question, self._codebook())

    def _rules(self, answers: pd.DataFrame, rules: pd.DataFrame | None) -> pd.DataFrame | None:
        """The rules' suggestions for the answers: given, or coded with the codebook."""
        book = self._codebook()
        if rules is not None or book is None or answers.empty:
            return rules
        from textcode.coding import Coder

        coded = Coder(book, language=self.language).suggest(answers)
        return coded.assign(response_id=coded["response_id"].astype(str))

    def _samples(self, answers: pd.DataFrame, rules: pd.DataFrame | None) -> list[Sample]:
        from textcode.lang import get_language

        hits = rule_hits(rules)
        questions = [self._question_of(q) for q in answers["question"]]
        keys = zip(answers["response_id"], questions, strict=True)
        tokens = self._lemmatizer().tokens(answers["text"].tolist())
        return make_samples(
            tokens,
            [hits.get((str(rid), q), set()) for rid, q in keys],
            get_language(self._lang()).stop_words,
        )

    def _applies(self, code: str, questions: Sequence[str]) -> np.ndarray[Any, Any]:
        """Which answers a code can apply to (the codebook's groups, else the code's prefix)."""
        names = np.asarray(questions, dtype=object)
        book = self._codebook()
        if book is not None and code in book:
            group = book.group(book.code(code).group)
            if group.applies_to_all:
                return np.ones(len(names), dtype=bool)
            return np.asarray(names == group.id)
        prefix = code.split(".", 1)[0]
        if prefix in set(names.tolist()):
            return np.asarray(names == prefix)
        return np.ones(len(names), dtype=bool)

    def _example_rows(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The codebook's examples as answers: a positive example is 1 for its code, a
        negative one 0; other codes stay unknown."""
        rows: list[dict[str, str]] = []
        marks: list[tuple[str, float]] = []
        book = self._codebook()
        if self.examples and book is not None:
            for entry in book.codes:
                group = book.group(entry.group)
                question = "" if group.applies_to_all else group.id
                for value, texts in (
                    (1.0, entry.positive_examples),
                    (0.0, entry.negative_examples),
                ):
                    for n, text in enumerate(texts):
                        rid = f"example:{entry.id}:{int(value)}:{n}"
                        rows.append({"response_id": rid, "question": question, "text": text})
                        marks.append((entry.id, value))
        frame = pd.DataFrame(rows, columns=["response_id", "question", "text"])
        labels = pd.DataFrame(np.nan, index=range(len(rows)), columns=sorted({c for c, _ in marks}))
        for i, (code, value) in enumerate(marks):
            labels.at[i, code] = value
        return frame, labels

    # -------------------------------------------------------------------------------- fit

    def fit(
        self,
        X: Any,
        y: Any,
        *,
        rules: pd.DataFrame | None = None,
        unlabelled: Any = None,
    ) -> ModelSuggester:
        """Learn from answers ``X`` (response_id, question, text) and their labels ``y``.

        ``y``: per answer a list of its code ids (every other code of its question is absent),
        or a rows x codes frame of 1/0/NaN (NaN: unknown, left out for that code).
        ``unlabelled``: more answers of the same survey (those also in ``X`` are left out);
        the codes the rules give them teach the second text model of each code.
        ``rules``: the rules' suggestions for ``X`` and ``unlabelled`` (coded with the
        codebook when left out).
        """
        from sklearn.model_selection import KFold

        from textcode.review.learn import _answers, _label_frame

        answers = _answers(X)
        book = self._codebook()
        every = [c.id for c in book.codes] if book is not None else None
        labels = _label_frame(y, len(answers), every)
        questions = [self._question_of(q) for q in answers["question"]]
        pool = _answers(unlabelled if unlabelled is not None else answers.iloc[:0])
        pool_questions = [self._question_of(q) for q in pool["question"]]
        seen = set(zip(answers["response_id"], questions, strict=True))
        keep = [key not in seen for key in zip(pool["response_id"], pool_questions, strict=True)]
        pool = pool[np.asarray(keep, dtype=bool)].reset_index(drop=True)
        pool_questions = [q for q, k in zip(pool_questions, keep, strict=True) if k]
        rules = self._rules(pd.concat([answers, pool], ignore_index=True), rules)
        samples = self._samples(answers, rules)
        pool_samples = self._samples(pool, rules)
        example_answers, example_labels = self._example_rows()
        example_samples = self._samples(example_answers, None)
        everything = samples + example_samples + pool_samples
        enough = len(samples) + len(pool_samples) >= MIN_ASSOCIATION_ANSWERS
        self.vectorizer_ = SampleVectorizer(
            function_words=self.function_words, associations=self.associations if enough else 0
        ).fit(everything)
        width = self.vectorizer_.association_width()
        total = len(self.vectorizer_.feature_names())

        def scale(w: float) -> np.ndarray[Any, Any]:
            out = np.ones(total)
            if width:
                out[total - width :] = w
            return out

        text_ws = list(self.association_weights) if width else [0.0]
        codes = list(dict.fromkeys([*labels.columns, *example_labels.columns]))
        labels = labels.reindex(columns=codes)
        n = len(answers)
        reviewed = _Rows(
            self.vectorizer_.transform(samples + example_samples),
            pd.concat([labels, example_labels.reindex(columns=codes)], ignore_index=True).to_numpy(
                dtype=float
            ),
            [*questions, *example_answers["question"]],
        )
        by_rules = _Rows(
            self.vectorizer_.transform(pool_samples),
            np.array([[float(c in s.hits) for c in codes] for s in pool_samples]).reshape(
                len(pool_samples), len(codes)
            ),
            pool_questions,
        )
        applies = {code: self._applies(code, reviewed.questions) for code in codes}
        truth = labels.to_numpy(dtype=float, copy=True)
        for j, code in enumerate(codes):
            truth[~applies[code][:n], j] = np.nan
        hit = self._hit_matrix(samples, codes)
        self.codes_ = codes
        self.text_models_: dict[str, Any] = {}
        self.rule_models_: dict[str, Any] = {}
        self.judge_: Any = None
        self.C_ = self.Cs[0]
        self.association_weight_ = text_ws[0]
        self.threshold_ = NO_PROPOSALS
        self.doubt_ = 0.0
        # A model can only know that a code's rules go wrong once it has seen them go wrong.
        wrong_hits = (hit & (np.nan_to_num(truth, nan=1.0) == 0)).sum(axis=0)
        self.doubted_codes_ = [
            c for c, k in zip(codes, wrong_hits, strict=True) if k >= MIN_DOUBTED
        ]
        self.cv_f1_ = {"rules": _f1(hit, np.zeros_like(hit), truth)}
        self.code_terms_ = self._code_terms(codes)
        assoc = self.vectorizer_.associations_model() if self.neighbours else None
        self.neighbour_vectors_ = (
            None
            if assoc is None
            else assoc.answer_vectors([s.lemmas() for s in samples + example_samples])
        )
        self.neighbour_labels_ = reviewed.labels
        self.neighbour_questions_ = reviewed.questions
        affinity = self._affinity(samples, codes, [applies[c][:n] for c in codes])
        # What the rules find, generalised from the unlabelled answers: one model per code.
        for j, code in enumerate(codes):
            model = self._text_model(
                by_rules, j, self._applies(code, by_rules.questions), 1.0, scale(1.0)
            )
            if model is not None:
                self.rule_models_[code] = model
        if n >= self.min_labelled:
            rule_scores = np.full(truth.shape, np.nan)
            for j, code in enumerate(codes):
                rows = np.flatnonzero(applies[code][:n])
                if code in self.rule_models_ and len(rows):
                    rule_scores[rows, j] = self.rule_models_[code].decision_function(
                        reviewed.matrix[rows]
                    )
            folds = list(
                KFold(
                    n_splits=min(self.folds, n), shuffle=True, random_state=self.random_state
                ).split(np.arange(n))
            )
            near = np.full((n, len(codes), 2 if self.neighbour_vectors_ is not None else 0), np.nan)
            for _, test in folds:
                use = np.ones(len(reviewed.questions), dtype=bool)
                use[test] = False
                for j, code in enumerate(codes):
                    rows = test[applies[code][test]]
                    near[rows, j] = self._near(rows, applies[code] & use, j)
            best_f1 = -1.0
            for C, w in [(C, w) for w in text_ws for C in self.Cs]:
                scores = np.concatenate(
                    [
                        np.stack([np.full(truth.shape, np.nan), rule_scores], axis=-1),
                        affinity,
                        near,
                    ],
                    axis=-1,
                )
                for _, test in folds:
                    use = np.ones(len(reviewed.questions), dtype=bool)
                    use[test] = False
                    for j, code in enumerate(codes):
                        model = self._text_model(reviewed, j, applies[code] & use, C, scale(w))
                        rows = test[applies[code][test]]
                        if model is not None and len(rows):
                            scores[rows, j, 0] = model.decision_function(reviewed.matrix[rows])
                units = self._units(scores, samples, codes, truth)
                if units is None:
                    continue
                x, target, where = units
                judge = self._judge().fit(x, target)
                # The thresholds are chosen on the judge's out-of-fold probabilities too: judged
                # in-sample, the proposals look better than they are on new answers.
                fold_of = np.zeros(n, dtype=int)
                for k, (_, test) in enumerate(folds):
                    fold_of[test] = k
                unit_fold = fold_of[np.nonzero(where)[0]]
                judged = np.full(len(target), np.nan)
                for k in range(len(folds)):
                    inside = unit_fold != k
                    if len(set(target[inside].tolist())) == 2:
                        fitted = self._judge().fit(x[inside], target[inside])
                        judged[~inside] = fitted.predict_proba(x[~inside])[:, 1]
                proba = np.full(truth.shape, np.nan)
                proba[where] = judged
                threshold, f1 = self._choose_threshold(proba, hit, truth)
                if f1 > best_f1 + 1e-9:
                    best_f1 = f1
                    self.C_, self.judge_, self.threshold_ = C, judge, threshold
                    self.association_weight_ = w
                    self.doubt_ = self._choose_doubt(proba, hit, truth)
                    self.cv_f1_["rules+model"] = f1
        for j, code in enumerate(codes):
            model = self._text_model(
                reviewed, j, applies[code], self.C_, scale(self.association_weight_)
            )
            if model is not None:
                self.text_models_[code] = model
        modelled = set(self.text_models_) | set(self.rule_models_)
        self.classes_ = [c for c in codes if c in modelled] if self.judge_ else []
        return self

    def _text_model(
        self,
        rows: _Rows,
        j: int,
        use: np.ndarray[Any, Any],
        C: float,
        scale: np.ndarray[Any, Any] | None = None,
    ) -> Any:
        """One code's text model on the rows in ``use`` with a known label, or None when they
        do not hold both classes."""
        from sklearn.linear_model import LogisticRegression

        known = use & ~np.isnan(rows.labels[:, j])
        target = rows.labels[known, j]
        if not (target == 1).any() or not (target == 0).any():
            return None
        model = LogisticRegression(
            C=C,
            class_weight="balanced",
            solver="liblinear",
            dual=True,
            random_state=self.random_state,
        )
        matrix = rows.matrix[known]
        if scale is None:
            return model.fit(matrix, target.astype(int))
        model.fit(matrix @ sp.diags(scale), target.astype(int))
        # The columns' weights folded into the coefficients: the model reads unweighted rows.
        model.coef_ = model.coef_ * scale
        return model

    def _code_terms(self, codes: Sequence[str]) -> dict[str, list[str]]:
        """Per code of the codebook, its own one-word terms as lemmas (what its rules look
        for), when the term affinity is on and the survey's word associations were learnt."""
        book = self._codebook()
        if not self.term_affinity or book is None or self.vectorizer_.associations_model() is None:
            return {}
        from textcode.codebook.terms import context_terms

        return {code: context_terms(book, code) for code in codes if code in book}

    def _affinity(
        self,
        samples: Sequence[Sample],
        codes: Sequence[str],
        applies: Sequence[np.ndarray[Any, Any]],
    ) -> np.ndarray[Any, Any]:
        """Answers x codes x 2: :func:`~textcode.review.features.term_affinity` of each
        answer to each code's terms (NaN where the code does not apply or has no term with a
        vector; no columns at all without code terms). The judge reads it as two more scores:
        a prior for codes with few reviewed positives."""
        if not self.code_terms_:
            return np.full((len(samples), len(codes), 0), np.nan)
        out = np.full((len(samples), len(codes), 2), np.nan)
        model = self.vectorizer_.associations_model()
        for j, code in enumerate(codes):
            rows = np.flatnonzero(applies[j])
            if code in self.code_terms_ and len(rows):
                out[rows, j] = term_affinity(
                    model, [samples[int(i)] for i in rows], self.code_terms_[code]
                )
        return out

    def _near(
        self,
        rows: np.ndarray[Any, Any],
        refs: np.ndarray[Any, Any],
        j: int,
        vectors: np.ndarray[Any, Any] | None = None,
    ) -> np.ndarray[Any, Any]:
        """len(rows) x 2 (x 0 without neighbours): the closest reviewed answer with code ``j``
        and the closest without it, by cosine among the survey's word associations (of the
        reviewed rows ``refs``; ``vectors``: the rows' vectors when they are new answers)."""
        base = self.neighbour_vectors_
        if base is None:
            return np.full((len(rows), 0), np.nan)
        out = np.full((len(rows), 2), np.nan)
        labels = self.neighbour_labels_[:, j]
        known = np.flatnonzero(refs & ~np.isnan(labels))
        if not len(rows) or not len(known):
            return out
        query = base[rows] if vectors is None else vectors
        sims = query @ base[known].T
        for k, value in enumerate((1.0, 0.0)):
            cols = labels[known] == value
            if cols.any():
                out[:, k] = sims[:, cols].max(axis=1)
        return out

    @staticmethod
    def _judge() -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=1.0, solver="lbfgs")

    @staticmethod
    def _hit_matrix(samples: Sequence[Sample], codes: Sequence[str]) -> np.ndarray[Any, Any]:
        return np.array([[code in s.hits for code in codes] for s in samples], dtype=bool).reshape(
            len(samples), len(codes)
        )

    def _units(
        self,
        scores: np.ndarray[Any, Any],
        samples: Sequence[Sample],
        codes: Sequence[str],
        truth: np.ndarray[Any, Any],
    ) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]] | None:
        """The judge's training units: (answer, code) with a text score and a known label."""
        hit = self._hit_matrix(samples, codes)
        where = ~np.isnan(scores).all(axis=-1) & ~np.isnan(truth)
        target = truth[where].astype(int)
        # The judge weighs rule hits against text: it needs both kinds of unit, and both labels.
        if len(set(target.tolist())) < 2 or len(set(hit[where].tolist())) < 2:
            return None
        return _judge_features(scores, samples, codes, self._per_code())[where], target, where

    def _per_code(self) -> list[str]:
        return list(self.codes_)

    def _choose_threshold(
        self, proba: np.ndarray[Any, Any], hit: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]
    ) -> tuple[float, float]:
        """The proposal threshold with the best out-of-fold micro-F1 (none if the rules alone
        do as well)."""
        rules_f1 = self.cv_f1_["rules"]
        best_t, best_f1 = NO_PROPOSALS, rules_f1
        for t in THRESHOLDS if self.threshold is None else (self.threshold,):
            f1 = _f1(hit, proposals(proba, hit, t), truth)
            if f1 > best_f1 + 1e-9 or self.threshold is not None:
                best_t, best_f1 = t, f1
        return best_t, best_f1

    def _choose_doubt(
        self, proba: np.ndarray[Any, Any], hit: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]
    ) -> float:
        """The probability under which a rule hit is doubted: of the thresholds under which
        out-of-fold rule hits were wrong more often than right (at least :data:`MIN_DOUBTED`
        wrong ones), the one with the most wrong hits net of right ones; 0 (no doubts) when
        there is none."""
        if self.doubt is not None:
            return self.doubt
        known = hit & ~np.isnan(truth) & ~np.isnan(proba)
        p, wrong = proba[known], truth[known] == 0
        best, best_net = 0.0, 0
        for t in DOUBTS:
            below = p < t
            n_wrong = int(wrong[below].sum())
            net = n_wrong - int((~wrong[below]).sum())
            if n_wrong >= MIN_DOUBTED and net > best_net:
                best, best_net = t, net
        return best

    def _check_fitted(self) -> None:
        if not hasattr(self, "text_models_"):
            raise RuntimeError("call fit() first")

    # --------------------------------------------------------------------------- predict

    def _prepare(
        self, X: Any, rules: pd.DataFrame | None
    ) -> tuple[pd.DataFrame, pd.DataFrame | None, list[Sample], pd.DataFrame]:
        from textcode.review.learn import _answers

        self._check_fitted()
        answers = _answers(X)
        rules = self._rules(answers, rules)
        samples = self._samples(answers, rules)
        return answers, rules, samples, self._proba(answers, samples)

    def _proba(self, answers: pd.DataFrame, samples: list[Sample]) -> pd.DataFrame:
        questions = [self._question_of(q) for q in answers["question"]]
        result = pd.DataFrame(np.nan, index=answers.index, columns=self.classes_, dtype=float)
        if not len(answers) or not self.classes_:
            return result
        matrix = self.vectorizer_.transform(samples)
        filled = (answers["text"].str.strip() != "").to_numpy()
        applies = [self._applies(code, questions) & filled for code in self.classes_]
        affinity = self._affinity(samples, self.classes_, applies)
        width = 2 if self.neighbour_vectors_ is not None else 0
        near = np.full((len(answers), len(self.classes_), width), np.nan)
        if width:
            vectors = self.vectorizer_.associations_model().answer_vectors(
                [s.lemmas() for s in samples]
            )
            refs_of = {c: self._applies(c, self.neighbour_questions_) for c in self.classes_}
        for j, code in enumerate(self.classes_):
            rows = np.flatnonzero(applies[j])
            if width and len(rows):
                k = self.codes_.index(code)
                near[rows, j] = self._near(rows, refs_of[code], k, vectors[rows])
        scores = np.concatenate(
            [np.full((len(answers), len(self.classes_), 2), np.nan), affinity, near], axis=-1
        )
        for j, code in enumerate(self.classes_):
            rows = np.flatnonzero(applies[j])
            if not len(rows):
                continue
            for k, models in enumerate((self.text_models_, self.rule_models_)):
                if code in models:
                    scores[rows, j, k] = models[code].decision_function(matrix[rows])
        where = ~np.isnan(scores).all(axis=-1)
        if where.any():
            features = _judge_features(scores, samples, self.classes_, self._per_code())
            values = result.to_numpy(dtype=float, copy=True)
            values[where] = self.judge_.predict_proba(features[where])[:, 1]
            result = pd.DataFrame(values, index=answers.index, columns=self.classes_)
        return result

    def predict_proba(self, X: Any, *, rules: pd.DataFrame | None = None) -> pd.DataFrame:
        """Rows x codes: the calibrated probability that the code applies (NaN: the code has
        no model, or is not one of the answer's question)."""
        return self._prepare(X, rules)[3]

    def predict(self, X: Any, *, rules: pd.DataFrame | None = None) -> pd.DataFrame:
        """Rows x codes, 1/0: what rules + model code (a rule hit, or a proposal)."""
        answers, rules, samples, proba = self._prepare(X, rules)
        codes = list(dict.fromkeys([*self.classes_, *sorted({c for s in samples for c in s.hits})]))
        out = pd.DataFrame(0, index=answers.index, columns=codes)
        for i, sample in enumerate(samples):
            for code in sample.hits:
                out.iat[i, codes.index(code)] = 1
        proposed = self._proposed(samples, proba)
        for j, code in enumerate(self.classes_):
            out.loc[proposed[:, j], code] = 1
        return out

    def _hits(self, samples: list[Sample]) -> np.ndarray[Any, Any]:
        return self._hit_matrix(samples, self.classes_)

    def _proposed(self, samples: list[Sample], proba: pd.DataFrame) -> np.ndarray[Any, Any]:
        return proposals(proba.to_numpy(dtype=float), self._hits(samples), self.threshold_)

    def expected_corrections(self, X: Any, *, rules: pd.DataFrame | None = None) -> pd.Series:
        """Per answer, how many of its codes the model expects a reviewer to change: for a
        code it suggests (rule or proposal) the probability it is wrong, for one it leaves out
        the probability it applies. The answers whose review teaches the model most come first
        when sorted by it."""
        answers, _, samples, proba = self._prepare(X, rules)
        values = proba.to_numpy(dtype=float)
        coded = self._hits(samples) | self._proposed(samples, proba)
        wrong = np.where(coded, 1 - values, values)
        expected = np.nansum(wrong, axis=1) if values.size else np.zeros(len(answers))
        return pd.Series(expected, index=answers.index, name="expected_corrections")

    def suggest(self, X: Any, *, rules: pd.DataFrame | None = None) -> pd.DataFrame:
        """The rules' suggestions and the model's, as contract records.

        Rule suggestions keep their order; one the model doubts (probability under
        ``doubt``) gets that probability as confidence and an explanation of the doubt. Then
        the model's proposals for codes the rules missed (``rule: "model:<code>"``), answer
        by answer.
        """
        answers, rules, samples, proba = self._prepare(X, rules)
        phrases = explanation_phrases(self._lang())
        book = self._codebook()
        labels = book.labels() if book is not None else {}
        values = proba.to_numpy(dtype=float)
        position = {
            (str(rid), self._question_of(str(q))): i
            for i, (rid, q) in enumerate(
                zip(answers["response_id"], answers["question"], strict=True)
            )
        }
        columns = list(SUGGESTION_FIELDS)
        kept: list[dict[Any, Any]] = []
        for row in (
            rules.reindex(columns=columns) if rules is not None else pd.DataFrame()
        ).to_dict("records"):
            code = str(row["code"])
            i = position.get((str(row["response_id"]), str(row["question"])))
            if i is not None and code in self.classes_ and not is_model_rule(row["rule"]):
                p = float(values[i, self.classes_.index(code)])
                if not math.isnan(p) and p < self.doubt_ and code in self.doubted_codes_:
                    words = self._carriers(code, samples[i], against=True)
                    row["confidence"] = round(min(float(row["confidence"]), p), 4)
                    row["explanation"] = f"{row['explanation']} {phrases.doubt(p, words)}"
            kept.append(row)
        proposed = self._proposed(samples, proba)
        added: list[dict[str, Any]] = []
        for i, row in enumerate(answers.to_dict("records")):
            text, rid = str(row["text"]), str(row["response_id"])
            question = self._question_of(str(row["question"]))
            for j, code in enumerate(self.classes_):
                if not proposed[i, j]:
                    continue
                p = float(values[i, j])
                words = self._carriers(code, samples[i])
                start, end = _span(text, samples[i], words)
                added.append(
                    {
                        "suggestion_id": suggestion_id(rid, question, code, start, end),
                        "response_id": rid,
                        "question": question,
                        "code": code,
                        "start": start,
                        "end": end,
                        "evidence": text[start:end],
                        "rule": f"{MODEL_RULE_PREFIX}{code}",
                        "confidence": round(p, 4),
                        "negated": False,
                        "explanation": phrases.proposal(
                            labels.get(code, code), code, p, words, bool(samples[i].content)
                        ),
                    }
                )
        return pd.DataFrame(kept + added, columns=columns)

    def _carriers(self, code: str, sample: Sample, *, against: bool = False) -> list[str]:
        """The content words of an answer that weigh most for a code (or against it), most
        weighty first, at most three; each word once. A word's weight is what it adds to each
        text model's score, times the weight the judge gives that score for this answer."""
        if not sample.content:
            return []
        lemmas = list(dict.fromkeys(word.lemma for word in sample.content))
        vectors = self.vectorizer_.word_vectors(lemmas)
        hit = float(code in sample.hits)
        other = float(bool(sample.hits - {code}))
        judge = self.judge_.coef_.ravel()
        weights = np.zeros(len(lemmas))
        for k, models in enumerate((self.text_models_, self.rule_models_)):
            if code in models:
                scale = judge[2 + 3 * k] + hit * judge[3 + 3 * k] + other * judge[4 + 3 * k]
                weights += scale * (vectors @ models[code].coef_.ravel())
        if against:
            weights = -weights
        order = np.argsort(-weights, kind="stable")
        return [lemmas[k] for k in order[:3] if weights[k] > 0]


def proposals(
    proba: np.ndarray[Any, Any],
    hit: np.ndarray[Any, Any],
    threshold: float | np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """Which (answer, code) the model proposes: a code the rules missed whose probability
    reaches ``threshold`` (one for all codes, or one per code, a column each)."""
    return (np.nan_to_num(proba, nan=0.0) >= threshold) & ~hit


def _judge_features(
    scores: np.ndarray[Any, Any],
    samples: Sequence[Sample],
    codes: Sequence[str],
    per_code: Sequence[str] = (),
) -> np.ndarray[Any, Any]:
    """Per (answer, code) unit, one feature per last axis: the rule hit; whether the rules
    gave the answer another code (then a further one is less likely); per text score
    (``scores[..., k]``) the score alone, with a hit and with another code; and for each code
    of ``per_code`` its own hit and miss indicators, so the judge learns how far each code's
    rules hold and how often each code goes missing."""
    h = np.array([[c in s.hits for c in codes] for s in samples], dtype=float)
    other = np.array([[bool(s.hits - {c}) for c in codes] for s in samples], dtype=float)
    h = h.reshape(len(samples), len(codes))
    other = other.reshape(len(samples), len(codes))
    features = [h, other]
    for k in range(scores.shape[-1]):
        score = np.nan_to_num(scores[..., k], nan=0.0)
        features += [score, h * score, other * score]
    for code in per_code:
        own = np.array([c == code for c in codes], dtype=float)[np.newaxis, :]
        features += [own * h, own * (1 - h)]
    return np.stack(features, axis=-1)


def _f1(
    hit: np.ndarray[Any, Any], added: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]
) -> float:
    """Micro-F1 over the labelled (answer, code) units of rule hits plus ``added``."""
    predicted = hit | added
    known = ~np.isnan(truth)
    positive = np.where(known, truth, 0) == 1
    tp = int((predicted & positive & known).sum())
    fp = int((predicted & ~positive & known).sum())
    fn = int((~predicted & positive & known).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


@dataclass(frozen=True)
class _Rows:
    """Training rows of the text models: features, labels (rows x codes, 1/0/NaN) and each
    row's question."""

    matrix: sp.csr_matrix
    labels: np.ndarray[Any, Any]
    questions: list[str]


def _span(text: str, sample: Sample, words: list[str]) -> tuple[int, int]:
    """The evidence span: the first place of the weightiest word, else the whole answer."""
    for word in sample.content:
        if words and word.lemma == words[0]:
            return word.start, word.end
    stripped = text.strip()
    start = text.find(stripped) if stripped else 0
    return start, start + len(stripped)


class _Phrases:
    """Explanations of the learned suggester in one language (``lang/<code>/review.py``)."""

    def __init__(self, templates: dict[str, str], decimal: str) -> None:
        self.templates = templates
        self.decimal = decimal

    def _p(self, p: float) -> str:
        return f"{p:.2f}".replace(".", self.decimal)

    def _words(self, words: list[str]) -> str:
        return ", ".join(f'"{w}"' for w in words)

    def proposal(self, label: str, code: str, p: float, words: list[str], content: bool) -> str:
        t = self.templates
        head = t["proposal"].format(label=label, code=code, p=self._p(p))
        if words:
            return head + t["carried_by"].format(words=self._words(words))
        return head + (t["whole_answer"] if content else t["no_content"])

    def doubt(self, p: float, words: list[str]) -> str:
        t = self.templates
        head = t["doubt"].format(p=self._p(p))
        return head + (t["against"].format(words=self._words(words)) if words else ".")


def explanation_phrases(language: str) -> _Phrases:
    """The learned suggester's explanations in ``language`` (English when it has none)."""
    from textcode.lang import get_language

    module = get_language(language).part("review")
    if module is None or not hasattr(module, "MODEL_EXPLANATIONS"):
        module = get_language("en").review
    return _Phrases(module.MODEL_EXPLANATIONS, getattr(module, "DECIMAL_SEPARATOR", "."))


__all__ = [
    "MODEL_RULE_PREFIX",
    "NO_CONTENT",
    "ModelSuggester",
    "explanation_phrases",
    "is_model_rule",
    "rule_hits",
]
