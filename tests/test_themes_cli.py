"""``textcode themes``: output folder, JSON, candidate codes, errors, and byte-for-byte runs."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from textcode.cli import main

DATA = Path(__file__).resolve().parent / "data" / "themes"
INPUT = [
    str(DATA / "belemmeringen_nl.csv"),
    "--id-column",
    "respnr",
    "--text-column",
    "belemmering",
    "--codebook",
    str(DATA / "codebook_small.yaml"),
    "--quiet",
]


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_runs_write_the_same_files_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("one", "two"):
        assert main(["themes", *INPUT, "--out", str(tmp_path / name)]) == 0
    first, second = files(tmp_path / "one"), files(tmp_path / "two")
    assert first == second
    assert {"assignments.csv", "clusters.json", "map_belemmering.png"} <= set(first)
    clouds = [name for name in first if name.startswith("wordclouds/")]
    assert len(clouds) == len(json.loads(first["clusters.json"])["questions"][0]["clusters"])
    assert all(first[name].startswith(b"\x89PNG") for name in clouds)


def test_assignments_and_clusters_hold_what_the_issue_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["themes", *INPUT, "--out", str(tmp_path), "--no-pictures"]) == 0
    with (tmp_path / "assignments.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "response_id",
        "question",
        "cluster",
        "distance",
        "status",
        "source_question",
    ]
    assert len(rows) == 23
    none = [r for r in rows if r["cluster"] == "-1"]
    assert {r["status"] for r in none} == {"non_substantive"} and all(
        not r["distance"] for r in none
    )
    placed = [r for r in rows if r["cluster"] != "-1"]
    assert all(0.0 <= float(r["distance"]) <= 1.0 for r in placed)
    data = json.loads((tmp_path / "clusters.json").read_text(encoding="utf-8"))
    question = data["questions"][0]
    assert question["question"] == "belemmering" and question["k_choice"]["criterion"] == "cut"
    cluster = question["clusters"][0]
    for key in ("id", "size", "top_lemmas", "representative_ids", "codes", "label", "share"):
        assert key in cluster
    assert not list(tmp_path.glob("*.png"))


def test_json_summary_and_candidate_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nieuw.yaml"
    assert main(["themes", *INPUT, "--seeded", "--json", "--to-codebook", str(target)]) == 0
    data = json.loads(capsys.readouterr().out)
    new = [c for c in data["questions"][0]["clusters"] if c["new"]]
    assert new and new[0]["top_lemmas"][0] == "leverancier"
    assert main(["codebook", "check", str(target)]) == 0
    assert "examples pass" in capsys.readouterr().out


def test_plain_summary_names_the_clusters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes", *INPUT, "--k", "4"]) == 0
    out = capsys.readouterr().out
    assert "belemmering: 23 answers, 18 clustered, 5 non-substantive; 4 clusters (fixed k)" in out
    assert "geld" in out and "leverancier" in out


@pytest.mark.parametrize(("value", "message"), [("0", "at least 1"), ("veel", "'auto'")])
def test_a_bad_k_is_a_usage_error(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["themes", *INPUT, "--k", value])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_an_unknown_question_exits_2_naming_the_questions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["themes", *INPUT, "--question", "kennisbehoefte"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0
    assert "no answers to question kennisbehoefte (questions: belemmering)" in error


def test_a_fresh_process_writes_the_same_files(tmp_path: Path) -> None:
    """Determinism without shared caches or hash order: this warm process (its caches filled
    by earlier tests) and a fresh interpreter with another hash seed write the same bytes."""
    assert main(["themes", *INPUT, "--out", str(tmp_path / "a"), "--quiet"]) == 0
    root = Path(__file__).resolve().parents[1]
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run(
        [sys.executable, "-m", "textcode", "themes", *INPUT, "--out", str(tmp_path / "b")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_question_by_name_selects_its_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = tmp_path / "lang.csv"
    long.write_text(
        "id,vraag,antwoord\n1,B1,corona\n2,B1,de coronacrisis\n3,B2,klimaat\n"
        "4,B1,toeslagenaffaire\n",
        encoding="utf-8",
    )
    args = ["themes", str(long), "--id-column", "id", "--question-column", "vraag"]
    assert main([*args, "--text-column", "antwoord", "--question", "B1", "--json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["question"] for q in data["questions"]] == ["B1"]
    assert data["questions"][0]["n_answers"] == 3


def test_a_rerun_removes_the_previous_runs_pictures_but_not_the_users_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review item 7: word clouds of clusters that no longer exist must not mix with the new run."""
    out = tmp_path / "thema"
    assert main(["themes", *INPUT, "--out", str(out)]) == 0
    first = sorted(p.name for p in (out / "wordclouds").iterdir())
    assert len(first) > 2
    (out / "notities.txt").write_text("mijn eigen aantekeningen", encoding="utf-8")
    assert main(["themes", *INPUT, "--k", "2", "--out", str(out)]) == 0
    assert sorted(p.name for p in (out / "wordclouds").iterdir()) == [
        "belemmering_00.png",
        "belemmering_01.png",
    ]
    assert (out / "notities.txt").read_text(encoding="utf-8") == "mijn eigen aantekeningen"
    assert main(["themes", *INPUT, "--no-pictures", "--out", str(out)]) == 0
    assert not (out / "wordclouds").exists() and not list(out.glob("*.png"))
    assert {"assignments.csv", "clusters.json", "notities.txt"} <= {p.name for p in out.iterdir()}


OVERIG = (
    "respnr,belemmering_overig\n"
    "r01,Te weinig geld voor het project\n"
    "r02,Het geld was op voordat de pilot klaar was\n"
    "r03,Te weinig tijd naast het dagelijkse werk\n"
    "r04,Geen tijd om het goed te testen\n"
    "r05,De leverancier ging failliet\n"
    "r06,De leverancier leverde te laat\n"
    "r07,nvt\n"
)


def test_questions_are_named_by_their_codebook_group_as_in_the_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review item 18: themes' outputs join with `textcode code` on (response_id, question)."""
    source = tmp_path / "overig.csv"
    source.write_text(OVERIG, encoding="utf-8")
    args = [str(source), "--id-column", "respnr", "--text-column", "belemmering_overig"]
    out = tmp_path / "thema"
    assert main(["themes", *args, "--out", str(out), "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith("belemmering (belemmering_overig): 7 answers")
    with (out / "assignments.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["question"] for r in rows} == {"belemmering"}
    assert {r["source_question"] for r in rows} == {"belemmering_overig"}
    data = json.loads((out / "clusters.json").read_text(encoding="utf-8"))
    question = data["questions"][0]
    assert question["question"] == "belemmering"
    assert question["source_questions"] == ["belemmering_overig"]
    assert {c["question"] for c in question["clusters"]} == {"belemmering"}
    assert (out / "map_belemmering.png").exists()
    suggestions = tmp_path / "suggesties.jsonl"
    assert main(["code", *args, "--out", str(suggestions), "--quiet"]) == 0
    coded = {
        (r["response_id"], r["question"])
        for r in map(json.loads, suggestions.read_text(encoding="utf-8").splitlines())
    }
    assert coded and coded <= {(r["response_id"], r["question"]) for r in rows}
    # The column name still selects the question.
    assert main(["themes", *args, "--question", "belemmering_overig", "--json", "--quiet"]) == 0
    assert json.loads(capsys.readouterr().out)["questions"][0]["question"] == "belemmering"


def test_two_columns_of_one_codebook_group_are_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "twee.csv"
    source.write_text(
        "respnr,belemmeringen,knelpunten\n"
        "r01,Te weinig geld,De leverancier was te laat\n"
        "r02,Geen tijd,Weerstand in de organisatie\n",
        encoding="utf-8",
    )
    args = ["--id-column", "respnr", "--text-column", "belemmeringen"]
    assert main(["themes", str(source), *args, "--text-column", "knelpunten", "--quiet"]) == 2
    error = capsys.readouterr().err
    assert "belemmeringen" in error and "knelpunten" in error and "belemmering" in error


def test_words_only_leaves_the_codes_out_of_the_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default answers with the same code are alike; --words-only compares words alone."""
    for name, extra in (("codes", []), ("words", ["--words-only"])):
        args = ["themes", *INPUT, "--out", str(tmp_path / name), "--no-pictures"]
        assert main([*args, *extra]) == 0
    with_codes = json.loads((tmp_path / "codes" / "clusters.json").read_text(encoding="utf-8"))
    words = json.loads((tmp_path / "words" / "clusters.json").read_text(encoding="utf-8"))
    assert with_codes["features"] == {"belemmering": ["words", "codes", "letters"]}
    assert words["features"] == {"belemmering": ["words", "letters"]}

    sample = str(Path(__file__).resolve().parents[1] / "samples" / "ifv2020" / "responses.csv")
    for name, extra in (("sample_codes", []), ("sample_words", ["--words-only"])):
        args = ["themes", sample, "--question", "belemmering", "--no-pictures", "--quiet"]
        assert main([*args, "--out", str(tmp_path / name), *extra]) == 0

    def group_of(folder: str) -> dict[str, tuple[str, float]]:
        path = tmp_path / folder / "assignments.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            return {
                r["response_id"]: (r["cluster"], float(r["distance"] or "nan"))
                for r in csv.DictReader(handle)
            }

    # Both are capaciteit_tijd, yet share no word: "Het budget was geen probleem, maar er waren
    # te weinig mensen ..." and "De coronacrisis slokte in maart alle aandacht op." With codes
    # they are one theme; by words alone the second is far from any theme's centre (with at
    # most sqrt(2n) themes it joins the nearest one all the same).
    coded, words_only = group_of("sample_codes"), group_of("sample_words")
    assert coded["vl03-p02"][0] == coded["vl03-p11"][0]
    assert words_only["vl03-p11"][1] > coded["vl03-p11"][1] + 0.2


@pytest.mark.parametrize(
    ("rows", "said", "unsaid"),
    [
        ("r01,Te weinig tijd en geen budget\n", "1 answer, 1 clustered", "1 answers"),
        ("r01,\nr02,nvt\nr03,weet niet\n", "nothing to cluster", "share no word"),
        ("", "nothing to cluster: no answers", "clusters"),
    ],
)
def test_one_answer_or_none_worth_clustering_is_said_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, said: str, unsaid: str
) -> None:
    source = tmp_path / "weinig.csv"
    source.write_text("respnr,belemmering\n" + rows, encoding="utf-8")
    args = ["--id-column", "respnr", "--text-column", "belemmering", "--quiet"]
    assert main(["themes", str(source), *args]) == 0
    out = capsys.readouterr().out
    assert said in out and unsaid not in out
