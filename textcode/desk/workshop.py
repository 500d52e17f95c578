"""The workshop operations of the desk: try a rule, check and evaluate a draft, propose a code.

A draft is a codebook patch (:mod:`textcode.workshop.patch`, the format ``textcode codebook
suggest-terms`` writes and ``textcode codebook apply-patch`` applies): what an agent hands a
person. ``propose_code`` writes one into the desk's drafts folder, ``evaluate`` and
``check_codebook`` try one in memory, applied by the same :func:`apply_patch` as a person's
``apply-patch``. No operation changes the codebook file.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from textcode.desk.replies import clip, fill
from textcode.errors import InputError, excerpt

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.review.session import ReviewSession
    from textcode.workshop.patch import Patch

# Where suggest_terms lives once the recall work (issue 14) has landed: the seam.
TERMS_MODULE = "textcode.workshop.terms"
_DRAFT_NAME = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


class Workshop:
    """Workshop operations over a review session's codebook, answers and ledger."""

    session: ReviewSession
    drafts: Path

    def try_rule(
        self,
        pattern: str,
        question: str,
        code: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> dict[str, Any]:
        """How many answers to ``question`` the rule matches, a page of its hits in context
        (redacted), and which codes those answers carry already (the machine's suggestions
        you did not reject, and codes you added)."""
        from textcode.workshop.rules import try_rule

        codebook = self._codebook("pattern")
        trial = try_rule(
            self.answers(), codebook, pattern, question, code=code, redact=self.session.redact
        )
        carried = self._carried()
        counts: Counter[str] = Counter()
        for key in trial.matched:
            counts.update(carried.get(key, ()))
        hits = [
            {
                "response_id": str(row.response_id),
                "left": clip(str(row.left)),
                "keyword": clip(str(row.keyword)),
                "right": clip(str(row.right)),
                "codes": sorted(carried.get((str(row.response_id), trial.question), ())),
            }
            for row in trial.hits.iloc[offset:].itertuples()
        ]
        total = len(trial.hits)
        summary: dict[str, Any] = {
            "pattern": pattern,
            "question": trial.question,
            "rule_id": trial.rule_id,
            "answers_searched": trial.searched,
            "answers_matched": len(trial.matched),
            "uncoded": sum(1 for key in trial.matched if not carried.get(key)),
            "codes_carried": dict(counts.most_common()),
        }
        if code is not None:
            summary["new_for_code"] = sum(
                1 for key in trial.matched if code not in carried.get(key, ())
            )

        def reply(page: list[Any]) -> dict[str, Any]:
            end = offset + len(page)
            return {
                **summary,
                "hits": page,
                "total_hits": total,
                "offset": offset,
                "next_offset": end if end < total else None,
            }

        return fill(hits, reply, limit=limit)[0]

    def suggest_terms(self, code: str, limit: int = 10) -> dict[str, Any]:
        """Terms the code lacks, found in these answers (the recall work's
        ``textcode.workshop.terms``); not available until that is installed."""
        codebook = self._codebook("code")
        if code not in codebook:
            raise InputError(
                f"no code {excerpt(code)!r}",
                field="code",
                kind="not_found",
                value=code,
                allowed=[c.id for c in codebook.codes],
            )
        try:
            terms = importlib.import_module(TERMS_MODULE)
        except ModuleNotFoundError:
            raise InputError(
                "suggest_terms is not available in this installation yet (it comes with "
                "`textcode codebook suggest-terms`); try_rule tries terms you think of",
                field="code",
                kind="not_available",
            ) from None
        proposals = terms.suggest_terms(
            self.answers(), codebook, code=code, top=limit, redact=self.session.redact
        )
        rows = [p.to_dict() for p in proposals]

        def reply(page: list[Any]) -> dict[str, Any]:
            return {"code": code, "proposals": page, "total": len(rows)}

        return fill(rows, reply, limit=limit)[0]

    def check_codebook(
        self, draft: Mapping[str, Any] | None = None, draft_name: str | None = None
    ) -> dict[str, Any]:
        """Every example of every code run as a test: of the session's codebook, or of it with
        a draft applied."""
        from textcode.coding.check import check_codebook

        codebook = self._draft_codebook(draft, draft_name, required=False)
        result = check_codebook(codebook)
        failures = [
            {
                "code": f.code,
                "kind": f.kind,
                "example": clip(f.text),
                "found": list(f.found),
            }
            for f in result.failures
        ]

        def reply(page: list[Any]) -> dict[str, Any]:
            return {
                "codebook": codebook.id,
                "version": codebook.version,
                "examples": len(result.results),
                "passed": len(result.results) - len(result.failures),
                "ok": result.ok,
                "failures": page,
                "total_failures": len(failures),
                "problems": list(result.problems)[:50],
            }

        return fill(failures, reply, limit=200)[0]

    def evaluate(
        self,
        draft: Mapping[str, Any] | None = None,
        draft_name: str | None = None,
        reviewer: str | None = None,
        limit: int = 20,
    ) -> dict[str, Any]:
        """Precision and recall of the current codebook and of the draft against the decisions
        in the ledger (every reviewer's majority, or one reviewer's), on the answers they
        decided; and the decided units the draft codes differently, a page of them."""
        from textcode.workshop.scoring import score_draft

        current = self._codebook("draft")
        proposed = self._draft_codebook(draft, draft_name, required=True)
        entries = self.session.entries()
        if reviewer is not None and not any(e.reviewer == reviewer for e in entries):
            raise InputError(
                "no reviewer of that name in the ledger",
                field="reviewer",
                kind="not_found",
                value=reviewer,
                allowed=sorted({e.reviewer for e in entries}),
            )
        score = score_draft(
            current,
            proposed,
            entries,
            self.answers(),
            suggestions=self.session.suggestions,
            reviewer=reviewer,
        ).to_dict()
        changes = score.pop("changes")
        score["per_code"] = score["per_code"][:50]

        def reply(page: list[Any]) -> dict[str, Any]:
            return {**score, "changes": page, "total_changes": len(changes)}

        return fill(changes, reply, limit=limit)[0]

    def propose_code(
        self,
        question: str,
        code: str,
        label: str,
        definition: str,
        rules: Sequence[str],
        examples: Sequence[str] = (),
        counter_examples: Sequence[str] = (),
        note: str = "",
    ) -> dict[str, Any]:
        """Write a draft that adds one code to the question's group, for a person to accept:
        the file's name and path, its examples run as tests, and the answers it would code."""
        from textcode.coding.check import check_codebook
        from textcode.workshop.patch import Patch, apply_patch, write_patch
        from textcode.workshop.rules import check_pattern, question_group

        codebook = self._codebook("code")
        group = question_group(codebook, question)
        if not _DRAFT_NAME.match(code) or not code.startswith(group.id + "."):
            raise InputError(
                f"a new code of question {group.id!r} is named {group.id}.<name> (lower case "
                "letters, digits and _)",
                field="code",
                kind="invalid",
                value=code,
            )
        if code in codebook:
            raise InputError(
                f"code {code!r} exists already: try_rule and evaluate a draft to change it",
                field="code",
                kind="exists",
                value=code,
            )
        for n, rule in enumerate(rules):
            check_pattern(rule, field=f"rules[{n}]")
        data: dict[str, Any] = {
            "id": code,
            "label": label,
            "description": definition,
            "patterns": list(rules),
            "examples": {"positive": list(examples), "negative": list(counter_examples)},
        }
        draft = Patch(
            codebook=codebook.id,
            version=codebook.version,
            note=note,
            add_codes=((group.id, data),),
            source=f"propose_code({code})",
        )
        proposed = apply_patch(codebook, draft, version=_trial_version(codebook))
        check = check_codebook(_alone(proposed, code))
        mine = [r for r in check.results if r.code == code]
        self.drafts.mkdir(parents=True, exist_ok=True)
        path = self.drafts / f"{code}.yaml"
        replaced = path.exists()
        written = write_patch(draft, path)
        if written != draft:
            raise InputError("the draft read back differs from what was written", path=path)
        from textcode.coding import Coder

        answers = self.answers()
        answers = answers[answers["question"] == group.id]
        coded = Coder(proposed).predict(answers) if len(answers) else []
        return {
            "draft_name": code,
            "path": str(path),
            "replaced": replaced,
            "examples_passed": sum(1 for r in mine if r.passed),
            "examples": len(mine),
            "failures": [
                {"kind": r.kind, "example": clip(r.text), "found": list(r.found)}
                for r in mine
                if not r.passed
            ][:20],
            "answers_coded": sum(1 for codes in coded if code in codes),
            "answers_searched": len(answers),
        }

    def propose_exclusions(
        self, choices: Sequence[Mapping[str, str]] | None = None
    ) -> dict[str, Any]:
        """Write the exclusions rule health proposes (all, or the ``choices`` by rule and
        word) as a draft that rewrites those rules, for a person to accept; the codebook file
        is never changed. Several words for one rule make one rule that excludes them all."""
        from textcode.desk.reviewing import health_of
        from textcode.workshop.patch import Patch, apply_patch, write_patch

        codebook = self._codebook("choices")
        proposals = health_of(self.session).exclusions
        offered = {(p.rule, p.word): p for p in proposals}
        if choices is None:
            chosen = list(proposals)
        else:
            chosen = []
            for n, choice in enumerate(choices):
                key = (str(choice.get("rule")), str(choice.get("word")))
                if key not in offered:
                    raise InputError(
                        f"rule health proposes no exclusion {key[1]!r} for rule {key[0]!r}",
                        field=f"choices[{n}]",
                        kind="not_found",
                        value=f"{key[0]} / {key[1]}",
                        allowed=[f"{r} / {w}" for r, w in offered],
                    )
                chosen.append(offered[key])
        if not chosen:
            raise InputError(
                "rule health proposes no exclusions yet (they need rejected suggestions that "
                "share a context)",
                field="choices",
                kind="no_data",
            )
        rewritten: dict[str, str] = {}
        for proposal in chosen:
            if proposal.rule_text is None:
                continue  # a rule of another codebook version: nothing to rewrite
            base = f"({proposal.rule_text})"
            exclusion = proposal.proposed[len(base) :]  # " NOT NEAR/4 word"
            before = rewritten.get(proposal.rule)
            rewritten[proposal.rule] = f"({before}){exclusion}" if before else proposal.proposed
        if not rewritten:
            raise InputError(
                f"the proposals' rules are not in codebook {codebook.id!r} {codebook.version}",
                field="choices",
                kind="not_found",
            )
        draft = Patch(
            codebook=codebook.id,
            version=codebook.version,
            note="exclusions proposed by rule health",
            replace_patterns=tuple(sorted(rewritten.items())),
            source="propose_exclusions",
        )
        # The rewritten rules parse and the codebook holds, before anything is written.
        apply_patch(codebook, draft, version=_trial_version(codebook))
        self.drafts.mkdir(parents=True, exist_ok=True)
        path = self.drafts / "rule_health.yaml"
        replaced = path.exists()
        if write_patch(draft, path) != draft:
            raise InputError("the draft read back differs from what was written", path=path)
        return {
            "draft_name": "rule_health",
            "path": str(path),
            "replaced": replaced,
            "rules": [{"rule": r, "with": clip(w)} for r, w in draft.replace_patterns],
        }

    # ---------------------------------------------------------------------------- helpers

    def answers(self) -> pd.DataFrame:
        """The answers the session shows (response_id, question as group id, text)."""
        codebook = self.session.codebook
        rows = [
            (rid, question, text)
            for (rid, question), text in self.session.texts.items()
            if codebook is None or codebook.question_id(question) == question
        ]
        return pd.DataFrame(rows, columns=["response_id", "question", "text"])

    def _carried(self) -> dict[tuple[str, str], set[str]]:
        """(response id, question) -> the codes the answer carries for this reviewer: the
        machine's suggestions not rejected, and codes added or accepted."""
        carried: dict[tuple[str, str], set[str]] = {}
        frame = self.session.suggestions
        for rid, question, code in zip(
            frame["response_id"].astype(str),
            frame["question"].astype(str),
            frame["code"].astype(str),
            strict=True,
        ):
            carried.setdefault((rid, question), set()).add(code)
        for (rid, question, code), entry in self.session.my_verdicts().items():
            codes = carried.setdefault((rid, question), set())
            if entry.value:
                codes.add(code)
            else:
                codes.discard(code)
        return carried

    def _codebook(self, field: str) -> Codebook:
        codebook = self.session.codebook
        if codebook is None:
            raise InputError(
                "this session has no codebook: start the server with --codebook",
                field=field,
                kind="not_available",
            )
        return codebook

    def _draft_codebook(
        self, draft: Mapping[str, Any] | None, draft_name: str | None, *, required: bool
    ) -> Codebook:
        from textcode.workshop.patch import apply_patch

        codebook = self._codebook("draft")
        if draft is not None and draft_name is not None:
            raise InputError("give a draft or a draft_name, not both", field="draft_name")
        if draft is None and draft_name is None:
            if required:
                raise InputError("give a draft or a draft_name", field="draft", kind="missing")
            return codebook
        return apply_patch(
            codebook, self._draft(draft, draft_name), version=_trial_version(codebook)
        )

    def _draft(self, draft: Mapping[str, Any] | None, draft_name: str | None) -> Patch:
        from textcode.workshop.patch import load_patch, read_patch

        if draft is not None:
            return read_patch(draft, source="draft")
        assert draft_name is not None
        names = sorted(p.stem for p in self.drafts.glob("*.yaml")) if self.drafts.is_dir() else []
        if draft_name not in names:
            raise InputError(
                f"no draft {excerpt(draft_name)!r} in {self.drafts}",
                field="draft_name",
                kind="not_found",
                value=draft_name,
                allowed=names,
            )
        return load_patch(self.drafts / f"{draft_name}.yaml")


def _trial_version(codebook: Codebook) -> str:
    """The version of a codebook with a draft applied in memory: a trial, not the next
    version a person makes with ``textcode codebook apply-patch``."""
    return f"{codebook.version}+draft"


def _alone(codebook: Codebook, code: str) -> Codebook:
    """The codebook cut to one code (to run its examples alone), unless its rules lean on
    other codes."""
    from dataclasses import replace

    from textcode.codebook.rules import code_references, parse_rule

    entry = codebook.code(code)
    rules = [p.rule for p in (*entry.patterns, *entry.exclude)]
    if any(code_references(parse_rule(rule)) for rule in rules):
        return codebook
    group = codebook.group(entry.group)
    return replace(codebook, groups=(replace(group, codes=(entry,)),))
