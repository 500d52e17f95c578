"""Plain-text views of review items for the terminal (``textcode review --next``)."""

from __future__ import annotations

import textwrap

from textcode.privacy.display import HIGHLIGHT, mark_spans
from textcode.review.session import ReviewItem

ANSI_HIGHLIGHT = ("\x1b[1;7m", "\x1b[0m")
ANSI_DIM = ("\x1b[2m", "\x1b[0m")
PLAIN_HIGHLIGHT = HIGHLIGHT


def progress_line(progress: dict[str, int]) -> str:
    """``12/80 decided (15%) · 68 open · 3 skipped``."""
    total = progress.get("total", 0)
    decided = progress.get("decided", 0)
    share = f" ({100 * decided // total}%)" if total else ""
    line = f"{decided}/{total} decided{share} · {progress.get('open', 0)} open"
    if progress.get("skipped"):
        line += f" · {progress['skipped']} skipped"
    return line


def render_item(item: ReviewItem, *, color: bool = False, width: int = 88) -> str:
    """The item as a block of text: answer with evidence highlighted, code, rule, the rest."""
    mark = ANSI_HIGHLIGHT if color else PLAIN_HIGHLIGHT
    lines = [f"[{progress_line(item.progress)}]", ""]
    header = f"Answer {item.response_id} · {item.question}"
    if item.redacted:
        header += " · personal data redacted"
    lines.append(header)
    if item.text is None:
        lines.append("  (answer text not available: pass --answers INPUT)")
        lines.append(f"  evidence: {mark[0]}{item.evidence}{mark[1]}")
    else:
        spans = [(item.start, item.end)]
        shown = mark_spans(item.text, spans, mark) if item.text else "(empty answer)"
        lines += _wrap(shown, width, "  ")
    lines.append("")
    code_line = f"Code   {item.code}"
    if item.label:
        code_line += f" — {item.label}"
    lines.append(code_line)
    if item.definition:
        lines += _wrap(item.definition, width, "       ")
    rule_line = f"Rule   {item.rule} · confidence {item.confidence:.2f}"
    if item.polarity != "none":
        cues = f" ({', '.join(item.polarity_cues)})" if item.polarity_cues else ""
        rule_line += f" · polarity {item.polarity}{cues}"
    lines.append(rule_line)
    if item.explanation:
        lines += _wrap(item.explanation, width, "Why    ", "       ")
    if item.spans:
        more = ", ".join(f"{s.evidence or f'{s.start}-{s.end}'!s}" for s in item.spans)
        lines.append(f"Also   {len(item.spans)} more span(s) for this code: {more}")
    if item.others:
        lines.append("Other suggestions for this answer:")
        for span in item.others:
            label = item.other_labels.get(span.code, "")
            evidence = f' "{span.evidence}"' if span.evidence else ""
            lines.append(
                f"  {span.code}{f' ({label})' if label else ''}{evidence} "
                f"{span.confidence:.2f} · {span.decision} · {span.suggestion_id}"
            )
    lines.append(f"Id     {item.suggestion_id}")
    return "\n".join(lines)


def _wrap(text: str, width: int, first: str, rest: str | None = None) -> list[str]:
    out: list[str] = []
    for n, paragraph in enumerate(text.splitlines() or [""]):
        out += textwrap.wrap(
            paragraph,
            width=width,
            initial_indent=first if n == 0 else (rest if rest is not None else first),
            subsequent_indent=rest if rest is not None else first,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [first.rstrip()]
    return out
