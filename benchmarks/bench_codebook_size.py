"""Codebook scaling: the shipped codebook against one ten times larger (run by hand).

    python benchmarks/bench_codebook_size.py --n 200000 --patterns 3000

The larger codebook is generated the way a bigger survey's codebook grows: every code of the
shipped one gets sibling codes in the same question, whose rules have the same shapes (words,
globs, phrases, NEAR/BEFORE/SENT/NOT, exclusions) with other real Dutch words in them: nouns,
verbs and adjectives of the lemma tables, which occur in the answers at their natural rate.
``--own-share`` takes a share of the words from the answers' own vocabulary instead (a stress
test: the new codes then fire several times as often as the shipped ones); ``--absent`` takes
only words that never occur in the answers (what the size alone costs). The codebook is written
to out/bench/ so it can be inspected. Both codebooks code the same corpus in one process; the
time ratio and the suggestions of each are printed (target: at most 1.3x the time).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, build_corpus, describe

from textcode.codebook import Codebook, load_codebook, parse_codebook
from textcode.coding import Coder
from textcode.nlp.lexicon import load_lexicon

_WORD = re.compile(r"(/(?:\\.|[^/])+/|@[\w.\-]+|\"[^\"]*\"|[^\s()|\"]+)")
_OPERATOR = re.compile(r"^(OR|AND|NOT|SENT|(NEAR|BEFORE|AFTER)(/\d+)?)$")


def vocabulary(answers: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Content words of the answers, and words of the lemma tables (lower case, 4+ letters)."""
    lexicon = load_lexicon("nl")
    seen: dict[str, None] = {}
    for text in answers:
        for word in text.lower().split():
            word = word.strip(".,;:!?()\"'")
            if word.isalpha() and len(word) >= 4 and word not in lexicon.stop_words:
                seen.setdefault(word, None)
    words = sorted(
        w
        for pos in ("noun", "verb", "adj")
        for w in lexicon.by_pos.get(pos, ())
        if w.isalpha() and 4 <= len(w) <= 14
    )
    return sorted(seen), rng.sample(words, min(len(words), 30_000))


def rewrite(rule: str, pick: Any, suffix: str, code_ids: set[str]) -> str:
    """The rule with every word, glob, regex and acronym replaced; the operators stay."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if _OPERATOR.match(token):
            return token
        if token.startswith("/"):
            return f"/{pick()}(en|s)?/"
        if token.isupper():
            acronym = pick()[:4].upper()
            return acronym + "Q" if _OPERATOR.match(acronym) else acronym
        if token.startswith("@"):
            ref = token[1:]
            return "@" + (ref + suffix if ref in code_ids else ref)
        if token.startswith('"'):
            return '"' + " ".join(pick() for _ in token.strip('"').split()) + '"'
        prefix = "=" if token.startswith("=") else ""
        glob = "*" if token.endswith("*") else ""
        return prefix + pick() + glob

    return _WORD.sub(swap, rule)


def _rewrite_entry(entry: Any, pick: Any, suffix: str, code_ids: set[str]) -> Any:
    """A pattern is a rule, or a mapping with its rule and options (questions, confidence)."""
    if isinstance(entry, str):
        return rewrite(entry, pick, suffix, code_ids)
    return dict(entry, rule=rewrite(entry["rule"], pick, suffix, code_ids))


def larger_codebook(
    codebook: Codebook,
    answers: list[str],
    patterns: int,
    own_share: float,
    seed: int = 0,
    *,
    absent: bool = False,
) -> str:
    """YAML of ``codebook`` grown to ``patterns`` patterns (exclusions count too); a share
    ``own_share`` of the new words comes from the answers' vocabulary, the rest from the
    lemma tables."""
    rng = random.Random(seed)
    own, lexicon_words = vocabulary(answers, rng)
    if absent:
        present = {w.strip(".,;:!?()\"'") for text in answers for w in text.lower().split()}
        lexicon_words = [w for w in lexicon_words if w not in present]
        own_share = 0.0

    def pick() -> str:
        return rng.choice(own) if rng.random() < own_share else rng.choice(lexicon_words)

    data = codebook.to_dict()
    code_ids = {code.id for code in codebook.codes}
    count = sum(len(c.patterns) + len(c.exclude) for c in codebook.codes)
    copy = 0
    while count < patterns:
        copy += 1
        suffix = f"_x{copy}"
        for group in data["groups"]:
            for code in list(group["codes"]):
                if "_x" in code["id"] or count >= patterns:
                    continue
                new = dict(code, id=code["id"] + suffix, label=f"{code['label']} ({copy})")
                for key in ("patterns", "exclude"):
                    if key in code:
                        rules = [_rewrite_entry(r, pick, suffix, code_ids) for r in code[key]]
                        new[key] = rules[: max(patterns - count, 0)]
                        count += len(new[key])
                if not new.get("patterns"):
                    continue
                new.pop("examples", None)
                group["codes"].append(new)
    data["id"] = f"{codebook.id}_x{copy + 1}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def time_coding(codebook: Codebook, answers: Any, repeat: int) -> tuple[float, int, float]:
    """Best CPU seconds to code ``answers``, the suggestions, and the compile seconds."""
    best, count, compile_seconds = float("inf"), 0, 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        coder = Coder(codebook).fit()
        compile_seconds = time.perf_counter() - started
        started = time.process_time()
        count = sum(1 for _ in coder.iter_suggestions(answers))
        best = min(best, time.process_time() - started)
    return best, count, compile_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--patterns", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--absent", action="store_true", help="new words never occur in the answers"
    )
    parser.add_argument(
        "--own-share",
        type=float,
        default=0.0,
        help="share of the new codes' words taken from the answers themselves (default 0: "
        "all from the lemma tables, so they occur at their natural rate; 0.5 is a stress test "
        "where the new codes fire several times as often as the shipped ones)",
    )
    args = parser.parse_args(argv)

    shipped = load_codebook()
    answers = build_corpus(args.n)
    print(f"corpus: {describe(answers)}")
    text = larger_codebook(
        shipped, answers["text"].tolist(), args.patterns, args.own_share, absent=args.absent
    )
    out = ROOT / "out" / "bench" / "codebook_large.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    large = parse_codebook(text, source=str(out))
    for name, codebook in (("shipped", shipped), ("large", large)):
        n_patterns = sum(len(c.patterns) + len(c.exclude) for c in codebook.codes)
        print(f"  {name}: {len(codebook.codes)} codes, {n_patterns} patterns")
    small_time, small_count, small_compile = time_coding(shipped, answers, args.repeat)
    large_time, large_count, large_compile = time_coding(large, answers, args.repeat)
    print(f"\n{'codebook':<10}{'CPU s':>8}{'answers/s':>11}{'suggestions':>13}{'compile s':>11}")
    for name, seconds, count, compile_seconds in (
        ("shipped", small_time, small_count, small_compile),
        ("large", large_time, large_count, large_compile),
    ):
        rate = args.n / seconds
        print(f"{name:<10}{seconds:>8.2f}{rate:>11,.0f}{count:>13,}{compile_seconds:>11.1f}")
    print(f"\nlarge / shipped: {large_time / small_time:.2f}x the time (target <= 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
