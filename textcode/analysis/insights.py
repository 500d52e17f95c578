"""Insight sentences: statements generated from counts, each with n, N, % and its evidence.

Every :class:`Insight` carries the numbers behind its words (``n`` of ``base``, ``share``) and
the ids of the units that make up the ``n``, so a report can link the sentence to the answers.
Sentences come from two places: the statements a sidecar declares (``insights:``, with the
researcher's wording), and automatic ones per coded question, multiple-choice and closed
question (see ``TEMPLATES`` in ``textcode/lang/<code>/quantifiers.py``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from textcode.analysis.claims import Expectation
from textcode.analysis.counts import Share
from textcode.analysis.frames import sorted_ids
from textcode.analysis.html import escape
from textcode.analysis.quantifiers import (
    agree_verbs,
    bound_phrase,
    capitalize,
    default_noun,
    format_percent,
    join_items,
    number_word,
    out_of,
    quantified_noun,
    singular_noun,
    templates,
    verbal_quantifier,
)

INSIGHT_COLUMNS = (
    "id",
    "section",
    "kind",
    "question",
    "text",
    "n",
    "base",
    "share",
    "percent",
    "unit",
    "ids",
)
_END = re.compile(r"([.!?])\s*$")


@dataclass(frozen=True)
class Insight:
    """One sentence with its numbers: ``n`` of ``base`` ``unit`` s, and which ones (``ids``)."""

    id: str
    text: str
    statement: str
    numbers: str
    n: int
    base: int
    ids: tuple[str, ...] = ()
    unit: str = ""
    question: str = ""
    section: str = ""
    kind: str = "statement"
    values: tuple[str, ...] = ()
    others: tuple[Share, ...] = field(default=(), repr=False)
    # The expectations checked against the numbers, and those the numbers contradict.
    expectations: tuple[Expectation, ...] = ()
    contradicted: tuple[Expectation, ...] = ()

    @property
    def share(self) -> float:
        return self.n / self.base if self.base else 0.0

    def _repr_html_(self) -> str:
        return (
            f"<p>{escape(self.text)}<br><small>n = {self.n}, N = {self.base}, "
            f"{100 * self.share:.1f}%; ids: {escape(', '.join(self.ids[:20]))}"
            f"{' …' if len(self.ids) > 20 else ''}</small></p>"
        )


class Insights(tuple[Insight, ...]):
    """The insights of an analysis: a tuple, with lookup by id and a table view."""

    def __new__(cls, items: Sequence[Insight] = ()) -> Insights:
        return super().__new__(cls, tuple(items))

    def get(self, insight_id: str) -> Insight:
        """The insight with this id (``KeyError`` if none)."""
        for insight in self:
            if insight.id == insight_id:
                return insight
        raise KeyError(f"no insight {insight_id!r}")

    def section(self, name: str) -> Insights:
        return Insights([i for i in self if i.section == name])

    def of_kind(self, *kinds: str) -> Insights:
        return Insights([i for i in self if i.kind in kinds])

    def to_frame(self) -> pd.DataFrame:
        """One row per insight: its text, numbers and supporting ids (joined by spaces)."""
        return pd.DataFrame.from_records(
            [
                {
                    "id": i.id,
                    "section": i.section,
                    "kind": i.kind,
                    "question": i.question,
                    "text": i.text,
                    "n": i.n,
                    "base": i.base,
                    "share": round(i.share, 4),
                    "percent": format_percent(i.share),
                    "unit": i.unit,
                    "ids": " ".join(i.ids),
                }
                for i in self
            ],
            columns=list(INSIGHT_COLUMNS),
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(i.text)}</td><td>{i.n}</td><td>{i.base}</td>"
            f"<td>{format_percent(i.share)}</td><td>{escape(i.id)}</td></tr>"
            for i in self
        )
        return (
            "<table><thead><tr><th>insight</th><th>n</th><th>N</th><th>%</th><th>id</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )

    def __iter__(self) -> Iterator[Insight]:
        return super().__iter__()


def numbers_text(share: Share, *, language: str = "nl") -> str:
    """ "(18 van 25, 72%)"."""
    return f"({out_of(share.n, share.base, language=language)}, {format_percent(share.share)})"


def _with_numbers(statement: str, numbers: str) -> str:
    match = _END.search(statement)
    if match:
        return f"{statement[: match.start()]} {numbers}{match.group(1)}"
    return f"{statement} {numbers}"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(
    template: str,
    share: Share,
    *,
    noun: str = "",
    bound: float | None = None,
    language: str = "nl",
    extra: Mapping[str, str] | None = None,
) -> str:
    """Fill a statement template with a share's words; the sentence starts with a capital.

    Placeholders: ``{quant}`` ("bijna driekwart"), ``{quant_np}`` ("bijna driekwart van de
    deelnemers"), ``{n}``, ``{N}``, ``{pct}`` ("72%"), ``{n_word}`` ("één"), ``{bound}``
    ("meer dan een kwart", needs ``bound``) and any ``extra`` ones. Of a base of one unit the
    sentence is singular where the language knows how: ``{quant_np}`` is "één respondent" or
    "geen respondent", ``{noun}`` "respondent" and the verbs singular.
    """
    one = singular_noun(noun, language=language) if share.base == 1 else None
    values: dict[str, str] = {
        "quant": verbal_quantifier(share.share, language=language) if share.base else "",
        "quant_np": quantified_noun(share.share, noun, language=language) if share.base else "",
        "n": str(share.n),
        "N": str(share.base),
        "pct": format_percent(share.share),
        "n_word": number_word(share.n, language=language),
        "noun": noun,
    }
    if one is not None:
        values["quant_np"] = f"{values['n_word']} {one}"
        values["noun"] = one
    if "bound" in _fields(template):
        if bound is None:
            raise ValueError("the template uses {bound} but no bound is given")
        values["bound"] = bound_phrase(share.share, bound, language=language)
    values.update(extra or {})
    unknown = _fields(template) - set(values)
    if unknown:
        raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))} in {template!r}")
    text = " ".join(template.format(**values).split())
    text = agree_verbs(text, share.share, language=language, singular=one is not None)
    return capitalize(text, language=language)


def make_insight(
    insight_id: str,
    template: str,
    share: Share,
    *,
    noun: str = "",
    bound: float | None = None,
    language: str = "nl",
    unit: str = "",
    question: str = "",
    section: str = "",
    kind: str = "statement",
    values: Sequence[str] = (),
    extra: Mapping[str, str] | None = None,
) -> Insight:
    """An insight from a template and a share: the sentence, its numbers and its ids."""
    statement = render(template, share, noun=noun, bound=bound, language=language, extra=extra)
    numbers = numbers_text(share, language=language)
    return Insight(
        id=insight_id,
        text=_with_numbers(statement, numbers),
        statement=statement,
        numbers=numbers,
        n=share.n,
        base=share.base,
        ids=share.ids,
        unit=unit,
        question=question,
        section=section,
        kind=kind,
        values=tuple(values),
    )


def compare_insight(
    insight_id: str,
    template: str,
    first: Insight,
    second: Insight,
    *,
    language: str = "nl",
    section: str = "",
) -> Insight:
    """A comparison of two insights: ``{pct1}``/``{pct2}``, ``{quant1}``/``{quant2}``."""
    values = {
        "pct1": format_percent(first.share),
        "pct2": format_percent(second.share),
        "quant1": verbal_quantifier(first.share, language=language),
        "quant2": verbal_quantifier(second.share, language=language),
        "n1": str(first.n),
        "n2": str(second.n),
        "N1": str(first.base),
        "N2": str(second.base),
    }
    unknown = _fields(template) - set(values)
    if unknown:
        raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))} in {template!r}")
    statement = capitalize(" ".join(template.format(**values).split()), language=language)
    numbers = (
        f"({out_of(first.n, first.base, language=language)}; "
        f"{out_of(second.n, second.base, language=language)})"
    )
    second_share = Share(second.n, second.base, second.ids)
    return Insight(
        id=insight_id,
        text=_with_numbers(statement, numbers),
        statement=statement,
        numbers=numbers,
        n=first.n,
        base=first.base,
        ids=tuple(dict.fromkeys((*first.ids, *second.ids))),
        unit=first.unit,
        question=f"{first.question} / {second.question}",
        section=section,
        kind="compare",
        others=(second_share,),
    )


def top_insight(
    insight_id: str,
    question_label: str,
    items: Sequence[tuple[str, Share]],
    *,
    language: str = "nl",
    unit: str = "",
    question: str = "",
    section: str = "",
    top: int = 3,
    what: str = "",
) -> Insight:
    """ "Het vaakst genoemd bij 'X': 'A' (60%), 'B' (54%) en 'C' (47%)." (n, N of the first).

    ``items`` are sorted, most often first; up to ``top`` are named. Ties are stated: when the
    first ones share their count the sentence says so ("Bij 'X' worden vijf thema's even vaak
    genoemd (elk 3 van 20, 15%): …"), and a tie cut by ``top`` is named whole ("daarna negen
    thema's even vaak (elk 1 van 11, 9%): …"). ``what`` is the plural noun of the items.
    """
    words = templates(language)
    what = what or words["what_themes"]
    runs: list[list[tuple[str, Share]]] = []
    for label, share in items:
        if runs and runs[-1][0][1].n == share.n:
            runs[-1].append((label, share))
        else:
            runs.append([(label, share)])

    def quoted(run: Sequence[tuple[str, Share]]) -> str:
        return join_items([f"'{label}'" for label, _ in run], language=language)

    def each(share: Share) -> str:
        return words["each"].format(
            n=share.n,
            N=share.base,
            pct=format_percent(share.share),
        )

    first = items[0][1]
    named: list[tuple[str, Share]]
    if len(runs[0]) > 1:
        named = runs[0]
        numbers = each(first)
        statement = words["top_tie"].format(
            question=question_label,
            count=number_word(len(named), language=language),
            what=what,
            each=numbers,
            items=quoted(named),
        )
    else:
        named = []
        parts: list[str] = []
        for run in runs:
            if len(named) + len(run) <= top:
                named.extend(run)
                parts.extend(f"'{label}' ({format_percent(s.share)})" for label, s in run)
                continue
            if len(run) > 1 and len(named) < top:
                named.extend(run)
                parts.append(
                    words["then_tie"].format(
                        count=number_word(len(run), language=language),
                        what=what,
                        each=each(run[0][1]),
                        items=quoted(run),
                    )
                )
            break
        statement = words["top"].format(
            question=question_label, items=join_items(parts, language=language)
        )
        numbers = numbers_text(first, language=language)
    statement = capitalize(statement, language=language)
    ids = first.ids if len(runs[0]) == 1 else sorted_ids({i for _, s in named for i in s.ids})
    return Insight(
        id=insight_id,
        text=statement,
        statement=statement,
        numbers=numbers,
        n=first.n,
        base=first.base,
        ids=ids,
        unit=unit,
        question=question,
        section=section,
        kind="top",
        values=tuple(label for label, _ in named),
        others=tuple(share for _, share in named[1:]),
    )


def auto_template(kind: str, *, language: str = "nl") -> str:
    """The language's template for an automatic insight of ``kind``."""
    return templates(language)[kind]


def noun_or_default(noun: str, *, language: str = "nl") -> str:
    return noun or default_noun(language)
