"""The review operations of the desk: the next items, decisions, undo, progress, agreement.

Every operation takes plain arguments and returns a JSON-ready dict within
:data:`~textcode.desk.replies.MAX_REPLY_BYTES`; a mistake is an
:class:`~textcode.errors.InputError` whose ``kind``, ``field``, ``value`` and ``allowed`` a
front end shows as a structured error. Decisions go through
:meth:`ReviewSession.decide <textcode.review.session.ReviewSession.decide>`, the one
transaction every front end shares; replies never echo a comment back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textcode.desk.replies import (
    MAX_COMMENT_SHOWN,
    MAX_REPLY_BYTES,
    MAX_SNIPPET,
    clip,
    fill,
    window,
)
from textcode.errors import InputError, excerpt
from textcode.privacy.display import mark_spans
from textcode.review.decisions import CHANGED, UNCHANGED, Decisions, Recorded, Verdict
from textcode.review.queue import ORDERS

if TYPE_CHECKING:
    from textcode.codebook import Code
    from textcode.review.rulehealth import RuleHealth
    from textcode.review.session import ReviewItem, ReviewSession

AGREEMENT_STATISTICS: tuple[str, ...] = (
    "percent_agreement",
    "cohen_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
)
AGREEMENT_RESAMPLES = 200  # bootstrap resamples for the intervals (the CLI takes 1000)
MAX_SPANS = 10  # evidence spans and other suggestions listed on one item or answer
MAX_EXCLUSIONS = 5  # exclusion rules shown with a code (codebook_entry lists its rules)
MAX_SHORT = 200  # characters of another span's evidence, an example or an exclusion rule


class Reviewing:
    """Review operations over one :class:`ReviewSession` (see :class:`textcode.desk.Desk`)."""

    session: ReviewSession
    gold: Path | None

    # ------------------------------------------------------------------------------ facts

    def codes(self) -> list[str]:
        """Every code a decision may name: the codebook's, else those of the suggestions."""
        codebook = self.session.codebook
        if codebook is not None:
            return [c.id for c in codebook.codes]
        return sorted(set(self.session.suggestions["code"].astype(str)))

    def questions(self) -> list[str]:
        """The questions (group ids) of the suggestions and answers, in codebook order."""
        return list(self._known_questions()[0])

    def _known_questions(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """(the questions, every question name of the answers): fixed for a session, so
        worked out once (a file of 100,000 suggestions has far more answers)."""
        known: tuple[tuple[str, ...], frozenset[str]] | None = getattr(self, "_questions", None)
        if known is not None:
            return known
        codebook = self.session.codebook
        answered = frozenset(q for _, q in self.session.texts)
        seen = set(self.session.suggestions["question"].astype(str))
        seen |= {q for q in answered if _is_group(q, codebook)}
        if codebook is None:
            ordered = sorted(seen)
        else:
            ordered = [g.id for g in codebook.groups if g.id in seen]
            ordered += sorted(seen - set(ordered))
        self._questions = known = (tuple(ordered), answered)
        return known

    def orders(self) -> list[str]:
        """The queue orders ``next_item`` accepts."""
        return list(ORDERS)

    # ----------------------------------------------------------------------------- review

    def next_item(
        self,
        count: int = 1,
        question: str | None = None,
        code: str | None = None,
        rule: str | None = None,
        order: str | None = None,
    ) -> dict[str, Any]:
        """The next ``count`` open items with everything a decision needs (what ``textcode
        review --next --json`` shows), how many open items match, and the progress."""
        question = self._question(question)
        self._code(code, question)
        if rule is not None:
            self.session.check_rule(rule)
        if order is not None and order not in ORDERS:
            raise InputError(
                "unknown order", field="order", kind="not_allowed", value=order, allowed=ORDERS
            )
        items = self.session.next_items(
            count,
            order=order,  # type: ignore[arg-type]
            question=question,
            code=code,
            rule=rule,
        )
        matching = self.session.open_count(question=question, code=code, rule=rule)
        progress = self.session.progress()
        shown = [item_view(item) for item in items]

        def reply(page: list[Any]) -> dict[str, Any]:
            return {"items": page, "matching": matching, "progress": progress}

        return fill(shown, reply, limit=count)[0]

    def decide(self, verdicts: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """Verdicts (accept or reject, each with an optional comment) on suggestions, checked
        together and recorded together; a repeat of a verdict on record writes nothing."""
        for n, given in enumerate(verdicts):
            for key in ("suggestion_id", "verdict"):
                if key not in given:
                    raise InputError("required", field=f"verdicts[{n}].{key}", kind="missing")
        batch = tuple(
            Verdict(str(v["suggestion_id"]), str(v["verdict"]), str(v.get("comment", "")))
            for v in verdicts
        )
        if not batch:
            raise InputError("give at least one verdict", field="verdicts", kind="missing")
        return self._decided(self.session.decide(Decisions(verdicts=batch)))

    def add_code(
        self,
        response_id: str,
        code: str,
        question: str | None = None,
        comment: str = "",
        start: int | None = None,
        end: int | None = None,
    ) -> dict[str, Any]:
        """A code the machine missed, for one answer (it accepts the machine's suggestion when
        there is one); with ``start`` and ``end`` on exactly those words of the answer as
        shown (offsets into the whole answer, also when an item showed a window of it)."""
        question = self._question(question, answers=True)
        if (start is None) != (end is None):
            raise InputError(
                "give start and end together", field="end" if end is None else "start",
                kind="missing",
            )  # fmt: skip
        if start is not None and end is not None:
            decisions = Decisions(
                marks=((response_id, code, start, end),), question=question, comment=comment
            )
        else:
            decisions = Decisions(add=((response_id, code),), question=question, comment=comment)
        return self._decided(self.session.decide(decisions))

    def note(self, target: str, text: str, question: str | None = None) -> dict[str, Any]:
        """A comment without a verdict on a suggestion id or a response id."""
        question = self._question(question, answers=True)
        decisions = Decisions(note=(target, text), question=question)
        return self._decided(self.session.decide(decisions))

    def skip(
        self,
        suggestion_ids: Sequence[str] | None = None,
        response_id: str | None = None,
        question: str | None = None,
    ) -> dict[str, Any]:
        """Leave items for later in this session: suggestions by id, or the open items of one
        answer. Nothing is recorded; skipped items come after all others."""
        if bool(suggestion_ids) == (response_id is not None):
            raise InputError(
                "give either suggestion_ids or a response_id",
                field="suggestion_ids",
                kind="missing",
            )
        question = self._question(question, answers=True)
        keys = self.session.skip(
            *(suggestion_ids or ()), response_id=response_id, question=question
        )
        return {"skipped": len(keys), "progress": self.session.progress()}

    def undo(self) -> dict[str, Any]:
        """Take back your latest action: every decision of the call that made it."""
        undone = self.session.undo_action()
        rows = [
            {
                "suggestion_id": e.suggestion_id,
                "response_id": e.response_id,
                "question": e.question,
                "code": e.code,
                "decision": e.decision,
            }
            for e in undone
        ]
        progress = self.session.progress()

        def reply(page: list[Any]) -> dict[str, Any]:
            # A bulk rule decision from the command line may have been thousands of entries.
            return {"undone": page, "count": len(rows), "progress": progress}

        return fill(rows, reply, limit=len(rows))[0]

    def item(self, suggestion_id: str) -> dict[str, Any]:
        """One suggestion as a review item (also one you decided: its ``decision``), as
        ``next_item`` shows it; nothing is recorded."""
        self.session.check_suggestion_ids(suggestion_id)
        return {"item": item_view(self.session.item(suggestion_id))}

    def team(self, response_id: str | None = None, question: str | None = None) -> dict[str, Any]:
        """Who else reviews in this ledger (decisions and latest time), and, for one answer,
        their verdicts on the codes you decided there already (the others stay hidden until
        you decide, so that your verdicts stay your own)."""
        from textcode.review.ledger import unit_decisions

        session = self.session
        by_reviewer = unit_decisions(session.entries())
        me = session.reviewer
        reviewers = [
            {
                "reviewer": name,
                "decisions": len(units),
                "latest": max((e.time for e in units.values()), default=None),
            }
            for name, units in sorted(by_reviewer.items())
            if name != me
        ]
        reply: dict[str, Any] = {
            "reviewer": me,
            "reviewers": reviewers[: MAX_SPANS * 5],
            "gold": self.gold is not None,
        }
        if response_id is not None:
            group = self._question(question, answers=True)
            mine = by_reviewer.get(me, {})
            reply["verdicts"] = [
                {"reviewer": name, "code": key[2], "decision": entry.decision}
                for name, units in sorted(by_reviewer.items())
                if name != me
                for key, entry in sorted(units.items())
                if key[0] == response_id and group in (None, key[1]) and key in mine
            ][: MAX_SPANS * 5]
        return reply

    def progress(self) -> dict[str, Any]:
        """Units decided and open (this reviewer), your verdicts by kind, and your notes."""
        session = self.session
        by_decision = Counter(entry.decision for entry in session.my_verdicts().values())
        return {
            **session.progress(),
            "by_decision": {d: by_decision.get(d, 0) for d in ("accept", "reject", "add")},
            "notes": len(session.my_notes()),
        }

    def my_decisions(
        self,
        offset: int = 0,
        limit: int = 50,
        question: str | None = None,
        code: str | None = None,
        decision: str | None = None,
    ) -> dict[str, Any]:
        """Your verdicts that count, oldest first, a page at a time (comments shortened)."""
        question = self._question(question, answers=True)
        self._code(code, question)
        session = self.session
        entries = [
            e
            for e in session.my_verdicts().values()
            if (question is None or e.question == question)
            and (code is None or e.code == code)
            and (decision is None or e.decision == decision)
        ]
        entries.sort(key=lambda e: (e.time, e.entry_id))
        total = len(entries)
        rows = [
            {
                "suggestion_id": e.suggestion_id,
                "response_id": e.response_id,
                "question": e.question,
                "code": e.code,
                "decision": e.decision,
                "time": e.time,
                "comment": clip(session.shown_comment(e.comment), MAX_COMMENT_SHOWN),
            }
            for e in entries[offset:]
        ]

        def reply(page: list[Any]) -> dict[str, Any]:
            end = offset + len(page)
            return {
                "items": page,
                "total": total,
                "offset": offset,
                "next_offset": end if end < total else None,
            }

        return fill(rows, reply, limit=limit)[0]

    def agreement(self, other: str, code: str | None = None) -> dict[str, Any]:
        """Your agreement with another reviewer, the machine or the gold file, over the
        (answer, code) units you both rated."""
        from textcode.review.agreement import ALL_CODES, GOLD, MACHINE
        from textcode.review.agreement import agreement as measure

        session = self.session
        entries = session.entries()
        reviewers = sorted({e.reviewer for e in entries} - {session.reviewer})
        allowed = [MACHINE, *reviewers, *([GOLD] if self.gold is not None else [])]
        if other not in allowed:
            reason = (
                "the server was started without --gold"
                if other == GOLD
                else "no reviewer of that name in the ledger"
            )
            raise InputError(reason, field="other", kind="not_found", value=other, allowed=allowed)
        self._code(code, None)
        me = session.reviewer
        if not any(e.reviewer == me for e in entries):
            raise InputError(
                f"{me} has no decisions in the ledger yet", field="other", kind="no_data"
            )
        result = measure(
            entries,
            gold=self.gold if other == GOLD else None,
            suggestions=session.suggestions,
            resamples=AGREEMENT_RESAMPLES,
            codebook=session.codebook,
        )
        pairs = result.pairs
        pair = pairs[
            ((pairs.rater_a == me) & (pairs.rater_b == other))
            | ((pairs.rater_a == other) & (pairs.rater_b == me))
        ]
        wanted = [ALL_CODES] if code is None else [code]
        figures: list[dict[str, Any]] = []
        for name in wanted:
            rows = pair[(pair.code == name) & pair.statistic.isin(AGREEMENT_STATISTICS)]
            figures.append(
                {
                    "code": "all" if name == ALL_CODES else name,
                    "n_units": int(rows["n_units"].iloc[0]) if len(rows) else 0,
                    "statistics": {str(r.statistic): _number(r.value) for r in rows.itertuples()},
                }
            )
        reply: dict[str, Any] = {"reviewer": me, "other": other, **figures[0]}
        if other == MACHINE:
            # The machine's suggestions judged by this reviewer's verdicts.
            prf = result.prf
            rows = prf[(prf.reference == me) & (prf.code == wanted[0])]
            if len(rows):
                row = rows.iloc[0]
                reply["machine"] = {k: _number(row[k]) for k in ("precision", "recall", "f1")}
        return reply

    def rule_health(self, limit: int = 20) -> dict[str, Any]:
        """Precision per rule from the ledger's verdicts (least precise first) and proposed
        exclusions with the (redacted) evidence they rest on."""
        health = health_of(self.session).to_dict()
        rules = health["rules"]
        exclusions = [
            {**p, "evidence": [{**e, "context": clip(e["context"])} for e in p["evidence"][:3]]}
            for p in health["exclusions"]
        ]

        # Half the reply for the rules, the rest for the exclusions and their evidence.
        shown_rules, _ = fill(
            rules, lambda page: {"rules": page}, limit=limit, budget=MAX_REPLY_BYTES // 2
        )

        def reply(page: list[Any]) -> dict[str, Any]:
            return {**shown_rules, "total_rules": len(rules), "exclusions": page}

        return fill(exclusions, reply, limit=limit)[0]

    def codes_for_question(self, question: str, offset: int = 0, limit: int = 50) -> dict[str, Any]:
        """Every code an answer to ``question`` can get, with its definition, examples and
        exclusion rules, once."""
        group = self._question(question)
        codebook = self.session.codebook
        if codebook is None:
            raise InputError(
                "this review session has no codebook", field="question", kind="not_available"
            )
        codes = [code_view(c) for c in codebook.codes_for_question(str(group))]
        total = len(codes)

        def reply(page: list[Any]) -> dict[str, Any]:
            end = offset + len(page)
            return {
                "question": group,
                "codes": page,
                "total": total,
                "offset": offset,
                "next_offset": end if end < total else None,
            }

        return fill(codes[offset:], reply, limit=limit)[0]

    def codebook_entry(self, code: str) -> dict[str, Any]:
        """One code with its rules (id -> rule text), for work on the codebook."""
        codebook = self.session.codebook
        if codebook is None:
            raise InputError("this review session has no codebook", field="code", kind="missing")
        self._code(code, None)
        entry = codebook.code(code)
        rules = [(entry.rule_id(p), clip(p.rule, MAX_SNIPPET)) for p in entry.patterns]
        base = {**code_view(entry), "group": entry.group, "codebook_version": codebook.version}

        def reply(page: list[Any]) -> dict[str, Any]:
            return {**base, "rules": dict(page), "total_rules": len(rules)}

        return fill(rules, reply, limit=len(rules))[0]

    def read_answer(self, response_id: str, question: str | None = None) -> dict[str, Any]:
        """One answer as shown, every suggestion on it with your verdict, the codes you
        added (the question's codes: ``codes_for_question``)."""
        question = self._question(question, answers=True)
        answer = self.session.answer(response_id, question)
        answer.pop("codes", None)
        text = answer.get("text")
        if isinstance(text, str):
            spans = answer["suggestions"]
            first = min((s["start"] for s in spans), default=0)
            last = max((s["end"] for s in spans), default=0)
            a, b = window(text, first, last)
            if (a, b) != (0, len(text)):
                for span in spans:
                    span["start"], span["end"] = span["start"] - a, span["end"] - a
                answer["text"] = text[a:b]
                answer["text_window"] = {"from": a, "to": b, "length": len(text)}
            shown = answer["text"]
            answer["highlighted"] = mark_spans(
                shown,
                [
                    (s["start"], s["end"])
                    for s in spans
                    if s["start"] >= 0 and s["end"] <= len(shown)
                ],
            )
        spans = answer.pop("suggestions")
        for span in spans:
            span["evidence"] = clip(span["evidence"])

        def reply(page: list[Any]) -> dict[str, Any]:
            return {**answer, "suggestions": page, "total_suggestions": len(spans)}

        return fill(spans, reply, limit=MAX_SPANS)[0]

    # ---------------------------------------------------------------------------- helpers

    def _decided(self, recorded: Recorded) -> dict[str, Any]:
        def brief(outcome: Any) -> dict[str, Any]:
            data = outcome.to_dict()
            return {k: data[k] for k in ("suggestion_id", "code", "decision", "earlier")}

        return {
            # A note on an answer has no suggestion id: its response id stands for it.
            "recorded": [
                o.suggestion_id or o.response_id for o in recorded.outcomes if o.status != UNCHANGED
            ],
            "changed": [brief(o) for o in recorded.outcomes if o.status == CHANGED],
            "unchanged": [brief(o) for o in recorded.outcomes if o.status == UNCHANGED],
            "action": recorded.action if recorded.entries else None,
            "progress": self.session.progress(),
        }

    def _question(self, question: str | None, *, answers: bool = False) -> str | None:
        """The group id of ``question``; an unknown question is an error listing the known
        ones (``answers``: those of the answers are known too)."""
        if question is None:
            return None
        known = self.questions()
        group = self.session.group_of(question)
        if group in known:
            return group
        if answers and group in self._known_questions()[1]:
            return group
        raise InputError(
            f"no question {excerpt(question)!r} in the suggestions or answers",
            field="question",
            kind="not_found",
            value=question,
            allowed=known,
        )

    def _code(self, code: str | None, question: str | None) -> None:
        if code is None:
            return
        known = self.codes()
        if code not in known:
            raise InputError(
                f"no code {excerpt(code)!r}",
                field="code",
                kind="not_found",
                value=code,
                allowed=known,
            )
        codebook = self.session.codebook
        if question is not None and codebook is not None:
            fits = [c.id for c in codebook.codes_for_question(question)]
            if fits and code not in fits:
                raise InputError(
                    f"code {code!r} does not belong to question {question!r}",
                    field="code",
                    kind="not_allowed",
                    value=code,
                    allowed=fits,
                )


def health_of(session: ReviewSession) -> RuleHealth:
    """Rule health from every reviewer's verdicts in the session's ledger, contexts shown as
    the session shows texts."""
    from textcode.review.rulehealth import rule_health

    return rule_health(
        session.entries(),
        texts=session.texts,
        codebook=session.codebook,
        redact=session.redact,
        language=session.language,
    )


def item_view(item: ReviewItem) -> dict[str, Any]:
    """A review item as the desk shows it: :meth:`ReviewItem.to_dict` without the progress
    (the reply has it once), a long answer cut to a window around its evidence, long
    evidence, explanations and examples shortened."""
    data = item.to_dict()
    data.pop("progress", None)
    text = item.text
    if text is not None:
        a, b = window(text, item.start, item.end)
        if (a, b) != (0, len(text)):
            shift = [data, *data["spans"], *data["others"]]
            for span in shift:
                span["start"], span["end"] = span["start"] - a, span["end"] - a
            data["text"] = text[a:b]
            data["highlighted"] = mark_spans(
                data["text"], [(max(0, item.start - a), min(b - a, item.end - a))]
            )
            data["text_window"] = {"from": a, "to": b, "length": len(text)}
    for key in ("spans", "others"):
        if len(data[key]) > MAX_SPANS:  # an answer with hundreds of hits stays one item
            data[f"{key}_total"] = len(data[key])
            data[key] = data[key][:MAX_SPANS]
    # Bounded so that one item, whatever its answer and code, fits a reply with room to spare.
    data["evidence"] = clip(data["evidence"])
    data["explanation"] = clip(data["explanation"])
    data["definition"] = clip(data["definition"], 2 * MAX_SNIPPET)
    data["polarity_cues"] = data["polarity_cues"][:MAX_SPANS]
    for span in (*data["spans"], *data["others"]):
        span["evidence"] = clip(span["evidence"], MAX_SHORT)
    for key in ("examples", "counter_examples"):
        data[key] = [clip(x, MAX_SHORT) for x in data[key]]
    data["exclusions"] = [clip(x, MAX_SHORT) for x in data["exclusions"][:MAX_EXCLUSIONS]]
    return data


def code_view(code: Code) -> dict[str, Any]:
    """A code's definition as a reviewer needs it."""
    return {
        "code": code.id,
        "label": code.label,
        "definition": clip(code.description, 2 * MAX_SNIPPET),
        "examples": [clip(x, MAX_SHORT) for x in code.positive_examples[:3]],
        "counter_examples": [clip(x, MAX_SHORT) for x in code.negative_examples[:3]],
        "exclusions": [clip(p.rule, MAX_SHORT) for p in code.exclude[:MAX_EXCLUSIONS]],
        "polarity": code.negation.to_dict(),
    }


def _is_group(question: str, codebook: Any) -> bool:
    return codebook is None or codebook.question_id(question) == question


def _number(value: Any) -> float | None:
    value = float(value)
    return None if value != value else round(value, 4)
