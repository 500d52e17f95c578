"""The HTML report: one self-contained file (images inline as data URIs, no scripts, no network).

:func:`render_report` turns a :class:`~textcode.analysis.SurveyAnalysis` into HTML plus the
tables it shows; the same analysis gives the same bytes.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

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
from textcode.analysis.keyness import keyness, lemma_frequencies
from textcode.analysis.kwic import kwic
from textcode.analysis.quantifiers import format_percent
from textcode.analysis.redaction import shown_labels, without_placeholders
from textcode.analysis.survey import SurveyAnalysis
from textcode.lang import get_language
from textcode.privacy import shown
from textcode.report.charts import bar_chart, heat_map
from textcode.report.cloud import word_cloud
from textcode.report.evidence import Evidence, anchor
from textcode.report.quotes import highlight, top_quotes

CSS = """
body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#1d232a;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:2px solid #2f6f9f;padding-bottom:.2em;margin-top:2em}
h3{margin-top:1.5em}table{border-collapse:collapse;margin:.6em 0 1em;font-size:.9em}
th,td{border:1px solid #ccd5dd;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#eef3f7}td.num{text-align:right}a.n{color:#1a5b8c;font-weight:bold}
mark{background:#ffe58a;padding:0 .1em}blockquote{border-left:4px solid #9ec5e0;margin:.5em 0;
padding:.2em .8em;background:#f7fafc}.meta{color:#5b6670;font-size:.85em}
.warn{color:#9c4a00}.kind{color:#5b6670;font-size:.8em}img{max-width:100%}
details{margin:.5em 0}summary{cursor:pointer;font-weight:bold}
.kwic td.left{text-align:right}.kwic td.kw{font-weight:bold;background:#fff6cc}
ol.evidence li{margin:.2em 0;font-size:.85em}nav ul{columns:2}
"""


@dataclass(frozen=True)
class ReportOptions:
    """How the report looks: redaction, title, number of quotes, context width."""

    redact: bool = True
    title: str | None = None
    source: str = ""
    top_quotes: int = 3
    kwic_window: int = 6
    keyness_top: int = 10


@dataclass
class RenderResult:
    """The HTML and the tables it shows (for CSV and Excel)."""

    html: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    images: int = 0


RenderedReport = RenderResult  # the old name


def _img(data: bytes, mime: str, alt: str, css: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img class="{css}" alt="{escape(alt)}" src="data:{mime};base64,{encoded}">'


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
        rows = analysis.rows
        known_units: set[str] = set()
        if self.group_column and self.group_column in rows.columns:
            known_units = set(texts(rows[self.group_column]))
        self.ev = Evidence(known_rows=set(rows["response_id"].astype(str)), known_units=known_units)
        self.roles = roles

    # --- helpers --------------------------------------------------------------------------
    def kind(self, unit: str | None) -> str:
        column = self.a.unit_columns.get(unit or "")
        if not unit or column in (None, "response_id"):
            return "r"
        if column == self.group_column:
            return "u"
        return "x"

    def num(self, n: object, ids: Sequence[str], title: str, kind: str = "r") -> str:
        """A table cell with a count that links to the answers behind it."""
        return f"<td class='num'>{self.ev.link(n, ids, title, kind=kind)}</td>"

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
        return f'<li id="{anchor("i", insight.id)}">{text}</li>'

    def insights_list(self, items: Sequence[Insight]) -> str:
        if not items:
            return ""
        return '<ul class="insights">' + "".join(self.insight_html(i) for i in items) + "</ul>"

    # --- sections -------------------------------------------------------------------------
    def overview(self) -> str:
        a, s = self.a, self.s
        rows = a.rows
        facts = [f"<li><b>{len(rows)}</b> {s['rows']}</li>"]
        if self.roles is not None:
            for unit in self.roles.units:
                column = a.unit_columns.get(unit.name)
                if column and column in rows.columns:
                    n = texts(rows[column]).replace("", pd.NA).dropna().nunique()
                    facts.append(f"<li><b>{n}</b> {escape(unit.label or unit.name)}</li>")
        for question in a.questions:
            status = a.answers[a.answers["question"] == question]
            answered = sum(bool(str(t).strip()) for t in status["text"].fillna(""))
            facts.append(
                f"<li>{escape(a.question_label(question))}: <b>{answered}</b> "
                f"{s['answers'].lower()}</li>"
            )
        book = ""
        if a.codebook is not None:
            name = f"{a.codebook.id} {a.codebook.version}"
            book = f"<p class='meta'>{s['codebook']}: {escape(name)}</p>"
        source = (
            f"<p class='meta'>{s['source']}: {escape(self.o.source)}</p>" if self.o.source else ""
        )
        privacy = s["redacted"] if self.o.redact else s["not_redacted"]
        empty = ""
        if not len(rows):
            empty = f"<p class='warn'>{escape(s['no_rows'])}</p>"
        elif not a.questions:
            empty = f"<p class='warn'>{escape(s['no_open_answers'])}</p>"
        return (
            f'<section id="overzicht"><h2>{s["overview"]}</h2>{empty}<ul>{"".join(facts)}</ul>'
            f"{source}{book}<p class='meta'>{escape(privacy)}</p></section>"
        )

    def key_findings(self) -> str:
        statements = [i for i in self.a.insights if i.kind in ("statement", "compare")]
        if not statements:
            statements = [i for i in self.a.insights if i.kind == "top"]
        if not statements:
            return ""
        sections: dict[str, list[Insight]] = {}
        for insight in statements:
            sections.setdefault(insight.section, []).append(insight)
        parts = [f'<section id="inzichten"><h2>{self.s["insights"]}</h2>']
        for name, items in sections.items():
            if name:
                parts.append(f"<h3>{escape(name)}</h3>")
            parts.append(self.insights_list(items))
        parts.append("</section>")
        table = self.a.insights.to_frame()
        self.tables["inzichten"] = table.assign(text=[self._shown_text(t) for t in table["text"]])
        return "".join(parts)

    def question_section(self, question: str) -> str:
        a, s = self.a, self.s
        self.step(question)
        label = a.question_label(question)
        unit = a.unit_of(question)
        unit_label = self._unit_label(unit)
        themes = a.themes(question)
        parts = [
            f'<section id="{anchor("vraag", question)}" class="question">'
            f"<h2>{escape(label)}</h2><p class='meta'>{escape(question)}</p>"
        ]
        # Theme table.
        substantive = themes[themes["code"] != EMPTY_CODE]
        base = int(themes["base"].max()) if len(themes) else 0
        rows = []
        for row in tuples(themes):
            title = f"{label}: {row.label}"
            rows.append(
                f"<tr><td>{escape(row.label)} <span class='kind'>{escape(row.code)}</span></td>"
                f"<td class='num'>{self.ev.link(row.answers, row.response_ids, title)}</td>"
                f"<td class='num'>{self.ev.link(row.n, row.response_ids, title)}</td>"
                f"<td class='num'>{_pct(row.share)}</td><td class='num'>{row.base}</td></tr>"
            )
        parts.append(
            f"<h3>{s['themes']}</h3><table class='themes'><thead><tr><th>{s['theme']}</th>"
            f"<th>{s['answers']}</th><th>{escape(unit_label or s['respondent'])}</th>"
            f"<th>{s['share']}</th><th>{s['base']}</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
        self.tables[f"themas_{question}"] = themes
        # Insights.
        items = [i for i in a.insights if i.question == question and i.kind in ("code", "top")]
        parts.append(f"<h3>{s['statements']}</h3>" + self.insights_list(items))
        # Bar chart.
        if len(substantive):
            chart = bar_chart(
                list(substantive["label"]),
                list(substantive["share"]),
                list(substantive["n"]),
                title=f"{label} (N = {base})",
                xlabel=s["share_axis"],
            )
            parts.append(self.image(chart, "image/svg+xml", f"{s['chart']}: {label}", "chart bar"))
        # Quotes.
        parts.append(f"<h3>{s['quotes']}</h3>")
        for row in tuples(substantive):
            quotes = top_quotes(
                a.suggestions, a.answers, question=question, code=row.code, k=self.o.top_quotes
            )
            if not quotes:
                continue
            parts.append(f"<h4>{escape(row.label)}</h4>")
            for response_id, text, spans in quotes:
                body = highlight(text, spans, redact=self.o.redact, language=self.lang)
                parts.append(
                    f"<blockquote class='quote'>{body} "
                    f"<span class='meta'>— {self.ev.id_link(response_id, 'r')}</span></blockquote>"
                )
        # Word cloud.
        freqs = lemma_frequencies(
            self._shown_answers(question), question=question, language=self.lang, compounds=False
        )
        cloud = word_cloud(freqs)
        if cloud is not None:
            parts.append(f"<h3>{s['wordcloud']}</h3>")
            parts.append(self.image(cloud, "image/png", f"{s['wordcloud']}: {label}", "wordcloud"))
        # Crosstab.
        parts.append(self.crosstab_html(question))
        # Co-occurrence.
        parts.append(self.cooccurrence_html(question, label))
        # Keyword in context.
        parts.append(self.kwic_html(question))
        parts.append("</section>")
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
        head = "".join(f"<th>{escape(names[g])}</th>" for g in groups)
        rows = []
        tests = table.tests.set_index("code")
        for code in table.counts.index:
            cells = []
            for group in groups:
                n = int(table.counts.loc[code, group])
                share = table.shares.loc[code, group]
                ids = table.ids.get((code, group), ())
                link = self.ev.link(n, ids, f"{self.label(code)} — {names[group]}", kind=kind)
                cells.append(f"<td class='num'>{link} ({_pct(share)})</td>")
            test = tests.loc[code]
            p = "" if pd.isna(test["p_value"]) else f"p = {test['p_value']:.3f}"
            warn = (
                f" <span class='warn'>⚠ {s['small_counts']}</span>" if test["small_counts"] else ""
            )
            rows.append(
                f"<tr><td>{escape(self.label(code))}</td>{''.join(cells)}"
                f"<td>{escape(str(test['test']))} {p}{warn}</td></tr>"
            )
        base = "".join(f"<td class='num'>{int(table.base[g])}</td>" for g in groups)
        rows.append(f"<tr><th>{s['base']}</th>{base}<td></td></tr>")
        export = table.counts.copy()
        export.columns = [names.get(str(c), str(c)) for c in export.columns]
        export = export.reset_index()
        export["label"] = [self.label(c) for c in export["code"]]
        export = export.merge(table.tests, on="code", how="left")
        self.tables[f"kruistabel_{question}"] = export
        note = ""
        if table.small_counts:
            note = (
                f"<p class='warn'>⚠ {s['small_counts']}: "
                + escape(next(w for w in table.tests["warning"] if w))
                + "</p>"
            )
        return (
            f"<h3>{s['crosstab']} {escape(table.by)}</h3><table class='crosstab'><thead><tr>"
            f"<th>{s['theme']}</th>{head}<th>{s['test']}</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
            + note
        )

    def cooccurrence_html(self, question: str, label: str) -> str:
        a, s = self.a, self.s
        matrix = a.cooccurrence.get(question)
        if matrix is None or len(matrix) < 2:
            return ""
        labels = [self.label(c) for c in matrix.index]
        chart = heat_map(matrix, labels=labels, title=label, scale_label=s["both_codes"])
        pairs = cooccurrence_pairs(a.suggestions, question=question, codebook=a.codebook)
        self.tables[f"samen_{question}"] = pairs
        rows = "".join(
            f"<tr><td>{escape(self.label(p.code_a))}</td><td>{escape(self.label(p.code_b))}</td>"
            + self.num(p.n, p.response_ids, f"{self.label(p.code_a)} + {self.label(p.code_b)}")
            + f"<td class='num'>{p.jaccard:.2f}</td></tr>"
            for p in tuples(pairs)
        )
        table = (
            f"<table class='pairs'><thead><tr><th>{s['theme']}</th><th>{s['theme']}</th>"
            f"<th>{s['answers']}</th><th>Jaccard</th></tr></thead><tbody>{rows}</tbody></table>"
            if rows
            else ""
        )
        return (
            f"<h3>{s['cooccurrence']}</h3>"
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
        parts = [f"<details class='kwic'><summary>{s['kwic']} ({len(hits)})</summary>"]
        for code, group in hits.groupby("code", sort=False):
            rows = "".join(
                f"<tr><td>{self.ev.id_link(h.response_id, 'r')}</td>"
                f"<td class='kind'>{escape(h.rule)}</td>"
                f"<td class='left'>{escape(h.left)}</td><td class='kw'>{escape(h.keyword)}</td>"
                f"<td>{escape(h.right)}</td></tr>"
                for h in tuples(group)
            )
            parts.append(
                f"<h4>{escape(self.label(str(code)))}</h4>"
                f"<table class='kwic'><tbody>{rows}</tbody></table>"
            )
        parts.append("</details>")
        return "".join(parts)

    def multiselect_section(self) -> str:
        a, s = self.a, self.s
        if self.roles is None or not a.multiselect:
            return ""
        parts = [f'<section id="meerkeuze"><h2>{s["multiselect"]}</h2>']
        for multi in self.roles.multiselect:
            table = a.multiselect.get(multi.id)
            if table is None:
                continue
            self.step(multi.id)
            kind = self.kind(multi.unit)
            label = multi.label or multi.id
            base = int(table["base"].iloc[0]) if len(table) else 0
            rows = []
            for row in tuples(table):
                tag = "" if row.kind == "option" else f" <span class='kind'>({s[row.kind]})</span>"
                title = f"{label}: {row.label}"
                rows.append(
                    f"<tr><td>{escape(row.label)}{tag}</td><td class='num'>{row.closed}</td>"
                    + self.num(row.from_other, row.other_ids, f"{title} (overig)", kind)
                    + self.num(row.n, row.ids, title, kind)
                    + f"<td class='num'>{_pct(row.share)}</td></tr>"
                )
            parts.append(
                f'<h3 id="{anchor("m", multi.id)}">{escape(label)}</h3>'
                f"<p class='meta'>{s['base']} = {base}</p><table class='multiselect'><thead><tr>"
                f"<th>{s['option']}</th><th>{s['ticked']}</th><th>{s['from_other']}</th>"
                f"<th>{s['total']}</th><th>{s['share']}</th></tr></thead><tbody>"
                + "".join(rows)
                + "</tbody></table>"
            )
            shown = table[table["kind"].isin(["option", "new_theme"]) & (table["n"] > 0)]
            shown = shown.sort_values("n", ascending=False, kind="mergesort")
            if len(shown):
                chart = bar_chart(
                    list(shown["label"]),
                    list(shown["share"]),
                    list(shown["n"]),
                    title=f"{label} (N = {base})",
                    xlabel=s["share_axis"],
                    highlight=list(shown["kind"] == "option"),
                )
                parts.append(
                    self.image(chart, "image/svg+xml", f"{s['chart']}: {label}", "chart bar")
                )
            items = [i for i in a.insights if i.question == multi.id and i.kind == "top"]
            parts.append(self.insights_list(items))
            self.tables[f"meerkeuze_{multi.id}"] = table
        parts.append("</section>")
        return "".join(parts)

    def closed_section(self) -> str:
        a, s = self.a, self.s
        if self.roles is None or not a.closed:
            return ""
        parts = [f'<section id="gesloten"><h2>{s["closed"]}</h2>']
        frames = []
        current = None
        for q in self.roles.questions:
            table = a.closed.get(q.column)
            if table is None:
                continue
            section = q.section
            if section and section != current:
                parts.append(f"<h3>{escape(section)}</h3>")
                current = section
            kind = self.kind(q.unit)
            label = q.label or q.column
            base = int(table["base"].iloc[0]) if len(table) else 0
            # Categories can be free text ("anders, namelijk"): shown as the crosstab's are.
            names = self.group_names([str(c) for c in table["category"]])
            table = table.assign(category=[names[str(c)] for c in table["category"]])
            rows = "".join(
                f"<tr><td>{escape(r.category)}</td>"
                + self.num(r.n, r.ids, f"{label}: {r.category}", kind)
                + f"<td class='num'>{_pct(r.share)}</td></tr>"
                for r in tuples(table)
            )
            parts.append(
                f'<h4 id="{anchor("q", q.column)}">{escape(label)}</h4>'
                f"<p class='meta'>{escape(q.column)} · {s['base']} = {base}</p>"
                f"<table class='closed'><thead><tr><th>{s['category']}</th><th>n</th>"
                f"<th>{s['share']}</th></tr></thead><tbody>{rows}</tbody></table>"
            )
            frame = table.copy()
            frame.insert(0, "question", q.column)
            frames.append(frame)
        if frames:
            self.tables["gesloten"] = pd.concat(frames, ignore_index=True)
        parts.append("</section>")
        return "".join(parts)

    def keyness_section(self) -> str:
        a, s = self.a, self.s
        if a.by is None:
            return ""
        self.step("keyness")
        open_answers = a.answers[a.answers["question"].isin(a.questions)]
        table = keyness(
            self._redacted(open_answers), a.by, top=self.o.keyness_top, language=self.lang
        )
        if not len(table):
            return ""
        names = self.group_names(list(dict.fromkeys(table["group"].astype(str))))
        table = table.assign(group=[names[str(g)] for g in table["group"]])
        self.tables["kernwoorden"] = table
        parts = [f'<section id="kernwoorden"><h2>{s["keyness"]}: {escape(a.by)}</h2>']
        for group, part in table.groupby("group", sort=False):
            rows = "".join(
                f"<tr><td>{escape(r.lemma)}</td>"
                + self.num(r.count, r.response_ids, f"{group}: {r.lemma}")
                + f"<td class='num'>{r.count_rest}</td><td class='num'>{r.chi2:.2f}</td>"
                f"<td class='num'>{r.p_value:.3f}</td></tr>"
                for r in tuples(part)
            )
            parts.append(
                f"<h3>{escape(group)}</h3><table class='keyness'><thead><tr><th>{s['lemma']}</th>"
                f"<th>{s['in_group']}</th><th>{s['rest']}</th><th>χ²</th><th>p</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        parts.append("</section>")
        return "".join(parts)

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
            f"<tr><td>{escape(a.question_label(r.question))}</td><td class='num'>{r.codes}</td>"
            + self.num(r.answers, r.response_ids, f"{r.question}: {r.codes}")
            + f"<td class='num'>{_pct(r.share)}</td></tr>"
            for r in tuples(table)
        )
        return (
            f'<section id="codes-per-antwoord"><h2>{s["codes_per_answer"]}</h2>'
            f"<table><thead><tr><th>{s['question']}</th><th>{s['codes']}</th>"
            f"<th>{s['answers']}</th><th>{s['share']}</th></tr></thead><tbody>{rows}</tbody>"
            "</table></section>"
        )

    def verbatim_section(self) -> str:
        a, s = self.a, self.s
        if self.roles is None or not self.roles.verbatim_columns:
            return ""
        parts = [f'<section id="letterlijk"><h2>{s["verbatim"]}</h2>']
        frames = []
        for column in self.roles.verbatim_columns:
            if column.column not in a.rows.columns:
                continue
            values = texts(a.rows[column.column])
            ids = a.rows["response_id"].astype(str)
            items = [(i, v) for i, v in zip(ids, values, strict=True) if v]
            parts.append(f"<h3>{escape(column.label or column.column)}</h3>")
            if not items:
                parts.append(f"<p>{s['no_answers']}</p>")
                continue
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{escape(shown(v, redact=self.o.redact, language=self.lang).text)} "
                    f"<span class='meta'>— {self.ev.id_link(i, 'r')}</span></li>"
                    for i, v in items
                )
                + "</ul>"
            )
            frames.append(
                pd.DataFrame({"column": column.column, "response_id": [i for i, _ in items]})
            )
        parts.append("</section>")
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
                items.append(
                    f"<div><span class='kind'>{escape(q)}</span> {body}"
                    f"{f' <span class=meta>[{escape(labels)}]</span>' if labels else ''}</div>"
                )
            return "".join(items)

        def closed_html(row: pd.Series, questions: list[Any], unit_level: bool) -> str:
            values = []
            for q in questions:
                value = value_text(row.get(q.column)) if q.column in row else ""
                if value:
                    # A closed question can still hold free text ("anders, namelijk").
                    value = shown(value, redact=self.o.redact, language=self.lang).text
                    values.append(f"{escape(q.column)}: {escape(value)}")
            for multi in multis:
                if (multi.unit == "respondent") != unit_level:
                    continue
                ticked = [
                    o.label or o.id
                    for o in multi.options
                    if o.column in row and is_ticked(row[o.column])
                ]
                if ticked:
                    values.append(f"{escape(multi.id)}: {escape(', '.join(ticked))}")
            return "; ".join(values)

        parts = [f'<section id="bijlage-antwoorden"><h2>{s["appendix"]}</h2>']
        rows = a.rows
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
                    f'<div class="unit" id="{anchor("u", unit_id)}"><h3>{head}</h3>'
                    f"<p class='meta'>{closed_html(first, unit_closed, True)}</p>{unit_open}"
                )
                body = "".join(
                    f'<tr id="{anchor("r", str(r["response_id"]))}">'
                    f"<td>{escape(r['response_id'])}</td>"
                    f"<td class='meta'>{closed_html(r, row_closed, False)}</td>"
                    f"<td>{open_html(str(r['response_id']), None, unit_questions)}</td></tr>"
                    for _, r in group.iterrows()
                )
                parts.append(
                    f"<table class='answers'><thead><tr><th>id</th><th>{s['closed_answers']}</th>"
                    f"<th>{s['open_answers']}</th></tr></thead><tbody>{body}</tbody></table></div>"
                )
        else:
            body = "".join(
                f'<tr id="{anchor("r", str(r["response_id"]))}"><td>{escape(r["response_id"])}</td>'
                f"<td>{open_html(str(r['response_id']), None, set())}</td></tr>"
                for _, r in rows.iterrows()
            )
            parts.append(
                f"<table class='answers'><thead><tr><th>id</th><th>{s['open_answers']}</th>"
                f"</tr></thead><tbody>{body}</tbody></table>"
            )
        parts.append("</section>")
        return "".join(parts)

    def render(self) -> RenderResult:
        a, s = self.a, self.s
        title = (
            self.o.title
            or (self.roles.title if self.roles and self.roles.title else "")
            or s["default_title"]
        )
        body = [self.overview(), self.key_findings()]
        body += [self.question_section(q) for q in a.questions]
        body += [
            self.multiselect_section(),
            self.closed_section(),
            self.keyness_section(),
            self.codes_per_answer_section(),
            self.verbatim_section(),
            f'<section id="verantwoording"><h2>{s["method"]}</h2>{self.method}</section>',
        ]
        appendix = self.appendix()
        evidence = (
            f'<section id="bijlage-bewijs"><h2>{s["evidence"]}</h2>{self.ev.render()}</section>'
        )
        body = [part for part in body if part]
        nav = self._nav([*body, evidence, appendix])
        html = (
            "<!DOCTYPE html>\n"
            f'<html lang="{escape(self.lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{escape(title)}</h1>{nav}"
            + "".join(body)
            + evidence
            + appendix
            + "</body></html>\n"
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
                items.append(f'<li><a href="#{match.group(1)}">{match.group(2)}</a></li>')
        return f"<nav><b>{self.s['contents']}</b><ul>{''.join(items)}</ul></nav>"


def render_report(
    analysis: SurveyAnalysis,
    options: ReportOptions | None = None,
    *,
    step: Callable[[str], None] | None = None,
) -> RenderResult:
    """The report of an analysis as HTML (self-contained) and the tables behind it."""
    return _Renderer(analysis, options or ReportOptions(), step or (lambda _: None)).render()


__all__ = ["RenderResult", "ReportOptions", "render_report"]
