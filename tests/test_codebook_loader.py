"""Codebook loading: safe YAML, validation errors that name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from textcode.codebook import dump_codebook, load_codebook, parse_codebook
from textcode.codebook.rules import RuleSyntaxError, parse_rule
from textcode.errors import CodebookError

TAXONOMY_IDS = {
    "kennisbehoefte": [
        "innovatieproces",
        "implementatie",
        "juridisch",
        "inkoop",
        "technologie",
        "informatiemanagement",
        "markt_netwerk",
        "verbinden",
        "vakbekwaamheid",
    ],
    "succesfactor": [
        "interne_capaciteit",
        "kennis_expertise",
        "eindgebruiker",
        "bevlogenheid",
        "projectleiding",
        "stakeholders",
        "faciliteiten",
        "bestuurlijke_steun",
        "financiering",
        "samenwerking",
    ],
    "belemmering": [
        "financiering",
        "besluitvorming",
        "capaciteit_tijd",
        "kennis",
        "juridisch",
        "draagvlak",
        "vrijblijvendheid",
        "projectleiding",
        "techniek",
        "samenwerking",
    ],
    "overig": ["geen_inhoud"],
}

GOOD = """\
id: mini
version: "1"
groups:
  - id: vraag
    codes:
      - id: vraag.geld
        label: Geld
        patterns: [geld]
        examples: {positive: [Geld], negative: [Tijd]}
"""


def test_shipped_codebook_has_exactly_the_taxonomy_ids() -> None:
    codebook = load_codebook()
    expected = [f"{group}.{code}" for group, codes in TAXONOMY_IDS.items() for code in codes]
    assert [code.id for code in codebook.codes] == expected
    for code in codebook.codes:
        assert code.label and code.description
        assert len(code.positive_examples) >= 3, code.id
        assert len(code.negative_examples) >= 2, code.id


def test_shipped_codebook_loads_by_name_and_round_trips() -> None:
    codebook = load_codebook("crisis_innovation_nl.yaml")
    again = parse_codebook(dump_codebook(codebook))
    assert again == codebook


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codeboek.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        (
            GOOD.replace("        label: Geld\n", "        label: Geld\n        colour: red\n"),
            8,
            "colour",
            "unknown key",
        ),
        (
            GOOD + "      - id: vraag.geld\n        label: Nog eens\n        patterns: [budget]\n",
            10,
            "id",
            "duplicate code id",
        ),
        (GOOD.replace("[geld]", "['/geld(/']"), 8, "patterns[1]", "bad regular expression"),
        (GOOD.replace("[geld]", "['  ']"), 8, "patterns[1]", "empty pattern"),
        (
            GOOD.replace("negative: [Tijd]", "negative: [12]"),
            9,
            "examples.negative[1]",
            "must be text, not a number 12",
        ),
        (GOOD.replace("label: Geld", "label: [Geld, Budget]"), 7, "label", "not a list"),
        (GOOD.replace("[geld]", "['geld NEAR/0 tijd']"), 8, "patterns[1]", "distance"),
        (GOOD.replace("[geld]", "['@vraag.onbekend']"), 8, "vraag.geld", "unknown code"),
        (GOOD.replace('version: "1"\n', ""), 1, "version", "required key"),
        (
            GOOD.replace("label: Geld", "label: Geld\n        label: Dubbel"),
            8,
            "label",
            "duplicate key",
        ),
    ],
)
def test_validation_errors_name_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert error.field == key
    assert message in str(error)
    assert "\n" not in str(error)


def test_reference_cycles_are_rejected(tmp_path: Path) -> None:
    text = GOOD.replace("[geld]", "['@vraag.tijd']") + (
        "      - id: vraag.tijd\n        label: Tijd\n        patterns: ['@vraag.geld']\n"
    )
    with pytest.raises(CodebookError, match="cycle"):
        load_codebook(write(tmp_path, text))


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    hostile = GOOD.replace(
        'version: "1"', "version: !!python/object/apply:os.system ['echo hacked']"
    )
    with pytest.raises(CodebookError, match=r"not valid YAML|must be text"):
        load_codebook(write(tmp_path, hostile))


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "bestaat_niet.yaml")


def test_rule_parser_reports_positions() -> None:
    with pytest.raises(RuleSyntaxError, match="character 6"):
        parse_rule("geld (tijd")
    tree = parse_rule("(geld | budget) NEAR/3 tekort NOT SENT overvloed")
    assert type(tree).__name__ == "Binary"
