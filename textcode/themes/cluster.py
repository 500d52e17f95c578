"""Clustering answers: choose the number of themes, then group every answer with one.

The default method is a two-step hybrid in the spirit of Buckshot (Cutting et al., 1992,
Scatter/Gather): a hierarchical clustering of a sample finds the themes, spherical k-means
(cosine k-means on unit rows) then places every answer with the nearest theme and refines
the centres. No random initialisation is involved, so the result is the same in every run;
only the sample of a large input is drawn, with a fixed seed.

**How many themes** (``k="auto"``, criterion ``"cut"``): average-linkage clustering of (a
sample of at most 2,000) answers on cosine distance, cut where the average distance between
two groups exceeds ``threshold`` (0.8: groups whose answers are on average at least 0.2 alike
stay together). A group is a theme when it holds at least two answers and ``min_share`` of
the answers (0.5 %). Below the bound, the answers of smaller groups are grouped among
themselves at a similarity of 0.05 (they share a word), and such groups of that size are
themes too. The data bound the number: at most :func:`max_themes` themes (the
square root of twice the answers: 15 for 124 answers, about one theme per 8 answers there,
fewer per answer for tiny inputs) and at most ``max_k`` (30); the largest themes count. The
answers of the other groups join the nearest theme. :mod:`textcode.themes.merge` may then
merge themes whose labels and answers overlap strongly, and says which.

**A fixed number** (``k=N``): the highest cut of the same tree at which N groups hold at least
two answers each; those N groups are the starting themes (the N largest groups of the cut
into N when there are too few answers for that). ``k=N`` always gives N clusters.

The other methods (``"kmeans"``, ``"agglomerative"``, ``"nmf"``) are scikit-learn's, kept for
comparison (``benchmarks/bench_themes.py``); they use the same choice of k.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.preprocessing import normalize

METHODS: tuple[str, ...] = ("spherical", "kmeans", "agglomerative", "nmf")
DEFAULT_THRESHOLD = 0.8
DEFAULT_MIN_SHARE = 0.005
DEFAULT_MAX_K = 30
DEFAULT_SAMPLE = 2000
MIN_THEME_SIZE = 2
LEFT_OVER_SIMILARITY = 0.05  # left-over answers this alike (a shared word) may form a theme
_AGGLOMERATIVE_LIMIT = 5000


@dataclass(frozen=True)
class Merge:
    """Two themes made one: ``kept`` and ``merged`` are their labels before merging."""

    kept: str
    merged: str
    label_similarity: float  # of their distinctive words (shared or associated)
    member_similarity: float  # of their answers (cosine of the two centres)

    def to_dict(self) -> dict[str, object]:
        return {
            "kept": self.kept,
            "merged": self.merged,
            "label_similarity": round(self.label_similarity, 4),
            "member_similarity": round(self.member_similarity, 4),
        }


@dataclass(frozen=True)
class KChoice:
    """How the number of clusters was decided, for reports (``clusters.json``, the CLI)."""

    k: int
    criterion: str  # "cut" (automatic), "fixed" (k=N) or "none"
    threshold: float
    min_size: int  # answers a sample group needs to count as a theme
    sample_size: int
    group_sizes: tuple[int, ...]  # sizes of the counted groups in the sample
    n_groups: int = 0  # "cut": groups that were themes before the bound
    bound: int = 0  # "cut": the most themes the data allow (max_themes, max_k)
    merges: tuple[Merge, ...] = ()
    n_left_over: int = 0  # "cut": themes formed by left-over answers (below the bound)

    @property
    def reason(self) -> str:
        """The criterion in one sentence, as the CLI prints it."""
        if self.criterion == "fixed":
            return f"k={self.k} as asked"
        if self.k == 0:
            return "nothing to cluster: no substantive answer"
        if self.criterion != "cut":
            return "one group: the answers share no word"
        found = (
            f"{self.n_groups} groups of at least {self.min_size} answers whose answers are on "
            f"average at least {1 - self.threshold:.2g} alike"
        )
        if self.n_left_over:
            found += (
                f", and {self.n_left_over} of left-over answers at least "
                f"{LEFT_OVER_SIMILARITY:.2g} alike"
            )
        if self.n_groups + self.n_left_over > self.bound:
            found += f"; the {self.bound} largest kept (at most {self.bound} for "
            found += f"{self.sample_size} answers)"
        if self.merges:
            found += f"; {len(self.merges)} merged"
        return found

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "k": self.k,
            "criterion": self.criterion,
            "reason": self.reason,
            "threshold": self.threshold,
            "min_size": self.min_size,
            "sample_size": self.sample_size,
            "group_sizes": list(self.group_sizes),
        }
        if self.criterion == "cut":
            data["groups"] = self.n_groups
            data["left_over_groups"] = self.n_left_over
            data["bound"] = self.bound
            data["merged"] = [m.to_dict() for m in self.merges]
        return data


@dataclass(frozen=True)
class Clustering:
    """Every row of the matrix with a cluster, clusters numbered by size (largest first).

    ``similarity`` is each row's cosine similarity to its cluster centre (0 for a row that
    shares no term with any centre: ``fallback`` says it was placed by its letters).
    """

    labels: np.ndarray
    centers: np.ndarray
    similarity: np.ndarray
    fallback: np.ndarray
    k_choice: KChoice
    method: str
    origin: np.ndarray  # for each cluster, the index of the initial centre it grew from

    @property
    def k(self) -> int:
        return int(self.centers.shape[0])


def parse_k(value: str | int) -> int | str:
    """``"auto"`` or a whole number of clusters (at least 1); ``ValueError`` otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip().lower()
        if text == "auto":
            return "auto"
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"k must be 'auto' or a whole number, not {value!r}") from None
    if number < 1:
        raise ValueError(f"k must be at least 1, not {number}")
    return number


def _sample(n_rows: Sequence[int] | np.ndarray, size: int, seed: int) -> np.ndarray:
    rows = np.asarray(n_rows)
    if len(rows) <= size:
        return rows
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(rows, size=size, replace=False))


def _average_linkage(X: sp.csr_matrix) -> np.ndarray:
    """Average-linkage tree of unit rows on cosine distance."""
    similarity = (X @ X.T).toarray()
    np.clip(similarity, 0.0, 1.0, out=similarity)
    distance = np.subtract(1.0, similarity, out=similarity)
    np.fill_diagonal(distance, 0.0)
    return linkage(squareform(distance, checks=False), method="average")


def _groups(labels: np.ndarray) -> list[np.ndarray]:
    """Members of each group, largest first, ties by first member."""
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(i)
    ordered = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    return [np.asarray(m) for m in ordered]


def _by_content(X: sp.csr_matrix, groups: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Groups largest first; ties by how alike their rows are, then by what the rows hold.

    Never by the input order: the same answers in another order keep the same themes when
    the bound cuts between groups of equal size.
    """
    X = sp.csr_matrix(X)

    def signature(row: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
        start, end = X.indptr[row], X.indptr[row + 1]
        return tuple(X.indices[start:end].tolist()), tuple(np.round(X.data[start:end], 9))

    def key(group: np.ndarray) -> tuple[int, float, tuple[tuple[int, ...], tuple[float, ...]]]:
        total = np.asarray(X[group].sum(axis=0)).ravel()
        cohesion = float(total @ total) / (len(group) ** 2)
        return -len(group), -round(cohesion, 9), min(signature(int(r)) for r in group)

    return sorted(groups, key=key)


def max_themes(n: int, max_k: int = DEFAULT_MAX_K) -> int:
    """The most themes ``n`` answers allow: the square root of 2n, at most ``max_k``.

    124 answers allow 15 themes (one per 8 answers), 20 answers 6, 2,170 answers 30.
    """
    return max(1, min(max_k, math.isqrt(2 * n)))


def _cut_with_themes(tree: np.ndarray, n: int, k: int) -> np.ndarray:
    """Labels of the highest cut of ``tree`` with ``k`` groups of at least two rows.

    Answers that share nothing with the rest merge last, so the cut into exactly ``k`` groups
    would make themes of single odd answers; a theme has at least two. With too few answers
    for that, the cut into ``k`` groups.
    """
    for m in range(k, n + 1):
        labels = fcluster(tree, t=m, criterion="maxclust")
        if int((np.bincount(labels) >= MIN_THEME_SIZE).sum()) >= k:
            return np.asarray(labels)
    return np.asarray(fcluster(tree, t=k, criterion="maxclust"))


def initial_groups(
    X: sp.csr_matrix,
    k: int | str = "auto",
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_share: float = DEFAULT_MIN_SHARE,
    max_k: int = DEFAULT_MAX_K,
    sample_size: int = DEFAULT_SAMPLE,
    seed: int = 0,
) -> tuple[list[np.ndarray], KChoice]:
    """The themes found in (a sample of) the rows: row numbers of each group, largest first."""
    placed = np.flatnonzero(X.getnnz(axis=1) > 0)
    if len(placed) == 0:
        raise ValueError("no answer has a term to cluster on")
    rows = _sample(placed, sample_size, seed)
    if len(rows) == 1:
        tree_labels = np.zeros(1, dtype=int)
    else:
        tree = _average_linkage(X[rows])
        if k == "auto":
            tree_labels = fcluster(tree, t=threshold, criterion="distance")
        else:
            tree_labels = _cut_with_themes(tree, len(rows), int(k))
    groups = _by_content(X[rows], _groups(tree_labels))
    n_groups = 0
    bound = 0
    n_left_over = 0
    if k == "auto":
        min_size = max(MIN_THEME_SIZE, math.ceil(min_share * len(rows)))
        themes = [g for g in groups if len(g) >= min_size]
        n_groups = len(themes)
        bound = max_themes(len(rows), max_k)
        if len(themes) < bound:
            extra = _left_over_themes(X[rows], groups, min_size)[: bound - len(themes)]
            n_left_over = len(extra)
            themes = _by_content(X[rows], themes + extra)
        chosen = themes[:bound] or groups[:1]
        criterion = "cut"
    else:
        min_size = 1
        chosen = groups[: int(k)]
        criterion = "fixed"
    choice = KChoice(
        k=len(chosen),
        criterion=criterion,
        threshold=threshold,
        min_size=min_size,
        sample_size=len(rows),
        group_sizes=tuple(len(g) for g in chosen),
        n_groups=n_groups,
        bound=bound,
        n_left_over=n_left_over,
    )
    return [rows[g] for g in chosen], choice


def _left_over_themes(
    X: sp.csr_matrix, groups: Sequence[np.ndarray], min_size: int
) -> list[np.ndarray]:
    """Themes among the answers of groups too small to be one (row numbers of ``X``).

    On a small survey two answers may share one word and little else ("het delen van
    gegevens", "het delen van camerabeelden"); grouped among themselves at a cosine of
    :data:`LEFT_OVER_SIMILARITY`, they are a theme rather than strays.
    """
    left = np.sort(np.concatenate([g for g in groups if len(g) < min_size] or [np.zeros(0, int)]))
    if len(left) < min_size or len(left) < 2:
        return []
    labels = fcluster(_average_linkage(X[left]), t=1.0 - LEFT_OVER_SIMILARITY, criterion="distance")
    return [left[g] for g in _by_content(X[left], _groups(labels)) if len(g) >= min_size]


def group_sums(X: sp.csr_matrix, groups: Sequence[np.ndarray]) -> np.ndarray:
    """The sum of the rows of each group (dense, groups x terms)."""
    if not groups:
        return np.zeros((0, X.shape[1]))
    indicator = sp.csr_matrix(
        (
            np.ones(sum(len(g) for g in groups)),
            (np.repeat(np.arange(len(groups)), [len(g) for g in groups]), np.concatenate(groups)),
        ),
        shape=(len(groups), X.shape[0]),
    )
    return np.asarray((indicator @ X).todense())


def initial_centers(
    X: sp.csr_matrix,
    k: int | str = "auto",
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_share: float = DEFAULT_MIN_SHARE,
    max_k: int = DEFAULT_MAX_K,
    sample_size: int = DEFAULT_SAMPLE,
    seed: int = 0,
) -> tuple[np.ndarray, KChoice]:
    """Theme centres from the hierarchical clustering of a sample, and how k was chosen."""
    groups, choice = initial_groups(
        X,
        k,
        threshold=threshold,
        min_share=min_share,
        max_k=max_k,
        sample_size=sample_size,
        seed=seed,
    )
    return normalize(group_sums(X, groups)), choice


def spherical_kmeans(
    X: sp.csr_matrix,
    centers: np.ndarray,
    *,
    max_iter: int = 100,
    fixed: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine k-means from given centres: (labels, centres). Rows sharing no term get -1.

    ``fixed`` (one entry per row, -1 = free) keeps rows in a given cluster, as seeded and
    constrained k-means do (Basu et al., 2002). A cluster that loses all its rows keeps its
    centre, so that it may win rows back; it is dropped by the caller if it ends empty.
    """
    centers = normalize(np.asarray(centers, dtype=np.float64))
    k = centers.shape[0]
    labels = np.full(X.shape[0], -1)
    for _ in range(max_iter):
        scores = np.asarray(X @ centers.T)
        new = scores.argmax(axis=1)
        new[scores.max(axis=1) <= 0.0] = -1
        if fixed is not None:
            new = np.where(fixed >= 0, fixed, new)
        if np.array_equal(new, labels):
            break
        labels = new
        placed = labels >= 0
        indicator = sp.csr_matrix(
            (np.ones(int(placed.sum())), (labels[placed], np.flatnonzero(placed))),
            shape=(k, X.shape[0]),
        )
        sums = np.asarray((indicator @ X).todense())
        keep = np.linalg.norm(sums, axis=1) > 0
        centers = np.where(keep[:, None], normalize(sums), centers)
    return labels, centers


def place_by_letters(
    texts: Sequence[str], labels: np.ndarray, k: int, rows: np.ndarray
) -> np.ndarray:
    """Clusters for ``rows`` (answers sharing no term with any theme) by character n-grams.

    Typos and rare spellings ("Cofid", "konderopvang") share letters with a theme even when
    they share no word. A row with no letters in common goes to the largest cluster (0).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    result = np.zeros(len(rows), dtype=int)
    if len(rows) == 0 or k == 0:
        return result
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True)
    try:
        chars = vectorizer.fit_transform(texts)
    except ValueError:  # no n-grams at all
        return result
    placed = np.flatnonzero(labels >= 0)
    indicator = sp.csr_matrix(
        (np.ones(len(placed)), (labels[placed], placed)), shape=(k, len(texts))
    )
    centers = normalize(indicator @ chars)
    scores = np.asarray((chars[rows] @ centers.T).todense())
    return np.where(scores.max(axis=1) > 0, scores.argmax(axis=1), 0)


def renumber(labels: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clusters renumbered by size (largest first, ties by first row); empty ones dropped.

    Returns the new labels, the centres in the new order and each new cluster's old number.
    """
    groups = _groups(labels)
    mapping = np.full(centers.shape[0], -1)
    for new, members in enumerate(groups):
        mapping[labels[members[0]]] = new
    order = np.asarray([int(labels[g[0]]) for g in groups], dtype=int)
    return mapping[labels], centers[order], order


def cluster_matrix(
    X: sp.csr_matrix,
    k: int | str = "auto",
    *,
    method: str = "spherical",
    texts: Sequence[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    min_share: float = DEFAULT_MIN_SHARE,
    max_k: int = DEFAULT_MAX_K,
    sample_size: int = DEFAULT_SAMPLE,
    seed: int = 0,
    fixed: np.ndarray | None = None,
    init: tuple[np.ndarray, KChoice] | None = None,
) -> Clustering:
    """Cluster the unit rows of ``X``; every row gets a cluster.

    ``texts`` (one per row) place rows that share no term with any theme by their letters.
    ``init`` gives the starting centres (and how their number was chosen) instead of
    :func:`initial_centers`; ``fixed`` rows (cluster per row, -1 = free) stay where they are
    put. Seeded mode uses both.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    k = parse_k(k)
    n = X.shape[0]
    if init is None:
        init = initial_centers(
            X,
            k,
            threshold=threshold,
            min_share=min_share,
            max_k=max_k,
            sample_size=sample_size,
            seed=seed,
        )
    centers, choice = init
    if method == "spherical":
        labels, centers = spherical_kmeans(X, centers, fixed=fixed)
    else:
        labels = _sklearn_labels(method, X, centers.shape[0], seed)
        labels[X.getnnz(axis=1) == 0] = -1
        centers = centers_of(X, labels, centers.shape[0])
    unplaced = np.flatnonzero(labels < 0)
    fallback = np.zeros(n, dtype=bool)
    if len(unplaced):
        fallback[unplaced] = True
        if texts is not None:
            labels[unplaced] = place_by_letters(texts, labels, centers.shape[0], unplaced)
        else:
            labels[unplaced] = 0
    labels, centers, origin = renumber(labels, centers)
    centers = centers_of(X, labels, centers.shape[0], previous=centers)
    similarity = row_similarity(X, centers, labels)
    similarity[fallback] = 0.0
    return Clustering(labels, centers, similarity, fallback, choice, method, origin)


def row_similarity(X: sp.csr_matrix, centers: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the centre of its cluster (without a dense n x V)."""
    X = sp.csr_matrix(X)
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    products = X.data * centers[labels[rows], X.indices]
    return np.bincount(rows, weights=products, minlength=X.shape[0])


def centers_of(
    X: sp.csr_matrix, labels: np.ndarray, k: int, previous: np.ndarray | None = None
) -> np.ndarray:
    placed = labels >= 0
    indicator = sp.csr_matrix(
        (np.ones(int(placed.sum())), (labels[placed], np.flatnonzero(placed))),
        shape=(k, X.shape[0]),
    )
    sums = np.asarray((indicator @ X).todense())
    centers = normalize(sums)
    if previous is not None:
        empty = np.linalg.norm(sums, axis=1) == 0
        centers[empty] = previous[empty]
    return centers


def _sklearn_labels(method: str, X: sp.csr_matrix, k: int, seed: int) -> np.ndarray:
    """Labels from one of scikit-learn's estimators (for comparison with the default)."""
    n = X.shape[0]
    k = max(1, min(k, n))
    if method == "kmeans":
        from sklearn.cluster import KMeans, MiniBatchKMeans

        if n > 10_000:
            model = MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=4096)
            return np.asarray(model.fit_predict(X))
        return np.asarray(KMeans(k, random_state=seed, n_init=10).fit_predict(X))
    if method == "agglomerative":
        from sklearn.cluster import AgglomerativeClustering

        if n > _AGGLOMERATIVE_LIMIT:
            raise ValueError(
                f"agglomerative clustering needs memory in the square of the answers; use it "
                f"for at most {_AGGLOMERATIVE_LIMIT} answers, not {n}"
            )
        if k == 1:
            return np.zeros(n, dtype=int)
        model = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")
        dense = X.toarray()
        dense[np.linalg.norm(dense, axis=1) == 0, :] = 1e-12  # cosine of a zero row
        return np.asarray(model.fit_predict(dense))
    from sklearn.decomposition import NMF

    X = sp.csr_matrix(X.maximum(0.0))  # NMF needs non-negative rows: associations may be negative
    weights = NMF(k, init="nndsvda", random_state=seed, max_iter=500).fit_transform(X)
    labels = weights.argmax(axis=1)
    labels[weights.max(axis=1) <= 0] = -1
    return np.asarray(labels)
