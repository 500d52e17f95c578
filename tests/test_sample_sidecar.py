"""The sidecar file that declares a survey table's column roles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from textcode.errors import InputError
from textcode.ingest.sidecar import (
    DatasetRoles,
    find_sidecar,
    load_sidecar,
    parse_sidecar,
    roles_from_mapping,
)

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020"


def test_sample_sidecar_is_found_for_csv_and_sav() -> None:
    expected = SAMPLE / "responses.textcode.yaml"
    assert find_sidecar(SAMPLE / "responses.csv") == expected
    assert find_sidecar(str(SAMPLE / "responses.sav")) == expected
    assert find_sidecar("-") is None
    assert find_sidecar(pd.DataFrame()) is None


def test_no_sidecar(tmp_path: Path) -> None:
    data = tmp_path / "antwoorden.csv"
    data.write_text("id,tekst\n1,geen\n", encoding="utf-8")
    assert find_sidecar(data) is None
    (tmp_path / "antwoorden.textcode.yml").write_text("id_column: id\n", encoding="utf-8")
    assert find_sidecar(data) == tmp_path / "antwoorden.textcode.yml"


def test_sample_roles() -> None:
    roles = load_sidecar(SAMPLE / "responses.textcode.yaml")
    assert isinstance(roles, DatasetRoles)
    assert roles.id_column == "project_id"
    assert roles.text_column_names == [
        "kennisbehoefte",
        "succesfactor_overig",
        "belemmering_overig",
    ]
    assert roles.question_for("belemmering_overig") == "belemmering"
    assert roles.question_for("onbekend") == "onbekend"
    assert roles.unit_column("respondent") == "vragenlijst_id"
    assert roles.text_column("kennisbehoefte").unit == "respondent"  # type: ignore[union-attr]
    knowledge = roles.question("kennis_voldoende")
    assert knowledge is not None and knowledge.scale == "agree"
    assert knowledge.agree == ("Helemaal mee eens", "Enigszins mee eens")
    barriers = roles.multi("belemmeringen")
    assert barriers is not None and barriers.group == "belemmering"
    assert barriers.option("juridische_kennis").code == "belemmering.juridisch"
    assert barriers.option("eindgebruiker").code is None
    assert barriers.other_text == "belemmering_overig"
    assert [i.id for i in roles.insights][:2] == ["kennis_voldoende", "kennis_onvoldoende"]
    compare = next(i for i in roles.insights if i.kind == "compare")
    assert compare.compare == ("verankering_eigen", "verankering_keten")
    roles.check_columns(pd.read_csv(SAMPLE / "responses.csv", nrows=1).columns)


def test_roles_are_frozen() -> None:
    roles = load_sidecar(SAMPLE / "responses.textcode.yaml")
    with pytest.raises(AttributeError):
        roles.id_column = "x"  # type: ignore[misc]


def test_missing_column_names_sidecar_and_column(tmp_path: Path) -> None:
    shutil.copy(SAMPLE / "responses.textcode.yaml", tmp_path / "r.textcode.yaml")
    roles = load_sidecar(tmp_path / "r.textcode.yaml")
    columns = [
        c for c in pd.read_csv(SAMPLE / "responses.csv", nrows=1).columns if c != "bl_overig"
    ]
    with pytest.raises(InputError) as info:
        roles.check_columns(columns, source="responses.csv")
    assert info.value.field == "bl_overig"
    assert "r.textcode.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("id_column: id\nkolommen: [a]\n", 2, "kolommen"),
        ("units:\n  respondent: {kolom: resp}\n", 2, "kolom"),
        ("text_columns:\n  open: {group: g, unit: persoon}\n", 2, "unit"),
        ("questions:\n  q1:\n    scale: likert\n", 3, "scale"),
        (
            "questions:\n  q1:\n    categories: [Ja, Nee]\n    agree: [Misschien]\n",
            4,
            "agree",
        ),
        ("multiselect:\n  m:\n    label: x\n", 2, "options"),
        ("insights:\n  - id: a\n    text: '{quant}'\n    question: nergens\n", 4, "question"),
        ("insights:\n  - id: a\n    text: t\n    compare: [x, y]\n", 4, "compare"),
        ("questions:\n  q1: {}\n  q1: {}\n", 3, "q1"),
        ("textcode_dataset: 7\n", 1, "textcode_dataset"),
    ],
)
def test_bad_sidecar_names_line_and_key(text: str, line: int, key: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.textcode.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_sidecar(path)
    assert info.value.line == line
    assert info.value.field == key
    assert str(path) in str(info.value)


def test_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.textcode.yaml"
    path.write_text("units: [a\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_sidecar(path)


def test_short_forms_and_mapping() -> None:
    roles = parse_sidecar(
        "units: {respondent: resp}\n"
        "text_columns: {toelichting: belemmering}\n"
        "multiselect:\n  m:\n    options: {a: col_a, b: {column: col_b, code: x.y}}\n"
    )
    assert roles.unit_column("respondent") == "resp"
    assert roles.question_for("toelichting") == "belemmering"
    multi = roles.multi("m")
    assert multi is not None and multi.columns == ("col_a", "col_b")
    same = roles_from_mapping(
        {"units": {"respondent": "resp"}, "text_columns": {"toelichting": "belemmering"}}
    )
    assert same.text_column_names == ["toelichting"]


def test_a_sidecar_that_is_not_utf8_names_its_line_and_a_bom_is_read(tmp_path: Path) -> None:
    data = (SAMPLE / "responses.textcode.yaml").read_bytes()
    line = data[: data.index(b"Brede inventarisatie")].count(b"\n") + 1
    path = tmp_path / "responses.textcode.yaml"
    path.write_bytes(data.replace(b"Brede inventarisatie", b"Br\xe9de inventarisatie", 1))
    with pytest.raises(InputError) as info:
        load_sidecar(path)
    assert str(info.value) == f"{path}, line {line}: the sidecar is not UTF-8 text"
    path.write_bytes(b"\xef\xbb\xbf" + data)  # as Windows Notepad saves it
    assert load_sidecar(path) == load_sidecar(SAMPLE / "responses.textcode.yaml")
