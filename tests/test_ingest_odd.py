"""Odd but legal input works (issue 15, item 9): nested JSON fields, very long CSV fields,
formula cells without saved values, UTF-16 and UTF-32 without a byte-order mark, lone
surrogates in JSON. The answers are real Dutch ones from the sample survey's codebook domain.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from textcode.cli import main
from textcode.errors import InputError
from textcode.ingest import read_answers
from textcode.ingest.readers import FormulaWithoutValueWarning
from textcode.ingest.stream import AnswerStream
from textcode.io.cells import LoneSurrogateWarning
from textcode.parsing.limits import MAX_ANSWER_CHARS

ANSWERS = [
    ("r1", "Meer kennis over de AVG en over wetgeving rond data delen"),
    ("r2", "Er was te weinig budget en geen tijd voor innovatie"),
    ("r3", "Gebrek aan draagvlak bij de top; bestuurders ideeën laten omarmen"),
]


def _streamed(path: Path, **options: object) -> pd.DataFrame:
    return pd.concat(list(AnswerStream(path, chunk_size=2, **options)), ignore_index=True)  # type: ignore[arg-type]


def test_list_and_object_fields_become_json_text_attributes(tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.jsonl"
    records = [
        {"id": rid, "kennisbehoefte": text, "tags": ["avg", "budget"][:n], "meta": {"golf": n}}
        for n, (rid, text) in enumerate(ANSWERS)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    answers = read_answers(path, id_column="id", text_columns=["kennisbehoefte"])
    assert answers["tags"].tolist() == ["[]", '["avg"]', '["avg", "budget"]']
    assert [json.loads(m) for m in answers["meta"]] == [{"golf": 0}, {"golf": 1}, {"golf": 2}]
    assert _streamed(path, id_column="id", text_columns=["kennisbehoefte"]).equals(answers)
    # export project crashed with "unhashable type: 'list'"; export excel could not write it.
    options = ["--id-column", "id", "--text-column", "kennisbehoefte", "--quiet"]
    suggestions = tmp_path / "s.jsonl"
    assert main(["code", str(path), "--out", str(suggestions), *options]) == 0
    for what, out in (("project", "p.qdpx"), ("excel", "p.xlsx")):
        target = tmp_path / out
        args = ["export", what, str(path), "--suggestions", str(suggestions), "--out", str(target)]
        assert main([*args, *options]) == 0
        assert target.stat().st_size > 0


def test_a_list_as_the_answer_itself_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.jsonl"
    path.write_text('{"id": "r1", "kennisbehoefte": ["budget", "tijd"]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="expected one text") as info:
        read_answers(path, id_column="id", text_columns=["kennisbehoefte"])
    assert info.value.line == 1 and info.value.field == "kennisbehoefte"


def test_a_one_megabyte_answer_in_a_csv_is_read(tmp_path: Path) -> None:
    """It was refused as 'field larger than field limit (131072)' though the row is fine."""
    long_answer = ("Er was te weinig budget en geen tijd voor innovatie. " * 20_500)[:1_048_576]
    path = tmp_path / "lang.csv"
    frame = pd.DataFrame(
        {"id": ["r1", "r2"], "belemmering": [long_answer, ANSWERS[1][1]]}, dtype=object
    )
    frame.to_csv(path, index=False)
    answers = read_answers(path, id_column="id", text_columns=["belemmering"])
    assert answers["text"].str.len().tolist() == [1_048_576, len(ANSWERS[1][1])]
    assert _streamed(path, id_column="id", text_columns=["belemmering"])["text"].tolist() == (
        answers["text"].tolist()
    )


def test_a_field_past_the_answer_limit_is_one_line_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "te_lang.csv"
    # An unclosed quote swallows the rest of the file into one field.
    body = 'id,belemmering\nr1,"Geen budget\n' + ("en geen tijd " * (MAX_ANSWER_CHARS // 12))
    path.write_text(body, encoding="utf-8")
    for read in (read_answers, _streamed):
        with pytest.raises(InputError, match="longer than 2,000,000 characters") as info:
            read(path, id_column="id", text_columns=["belemmering"])
        assert info.value.line == 2 and str(path) in str(info.value)
    jsonl = tmp_path / "te_lang.jsonl"
    jsonl.write_text(json.dumps({"id": "r1", "b": "x" * (MAX_ANSWER_CHARS + 1)}) + "\n")
    with pytest.raises(InputError, match="the most an answer may hold") as info:
        read_answers(jsonl, id_column="id", text_columns=["b"])
    assert info.value.line == 1 and info.value.field == "b"


def test_formula_cells_without_a_saved_value_warn_naming_the_cells(tmp_path: Path) -> None:
    """openpyxl writes formulas without their results, as some programs do: they read empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Antwoorden"
    sheet.append(["id", "kennisbehoefte", "score"])
    sheet.append(["r1", ANSWERS[0][1], "=1+1"])
    sheet.append(["r2", '=A2&" en budget"', 3])
    sheet.append(["r3", ANSWERS[2][1], None])
    path = tmp_path / "formules.xlsx"
    book.save(path)
    with pytest.warns(FormulaWithoutValueWarning) as caught:
        answers = read_answers(path, id_column="id", text_columns=["kennisbehoefte"])
    (message,) = [str(w.message) for w in caught]
    assert "2 formula cells" in message and "C2, B3" in message and "Antwoorden" in message
    assert answers["text"].tolist() == [ANSWERS[0][1], "", ANSWERS[2][1]]
    # A workbook without formulas, empty cells and all, does not warn.
    sheet["C2"], sheet["B3"] = 2, ANSWERS[1][1]
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_answers(path, id_column="id", text_columns=["kennisbehoefte"])


@pytest.mark.parametrize(
    "codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-32", "utf-16"]
)
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_utf16_and_utf32_with_or_without_a_byte_order_mark_are_read(
    tmp_path: Path, codec: str, suffix: str
) -> None:
    if suffix == ".csv":
        text = pd.DataFrame(ANSWERS, columns=["id", "kennisbehoefte"]).to_csv(index=False)
    else:
        text = "".join(json.dumps({"id": r, "kennisbehoefte": t}) + "\n" for r, t in ANSWERS)
    path = tmp_path / f"unicode{suffix}"
    path.write_bytes(text.encode(codec))
    for read in (read_answers, _streamed):
        answers = read(path, id_column="id", text_columns=["kennisbehoefte"])
        assert answers["text"].tolist() == [t for _, t in ANSWERS]


def test_nul_bytes_that_are_no_utf16_are_named_as_an_encoding_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kapot.csv"
    path.write_bytes(b"id,kennisbehoefte\n" + bytes([0, 0, 65, 0, 0, 0, 66, 200]) * 300)
    assert main(["code", str(path), "--out", str(tmp_path / "s.jsonl"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(path) in err and "UTF-16" in err


def test_a_lone_surrogate_in_json_becomes_the_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.jsonl"
    lines = [
        json.dumps({"id": "r1", "kennisbehoefte": "Meer kennis \\ud800 over de AVG"}),
        json.dumps({"id": "r2", "kennisbehoefte": "Emoji 😀 is geen probleem"}),
    ]
    path.write_text("\n".join(lines).replace("\\\\", "\\") + "\n", encoding="utf-8")
    with pytest.warns(LoneSurrogateWarning, match="line 1"):
        answers = read_answers(path, id_column="id", text_columns=["kennisbehoefte"])
    assert answers["text"].tolist() == [
        "Meer kennis \ufffd over de AVG",
        "Emoji 😀 is geen probleem",
    ]
    out = tmp_path / "s.jsonl"
    options = ["--id-column", "id", "--text-column", "kennisbehoefte", "--quiet"]
    assert main(["code", str(path), "--out", str(out), *options]) == 0
    assert main(["redact", str(path), "--out", str(tmp_path / "r.csv"), *options]) == 0
