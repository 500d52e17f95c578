"""Text as shown to a person: redacted unless told otherwise, with evidence spans mapped into it.

Every view that shows answer text (report quotes, kwic, review items, rule health, exports,
theme representatives) goes through :func:`shown`, so there is one place that decides what is
shown. It fails closed: when redaction is asked for and cannot run, :class:`RedactionError` is
raised; the original text is never returned in its place.

    >>> view = shown("Bel Petra de Vries over het budget.", [(28, 34)])
    >>> view.text, view.evidence
    ('Bel [NAAM] over het budget.', ('budget',))
    >>> view.highlighted()
    'Bel [NAAM] over het [[budget]].'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol

from textcode.errors import InputError, TextcodeError
from textcode.privacy.detect import normalize_types
from textcode.privacy.redact import Redaction, redact_text

HIGHLIGHT = ("[[", "]]")  # how evidence is marked in plain text, everywhere


class RedactionError(TextcodeError, RuntimeError):
    """Redaction was asked for and could not run; nothing was shown (the CLI exits 1)."""


def _check(start: int, end: int, length: int) -> None:
    if not 0 <= start <= end <= length:
        raise ValueError(f"span ({start}, {end}) is outside the text (length {length})")


@dataclass(frozen=True)
class ShownText:
    """A text as shown, and the given spans of the original as offsets into it.

    ``text``: what to display (the redacted text, or the original with ``redact=False``);
    ``original``: the text the offsets refer to; ``spans``: the spans passed to :func:`shown`,
    mapped into ``text`` (same order); ``redacted``: whether anything was replaced;
    ``hidden``: where the replaced values were, as offsets into ``original``.
    """

    text: str
    original: str
    redacted: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    hidden: tuple[tuple[int, int], ...] = ()
    redaction: Redaction | None = field(default=None, repr=False, compare=False)

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets ``[start, end)`` of the original as offsets into :attr:`text`.

        A span that overlaps personal data is widened to cover the whole placeholder, so it
        never shows a value or half a placeholder.
        """
        if self.redaction is None:
            _check(start, end, len(self.original))
            return start, end
        return self.redaction.map_span(start, end)

    def unmap_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets ``[start, end)`` of :attr:`text` as offsets into the original; a span that
        touches a placeholder covers the whole value it hides."""
        if self.redaction is None:
            _check(start, end, len(self.text))
            return start, end
        return self.redaction.unmap_span(start, end)

    @property
    def evidence(self) -> tuple[str, ...]:
        """The text of each span as shown."""
        return tuple(self.text[a:b] for a, b in self.spans)

    def highlighted(
        self,
        markers: tuple[str, str] = HIGHLIGHT,
        *,
        escape: Callable[[str], str] | None = None,
    ) -> str:
        """:attr:`text` with every span wrapped in ``markers`` (:func:`mark_spans`)."""
        return mark_spans(self.text, self.spans, markers, escape=escape)


class TextView(Protocol):
    """A text as shown with the map from the original's offsets (:class:`ShownText` is one)."""

    @property
    def text(self) -> str: ...

    def map_span(self, start: int, end: int) -> tuple[int, int]: ...


def _occurrences(quote: str, text: str) -> list[tuple[int, int]]:
    """Where ``quote`` stands in ``text``: as whole words if it does, else inside words.

    The coder quotes words joined by single spaces, so any run of white space matches a space.
    """
    words = quote.split()
    if not words:
        return []
    body = r"\s+".join(re.escape(w) for w in words)
    bounded = (r"(?<!\w)" if re.match(r"\w", words[0]) else "") + body
    bounded += r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    found = [m.span() for m in re.finditer(bounded, text)]
    return found or [m.span() for m in re.finditer(body, text)]


def redact_quotes(explanation: str, source: str, view: TextView, span: tuple[int, int]) -> str:
    """``explanation`` with every quoted piece of ``source`` that redaction hides replaced.

    The coder's explanations quote the words a rule matched and the cues around them
    (``matched "Wet"``), which redacting the explanation on its own does not catch: a lone
    "Wet" is no name. A quote is looked up in ``source`` (preferring the evidence ``span``,
    offsets into ``source``); if ``view`` shows anything else at any place it stands, the quote
    becomes what ``view`` shows there (``matched "[NAAM]"``). Every piece between two quote
    marks is tried, so a quote mark in a rule's pattern cannot shift which pieces count as
    quotes. Fails closed: a quote found outside the span is replaced if any place it stands is
    hidden. Line ends count as the same whichever way they are written.
    """
    if '"' not in explanation or not source:
        return explanation
    pieces = explanation.split('"')
    for n in range(1, len(pieces) - 1):
        found = _occurrences(pieces[n], source)
        inside = [(a, b) for a, b in found if span[0] <= a and b <= span[1]]
        for a, b in inside or found:
            start, end = view.map_span(a, b)
            shown_piece = view.text[start:end]
            if shown_piece != source[a:b].replace("\r\n", "\n").replace("\r", "\n"):
                pieces[n] = shown_piece
                break
    return '"'.join(pieces)


def mark_spans(
    text: str,
    spans: Iterable[tuple[int, int]],
    markers: tuple[str, str] = HIGHLIGHT,
    *,
    escape: Callable[[str], str] | None = None,
) -> str:
    """``text`` with every span wrapped in ``markers``; overlapping or touching spans merge.

    ``escape`` (e.g. ``html.escape``) is applied to the text between the markers only.

    >>> mark_spans("geen budget en geen tijd", [(5, 11), (20, 24)])
    'geen [[budget]] en geen [[tijd]]'
    """
    out, last = [], 0
    clean = escape or (lambda s: s)
    for start, end in merge_spans(spans):
        out += [clean(text[last:start]), markers[0], clean(text[start:end]), markers[1]]
        last = end
    out.append(clean(text[last:]))
    return "".join(out)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def shown(
    text: str,
    spans: Iterable[tuple[int, int]] = (),
    *,
    redact: bool = True,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
    nlp: Any = None,
) -> ShownText:
    """``text`` as it may be shown, with ``spans`` (offsets into ``text``) mapped into it.

    ``redact=True`` (the default) replaces personal data by placeholders
    (:func:`~textcode.privacy.redact_text`); ``types``, ``language`` and ``nlp`` are passed on.
    If redaction cannot run, :class:`RedactionError` is raised (fail closed). A span outside
    the text raises ``ValueError``.
    """
    if not isinstance(text, str):
        raise TypeError(f"shown needs a str, not {type(text).__name__}")
    if not redact:
        view = ShownText(text, text)
    elif nlp is None:
        view = _shown_cached(text, language, normalize_types(types))
    else:
        view = _redacted(text, language, normalize_types(types), nlp)
    wanted = tuple((int(s), int(e)) for s, e in spans)
    if not wanted:
        return view
    return replace(view, spans=tuple(view.map_span(s, e) for s, e in wanted))


@lru_cache(maxsize=65536)
def _shown_cached(text: str, language: str, types: frozenset[str]) -> ShownText:
    # Reports show one answer several times (quotes, kwic, per code): one detection each.
    return _redacted(text, language, types, None)


def _redacted(text: str, language: str, types: frozenset[str], nlp: Any) -> ShownText:
    try:
        redaction = redact_text(text, language=language, types=types, nlp=nlp)
    except InputError:
        raise
    except Exception as exc:  # any failure: refuse to show rather than show the original
        raise RedactionError(
            f"personal data could not be redacted ({type(exc).__name__}: {exc}); nothing is "
            "shown. Fix the cause, or ask for the original text (redact=False, --no-redact)"
        ) from exc
    if not redaction.changed:
        return ShownText(text, text)
    return ShownText(
        redaction.text,
        text,
        redacted=True,
        hidden=tuple((hit.start, hit.end) for hit in redaction.hits),
        redaction=redaction,
    )


def clear_cache() -> None:
    """Forget cached views (after the language data changed, or in tests)."""
    _shown_cached.cache_clear()


def shown_evidence(
    evidence: str,
    *,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
    redact: bool = True,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
) -> str:
    """A suggestion's evidence as it may be shown.

    When the whole answer is given and holds ``evidence`` at ``start:end``, the evidence is cut
    from the redacted answer (a name cut in half by the evidence's edge is still found there);
    otherwise the evidence is redacted on its own. Fails closed like :func:`shown`.
    """
    if not redact:
        return evidence
    if (
        text is not None
        and start is not None
        and end is not None
        and 0 <= start <= end <= len(text)
        and text[start:end] == evidence
    ):
        return shown(text, [(start, end)], language=language, types=types).evidence[0]
    return shown(evidence, language=language, types=types).text
