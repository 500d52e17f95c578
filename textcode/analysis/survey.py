"""Everything the report shows, computed in one call: :func:`analyse_survey`.

It runs the small functions of this package over a coded survey (answers + suggestions), using
the column roles of a sidecar when there is one (units, closed questions, multiple-choice
questions, statements), and returns a :class:`SurveyAnalysis` whose tables a notebook shows
and the report renders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from textcode.analysis.claims import holds, implied_expectations, parse_expectation
from textcode.analysis.conclusions import Conclusion, check_conclusion
from textcode.analysis.cooccurrence import cooccurrence, cooccurrence_pairs
from textcode.analysis.counts import (
    Share,
    closed_counts,
    code_frequencies,
    codes_per_answer,
    share_of,
)
from textcode.analysis.crosstab import CodeCrosstab, code_crosstab
from textcode.analysis.differences import group_differences
from textcode.analysis.frames import (
    EMPTY_CODE,
    answer_status,
    check_answers,
    decisions,
    ensure_suggestions,
    filter_rows,
    rows_table,
    sorted_ids,
    texts,
    tuples,
)
from textcode.analysis.html import frame_html
from textcode.analysis.insights import (
    Insight,
    Insights,
    auto_template,
    compare_insight,
    make_insight,
    noun_or_default,
    top_insight,
)
from textcode.analysis.multiselect import multiselect_counts, option_for_code
from textcode.analysis.quantifiers import format_percent, join_items, templates
from textcode.codebook.questions import group_of

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.ingest.sidecar import DatasetRoles, InsightSpec


def normalize_questions(
    answers: pd.DataFrame,
    *,
    roles: DatasetRoles | None = None,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """The answers with each ``question`` named by its codebook group.

    A wide file's open column ``belemmering_overig`` becomes ``belemmering`` (the sidecar's
    group, or the codebook's alias), the name the coder puts in its suggestions.
    """
    check_answers(answers)
    out = answers.copy()

    def name(question: str) -> str:
        if roles is not None:
            question = roles.question_for(question)
        return group_of(question, codebook)

    mapping = {q: name(q) for q in out["question"].astype(str).unique()}
    out["question"] = out["question"].astype(str).map(mapping)
    return out


@dataclass(frozen=True)
class SurveySample:
    """What a sampled analysis shows of a survey too large to show whole.

    Every count, share, test and keyness figure is over all answers; the answers themselves
    (quotes, keyword in context, the appendix) and the ids behind each number are those of
    ``rows``, a sample of the respondents chosen by a hash of their id (the same every run).
    The lemma counts of keyness (per group of the ``by`` attribute, with the sampled answers
    behind each) and of the word clouds (per question) were made over all answers while they
    streamed by.
    """

    rows: frozenset[str]
    n_rows: int
    n_answers: int
    keyness_counts: dict[str, Counter[str]] = field(default_factory=dict)
    keyness_ids: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    words: dict[str, Counter[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SurveyAnalysis:
    """The results of :func:`analyse_survey` (tables are pandas DataFrames)."""

    answers: pd.DataFrame
    suggestions: pd.DataFrame
    rows: pd.DataFrame
    questions: tuple[str, ...]
    frequencies: pd.DataFrame
    codes_per_answer: pd.DataFrame
    insights: Insights
    closed: dict[str, pd.DataFrame] = field(default_factory=dict)
    multiselect: dict[str, pd.DataFrame] = field(default_factory=dict)
    crosstabs: dict[str, CodeCrosstab] = field(default_factory=dict)
    cooccurrence: dict[str, pd.DataFrame] = field(default_factory=dict)
    roles: DatasetRoles | None = None
    codebook: Codebook | None = None
    language: str = "nl"
    by: str | None = None
    unit_columns: dict[str, str] = field(default_factory=dict)
    answered: dict[str, int] = field(default_factory=dict)  # non-empty answers per question
    pairs: dict[str, pd.DataFrame] = field(default_factory=dict)  # codes named together
    sample: SurveySample | None = None  # set when answers and ids are a sample (see there)
    conclusions: tuple[Conclusion, ...] = ()  # the sidecar's, checked against the insights
    # The largest differences between groups of the attributes (see analysis.differences).
    differences: pd.DataFrame = field(default_factory=lambda: pd.DataFrame())

    @property
    def shown_rows(self) -> pd.DataFrame:
        """The rows whose answers the analysis holds: all of them, or the sample's."""
        if self.sample is None:
            return self.rows
        return self.rows[self.rows["response_id"].isin(self.sample.rows)]

    def question_label(self, question: str) -> str:
        """The question's wording: sidecar label, codebook question, or the id."""
        if self.roles is not None:
            text = self.roles.text_column(question)
            if text is not None and text.label:
                return text.label
        if self.codebook is not None:
            try:
                group = self.codebook.group(question)
            except KeyError:
                group = None
            if group is not None:
                return group.question or group.label or question
        return question

    def unit_of(self, question: str) -> str | None:
        """The unit name an open question is counted in (``None``: each response)."""
        if self.roles is not None:
            text = self.roles.text_column(question)
            if text is not None:
                return text.unit
        return None

    def themes(self, question: str) -> pd.DataFrame:
        """The frequency table of one question."""
        return self.frequencies[self.frequencies["question"] == question].reset_index(drop=True)

    def _repr_html_(self) -> str:
        parts = [
            f"<p><b>{len(self.rows)}</b> rows, <b>{len(self.questions)}</b> open questions, "
            f"<b>{len(self.insights)}</b> insights</p>"
        ]
        for question in self.questions:
            table = self.themes(question).drop(columns=["response_ids"])
            parts.append(frame_html(table, caption=self.question_label(question)))
        parts.append(self.insights._repr_html_())
        return "".join(parts)


def analyse_survey(
    answers: pd.DataFrame,
    suggestions: pd.DataFrame,
    *,
    roles: DatasetRoles | None = None,
    codebook: Codebook | None = None,
    language: str | None = None,
    by: str | None = None,
    empty_code: str = EMPTY_CODE,
) -> SurveyAnalysis:
    """Count, cross-tabulate and describe a coded survey.

    ``answers`` is the answers table (question names are mapped to codebook groups with
    :func:`normalize_questions`), ``suggestions`` the coder's records. ``by`` is the attribute
    to cross-tabulate by (default: the sidecar's first attribute).
    """
    language = (
        language or (roles.language if roles else None) or (codebook.language if codebook else "nl")
    )
    answers = normalize_questions(answers, roles=roles, codebook=codebook)
    suggestions = ensure_suggestions(suggestions)
    rows = rows_table(answers)
    # The id column became ``response_id`` when the answers were read.
    unit_columns = (
        {
            u.name: "response_id" if u.column in (roles.id_column, "response_id") else u.column
            for u in roles.units
        }
        if roles
        else {}
    )
    if by is not None and by not in rows.columns:
        from textcode.errors import InputError

        columns = [c for c in rows.columns if c != "response_id"]
        known = ", ".join(columns[:8]) + (", …" if len(columns) > 8 else "") or "none"
        raise InputError(
            f"no attribute column {by!r} to cross-tabulate by (known: {known})", field=by
        )
    if by is None and roles is not None and roles.attributes:
        by = roles.attributes[0] if roles.attributes[0] in rows.columns else None
    status = answer_status(answers, suggestions, empty_code=empty_code)
    questions = tuple(dict.fromkeys(status.loc[status["answered"], "question"]))
    answered = status[status["answered"]].groupby("question", sort=False).size()
    del status
    # Each question's counts look at its own answers only: the same numbers, a third of the
    # work and memory for a survey of three questions.
    asked = dict(tuple(answers.groupby("question", sort=False))) if questions else {}
    extra_units: dict[str, str | None] = (
        {f"{name}s": column for name, column in unit_columns.items()}
        if roles
        else {"respondents": None}
    )
    frames = []
    for question in questions:
        unit = _text_unit(roles, question)
        frames.append(
            code_frequencies(
                suggestions,
                asked[question],
                codebook=codebook,
                unit=unit_columns.get(unit) if unit else None,
                units=extra_units,
                question=question,
                empty_code=empty_code,
            )
        )
    frequencies = (
        pd.concat(frames, ignore_index=True)
        if frames
        else code_frequencies(suggestions, answers, codebook=codebook, units=extra_units)
    )
    closed: dict[str, pd.DataFrame] = {}
    multis: dict[str, pd.DataFrame] = {}
    if roles is not None:
        for q in roles.questions:
            if q.column in rows.columns:
                closed[q.column] = closed_counts(
                    rows, q.column, unit=unit_columns.get(q.unit or ""), categories=q.categories
                )
        for multi in roles.multiselect:
            multis[multi.id] = multiselect_counts(
                rows,
                multi,
                suggestions=suggestions,
                codebook=codebook,
                unit=unit_columns.get(multi.unit or ""),
                empty_code=empty_code,
            )
    crosstabs: dict[str, CodeCrosstab] = {}
    co: dict[str, pd.DataFrame] = {}
    pairs: dict[str, pd.DataFrame] = {}
    for question in questions:
        unit = _text_unit(roles, question)
        if by is not None:
            crosstabs[question] = code_crosstab(
                suggestions,
                asked[question],
                by,
                question=question,
                codebook=codebook,
                respondent=unit_columns.get(unit) if unit else None,
                empty_code=empty_code,
            )
        co[question] = cooccurrence(
            suggestions, question=question, codebook=codebook, empty_code=empty_code
        )
        pairs[question] = cooccurrence_pairs(
            suggestions, question=question, codebook=codebook, empty_code=empty_code
        )
    analysis = SurveyAnalysis(
        answers=answers,
        suggestions=suggestions,
        rows=rows,
        questions=questions,
        frequencies=frequencies,
        codes_per_answer=codes_per_answer(suggestions, answers, empty_code=empty_code),
        insights=Insights(),
        closed=closed,
        multiselect=multis,
        crosstabs=crosstabs,
        cooccurrence=co,
        roles=roles,
        codebook=codebook,
        language=language,
        by=by,
        unit_columns=unit_columns,
        answered={str(q): int(n) for q, n in answered.items()},
        pairs=pairs,
    )
    insights = Insights([*statement_insights(analysis), *automatic_insights(analysis)])
    conclusions = tuple(
        check_conclusion(c.id, c.text, insights, title=c.title, expect=c.expect)
        for c in (roles.conclusions if roles is not None else ())
    )
    return replace(
        analysis,
        insights=insights,
        conclusions=conclusions,
        differences=group_differences(analysis),
    )


def contradictions(analysis: SurveyAnalysis) -> list[str]:
    """One line per claim the data contradict (a statement or a conclusion), for ``--strict``."""
    out = []
    for insight in analysis.insights:
        for expectation in insight.contradicted:
            why = f" ({expectation.word!r})" if expectation.word else ""
            out.append(
                f"statement {insight.id}: expects {expectation.text}{why}, the data give "
                f"{insight.n} of {insight.base} ({format_percent(insight.share)})"
            )
    for conclusion in analysis.conclusions:
        for expectation in conclusion.contradicted:
            out.append(f"conclusion {conclusion.id}: expects {expectation.text}")
        for cited in conclusion.contradicted_citations:
            out.append(f"conclusion {conclusion.id}: cites the contradicted statement {cited}")
        for name in conclusion.unknown:
            out.append(f"conclusion {conclusion.id}: cites {name!r}, which no statement has")
    return out


def _text_unit(roles: DatasetRoles | None, question: str) -> str | None:
    if roles is None:
        return None
    text = roles.text_column(question)
    return text.unit if text is not None else None


def _population(analysis: SurveyAnalysis, question: str, label: str) -> str:
    """Who answered ``question``, in words: the sidecar's ``population`` or the template's."""
    if analysis.roles is not None:
        text = analysis.roles.text_column(question)
        if text is not None and text.population:
            return text.population
    return templates(analysis.language)["population"].format(question=label)


def _code_kind(share: Share, language: str) -> str:
    """The template of a code's sentence: of one unit, the singular one where there is one."""
    return "code_one" if share.base == 1 and "code_one" in templates(language) else "code"


def _unit_label(analysis: SurveyAnalysis, unit: str | None) -> str:
    roles = analysis.roles
    if roles is not None and unit:
        try:
            return roles.unit(unit).label
        except KeyError:
            return ""
    return ""


# --- statements declared in the sidecar --------------------------------------------------------
def spec_share(analysis: SurveyAnalysis, spec: InsightSpec) -> tuple[Share, str | None]:
    """The share a statement is about, and the unit it counts."""
    roles = analysis.roles
    assert roles is not None
    rows = filter_rows(analysis.rows, spec.where)
    multi = roles.multi(spec.question)
    text = roles.text_column(spec.question)
    closed = roles.question(spec.question)
    unit = spec.unit or (
        multi.unit if multi else text.unit if text else closed.unit if closed else None
    )
    unit_column = analysis.unit_columns.get(unit or "")
    if multi is not None:
        table = multiselect_counts(
            rows,
            multi,
            suggestions=analysis.suggestions,
            codebook=analysis.codebook,
            unit=unit_column,
        )
        wanted = set(spec.values)
        chosen = table[table["option"].isin(wanted) | table["code"].isin(wanted)]
        ids = sorted_ids(i for group in chosen["ids"] for i in group)
        base = int(table["base"].iloc[0]) if len(table) else 0
        return Share(len(ids), base, ids), unit
    if text is not None:
        group = text.group or text.column
        share = coded_share(analysis, group, spec.values, rows=rows, unit_column=unit_column)
        return share, unit
    return share_of(rows, spec.question, spec.values, unit=unit_column), unit


def coded_share(
    analysis: SurveyAnalysis,
    question: str,
    codes: tuple[str, ...] | list[str],
    *,
    rows: pd.DataFrame | None = None,
    unit_column: str | None = None,
) -> Share:
    """Units whose answer to ``question`` got one of ``codes``, among substantive answers."""
    answers = analysis.answers
    if rows is not None:
        answers = answers[answers["response_id"].astype(str).isin(set(rows["response_id"]))]
    status = answer_status(answers, analysis.suggestions).reset_index(drop=True)
    status["unit"] = texts(answers.reset_index(drop=True)[unit_column or "response_id"]).to_numpy()
    status = status[(status["question"] == question) & status["substantive"]]
    coded = decisions(analysis.suggestions)
    coded = coded[(coded["question"] == question) & coded["code"].isin(set(codes))]
    hit = status[status["response_id"].isin(set(coded["response_id"]))]
    return Share(hit["unit"].nunique(), status["unit"].nunique(), sorted_ids(hit["unit"]))


def statement_insights(analysis: SurveyAnalysis) -> list[Insight]:
    """The statements of the sidecar, rendered with the data's numbers."""
    roles = analysis.roles
    if roles is None:
        return []
    done: dict[str, Insight] = {}
    out = []
    for spec in roles.insights:
        if spec.compare:
            insight = compare_insight(
                spec.id,
                spec.text,
                done[spec.compare[0]],
                done[spec.compare[1]],
                language=analysis.language,
                section=spec.section,
            )
        else:
            share, unit = spec_share(analysis, spec)
            noun = noun_or_default(
                spec.noun or _unit_label(analysis, unit), language=analysis.language
            )
            insight = make_insight(
                spec.id,
                spec.text,
                share,
                noun=noun,
                bound=spec.bound,
                language=analysis.language,
                unit=unit or "",
                question=spec.question,
                section=spec.section,
                values=spec.values,
            )
        insight = checked(insight, spec.text, spec.expect, language=analysis.language)
        done[spec.id] = insight
        out.append(insight)
    return out


def checked(insight: Insight, wording: str, expect: Sequence[str], *, language: str) -> Insight:
    """``insight`` with its expectations (written ones and those its wording implies, such as
    "zelden") checked against its numbers."""
    written = tuple(parse_expectation(e) for e in expect)
    said = {(e.left, e.op, e.right) for e in written}
    expectations = written + tuple(
        e
        for e in implied_expectations(wording, language=language)
        if (e.left, e.op, e.right) not in said
    )
    if not expectations:
        return insight
    shares = {"": (insight.share, insight.n), "a": (insight.share, insight.n)}
    if insight.others:
        other = insight.others[0]
        shares["b"] = (other.n / other.base if other.base else 0.0, other.n)
    failed = tuple(e for e in expectations if holds(e, shares) is False)
    return replace(insight, expectations=expectations, contradicted=failed)


# --- automatic insights ---------------------------------------------------------------------
def automatic_insights(analysis: SurveyAnalysis, *, top: int = 3) -> list[Insight]:
    """One sentence per code, option and closed question, plus each question's top three."""
    language = analysis.language
    out: list[Insight] = []
    for question in analysis.questions:
        unit = analysis.unit_of(question)
        noun = noun_or_default(_unit_label(analysis, unit), language=language)
        label = analysis.question_label(question)
        population = _population(analysis, question, label)
        table = analysis.themes(question)
        table = table[table["code"] != EMPTY_CODE]
        shares = []
        for row in tuples(table):
            share = Share(int(row.n), int(row.base), tuple(row.response_ids))
            shares.append((str(row.label), share))
            out.append(
                make_insight(
                    f"{question}:{row.code}",
                    auto_template(_code_kind(share, language), language=language),
                    share,
                    noun=noun,
                    language=language,
                    unit=unit or "",
                    question=question,
                    section=label,
                    kind="code",
                    values=(str(row.code),),
                    extra={"label": str(row.label), "population": population},
                )
            )
        if shares:
            out.append(
                top_insight(
                    f"{question}:top",
                    label,
                    shares,
                    language=language,
                    unit=unit or "",
                    question=question,
                    section=label,
                    top=top,
                    what=templates(language)["what_themes"],
                )
            )
    roles = analysis.roles
    if roles is None:
        return out
    for multi in roles.multiselect:
        counted = analysis.multiselect.get(multi.id)
        if counted is None or not len(counted):
            continue
        noun = noun_or_default(_unit_label(analysis, multi.unit), language=language)
        label = multi.label or multi.id
        options = counted[counted["kind"].isin(["option", "new_theme"])]
        options = options.sort_values("n", ascending=False, kind="mergesort")
        shares = []
        for row in tuples(options):
            if not row.n:
                continue
            share = Share(int(row.n), int(row.base), tuple(row.ids))
            if row.kind == "option":
                shares.append((str(row.label), share))
            out.append(
                make_insight(
                    f"{multi.id}:{row.option}",
                    auto_template(
                        "option" if row.kind == "option" else "new_theme", language=language
                    ),
                    share,
                    noun=noun,
                    language=language,
                    unit=multi.unit or "",
                    question=multi.id,
                    section=multi.section or label,
                    kind=str(row.kind),
                    values=(str(row.option),),
                    extra={"label": str(row.label)},
                )
            )
        if shares:
            out.append(
                top_insight(
                    f"{multi.id}:top",
                    label,
                    shares,
                    language=language,
                    unit=multi.unit or "",
                    question=multi.id,
                    section=multi.section or label,
                    top=top,
                    what=templates(language)["what_options"],
                )
            )
    for q in roles.questions:
        closed = analysis.closed.get(q.column)
        if closed is None or not len(closed) or not int(closed["base"].iloc[0]):
            continue
        table = closed
        noun = noun_or_default(_unit_label(analysis, q.unit), language=language)
        label = q.label or q.column
        section = q.section or label
        if q.scale == "agree" and q.agree:
            for kind, values in (("agree", q.agree), ("disagree", q.disagree)):
                chosen = table[table["category"].isin(set(values))]
                ids = sorted_ids(i for group in chosen["ids"] for i in group)
                share = Share(len(ids), int(table["base"].iloc[0]), ids)
                out.append(
                    make_insight(
                        f"{q.column}:{kind}",
                        auto_template(kind, language=language),
                        share,
                        noun=noun,
                        language=language,
                        unit=q.unit or "",
                        question=q.column,
                        section=section,
                        kind="closed",
                        values=tuple(values),
                        extra={"question": label},
                    )
                )
            continue
        ordered = table.sort_values("n", ascending=False, kind="mergesort")
        best = ordered.iloc[0]
        tied = ordered[ordered["n"] == best["n"]]
        share = Share(int(best["n"]), int(best["base"]), tuple(best["ids"]))
        categories = [str(c) for c in tied["category"]]
        out.append(
            make_insight(
                f"{q.column}:mode",
                auto_template("closed" if len(tied) == 1 else "closed_tie", language=language),
                share,
                noun=noun,
                language=language,
                unit=q.unit or "",
                question=q.column,
                section=section,
                kind="closed",
                values=tuple(categories),
                extra={
                    "question": label,
                    "category": categories[0],
                    "items": join_items([f"'{c}'" for c in categories], language=language),
                },
            )
        )
    return out


def multiselect_code_map(analysis: SurveyAnalysis, multi_id: str) -> dict[str, str]:
    """Which code of the overig answers went to which option (for the report's notes)."""
    roles = analysis.roles
    multi = roles.multi(multi_id) if roles else None
    if multi is None:
        return {}
    codes = set(decisions(analysis.suggestions)["code"])
    out = {}
    for code in sorted(codes):
        option = option_for_code(multi, code, analysis.codebook)
        if option is not None:
            out[code] = option.id
    return out


def sampled(
    analysis: SurveyAnalysis,
    answers: pd.DataFrame,
    suggestions: pd.DataFrame,
    sample: SurveySample,
) -> SurveyAnalysis:
    """``analysis`` (over all answers) showing only the sample: its ``answers`` and
    ``suggestions`` become the sample's, and every list of ids behind a number keeps the ids of
    sampled respondents (response ids, or their units: respondents, organisations)."""
    rows = analysis.rows[analysis.rows["response_id"].isin(sample.rows)]
    shown = set(sample.rows)
    for column in set(analysis.unit_columns.values()) - {"response_id"}:
        if column in rows.columns:
            shown.update(v for v in texts(rows[column]) if v)

    def keep(ids: Any) -> tuple[str, ...]:
        return tuple(i for i in ids if i in shown)

    def table(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
        out = frame.copy()
        for column in columns:
            if column in out.columns:
                out[column] = [keep(ids) for ids in out[column]]
        return out

    crosstabs = {
        q: replace(t, ids={k: keep(v) for k, v in t.ids.items()})
        for q, t in analysis.crosstabs.items()
    }
    insights = Insights(
        [
            replace(
                i,
                ids=keep(i.ids),
                others=tuple(
                    replace(o, ids=keep(o.ids), base_ids=keep(o.base_ids)) for o in i.others
                ),
            )
            for i in analysis.insights
        ]
    )
    return replace(
        analysis,
        answers=answers,
        suggestions=suggestions,
        frequencies=table(analysis.frequencies, "response_ids"),
        codes_per_answer=table(analysis.codes_per_answer, "response_ids"),
        insights=insights,
        closed={k: table(v, "ids") for k, v in analysis.closed.items()},
        multiselect={k: table(v, "ids", "other_ids") for k, v in analysis.multiselect.items()},
        crosstabs=crosstabs,
        pairs={k: table(v, "response_ids") for k, v in analysis.pairs.items()},
        differences=table(analysis.differences, "ids"),
        sample=sample,
    )


def describe(analysis: SurveyAnalysis) -> str:
    """A one-line summary for logs and the command line."""
    return (
        f"{len(analysis.rows)} rows, {len(analysis.questions)} open questions, "
        f"{len(decisions(analysis.suggestions))} codings, {len(analysis.insights)} insights"
    )


__all__ = [
    "SurveyAnalysis",
    "SurveySample",
    "analyse_survey",
    "automatic_insights",
    "coded_share",
    "contradictions",
    "describe",
    "normalize_questions",
    "sampled",
    "statement_insights",
]
