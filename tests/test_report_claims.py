"""Insights a researcher can sign (issue 17): populations named, ties stated, claims checked,
the same N for sentence, table and chart, Dutch throughout, keywords worth reading.

The sample's report is checked as it is; a copy with data changed (in tmp_path: inputs are
never modified) must get its contradicted claim marked and make ``--strict`` fail.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from PIL import Image

from textcode.analysis import SurveyAnalysis, analyse_survey
from textcode.analysis.claims import holds, implied_expectations, parse_expectation
from textcode.analysis.tokens import content_lemmas
from textcode.cli import main
from textcode.codebook import parse_codebook
from textcode.coding import Coder
from textcode.report import ReportOptions, load_and_code, render_report
from textcode.report import render as render_module
from textcode.report.cloud import PALETTE, word_cloud

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020"

# Words textcode wrote in English into Dutch reports and explanations before (issue 17), and
# the words of its English sentences: none may stand in textcode's own Dutch text.
ENGLISH_WORDS = frozenset(
    """
    the and with small counts cells expect fewer than smallest unreliable matched marks
    rule missing sufficient turns codebook whole answer mention mentioned most
    other themes theme among against each equally often new option options test chi-square
    exact none respondents share shares answered both as
    """.split()
)


class OwnText(HTMLParser):
    """The report's own text: quotes, answers, keywords in context and lemmas left out."""

    SKIPPED = ("blockquote", "table.kwic", "table.keyness", "section#letterlijk")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {k: v or "" for k, v in attrs}
        if tag in ("img", "meta", "br", "link"):
            return
        skipped = (
            tag == "blockquote"
            or (tag == "table" and data.get("class") in ("kwic", "keyness", "answers"))
            or (tag == "section" and data.get("id") in ("letterlijk", "bijlage-antwoorden"))
            or tag in ("mark", "style", "code")  # code: key names such as `expect`
        )
        inside = bool(self.stack and self.stack[-1][1])
        self.stack.append((tag, skipped or inside))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1]:
            return
        self.words.extend(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", data))


@pytest.fixture(scope="module")
def analysis() -> SurveyAnalysis:
    loaded = load_and_code(SAMPLE / "responses.csv")
    return analyse_survey(
        loaded.answers, loaded.suggestions, roles=loaded.roles, codebook=loaded.codebook
    )


@pytest.fixture(scope="module")
def charts(analysis: SurveyAnalysis) -> tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]]:
    """The sample's report, with every bar chart's data as it was drawn."""
    drawn: list[dict[str, Any]] = []
    original = render_module.bar_chart

    def spy(labels: Any, shares: Any, counts: Any, **kwargs: Any) -> bytes:
        drawn.append({"labels": list(labels), "shares": list(shares), "counts": list(counts)})
        drawn[-1].update(kwargs)
        return original(labels, shares, counts, **kwargs)

    render_module.bar_chart = spy  # type: ignore[assignment]
    try:
        result = render_report(analysis, ReportOptions(source="responses.csv"))
    finally:
        render_module.bar_chart = original  # type: ignore[assignment]
    return result.html, result.tables, drawn


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str]:
    """A copy of the sample: 'Juridische kennis' ticked as success factor on 50 rows, a
    population taken out of the sidecar and a conclusion that cites what is not there."""
    folder = tmp_path_factory.mktemp("mutated")
    table = pd.read_csv(SAMPLE / "responses.csv", dtype=str, keep_default_na=False)
    table.loc[table.index[:50], "sf_juridische_kennis"] = "1"
    table.to_csv(folder / "responses.csv", index=False)
    sidecar = (SAMPLE / "responses.textcode.yaml").read_text(encoding="utf-8")
    sidecar = sidecar.replace("    population: die een overige belemmering noemden\n", "")
    sidecar += (
        "  - id: verzonnen\n"
        "    text: Dit cijfer bestaat niet {geen_statement}.\n"
        '    expect: ["tastbaar < 10%"]\n'
    )
    (folder / "responses.textcode.yaml").write_text(sidecar, encoding="utf-8")
    before = (SAMPLE / "responses.csv").read_bytes()
    out = folder / "rapport"
    error = io.StringIO()
    from contextlib import redirect_stderr

    with redirect_stderr(error):
        code = main(["report", str(folder / "responses.csv"), "--out", str(out), "--strict"])
    assert (SAMPLE / "responses.csv").read_bytes() == before
    return code, (out / "report.html").read_text(encoding="utf-8"), error.getvalue()


def test_the_overig_sentence_names_its_population(analysis: SurveyAnalysis) -> None:
    insight = analysis.insights.get("succesfactor:succesfactor.interne_capaciteit")
    assert insight.text == (
        "Van de 11 projecten die een overige succesfactor noemden, noemt bijna één op de tien "
        "'Interne capaciteit' (1 van 11, 9%)."
    )
    # The multiple-choice question counts all projects, and says so with its own N.
    option = analysis.insights.get("succesfactoren:interne_capaciteit")
    assert "(53 van 89, 60%)" in option.text


def test_without_a_population_the_sentence_says_who_answered(
    mutated: tuple[int, str, str],
) -> None:
    _, html, _ = mutated
    assert (
        "Van de 11 projecten met een inhoudelijk antwoord op &#x27;Belemmeringen, overig&#x27;"
        in html
        or "Van de 11 projecten met een inhoudelijk antwoord op 'Belemmeringen, overig'" in html
    )


def test_ties_are_stated(analysis: SurveyAnalysis) -> None:
    needs = analysis.insights.get("kennisbehoefte:top").text
    assert "worden vijf thema's even vaak genoemd (elk 3 van 20, 15%)" in needs
    for label in ("Innovatieprocessen organiseren", "Markt en netwerken", "Organisaties verbinden"):
        assert f"'{label}'" in needs
    factors = analysis.insights.get("succesfactor:top").text
    assert "'Bevlogenheid en doorzettingsvermogen' (27%)" in factors
    assert "daarna negen thema's even vaak (elk 1 van 11, 9%)" in factors
    barriers = analysis.insights.get("belemmering:top").text
    assert "twee thema's even vaak genoemd (elk 2 van 11, 18%)" in barriers
    holder = analysis.insights.get("portefeuillehouder:mode").text
    assert "'Ja' en 'Nee' even vaak gekozen" in holder and "(12 van 24, 50%)" in holder


def test_every_chart_n_is_the_base_of_its_percentages(
    charts: tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]],
) -> None:
    _, _, drawn = charts
    assert len(drawn) == 3 + 6 + 16  # open questions, multiple choice, closed questions
    for chart in drawn:
        match = re.search(r"\(N = (\d+)\)$", chart["title"])
        assert match, chart["title"]
        base = int(match.group(1))
        for share, n in zip(chart["shares"], chart["counts"], strict=True):
            assert share == pytest.approx(n / base), chart["title"]
    needs = next(c for c in drawn if c["title"].startswith("Aan welke soort kennis"))
    assert needs["title"].endswith("(N = 20)") and 3 in needs["counts"]


def test_the_mutated_claim_is_flagged_and_strict_fails(mutated: tuple[int, str, str]) -> None:
    code, html, error = mutated
    assert code == 1
    item = re.search(r'<li id="i-juridisch_succesfactor">(.*?)</li>', html, flags=re.S)
    assert item is not None
    assert "(50 van 89, 56%)" in re.sub(r"<[^>]+>", "", item.group(1))
    assert "De gegevens spreken deze bewering tegen" in item.group(1)
    assert "zelden" in item.group(1) and "56%" in item.group(1)
    assert "statement juridisch_succesfactor" in error and "--strict" in error
    # The conclusion citing what is not there, and expecting what is false, is marked too.
    assert "geen_statement" in error and "conclusion verzonnen" in error
    assert "een bewering die het rapport niet kent" in html


def test_the_sample_contradicts_none_of_its_claims(analysis: SurveyAnalysis) -> None:
    from textcode.analysis.survey import contradictions

    assert contradictions(analysis) == []
    checked = {i.id for i in analysis.insights if i.expectations}
    assert {"juridisch_succesfactor", "verankering_vergelijking", "geen_lokaal"} <= checked
    assert [c.id for c in analysis.conclusions] == [
        "breder_toepasbaar",
        "versnippering",
        "kennisdeling",
    ]
    assert all(c.holds and len(c.cited) >= 2 for c in analysis.conclusions)


def test_expectations_read_and_check() -> None:
    assert holds(parse_expectation("<= 10%"), {"": (0.104, 5)}) is True
    assert holds(parse_expectation("<= 10%"), {"": (0.56, 50)}) is False
    assert holds(parse_expectation("a > b"), {"a": (0.58, 14), "b": (0.96, 23)}) is False
    assert holds(parse_expectation("most"), {"": (0.51, 45)}) is True
    assert holds(parse_expectation("== 0"), {"": (0.0, 0)}) is True
    words = [e.word for e in implied_expectations("Juridische kennis is zelden een succesfactor")]
    assert words == ["zelden"]
    with pytest.raises(ValueError, match="cannot read"):
        parse_expectation("ongeveer de helft")


def test_a_sidecar_expectation_that_cannot_be_read_names_its_line(tmp_path: Path) -> None:
    from textcode.errors import InputError
    from textcode.ingest.sidecar import load_sidecar

    text = (SAMPLE / "responses.textcode.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "x.textcode.yaml"
    broken.write_text(text.replace('expect: "<= 10%"', 'expect: "zo ongeveer"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_sidecar(broken)
    line = text[: text.index('expect: "<= 10%"')].count("\n") + 1
    assert f"line {line}" in str(caught.value) and "expect" in str(caught.value)


def test_group_differences_are_tested_with_small_n_caution(
    analysis: SurveyAnalysis, charts: tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]]
) -> None:
    differences = analysis.differences
    assert set(differences["test"]) <= {"fisher exact", "chi-square"}
    level = differences[
        (differences["attribute"] == "niveau") & (differences["value"] == "Bestuur")
    ].iloc[0]
    assert (level["high"], level["high_n"], level["high_base"]) == ("Landelijk", 16, 30)
    assert (level["low"], level["low_n"], level["low_base"]) == ("Interregionaal", 4, 29)
    assert level["p_value"] < 0.01 and not level["small_n"]
    small = differences[differences["small_n"]]
    assert len(small) and (small["smallest_group"] < 10).all()
    html = charts[0]
    assert "Grootste verschillen tussen groepen" in html
    assert "Let op: kleine groepen (kleinste N = 2)" in html
    assert "Thema&#x27;s die samen worden genoemd" in html or "samen worden genoemd" in html


def test_the_open_answers_add_is_traced_to_the_answers(
    charts: tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]],
) -> None:
    html = charts[0]
    paragraph = re.search(r"voegen vier thema(.*?)</p>", html, flags=re.S)
    assert paragraph is not None
    assert "Bevlogenheid en doorzettingsvermogen" in paragraph.group(1)
    assert len(re.findall(r'href="#ev-\d+"', paragraph.group(1))) == 4 + 6


def test_dutch_report_has_no_english(
    charts: tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]],
) -> None:
    parser = OwnText()
    parser.feed(charts[0])
    english = sorted(set(parser.words) & ENGLISH_WORDS)
    assert english == [], english


def test_dutch_explanations_are_dutch_and_english_stays_english(
    analysis: SurveyAnalysis,
) -> None:
    explanations = [str(e) for e in analysis.suggestions["explanation"]]
    assert explanations
    for explanation in explanations:
        words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", explanation)}
        # Quoted answer words may be anything; the sentence around them is Dutch.
        quoted = {
            w.lower() for q in re.findall(r'"([^"]*)"', explanation) for w in re.findall(r"\w+", q)
        }
        assert not (words - quoted) & ENGLISH_WORDS, explanation
        assert re.search(r": regel \S+#\d+", explanation), explanation
    assert any("geeft aan dat het ontbreekt" in e for e in explanations)
    english = Coder(
        parse_codebook(
            "textcode_codebook: 1\nid: e\nversion: '1'\nlanguage: en\ngroups:\n"
            "  - id: q\n    codes:\n      - id: q.budget\n        label: Budget\n"
            "        patterns: [budget]\n"
        )
    ).fit()
    found = english.code(
        pd.DataFrame({"response_id": ["1"], "question": ["q"], "text": ["Not enough budget."]})
    ).suggestions
    (explanation,) = found["explanation"]
    assert explanation.startswith('Budget (q.budget): rule q.budget#1 "budget" matched "budget"')
    assert explanation.endswith('"Not", "enough" mark it as missing.')


def test_keywords_are_worth_reading(
    charts: tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]],
) -> None:
    _, tables, _ = charts
    keywords = tables["kernwoorden"]
    lemmas = set(keywords["lemma"])
    assert not lemmas & {"verm", "ogen"}
    assert not lemmas & {"kennis", "expertise", "innovatie", "behoefte"}  # the question's words
    assert not lemmas & {"naast", "komen", "werk", "zodat"}  # function words
    for lemma in lemmas:  # compounds whole: no head listed beside its compound
        assert not any(other != lemma and other.endswith(lemma) for other in lemmas), lemma
    small = keywords[keywords["count_rest"] == 0]
    assert len(small) and small["small_counts"].all()
    assert (small["p_value"] > 0.001).all()  # exact, not chi-square's p = 0.000
    # The one lemma source splits no "Vermogen" into "verm" + "ogen", for every caller.
    assert "verm" not in content_lemmas("Vermogen om te innoveren", compounds=True)
    assert "ogen" not in content_lemmas("Het vermogen van de regio", compounds=True)
    for name, table in tables.items():
        if "lemma" in table.columns:
            assert not set(table["lemma"].astype(str)) & {"verm", "ogen"}, name


def test_word_clouds_use_dark_colours() -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in PALETTE:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour
    png = word_cloud(Counter({"samenwerking": 9, "informatievoorziening": 6, "meldkamer": 3}))
    assert png is not None
    with Image.open(io.BytesIO(png)) as picture:
        rgb = picture.convert("RGB")
        colours = Counter(rgb.getpixel((x, y)) for x in range(rgb.width) for y in range(rgb.height))
    inked = [c for c, _ in colours.most_common() if c != (255, 255, 255)][:3]
    palette = {tuple(int(p[i : i + 2], 16) for i in (1, 3, 5)) for p in PALETTE}
    assert set(inked) <= palette


def test_multiple_choice_and_closed_tables(
    charts: tuple[str, dict[str, pd.DataFrame], list[dict[str, Any]]],
) -> None:
    html = charts[0]
    section = html[html.index('<section id="meerkeuze"') : html.index('<section id="gesloten"')]
    assert "(niet gecodeerd) (niet gecodeerd)" not in section
    assert "Overig, niet gecodeerd" in section
    rows = re.findall(r"<tr><td>(.*?)</td>", section)
    assert not any("Geen inhoudelijk antwoord" in r for r in rows)
    assert section.count("Erbij uit") == 3  # partners, success factors and barriers only
    closed = html[html.index('<section id="gesloten"') :]
    closed = closed[: closed.index("</section>")]
    assert closed.count('class="chart bar"') == 16
