"""`textcode report samples/ifv2020/responses.csv --out DIR`: sections, images, links, privacy,
and the same bytes from a second, separate run (through the Python API)."""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from defusedxml import ElementTree
from PIL import Image

from textcode.analysis import SurveyAnalysis, analyse_survey
from textcode.cli import main
from textcode.report import ReportOptions, load_and_code, render_report, write_report

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020" / "responses.csv"
SECTIONS = (
    "overzicht",
    "inzichten",
    "vraag-kennisbehoefte",
    "vraag-succesfactor",
    "vraag-belemmering",
    "meerkeuze",
    "gesloten",
    "kernwoorden",
    "codes-per-antwoord",
    "letterlijk",
    "verantwoording",
    "bijlage-bewijs",
    "bijlage-antwoorden",
)


class Page(HTMLParser):
    """The parts of the report a test looks at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.images: list[dict[str, str]] = []
        self.section: list[str] = []
        self.sections: list[str] = []
        self.tags: set[str] = set()
        self.number_links = 0
        self.marks: list[str] = []
        self._in_mark = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if "id" in data:
            self.ids.append(data["id"])
        if tag == "section":
            self.sections.append(data.get("id", ""))
            self.section.append(data.get("id", ""))
        if tag == "a" and "href" in data:
            self.hrefs.append(data["href"])
            if "n" in data.get("class", "").split():
                self.number_links += 1
        if tag == "img":
            self.images.append({**data, "section": self.section[-1] if self.section else ""})
        if tag == "link" or tag == "script":
            self.tags.add(tag)
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.section:
            self.section.pop()
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data


@pytest.fixture(scope="module")
def analysis() -> SurveyAnalysis:
    loaded = load_and_code(SAMPLE)
    return analyse_survey(
        loaded.answers, loaded.suggestions, roles=loaded.roles, codebook=loaded.codebook
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, analysis: SurveyAnalysis) -> tuple[Path, Path]:
    """The command line with no option but --out, and a second, separate run through the API."""
    first = tmp_path_factory.mktemp("report1")
    second = tmp_path_factory.mktemp("report2")
    assert main(["report", str(SAMPLE), "--out", str(first), "--quiet"]) == 0
    write_report(analysis, second, options=ReportOptions(source=SAMPLE.name))
    return first, second


@pytest.fixture(scope="module")
def page(runs: tuple[Path, Path]) -> Page:
    parser = Page()
    parser.feed((runs[0] / "report.html").read_text(encoding="utf-8"))
    return parser


def test_every_section_is_there(page: Page) -> None:
    for section in SECTIONS:
        assert section in page.sections, section
    assert page.sections.index("overzicht") < page.sections.index("bijlage-antwoorden")


def test_every_image_is_embedded_and_valid(page: Page) -> None:
    by_section: dict[str, list[str]] = {}
    for image in page.images:
        src = image["src"]
        assert src.startswith("data:"), "images must be inline"
        mime, _, payload = src[5:].partition(";base64,")
        data = base64.b64decode(payload, validate=True)
        if mime == "image/png":
            with Image.open(io.BytesIO(data)) as picture:
                assert picture.format == "PNG" and picture.size[0] > 100
        else:
            assert mime == "image/svg+xml"
            root = ElementTree.fromstring(data)
            assert root.tag.endswith("svg")
        by_section.setdefault(image["section"], []).append(image["class"])
    for question in ("kennisbehoefte", "succesfactor", "belemmering"):
        classes = by_section[f"vraag-{question}"]
        assert "chart bar" in classes, question
        assert "wordcloud" in classes, question
        assert "chart heatmap" in classes, question
    assert by_section["meerkeuze"].count("chart bar") == 6


def test_self_contained(runs: tuple[Path, Path], page: Page) -> None:
    html = (runs[0] / "report.html").read_text(encoding="utf-8")
    assert "script" not in page.tags and "link" not in page.tags
    outside = re.findall(r'(?:src|href)="(?!#|data:)([^"]*)"', html)
    assert outside == []


def test_every_link_lands(page: Page) -> None:
    ids = set(page.ids)
    assert len(ids) == len(page.ids), "ids must be unique"
    targets = [h[1:] for h in page.hrefs if h.startswith("#")]
    missing = [t for t in targets if t not in ids]
    assert missing == []
    assert page.number_links > 300  # every count links to its evidence list
    assert any(t.startswith("r-vl") for t in targets)  # ... and that to the answers
    assert any(t.startswith("u-vl") for t in targets)


def test_numbers_link_to_the_answers_behind_them(runs: tuple[Path, Path]) -> None:
    html = (runs[0] / "report.html").read_text(encoding="utf-8")
    # The knowledge statement links to the 18 questionnaires that agreed.
    match = re.search(r"\(18 van 25, 72%\)</a>", html)
    assert match
    link = re.findall(r'<a class="n" href="#(ev-\d+)"[^>]*>\(18 van 25, 72%\)</a>', html)[0]
    evidence = re.search(rf'<li id="{link}">(.*?)</li>', html)
    assert evidence
    assert len(re.findall(r'href="#u-vl\d\d"', evidence.group(1))) == 18


def test_tables_in_each_question(runs: tuple[Path, Path]) -> None:
    html = (runs[0] / "report.html").read_text(encoding="utf-8")
    for question in ("kennisbehoefte", "succesfactor", "belemmering"):
        start = html.index(f'<section id="vraag-{question}"')
        part = html[start : html.index("</section>", start)]
        assert "class='themes'" in part
        assert "Kruistabel naar organisatietype" in part and "class='crosstab'" in part
        assert "class='quote'" in part and "<mark>" in part
        assert "Woorden in context" in part


def test_key_findings_are_the_seed_statements(page: Page) -> None:
    text = " ".join("".join(page.text).split())
    assert (
        "Bijna driekwart van de deelnemers denkt voldoende kennis en expertise in huis te "
        "hebben voor het opzetten van innovatietrajecten (18 van 25, 72%)."
    ) in text
    assert "Juridische kennis wordt in meer dan een kwart van de projecten" in text


def test_personal_data_is_redacted_and_highlight_still_lands(
    runs: tuple[Path, Path], page: Page
) -> None:
    html = (runs[0] / "report.html").read_text(encoding="utf-8")
    assert "p.devries@voorbeeldregio.nl" not in html
    assert "06-12345678" not in html
    assert "Petra de Vries" not in html
    assert re.search(r"\[E-MAIL\]", html) and re.search(r"\[TELEFOON\]", html)
    # The answer with the planted contact details is quoted for "innovatieproces": its
    # evidence is still marked on the right words after redaction.
    assert "design thinking" in page.marks
    assert "experimenten" in page.marks
    for table in (runs[0] / "tabellen").glob("*.csv"):
        content = table.read_text(encoding="utf-8-sig")
        assert "06-12345678" not in content and "voorbeeldregio.nl" not in content, table


def test_two_runs_are_identical(runs: tuple[Path, Path]) -> None:
    first, second = runs
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert Path("report.html") in names and Path("tabellen.xlsx") in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_tables_as_csv_and_excel(runs: tuple[Path, Path]) -> None:
    folder = runs[0]
    themes = pd.read_csv(folder / "tabellen" / "themas.csv", encoding="utf-8-sig")
    legal = themes[themes["code"] == "kennisbehoefte.juridisch"].iloc[0]
    assert (legal["n"], legal["base"]) == (2, 20)
    assert legal["response_ids"] == "vl06-p01 vl16-p01"
    sheets = pd.read_excel(folder / "tabellen.xlsx", sheet_name=None)
    assert {"themas", "inzichten", "gesloten", "meerkeuze_belemmeringen"} <= set(sheets)
    insights = sheets["inzichten"].set_index("id")
    assert insights.loc["juridisch_belemmering", "percent"] == "28%"
    multiselect = sheets["meerkeuze_belemmeringen"].set_index("option")
    assert multiselect.loc["juridische_kennis", "n"] == 25


def test_no_redact_shows_the_text(analysis: SurveyAnalysis) -> None:
    html = render_report(analysis, ReportOptions(redact=False)).html
    assert "p.devries@voorbeeldregio.nl" in html
    assert "NIET" in html  # the warning that quotes are not redacted
