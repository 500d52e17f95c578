"""The report of a survey too large to show whole (issue 15, item 12): answers stream by in
chunks, counts and keyness are over all of them, and the answers shown are a sample.

Run on the sample survey (real answers, a sidecar with units, closed and multiple-choice
questions and statements) with the sizes made small, so that the streamed path is taken.
Timings and memory at a million answers are in ``benchmarks/bench_report_scale.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import textcode.report.stream as stream
from textcode.report import build_report

ROOT = Path(__file__).resolve().parents[1]
SURVEY = ROOT / "samples" / "ifv2020" / "responses.csv"
TABLES_WITH_IDS = {"response_ids", "ids", "other_ids"}


def _report(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, **sizes: int) -> Path:
    for key, value in sizes.items():
        monkeypatch.setattr(stream, key, value)
    out = tmp_path / name
    build_report(SURVEY, out)
    return out


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {
        p.stem: pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for p in sorted((folder / "tabellen").glob("*.csv"))
    }


def _without_note(html: str) -> str:
    return re.sub(r"<p class='warn'>Een steekproef:[^<]*</p>", "", html)


@pytest.fixture(scope="module")
def exact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exact") / "rapport"
    build_report(SURVEY, out)
    return out


def test_streamed_counts_are_the_counts_of_the_whole_file(
    exact: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamed in chunks of 25 rows with a sample holding everyone, the report is the same."""
    streamed = _report(
        tmp_path, "gestroomd", monkeypatch, EXACT_ANSWERS=50, SAMPLE_ROWS=10_000, CHUNK_ROWS=25
    )
    streamed_tables, exact_tables = _tables(streamed), _tables(exact)
    assert list(streamed_tables) == list(exact_tables)
    for name, table in exact_tables.items():
        assert streamed_tables[name].equals(table), name
    html = (streamed / "report.html").read_text(encoding="utf-8")
    assert "Een steekproef: " in html
    assert _without_note(html) == (exact / "report.html").read_text(encoding="utf-8")


def test_a_sample_shows_fewer_answers_and_keeps_every_count(
    exact: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sampled = _report(
        tmp_path, "steekproef", monkeypatch, EXACT_ANSWERS=50, SAMPLE_ROWS=12, CHUNK_ROWS=25
    )
    whole, part = _tables(exact), _tables(sampled)
    assert set(whole) == set(part)
    for name, table in whole.items():
        if name == "kwic":  # keyword in context lists the sample's answers only
            continue
        ids = [c for c in table.columns if c in TABLES_WITH_IDS]
        kept = part[name]
        assert kept.drop(columns=ids).equals(table.drop(columns=ids)), name
        for column in ids:  # the ids behind each number: those of sampled rows, a subset
            for small, big in zip(kept[column], table[column], strict=True):
                assert set(small.split()) <= set(big.split()), (name, column)
    html = (sampled / "report.html").read_text(encoding="utf-8")
    appendix = html[html.index('id="bijlage-antwoorden"') :]
    shown = re.findall(r'<tr id="r-([^"]+)"', appendix)
    assert len(shown) == 12
    assert "Een steekproef: de citaten" in html and "van de 89 rijen" in html
    # The same respondents, whatever the chunk size: the sample is chosen by id.
    again = _report(tmp_path, "opnieuw", monkeypatch, CHUNK_ROWS=7)
    assert (again / "report.html").read_bytes() == (sampled / "report.html").read_bytes()
    assert (again / "tabellen.xlsx").read_bytes() == (sampled / "tabellen.xlsx").read_bytes()


def test_a_small_survey_is_shown_whole(exact: Path) -> None:
    html = (exact / "report.html").read_text(encoding="utf-8")
    assert "steekproef" not in html.lower()
    assert len(re.findall(r'<tr id="r-', html)) == 89
