"""English wording of the HTML report."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "default_title": "Open answers report",
    "overview": "Overview",
    "insights": "Key findings",
    "open_questions": "Open questions",
    "themes": "Themes",
    "theme": "Theme",
    "answers": "Answers",
    "share": "Share",
    "statements": "Insights",
    "quotes": "Quotes per theme",
    "chart": "Chart",
    "wordcloud": "Word cloud (lemmas, no stop words)",
    "crosstab": "Cross-tabulation by",
    "cooccurrence": "Themes named together",
    "pairs": "Pairs",
    "kwic": "Keyword in context",
    "multiselect": "Multiple-choice questions",
    "option": "Option",
    "ticked": "Ticked",
    "from_other": "Added from 'other'",
    "total": "Total",
    "new_theme": "new theme",
    "no_content": "no content",
    "uncoded": "not coded",
    "closed": "Closed questions",
    "category": "Answer",
    "keyness": "Key words per group",
    "lemma": "Lemma",
    "in_group": "In group",
    "rest": "Other groups",
    "codes_per_answer": "Codes per answer",
    "codes": "Codes",
    "verbatim": "Verbatim answers (not coded)",
    "method": "Method",
    "evidence": "Appendix A: the answers behind every number",
    "appendix": "Appendix B: answers",
    "question": "Question",
    "test": "Test",
    "small_counts": "small counts",
    "none": "none",
    "base": "N",
    "redacted": "Personal data in quotes is replaced by placeholders such as [NAME], [EMAIL].",
    "not_redacted": "Note: quotes are NOT redacted (--no-redact).",
    "rows": "rows",
    "source": "Source",
    "codebook": "Codebook",
    "no_answers": "No answers.",
    "no_rows": "No answers in this file.",
    "no_open_answers": "No open answers filled in in this file.",
    "contents": "Contents",
    "respondent": "Unit",
    "closed_answers": "Closed answers",
    "open_answers": "Open answers",
    "sample": (
        "A sample: quotes, keywords in context, the appendices and the answers behind each number "
        "come from {shown} of the {rows} rows, chosen by their id (the same every time). Every "
        "count, share, test and key word counts all {answers} answers."
    ),
    "share_axis": "% of those who answered the question",
    "both_codes": "answers with both codes",
    "other": "other",
    "other_uncoded": "Other, not coded",
    "no_content_note": (
        "{n} times 'other' held no substantive answer (such as \"n/a\"); it does not count as "
        "an option."
    ),
    "multiselect_other": "Answers written under 'other' are coded and count with the option "
    "their code stands for, or as a new theme.",
    "test_names": "fisher exact=Fisher|chi-square=χ²|none=no test",
    "small_counts_note": (
        "{cells} of the cells expect fewer than 5 (smallest {smallest}); the p-value is uncertain"
    ),
    "contradicted": "⚠ The data contradict this statement: {why}.",
    "contradicted_word": "'{word}' means {expect}, the data give {pct}",
    "contradicted_expect": "expected {expect}, the data give {pct}",
    "contradicted_compare": "expected {expect}, the data give {pct1} against {pct2}",
    "conclusions": "Conclusions",
    "conclusion_unknown": "⚠ Cites '{name}', a statement the report does not know.",
    "conclusion_cites": "⚠ Rests on a statement the data contradict: {names}.",
    "conclusion_expect": "⚠ Not in line with the data: expected {expect}.",
    "findings": "Automatic findings",
    "differences": "Largest differences between groups",
    "difference": (
        "{label}: {high_pct} among {high} ({high_n} of {high_N}) against {low_pct} among {low} "
        "({low_n} of {low_N}); {test}, {p}."
    ),
    "difference_caution": " Note: small groups (smallest N = {smallest}); read this as a hint, "
    "not as proof.",
    "no_differences": "No difference between groups with p < {alpha}.",
    "together": "Themes often mentioned together",
    "pair": "'{a}' and '{b}' are mentioned together in {n} answers to '{question}' "
    "(Jaccard {jaccard}).",
    "open_adds": "What the open answers add",
    "adds_new": (
        "The open answers to '{question}' add {count} {what} that are no option: {items}."
    ),
    "adds_options": "They also add to {count} ticked options: {items}.",
    "adds_none": "The open answers to '{question}' add no new theme.",
    "adds_themes": "The open answers to '{question}' name {count} themes: {items}.",
    "what_themes": "themes",
    "what_theme": "theme",
    "keyness_note": (
        "Lemmas used at least {min_count} times in a group; words of the questions themselves and "
        "function words are left out. ⚠ marks small counts (an expected count below 5): the "
        "p-value then comes from Fisher's exact test and is uncertain."
    ),
    "closed_chart_axis": "% of those who answered",
}

METHOD = """
<p>Every number links to the answers behind it (appendix A), and every id there to the answer
(appendix B). Shares are shares of those who answered the question; "other" answers coded with a
code that stands for an option count with that option; tests are Fisher's exact test when an
expected count is below 5 (and the table is small), else chi-square, with a warning for small
expected counts. The largest differences between groups of each attribute are tested the same
way and shown from p &lt; 0.05, with a caution for groups under 10. A statement of the sidecar
with an expectation (<code>expect</code>) or an evaluative word ("rarely": at most 10%) is
checked against the data and marked when they contradict it. Shown text is redacted; coding ran
on the original text.</p>
"""
