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
    "multiselect": "Multiple-choice questions with coded 'other'",
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
}

METHOD = """
<p>Every number links to the answers behind it (appendix A), and every id there to the answer
(appendix B). Shares are shares of those who answered the question; "other" answers coded with a
code that stands for an option count with that option; tests are Fisher's exact test when an
expected count is below 5 (and the table is small), else chi-square, with a warning for small
expected counts. Shown text is redacted; coding ran on the original text.</p>
"""
