"""The codebook workshop: terms proposed from the researcher's own answers, reviewed as a YAML
patch, applied to a new codebook file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from textcode.cli import main
from textcode.codebook import load_codebook, parse_codebook, save_codebook
from textcode.errors import InputError
from textcode.workshop import (
    apply_patch,
    bump_version,
    proposals_to_patch,
    read_patch,
    suggest_terms,
)

CODEBOOK = """
textcode_codebook: 1
id: nieuws
version: "2021.1.0"
language: nl
groups:
  - id: b1
    kind: topics
    codes:
      - id: b1.corona
        label: Corona
        patterns: ["corona*", vaccinatie]
        examples:
          positive: [Alles ging over corona]
      - id: b1.klimaat
        label: Klimaat
        patterns: [klimaat, stikstof]
        examples:
          positive: [Het klimaat]
"""

ANSWERS = [
    "Corona en de avondklok",
    "De avondklok en corona",
    "corona, vooral de avondklok",
    "Coronamaatregelen zoals de avondklok",
    "Corona: lockdown en avondklok",
    "de avondklok tegen corona",
    "de avondklok",
    "Die avondklok natuurlijk",
    "avondklok en rellen",
    "De vacinnatie gaat te traag",
    "Het klimaat",
    "stikstof en het klimaat",
    "Klimaat en boeren",
    "niets bijzonders",
    "De toeslagenaffaire",
    "Het kabinet viel",
    "Rutte",
    "Veel gedoe bij Forum",
    "de debatten",
]


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return parse_codebook(CODEBOOK)


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(ANSWERS))],
            "question": "b1",
            "text": ANSWERS,
        }
    )


def test_suggest_terms_finds_key_words_and_variants_the_codebook_lacks(book, answers) -> None:  # type: ignore[no-untyped-def]
    proposals = suggest_terms(answers, book, code="b1.corona")
    by_term = {p.term: p for p in proposals}
    curfew = by_term["avondklok"]
    assert curfew.source == "keyness" and curfew.answers == 9 and curfew.new_answers == 3
    assert "de avondklok" in curfew.examples  # the shortest answer it would newly code
    typo = by_term["vacinnatie"]
    assert typo.source == "variant" and typo.related_to == "vaccinatie"
    assert "corona" not in by_term  # already matched by the codebook
    assert all(p.code == "b1.corona" for p in proposals)


def test_a_patch_round_trips_and_applies_to_a_new_version(book, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proposals = [p for p in suggest_terms(answers, book) if p.term == "avondklok"]
    patch = tmp_path / "voorstel.yaml"
    patch.write_text(proposals_to_patch(book, proposals), encoding="utf-8")
    made_for, version, entries = read_patch(patch)
    assert (made_for, version) == ("nieuws", "2021.1.0")
    grown = apply_patch(book, entries)
    assert grown.version == "2021.1.1"
    assert grown.code("b1.corona").patterns[-1].rule == "avondklok"
    assert book.code("b1.corona").patterns[-1].rule == "vaccinatie"  # the input is unchanged


def test_bad_patches_name_file_line_and_field(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    patch = tmp_path / "fout.yaml"
    patch.write_text(
        "textcode_patch: 1\ncodebook: nieuws\nproposals:\n"
        "  - code: b1.corona\n    add: (avondklok\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"fout.yaml, line 4.*proposals\[1\]\.add"):
        read_patch(patch)
    patch.write_text(
        "textcode_patch: 1\nproposals:\n  - code: b1.bestaat_niet\n    add: virus\n",
        encoding="utf-8",
    )
    _, _, entries = read_patch(patch)
    with pytest.raises(InputError, match=r"no code 'b1\.bestaat_niet'"):
        apply_patch(book, entries, source=str(patch))


def test_versions_go_up_one_step() -> None:
    assert bump_version("2026.1.0") == "2026.1.1"
    assert bump_version("3") == "4"
    assert bump_version("concept") == "concept.1"


def test_cli_suggests_and_applies_without_changing_the_codebook(
    book,
    answers,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    codebook_path = tmp_path / "codeboek.yaml"
    save_codebook(book, codebook_path)
    before = codebook_path.read_bytes()
    data = tmp_path / "antwoorden.jsonl"
    data.write_text(
        "".join(
            json.dumps({"id": r, "question": q, "text": t}, ensure_ascii=False) + "\n"
            for r, q, t in answers[["response_id", "question", "text"]].itertuples(index=False)
        ),
        encoding="utf-8",
    )
    patch = tmp_path / "voorstel.yaml"
    assert (
        main(
            [
                "codebook",
                "suggest-terms",
                str(data),
                "--codebook",
                str(codebook_path),
                "--question-column",
                "question",
                "--code",
                "b1.corona",
                "--out",
                str(patch),
            ]
        )
        == 0
    )
    proposals = yaml.safe_load(patch.read_text(encoding="utf-8"))["proposals"]
    assert "avondklok" in [p["add"] for p in proposals]
    out = tmp_path / "codeboek.v2.yaml"
    assert main(["codebook", "apply-patch", str(codebook_path), str(patch), "--out", str(out)]) == 0
    assert codebook_path.read_bytes() == before
    grown = load_codebook(out)
    assert grown.version == "2021.1.1"
    assert main(["codebook", "check", str(out)]) == 0
    capsys.readouterr()
    refused = main(
        ["codebook", "apply-patch", str(codebook_path), str(patch), "--out", str(codebook_path)]
    )
    assert refused == 2
    assert "never changed in place" in capsys.readouterr().err
