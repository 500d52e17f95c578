"""The command line: textcode export codebook|project|excel, textcode import codebook|project."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
import xmlschema
import yaml

from textcode.cli import main
from textcode.codebook import load_codebook

sys.path.insert(0, str(Path(__file__).parent))
from test_interop_project import EMAIL, GUID, PHONE, _answers

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "interop"
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"
LONG = ["--id-column", "response_id", "--question-column", "question"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Answers as CSV and their suggestions from `textcode code`, shared by the tests."""
    folder = tmp_path_factory.mktemp("cli")
    _answers().to_csv(folder / "antwoorden.csv", index=False)
    assert main(["code", str(folder / "antwoorden.csv"), *LONG, "--quiet",
                 "--out", str(folder / "s.jsonl")]) == 0  # fmt: skip
    return folder


def test_export_and_import_codebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qdc = tmp_path / "codeboek.qdc"
    assert main(["export", "codebook", "--format", "qdc", "--out", str(qdc), "--quiet"]) == 0
    xmlschema.XMLSchema(str(DATA / "Codebook.xsd")).validate(str(qdc))
    back = tmp_path / "terug.yaml"
    assert main(["import", "codebook", str(qdc), "--codebook", "crisis_innovation_nl.yaml",
                 "--out", str(back), "--json"]) == 0  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert summary["codes"] == len(load_codebook().codes) and summary["patterns"] == 0
    assert [c.id for c in load_codebook(back).codes] == [c.id for c in load_codebook().codes]
    quanteda = tmp_path / "woordenboek.yml"
    assert main(["export", "codebook", "--format", "yaml-quanteda", "--out", str(quanteda)]) == 0
    err = capsys.readouterr().err
    assert "lemma word(s) written as plain words" in err
    assert set(yaml.safe_load(quanteda.read_text(encoding="utf-8"))) == {
        "kennisbehoefte",
        "succesfactor",
        "belemmering",
        "overig",
    }


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("crisis_nl.yml", 6),
        ("emotie_nl.dic", 4),
        ("belemmeringen_nl.cat", 4),
        ("sentiment_nl.lc3", 2),
    ],
)
def test_import_each_dictionary_format(tmp_path: Path, name: str, codes: int) -> None:
    out = tmp_path / "codeboek.yaml"
    assert main(["import", "codebook", str(DATA / name), "--out", str(out), "--quiet"]) == 0
    assert len(load_codebook(out).codes) == codes


def test_bad_input_is_one_line_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "kapot.cat"
    bad.write_text("GELD\n\tBUDGET (0)\n", encoding="utf-8")
    assert main(["import", "codebook", str(bad), "--out", str(tmp_path / "x.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert re.search(r"kapot\.cat, line 2: .*weight 0", err)
    assert not (tmp_path / "x.yaml").exists()


def test_export_project_and_import_it_back(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qdpx = tmp_path / "enquete.qdpx"
    args = ["export", "project", str(workdir / "antwoorden.csv"), *LONG]
    assert main([*args, "--suggestions", str(workdir / "s.jsonl"), "--out", str(qdpx),
                 "--json", "--quiet"]) == 0  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert summary["redacted"] and summary["cases"] == 17 and summary["sources"] == 49
    n_suggestions = len((workdir / "s.jsonl").read_text(encoding="utf-8").splitlines())
    assert summary["codings"] == n_suggestions
    qde = zipfile.ZipFile(qdpx).read("project.qde").decode("utf-8")
    xmlschema.XMLSchema(str(DATA / "Project.xsd")).validate(qde)
    gold = tmp_path / "gold.jsonl"
    ledger = tmp_path / "besluiten.jsonl"
    assert main(["import", "project", str(qdpx), "--out", str(gold), "--decisions", str(ledger),
                 "--json", "--quiet"]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["answers"] == 49 and report["codings"] == n_suggestions
    assert report["decisions"] == {}  # only the machine coded: nobody decided anything
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 49
    assert sum(len(r["codings"]) for r in records) == n_suggestions
    # Coding the project again without --suggestions gives the same bytes.
    again = tmp_path / "opnieuw.qdpx"
    assert main([*args, "--out", str(again), "--name", "enquete", "--quiet"]) == 0
    assert again.read_bytes() == qdpx.read_bytes()


def test_only_accepted_needs_a_ledger(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "project", str(workdir / "antwoorden.csv"), *LONG, "--only-accepted",
                 "--out", str(workdir / "x.qdpx")])  # fmt: skip
    assert code == 2
    assert "--only-accepted needs --ledger" in capsys.readouterr().err


def test_import_project_from_another_tool_for_one_coder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "anna.jsonl"
    nvivo = DATA / "foreign" / "nvivo"
    assert main(["import", "project", str(nvivo), "--out", str(gold), "--user", "Anna de Wit",
                 "--quiet"]) == 0  # fmt: skip
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert [r["codes"] for r in records] == [
        ["kennisbehoefte.juridisch", "kennisbehoefte.inkoop"],
        ["belemmering.financiering"],
        ["kennisbehoefte.technologie"],
    ]
    assert main(["import", "project", str(nvivo), "--out", str(gold), "--user", "Piet"]) == 2
    assert "no coder 'Piet'" in capsys.readouterr().err


def test_export_excel(workdir: Path, tmp_path: Path) -> None:
    out = tmp_path / "codering.xlsx"
    source = str(workdir / "antwoorden.csv")
    suggestions = str(workdir / "s.jsonl")
    assert main(["export", "excel", source, *LONG, "--suggestions", suggestions,
                 "--out", str(out), "--quiet"]) == 0  # fmt: skip
    names = zipfile.ZipFile(out).namelist()
    assert "xl/workbook.xml" in names


@pytest.mark.skipif(not SAMPLE.exists(), reason="the survey sample is part of the repository")
def test_sample_export_holds_no_contact_data_and_evidence_still_matches(tmp_path: Path) -> None:
    from textcode.coding.suggestions import load_suggestions
    from textcode.interop.refi_project import read_qdpx

    suggestions = tmp_path / "s.jsonl"
    assert main(["code", str(SAMPLE), "--out", str(suggestions), "--quiet"]) == 0
    qdpx = tmp_path / "ifv2020.qdpx"
    assert main(["export", "project", str(SAMPLE), "--suggestions", str(suggestions),
                 "--out", str(qdpx), "--quiet"]) == 0  # fmt: skip
    archive = zipfile.ZipFile(qdpx)
    everything = "¦".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert not EMAIL.search(everything)
    assert not PHONE.search(GUID.sub("", everything))
    assert "[E-MAIL]" in everything  # the sample does carry contact data: it was redacted
    # The highlighting still matches: the redacted sources hold every suggestion's evidence.
    expected = load_suggestions(suggestions)
    project = read_qdpx(qdpx, reference=load_codebook())
    assert len(project.codings) == len(expected) > 50
    assert sorted(project.codings["evidence"]) == sorted(expected["evidence"])


def test_export_codebook_json_is_one_summary_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qdc = tmp_path / "codeboek.qdc"
    assert main(["export", "codebook", "--out", str(qdc), "--json", "--quiet"]) == 0
    summary = json.loads(capsys.readouterr().out)  # nothing but the one JSON object
    assert summary["path"] == str(qdc) and summary["codes"] == len(load_codebook().codes)
    assert summary["format"] == "qdc" and qdc.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("out", [None, "-"])
@pytest.mark.parametrize("what", ["export", "import"])
def test_json_summary_is_refused_when_stdout_holds_the_codebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str | None, what: str
) -> None:
    # --json promises machine-readable stdout; a codebook written there would break the
    # JSON reader behind a pipe, so the two are refused together rather than mixed.
    args = ["export", "codebook"] if what == "export" else [
        "import", "codebook", str(DATA / "emotie_nl.dic")
    ]  # fmt: skip
    args += ["--json", *(["--out", out] if out else [])]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--json" in captured.err and "--out" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_export_codebook_to_stdout_writes_only_the_codebook(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "codebook", "--out", "-", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("<?xml") and captured.out.rstrip().endswith("</CodeBook>")
    assert captured.err == ""


def _two_questions_of_one_group(folder: Path) -> Path:
    """Long answers where 'belemmeringen' and 'knelpunten' both are the group belemmering."""
    path = folder / "knelpunten.csv"
    path.write_text(
        "id,vraag,tekst\n"
        "1,belemmeringen,Te weinig budget voor het project\n"
        "1,knelpunten,Geen tijd naast het gewone werk\n",
        encoding="utf-8",
    )
    return path


def test_export_project_error_on_one_group_twice_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _two_questions_of_one_group(tmp_path)
    empty = tmp_path / "s.jsonl"
    empty.write_text("", encoding="utf-8")
    code = main(["export", "project", str(source), "--id-column", "id", "--question-column",
                 "vraag", "--suggestions", str(empty),
                 "--out", str(tmp_path / "x.qdpx")])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"textcode: error: {source}")
    assert "'belemmeringen'" in err and "'knelpunten'" in err and "'belemmering'" in err
    assert not (tmp_path / "x.qdpx").exists()


def test_imported_gold_joins_ledger_and_agreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The survey names its columns as the sample does ("succesfactor_overig"); suggestions and
    # ledgers name the codebook's group ("succesfactor"). The imported gold must use the same.
    import textcode.review.ledger as review
    from textcode.coding.suggestions import load_suggestions

    source = tmp_path / "enquete.csv"
    source.write_text(
        "id,succesfactor_overig,belemmering_overig\n"
        "1,Voldoende budget en steun van de directie,"
        "Te weinig tijd en geen structurele financiering\n"
        "2,Goede samenwerking met de ketenpartners,Wet- en regelgeving en de AVG\n"
        "3,Bevlogen mensen die doorzetten,Gebrek aan capaciteit bij de regio\n",
        encoding="utf-8",
    )
    columns = ["--id-column", "id", "--text-column", "succesfactor_overig",
               "--text-column", "belemmering_overig"]  # fmt: skip
    suggestions = tmp_path / "s.jsonl"
    assert main(["code", str(source), *columns, "--out", str(suggestions), "--quiet"]) == 0
    found = load_suggestions(suggestions)
    assert set(found["question"]) == {"succesfactor", "belemmering"}
    qdpx = tmp_path / "enquete.qdpx"
    assert main(["export", "project", str(source), *columns, "--suggestions", str(suggestions),
                 "--out", str(qdpx), "--quiet"]) == 0  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    assert main(["import", "project", str(qdpx), "--out", str(gold), "--quiet"]) == 0
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert {r["question"] for r in records} == {"succesfactor", "belemmering"}
    assert {r["source_question"] for r in records} == {"succesfactor_overig", "belemmering_overig"}
    assert all(c["user"] == "textcode" for r in records for c in r["codings"])

    ledger = review.Ledger(tmp_path / "besluiten.jsonl")
    ledger.append_many(
        [
            review.LedgerEntry(
                row.suggestion_id, row.response_id, row.question, row.code, "accept", "anna"
            )
            for row in found.itertuples()
        ]
    )
    assert main(["agreement", "--ledger", str(ledger.path), "--gold", str(gold),
                 "--resamples", "20", "--json"]) == 0  # fmt: skip
    result = json.loads(capsys.readouterr().out)
    pair = next(
        p
        for p in result["pairs"]
        if {p["rater_a"], p["rater_b"]} == {"gold", "anna"} and p["code"] == "(all)"
    )
    assert pair["n_units"] > 0  # gold and ledger name the same (answer, code) units
    assert pair["statistics"]["percent_agreement"]["value"] == 1.0
    assert result["n_units"] == len(
        set(zip(found["response_id"], found["question"], found["code"], strict=True))
    )


def test_export_project_error_in_suggestions_names_the_suggestions_file(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (workdir / "s.jsonl").read_text(encoding="utf-8").splitlines()
    wrong = json.loads(lines[1])
    wrong["response_id"] = "r99"  # a respondent the answers do not have
    bad = tmp_path / "andere_suggesties.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(wrong, ensure_ascii=False)]) + "\n", "utf-8")
    code = main(["export", "project", str(workdir / "antwoorden.csv"), *LONG, "--suggestions",
                 str(bad), "--out", str(tmp_path / "x.qdpx"), "--quiet"])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"textcode: error: {bad}, line 2, field 'response_id'")
    assert "'r99'" in err


@pytest.mark.parametrize("what", ["excel", "project"])
@pytest.mark.parametrize(
    ("field", "value"), [("response_id", "r99"), ("code", "belemmering.bestaat_niet")]
)
def test_export_refuses_a_suggestion_that_fits_no_answer_naming_its_line(
    workdir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    field: str,
    value: str,
) -> None:
    """A respondent the answers lack, or a code the codebook lacks: one line naming the file's
    line (a blank line counts, as in every reader), and no workbook or project written."""
    lines = (workdir / "s.jsonl").read_text(encoding="utf-8").splitlines()
    wrong = json.loads(lines[1])
    assert wrong["evidence"]  # a real Dutch span, e.g. 'Enthousiasme'
    wrong[field] = value
    bad = tmp_path / "suggesties.jsonl"
    bad.write_text(f"{lines[0]}\n\n{json.dumps(wrong, ensure_ascii=False)}\n", "utf-8")
    out = tmp_path / ("codering.xlsx" if what == "excel" else "enquete.qdpx")
    code = main(["export", what, str(workdir / "antwoorden.csv"), *LONG, "--suggestions",
                 str(bad), "--out", str(out), "--quiet"])  # fmt: skip
    assert code == 2 and not out.exists()
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"textcode: error: {bad}, line 3, field {field!r}: ")
    assert repr(value) in err
