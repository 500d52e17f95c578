"""Seeded mode and candidate codes: clusters join a code or stand out as a new one."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sklearn.metrics import normalized_mutual_info_score

from textcode.codebook import Codebook, load_codebook, parse_codebook
from textcode.coding.check import check_codebook
from textcode.ingest import read_answers
from textcode.themes import ThemeFinder
from textcode.themes.proposal import propose_codebook

DATA = Path(__file__).resolve().parent / "data" / "themes"


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook(DATA / "codebook_small.yaml")


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return read_answers(
        DATA / "belemmeringen_nl.csv", id_column="respnr", text_columns=["belemmering"]
    )


@pytest.fixture(scope="module")
def seeded(answers: pd.DataFrame, codebook: Codebook) -> ThemeFinder:
    return ThemeFinder(codebook=codebook, seeded=True).fit(answers)


def cluster_of(finder: ThemeFinder, answers: pd.DataFrame, response_id: str) -> int:
    return int(finder.labels_[(answers["response_id"] == response_id).to_numpy()][0])


def test_codes_become_clusters_and_keep_their_answers(
    seeded: ThemeFinder, answers: pd.DataFrame
) -> None:
    codes = {t.id: t.code for t in seeded.themes_}
    for response_id, code in (
        ("r02", "belemmering.financiering"),
        ("r05", "belemmering.capaciteit_tijd"),
        ("r08", "belemmering.draagvlak"),
    ):
        assert codes[cluster_of(seeded, answers, response_id)] == code
    assert sorted(c for c in codes.values() if c) == [
        "belemmering.capaciteit_tijd",
        "belemmering.draagvlak",
        "belemmering.financiering",
    ]


def test_an_uncoded_answer_like_a_code_joins_it(seeded: ThemeFinder, answers: pd.DataFrame) -> None:
    # "De opschaling na de pilot bleef uit" has no money word, but the money answers talk
    # about the pilot's opschaling: it joins the code instead of starting a theme.
    money = next(t for t in seeded.themes_ if t.code == "belemmering.financiering")
    assert cluster_of(seeded, answers, "r23") == money.id
    assert money.size == 5 and dict(money.codes)["belemmering.financiering"] == 4


def test_a_theme_the_codebook_lacks_stands_out_as_new(
    seeded: ThemeFinder, answers: pd.DataFrame
) -> None:
    supplier = seeded.themes_[cluster_of(seeded, answers, "r14")]
    assert supplier.new and supplier.code is None
    assert supplier.top_lemmas[0] == "leverancier" and supplier.size == 4
    assert {cluster_of(seeded, answers, r) for r in ("r14", "r15", "r16", "r17")} == {supplier.id}
    assert json.loads(json.dumps(supplier.to_dict()))["new"] is True


def test_seeded_mode_follows_the_gold_codes_better(gold_path: Path) -> None:
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r["codes"]) == 1 and r["question"] == "belemmering"]
    table = pd.DataFrame(
        {
            "response_id": [r["id"] for r in rows],
            "question": "belemmering",
            "text": [r["text"] for r in rows],
        }
    )
    gold = [r["codes"][0] for r in rows]
    plain = normalized_mutual_info_score(gold, ThemeFinder().fit(table).labels_)
    with_codes = normalized_mutual_info_score(gold, ThemeFinder(seeded=True).fit(table).labels_)
    assert with_codes >= plain and with_codes >= 0.8


def test_candidate_codes_form_a_codebook_that_passes_its_check(
    seeded: ThemeFinder, codebook: Codebook
) -> None:
    proposal = propose_codebook(seeded)
    fragment = parse_codebook(proposal.yaml)
    assert [c.id for c in fragment.codes] == list(proposal.codes)
    supplier = fragment.code(proposal.codes[0])
    assert supplier.id == "belemmering.leverancier_failliet"
    assert supplier.label.startswith("Leverancier")
    assert "leverancier" in [p.rule for p in supplier.patterns]
    assert len(supplier.positive_examples) == 3 and supplier.negative_examples
    assert not {c.id for c in fragment.codes} & {c.id for c in codebook.codes}
    report = check_codebook(fragment)
    assert report.ok, report.failures
    # Single answers and clusters that join a code are no candidates.
    # leverancier, koppeling, and data sharing under the AVG (r12, r13), which the small
    # codebook has no code for; r23 ("opschaling na de pilot") joins the money answers.
    assert len(proposal.codes) == 3 and "delen" in proposal.codes[2]
    assert not any("opschaling" in code for code in proposal.codes)


def test_candidate_examples_never_show_personal_data(
    answers: pd.DataFrame, codebook: Codebook
) -> None:
    finder = ThemeFinder(codebook=codebook, seeded=True, n_representatives=4).fit(answers)
    text = propose_codebook(finder, max_examples=4).yaml
    assert "[NAAM]" in text or "[TELEFOON]" in text
    assert "06-12345678" not in text and "Petra" not in text
    data = yaml.safe_load(text)
    assert data["groups"][0]["id"] == "belemmering"


def test_uncoded_only_leaves_coded_answers_out(answers: pd.DataFrame, codebook: Codebook) -> None:
    finder = ThemeFinder(codebook=codebook, uncoded_only=True).fit(answers)
    coded = set(answers["response_id"][finder.status_ == "coded"])
    assert coded == {"r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09"}
    assert (finder.labels_[finder.status_ == "coded"] == -1).all()
    assert finder.results_[0].n_coded == 9
    assert all(not t.codes for t in finder.themes_)
