"""Does learning from reviews pay? Learning curves of rules + model on the VU gold (run by hand).

    python benchmarks/bench_learning.py                      # the three gold questions
    python benchmarks/bench_learning.py --question B1 --sizes 25 125 --boot 500
    python benchmarks/bench_learning.py --order               # informative vs file order
    python benchmarks/bench_learning.py --profile --sizes 125 # where the errors at N lie

For each gold question (``benchmarks/vu_gold.py``) and each size N, the model is trained on the
first N gold answers in gold order, as a reviewer who worked through them would have taught it,
and scored on the remaining 250 - N answers: rules alone, the model alone and rules + model,
micro-averaged over (answer, code). The gain of rules + model over rules alone has a paired
bootstrap 95% interval (answers resampled, both systems on the same resample).

Every choice the model makes (regularisation, thresholds) is made by cross-validation inside
the N training answers; the held-out answers are only scored. The answers of the question
outside the gold sample (the codebook sample and the rest, without their codes) are the
unlabelled pool the model may read, as ``textcode code --learn-from`` reads the survey it codes.

``--profile`` says where the errors of rules + model after N answers lie, by kind (a
diagnosis of the held-out answers; nothing in it is chosen from them): the rules' misses by how
many positives the code has among the N training answers and by the model's probability, the
rules' false hits and their probabilities, the F1 each proposal threshold would give on the
held-out answers (the ceiling of any threshold choice), and how many misses hold a word that
the reviews could have taught as vocabulary (a word in two or more reviewed answers with the
code and in none without it).

``--order informative`` compares the order in which a reviewer meets the answers: file order
against :func:`textcode.review.informative.informative_order`, each gold block held out in turn.

:func:`learning_curve` is the function ``bench_recall.py`` calls.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pandas as pd
import vu_gold

from textcode.codebook import Codebook, load_codebook
from textcode.coding import Coder
from textcode.review.model import ModelSuggester

SIZES = (25, 50, 100, 125, 200)
N_BOOT = 2000
# The learned suggester's doubt about a rule hit, in its Dutch and English explanations.
DOUBT_MARK = "(?:Het geleerde model twijfelt|The learned model doubts)"

Units = set[tuple[str, str]]
# A learner: (codebook, training answers, their codes, held-out answers, the rules' suggestions
# on both, the unlabelled pool) -> suggestions of rules + model on the held-out answers.
Learner = Callable[
    [Codebook, pd.DataFrame, list[list[str]], pd.DataFrame, pd.DataFrame, pd.DataFrame],
    pd.DataFrame,
]


def units(frame: pd.DataFrame) -> Units:
    return set(zip(frame["response_id"].astype(str), frame["code"].astype(str), strict=True))


def gold_units(gold: pd.DataFrame) -> Units:
    return {
        (str(r), c) for r, cs in zip(gold["response_id"], gold["codes"], strict=True) for c in cs
    }


def micro(pred: Units, gold: Units) -> dict[str, float]:
    tp, fp, fn = len(pred & gold), len(pred - gold), len(gold - pred)
    return {
        "P": tp / (tp + fp) if tp + fp else 0.0,
        "R": tp / (tp + fn) if tp + fn else 0.0,
        "F1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
    }


def _counts(pred: Units, gold: Units, ids: Sequence[str]) -> np.ndarray:
    """Per answer: true positives, false positives, false negatives."""
    index = {rid: i for i, rid in enumerate(ids)}
    out = np.zeros((len(ids), 3))
    for rid, _ in pred & gold:
        out[index[rid], 0] += 1
    for rid, _ in pred - gold:
        out[index[rid], 1] += 1
    for rid, _ in gold - pred:
        out[index[rid], 2] += 1
    return out


def bootstrap_gain(
    base: Units, other: Units, gold: Units, ids: Sequence[str], n_boot: int = N_BOOT, seed: int = 0
) -> tuple[float, float]:
    """95% interval of micro-F1(other) - micro-F1(base), answers resampled (paired)."""
    a, b = _counts(base, gold, ids), _counts(other, gold, ids)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(ids), size=(n_boot, len(ids)))

    def f1(counts: np.ndarray) -> np.ndarray:
        tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
        return 2 * tp / np.maximum(2 * tp + fp + fn, 1)

    gains = f1(b[draws].sum(axis=1)) - f1(a[draws].sum(axis=1))
    low, high = np.percentile(gains, [2.5, 97.5])
    return float(low), float(high)


def question_data(
    question: str, codebook: Codebook | str | Path | None = None
) -> tuple[Codebook, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(codebook, gold answers in gold order, rules on them and on the pool, the pool)."""
    if codebook is None:
        codebook = vu_gold.GOLD_DIR / question / "codebook.yaml"
    if not isinstance(codebook, Codebook):
        codebook = load_codebook(Path(codebook))
    gold = vu_gold.gold(question)
    sample, _, rest = vu_gold.split(question)
    pool = pd.concat([sample, rest], ignore_index=True)[["response_id", "question", "text"]]
    rules = Coder(codebook).suggest(pd.concat([gold[pool.columns], pool], ignore_index=True))
    rules = rules.assign(response_id=rules["response_id"].astype(str))
    return codebook, gold, rules, pool


def learning_curve(
    question: str,
    *,
    codebook: Codebook | str | Path | None = None,
    sizes: Sequence[int] = SIZES,
    learner: Learner | None = None,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per N: rules, model and rules + model on the gold answers after the first N."""
    if learner is None:
        learner = default_learner
    codebook, gold, rules, pool = question_data(question, codebook)
    truth = gold_units(gold)
    rows = []
    for n in sizes:
        train, test = gold.iloc[:n], gold.iloc[n:].reset_index(drop=True)
        ids = test["response_id"].tolist()
        held = set(ids)
        test_rules = rules[rules["response_id"].isin(held)]
        start = time.perf_counter()
        combined = learner(
            codebook,
            train[["response_id", "question", "text"]],
            [list(c) for c in train["codes"]],
            test[["response_id", "question", "text"]],
            rules,
            pool,
        )
        seconds = time.perf_counter() - start
        test_truth = {u for u in truth if u[0] in held}
        base, both = units(test_rules), units(combined)
        model_only = units(combined[combined["rule"].astype(str).str.startswith("model:")])
        doubted = units(combined[combined["explanation"].astype(str).str.contains(DOUBT_MARK)])
        r, m = micro(base, test_truth), micro(both, test_truth)
        low, high = bootstrap_gain(base, both, test_truth, ids, n_boot=n_boot, seed=seed)
        rows.append(
            {
                "question": question,
                "N": n,
                "test": len(test),
                "rules_P": r["P"],
                "rules_R": r["R"],
                "rules_F1": r["F1"],
                "both_P": m["P"],
                "both_R": m["R"],
                "both_F1": m["F1"],
                "gain": m["F1"] - r["F1"],
                "gain_low": low,
                "gain_high": high,
                "added": len(model_only),
                "added_right": len(model_only & test_truth),
                "doubted": len(doubted),
                "doubted_wrong": len(doubted - test_truth),
                "rule_hits_wrong": len(base - test_truth),
                "seconds": seconds,
            }
        )
    return pd.DataFrame(rows)


def default_learner(
    codebook: Codebook,
    train: pd.DataFrame,
    codes: list[list[str]],
    test: pd.DataFrame,
    rules: pd.DataFrame,
    pool: pd.DataFrame,
) -> pd.DataFrame:
    """textcode's learned suggester as ``textcode code --learn-from`` runs it."""
    model = ModelSuggester(codebook, lemmatizer=_LEMMATIZER.get(codebook.language))
    model.fit(train, codes, rules=rules, unlabelled=pool)
    _LEMMATIZER[codebook.language] = model.lemmatizer_
    return model.suggest(test, rules=_of(rules, test))


_LEMMATIZER: dict[str, object] = {}


def _of(rules: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    return rules[rules["response_id"].isin(set(answers["response_id"].astype(str)))]


ORDER_SIZES = (25, 50, 100)


def order_curve(
    question: str,
    *,
    codebook: Codebook | str | Path | None = None,
    sizes: Sequence[int] = ORDER_SIZES,
    batch: int = 10,
    folds: int = 5,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Informative order against file order, one row per N reviewed answers.

    The gold is cut into ``folds`` blocks in gold order; each block in turn is held out and
    the reviewer works through the other answers, either in gold (file) order or in the order
    :func:`textcode.review.informative.informative_order` gives, recomputed after every
    ``batch`` decisions (as a review session reopened). Rules + model after N answers are
    scored on the held-out block; the units of all blocks are pooled (every gold answer is
    held out once) and the difference has a paired bootstrap interval.
    """
    from textcode.review.informative import informative_order

    codebook, gold, rules, pool = question_data(question, codebook)
    truth = gold_units(gold)
    columns = ["response_id", "question", "text"]
    size = len(gold) // folds
    found: dict[tuple[str, int], Units] = {}
    lemmatizer = None

    def fit(train: pd.DataFrame) -> ModelSuggester:
        nonlocal lemmatizer
        model = ModelSuggester(codebook, lemmatizer=lemmatizer)
        model.fit(train[columns], [list(c) for c in train["codes"]], rules=rules, unlabelled=pool)
        lemmatizer = model.lemmatizer_
        return model

    for k in range(folds):
        test = gold.iloc[k * size : (k + 1) * size]
        candidates = gold.drop(test.index).reset_index(drop=True)
        test_rules = _of(rules, test)
        for n in sizes:
            combined = fit(candidates.iloc[:n]).suggest(test[columns], rules=test_rules)
            found[("file", n)] = found.get(("file", n), set()) | units(combined)
        chosen: list[int] = []
        model: ModelSuggester | None = None
        while len(chosen) < max(sizes):
            rest = candidates.drop(index=chosen)
            order = informative_order(
                rest[columns],
                codebook=codebook,
                rules=_of(rules, rest),
                model=model,
                lemmatizer=lemmatizer,
            )
            position = {rid: i for i, rid in zip(rest.index, rest["response_id"], strict=True)}
            # Stop at every size measured, whatever the batch.
            step = min(batch, min(n for n in sizes if n > len(chosen)) - len(chosen))
            chosen += [position[rid] for rid in order["response_id"].iloc[:step]]
            model = fit(candidates.loc[chosen])
            if len(chosen) in sizes:
                combined = model.suggest(test[columns], rules=test_rules)
                key = ("informative", len(chosen))
                found[key] = found.get(key, set()) | units(combined)
    ids = gold["response_id"].tolist()
    base = units(rules[rules["response_id"].isin(set(ids))])
    rows = []
    for n in sizes:
        file_order, informative = found[("file", n)], found[("informative", n)]
        low, high = bootstrap_gain(file_order, informative, truth, ids, n_boot=n_boot, seed=seed)
        rows.append(
            {
                "question": question,
                "N": n,
                "rules_F1": micro(base, truth)["F1"],
                "file_F1": micro(file_order, truth)["F1"],
                "informative_F1": micro(informative, truth)["F1"],
                "diff": micro(informative, truth)["F1"] - micro(file_order, truth)["F1"],
                "diff_low": low,
                "diff_high": high,
            }
        )
    return pd.DataFrame(rows)


def format_order(frame: pd.DataFrame) -> str:
    lines = [
        "| N | rules F1 | rules + model, file order | rules + model, informative order |"
        " informative - file [95% CI] |",
        "|---|---|---|---|---|",
    ]
    for row in frame.to_dict("records"):
        lines.append(
            f"| {row['N']} | {row['rules_F1']:.3f} | {row['file_F1']:.3f} | "
            f"{row['informative_F1']:.3f} | {row['diff']:+.3f} [{row['diff_low']:+.3f}, "
            f"{row['diff_high']:+.3f}] |"
        )
    return "\n".join(lines)


def curve_lines(question: str, *, n_boot: int = N_BOOT) -> list[str]:
    """The learning curve of one question with the researcher's codebook, as the lines of a
    Markdown table (what ``bench_recall.py`` prints per question)."""
    curve = learning_curve(question, n_boot=n_boot)
    return [
        "learning curve: rules + model after N reviewed answers, scored on the other 250 - N",
        *format_curve(curve).split("\n"),
    ]


PROFILE_BANDS = ((0, 7), (8, 20), (21, 10**9))


def error_profile(
    question: str, *, codebook: Codebook | str | Path | None = None, n: int = 125
) -> dict[str, object]:
    """Where the errors of rules + model after the first ``n`` gold answers lie.

    One fit, as :func:`default_learner` runs it; the held-out answers are only read to sort
    the errors. Returns ``units`` (one row per held-out unit the rules get wrong or the model
    proposes: kind, code, the code's positives among the training answers, the model's
    probability, proposed, and the reviewed-vocabulary words of a miss) and ``sweep`` (per
    proposal threshold: misses found, wrong proposals, F1 of rules + model).
    """
    from textcode.lang import get_language
    from textcode.review.model import THRESHOLDS, proposals

    codebook, gold, rules, pool = question_data(question, codebook)
    columns = ["response_id", "question", "text"]
    train, test = gold.iloc[:n], gold.iloc[n:].reset_index(drop=True)
    model = ModelSuggester(codebook, lemmatizer=_LEMMATIZER.get(codebook.language))
    model.fit(train[columns], [list(c) for c in train["codes"]], rules=rules, unlabelled=pool)
    _LEMMATIZER[codebook.language] = model.lemmatizer_
    test_rules = _of(rules, test)
    proba = model.predict_proba(test[columns], rules=test_rules)
    hits: dict[str, set[str]] = {}
    for rid, code in zip(test_rules["response_id"], test_rules["code"], strict=True):
        hits.setdefault(str(rid), set()).add(str(code))
    stop = get_language(codebook.language).stop_words

    def words(texts: pd.Series) -> list[set[str]]:
        tokens = model.lemmatizer_.tokens(texts.tolist())
        return [{w for w, _, _ in t if w not in stop and len(w) >= 3} for t in tokens]

    train_words, test_words = words(train["text"]), words(test["text"])
    positives = {c.id: 0 for c in codebook.codes}
    vocabulary: dict[str, set[str]] = {}
    for code in positives:
        have = [code in codes for codes in train["codes"]]
        positives[code] = sum(have)
        inside = [ws for ws, h in zip(train_words, have, strict=True) if h]
        outside = set().union(*[ws for ws, h in zip(train_words, have, strict=True) if not h])
        counts = Counter(w for ws in inside for w in ws)
        vocabulary[code] = {w for w, k in counts.items() if k >= 2 and w not in outside}
    rows = []
    classes = [str(c) for c in proba.columns]
    values = proba.to_numpy(dtype=float)
    for i, (rid, codes) in enumerate(zip(test["response_id"], test["codes"], strict=True)):
        hit = hits.get(str(rid), set())
        for code in sorted(set(codes) | hit | set(classes)):
            p = float(values[i, classes.index(code)]) if code in classes else float("nan")
            proposed = code not in hit and not np.isnan(p) and p >= model.threshold_
            kind = (
                "miss"
                if code in codes and code not in hit
                else "false hit"
                if code in hit and code not in codes
                else "wrong proposal"
                if proposed and code not in codes
                else ""
            )
            if kind:
                taught = sorted(vocabulary.get(code, set()) & test_words[i])
                rows.append(
                    {
                        "kind": kind,
                        "code": code,
                        "positives": positives.get(code, 0),
                        "p": p,
                        "proposed": proposed,
                        "vocabulary": " ".join(taught) if kind == "miss" else "",
                    }
                )
    frame = pd.DataFrame(rows)
    # Every threshold's F1 on the held-out answers: the ceiling of choosing one.
    truth = gold_units(test)
    base = units(test_rules)
    ids = test["response_id"].astype(str).tolist()
    hit_matrix = np.array(
        [[c in hits.get(str(r), set()) for c in classes] for r in test["response_id"]], dtype=bool
    ).reshape(len(test), len(classes))
    sweep = []
    for t in THRESHOLDS:
        chosen = proposals(values, hit_matrix, t)
        rows_at, codes_at = np.nonzero(chosen)
        added = {(ids[i], classes[j]) for i, j in zip(rows_at, codes_at, strict=True)}
        sweep.append(
            {
                "threshold": t,
                "found": len(added & truth),
                "wrong": len(added - truth),
                "F1": micro(base | added, truth)["F1"],
            }
        )
    return {
        "units": frame,
        "sweep": pd.DataFrame(sweep),
        "per_code_ceiling": _per_code_ceiling(values, hit_matrix, test, classes, truth, base),
        "ranking": _ranking(model, test[columns], test_rules, test, classes, positives, values),
        "threshold": model.threshold_,
        "rules_F1": micro(base, truth)["F1"],
        "doubt": model.doubt_,
    }


def _per_code_ceiling(
    values: np.ndarray,
    hit: np.ndarray,
    test: pd.DataFrame,
    classes: list[str],
    truth: Units,
    base: Units,
) -> float:
    """F1 of rules + model with a threshold per code chosen on the held-out answers
    themselves (coordinate ascent, three passes): what no choice of thresholds can beat."""
    from textcode.review.model import NO_PROPOSALS, THRESHOLDS, proposals

    ids = test["response_id"].astype(str).tolist()

    def f1(thresholds: np.ndarray) -> float:
        rows_at, codes_at = np.nonzero(proposals(values, hit, thresholds))
        added = {(ids[i], classes[j]) for i, j in zip(rows_at, codes_at, strict=True)}
        return micro(base | added, truth)["F1"]

    chosen = np.full(len(classes), NO_PROPOSALS)
    for _ in range(3):
        for j in range(len(classes)):
            scored = []
            for t in (NO_PROPOSALS, *THRESHOLDS):
                trial = chosen.copy()
                trial[j] = t
                scored.append((f1(trial), t))
            chosen[j] = max(scored)[1]
    return f1(chosen)


def _ranking(
    model: ModelSuggester,
    answers: pd.DataFrame,
    test_rules: pd.DataFrame,
    test: pd.DataFrame,
    classes: list[str],
    positives: dict[str, int],
    values: np.ndarray,
) -> list[dict[str, object]]:
    """How well the model's probability and the code-terms prior (term affinity through the
    word associations, its centroid column) rank the units the rules leave out: ROC AUC per
    band of the code's training positives."""
    samples = model._samples(answers, test_rules)
    questions = [model._question_of(q) for q in answers["question"]]
    applies = [model._applies(c, questions) for c in classes]
    affinity = model._affinity(samples, classes, applies)
    out = []
    for low, high in PROFILE_BANDS:
        y, p, a = [], [], []
        for i, (hits, codes) in enumerate(
            zip(_hits_of(test, test_rules), test["codes"], strict=True)
        ):
            for j, code in enumerate(classes):
                if code in hits or not low <= positives.get(code, 0) <= high:
                    continue
                if np.isnan(values[i, j]):
                    continue
                y.append(code in codes)
                p.append(values[i, j])
                a.append(affinity[i, j, 0] if affinity.shape[-1] else np.nan)
        out.append(
            {
                "band": (low, high),
                "units": len(y),
                "positive": sum(y),
                "model": _auc(y, p),
                "affinity": _auc(y, a),
            }
        )
    return out


def _auc(truth: list[bool], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    if len(set(truth)) < 2:
        return float("nan")
    return float(roc_auc_score(truth, np.nan_to_num(scores, nan=-1.0)))


def _hits_of(test: pd.DataFrame, test_rules: pd.DataFrame) -> list[set[str]]:
    hits: dict[str, set[str]] = {}
    for rid, code in zip(test_rules["response_id"], test_rules["code"], strict=True):
        hits.setdefault(str(rid), set()).add(str(code))
    return [hits.get(str(rid), set()) for rid in test["response_id"]]


def _band(low: int, high: int) -> str:
    return f"{low}-{high}" if high < 10**9 else f"over {low - 1}"


def format_profile(question: str, n: int, profile: dict[str, object]) -> str:
    frame = profile["units"]
    sweep = profile["sweep"]
    assert isinstance(frame, pd.DataFrame) and isinstance(sweep, pd.DataFrame)
    threshold = float(profile["threshold"])  # type: ignore[arg-type]
    misses = frame[frame["kind"] == "miss"]
    lines = [
        f"rules F1 {profile['rules_F1']:.3f}; proposal threshold chosen in the training "
        f"answers {threshold:.2f}; doubt threshold {profile['doubt']:.2f}",
        "",
        f"| misses of the rules (code's positives in the {n} training answers) | misses | "
        f"proposed | p < 0.10 | 0.10 <= p < {threshold:.2f} | hold a reviewed word |",
        "|---|---|---|---|---|---|",
    ]
    for low, high in PROFILE_BANDS:
        part = misses[(misses["positives"] >= low) & (misses["positives"] <= high)]
        label = _band(low, high)
        p = part["p"].fillna(0.0)
        lines.append(
            f"| {label} | {len(part)} | {int(part['proposed'].sum())} | {int((p < 0.1).sum())} "
            f"| {int(((p >= 0.1) & ~part['proposed']).sum())} "
            f"| {int((part['vocabulary'] != '').sum())} |"
        )
    false_hits = frame[frame["kind"] == "false hit"]
    wrong = frame[frame["kind"] == "wrong proposal"]
    probabilities = ", ".join(f"{p:.2f}" for p in sorted(false_hits["p"].dropna()))
    lines += [
        "",
        f"false hits of the rules: {len(false_hits)}, the model's probabilities: "
        f"{probabilities or '-'}; wrong proposals: {len(wrong)}",
        "",
        "| threshold | misses found | wrong proposals | rules + model F1 (held out) |",
        "|---|---|---|---|",
    ]
    for row in sweep.to_dict("records"):
        if row["threshold"] <= 0.6:
            mark = " (chosen)" if abs(row["threshold"] - threshold) < 1e-9 else ""
            lines.append(
                f"| {row['threshold']:.2f}{mark} | {row['found']} | {row['wrong']} "
                f"| {row['F1']:.3f} |"
            )
    lines += [
        "",
        "a threshold per code chosen on the held-out answers themselves (a ceiling): F1 "
        f"{profile['per_code_ceiling']:.3f}",
        "",
        "| units the rules leave out (code's positives) | units | with the code |"
        " ROC AUC, model | ROC AUC, code-terms prior |",
        "|---|---|---|---|---|",
    ]
    for row in profile["ranking"]:  # type: ignore[attr-defined]
        lines.append(
            f"| {_band(*row['band'])} | {row['units']} | {row['positive']} | "
            f"{row['model']:.3f} | {row['affinity']:.3f} |"
        )
    return "\n".join(lines)


def format_curve(frame: pd.DataFrame) -> str:
    lines = [
        "| N | test | rules P / R / F1 | rules + model P / R / F1 | gain [95% CI] | added (right) |"
        " rule hits doubted (wrong) / wrong |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in frame.to_dict("records"):
        lines.append(
            f"| {row['N']} | {row['test']} | {row['rules_P']:.3f} / {row['rules_R']:.3f} / "
            f"**{row['rules_F1']:.3f}** | {row['both_P']:.3f} / {row['both_R']:.3f} / "
            f"**{row['both_F1']:.3f}** | {row['gain']:+.3f} [{row['gain_low']:+.3f}, "
            f"{row['gain_high']:+.3f}] | {row['added']} ({row['added_right']}) | "
            f"{row['doubted']} ({row['doubted_wrong']}) / {row['rule_hits_wrong']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--question", action="append", choices=vu_gold.GOLD_QUESTIONS)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--codebook",
        metavar="NAME",
        default="codebook.yaml",
        help="codebook file in the question's gold folder",
    )
    parser.add_argument("--boot", type=int, default=N_BOOT)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="where the errors after N answers lie, by kind (the first of --sizes)",
    )
    parser.add_argument(
        "--order",
        action="store_true",
        help="compare informative order with file order (5 held-out blocks) instead",
    )
    args = parser.parse_args(argv)
    if not vu_gold.available():
        print("the real answers (../shared) are not beside this checkout", file=sys.stderr)
        return 1
    for question in args.question or vu_gold.GOLD_QUESTIONS:
        path = vu_gold.GOLD_DIR / question / args.codebook
        if args.profile:
            n = args.sizes[0] if args.sizes != list(SIZES) else 125
            profile = error_profile(question, codebook=path, n=n)
            print(f"\n### {question}: errors after {n} answers ({args.codebook})\n")
            print(format_profile(question, n, profile))
            continue
        if args.order:
            sizes = [n for n in args.sizes if n <= 200 - 25] if args.sizes != list(SIZES) else None
            frame = order_curve(
                question, codebook=path, sizes=sizes or ORDER_SIZES, n_boot=args.boot
            )
            print(f"\n### {question}: review order ({args.codebook})\n")
            print(format_order(frame))
            continue
        curve = learning_curve(
            question,
            codebook=path,
            sizes=args.sizes,
            n_boot=args.boot,
        )
        print(f"\n### {question} (rules + model, {args.codebook})\n")
        print(format_curve(curve))
        print(f"\n({curve['seconds'].sum():.0f} s of fitting)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
