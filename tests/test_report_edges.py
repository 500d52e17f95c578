"""The report on awkward input: no answers, personal data in attributes, reruns into one folder,
and errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from textcode.cli import main
from textcode.errors import InputError
from textcode.report import build_report

# A free "toelichting" attribute holds contact details; the open question is harmless.
CONTACT_CSV = (
    "id,belemmering,toelichting\n"
    "1,Te weinig tijd en geen budget,Mail jan.jansen@gmail.com of bel 0612345678\n"
    "2,Geen geld voor een pilot,Graag contact via petra.devries@brandweer.nl\n"
    "3,Te weinig tijd naast het gewone werk,Mail jan.jansen@gmail.com of bel 0612345678\n"
    "4,De privacywetgeving maakte delen van gegevens lastig,geen\n"
)
PERSONAL = ("jan.jansen@gmail.com", "0612345678", "petra.devries@brandweer.nl")

TWO_QUESTIONS_CSV = (
    "id,belemmering,kennisbehoefte\n"
    "1,Te weinig tijd en geen budget,Kennis over aanbesteden\n"
    "2,Geen geld voor een pilot,Hoe we een innovatieproces opzetten\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _belemmering_report(tmp_path: Path, name: str, text: str) -> str:
    """The HTML of ``textcode report`` on a CSV of ``text`` whose answers are 'belemmering'."""
    source = _write(tmp_path, name, text)
    out = tmp_path / "rapport"
    args = ["report", str(source), "--id-column", "id", "--text-column", "belemmering"]
    assert main([*args, "--out", str(out), "--quiet"]) == 0
    return (out / "report.html").read_text(encoding="utf-8")


def test_report_of_a_header_only_file_says_there_are_no_answers(tmp_path: Path) -> None:
    html = _belemmering_report(tmp_path, "leeg.csv", "id,belemmering\n")
    out = tmp_path / "rapport"
    assert "Geen antwoorden in dit bestand." in html
    assert 'id="overzicht"' in html and 'id="verantwoording"' in html
    themes = pd.read_csv(out / "tabellen" / "themas.csv", encoding="utf-8-sig")
    assert len(themes) == 0 and "code" in themes.columns
    assert (out / "tabellen.xlsx").is_file()


def test_report_of_a_long_header_only_file(tmp_path: Path) -> None:
    source = _write(tmp_path, "lang.csv", "id,vraag,antwoord\n")
    files = build_report(
        source, tmp_path / "r", id_column="id", question_column="vraag", text_columns=["antwoord"]
    )
    assert "Geen antwoorden in dit bestand." in files.html.read_text(encoding="utf-8")
    assert files.summary["rows"] == 0 and files.summary["questions"] == []


def test_crosstab_labels_from_a_free_text_attribute_are_redacted(tmp_path: Path) -> None:
    source = _write(tmp_path, "contact.csv", CONTACT_CSV)
    out = tmp_path / "rapport"
    args = ["report", str(source), "--id-column", "id", "--text-column", "belemmering"]
    assert main([*args, "--by", "toelichting", "--out", str(out), "--quiet"]) == 0
    shown = [out / "report.html", *sorted((out / "tabellen").glob("*.csv"))]
    assert (out / "tabellen" / "kruistabel_belemmering.csv").is_file()
    for path in shown:
        text = path.read_text(encoding="utf-8-sig")
        for value in PERSONAL:
            assert value not in text, (path.name, value)
    html = shown[0].read_text(encoding="utf-8")
    assert "Mail [E-MAIL] of bel [TELEFOON]" in html
    crosstab = pd.read_csv(out / "tabellen" / "kruistabel_belemmering.csv", encoding="utf-8-sig")
    assert "Mail [E-MAIL] of bel [TELEFOON]" in crosstab.columns
    assert "geen" in crosstab.columns
    # Asked for, the values are shown as written.
    raw = tmp_path / "intern"
    assert main([*args, "--by", "toelichting", "--no-redact", "--out", str(raw), "--quiet"]) == 0
    assert "jan.jansen@gmail.com" in (raw / "report.html").read_text(encoding="utf-8")


def test_redacted_labels_that_coincide_stay_apart(tmp_path: Path) -> None:
    # Two different e-mail addresses redact to the same words: the columns must not merge.
    text = (
        "id,belemmering,toelichting\n"
        "1,Te weinig tijd,Mail jan@gmail.com\n"
        "2,Geen budget,Mail piet@gmail.com\n"
        "3,Te weinig tijd en geld,Mail jan@gmail.com\n"
    )
    source = _write(tmp_path, "twee.csv", text)
    files = build_report(
        source, tmp_path / "r", id_column="id", text_columns=["belemmering"], by="toelichting"
    )
    table = pd.read_csv(files.folder / "tabellen" / "kruistabel_belemmering.csv", dtype=str)
    headers = [c for c in table.columns if c.startswith("Mail")]
    assert len(headers) == 2 and len(set(headers)) == 2
    assert all("@" not in h for h in headers)


def test_unknown_by_column_names_the_file(tmp_path: Path) -> None:
    source = _write(tmp_path, "contact.csv", CONTACT_CSV)
    with pytest.raises(InputError) as caught:
        build_report(source, tmp_path / "r", id_column="id", text_columns=["belemmering"], by="x")
    assert caught.value.path == str(source)
    assert caught.value.field == "x"
    assert "toelichting" in str(caught.value)


def test_a_second_report_into_the_same_folder_leaves_no_stale_tables(tmp_path: Path) -> None:
    source = _write(tmp_path, "twee.csv", TWO_QUESTIONS_CSV)
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "notities.txt").write_text("eigen aantekeningen", encoding="utf-8")
    build_report(source, out, id_column="id", text_columns=["belemmering", "kennisbehoefte"])
    tables = out / "tabellen"
    assert (tables / "themas_kennisbehoefte.csv").is_file()
    files = build_report(source, out, id_column="id", text_columns=["belemmering"])
    assert not (tables / "themas_kennisbehoefte.csv").exists()
    assert (tables / "themas_belemmering.csv").is_file()
    assert sorted(p.name for p in tables.iterdir()) == sorted(p.name for p in files.tables)
    assert (out / "notities.txt").read_text(encoding="utf-8") == "eigen aantekeningen"


def test_a_rerun_gives_the_same_bytes(tmp_path: Path) -> None:
    source = _write(tmp_path, "contact.csv", CONTACT_CSV)

    def report(out: Path) -> Path:
        return build_report(
            source, out, id_column="id", text_columns=["belemmering"], by="toelichting"
        ).folder

    first, second = report(tmp_path / "a"), report(tmp_path / "b")
    again = report(first)

    def files(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    assert files(first) == files(second) == files(again)


def test_closed_answers_in_the_appendix_are_redacted(tmp_path: Path) -> None:
    """A closed question can hold free text too ("anders, namelijk ..."): the answers appendix
    shows it redacted."""
    source = _write(
        tmp_path,
        "functies.csv",
        "id,belemmering,functie\n"
        "1,Te weinig tijd en geen budget,Projectleider\n"
        '2,Geen geld voor een pilot,"Anders, namelijk adviseur (jan.jansen@gmail.com)"\n',
    )
    _write(
        tmp_path,
        "functies.textcode.yaml",
        "textcode_dataset: 1\n"
        "id_column: id\n"
        "text_columns:\n  belemmering: {group: belemmering}\n"
        "questions:\n  functie: {label: Functie van de invuller}\n",
    )
    out = tmp_path / "rapport"
    assert main(["report", str(source), "--out", str(out), "--quiet"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "jan.jansen@gmail.com" not in html
    assert "Anders, namelijk adviseur ([E-MAIL])" in html
    for table in sorted((out / "tabellen").glob("*.csv")):
        assert "jan.jansen@gmail.com" not in table.read_text(encoding="utf-8-sig"), table.name
    raw = tmp_path / "intern"
    assert main(["report", str(source), "--no-redact", "--out", str(raw), "--quiet"]) == 0
    assert "jan.jansen@gmail.com" in (raw / "report.html").read_text(encoding="utf-8")


def test_a_survey_of_one_respondent_is_reported_in_the_singular(tmp_path: Path) -> None:
    html = _belemmering_report(
        tmp_path, "een.csv", "id,belemmering\n1,Te weinig tijd en geen budget\n"
    )
    assert "1 respondenten" not in html and "noemen alle" not in html
    assert "Eén respondent met een inhoudelijk antwoord op" in html
    assert "noemt &#x27;Gebrek aan financiering&#x27;" in html
