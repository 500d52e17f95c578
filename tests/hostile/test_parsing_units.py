"""The bounds of issue 15's parsing half, one by one, through the Python API.

Each case that could hang or blow the stack on a textcode without the bound runs under
:func:`run_limited`; the command-line view of the same attacks is in test_parsing_corpus.py.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from textcode.codebook import parse_codebook
from textcode.codebook.rules import RuleSyntaxError, parse_rule
from textcode.errors import CodebookError, InputError
from textcode.parsing import MAX_ALIAS_REPEATS, MAX_DEPTH, loads_json, read_yaml
from textcode.parsing.safezip import SafeZip

from .gen_parsing import CODEBOOK_HEAD, _alias_bomb, _codebook
from .harness import run_limited


def _error_of(fn: object, *args: object) -> tuple[str, str, int | None]:
    try:
        fn(*args)  # type: ignore[operator]
    except InputError as exc:
        return type(exc).__name__, exc.reason, exc.line
    return "none", "", None


# --- YAML --------------------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_after_the_repeats_allowed() -> None:
    kind, reason, _ = run_limited(_error_of, read_yaml, _alias_bomb(), seconds=20)
    assert kind == "InputError" and f"{MAX_ALIAS_REPEATS:,}" in reason


def test_an_alias_inside_itself_and_deep_nesting_name_their_line() -> None:
    kind, reason, line = run_limited(_error_of, read_yaml, "a: 1\nb: &x [*x]\n")
    assert (kind, line) == ("InputError", 2) and "contains it" in reason
    deep = "a: 1\nb: " + "[" * 5000 + "]" * 5000 + "\n"
    kind, reason, line = run_limited(_error_of, read_yaml, deep)
    assert (kind, line) == ("InputError", 2) and f"deeper than {MAX_DEPTH}" in reason


def test_a_codebook_bomb_is_a_codebook_error_and_reused_anchors_still_work() -> None:
    bomb = CODEBOOK_HEAD + _alias_bomb() + "groups: *a9\n"
    kind, _, _ = run_limited(_error_of, parse_codebook, bomb, seconds=20)
    assert kind == "CodebookError"
    shared = _codebook(["budget"]).replace(
        "        patterns:\n          - 'budget'\n",
        "        patterns: &geld [budget, subsidie]\n"
        "      - id: belemmering.middelen\n        label: Middelen\n        patterns: *geld\n",
    )
    book = parse_codebook(shared)
    assert [p.rule for p in book.code("belemmering.middelen").patterns] == ["budget", "subsidie"]


def test_a_character_yaml_forbids_names_its_line_not_a_position() -> None:
    """A NUL or a control character in a patch, codebook or dictionary is one line naming
    the file's line and the character (YAML's own message gives only a character offset)."""
    patch = "textcode_patch: 2\nadd_patterns:\n  - code: belemmering.capaciteit_tijd\n"
    for char, shown in (("\x00", "U+0000"), ("\x01", "U+0001")):
        text = patch + f"    rule: handen NEAR/3 te{char}kort\n"
        kind, reason, line = run_limited(_error_of, read_yaml, text)
        assert (kind, line) == ("InputError", 4) and shown in reason
        assert "position" not in reason


def test_yaml_keys_keep_their_lines_and_year_keys_are_allowed_when_asked() -> None:
    data = read_yaml("id: x\ngroepen:\n  - naam: a\n")
    assert data.lines == {"id": 1, "groepen": 2} and data["groepen"].lines == [3]
    with pytest.raises(InputError, match="keys must be text"):
        read_yaml("2021: [budget]\n")
    assert list(read_yaml("2021: [budget]\n", text_keys=False)) == [2021]


# --- JSON --------------------------------------------------------------------------------------


def test_json_nesting_is_bounded_and_reported_as_bad_json() -> None:
    value, depth = loads_json("[" * MAX_DEPTH + "]" * MAX_DEPTH), 0
    while isinstance(value, list):
        value, depth = (value[0] if value else None), depth + 1
    assert depth == MAX_DEPTH
    too_deep = (
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
    )
    for text in too_deep:
        with pytest.raises(json.JSONDecodeError, match=f"deeper than {MAX_DEPTH}"):
            loads_json(text)


# --- rules and regular expressions --------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "(" * 3000 + "budget" + ")" * 3000,
        " AND ".join(["budget"] * 3001),
        " NOT NEAR/3 ".join(["budget"] * 3001),
        "/" + "(" * 3000 + "a" + ")" * 3000 + "/",
    ],
)
def test_deep_rules_are_syntax_errors(rule: str) -> None:
    kind, reason = run_limited(_rule_error, rule)
    assert kind == "RuleSyntaxError" and ("deeper" in reason or "nested" in reason), reason


def _rule_error(rule: str) -> tuple[str, str]:
    try:
        parse_rule(rule)
    except RuleSyntaxError as exc:
        return type(exc).__name__, str(exc)
    return "none", ""


def test_rules_up_to_the_limit_parse() -> None:
    parse_rule("(" * (MAX_DEPTH - 1) + "budget" + ")" * (MAX_DEPTH - 1))
    parse_rule(" OR ".join(f"woord{n}" for n in range(3000)))


def _code_with_rule(rule: str, text: str) -> tuple[str, str, int | None, list[str]]:
    from textcode import Coder

    codebook = parse_codebook(_codebook([rule]), source="boek.yaml")
    try:
        found = Coder(codebook=codebook).code_text(text, "belemmering")
    except CodebookError as exc:
        return type(exc).__name__, exc.reason, exc.line, []
    return "none", "", None, [s.code for s in found]


def test_a_catastrophic_regex_stops_with_an_error_naming_its_rule() -> None:
    kind, reason, line, _ = run_limited(_code_with_rule, "/(a|aa)+$/", "a" * 40 + "b")
    assert kind == "CodebookError" and line == 12
    assert "'/(a|aa)+$/'" in reason and "backtracks catastrophically" in reason


def test_regexes_that_used_to_backtrack_now_match_at_once() -> None:
    # Python's re ran these for minutes; the regex package decides them quickly.
    assert run_limited(_code_with_rule, "/(a+)+$/", "a" * 34 + "b", seconds=20)[0] == "none"
    found = run_limited(_code_with_rule, "/(.*a){20}/", "a" * 24, seconds=20)[3]
    assert found == ["belemmering.geld"]


# --- long words ----------------------------------------------------------------------------------


def _long_word_work() -> tuple[str, list[tuple[str, str]], tuple[str, ...]]:
    from textcode.lang import get_language
    from textcode.nlp.compounds import compound_terms, split_compound
    from textcode.nlp.lexicon import load_lexicon

    lexicon = load_lexicon("nl")
    settings = get_language("nl").compounds
    word = "budget" * 20_000
    return (
        lexicon.lemma(word),
        compound_terms(word, {"budget"}, lexicon, settings),
        split_compound(word, lexicon, settings),
    )


def test_a_word_of_120000_letters_is_looked_up_not_analysed() -> None:
    lemma, terms, parts = run_limited(_long_word_work, seconds=10)
    assert lemma == "budget" * 20_000 and terms == [] and parts == ("budget" * 20_000,)


def test_real_compounds_are_still_found() -> None:
    from textcode.lang import get_language
    from textcode.nlp.compounds import compound_terms
    from textcode.nlp.lexicon import load_lexicon

    lexicon = load_lexicon("nl")
    assert lexicon.longest_compound > 80
    found = compound_terms("projectbudget", {"budget"}, lexicon, get_language("nl").compounds)
    assert found == [("budget", "head")]


# --- zip archives ---------------------------------------------------------------------------------


def test_many_members_just_under_the_floor_are_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bom.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(30):
            archive.writestr(f"sources/s{n}.txt", b"a" * (1 << 20))
    with pytest.raises(InputError, match=r"compression ratio .* in all"):
        SafeZip(path)
