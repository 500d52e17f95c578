"""The compiled matching core codes exactly as the pure-Python path, byte for byte.

The pure path (``TEXTCODE_PURE_PYTHON=1``) is the reference. Compared here: the dev gold set
and every codebook's examples (always), random Dutch fragments with emoji, combining marks and
long words (hypothesis), and, when ``../shared`` is present, the 9,076 real answers of the VU
Election Panel 2021 (the blind questions H10 and A1_vote left out) with the shipped codebook and
with the three researchers' codebooks of ``benchmarks/gold/vu2021``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from cli_run import run_cli
from conftest import DATA, ROOT, SHARED, compiled_core_built
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textcode.codebook import Codebook, load_codebook
from textcode.coding import Coder
from textcode.coding.core import core_status
from textcode.interop.dictionaries import read_dictionary

REAL = SHARED / "data" / "real" / "vu_election_2021" / "vu_panel_2021_open_answers.csv"
BLIND = ("H10", "A1_vote")
GOLD_CODEBOOKS = sorted((ROOT / "benchmarks" / "gold" / "vu2021").glob("*/codebook.yaml"))
GOLD_DICTIONARIES = sorted((ROOT / "benchmarks" / "gold" / "vu2021").glob("*/dictionary.yml"))
QUESTIONS = ("kennisbehoefte", "succesfactor", "belemmering")

pytestmark = [
    pytest.mark.filterwarnings("ignore::textcode.coding.compiler.UnmatchedQuestionWarning"),
    pytest.mark.skipif(
        not compiled_core_built(), reason="the compiled core is not built here (no compiler)"
    ),
]


def coders(codebook: Codebook | None = None, **options: int) -> tuple[Coder, Coder]:
    """A coder on the compiled core and one on the pure-Python path."""
    compiled = Coder(codebook, **options).fit()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TEXTCODE_PURE_PYTHON", "1")
        pure = Coder(codebook, **options).fit()
    assert compiled._prepare().core is not None
    assert pure._prepare().core is None
    return compiled, pure


def lines(coder: Coder, answers: pd.DataFrame) -> Iterator[str]:
    """The suggestion records as the JSON Lines the command line writes."""
    for record in coder.iter_suggestions(answers):
        yield json.dumps(record.to_dict(), ensure_ascii=False)


def same(answers: pd.DataFrame, codebook: Codebook | None = None) -> int:
    compiled, pure = coders(codebook)
    expected = list(lines(pure, answers))
    assert list(lines(compiled, answers)) == expected
    return len(expected)


def dev_answers() -> pd.DataFrame:
    rows = [json.loads(line) for line in (DATA / "dev_gold_nl.jsonl").open(encoding="utf-8")]
    return pd.DataFrame(
        {
            "response_id": [row["id"] for row in rows],
            "question": [row["question"] for row in rows],
            "text": [row["text"] for row in rows],
        }
    )


def example_answers(codebook: Codebook) -> pd.DataFrame:
    """Every example of the codebook, under every question of its groups."""
    rows = []
    questions = [group.id for group in codebook.groups] or ["vraag"]
    for code in codebook.codes:
        for k, text in enumerate((*code.positive_examples, *code.negative_examples)):
            for question in questions:
                rows.append((f"{code.id}-{k}", question, text))
    return pd.DataFrame(rows, columns=["response_id", "question", "text"])


def test_the_dev_set_and_the_shipped_examples_are_coded_the_same() -> None:
    codebook = load_codebook()
    assert same(dev_answers()) > 50
    assert same(example_answers(codebook), codebook) > 100


@pytest.mark.parametrize("path", GOLD_CODEBOOKS, ids=lambda p: p.parent.name)
def test_a_researchers_codebook_codes_its_examples_the_same(path: Path) -> None:
    codebook = load_codebook(path)
    assert same(example_answers(codebook), codebook) > 10


def real_answers(variable: str | None = None) -> pd.DataFrame:
    if not REAL.exists():
        pytest.skip("../shared/data/real/vu_election_2021 is not here (a user's clone)")
    with REAL.open(encoding="utf-8", newline="") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if row["variable"] not in BLIND and (variable is None or row["variable"] == variable)
        ]
    variables = sorted({row["variable"] for row in rows})
    return pd.DataFrame(
        {
            "response_id": [f"{row['respondent_id']}-{row['variable']}" for row in rows],
            # The shipped codebook's questions, one per panel question; a researcher's codebook
            # names its own question (its group's alias).
            "question": [
                row["variable"] if variable else QUESTIONS[variables.index(row["variable"]) % 3]
                for row in rows
            ],
            "text": [row["answer"] for row in rows],
        }
    )


def test_the_real_answers_are_coded_the_same_with_the_shipped_codebook() -> None:
    answers = real_answers()
    assert len(answers) > 5000
    assert same(answers) > 500


@pytest.mark.parametrize("path", GOLD_CODEBOOKS, ids=lambda p: p.parent.name)
def test_the_real_answers_are_coded_the_same_with_a_researchers_codebook(path: Path) -> None:
    answers = real_answers(path.parent.name)
    assert len(answers) > 500
    assert same(answers, load_codebook(path)) > 100


@pytest.mark.parametrize("path", GOLD_DICTIONARIES, ids=lambda p: p.parent.name)
def test_the_real_answers_are_coded_the_same_with_an_imported_dictionary(path: Path) -> None:
    # Imported multi-word entries are NEXT rules: light words and a particle at the clause end.
    answers = real_answers(path.parent.name)
    assert same(answers, read_dictionary(path).codebook) > 100


FRAGMENTS = [
    "geen budget",
    "niet genoeg tijd",
    "te weinig",
    "wel",
    "maar",
    "ideeën",
    "ketenpartners",
    "innovatietrajecten",
    "samenwerking",
    "torslagen",
    "koningin",
    "wet-",
    "klimaat-",
    "en",
    "regelgeving",
    "energiebeleid",
    "eerste",
    "grote",
    "duurzame",
    "wereldoorlog",
    "zorg",
    "-welzijn",
    "AVG",
    "AI-modellen",
    "m.b.t.",
    ",",
    ".",
    "\n",
    "  ",
    "😀",
    "e\u0308",
    "bud\u00adget",
    "x" * 300,
    "n.v.t.",
    "geen idee",
    "het ontbrak niet aan geld",
    "gebrek aan kennis",
    "voldoende",
    "probleem",
]


@pytest.fixture(scope="module")
def both() -> tuple[Coder, Coder]:
    return coders(cache_size=50)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.sampled_from(FRAGMENTS), max_size=40),
    joiner=st.sampled_from([" ", "", ", "]),
    question=st.sampled_from([*QUESTIONS, "onbekend"]),
)
def test_random_dutch_fragments_are_coded_the_same(
    both: tuple[Coder, Coder], words: list[str], joiner: str, question: str
) -> None:
    compiled, pure = both
    text = joiner.join(words)
    assert compiled.code_text(text, question, "r1") == pure.code_text(text, question, "r1")


def test_a_long_answer_is_coded_the_same(both: tuple[Coder, Coder]) -> None:
    sentence = "Het ontbrak niet aan geld, wel aan tijd en capaciteit 😀 bij de ketenpartners. "
    text = sentence * 1500 + "https://example.org/" + "a" * 4000
    compiled, pure = both
    found = compiled.code_text(text, "belemmering")
    assert len(found) > 1000
    assert found == pure.code_text(text, "belemmering")


def test_the_version_says_which_core_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert core_status() == "matching: compiled core"
    monkeypatch.setenv("TEXTCODE_PURE_PYTHON", "1")
    assert "pure Python" in core_status()
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.splitlines()[1] == "matching: pure Python (TEXTCODE_PURE_PYTHON is set)"


def test_the_reused_doc_holds_the_tokenizers_tokens() -> None:
    """The compiled core tokenises into one Doc reused from text to text: every text gets the
    tokens spaCy's tokenizer gives it, after short and long texts, special cases and spaces."""
    from textcode.coding import _core  # type: ignore[attr-defined,unused-ignore]

    tokenizer = Coder().fit().nlp_.tokenizer
    texts = ["", " ", "Geen idee :)", "  m.b.t. de AVG, i.v.m. AI-modellen  ", "n.v.t.\n\nNVT"]
    texts += [" ".join(FRAGMENTS[k % len(FRAGMENTS)] for k in range(i)) for i in range(120)]
    texts += list(dev_answers()["text"])
    texts *= 6  # past the number of texts a reused Doc serves
    assert len(texts) > 1000
    texts += ["Het ontbrak aan geld. " * 80, "geen budget", *texts[:50]]  # past its size

    def tokens(doc: object) -> list[tuple[str, int, str, int]]:
        return [(t.text, t.idx, t.whitespace_, t.orth) for t in doc]  # type: ignore[attr-defined]

    seen = 0
    for text, doc in zip(texts, _core.scratch_docs(tokenizer, texts), strict=True):
        assert tokens(doc) == tokens(tokenizer(text)), text
        assert doc.text == text
        seen += 1
    assert seen == len(texts)


def test_records_made_in_c_are_the_dataclasses_records() -> None:
    import dataclasses

    from textcode.coding import _core  # type: ignore[attr-defined,unused-ignore]
    from textcode.records import SUGGESTION_FIELDS, Suggestion, suggestion_id

    make = _core.Records(Suggestion, SUGGESTION_FIELDS, suggestion_id)
    text = "Te weinig budget en geen tijd"
    values = ("s1", "r1", "belemmering", "B01", 10, 16, text[10:16], "B01.1", 0.9, False, "Regel")
    record = make(*values)
    expected = Suggestion(*values)
    assert type(record) is Suggestion
    assert record == expected and hash(record) == hash(expected)
    assert repr(record) == repr(expected) and record.to_dict() == expected.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.code = "B02"  # type: ignore[misc]
    coded = [("r1", "belemmering", text, (("B01", 10, 16, "B01.1", 0.9, False, "Regel"),))]
    (made,) = make.records(coded)
    assert made == Suggestion(suggestion_id("r1", "belemmering", "B01", 10, 16), *values[1:])

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:  # a __post_init__: made by calling the class
        a: str
        b: int

        def __post_init__(self) -> None:
            if self.b < 0:
                raise ValueError("b")

    checked = _core.Records(Checked, ("a", "b"), suggestion_id)
    assert checked("x", 1) == Checked("x", 1)
    with pytest.raises(ValueError):
        checked("x", -1)
