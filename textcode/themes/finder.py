"""The theme finder: answers in, clusters with names, sizes, examples and codes out.

``ThemeFinder`` has scikit-learn's surface (parameters stored unchanged, ``fit`` returns
``self``, results end in ``_``); :func:`find_themes` is the one-call version. Each question's
answers are clustered on their own. Non-substantive answers (empty, "nvt", "weet niet",
"xxxxxx": the codebook's ``overig.geen_inhoud``, or no content word at all) are in no cluster
(-1); every other answer is in one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from spacy.language import Language

from textcode.codebook import Codebook, load_codebook
from textcode.codebook.questions import GroupAnswers, groups_of
from textcode.codebook.resolve import CodebookArg
from textcode.display import bar, escape, listing, one_line, shorten
from textcode.display import table as html_table
from textcode.lang import get_language
from textcode.themes.cluster import (
    DEFAULT_MAX_K,
    DEFAULT_MIN_SHARE,
    DEFAULT_SAMPLE,
    DEFAULT_THRESHOLD,
    Clustering,
    KChoice,
    cluster_matrix,
    parse_k,
)
from textcode.themes.describe import (
    Theme,
    class_tfidf,
    codes_present,
    label_lemmas,
    lemma_matrix,
    representatives,
    top_terms,
    word_forms,
)
from textcode.themes.features import AnswerFeatures, FeatureExtractor, TermMatrix
from textcode.themes.merge import merge_overlapping
from textcode.themes.seeded import DEFAULT_JOIN, seeded_clustering
from textcode.themes.space import AnswerSpace, answer_space, learn_associations, letters_of

NON_SUBSTANTIVE_CODES: tuple[str, ...] = ("overig.geen_inhoud",)
ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "response_id",
    "question",
    "cluster",
    "distance",
    "status",
    "source_question",
)

# Status of an answer in assignments: why it is (not) in a cluster.
CLUSTERED = "clustered"
NON_SUBSTANTIVE = "non_substantive"
CODED = "coded"  # left out by uncoded_only


@dataclass(frozen=True)
class QuestionThemes:
    """The themes of one question and how they were found."""

    question: str  # the codebook group id when the codebook knows the question
    n_answers: int
    n_clustered: int
    n_non_substantive: int
    n_coded: int  # answers left out because the codebook codes them (uncoded_only)
    k_choice: KChoice
    method: str
    seeded: bool
    themes: tuple[Theme, ...]
    source_questions: tuple[str, ...] = ()  # the input's names for it ("belemmering_overig")

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "source_questions": list(self.source_questions or (self.question,)),
            "n_answers": self.n_answers,
            "n_clustered": self.n_clustered,
            "n_non_substantive": self.n_non_substantive,
            "n_coded_left_out": self.n_coded,
            "method": self.method,
            "seeded": self.seeded,
            "k": len(self.themes),
            "k_choice": self.k_choice.to_dict(),
            "clusters": [t.to_dict() for t in self.themes],
        }

    def __repr__(self) -> str:
        return one_line(
            f"<QuestionThemes {self.question}: {len(self.themes)} themes of "
            f"{self.n_clustered} answers ({self.method})>"
        )

    def _repr_html_(self) -> str:
        return themes_html(self.themes, caption=repr(self)[1:-1])


@dataclass
class _Model:
    """What transform/predict and the pictures need of one fitted question."""

    question: str
    rows: np.ndarray  # positions (in the input) of the clustered answers
    space: AnswerSpace
    clustering: Clustering
    lemma_counts: sp.csr_matrix  # clustered answers x label vocabulary
    lemma_weights: np.ndarray  # c-TF-IDF, clusters x label vocabulary
    lemma_vocabulary: tuple[str, ...]
    texts: tuple[str, ...]  # the clustered answers, as written
    codes: tuple[tuple[str, ...], ...]  # the codes of each clustered answer (this question's)
    themes: tuple[Theme, ...] = field(default=())

    @property
    def matrix(self) -> sp.csr_matrix:
        """The rows the answers were clustered on (unit length)."""
        return self.space.matrix

    @property
    def terms(self) -> TermMatrix:
        """The word block of the space (TF-IDF of the lemmas)."""
        return self.space.terms


class ThemeFinder:
    """Finds the themes of open answers by clustering them (see ``docs/themes.md``).

    Parameters (stored unchanged):
      k: ``"auto"`` (documented criterion in :mod:`textcode.themes.cluster`) or a number;
         in seeded mode, the number of new clusters besides the codes.
      seed: fixes the sample of a large input, and so every result.
      method: ``"spherical"`` (default), ``"kmeans"``, ``"agglomerative"`` or ``"nmf"``.
      codebook: a Codebook, path, None (the shipped one) or False (none): finds
         non-substantive answers, the codes present in each cluster, and the seeds.
      seeded: start from the codebook's codes (:mod:`textcode.themes.seeded`).
      uncoded_only: cluster only the answers the codebook gives no code.
      code_features: answers with the same code are alike as if they shared a word
         (:mod:`textcode.themes.space`; not in seeded mode, where codes are the seeds).
      associations: compare answers also through word associations learned from all answers
         of the question plus ``corpus`` (:mod:`textcode.analysis.associations`).
      corpus: other answers (texts, or a table with a ``text`` column), such as the other
         questions of the same survey, to learn the word associations from; they are not
         clustered.
      merge: with ``k="auto"``, merge themes whose labels and answers overlap strongly
         (:mod:`textcode.themes.merge`; ``k_choice.merges`` says which).
      redact: representative answers shown with personal data replaced (textcode.privacy),
         and names never become labels.
    """

    def __init__(
        self,
        k: int | str = "auto",
        *,
        seed: int = 0,
        method: str = "spherical",
        codebook: CodebookArg = None,
        language: str | None = None,
        seeded: bool = False,
        uncoded_only: bool = False,
        code_features: bool = True,
        associations: bool = True,
        corpus: pd.DataFrame | Sequence[str] | None = None,
        merge: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        min_share: float = DEFAULT_MIN_SHARE,
        max_k: int = DEFAULT_MAX_K,
        sample_size: int = DEFAULT_SAMPLE,
        join: float = DEFAULT_JOIN,
        n_lemmas: int = 10,
        n_representatives: int = 3,
        redact: bool = True,
        use_codebook: bool = True,
        nlp: Language | None = None,
        quiet: bool = True,
    ) -> None:
        self.k = k
        self.seed = seed
        self.method = method
        self.codebook = codebook
        self.language = language
        self.seeded = seeded
        self.uncoded_only = uncoded_only
        self.code_features = code_features
        self.associations = associations
        self.corpus = corpus
        self.merge = merge
        self.threshold = threshold
        self.min_share = min_share
        self.max_k = max_k
        self.sample_size = sample_size
        self.join = join
        self.n_lemmas = n_lemmas
        self.n_representatives = n_representatives
        self.redact = redact
        self.use_codebook = use_codebook
        self.nlp = nlp
        self.quiet = quiet

    # -- fitting --------------------------------------------------------------------------
    def fit(self, answers: pd.DataFrame | Sequence[str], y: Any = None) -> ThemeFinder:
        """Cluster the answers of each question; returns ``self``."""
        parse_k(self.k)
        if (self.seeded or self.uncoded_only) and not self.use_codebook:
            raise ValueError("seeded and uncoded_only need the codebook (use_codebook=True)")
        codebook = self._codebook()
        table = name_questions(_answers_table(answers), codebook)
        texts = table["text"].tolist()
        questions = table["question"].tolist()
        language = self.language or (codebook.language if codebook else "nl")
        self.language_ = language
        extractor = FeatureExtractor(language, nlp=self.nlp, redact=self.redact)
        features = extractor.extract_many(texts, quiet=self.quiet)
        corpus = extractor.extract_many(_corpus_texts(self.corpus), quiet=self.quiet)
        codes, order = self._codes(table, codebook)
        marker = set(NON_SUBSTANTIVE_CODES)
        status = np.asarray(
            [
                NON_SUBSTANTIVE
                if not text.strip() or not f.substantive or marker & set(c)
                else CODED
                if self.uncoded_only and c
                else CLUSTERED
                for text, f, c in zip(texts, features, codes, strict=True)
            ],
            dtype=object,
        )
        labels = np.full(len(table), -1)
        distances = np.full(len(table), np.nan)
        self.codebook_ = codebook
        self._extractor = extractor
        self.models_: dict[str, _Model] = {}
        results = []
        for question in dict.fromkeys(questions):
            positions = np.flatnonzero(np.asarray(questions, dtype=object) == question)
            result, model = self._fit_question(
                question, positions, status, texts, features, codes, order, table, corpus
            )
            results.append(result)
            if model is not None:
                self.models_[question] = model
                labels[model.rows] = model.clustering.labels
                distances[model.rows] = 1.0 - model.clustering.similarity
        self.codebook_ = codebook
        self.results_: tuple[QuestionThemes, ...] = tuple(results)
        self.themes_: tuple[Theme, ...] = tuple(t for r in results for t in r.themes)
        self.labels_ = labels
        self.distances_ = np.clip(distances, 0.0, 1.0)
        self.status_ = status
        self.answers_ = table
        self._extractor = extractor
        return self

    def fit_predict(self, answers: pd.DataFrame | Sequence[str], y: Any = None) -> np.ndarray:
        """Fit and return each answer's cluster (-1: in none)."""
        return self.fit(answers).labels_

    def _codebook(self) -> Codebook | None:
        if not self.use_codebook or self.codebook is False:
            return None
        if isinstance(self.codebook, Codebook):
            return self.codebook
        return _load_codebook(None if self.codebook is None else Path(self.codebook))

    def _codes(
        self, table: pd.DataFrame, codebook: Codebook | None
    ) -> tuple[list[tuple[str, ...]], tuple[str, ...]]:
        """Each answer's codes (in input order) and the codebook's code order."""
        if codebook is None:
            return [() for _ in range(len(table))], ()
        coder = _coder(codebook, self.language, self.nlp)
        # Positions as ids: the input's ids may repeat across questions or be missing.
        positional = pd.DataFrame(
            {
                "response_id": [str(i) for i in range(len(table))],
                "question": table["question"].tolist(),
                "text": table["text"].tolist(),
            }
        )
        found: list[dict[str, None]] = [{} for _ in range(len(table))]
        for record in coder.iter_suggestions(positional, quiet=self.quiet):
            found[int(record.response_id)].setdefault(record.code, None)
        return [tuple(f) for f in found], tuple(c.id for c in codebook.codes)

    def _fit_question(
        self,
        question: str,
        positions: np.ndarray,
        status: np.ndarray,
        texts: list[str],
        features: list[AnswerFeatures],
        codes: list[tuple[str, ...]],
        order: tuple[str, ...],
        table: pd.DataFrame,
        corpus: Sequence[AnswerFeatures] = (),
    ) -> tuple[QuestionThemes, _Model | None]:
        rows = positions[status[positions] == CLUSTERED]
        counts = {s: int((status[positions] == s).sum()) for s in (NON_SUBSTANTIVE, CODED)}
        sources = tuple(dict.fromkeys(table["source_question"].iloc[positions].tolist()))
        empty_choice = KChoice(0, "none", self.threshold, 0, 0, ())
        if len(rows) == 0:
            result = QuestionThemes(
                question, len(positions), 0, counts[NON_SUBSTANTIVE], counts[CODED],
                empty_choice, self.method, self.seeded, (), sources,
            )  # fmt: skip
            return result, None
        row_features = [features[i] for i in rows]
        row_texts = [texts[i] for i in rows]
        letters = letters_of(row_features, row_texts)
        marker = set(NON_SUBSTANTIVE_CODES)
        row_codes = tuple(tuple(c for c in codes[i] if c not in marker) for i in rows)
        # In seeded mode the codes are the seeds; as features too they would count twice.
        use_codes = self.code_features and not self.seeded
        associations = (
            learn_associations([features[i] for i in positions] + list(corpus), seed=self.seed)
            if self.associations
            else None
        )
        space = answer_space(
            row_features,
            codes=row_codes if use_codes else None,
            texts=row_texts,
            associations=associations,
        )
        X = space.matrix
        cluster_codes: tuple[str | None, ...] = ()
        if X.shape[1] == 0 or X.getnnz() == 0:
            # Nothing in common at all (tiny input of unique rare words): one group.
            clustering = _single_cluster(len(rows), X.shape[1])
        elif self.seeded:
            question_order = self._question_codes(question, order)
            seeded = seeded_clustering(
                X,
                [codes[i] for i in rows],
                question_order,
                k=self.k,
                texts=letters,
                join=self.join,
                threshold=self.threshold,
                min_share=self.min_share,
                max_k=self.max_k,
                sample_size=self.sample_size,
                seed=self.seed,
            )
            clustering = seeded.clustering
            cluster_codes = seeded.codes
        else:
            clustering = cluster_matrix(
                X,
                self.k,
                method=self.method,
                texts=letters,
                threshold=self.threshold,
                min_share=self.min_share,
                max_k=self.max_k,
                sample_size=self.sample_size,
                seed=self.seed,
            )
        # Words inside personal data are not among the label lemmas (see features.py).
        lemma_counts, lemma_vocabulary = lemma_matrix(row_features)
        if self.k == "auto" and not self.seeded and associations is not None and self.merge:
            clustering = merge_overlapping(
                X, clustering, row_features, associations, lemma_counts, lemma_vocabulary
            )
        weights = class_tfidf(lemma_counts, clustering.labels, clustering.k)
        tops = top_terms(weights, lemma_vocabulary, self.n_lemmas)
        names = label_lemmas(
            weights,
            lemma_counts,
            clustering.labels,
            lemma_vocabulary,
            word_forms(row_features),
            hidden=self._question_words(question),
        )
        reps = representatives(
            clustering.labels,
            clustering.similarity,
            row_texts,
            clustering.k,
            self.n_representatives,
        )
        present = codes_present(clustering.labels, [codes[i] for i in rows], clustering.k, order)
        ids = table["response_id"].astype(str).tolist()
        sizes = np.bincount(clustering.labels, minlength=clustering.k)
        themes = []
        words = get_language(self.language_).themes
        for c in range(clustering.k):
            members = clustering.labels == c
            code = cluster_codes[c] if cluster_codes else None
            themes.append(
                Theme(
                    question=question,
                    id=c,
                    size=int(sizes[c]),
                    share=float(sizes[c] / len(rows)),
                    top_lemmas=tops[c][0],
                    scores=tops[c][1],
                    coherence=float(clustering.similarity[members].mean()),
                    representative_ids=tuple(ids[rows[r]] for r in reps[c]),
                    representatives=tuple(self._shown(row_texts[r]) for r in reps[c]),
                    codes=present[c],
                    code=code,
                    new=self.seeded and code is None,
                    seeded=self.seeded,
                    unlabelled=words.NO_KEYWORDS,
                    label_lemmas=names[c],
                )
            )
        result = QuestionThemes(
            question, len(positions), len(rows), counts[NON_SUBSTANTIVE], counts[CODED],
            clustering.k_choice, clustering.method, self.seeded, tuple(themes), sources,
        )  # fmt: skip
        model = _Model(
            question,
            rows,
            space,
            clustering,
            lemma_counts,
            weights,
            lemma_vocabulary,
            tuple(row_texts),
            row_codes,
            tuple(themes),
        )
        return result, model

    def _question_codes(self, question: str, order: tuple[str, ...]) -> tuple[str, ...]:
        codebook = self.codebook_ if hasattr(self, "codebook_") else self._codebook()
        if codebook is None:
            return ()
        wanted = {c.id for c in codebook.codes_for_question(question)}
        marker = set(NON_SUBSTANTIVE_CODES)
        return tuple(c for c in order if c in wanted and c not in marker)

    def _question_words(self, question: str) -> frozenset[str]:
        """The lemmas of the question's text (codebook), which never name one of its themes."""
        codebook = self.codebook_
        group = codebook.group_for_question(question) if codebook is not None else None
        if group is None or not group.question:
            return frozenset()
        return frozenset(self._extractor.extract(group.question).lemmas)

    def _shown(self, text: str) -> str:
        # The one shared view of answer text: redacted unless asked, and fails closed.
        from textcode.privacy import shown

        return shown(text, redact=self.redact, language=self.language or "nl").text

    # -- using a fitted finder ----------------------------------------------------------------
    def transform(self, answers: pd.DataFrame | Sequence[str]) -> np.ndarray:
        """Cosine distance of each answer to every cluster centre of its question.

        Shape (answers, largest k); columns beyond a question's k are NaN, as are rows of
        questions the finder has not seen. A list of texts belongs to the fitted question
        when the finder saw only one.
        """
        table = self._new_answers(answers)
        width = max((m.clustering.k for m in self.models_.values()), default=0)
        result = np.full((len(table), width), np.nan)
        texts = table["text"].tolist()
        features = self._extractor.extract_many(texts)
        questions = np.asarray(table["question"].tolist(), dtype=object)
        codes: list[tuple[str, ...]] | None = None
        for question, model in self.models_.items():
            rows = np.flatnonzero(questions == question)
            if len(rows) == 0:
                continue
            if model.space.codes and codes is None:
                codes = self._codes(table, self.codebook_)[0]
            X = model.space.transform(
                [features[i] for i in rows],
                [codes[i] for i in rows] if codes is not None else None,
                [texts[i] for i in rows],
            )
            similarity = np.asarray(X @ model.clustering.centers.T)
            result[rows, : model.clustering.k] = 1.0 - np.clip(similarity, 0.0, 1.0)
        return result

    def predict(self, answers: pd.DataFrame | Sequence[str]) -> np.ndarray:
        """The nearest cluster of each answer (-1: non-substantive or no word in common)."""
        table = self._new_answers(answers)
        distances = self.transform(table)
        features = self._extractor.extract_many(table["text"].tolist())
        labels = np.full(len(table), -1)
        for i, f in enumerate(features):
            row = distances[i]
            if f.substantive and np.isfinite(row).any() and np.nanmin(row) < 1.0:
                labels[i] = int(np.nanargmin(row))
        return labels

    def _new_answers(self, answers: pd.DataFrame | Sequence[str]) -> pd.DataFrame:
        """New answers as a table; plain texts belong to the question when there is one."""
        table = _answers_table(answers)
        if len(self.models_) == 1 and not isinstance(answers, pd.DataFrame):
            return table.assign(question=next(iter(self.models_)))
        codebook = self.codebook_
        if codebook is not None:
            table = table.assign(question=table["question"].map(codebook.question_id))
        return table

    @property
    def assignments_(self) -> pd.DataFrame:
        """One row per answer: response_id, question (codebook group), cluster (-1: none),
        distance, status, source_question (the input's name of the question)."""
        table = self.answers_
        distance = np.round(self.distances_, 4)
        return pd.DataFrame(
            {
                "response_id": table["response_id"].astype(str).to_numpy(),
                "question": table["question"].astype(str).to_numpy(),
                "cluster": self.labels_,
                "distance": np.where(self.labels_ >= 0, distance, np.nan),
                "status": self.status_,
                "source_question": table["source_question"].astype(str).to_numpy(),
            },
            columns=list(ASSIGNMENT_COLUMNS),
        )

    def __repr__(self) -> str:
        shown = f"k={self.k!r}, seed={self.seed}, method={self.method!r}"
        if not hasattr(self, "results_"):
            return f"ThemeFinder({shown})"
        per_question = listing(f"{r.question} {len(r.themes)}" for r in self.results_)
        return one_line(f"ThemeFinder({shown}): {len(self.themes_)} themes ({per_question})")

    def _repr_html_(self) -> str:
        """The themes of every question: label, size, share, codes and an example answer."""
        if not hasattr(self, "results_"):
            return f"<p>{escape(repr(self))} (not fitted)</p>"
        return "".join(r._repr_html_() for r in self.results_)

    def to_dict(self) -> dict[str, Any]:
        """Everything ``clusters.json`` holds."""
        return {
            "textcode_themes": 1,
            "method": self.method,
            "seed": self.seed,
            "k": str(self.k),
            "language": self.language_,
            "codebook": self.codebook_.id if self.codebook_ is not None else None,
            "redacted": self.redact,
            "features": {q: list(m.space.blocks) for q, m in self.models_.items()},
            "questions": [r.to_dict() for r in self.results_],
        }


_CODEBOOKS: dict[tuple[str, int], Codebook] = {}


def _load_codebook(path: str | Path | None) -> Codebook:
    """Load a codebook once per file version (path and modification time)."""
    from textcode.codebook import default_codebook_path

    resolved = Path(path) if path is not None else Path(default_codebook_path())
    try:
        key = (str(resolved.resolve()), resolved.stat().st_mtime_ns)
    except OSError:
        return load_codebook(path)
    if key not in _CODEBOOKS:
        if len(_CODEBOOKS) >= 4:
            _CODEBOOKS.clear()
        _CODEBOOKS[key] = load_codebook(path)
    return _CODEBOOKS[key]


_CODERS: dict[tuple[int, str | None, int], tuple[Codebook, Any]] = {}


def _coder(codebook: Codebook, language: str | None, nlp: Language | None) -> Any:
    """A compiled coder per codebook (compiling takes a second; fits in a loop reuse it)."""
    from textcode.coding import Coder

    key = (id(codebook), language, id(nlp))
    found = _CODERS.get(key)
    if found is None or found[0] is not codebook:
        if len(_CODERS) >= 4:
            _CODERS.clear()
        found = (codebook, Coder(codebook, language=language, nlp=nlp))
        _CODERS[key] = found
    return found[1]


def _single_cluster(n: int, width: int) -> Clustering:
    return Clustering(
        labels=np.zeros(n, dtype=int),
        centers=np.zeros((1, width)),
        similarity=np.zeros(n),
        fallback=np.ones(n, dtype=bool),
        k_choice=KChoice(1, "none", DEFAULT_THRESHOLD, 1, n, (n,)),
        method="none",
        origin=np.zeros(1, dtype=int),
    )


def _corpus_texts(corpus: pd.DataFrame | Sequence[str] | None) -> list[str]:
    """The texts of a corpus given as texts or as a table with a ``text`` column."""
    if corpus is None:
        return []
    if isinstance(corpus, pd.DataFrame):
        if "text" not in corpus.columns:
            from textcode.errors import InputError

            raise InputError("the corpus table lacks the column text", field="text")
        return corpus["text"].fillna("").astype(str).tolist()
    if isinstance(corpus, str):
        raise TypeError("corpus must be a list of texts or an answers table, not one str")
    return ["" if t is None else str(t) for t in corpus]


def _answers_table(answers: pd.DataFrame | Sequence[str]) -> pd.DataFrame:
    """An answers table (response_id, question, text) from a table or a list of texts."""
    if isinstance(answers, pd.DataFrame):
        if "text" not in answers.columns:
            from textcode.errors import InputError

            raise InputError("the answers table lacks the column text", field="text")
        table = answers.reset_index(drop=True)
        if "response_id" not in table.columns:
            table = table.assign(response_id=[str(i + 1) for i in range(len(table))])
        if "question" not in table.columns:
            table = table.assign(question="")
        question = table["question"].fillna("").astype(str)
        return table.assign(
            text=table["text"].fillna("").astype(str), question=question, source_question=question
        )
    if isinstance(answers, str):
        raise TypeError("answers must be a list of texts or an answers table, not one str")
    texts = ["" if t is None else str(t) for t in answers]
    return pd.DataFrame(
        {
            "response_id": [str(i + 1) for i in range(len(texts))],
            "question": "",
            "text": texts,
            "source_question": "",
        }
    )


def name_questions(table: pd.DataFrame, codebook: Codebook | None) -> pd.DataFrame:
    """Each ``question`` named by its codebook group, as the coder names it in suggestions.

    ``belemmering_overig`` becomes ``belemmering``, so that assignments join with suggestions
    on (response_id, question); ``source_question`` keeps the input's name. Two questions of
    one group answered by the same respondent (columns ``belemmeringen`` and ``knelpunten``)
    would make that pair ambiguous and raise :class:`~textcode.errors.InputError`.
    """
    if codebook is None:
        return table
    names = groups_of(table["source_question"], codebook)
    if all(q == g for q, g in names.items()):
        return table
    named = table.assign(question=table["source_question"].map(names))
    if len(set(names.values())) < len(names):  # some group has two questions
        GroupAnswers().check(
            zip(
                named["response_id"].astype(str),
                named["source_question"],
                named["question"],
                strict=True,
            ),
            "cluster them in separate runs (--question) or give them their own groups in the "
            "codebook",
        )
    return named


def themes_html(themes: Sequence[Theme], *, caption: str) -> str:
    """Themes as an HTML table: label, size with a bar, codes and one (redacted) example."""
    most = max((t.size for t in themes), default=0)
    rows = [
        [
            str(t.id),
            escape(shorten(t.label)),
            str(t.size),
            bar(t.size, most),
            f"{t.share:.0%}",
            escape(listing(c for c, _ in t.codes)),
            escape(shorten(t.representatives[0])) if t.representatives else "",
        ]
        for t in themes
    ]
    headers = ["theme", "label", "answers", "", "share", "codes", "example"]
    return html_table(headers, rows, caption=caption, raw=(1, 3, 5, 6))


def find_themes(
    answers: pd.DataFrame | Sequence[str], k: int | str = "auto", **options: Any
) -> ThemeFinder:
    """Fit a :class:`ThemeFinder` in one call: ``find_themes(df).themes_``."""
    return ThemeFinder(k, **options).fit(answers)


def matrix_of(finder: ThemeFinder, question: str) -> sp.csr_matrix:
    """The TF-IDF rows of a fitted question's clustered answers (for maps and benchmarks)."""
    return finder.models_[question].matrix
