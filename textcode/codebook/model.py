"""The codebook as frozen dataclasses: groups (one per question) holding codes with rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from textcode.display import listing, one_line, shorten, table

Marks = Literal["hit", "sentence", "answer"]
NegationAction = str  # "keep", "drop" or a code id to flip to

MARKS: tuple[str, ...] = ("hit", "sentence", "answer")
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Negation:
    """What happens to evidence a negation or contrast cue governs.

    ``lacking``: the evidence is said to be missing ("geen budget", "gebrek aan tijd").
    ``sufficient``: the evidence is said to be fine ("voldoende budget", "geld was geen probleem").
    ``positive``: the evidence is praised ("goede samenwerking", "de samenwerking verliep goed").
    Each is ``keep``, ``drop``, or the id of a code to suggest instead (flip).
    """

    lacking: NegationAction = "keep"
    sufficient: NegationAction = "keep"
    positive: NegationAction = "keep"

    def to_dict(self) -> dict[str, str]:
        return {"lacking": self.lacking, "sufficient": self.sufficient, "positive": self.positive}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One rule of a code, in textcode's pattern language (see ``textcode.codebook.rules``)."""

    rule: str
    index: int
    confidence: float | None = None
    line: int | None = field(default=None, compare=False)
    questions: tuple[str, ...] = ()  # only for answers to these questions (groups); () = all

    def to_yaml(self) -> str | dict[str, Any]:
        if self.confidence is None and not self.questions:
            return self.rule
        data: dict[str, Any] = {"rule": self.rule}
        if self.confidence is not None:
            data["confidence"] = self.confidence
        if self.questions:
            data["questions"] = list(self.questions)
        return data


@dataclass(frozen=True, slots=True)
class Code:
    """A code: what it means (label, description) and how to find it (patterns)."""

    id: str
    label: str
    description: str = ""
    group: str = ""
    patterns: tuple[Pattern, ...] = ()
    exclude: tuple[Pattern, ...] = ()
    positive_examples: tuple[str, ...] = ()
    negative_examples: tuple[str, ...] = ()
    marks: str = "hit"
    negation: Negation = field(default_factory=Negation)
    window: int = 4
    whole_answer: bool = False
    exclusive: bool = False
    color: str | None = None
    maps_to: str | None = None
    line: int | None = field(default=None, compare=False)

    def rule_id(self, pattern: Pattern) -> str:
        """The id of a pattern as suggestion records report it: ``<code>#<n>``."""
        return f"{self.id}#{pattern.index}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label}
        if self.description:
            data["description"] = self.description
        if self.color:
            data["color"] = self.color
        if self.maps_to:
            data["maps_to"] = self.maps_to
        if self.marks != "hit":
            data["marks"] = self.marks
        if self.whole_answer:
            data["whole_answer"] = True
        if self.exclusive:
            data["exclusive"] = True
        data["negation"] = self.negation.to_dict()
        if self.window != 4:
            data["window"] = self.window
        data["patterns"] = [p.to_yaml() for p in self.patterns]
        if self.exclude:
            data["exclude"] = [p.to_yaml() for p in self.exclude]
        data["examples"] = {
            "positive": list(self.positive_examples),
            "negative": list(self.negative_examples),
        }
        return data

    def __repr__(self) -> str:
        examples = len(self.positive_examples) + len(self.negative_examples)
        return one_line(
            f"<Code {self.id} {shorten(self.label, 60)!r}: {len(self.patterns)} rules, "
            f"{len(self.exclude)} exclusions, {examples} examples>"
        )


@dataclass(frozen=True, slots=True)
class Group:
    """The codes of one question. ``applies_to_all`` groups (``overig``) serve every question."""

    id: str
    label: str = ""
    question: str = ""
    aliases: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    applies_to_all: bool = False
    kind: str = ""  # "topics", "evaluations" or "" (not declared)
    line: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        if self.kind:
            data["kind"] = self.kind
        if self.label:
            data["label"] = self.label
        if self.question:
            data["question"] = self.question
        if self.aliases:
            data["aliases"] = list(self.aliases)
        if self.applies_to_all:
            data["applies_to_all"] = True
        data["codes"] = [code.to_dict() for code in self.codes]
        return data

    def __repr__(self) -> str:
        kind = f" ({self.kind})" if self.kind else ""
        codes = listing((c.id for c in self.codes), 3)
        return one_line(f"<Group {self.id}{kind}: {len(self.codes)} codes, {codes}>")


def _fold_name(name: str) -> str:
    return " ".join(name.strip().casefold().replace("_", " ").replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Codebook:
    """A versioned set of groups and codes. Build one with :func:`textcode.load_codebook`."""

    id: str
    version: str
    language: str = "nl"
    title: str = ""
    description: str = ""
    groups: tuple[Group, ...] = ()
    # Where an imported codebook came from ("quanteda-YAML-woordenboek emotie.yml"): its codes
    # need no examples to pass ``codebook check``.
    imported_from: str = ""
    path: Path | None = field(default=None, compare=False)

    @property
    def codes(self) -> tuple[Code, ...]:
        """Every code, in codebook order."""
        return tuple(code for group in self.groups for code in group.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return any(code.id == code_id for code in self.codes)

    def code(self, code_id: str) -> Code:
        """The code with this id; ``KeyError`` names the id when there is none."""
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(f"no code {code_id!r} in codebook {self.id!r}")

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(f"no group {group_id!r} in codebook {self.id!r}")

    def group_for_question(self, question: str) -> Group | None:
        """The group a question belongs to: by id, then by alias, then by the question text."""
        wanted = _fold_name(str(question))
        for group in self.groups:
            if group.applies_to_all:
                continue
            names = (group.id, *group.aliases, group.question)
            if any(wanted == _fold_name(name) for name in names if name):
                return group
        return None

    def codes_for_question(self, question: str) -> tuple[Code, ...]:
        """The codes an answer to ``question`` can get: its group's, plus the shared groups'."""
        own = self.group_for_question(question)
        codes: list[Code] = list(own.codes) if own else []
        for group in self.groups:
            if group.applies_to_all:
                codes.extend(group.codes)
        return tuple(codes)

    def question_id(self, question: str) -> str:
        """The canonical group id for a question name, or the name itself when no group fits."""
        group = self.group_for_question(question)
        return group.id if group else str(question)

    def with_groups(self, groups: tuple[Group, ...]) -> Codebook:
        """A copy with other groups (for tools that edit codebooks)."""
        return replace(self, groups=groups)

    def to_dict(self) -> dict[str, Any]:
        """The codebook as the plain data of its YAML file."""
        data: dict[str, Any] = {
            "textcode_codebook": FORMAT_VERSION,
            "id": self.id,
            "version": self.version,
            "language": self.language,
        }
        if self.title:
            data["title"] = self.title
        if self.description:
            data["description"] = self.description
        if self.imported_from:
            data["imported_from"] = self.imported_from
        data["groups"] = [group.to_dict() for group in self.groups]
        return data

    def labels(self) -> dict[str, str]:
        """Code id -> Dutch label."""
        return {code.id: code.label for code in self.codes}

    def __repr__(self) -> str:
        groups = listing((f"{g.id} {len(g.codes)}" for g in self.groups), 6)
        return one_line(
            f"<Codebook {self.id} {self.version}: {len(self.groups)} groups ({groups}), "
            f"{len(self.codes)} codes>"
        )

    def _repr_html_(self) -> str:
        """The groups and their codes as one compact table (label, rules, examples)."""
        rows = [
            [
                group.id,
                code.id,
                code.label,
                str(len(code.patterns)),
                str(len(code.positive_examples) + len(code.negative_examples)),
            ]
            for group in self.groups
            for code in group.codes
        ]
        caption = (
            f"Codebook {self.id} {self.version} ({self.language}): {len(self.groups)} groups, "
            f"{len(self.codes)} codes"
        )
        return table(
            ["group", "code", "label", "rules", "examples"], rows, caption=caption, max_rows=200
        )
