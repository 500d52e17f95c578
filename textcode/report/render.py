"""The HTML report: one self-contained file (images inline as data URIs, no scripts, no network).

:func:`render_report` turns a :class:`~textcode.analysis.SurveyAnalysis` into HTML plus the
tables it shows; the same analysis gives the same bytes.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from textcode.analysis.conclusions import REFERENCE
from textcode.analysis.cooccurrence import cooccurrence_pairs
from textcode.analysis.frames import (
    EMPTY_CODE,
    decisions,
    is_ticked,
    texts,
    tuples,
    value_text,
)
from textcode.analysis.html import escape
from textcode.analysis.insights import Insight
from textcode.analysis.keyness import keyness, keyness_table, lemma_frequencies
from textcode.analysis.kwic import kwic
from textcode.analysis.quantifiers import format_percent, join_items, number_word
from textcode.analysis.redaction import shown_labels, without_placeholders
from textcode.analysis.survey import SurveyAnalysis
from textcode.analysis.tokens import content_lemmas_many
from textcode.lang import get_language
from textcode.privacy import shown
from textcode.report.charts import bar_chart, heat_map
from textcode.report.cloud import word_cloud
from textcode.report.evidence import Evidence, anchor
from textcode.report.html import fill, style_sheet
from textcode.report.quotes import highlight, top_quotes


@dataclass(frozen=True)
class ReportOptions:
    """How the report looks: redaction, title, number of quotes, context width."""

    redact: bool = True
    title: str | None = None
    source: str = ""
    top_quotes: int = 3
    kwic_window: int = 6
    keyness_top: int = 10
    keyness_min_count: int = 2  # a keyword is used at least this often in its group


@dataclass
class RenderResult:
    """The HTML and the tables it shows (for CSV and Excel)."""

    html: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    images: int = 0


RenderedReport = RenderResult  # the old name


def _img(data: bytes, mime: str, alt: str, css: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return fill("image", css=css, alt=escape(alt), mime=mime, data=encoded)


# Differences between groups are reported from this p-value down.
ALPHA = 0.05
# Where linked HTML goes into a sentence that is escaped first.
_SLOT = "\x00"


def _pct(share: float) -> str:
    return format_percent(share)


class _Renderer:
    def __init__(
        self,
        analysis: SurveyAnalysis,
        options: ReportOptions,
        step: Callable[[str], None],
    ) -> None:
        self.a = analysis
        self.o = options
        self.step = step
        self.lang = analysis.language
        module = get_language(self.lang).report
        self.s: dict[str, str] = module.STRINGS
        self.method: str = module.METHOD
        self.tables: dict[str, pd.DataFrame] = {}
        self.images = 0
        roles = analysis.roles
        group_column = analysis.unit_columns.get("respondent")
        self.group_column = group_column if group_column and group_column != "response_id" else None
        rows = analysis.shown_rows
        known_units: set[str] = set()
        if self.group_column and self.group_column in rows.columns:
            known_units = set(texts(rows[self.group_column]))
        self.ev = Evidence(known_rows=set(rows["response_id"].astype(str)), known_units=known_units)
        self.roles = roles
        self._question_words: dict[str, frozenset[str]] = {}

    # --- helpers --------------------------------------------------------------------------
    def test_name(self, test: str) -> str:
        """A test's name in the report's language ("fisher exact" -> "Fisher (exact)")."""
        names = dict(item.split("=", 1) for item in self.s["test_names"].split("|"))
        return names.get(test, test)

    def decimal(self, value: float, digits: int) -> str:
        """A number with the language's decimal sign ("0,05" in Dutch)."""
        text = f"{value:.{digits}f}"
        return text.replace(".", self.s.get("decimal_sign", "."))

    def p_text(self, p: float) -> str:
        """A p-value as written: "p = 0,335", and "p < 0,001" rather than "p = 0,000"."""
        return f"p < {self.decimal(0.001, 3)}" if p < 0.001 else f"p = {self.decimal(p, 3)}"

    def kind(self, unit: str | None) -> str:
        column = self.a.unit_columns.get(unit or "")
        if not unit or column in (None, "response_id"):
            return "r"
        if column == self.group_column:
            return "u"
        return "x"

    def num(self, n: object, ids: Sequence[str], title: str, kind: str = "r") -> str:
        """A table cell with a count that links to the answers behind it."""
        return fill("num_cell", link=self.ev.link(n, ids, title, kind=kind))

    def image(self, data: bytes | None, mime: str, alt: str, css: str) -> str:
        if data is None:
            return ""
        self.images += 1
        return _img(data, mime, alt, css)

    def label(self, code: str) -> str:
        if self.a.codebook is not None and code in self.a.codebook:
            return self.a.codebook.code(code).label
        return code

    def group_names(self, groups: Sequence[str]) -> dict[str, str]:
        """The values of the cross-tabulation attribute as shown: redacted unless asked not to.

        The attribute can be free text ("toelichting" with an e-mail address); its values head
        columns, name groups and title the evidence lists.
        """
        return shown_labels([str(g) for g in groups], redact=self.o.redact, language=self.lang)

    def _shown_text(self, text: str) -> str:
        # Insight sentences quote categories, which can be free text ("anders, namelijk").
        return shown(text, redact=self.o.redact, language=self.lang).text

    def insight_html(self, insight: Insight) -> str:
        text = escape(self._shown_text(insight.text))
        numbers = escape(insight.numbers)
        link = self.ev.link(
            insight.numbers,
            insight.ids,
            self._shown_text(insight.statement),
            kind=self.kind(insight.unit),
        )
        if numbers in text:
            text = text.replace(numbers, link, 1)
        if insight.contradicted:
            text += " " + fill("warn_span", text=escape(self.contradiction(insight)))
        return fill("insight", id=anchor("i", insight.id), text=text)

    def contradiction(self, insight: Insight) -> str:
        """Why the data contradict a statement, in the report's language."""
        s = self.s
        reasons = []
        for expectation in insight.contradicted:
            if expectation.right == "b" and insight.others:
                other = insight.others[0]
                reasons.append(
                    s["contradicted_compare"].format(
                        expect=expectation.text,
                        pct1=_pct(insight.share),
                        pct2=_pct(other.n / other.base if other.base else 0.0),
                    )
                )
            elif expectation.word:
                reasons.append(
                    s["contradicted_word"].format(
                        word=expectation.word,
                        expect=f"{expectation.op} {expectation.right}",
                        pct=_pct(insight.share),
                    )
                )
            else:
                reasons.append(
                    s["contradicted_expect"].format(
                        expect=expectation.text, pct=_pct(insight.share)
                    )
                )
        return s["contradicted"].format(why="; ".join(reasons))

    def insights_list(self, items: Sequence[Insight]) -> str:
        if not items:
            return ""
        return fill("insights", items="".join(self.insight_html(i) for i in items))

    # --- sections -------------------------------------------------------------------------
    def overview(self) -> str:
        a, s = self.a, self.s
        rows = a.rows
        facts = [fill("overview_fact", n=len(rows), what=s["rows"])]
        if self.roles is not None:
            for unit in self.roles.units:
                column = a.unit_columns.get(unit.name)
                if column and column in rows.columns:
                    n = texts(rows[column]).replace("", pd.NA).dropna().nunique()
                    facts.append(fill("overview_fact", n=n, what=escape(unit.label or unit.name)))
        for question in a.questions:
            answered = a.answered.get(question, 0)
            facts.append(
                fill(
                    "overview_question",
                    label=escape(a.question_label(question)),
                    n=answered,
                    what=s["answers"].lower(),
                )
            )
        book = ""
        if a.codebook is not None:
            name = f"{a.codebook.id} {a.codebook.version}"
            book = fill("meta_named", name=s["codebook"], value=escape(name))
        source = (
            fill("meta_named", name=s["source"], value=escape(self.o.source))
            if self.o.source
            else ""
        )
        privacy = s["redacted"] if self.o.redact else s["not_redacted"]
        empty = ""
        if not len(rows):
            empty = fill("warning", text=escape(s["no_rows"]))
        elif not a.questions:
            empty = fill("warning", text=escape(s["no_open_answers"]))
        return fill(
            "overview",
            heading=s["overview"],
            empty=empty,
            facts="".join(facts),
            source=source,
            codebook=book,
            privacy=escape(privacy),
            sample=self.sample_note(),
        )

    def sample_note(self) -> str:
        """What a sampled report shows of the survey (nothing when it shows every answer)."""
        sample = self.a.sample
        if sample is None:
            return ""
        note = self.s["sample"].format(
            shown=len(sample.rows), rows=sample.n_rows, answers=sample.n_answers
        )
        return fill("warning", text=escape(note))

    def key_findings(self) -> str:
        statements = [i for i in self.a.insights if i.kind in ("statement", "compare")]
        if not statements:
            statements = [i for i in self.a.insights if i.kind == "top"]
        if not statements:
            return ""
        sections: dict[str, list[Insight]] = {}
        for insight in statements:
            sections.setdefault(insight.section, []).append(insight)
        parts = [fill("section_open", id="inzichten", heading=self.s["insights"])]
        for name, items in sections.items():
            if name:
                parts.append(fill("h3", text=escape(name)))
            parts.append(self.insights_list(items))
        parts.append(fill("section_close"))
        table = self.a.insights.to_frame()
        self.tables["inzichten"] = table.assign(text=[self._shown_text(t) for t in table["text"]])
        return "".join(parts)

    def conclusions_section(self) -> str:
        """The researcher's conclusions, each cited figure linked and checked."""
        a, s = self.a, self.s
        if not a.conclusions:
            return ""
        known = {i.id: i for i in a.insights}
        parts = [fill("section_open", id="conclusies", heading=s["conclusions"])]
        items = []
        for conclusion in a.conclusions:
            pieces = []
            last = 0
            for match in REFERENCE.finditer(conclusion.text):
                pieces.append(escape(self._shown_text(conclusion.text[last : match.start()])))
                insight = known.get(match.group(1))
                if insight is None:
                    pieces.append(escape(match.group(0)))
                else:
                    pieces.append(
                        self.ev.link(
                            insight.numbers,
                            insight.ids,
                            self._shown_text(insight.statement),
                            kind=self.kind(insight.unit),
                        )
                    )
                last = match.end()
            pieces.append(escape(self._shown_text(conclusion.text[last:])))
            text = "".join(pieces)
            if conclusion.title:
                text = f"<b>{escape(conclusion.title)}</b> {text}"
            warnings = [s["conclusion_unknown"].format(name=n) for n in conclusion.unknown]
            if conclusion.contradicted_citations:
                warnings.append(
                    s["conclusion_cites"].format(names=", ".join(conclusion.contradicted_citations))
                )
            warnings += [
                s["conclusion_expect"].format(expect=e.text) for e in conclusion.contradicted
            ]
            for warning in warnings:
                text += " " + fill("warn_span", text=escape(warning))
            items.append(fill("insight", id=anchor("c", conclusion.id), text=text))
        parts.append(fill("insights", items="".join(items)))
        parts.append(fill("section_close"))
        return "".join(parts)

    def findings_section(self) -> str:
        """Findings textcode makes by itself: the largest differences between groups and the
        themes named together, each linked to its answers."""
        a, s = self.a, self.s
        parts = []
        differences = a.differences
        if len(differences):
            significant = differences[differences["p_value"] < ALPHA].head(5)
            items = []
            for row in tuples(significant):
                names = self.group_names([row.high, row.low])
                numbers = s["difference"].format(
                    label=row.label,
                    high_pct=_pct(row.high_n / row.high_base),
                    high=names[row.high],
                    high_n=row.high_n,
                    high_N=row.high_base,
                    low_pct=_pct(row.low_n / row.low_base),
                    low=names[row.low],
                    low_n=row.low_n,
                    low_N=row.low_base,
                    test=self.test_name(row.test),
                    p=self.p_text(row.p_value),
                )
                text = escape(f"{row.attribute} — {numbers}")
                text = text.replace(
                    escape(f"({row.high_n} "),
                    "("
                    + self.ev.link(row.high_n, row.ids, row.label, kind=self.kind(row.unit))
                    + " ",
                    1,
                )
                if row.small_n or row.small_counts:
                    text += escape(s["difference_caution"].format(smallest=row.smallest_group))
                items.append(
                    fill(
                        "insight",
                        id=anchor("d", f"{row.attribute}-{row.question}-{row.value}"),
                        text=text,
                    )
                )
            parts.append(fill("h3", text=s["differences"]))
            if items:
                parts.append(fill("insights", items="".join(items)))
            else:
                parts.append(
                    fill(
                        "paragraph",
                        text=escape(s["no_differences"].format(alpha=self.decimal(ALPHA, 2))),
                    )
                )
            self.tables["verschillen"] = differences
        pairs = []
        for question in a.questions:
            frame = a.pairs.get(question)
            if frame is None:
                continue
            for p in tuples(frame):
                if p.n >= 2:
                    pairs.append((question, p))
        pairs.sort(key=lambda qp: (-qp[1].n, -qp[1].jaccard))
        if pairs:
            items = []
            for question, p in pairs[:5]:
                label_a, label_b = self.label(p.code_a), self.label(p.code_b)
                text = escape(
                    s["pair"].format(
                        a=label_a,
                        b=label_b,
                        n=_SLOT,
                        question=a.question_label(question),
                        jaccard=self.decimal(p.jaccard, 2),
                    )
                ).replace(_SLOT, self.ev.link(p.n, p.response_ids, f"{label_a} + {label_b}"))
                items.append(
                    fill("insight", id=anchor("p", f"{question}-{p.code_a}-{p.code_b}"), text=text)
                )
            parts.append(fill("h3", text=s["together"]))
            parts.append(fill("insights", items="".join(items)))
        if not parts:
            return ""
        return (
            fill("section_open", id="bevindingen", heading=s["findings"])
            + "".join(parts)
            + fill("section_close")
        )

    def question_section(self, question: str) -> str:
        a, s = self.a, self.s
        self.step(question)
        label = a.question_label(question)
        unit = a.unit_of(question)
        unit_label = self._unit_label(unit)
        themes = a.themes(question)
        parts = [
            fill(
                "question_open",
                id=anchor("vraag", question),
                label=escape(label),
                question=escape(question),
            )
        ]
        # Theme table.
        substantive = themes[themes["code"] != EMPTY_CODE]
        # The chart shows the substantive themes: its N is the base of their percentages.
        base = int(substantive["base"].max()) if len(substantive) else 0
        rows = []
        for row in tuples(themes):
            title = f"{label}: {row.label}"
            rows.append(
                fill(
                    "theme_row",
                    label=escape(row.label),
                    code=escape(row.code),
                    answers=self.ev.link(row.answers, row.response_ids, title),
                    n=self.ev.link(row.n, row.response_ids, title),
                    share=_pct(row.share),
                    base=row.base,
                )
            )
        parts.append(
            fill(
                "themes_table",
                heading=s["themes"],
                theme=s["theme"],
                answers=s["answers"],
                unit=escape(unit_label or s["respondent"]),
                share=s["share"],
                base=s["base"],
                rows="".join(rows),
            )
        )
        self.tables[f"themas_{question}"] = themes
        # Insights.
        items = [i for i in a.insights if i.question == question and i.kind in ("code", "top")]
        parts.append(fill("h3", text=s["statements"]) + self.insights_list(items))
        # Bar chart.
        if len(substantive):
            parts.append(self.share_chart(substantive, label, base))
        parts.append(self.open_adds(question))
        # Quotes.
        parts.append(fill("h3", text=s["quotes"]))
        for row in tuples(substantive):
            quotes = top_quotes(
                a.suggestions, a.answers, question=question, code=row.code, k=self.o.top_quotes
            )
            if not quotes:
                continue
            parts.append(fill("h4", text=escape(row.label)))
            for response_id, text, spans in quotes:
                body = highlight(text, spans, redact=self.o.redact, language=self.lang)
                parts.append(fill("quote", body=body, id=self.ev.id_link(response_id, "r")))
        # Word cloud.
        if a.sample is not None:
            freqs = a.sample.words.get(question, Counter())
        else:
            freqs = lemma_frequencies(
                self._shown_answers(question),
                question=question,
                language=self.lang,
                compounds=False,
            )
        freqs = Counter({w: c for w, c in freqs.items() if w not in self.question_words(question)})
        cloud = word_cloud(freqs)
        if cloud is not None:
            parts.append(fill("h3", text=s["wordcloud"]))
            parts.append(self.image(cloud, "image/png", f"{s['wordcloud']}: {label}", "wordcloud"))
        # Crosstab.
        parts.append(self.crosstab_html(question))
        # Co-occurrence.
        parts.append(self.cooccurrence_html(question, label))
        # Keyword in context.
        parts.append(self.kwic_html(question))
        parts.append(fill("section_close"))
        return "".join(parts)

    def _shown_answers(self, question: str) -> pd.DataFrame:
        answers = self.a.answers[self.a.answers["question"] == question].copy()
        return self._redacted(answers)

    def _unit_label(self, unit: str | None) -> str:
        if self.roles is not None and unit:
            try:
                return self.roles.unit(unit).label
            except KeyError:
                return unit
        return ""

    def crosstab_html(self, question: str) -> str:
        a, s = self.a, self.s
        table = a.crosstabs.get(question)
        if table is None or not len(table.counts) or len(table.base) < 2:
            return ""
        kind = self.kind(a.unit_of(question))
        groups = list(table.base.index)
        names = self.group_names(groups)
        head = "".join(fill("crosstab_head", name=escape(names[g])) for g in groups)
        rows = []
        tests = table.tests.set_index("code")
        for code in table.counts.index:
            cells = []
            for group in groups:
                n = int(table.counts.loc[code, group])
                share = table.shares.loc[code, group]
                ids = table.ids.get((code, group), ())
                link = self.ev.link(n, ids, f"{self.label(code)} — {names[group]}", kind=kind)
                cells.append(fill("crosstab_cell", link=link, share=_pct(share)))
            test = tests.loc[code]
            p = "" if pd.isna(test["p_value"]) else self.p_text(test["p_value"])
            warn = fill("crosstab_warning", text=s["small_counts"]) if test["small_counts"] else ""
            rows.append(
                fill(
                    "crosstab_row",
                    label=escape(self.label(code)),
                    cells="".join(cells),
                    test=escape(self.test_name(str(test["test"]))),
                    p=p,
                    warning=warn,
                )
            )
        base = "".join(fill("crosstab_base_cell", n=int(table.base[g])) for g in groups)
        rows.append(fill("crosstab_base", base=s["base"], cells=base))
        export = table.counts.copy()
        export.columns = [names.get(str(c), str(c)) for c in export.columns]
        export = export.reset_index()
        export["label"] = [self.label(c) for c in export["code"]]
        export = export.merge(table.tests, on="code", how="left")
        self.tables[f"kruistabel_{question}"] = export
        note = ""
        if table.small_counts:
            small = table.tests[table.tests["small_counts"]]
            note = fill(
                "crosstab_note",
                text=s["small_counts"],
                warning=escape(
                    s["small_counts_note"].format(
                        cells=_pct(float(small["small_cells"].max())),
                        smallest=self.decimal(float(small["min_expected"].min()), 1),
                    )
                ),
            )
        return fill(
            "crosstab",
            heading=s["crosstab"],
            by=escape(table.by),
            theme=s["theme"],
            head=head,
            test=s["test"],
            rows="".join(rows),
            note=note,
        )

    def cooccurrence_html(self, question: str, label: str) -> str:
        a, s = self.a, self.s
        matrix = a.cooccurrence.get(question)
        if matrix is None or len(matrix) < 2:
            return ""
        labels = [self.label(c) for c in matrix.index]
        chart = heat_map(matrix, labels=labels, title=label, scale_label=s["both_codes"])
        pairs = a.pairs.get(question)
        if pairs is None:
            pairs = cooccurrence_pairs(a.suggestions, question=question, codebook=a.codebook)
        self.tables[f"samen_{question}"] = pairs
        rows = "".join(
            fill(
                "pair_row",
                code_a=escape(self.label(p.code_a)),
                code_b=escape(self.label(p.code_b)),
                n=self.num(p.n, p.response_ids, f"{self.label(p.code_a)} + {self.label(p.code_b)}"),
                jaccard=self.decimal(p.jaccard, 2),
            )
            for p in tuples(pairs)
        )
        table = fill("pairs", theme=s["theme"], answers=s["answers"], rows=rows) if rows else ""
        return (
            fill("h3", text=s["cooccurrence"])
            + self.image(chart, "image/svg+xml", f"{s['cooccurrence']}: {label}", "chart heatmap")
            + table
        )

    def kwic_html(self, question: str) -> str:
        a, s = self.a, self.s
        hits = kwic(
            a.answers,
            a.suggestions,
            code=question,
            question=question,
            window=self.o.kwic_window,
            redact=self.o.redact,
            language=self.lang,
        )
        hits = hits[hits["code"] != EMPTY_CODE]
        if not len(hits):
            return ""
        self.tables.setdefault("kwic", pd.DataFrame())
        self.tables["kwic"] = pd.concat([self.tables["kwic"], hits], ignore_index=True)
        parts = [fill("kwic_open", heading=s["kwic"], n=len(hits))]
        for code, group in hits.groupby("code", sort=False):
            rows = "".join(
                fill(
                    "kwic_row",
                    id=self.ev.id_link(h.response_id, "r"),
                    rule=escape(h.rule),
                    left=escape(h.left),
                    keyword=escape(h.keyword),
                    right=escape(h.right),
                )
                for h in tuples(group)
            )
            parts.append(fill("kwic_table", label=escape(self.label(str(code))), rows=rows))
        parts.append(fill("kwic_close"))
        return "".join(parts)

    def multiselect_section(self) -> str:
        a, s = self.a, self.s
        if self.roles is None or not a.multiselect:
            return ""
        parts = [fill("section_open", id="meerkeuze", heading=s["multiselect"])]
        if any(m.other_text for m in self.roles.multiselect):
            parts.append(fill("meta", text=escape(s["multiselect_other"])))
        for multi in self.roles.multiselect:
            table = a.multiselect.get(multi.id)
            if table is None:
                continue
            self.step(multi.id)
            kind = self.kind(multi.unit)
            label = multi.label or multi.id
            base = int(table["base"].iloc[0]) if len(table) else 0
            has_other = bool(multi.other or multi.other_text)
            # "Geen inhoud" under 'overig' is no answer option: a note, not a row.
            no_content = table[table["kind"] == "no_content"]
            listed = table[table["kind"] != "no_content"]
            rows = []
            for row in tuples(listed):
                shown_label = s["other_uncoded"] if row.kind == "uncoded" else row.label
                tag = (
                    "" if row.kind in ("option", "uncoded") else fill("multi_tag", text=s[row.kind])
                )
                title = f"{label}: {shown_label}"
                from_other = (
                    self.num(row.from_other, row.other_ids, f"{title} ({s['other']})", kind)
                    if has_other
                    else ""
                )
                rows.append(
                    fill(
                        "multi_row",
                        label=escape(shown_label),
                        tag=tag,
                        closed=row.closed,
                        from_other=from_other,
                        n=self.num(row.n, row.ids, title, kind),
                        share=_pct(row.share),
                    )
                )
            parts.append(
                fill(
                    "multi_table",
                    id=anchor("m", multi.id),
                    label=escape(label),
                    base_name=s["base"],
                    base=base,
                    option=s["option"],
                    ticked=s["ticked"],
                    from_other=fill("th", text=s["from_other"]) if has_other else "",
                    total=s["total"],
                    share=s["share"],
                    rows="".join(rows),
                )
            )
            if len(no_content):
                parts.append(
                    fill(
                        "meta",
                        text=escape(s["no_content_note"].format(n=int(no_content["n"].sum()))),
                    )
                )
            shown = table[table["kind"].isin(["option", "new_theme"]) & (table["n"] > 0)]
            shown = shown.sort_values("n", ascending=False, kind="mergesort")
            if len(shown):
                parts.append(self.share_chart(shown, label, base, list(shown["kind"] == "option")))
            items = [i for i in a.insights if i.question == multi.id and i.kind == "top"]
            parts.append(self.insights_list(items))
            parts.append(self.open_adds(multi.id))
            self.tables[f"meerkeuze_{multi.id}"] = table
        parts.append(fill("section_close"))
        return "".join(parts)

    def open_adds(self, question: str) -> str:
        """What the open answers add to a question, each count linked to its answers: new themes
        and ticked options the 'overig' texts add to (multiple choice), or the themes of an open
        question."""
        a, s = self.a, self.s
        roles = self.roles
        multi = None
        if roles is not None:
            multi = roles.multi(question) or next(
                (m for m in roles.multiselect if m.group == question and m.other_text), None
            )
        coded_other = (
            multi is not None
            and bool(multi.other_text)
            and roles is not None
            and roles.text_column(multi.other_text or "") is not None
        )
        if multi is not None and coded_other and multi.id in a.multiselect:
            table = a.multiselect[multi.id]
            kind = self.kind(multi.unit)
            label = multi.label or multi.id

            def item(row: Any) -> str:
                link = self.ev.link(
                    row.from_other, row.other_ids, f"{label}: {row.label}", kind=kind
                )
                return f"'{escape(row.label)}' ({link})"

            new = [r for r in tuples(table) if r.kind == "new_theme" and r.from_other]
            added = [r for r in tuples(table) if r.kind == "option" and r.from_other]
            if not new and not added:
                return fill("paragraph", text=escape(s["adds_none"].format(question=label)))
            text = ""
            if new:
                count = number_word(len(new), language=self.lang)
                what = s["what_themes"] if len(new) > 1 else s["what_theme"]
                text = escape(
                    s["adds_new"].format(question=label, count=count, what=what, items=_SLOT)
                )
                text = text.replace(_SLOT, join_items([item(r) for r in new], language=self.lang))
            if added:
                more = escape(
                    s["adds_options"].format(
                        count=number_word(len(added), language=self.lang), items=_SLOT
                    )
                )
                more = more.replace(_SLOT, join_items([item(r) for r in added], language=self.lang))
                text = f"{text} {more}".strip()
            return fill("h4", text=s["open_adds"]) + fill("paragraph", text=text)
        if question not in a.questions:
            return ""
        themes = a.themes(question)
        themes = themes[(themes["code"] != EMPTY_CODE) & (themes["n"] > 0)]
        if not len(themes):
            return ""
        label = a.question_label(question)
        top = themes.sort_values("n", ascending=False, kind="mergesort")
        items = [
            f"'{escape(r.label)}' ({self.ev.link(r.n, r.response_ids, f'{label}: {r.label}')})"
            for r in tuples(top)
        ]
        text = escape(
            s["adds_themes"].format(question=label, count=len(themes), items=_SLOT)
        ).replace(_SLOT, join_items(items, language=self.lang))
        return fill("h4", text=s["open_adds"]) + fill("paragraph", text=text)

    def share_chart(
        self, table: pd.DataFrame, label: str, base: int, highlight: list[bool] | None = None
    ) -> str:
        """A bar chart of ``label``, ``share`` and ``n`` columns; its N is the base of the shares
        (checked: every share is n / N)."""
        s = self.s
        for n, share in zip(table["n"], table["share"], strict=True):
            if base and abs(float(share) - int(n) / base) > 1e-9:
                raise ValueError(f"chart {label!r}: share {share} is not {n} of {base}")
        chart = bar_chart(
            [str(v) for v in table["label"]],
            [float(v) for v in table["share"]],
            [int(v) for v in table["n"]],
            title=f"{label} (N = {base})",
            xlabel=s["share_axis"],
            highlight=highlight,
        )
        return self.image(chart, "image/svg+xml", f"{s['chart']}: {label}", "chart bar")

    def closed_section(self) -> str:
        a, s = self.a, self.s
        if self.roles is None or not a.closed:
            return ""
        parts = [fill("section_open", id="gesloten", heading=s["closed"])]
        frames = []
        current = None
        for q in self.roles.questions:
            table = a.closed.get(q.column)
            if table is None:
                continue
            section = q.section
            if section and section != current:
                parts.append(fill("h3", text=escape(section)))
                current = section
            kind = self.kind(q.unit)
            label = q.label or q.column
            base = int(table["base"].iloc[0]) if len(table) else 0
            # Categories can be free text ("anders, namelijk"): shown as the crosstab's are.
            names = self.group_names([str(c) for c in table["category"]])
            table = table.assign(category=[names[str(c)] for c in table["category"]])
            rows = "".join(
                fill(
                    "closed_row",
                    category=escape(r.category),
                    n=self.num(r.n, r.ids, f"{label}: {r.category}", kind),
                    share=_pct(r.share),
                )
                for r in tuples(table)
            )
            parts.append(
                fill(
                    "closed_table",
                    id=anchor("q", q.column),
                    label=escape(label),
                    column=escape(q.column),
                    base_name=s["base"],
                    base=base,
                    category=s["category"],
                    share=s["share"],
                    rows=rows,
                )
            )
            answered = table[table["n"] > 0]
            if len(answered):
                parts.append(
                    self.share_chart(answered.assign(label=answered["category"]), label, base)
                )
            frame = table.copy()
            frame.insert(0, "question", q.column)
            frames.append(frame)
        if frames:
            self.tables["gesloten"] = pd.concat(frames, ignore_index=True)
        parts.append(fill("section_close"))
        return "".join(parts)

    def keyness_section(self) -> str:
        a, s = self.a, self.s
        if a.by is None:
            return ""
        self.step("keyness")
        exclude = set().union(*(self.question_words(q) for q in a.questions))
        if a.sample is not None:
            counts, ids = a.sample.keyness_counts, a.sample.keyness_ids
            table = keyness_table(
                counts,
                ids,
                top=self.o.keyness_top,
                min_count=self.o.keyness_min_count,
                exclude=exclude,
            )
        else:
            open_answers = a.answers[a.answers["question"].isin(a.questions)]
            table = keyness(
                self._redacted(open_answers),
                a.by,
                top=self.o.keyness_top,
                min_count=self.o.keyness_min_count,
                language=self.lang,
                exclude=exclude,
            )
        if not len(table):
            return ""
        names = self.group_names(list(dict.fromkeys(table["group"].astype(str))))
        table = table.assign(group=[names[str(g)] for g in table["group"]])
        self.tables["kernwoorden"] = table
        parts = [
            fill("keyness_open", heading=s["keyness"], by=escape(a.by)),
            fill("meta", text=escape(s["keyness_note"].format(min_count=self.o.keyness_min_count))),
        ]
        for group, part in table.groupby("group", sort=False):
            rows = "".join(
                fill(
                    "keyness_row",
                    lemma=escape(r.lemma),
                    n=self.num(r.count, r.response_ids, f"{group}: {r.lemma}"),
                    rest=r.count_rest,
                    chi2=self.decimal(r.chi2, 2),
                    p=self.p_text(r.p_value)[4:] + (" ⚠" if r.small_counts else ""),
                )
                for r in tuples(part)
            )
            parts.append(
                fill(
                    "keyness_table",
                    group=escape(group),
                    lemma=s["lemma"],
                    in_group=s["in_group"],
                    rest=s["rest"],
                    rows=rows,
                )
            )
        parts.append(fill("section_close"))
        return "".join(parts)

    def question_words(self, question: str) -> frozenset[str]:
        """The lemmas (compound parts too) of a question's own wording and the survey's title:
        a keyword list that repeats the question says nothing."""
        if question in self._question_words:
            return self._question_words[question]
        texts_of = [self.a.question_label(question)]
        if self.roles is not None:
            texts_of.append(self.roles.title)
            texts_of += [m.label for m in self.roles.multiselect if m.group == question]
        found = frozenset(
            lemma
            for lemmas in content_lemmas_many(texts_of, language=self.lang, compounds=True)
            for lemma in lemmas
        )
        self._question_words[question] = found
        return found

    def _redacted(self, answers: pd.DataFrame) -> pd.DataFrame:
        if not self.o.redact:
            return answers
        out = answers.copy()
        out["text"] = [
            without_placeholders(shown(str(t), language=self.lang).text)
            for t in out["text"].fillna("")
        ]
        return out

    def codes_per_answer_section(self) -> str:
        a, s = self.a, self.s
        table = a.codes_per_answer
        if not len(table):
            return ""
        self.tables["codes_per_antwoord"] = table
        rows = "".join(
            fill(
                "codes_row",
                question=escape(a.question_label(r.question)),
                codes=r.codes,
                n=self.num(r.answers, r.response_ids, f"{r.question}: {r.codes}"),
                share=_pct(r.share),
            )
            for r in tuples(table)
        )
        return fill(
            "codes_per_answer",
            heading=s["codes_per_answer"],
            question=s["question"],
            codes=s["codes"],
            answers=s["answers"],
            share=s["share"],
            rows=rows,
        )

    def verbatim_section(self) -> str:
        a, s = self.a, self.s
        if self.roles is None or not self.roles.verbatim_columns:
            return ""
        parts = [fill("section_open", id="letterlijk", heading=s["verbatim"])]
        frames = []
        for column in self.roles.verbatim_columns:
            rows = a.shown_rows
            if column.column not in rows.columns:
                continue
            values = texts(rows[column.column])
            ids = rows["response_id"].astype(str)
            items = [(i, v) for i, v in zip(ids, values, strict=True) if v]
            parts.append(fill("h3", text=escape(column.label or column.column)))
            if not items:
                parts.append(fill("paragraph", text=s["no_answers"]))
                continue
            parts.append(
                fill(
                    "list",
                    items="".join(
                        fill(
                            "verbatim_item",
                            text=escape(shown(v, redact=self.o.redact, language=self.lang).text),
                            id=self.ev.id_link(i, "r"),
                        )
                        for i, v in items
                    ),
                )
            )
            frames.append(
                pd.DataFrame({"column": column.column, "response_id": [i for i, _ in items]})
            )
        parts.append(fill("section_close"))
        return "".join(parts)

    def appendix(self) -> str:
        a, s = self.a, self.s
        self.step("appendix")
        coded = decisions(a.suggestions)
        codes_of: dict[tuple[str, str], list[str]] = {}
        for rid, q, code in tuples(coded):
            codes_of.setdefault((rid, q), []).append(code)
        spans_of: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for rid, q, start, end in a.suggestions[
            ["response_id", "question", "start", "end"]
        ].itertuples(index=False):
            spans_of.setdefault((str(rid), str(q)), []).append((int(start), int(end)))
        open_by_row: dict[str, list[tuple[str, str]]] = {}
        for rid, q, t in tuples(a.answers[["response_id", "question", "text"]]):
            if str(t).strip():
                open_by_row.setdefault(str(rid), []).append((str(q), str(t)))

        unit_questions: set[str] = set()
        unit_closed: list[Any] = []
        row_closed: list[Any] = []
        multis = list(self.roles.multiselect) if self.roles else []
        if self.roles is not None:
            unit_questions = {
                (t.group or t.column) for t in self.roles.text_columns if t.unit == "respondent"
            }
            for q in self.roles.questions:
                (unit_closed if q.unit == "respondent" else row_closed).append(q)

        def open_html(rid: str, only: set[str] | None, skip: set[str]) -> str:
            items = []
            for q, t in open_by_row.get(rid, []):
                if (only is not None and q not in only) or q in skip:
                    continue
                body = highlight(
                    t, spans_of.get((rid, q), []), redact=self.o.redact, language=self.lang
                )
                labels = ", ".join(self.label(c) for c in codes_of.get((rid, q), []))
                codes = fill("open_answer_codes", labels=escape(labels)) if labels else ""
                items.append(fill("open_answer", question=escape(q), body=body, codes=codes))
            return "".join(items)

        def closed_html(row: pd.Series, questions: list[Any], unit_level: bool) -> str:
            values = []
            for q in questions:
                value = value_text(row.get(q.column)) if q.column in row else ""
                if value:
                    # A closed question can still hold free text ("anders, namelijk").
                    value = shown(value, redact=self.o.redact, language=self.lang).text
                    values.append(fill("closed_value", name=escape(q.column), value=escape(value)))
            for multi in multis:
                if (multi.unit == "respondent") != unit_level:
                    continue
                ticked = [
                    o.label or o.id
                    for o in multi.options
                    if o.column in row and is_ticked(row[o.column])
                ]
                if ticked:
                    values.append(
                        fill("closed_value", name=escape(multi.id), value=escape(", ".join(ticked)))
                    )
            return "; ".join(values)

        parts = [
            fill("section_open", id="bijlage-antwoorden", heading=s["appendix"]),
            self.sample_note(),
        ]
        rows = a.shown_rows
        if self.group_column:
            for unit_id, group in rows.groupby(texts(rows[self.group_column]), sort=False):
                first = group.iloc[0]
                head = escape(unit_id)
                if a.by and a.by in group.columns:
                    value = value_text(first[a.by])
                    head += f" · {escape(self.group_names([value])[value])}"
                unit_open = "".join(
                    open_html(str(rid), unit_questions, set()) for rid in group["response_id"]
                )
                parts.append(
                    fill(
                        "unit_open",
                        id=anchor("u", unit_id),
                        head=head,
                        closed=closed_html(first, unit_closed, True),
                        open=unit_open,
                    )
                )
                body = "".join(
                    fill(
                        "unit_row",
                        id=anchor("r", str(r["response_id"])),
                        response_id=escape(r["response_id"]),
                        closed=closed_html(r, row_closed, False),
                        open=open_html(str(r["response_id"]), None, unit_questions),
                    )
                    for _, r in group.iterrows()
                )
                parts.append(
                    fill(
                        "unit_table",
                        closed_answers=s["closed_answers"],
                        open_answers=s["open_answers"],
                        rows=body,
                    )
                )
        else:
            body = "".join(
                fill(
                    "answer_row",
                    id=anchor("r", str(r["response_id"])),
                    response_id=escape(r["response_id"]),
                    open=open_html(str(r["response_id"]), None, set()),
                )
                for _, r in rows.iterrows()
            )
            parts.append(fill("answer_table", open_answers=s["open_answers"], rows=body))
        parts.append(fill("section_close"))
        return "".join(parts)

    def render(self) -> RenderResult:
        a, s = self.a, self.s
        title = (
            self.o.title
            or (self.roles.title if self.roles and self.roles.title else "")
            or s["default_title"]
        )
        body = [
            self.overview(),
            self.conclusions_section(),
            self.key_findings(),
            self.findings_section(),
        ]
        body += [self.question_section(q) for q in a.questions]
        body += [
            self.multiselect_section(),
            self.closed_section(),
            self.keyness_section(),
            self.codes_per_answer_section(),
            self.verbatim_section(),
            fill("section", id="verantwoording", heading=s["method"], body=self.method),
        ]
        appendix = self.appendix()
        evidence = fill(
            "section",
            id="bijlage-bewijs",
            heading=s["evidence"],
            body=self.sample_note() + self.ev.render(),
        )
        body = [part for part in body if part]
        nav = self._nav([*body, evidence, appendix])
        html = fill(
            "page",
            newline="\n",
            lang=escape(self.lang),
            title=escape(title),
            css=style_sheet(),
            nav=nav,
            body="".join(body) + evidence + appendix,
        )
        frequencies = a.frequencies
        self.tables = {"themas": frequencies, **self.tables}
        return RenderResult(html=html, tables=self.tables, images=self.images)

    def _nav(self, sections: list[str]) -> str:
        import re

        items = []
        for part in sections:
            match = re.match(r'<section id="([^"]+)"[^>]*><h2>(.*?)</h2>', part)
            if match:
                items.append(fill("nav_item", id=match.group(1), heading=match.group(2)))
        return fill("nav", contents=self.s["contents"], items="".join(items))


def render_report(
    analysis: SurveyAnalysis,
    options: ReportOptions | None = None,
    *,
    step: Callable[[str], None] | None = None,
) -> RenderResult:
    """The report of an analysis as HTML (self-contained) and the tables behind it."""
    return _Renderer(analysis, options or ReportOptions(), step or (lambda _: None)).render()


__all__ = ["RenderResult", "ReportOptions", "render_report"]
