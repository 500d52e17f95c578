"""Candidate new codes as a codebook YAML fragment, for a person to edit and merge.

Each candidate is a cluster that is a theme of its own (in seeded mode: a cluster that joins
no existing code; never a mixed cluster, never a single answer). Its code gets an id and a
label from the top lemmas, one pattern per distinctive lemma (a lemma counts when at least
half of the answers using it are in the cluster), the representative answers as positive
examples and other clusters' answers as negative ones. The fragment is a complete codebook:
before it is written, every example is run through the coder exactly as ``textcode codebook
check`` does, and examples the patterns do not get right are replaced or left out, so the
check passes on the file as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml

from textcode.lang import get_language
from textcode.nlp.normalize import fold
from textcode.themes.finder import NON_SUBSTANTIVE_CODES

if TYPE_CHECKING:
    from textcode.themes.describe import Theme
    from textcode.themes.finder import ThemeFinder, _Model

_PLAIN_RE = re.compile(r"^[^\W_][\w]*$")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_MAX_NEGATIVES = 2
_CANDIDATE_TRIES = 25


@dataclass(frozen=True)
class Proposal:
    """The fragment as YAML text, and what went into it."""

    yaml: str
    codes: tuple[str, ...]  # ids of the candidate codes written
    clusters: tuple[tuple[str, int], ...]  # (question, cluster id) of each code
    skipped: tuple[str, ...]  # why clusters were left out, one line each


def _words(finder: ThemeFinder) -> dict[str, str]:
    """The wording of a proposal in the finder's language (``lang/<code>/themes.py``)."""
    proposal: dict[str, str] = get_language(finder.language_).themes.PROPOSAL
    return proposal


def _slug(text: str, fallback: str) -> str:
    slug = _SLUG_RE.sub("_", fold(text)).strip("_")
    return slug or fallback


def _pattern(lemma: str) -> str | None:
    """A rule for one lemma: the word itself, or quoted when it holds other characters."""
    if _PLAIN_RE.match(lemma) and not lemma.isupper():
        return lemma
    if '"' in lemma or not lemma.strip():
        return None
    return f'"{lemma}"'


def distinctive_lemmas(
    model: _Model, cluster: int, *, limit: int = 4, language: str = "nl"
) -> list[str]:
    """Top lemmas of a cluster that mostly occur inside it (at least half of their answers).

    After the first, lemmas that are only verbs ("houden", "leveren") are passed over: as a
    pattern on their own they would find answers of every theme.
    """
    from textcode.nlp import load_lexicon

    by_pos = load_lexicon(language).by_pos
    verbs = by_pos.get("verb", frozenset())
    other = by_pos.get("noun", frozenset()) | by_pos.get("adj", frozenset())
    counts = model.lemma_counts
    present = (counts > 0).astype(np.int64)
    labels = model.clustering.labels
    inside = np.asarray(present[labels == cluster].sum(axis=0)).ravel()
    total = np.asarray(present.sum(axis=0)).ravel()
    index = {lemma: i for i, lemma in enumerate(model.lemma_vocabulary)}
    size = int((labels == cluster).sum())
    theme = model.themes[cluster]
    chosen: list[str] = []
    for lemma in theme.top_lemmas:
        i = index[lemma]
        needed = 2 if size >= 4 else 1
        verb_only = lemma in verbs and lemma not in other
        if chosen and verb_only:
            continue
        if inside[i] >= needed and inside[i] * 2 >= total[i] and _pattern(lemma):
            chosen.append(lemma)
        if len(chosen) >= limit:
            break
    return chosen


def propose_codebook(
    finder: ThemeFinder,
    *,
    codebook_id: str | None = None,
    min_size: int = 2,
    max_patterns: int = 4,
    max_examples: int = 3,
    covered_share: float = 0.5,
) -> Proposal:
    """Candidate new codes of a fitted finder as a codebook that passes ``codebook check``.

    A cluster that an existing code already covers (given to at least ``covered_share`` of its
    answers) is no candidate, seeded or not: the codebook knows that theme.
    """
    codebook = finder.codebook_
    groups: list[dict[str, Any]] = []
    taken = {c.id for c in codebook.codes} if codebook is not None else set()
    written: dict[str, tuple[str, int]] = {}
    skipped: list[str] = []
    words = _words(finder)
    for result in finder.results_:
        model = finder.models_.get(result.question)
        if model is None:
            continue
        group_id = _group_id(finder, result.question)
        codes: list[dict[str, Any]] = []
        for theme in result.themes:
            where = f"{result.question} cluster {theme.id}"
            if finder.seeded and not theme.new:
                continue
            covering = _covering_code(theme, min_share=covered_share)
            if covering is not None:
                skipped.append(
                    f"{where}: already coded as {covering[0]} ({covering[1]} of {theme.size})"
                )
                continue
            if theme.size < min_size:
                skipped.append(f"{where}: {theme.size} answer(s), fewer than {min_size}")
                continue
            if theme.mixed:
                skipped.append(f"{where}: mixed (coherence {theme.coherence:.2f})")
                continue
            lemmas = distinctive_lemmas(
                model, theme.id, limit=max_patterns, language=finder.language_
            )
            if not lemmas:
                skipped.append(f"{where}: no lemma that mostly occurs in this cluster")
                continue
            slug = _slug("_".join(lemmas[:2]), words["theme_slug"])
            code_id = _unique(f"{group_id}.{slug}", taken)
            taken.add(code_id)
            codes.append(_code_data(finder, model, theme.id, code_id, lemmas, max_examples))
            written[code_id] = (result.question, theme.id)
        if codes:
            group: dict[str, Any] = {"id": group_id, "label": result.question or group_id}
            if result.question and result.question != group_id:
                group["question"] = result.question
                group["aliases"] = [result.question]
            group["codes"] = codes
            groups.append(group)
    if not groups:
        return Proposal("", (), (), tuple(skipped))
    source = codebook.id if codebook is not None else "themes"
    data: dict[str, Any] = {
        "textcode_codebook": 1,
        "id": codebook_id or f"{source}{words['id_suffix']}",
        "version": "0.1",
        "language": finder.language_,
        "title": words["title"],
        "description": words["description"],
        "groups": groups,
    }
    data = _verified(finder, data, max_examples)
    codes_written = tuple(c["id"] for g in data["groups"] for c in g["codes"])
    if not codes_written:
        skipped.append("no candidate code has an example that its own patterns find")
        return Proposal("", (), (), tuple(skipped))
    kept = tuple(written[c] for c in codes_written)
    header = (
        "# Candidate codes proposed by `textcode themes --to-codebook`: edit, then merge the\n"
        "# codes you keep into your codebook. `textcode codebook check` runs the examples.\n"
    )
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return Proposal(text, codes_written, kept, tuple(skipped))


def _covering_code(theme: Theme, *, min_share: float) -> tuple[str, int] | None:
    """The existing code most of the cluster's answers already have, with its count."""
    for code, count in theme.codes:  # most frequent first
        if code in NON_SUBSTANTIVE_CODES:
            continue
        return (code, count) if count >= min_share * theme.size else None
    return None


def _group_id(finder: ThemeFinder, question: str) -> str:
    codebook = finder.codebook_
    if codebook is not None:
        group_id = codebook.question_id(question)
        if any(g.id == group_id for g in codebook.groups):
            return group_id
    return _slug(question, _words(finder)["question_slug"])


def _unique(code_id: str, taken: set[str]) -> str:
    if code_id not in taken:
        return code_id
    n = 2
    while f"{code_id}_{n}" in taken:
        n += 1
    return f"{code_id}_{n}"


def _code_data(
    finder: ThemeFinder,
    model: _Model,
    cluster: int,
    code_id: str,
    lemmas: list[str],
    max_examples: int,
) -> dict[str, Any]:
    theme = model.themes[cluster]
    label = theme.label[:1].upper() + theme.label[1:]
    words = _words(finder)
    description = words["code_description"].format(
        id=theme.id,
        question=theme.question or words["unnamed_question"],
        size=theme.size,
        share=theme.share,
        keywords=", ".join(theme.top_lemmas),
    )
    patterns = [p for p in (_pattern(lemma) for lemma in lemmas) if p]
    return {
        "id": code_id,
        "label": label,
        "description": description,
        "patterns": patterns,
        "examples": {
            "positive": list(theme.representatives[:max_examples]),
            "negative": _negatives(model, cluster),
        },
        # Not part of the codebook: candidates for replacing failing examples.
        "_candidates": _members(finder, model, cluster),
    }


def _members(finder: ThemeFinder, model: _Model, cluster: int) -> list[str]:
    """Answers of the cluster, closest to the centre first, as they would be shown."""
    labels = model.clustering.labels
    rows = np.flatnonzero(labels == cluster)
    order = rows[np.lexsort((rows, -model.clustering.similarity[rows]))]
    seen: dict[str, None] = {}
    for row in order[: _CANDIDATE_TRIES * 3].tolist():
        seen.setdefault(finder._shown(model.texts[row]), None)
        if len(seen) >= _CANDIDATE_TRIES:
            break
    return list(seen)


def _negatives(model: _Model, cluster: int) -> list[str]:
    others = [t for t in model.themes if t.id != cluster and not t.mixed and t.representatives]
    return [t.representatives[0] for t in others[:_MAX_NEGATIVES]]


def _verified(finder: ThemeFinder, data: dict[str, Any], max_examples: int) -> dict[str, Any]:
    """Examples that the fragment's own rules get right; codes left without one are dropped."""
    from textcode.codebook import parse_codebook
    from textcode.coding import Coder

    candidates = {c["id"]: c.pop("_candidates") for g in data["groups"] for c in g["codes"]}
    probe = parse_codebook(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    coder = Coder(probe, language=finder.language_)

    def codes_of(text: str, group: str) -> set[str]:
        return {s.code for s in coder.code_text(text, group)}

    groups = []
    for group in data["groups"]:
        codes = []
        for code in group["codes"]:
            examples = code["examples"]
            positive = [t for t in examples["positive"] if code["id"] in codes_of(t, group["id"])]
            for text in candidates[code["id"]]:
                if len(positive) >= max_examples:
                    break
                if text not in positive and code["id"] in codes_of(text, group["id"]):
                    positive.append(text)
            if not positive:
                continue
            negative = [
                t for t in examples["negative"] if code["id"] not in codes_of(t, group["id"])
            ]
            code["examples"] = {"positive": positive, "negative": negative}
            codes.append(code)
        if codes:
            groups.append({**group, "codes": codes})
    return {**data, "groups": groups}


def write_proposal(proposal: Proposal, path: str | Path) -> None:
    """Write the fragment atomically (nothing is written when there is no candidate)."""
    from textcode.io import atomic_write_text

    if proposal.yaml:
        atomic_write_text(path, proposal.yaml)
