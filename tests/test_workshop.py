"""The codebook workshop: terms proposed from the researcher's own answers, reviewed as a YAML
patch, applied to a new codebook file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest
import yaml

from textcode.cli import main
from textcode.codebook import load_codebook, parse_codebook, save_codebook
from textcode.coding import Coder
from textcode.errors import InputError
from textcode.workshop import (
    NewPattern,
    Patch,
    apply_patch,
    bump_version,
    dump_patch,
    load_patch,
    parse_patch,
    patch_from_proposals,
    read_patch,
    suggest_terms,
    write_patch,
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
    "Het stiksfot probleem",
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
    # Already matched by the codebook: "corona", and "vacinnatie", a long word two edits
    # from "vaccinatie" that the coder reads as its misspelling.
    assert "corona" not in by_term and "vacinnatie" not in by_term
    assert all(p.code == "b1.corona" for p in proposals)
    # A shorter word two edits away is left to the researcher.
    typo = {p.term: p for p in suggest_terms(answers, book, code="b1.klimaat")}["stiksfot"]
    assert typo.source == "variant" and typo.related_to == "stikstof"


@pytest.mark.parametrize(
    ("word", "term", "exact", "form"),
    [
        ("vacinnatie", "vaccinatie", False, True),  # a misspelling
        ("oorlogen", "oorlog", False, True),  # an inflection
        ("vernieuwing", "vernieuwen", False, True),  # a derivation
        ("partij", "partijlid", False, False),  # the term's base
        ("dierenleed", "dieren", False, False),  # a compound with another word
        ("belangrijk", "belangen", False, False),  # a look-alike
        ("werken", "werkende", True, False),  # an exact term keeps its inflections out
    ],
)
def test_a_variant_is_a_form_of_the_term_not_its_base_or_a_compound(
    word: str, term: str, exact: bool, form: bool
) -> None:
    from textcode.lang import get_language
    from textcode.nlp.lexicon import load_lexicon
    from textcode.workshop.terms import _form_of

    assert _form_of(word, term, load_lexicon("nl"), get_language("nl"), exact=exact) is form


def test_a_patch_round_trips_and_applies_to_a_new_version(book, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proposals = [p for p in suggest_terms(answers, book) if p.term == "avondklok"]
    patch = patch_from_proposals(book, proposals)
    assert write_patch(patch, tmp_path / "voorstel.yaml") == patch
    read = load_patch(tmp_path / "voorstel.yaml")
    assert (read.codebook, read.version) == ("nieuws", "2021.1.0")
    entry = read.add_patterns[0]
    assert (entry.code, entry.rule) == ("b1.corona", "avondklok")
    assert entry.evidence["source"] == "keyness"
    grown = apply_patch(book, read)
    assert grown.version == "2021.1.1"
    assert grown.code("b1.corona").patterns[-1].rule == "avondklok"
    assert book.code("b1.corona").patterns[-1].rule == "vaccinatie"  # the input is unchanged
    found = Coder(grown).code_text("Die avondklok natuurlijk", "b1")
    assert [s.code for s in found] == ["b1.corona"]
    # What suggest-terms measured is shown in the patch, never written into the codebook.
    assert "keyness" in dump_patch(read)
    save_codebook(grown, tmp_path / "gegroeid.yaml")
    assert "keyness" not in (tmp_path / "gegroeid.yaml").read_text(encoding="utf-8")


# The same change in the three forms a patch has had: suggest-terms' first patches, the
# desk's drafts, and the one format both write now.
SAME_CHANGE = {
    "textcode_patch: 1": """textcode_patch: 1
codebook: nieuws
proposals:
  - code: b1.corona
    add: avondklok | mondkapje*
    source: keyness
    answers: 9
""",
    "textcode_draft: 1": """textcode_draft: 1
codebook: nieuws
add_patterns:
  - {code: b1.corona, rule: avondklok | mondkapje*}
""",
    "textcode_patch: 2": """textcode_patch: 2
codebook: nieuws
add_patterns:
  - code: b1.corona
    rule: avondklok | mondkapje*
    source: keyness
    answers: 9
""",
}


@pytest.mark.parametrize("form", sorted(SAME_CHANGE))
def test_every_form_of_a_patch_applies_the_same(book, form: str) -> None:  # type: ignore[no-untyped-def]
    patch = parse_patch(SAME_CHANGE[form], source="voorstel.yaml")
    assert [(e.code, e.rule) for e in patch.add_patterns] == [
        ("b1.corona", "avondklok | mondkapje*")
    ]
    grown = apply_patch(book, patch)
    assert grown.version == "2021.1.1"
    found = Coder(grown).code_text("Met die mondkapjes in de winkel", "b1")
    assert [s.code for s in found] == ["b1.corona"]
    assert Coder(book).code_text("Met die mondkapjes in de winkel", "b1") == []


def test_a_patch_adds_codes_rewrites_rules_and_adds_rules_in_one_version(book) -> None:  # type: ignore[no-untyped-def]
    patch = Patch(
        "nieuws",
        "2021.1.0",
        add_codes=(
            (
                "b1",
                {
                    "id": "b1.toeslagen",
                    "label": "Toeslagenaffaire",
                    "patterns": ["toeslag*", "kinderopvangtoeslag"],
                    "examples": {"positive": ["De toeslagenaffaire"], "negative": []},
                },
            ),
        ),
        add_patterns=(NewPattern("b1.klimaat", "boer*"),),
        replace_patterns=(("b1.corona#2", "vaccin*"),),
    )
    grown = apply_patch(book, patch)
    assert grown.version == "2021.1.1" and patch.new_codes == ["b1.toeslagen"]
    coder = Coder(grown)
    codes = {s.code for s in coder.code_text("De toeslagenaffaire en de boeren", "b1")}
    assert codes == {"b1.toeslagen", "b1.klimaat"}
    assert [s.code for s in coder.code_text("Het vaccineren ging traag", "b1")] == ["b1.corona"]
    assert apply_patch(book, patch, version="proef").version == "proef"


def test_bad_patches_name_file_line_and_field(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    patch = tmp_path / "fout.yaml"
    patch.write_text(
        "textcode_patch: 1\ncodebook: nieuws\nproposals:\n"
        "  - code: b1.corona\n    add: (avondklok\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"fout.yaml, line 5.*proposals\[1\]\.add"):
        load_patch(patch)
    patch.write_text(
        "textcode_patch: 2\nadd_patterns:\n  - code: b1.corona\n    rule: avondklok\n"
        "    add: mondkapje\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"line 5.*add_patterns\[0\]\.add"):
        load_patch(patch)
    patch.write_text("textcode_patch: 3\nadd_patterns: []\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1.*unsupported format"):
        load_patch(patch)
    patch.write_text(
        "textcode_patch: 1\nproposals:\n  - code: b1.bestaat_niet\n    add: virus\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"line 3.*no code 'b1\.bestaat_niet'"):
        apply_patch(book, load_patch(patch))
    assert read_patch({"add_patterns": [{"code": "b1.corona", "rule": "griep"}]}).add_patterns


def test_a_code_a_patch_adds_is_checked_on_the_patchs_own_lines(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new code that does not validate names its line in the patch (not "line 0"), and one
    whose id the codebook has already says so; the patch itself is not changed by applying."""
    patch = tmp_path / "voorstel.yaml"
    head = "textcode_patch: 2\ncodebook: nieuws\nadd_codes:\n"
    code = (
        "  - group: b1\n    id: b1.toeslagen\n    label: Toeslagenaffaire\n"
        "    patterns:\n      - toeslag*\n      - {}\n"
    )
    patch.write_text(head + code.format("(kinderopvang"), encoding="utf-8")
    with pytest.raises(InputError, match=r"voorstel.yaml, line 9, field 'patterns\[2\]'"):
        apply_patch(book, load_patch(patch))
    patch.write_text(head + code.replace("toeslagen", "corona").format("griep"), "utf-8")
    with pytest.raises(InputError, match=r"line 5, field 'id'.*the codebook has it already"):
        apply_patch(book, load_patch(patch))
    extra = "add_patterns:\n  - {code: b1.toeslagen, rule: kinderopvangtoeslag}\n"
    patch.write_text(head + code.format("belastingdienst") + extra, "utf-8")
    loaded = load_patch(patch)
    grown = apply_patch(book, loaded)
    assert grown.code("b1.toeslagen").patterns[-1].rule == "kinderopvangtoeslag"
    assert loaded.to_dict()["add_codes"][0]["patterns"] == ["toeslag*", "belastingdienst"]


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
                "--no-context",
                "--out",
                str(patch),
            ]
        )
        == 0
    )
    written = yaml.safe_load(patch.read_text(encoding="utf-8"))
    assert written["textcode_patch"] == 2
    assert "avondklok" in [p["rule"] for p in written["add_patterns"]]
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
    assert "never writes over its input" in capsys.readouterr().err


# Invented answers in the style of "what struck you in the news": "covid" is never named with
# "corona", but stands next to the same words ("maatregelen", "aanpak", "vaccinatie"); no rule
# of the codebook finds it, so the answers that name only covid have no code.
CONTEXT_ANSWERS = (
    ["corona maatregelen", "de aanpak van corona", "corona en de vaccinatie"] * 12
    + ["covid maatregelen", "de aanpak van covid", "covid en de vaccinatie"] * 5
    + ["het klimaat en de boeren", "stikstof en boeren", "klimaat en windmolens"] * 10
    + ["de toeslagenaffaire", "het kabinet viel", "de debatten op tv"] * 8
)


@pytest.fixture(scope="module")
def context_answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [f"c{i}" for i in range(len(CONTEXT_ANSWERS))],
            "question": "b1",
            "text": CONTEXT_ANSWERS,
        }
    )


def test_words_that_share_contexts_with_a_codes_terms_are_proposed_with_evidence(
    book,  # type: ignore[no-untyped-def]
    context_answers: pd.DataFrame,
) -> None:
    proposals = suggest_terms(context_answers, book)
    context = {(p.code, p.term): p for p in proposals if p.source == "context"}
    covid = context[("b1.corona", "covid")]
    assert covid.related_to == "corona" and covid.near[0][0] == "corona"
    assert covid.score >= 0.3 and covid.near[0][1] >= covid.score - 0.2
    assert (covid.answers, covid.new_answers) == (15, 10)  # "vaccinatie" codes five of them
    assert covid.to_dict()["near"]["corona"] == round(covid.near[0][1], 3)
    # Its neighbours are no words of another code, and none is proposed twice.
    assert ("b1.klimaat", "covid") not in context
    assert len({(p.code, p.term) for p in proposals}) == len(proposals)
    # Learned from the answers themselves: the same answers give the same proposals.
    assert [p.to_dict() for p in suggest_terms(context_answers, book)] == [
        p.to_dict() for p in proposals
    ]
    assert not [
        p for p in suggest_terms(context_answers, book, context=False) if p.source == "context"
    ]


def test_the_context_source_takes_other_word_vectors_and_needs_enough_answers(
    book,  # type: ignore[no-untyped-def]
    answers: pd.DataFrame,
    context_answers: pd.DataFrame,
) -> None:
    import numpy as np

    class Fixed:
        """Vectors chosen by hand: "rellen" points the way of corona, nothing else does."""

        table: ClassVar[dict[str, np.ndarray]] = {
            "corona": np.array([1.0, 0.0]),
            "rellen": np.array([0.8, 0.6]),
            "klimaat": np.array([0.0, 1.0]),
            "stikstof": np.array([0.0, 1.0]),
        }

        def vector(self, word: str) -> np.ndarray | None:
            return self.table.get(word)

    seen: list[int] = []

    def learn(units):  # type: ignore[no-untyped-def]
        seen.append(len(units))
        return Fixed()

    proposals = suggest_terms(answers, book, associations=learn, min_count=1)
    riots = [p for p in proposals if p.term == "rellen"]
    assert seen == [len(answers)]
    assert [(p.code, p.source, p.related_to) for p in riots] == [("b1.corona", "context", "corona")]
    assert riots[0].near == (("corona", 0.8),)
    # Without a function of one's own, 19 answers say too little for word vectors.
    assert not [p for p in suggest_terms(answers, book) if p.source == "context"]


def test_suggest_terms_is_quiet_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(__file__).resolve().parent / "data" / "themes"
    args = [
        "codebook",
        "suggest-terms",
        str(data / "belemmeringen_nl.csv"),
        "--id-column",
        "respnr",
        "--text-column",
        "belemmering",
        "--codebook",
        str(data / "codebook_small.yaml"),
        "--no-context",
    ]
    assert main([*args, "--out", str(tmp_path / "luid.yaml")]) == 0
    assert "-> " in capsys.readouterr().err
    patch = tmp_path / "stil.yaml"
    assert main([*args, "--out", str(patch), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert patch.read_bytes() == (tmp_path / "luid.yaml").read_bytes()
