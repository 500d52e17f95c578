"""Pictures of themes: a word cloud per cluster and a 2-D map of the answers.

The map places the clusters by metric MDS of the cosine distances between their centres (the
"intertopic distance map" of LDAvis and BERTopic) and every answer around its cluster, pulled
towards the other clusters it resembles. A projection of the TF-IDF rows themselves (SVD,
PCA) shows little for short answers: identical answers fall on one point and the first two
components are the two largest themes. Both pictures are deterministic: the word cloud's
layout uses a fixed ``random_state``, the map's scatter a seeded generator and MDS starts from
classical scaling. PNG files carry no date.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

_MAX_POINTS = 20_000  # a map of 50,000 dots says no more than one of 20,000


def wordcloud_png(
    weights: dict[str, float], *, seed: int = 0, width: int = 600, height: int = 300
) -> bytes:
    """A word cloud of lemma weights (c-TF-IDF) as PNG bytes."""
    from wordcloud import WordCloud

    cloud = WordCloud(
        width=width,
        height=height,
        background_color="white",
        random_state=seed,
        prefer_horizontal=1.0,
        colormap="viridis",
        max_words=40,
    )
    usable = {word: float(w) for word, w in weights.items() if w > 0}
    if not usable:
        usable = {"-": 1.0}
    image = cloud.generate_from_frequencies(usable).to_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def cluster_positions(centers: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """2-D positions of the cluster centres: metric MDS of their cosine distances.

    Started from classical (Torgerson) scaling, so no random start is involved; scaled so that
    the typical distance to the nearest other cluster is 1.
    """
    k = centers.shape[0]
    if k == 1:
        return np.zeros((1, 2))
    if k == 2:
        return np.asarray([[-0.5, 0.0], [0.5, 0.0]])
    import inspect

    from sklearn.manifold import MDS

    distance = 1.0 - np.clip(centers @ centers.T, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2
    if "init" in inspect.signature(MDS).parameters:  # scikit-learn 1.8 and later
        mds = MDS(
            n_components=2, metric="precomputed", init="classical_mds", n_init=1, random_state=seed
        )
    else:  # older: a seeded random start, deterministic too
        mds = MDS(n_components=2, dissimilarity="precomputed", n_init=4, random_state=seed)
    positions = np.asarray(mds.fit_transform(distance))
    gaps = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=2)
    np.fill_diagonal(gaps, np.inf)
    typical = float(np.median(gaps.min(axis=1)))
    return positions / typical if typical > 0 else positions


def answer_positions(
    X: sp.csr_matrix,
    centers: np.ndarray,
    labels: np.ndarray,
    similarity: np.ndarray,
    *,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the answers around their cluster's position, and the cluster positions.

    An answer lies closer to its cluster's position the more it resembles the centre, and is
    drawn towards the other clusters it also resembles ("corona en toeslagenaffaire" sits
    between the two). The small scatter comes from a seeded generator.
    """
    positions = cluster_positions(centers, seed=seed)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0.0, 2 * np.pi, n)
    radii = np.sqrt(rng.uniform(0.0, 1.0, n)) * (0.08 + 0.3 * (1.0 - np.clip(similarity, 0, 1)))
    points = positions[labels] + np.column_stack([np.cos(angles), np.sin(angles)]) * radii[:, None]
    if centers.shape[0] > 1:
        scores = np.clip(np.asarray(X @ centers.T), 0.0, 1.0)
        scores[np.arange(n), labels] = 0.0
        pull = scores.sum(axis=1)
        moving = pull > 0
        if moving.any():
            target = (scores[moving] @ positions) / pull[moving, None]
            share = pull[moving] / (pull[moving] + np.clip(similarity[moving], 1e-9, 1.0))
            points[moving] += 0.5 * share[:, None] * (target - positions[labels[moving]])
    return points, positions


def map_png(
    points: np.ndarray,
    labels: np.ndarray,
    positions: np.ndarray,
    names: Sequence[str],
    *,
    title: str = "",
    seed: int = 0,
    n_named: int = 15,
) -> bytes:
    """The theme map: every answer a dot around its cluster, the largest clusters named."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    rows = np.arange(len(labels))
    if len(rows) > _MAX_POINTS:
        rows = np.sort(np.random.default_rng(seed).choice(rows, _MAX_POINTS, replace=False))
    figure, axes = plt.subplots(figsize=(10, 8), dpi=100)
    try:
        palette = plt.get_cmap("tab20")
        colours = [palette(int(label) % 20) for label in labels[rows]]
        axes.scatter(
            points[rows, 0],
            points[rows, 1],
            c=colours,
            s=10,
            alpha=0.55,
            linewidths=0,
            rasterized=True,
        )
        for cluster, name in enumerate(names[:n_named]):
            size = int((labels == cluster).sum())
            x, y = positions[cluster]
            axes.annotate(
                f"{cluster}: {name} ({size})",
                (x, y),
                fontsize=8,
                ha="center",
                va="center",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.75, "lw": 0.5},
            )
        axes.set_xticks([])
        axes.set_yticks([])
        axes.set_aspect("equal", adjustable="datalim")
        if title:
            axes.set_title(title)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    finally:
        plt.close(figure)
    return buffer.getvalue()
