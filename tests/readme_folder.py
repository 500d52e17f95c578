"""A researcher's folder outside the checkout: the files the README, docs and ``--help``
examples name (``antwoorden.csv``, ``enquete.xlsx``, ``gold.jsonl``, ``beslissingen.jsonl``
...), made from the real Dutch answers in ``tests/data`` so that every example runs as written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
from cli_run import run_cli

from textcode.codebook.loader import default_codebook_path

DATA = Path(__file__).resolve().parent / "data"
QUESTIONS = ("kennisbehoefte", "succesfactor", "belemmering")
TYPES = ("Veiligheidsregio", "Politie", "Vitale infrastructuur", "Gemeente")


def wide_answers() -> pd.DataFrame:
    """One row per respondent, one column per open question (validation answers, in order)."""
    rows = [json.loads(line) for line in (DATA / "validation_nl.jsonl").open(encoding="utf-8")]
    by_question = {q: [r["text"] for r in rows if r["question"] == q] for q in QUESTIONS}
    n = max(len(texts) for texts in by_question.values())
    table = pd.DataFrame(
        {
            "respondent": [f"r{i + 1:03d}" for i in range(n)],
            "organisatietype": [TYPES[i % len(TYPES)] for i in range(n)],
        }
    )
    for question, texts in by_question.items():
        table[question] = texts + [""] * (n - len(texts))
    table["toelichting"] = [
        "Mail me gerust: anna.devries@example.nl" if i == 2 else "" for i in range(n)
    ]
    return table


def make_folder(folder: Path) -> Path:
    """Fill ``folder`` with the example files; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    wide = wide_answers()
    wide.drop(columns="toelichting").to_csv(folder / "antwoorden.csv", index=False)
    wide.to_csv(folder / "enquete.csv", index=False)
    long = wide.melt(
        id_vars=["respondent", "organisatietype"],
        value_vars=list(QUESTIONS),
        var_name="vraag",
        value_name="antwoord",
    )
    long = long[long["antwoord"] != ""]
    with (folder / "antwoorden.jsonl").open("w", encoding="utf-8") as handle:
        for record in long.to_dict("records"):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    long.rename(columns={"respondent": "respondent_id", "vraag": "variable"}).to_csv(
        folder / "panel.csv", index=False
    )
    pd.DataFrame({"id": range(1, len(long) + 1), "antwoord": long["antwoord"]}).to_csv(
        folder / "consultatie.csv", index=False
    )
    _workbook(folder / "enquete.xlsx", wide)
    _spss(folder / "enquete.sav", wide)
    shutil.copy(DATA / "dev_gold_nl.jsonl", folder / "gold.jsonl")
    shutil.copy(DATA / "review" / "labelled_crisis_nl.jsonl", folder / "gelabeld.jsonl")
    shutil.copy(DATA / "themes" / "belemmeringen_nl.csv", folder / "belemmeringen.csv")
    for name in ("mijn.yaml", "mijn_codeboek.yaml"):
        shutil.copy(default_codebook_path(), folder / name)
    interop = DATA / "interop"
    shutil.copy(interop / "belemmeringen_nl.cat", folder / "woordenboek.cat")
    shutil.copy(interop / "belemmeringen_nl.cat", folder / "belemmeringen.cat")
    shutil.copy(interop / "emotie_nl.dic", folder / "emotie.dic")
    for name in ("woordenboek.yml", "crisis.yml"):
        shutil.copy(interop / "crisis_nl.yml", folder / name)
    for name in ("woordenboek.lc3", "sentiment.lc3"):
        shutil.copy(interop / "sentiment_nl.lc3", folder / name)
    shutil.copy(interop / "nvivo_codebook.qdc", folder / "codeboek.qdc")
    _coded(folder)
    return folder


def _workbook(path: Path, wide: pd.DataFrame) -> None:
    """An export as survey tools write it: an explanation first, the answers on sheet two."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame(
            {"Toelichting": ["Enquête innovatie 2024", "Antwoorden op het tweede blad."]}
        ).to_excel(writer, sheet_name="Toelichting", index=False)
        wide.to_excel(writer, sheet_name="Antwoorden", index=False)


def _spss(path: Path, wide: pd.DataFrame) -> None:
    import pyreadstat

    frame = pd.DataFrame(
        {
            "respnr": range(1, len(wide) + 1),
            "organisatietype": wide["organisatietype"],
            "Q12_open": wide["belemmering"],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=["Respondentnummer", "Type organisatie", "Wat belemmerde het project?"],
    )


def _coded(folder: Path) -> None:
    """Suggestions, a ledger with a few decisions and REFI-QDA projects, as the CLI makes them."""

    def run(*args: str) -> str:
        ran = run_cli(*args, cwd=folder)
        assert ran.returncode == 0, f"textcode {' '.join(args)}: {ran.stderr}"
        return ran.stdout

    run("code", "antwoorden.csv", "--out", "suggesties.jsonl", "--quiet")
    shutil.copy(folder / "suggesties.jsonl", folder / "s.jsonl")
    ids = [
        json.loads(line)["suggestion_id"]
        for line in (folder / "suggesties.jsonl").open(encoding="utf-8")
    ]
    for ledger in ("beslissingen.jsonl", "besluiten.jsonl"):
        run("review", "suggesties.jsonl", "--ledger", ledger, "--reviewer", "anna",
            "--accept", ids[0], "--accept", ids[1], "--reject", ids[2])  # fmt: skip
        run("review", "suggesties.jsonl", "--ledger", ledger, "--reviewer", "bram",
            "--accept", ids[0], "--reject", ids[1], "--reject", ids[2])  # fmt: skip
    run("export", "project", "antwoorden.csv", "--suggestions", "s.jsonl",
        "--ledger", "besluiten.jsonl", "--out", "gecodeerd.qdpx")  # fmt: skip
    for name in ("nvivo_export.qdpx", "elders_gecodeerd.qdpx", "enquete_nvivo.qdpx"):
        shutil.copy(folder / "gecodeerd.qdpx", folder / name)
