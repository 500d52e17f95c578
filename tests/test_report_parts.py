"""The report's parts: highlighting through redaction, links, charts, clouds and workbooks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from textcode.errors import InputError
from textcode.io.workbook import sheet_names
from textcode.privacy.display import merge_spans
from textcode.report import build_report
from textcode.report.charts import bar_chart, heat_map
from textcode.report.cloud import word_cloud
from textcode.report.evidence import Evidence, anchor
from textcode.report.quotes import highlight
from textcode.report.tables import csv_bytes, excel_bytes


def test_highlight_lands_on_the_same_words_after_redaction() -> None:
    text = "Mail jan.jansen@veiligheidsregio.nl over het projectbudget, bel 06-12345678."
    start = text.index("projectbudget")
    html = highlight(text, [(start, start + len("projectbudget"))])
    assert "<mark>projectbudget</mark>" in html
    assert "jan.jansen" not in html and "06-12345678" not in html
    plain = highlight(text, [(start, start + 13)], redact=False)
    assert "jan.jansen@veiligheidsregio.nl" in plain


def test_highlight_escapes_and_merges() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 6), (12, 12)]) == [(0, 9)]
    html = highlight("<b>Geld</b> & tijd", [(3, 7), (14, 18)], redact=False)
    assert html == "&lt;b&gt;<mark>Geld</mark>&lt;/b&gt; &amp; <mark>tijd</mark>"


def test_evidence_links_and_anchors() -> None:
    evidence = Evidence(known_rows={"vl01-p01"}, known_units={"vl01"})
    first = evidence.link(3, ["vl01-p01", "vl02-p01"], "Geld")
    again = evidence.link(3, ["vl01-p01", "vl02-p01"], "Geld")
    assert first == again and 'href="#ev-1"' in first
    assert evidence.link(0, [], "niets") == "0"
    listing = evidence.render()
    assert 'href="#r-vl01-p01"' in listing
    assert "vl02-p01" in listing and 'href="#r-vl02-p01"' not in listing  # no anchor, no link
    assert evidence.id_link("vl01", "u") == '<a href="#u-vl01">vl01</a>'
    assert anchor("r", "vl01-p01") == "r-vl01-p01"
    assert anchor("r", "a b") != anchor("r", "a_b")
    assert " " not in anchor("r", "a b")


def test_charts_are_the_same_bytes_every_time() -> None:
    args = (["Interne capaciteit", "Kennis en expertise"], [0.6, 0.55], [53, 49])
    first = bar_chart(*args, title="Succesfactoren")
    assert first == bar_chart(*args, title="Succesfactoren")
    assert b"<svg" in first and b"Date" not in first
    matrix = pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"])
    assert heat_map(matrix) == heat_map(matrix)


def test_word_cloud() -> None:
    counts = {"innovatie": 9, "kennis": 5, "implementatie": 3, "markt": 2}
    image = word_cloud(counts)
    assert image is not None and image.startswith(b"\x89PNG")
    assert image == word_cloud(dict(reversed(list(counts.items()))))
    assert word_cloud({}) is None


def test_workbook_is_reproducible_and_readable() -> None:
    tables = {
        "thema's": pd.DataFrame({"code": ["a"], "ids": [("r1", "r2")], "share": [0.123456]}),
        "x" * 40: pd.DataFrame({"n": [1]}),
    }
    data = excel_bytes(tables)
    assert data == excel_bytes(tables)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["thema's", "x" * 31]
    assert sheets["thema's"].loc[0, "ids"] == "r1 r2"
    assert sheets["thema's"].loc[0, "share"] == 0.1235
    assert csv_bytes(tables["thema's"]).startswith("\ufeffcode,ids,share\n".encode())
    assert sheet_names(["a/b", "A/B", "c"]) == ["a_b", "A_B~2", "c"]


def test_report_without_codes_or_answers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "opmerking": ["Prima zo", "", "Het weer was mooi"],
            "regio": ["Noord", "Zuid", "Noord"],
        }
    )
    files = build_report(frame, tmp_path / "a", id_column="id", text_columns=["opmerking"])
    html = files.html.read_text(encoding="utf-8")
    assert 'id="overzicht"' in html and 'id="bijlage-antwoorden"' in html
    assert "Het weer was mooi" in html
    empty = frame.assign(opmerking="")
    files = build_report(empty, tmp_path / "b", id_column="id", text_columns=["opmerking"])
    assert "Geen ingevulde open antwoorden in dit bestand." in files.html.read_text(
        encoding="utf-8"
    )
    with pytest.raises(InputError, match="leeftijd"):
        build_report(
            frame, tmp_path / "c", id_column="id", text_columns=["opmerking"], by="leeftijd"
        )


def test_a_report_that_fails_while_writing_leaves_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file is made before the first is written (a control character used to crash the
    workbook after report.html was already replaced)."""
    frame = pd.DataFrame(
        {"id": ["1", "2"], "belemmering": ["Te weinig budget\x0b en tijd", "Geen draagvlak"]}
    )
    out = tmp_path / "rapport"
    build_report(frame, out, id_column="id", text_columns=["belemmering"])
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr("textcode.report.tables.excel_bytes", broken)
    with pytest.raises(RuntimeError):
        build_report(frame.assign(belemmering="Nieuw"), out, id_column="id",
                     text_columns=["belemmering"])  # fmt: skip
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
