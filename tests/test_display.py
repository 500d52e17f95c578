"""What users see of textcode's objects: one short repr line, and compact HTML tables in
Jupyter (a codebook, a coding result, themes, agreement), bounded whatever the data holds."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

import textcode
from textcode.codebook import Codebook
from textcode.datasets import load_ifv2020
from textcode.display import REPR_CHARS, marked
from textcode.ingest import read_answers
from textcode.records import Answer
from textcode.review.agreement import agreement
from textcode.review.session import ReviewSession
from textcode.themes import ThemeFinder

DATA = Path(__file__).resolve().parent / "data"
HTML_CHARS = 60_000  # a notebook cell, not a dump


@pytest.fixture(scope="module")
def sample() -> textcode.datasets.Dataset:
    return load_ifv2020()


@pytest.fixture(scope="module")
def coded(sample: textcode.datasets.Dataset) -> textcode.CodingResult:
    return textcode.code(sample.answers)


def test_a_codebook_says_id_version_groups_and_codes(sample: textcode.datasets.Dataset) -> None:
    codebook = sample.codebook
    line = repr(codebook)
    assert line.startswith(f"<Codebook crisis_innovation_nl {codebook.version}: 4 groups")
    assert "belemmering 10" in line and line.endswith("30 codes>")
    assert len(line) <= REPR_CHARS and str(codebook) == line
    html = codebook._repr_html_()
    assert html.count("<tr>") == 1 + len(codebook.codes)
    assert "<td style='text-align:left'>Gebrek aan financiering</td>" in html
    group, code = codebook.groups[2], codebook.code("belemmering.financiering")
    assert repr(group).startswith("<Group belemmering (evaluations): 10 codes")
    assert re.fullmatch(
        r"<Code belemmering\.financiering 'Gebrek aan financiering': \d+ rules.*>", repr(code)
    )


def test_reprs_stay_short_with_hostile_sizes(sample: textcode.datasets.Dataset) -> None:
    codebook = sample.codebook
    long_label = "zeer " * 100_000
    code = dataclasses.replace(codebook.codes[0], label=long_label, id="x" * 5000)
    huge = Codebook(
        id="groot",
        version="1",
        groups=tuple(
            dataclasses.replace(g, id=f"groep{i}", codes=(code,) * 500)
            for i, g in enumerate(codebook.groups * 50)
        ),
    )
    assert len(repr(huge)) <= REPR_CHARS and "… (+" in repr(huge)
    assert len(repr(code)) <= REPR_CHARS
    assert len(huge._repr_html_()) < HTML_CHARS * 2
    answer = Answer("r1", "belemmering", "Te weinig geld. " * 100_000)
    assert len(repr(answer)) <= REPR_CHARS and "Te weinig geld." in repr(answer)


def test_a_coding_result_shows_counts_bars_and_marked_redacted_examples(
    coded: textcode.CodingResult,
) -> None:
    assert repr(coded).startswith("<CodingResult: 267 answers, ")
    html = coded._repr_html_()
    assert len(html) < HTML_CHARS
    assert "<table>" in html and 'style="background:#4c78a8' in html
    assert "<mark>weinig mensen</mark>" in html  # "... te weinig mensen om het naast ..."
    assert "<mark>verankering</mark>" in html
    record = coded.records[0]
    line = repr(record)
    assert line.startswith(f"Suggestion({record.code} on {record.response_id!r}")
    assert len(line) <= REPR_CHARS


def test_marked_text_is_escaped_and_cut() -> None:
    text = "<script>x</script> " * 20 + "te weinig budget" + " en verder" * 30
    start = text.index("budget")
    html = marked(text, start, start + 6, context=20)
    assert "<mark>budget</mark>" in html and "<script>" not in html
    assert html.startswith("…") and html.endswith("…") and len(html) < 200


def test_themes_show_labels_sizes_and_an_example() -> None:
    answers = read_answers(
        DATA / "themes" / "belemmeringen_nl.csv", id_column="respnr", text_columns=["belemmering"]
    )
    finder = ThemeFinder(k=3, seed=0)
    assert repr(finder) == "ThemeFinder(k=3, seed=0, method='spherical')"
    finder.fit(answers)
    line = repr(finder)
    assert line.startswith("ThemeFinder(k=3, seed=0, method='spherical'): 3 themes")
    html = finder._repr_html_()
    theme = finder.themes_[0]
    assert html.count("<tr>") == 1 + len(finder.themes_)
    assert f"<td style='text-align:left'>{theme.size}</td>" in html
    assert theme.label.split(" / ")[0] in html
    assert repr(theme).startswith(f"<Theme belemmering#{theme.id} ")
    assert len(repr(theme)) <= REPR_CHARS


def test_agreement_shows_each_pair_of_raters(tmp_path: Path) -> None:
    review = DATA / "review"
    suggestions = review / "suggestions_nl.jsonl"
    ids = [json.loads(line)["suggestion_id"] for line in suggestions.open(encoding="utf-8")]
    ledger = tmp_path / "beslissingen.jsonl"
    codebook = review / "codebook_review_nl.yaml"
    anna = ReviewSession(suggestions, ledger, "anna", codebook=codebook)
    anna.accept(*ids[:3])
    anna.reject(*ids[3:5])
    bert = ReviewSession(suggestions, ledger, "bert", codebook=codebook)
    bert.accept(*ids[:2], ids[3])
    bert.reject(ids[2], ids[4])
    result = agreement(ledger)
    line = repr(result)
    assert line.startswith("<AgreementResult: ") and "anna~bert kappa" in line
    assert len(line) <= REPR_CHARS
    html = result._repr_html_()
    assert "<th style='text-align:left'>cohen_kappa</th>" in html
    assert "<td style='text-align:left'>anna</td><td style='text-align:left'>bert</td>" in html
