"""Name redaction after review: lower-case surnames, first names that are words, departments.

The examples are modelled on answers to an election panel and on contact details in
organisation surveys, where respondents type politicians and colleagues in lower case.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from textcode.analysis.kwic import kwic
from textcode.lang.nl.privacy import FUNCTION_WORDS, PRIVACY
from textcode.privacy import detect_pii, redact_text


def red(text: str) -> str:
    return redact_text(text).text


def names(text: str) -> list[str]:
    return [text[h.start : h.end] for h in detect_pii(text, types="NAME")]


# -- A1: lower-case surnames after a first name, a title or initials -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contactpersoon: Sanne bakker, 0612345678", "Contactpersoon: [NAAM], [TELEFOON]"),
        ("Ronald koeman", "[NAAM]"),
        ("Rene le blanc", "[NAAM]"),
        ("Hans wiegel was een goede leider", "[NAAM] was een goede leider"),
        ("moord op Willem van oranje", "moord op [NAAM]"),
        ("Hugo de groot en Michiel de ruyter", "[NAAM] en [NAAM]"),
        ("Vraag het aan Kees van der berg", "Vraag het aan [NAAM]"),
        ("Bel Sanne de vries of Pim jansen", "Bel [NAAM] of [NAAM]"),
        ("Ik stemde op Mark rutte", "Ik stemde op [NAAM]"),
        ("mevrouw de vries belde terug", "mevrouw [NAAM] belde terug"),
        ("ik ben het eens met de heer wilders", "ik ben het eens met de heer [NAAM]"),
        ("Contact: J. de vries of P.J. bakker", "Contact: [NAAM] of [NAAM]"),
    ],
)
def test_lower_case_listed_surname_joins_the_name(text: str, expected: str) -> None:
    assert red(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanne zei dat het goed ging", "[NAAM] zei dat het goed ging"),
        # "de bakker" is the baker: only the bare surname "bakker" is listed.
        ("Jan de bakker kwam langs", "[NAAM] de bakker kwam langs"),
        # Adjectives are listed only with their particle ("de groot").
        ("Sanne groot geworden in Zwolle", "[NAAM] groot geworden in Zwolle"),
        ("Willem twee", "[NAAM] twee"),
        ("fase B. de vries", "fase B. de vries"),
        ("N.B. bakker gezocht", "N.B. bakker gezocht"),
    ],
)
def test_ordinary_lower_case_words_stay(text: str, expected: str) -> None:
    assert red(text) == expected


def test_lower_case_surname_span_is_exact() -> None:
    text = "Vragen aan Rene le blanc, graag."
    assert names(text) == ["Rene le blanc"]
    assert names("dhr.  rutte zei niets") == ["rutte"]


# -- A2: first names that are also words ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Elke stem telt",
        "Elke stem geldt, dus ik ga stemmen.",
        "Elke partij belooft veel voor de verkiezingen",
        "Ik ga altijd stemmen. Elke stem telt!",
        "Wilhelmus",
        "Bij het Wilhelmus sta ik op",
    ],
)
def test_words_that_are_first_names_are_not_redacted(text: str) -> None:
    assert red(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elke de Boer belde gisteren", "[NAAM] belde gisteren"),
        ("Vragen aan Elke Jansen", "Vragen aan [NAAM]"),
        ("Elke jansen belde", "[NAAM] belde"),
        ("Ik sprak Elke gisteren over het plan", "Ik sprak [NAAM] gisteren over het plan"),
        ("Elke, bel je me terug?", "[NAAM], bel je me terug?"),
        ("Wilhelmus van Nassouwe", "[NAAM]"),
    ],
)
def test_first_names_that_are_words_keep_recall(text: str, expected: str) -> None:
    assert red(text) == expected


# -- A3: a particle before a department name is no surname -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mevrouw Bakker van Juridische Zaken", "mevrouw [NAAM] van Juridische Zaken"),
        ("mevrouw Jansen van Sociale Zaken belde", "mevrouw [NAAM] van Sociale Zaken belde"),
        ("Sanne van Openbare Werken belde", "[NAAM] van Openbare Werken belde"),
        ("Piet van Financiële Zaken", "[NAAM] van Financiële Zaken"),
        # Listed surnames that are ordinary words stay whole before a capitalised word.
        ("Anna van Dijk Amsterdam belde", "[NAAM] Amsterdam belde"),
        ("mevrouw de Lange van Algemene Zaken", "mevrouw [NAAM] van Algemene Zaken"),
    ],
)
def test_department_after_particle_is_not_the_surname(text: str, expected: str) -> None:
    assert red(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A particle in odd capitals is not the surname itself.
        ("Bas van Der Vlies", "[NAAM]"),
        ("Stem op Bas Van Der Vlies!", "Stem op [NAAM]!"),
        # A listed surname right after a full name is a double surname.
        ("Anna de Lange Jansen zei het al", "[NAAM] zei het al"),
        ("Anna de Vries Bakker-Smit", "[NAAM]"),
    ],
)
def test_whole_names_are_taken(text: str, expected: str) -> None:
    assert red(text) == expected


# -- the surname list ---------------------------------------------------------------------------


def test_surname_list_shape() -> None:
    surnames = PRIVACY.surnames
    assert 250 <= len(surnames) <= 2000
    assert all(s == s.lower() and s == " ".join(s.split()) for s in surnames)
    assert {"bakker", "jansen", "de vries", "van der berg", "le blanc", "koeman"} <= surnames
    particles = {w for p in PRIVACY.surname_prefixes for w in p.split()}
    for surname in surnames:
        *front, core = surname.split()
        assert core not in particles, surname
        assert front or core not in FUNCTION_WORDS, surname  # "van der meer" yes, "meer" no
        assert all(w in particles for w in front) or surname == "bruins slot", surname
    # Adjectives and words that are also a title or an article come only with a particle.
    for bare in ("groot", "klein", "wit", "jong", "jonge", "lange", "heer", "man", "prins"):
        assert bare not in surnames


# -- C: kwic does not find what redaction hides ----------------------------------------------


ANSWERS = pd.DataFrame(
    {
        "response_id": ["r1", "r2", "r3"],
        "question": ["belemmering"] * 3,
        "text": [
            "Vragen hierover kunnen naar Petra de Vries (06-12345678).",
            "Het budget was op; de vries van het voorjaar kwam te laat.",
            "Geen budget voor drones, zegt Sanne bakker.",
        ],
    }
)


def test_kwic_term_search_skips_redacted_names() -> None:
    hits = kwic(ANSWERS, term="vries")
    assert list(hits["response_id"]) == ["r2"]
    assert "[[NAAM]]" not in " ".join(hits["keyword"])
    assert list(kwic(ANSWERS, term="bakker")["response_id"]) == []
    # Without redaction the names are found, as written.
    raw = kwic(ANSWERS, term="vries", redact=False)
    assert list(raw["response_id"]) == ["r1", "r2"]
    assert list(kwic(ANSWERS, term="bakker", redact=False)["keyword"]) == ["bakker"]


def test_kwic_term_context_is_redacted() -> None:
    hits = kwic(ANSWERS, term="budget", window=8)
    assert list(hits["response_id"]) == ["r2", "r3"]
    row = hits[hits["response_id"] == "r3"].iloc[0]
    assert row["right"] == "voor drones, zegt [NAAM]."


def test_kwic_cli_term_does_not_confirm_a_redacted_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from textcode.cli import main

    data = tmp_path / "antwoorden.csv"
    data.write_text(
        "id,belemmering\n"
        '1,"Vragen kunnen naar Petra de Vries, 06-12345678."\n'
        '2,"Het geld was op door de lange vries in maart."\n',
        encoding="utf-8",
    )
    args = ["kwic", str(data), "--id-column", "id", "--text-column", "belemmering"]
    assert main([*args, "--term", "Vries", "--json", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "NAAM" not in out and "Petra" not in out
    assert [line for line in out.splitlines() if line.strip()] and '"2"' in out
    assert main([*args, "--term", "Petra", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "NAAM" not in captured.out and "no hits" in captured.err
