"""The shortcuts every engine takes give exactly the records of evaluating every rule.

Answers are ruled out per question before phrase matching, rules are looked at only when their
anchor phrase is present, and prefix globs are found by slicing. Each shortcut rests on a
necessary condition derived from the rule language; if a new rule feature breaks one, these
tests show it on real Dutch answers.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from parallel_samples import answers

from textcode.codebook import load_codebook
from textcode.coding import Coder
from textcode.coding import compiler as compiler_module
from textcode.coding.compiler import CompiledCodebook, Screen, _glob_regex
from textcode.coding.suggestions import format_records


def exhaustive(coder: Coder) -> Coder:
    """``coder`` with every shortcut off: all codes and rules evaluated for every answer."""
    compiled = coder._prepare().compiled
    for prefix, term_ids in compiled._prefix_globs.items():
        for term_id in term_ids:
            compiled._patterns.append((term_id, _glob_regex(prefix + "*")))
    compiled._prefix_globs.clear()
    compiled._prefix_sizes = ()
    compiled._lexeme_terms.clear()
    return coder


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    codebook = load_codebook()
    examples = [
        (group.id if not group.applies_to_all else "kennisbehoefte", text)
        for group in codebook.groups
        for code in group.codes
        for text in (*code.positive_examples, *code.negative_examples)
    ]
    extra = pd.DataFrame(
        [(f"X{i}", q, t) for i, (q, t) in enumerate(examples)],
        columns=["response_id", "question", "text"],
    )
    return pd.concat([answers(500), extra], ignore_index=True)


def test_shortcuts_change_no_record(table: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = format_records(Coder().fit().iter_suggestions(table), "jsonl")
    assert fast.count("\n") > 400

    def everything(self: CompiledCodebook, found: object) -> tuple[set[str], set[int]]:
        return set(self.codes), {rule.uid for rule in self.rules}

    monkeypatch.setattr(CompiledCodebook, "live_rules", everything)
    monkeypatch.setattr(CompiledCodebook, "screen", lambda self, question: Screen(None, ()))
    slow = format_records(exhaustive(Coder()).iter_suggestions(table), "jsonl")
    assert slow == fast


def test_prefix_globs_are_the_globs_they_replace() -> None:
    for glob in ("innovatie*", "data-analist*", "j&v*", "ab.c*"):
        prefix = compiler_module._literal_prefix(glob)
        assert prefix is not None
        pattern = _glob_regex(glob)
        for word in (prefix, prefix + "trajecten", prefix[:-1], "x" + prefix, prefix + "\n"):
            assert bool(pattern.fullmatch(word)) == word.startswith(prefix)
    for glob in ("*heid", "in*tie*", "wet?", "[ab]*"):
        assert compiler_module._literal_prefix(glob) is None


def test_rule_requirements_follow_the_rule_shapes() -> None:
    codebook = load_codebook()
    compiled = Coder(codebook).fit()._prepare().compiled
    for rule in compiled.rules:
        # Every required set names phrases of the rule itself, and a rule with a NOT keeps
        # only the requirements of its left side.
        assert all(needed <= rule.phrases for needed in rule.requires)
        if re.fullmatch(r"[^()|]+ NOT [^()|]+", rule.pattern.rule):
            assert len(rule.requires) == 1
