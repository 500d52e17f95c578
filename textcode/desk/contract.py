"""The desk's contract: every tool with a JSON schema for its arguments and for its reply.

Arguments are checked against the schema before anything runs: an unknown argument, a wrong
type, a number out of bounds (``limit`` 1-200), a text too long (a comment over 2,000
characters) or a value not allowed (a verdict, a code, a question) is refused with a
structured error ``{"error": {"code", "field", "value", "allowed", "message"}}`` that lists
the allowed values. Tools that change nothing say so (``read_only``); replies have a schema
(an MCP ``outputSchema``) and stay under 20 kB.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from textcode.errors import InputError, TextcodeError, excerpt
from textcode.review.decisions import MAX_COMMENT, VERDICT_CHOICES

MAX_LIMIT = 200
MAX_BATCH = 100  # verdicts of one decide: even all unchanged, the reply stays under 20 kB
MAX_COUNT = 20  # items of one next_item reply
MAX_ID = 200
MAX_RULE = 2_000
MAX_ALLOWED_SHOWN = 200  # allowed values listed in one error
POLARITIES = ("lacking", "sufficient", "positive", "none")
DECISION_KINDS = ("accept", "reject", "add")


@dataclass(frozen=True)
class Tool:
    """One operation of the desk as a front end offers it."""

    name: str
    description: str
    parameters: Mapping[str, Any]
    required: tuple[str, ...]
    output: Mapping[str, Any]
    read_only: bool
    idempotent: bool = True

    @property
    def input_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": dict(self.parameters),
            "required": list(self.required),
            "additionalProperties": False,
        }

    @property
    def output_schema(self) -> dict[str, Any]:
        return dict(self.output)


def check_arguments(tool: Tool, arguments: Mapping[str, Any]) -> None:
    """Raise :class:`InputError` (kind, field, value, allowed) for the first argument that
    does not fit the tool's schema."""
    validator = Draft202012Validator(tool.input_schema)
    error = best_match(validator.iter_errors(dict(arguments)))
    if error is not None:
        raise _input_error(error)


def error_payload(exc: BaseException) -> dict[str, Any]:
    """The structured error a front end sends back for ``exc``."""
    if isinstance(exc, InputError):
        allowed = list(exc.allowed)[:MAX_ALLOWED_SHOWN] if exc.allowed is not None else None
        return {
            "error": {
                "code": exc.kind,
                "field": exc.field,
                "value": _shown_value(exc.value),
                "allowed": allowed,
                "message": str(exc),
            }
        }
    if isinstance(exc, TextcodeError):
        message = str(exc)
        return {"error": {"code": "failed", "field": None, "value": None, "allowed": None,
                          "message": message}}  # fmt: skip
    return {
        "error": {
            "code": "internal",
            "field": None,
            "value": None,
            "allowed": None,
            "message": f"textcode failed ({type(exc).__name__}); the server log has the details",
        }
    }


# ---------------------------------------------------------------------------------- schemas

STRING: dict[str, Any] = {"type": "string"}
TEXT_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}
INTEGER: dict[str, Any] = {"type": "integer"}
INTEGER_OR_NULL: dict[str, Any] = {"type": ["integer", "null"]}
NUMBER: dict[str, Any] = {"type": "number"}
NUMBER_OR_NULL: dict[str, Any] = {"type": ["number", "null"]}
BOOLEAN: dict[str, Any] = {"type": "boolean"}
OBJECT: dict[str, Any] = {"type": "object"}


def _list(items: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": dict(items)}


def _object(
    required: Mapping[str, Any], optional: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
    }


def _id(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": MAX_ID, "description": description}


def _text(description: str, limit: int = MAX_COMMENT, minimum: int = 0) -> dict[str, Any]:
    return {"type": "string", "minLength": minimum, "maxLength": limit, "description": description}


def _choice(values: Sequence[str], description: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": MAX_ID}
    if values:
        schema["enum"] = list(values)
    return {**schema, "description": description}


LIMIT: dict[str, Any] = {
    "type": "integer",
    "minimum": 1,
    "maximum": MAX_LIMIT,
    "description": f"items per page, 1-{MAX_LIMIT}",
}
OFFSET: dict[str, Any] = {
    "type": "integer",
    "minimum": 0,
    "description": "where the page starts (next_offset of the page before)",
}
PROGRESS = _object({"total": INTEGER, "decided": INTEGER, "open": INTEGER, "skipped": INTEGER})
SPAN = _object(
    {
        "suggestion_id": STRING,
        "code": STRING,
        "start": INTEGER,
        "end": INTEGER,
        "evidence": STRING,
        "rule": STRING,
        "confidence": NUMBER,
        "polarity": {"enum": list(POLARITIES)},
        "decision": STRING,
    }
)
WINDOW = _object({"from": INTEGER, "to": INTEGER, "length": INTEGER})
ITEM = _object(
    {
        "suggestion_id": STRING,
        "response_id": STRING,
        "question": STRING,
        "code": STRING,
        "label": STRING,
        "definition": STRING,
        "examples": _list(STRING),
        "counter_examples": _list(STRING),
        "exclusions": _list(STRING),
        "rule": STRING,
        "confidence": NUMBER,
        "polarity": {"enum": list(POLARITIES)},
        "polarity_cues": _list(STRING),
        "explanation": STRING,
        "evidence": STRING,
        "start": INTEGER,
        "end": INTEGER,
        "text": TEXT_OR_NULL,
        "highlighted": TEXT_OR_NULL,
        "redacted": BOOLEAN,
        "decision": STRING,
        "spans": _list(SPAN),
        "others": _list(SPAN),
    },
    {"text_window": WINDOW, "spans_total": INTEGER, "others_total": INTEGER},
)
BRIEF = _object(
    {"suggestion_id": STRING, "code": STRING, "decision": STRING},
    {"earlier": _object({"decision": STRING, "time": TEXT_OR_NULL})},
)
DECIDED = _object(
    {
        "recorded": _list(STRING),
        "changed": _list(BRIEF),
        "unchanged": _list(BRIEF),
        "action": TEXT_OR_NULL,
        "progress": PROGRESS,
    }
)
CODE = _object(
    {
        "code": STRING,
        "label": STRING,
        "definition": STRING,
        "examples": _list(STRING),
        "counter_examples": _list(STRING),
        "exclusions": _list(STRING),
        "polarity": _object({"lacking": STRING, "sufficient": STRING, "positive": STRING}),
    }
)
COUNTS = _object(
    {
        "tp": INTEGER,
        "fp": INTEGER,
        "fn": INTEGER,
        "precision": NUMBER_OR_NULL,
        "recall": NUMBER_OR_NULL,
        "f1": NUMBER_OR_NULL,
    }
)
PAGE = {"total": INTEGER, "offset": INTEGER, "next_offset": INTEGER_OR_NULL}
DRAFT: dict[str, Any] = {
    "type": "object",
    "description": (
        "a codebook draft, in the patch format of `textcode codebook apply-patch`: "
        "{add_codes: [{group, id, label, description, patterns, examples: "
        "{positive, negative}}], add_patterns: [{code, rule}] (a proposal of suggest_terms "
        "goes here as it is), replace_patterns: [{rule: 'code#n', with: new rule}]}; "
        "applied in memory only"
    ),
    "properties": {
        "textcode_patch": {"type": "integer"},
        "textcode_draft": {"type": "integer"},
        "codebook": STRING,
        "version": STRING,
        "note": _text("why"),
        "add_codes": {"type": "array", "maxItems": 50, "items": OBJECT},
        "add_patterns": {
            "type": "array",
            "maxItems": 200,
            "items": {
                "type": "object",
                "properties": {
                    "code": _id("code id"),
                    "rule": _text("rule", MAX_RULE, 1),
                    # What suggest_terms measured for the rule: read, never applied.
                    "source": STRING,
                    "score": {"type": "number"},
                    "answers": INTEGER,
                    "new_answers": INTEGER,
                    "related_to": STRING,
                    "near": OBJECT,
                    "examples": {"type": "array", "maxItems": 50, "items": STRING},
                    "other_codes": OBJECT,
                },
                "required": ["code", "rule"],
                "additionalProperties": False,
            },
        },
        "replace_patterns": {
            "type": "array",
            "maxItems": 200,
            "items": {
                "type": "object",
                "properties": {
                    "rule": _id("rule id, code#n"),
                    "with": _text("the new rule", MAX_RULE, 1),
                },
                "required": ["rule", "with"],
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

POLARITY_NOTE = (
    "polarity says what the words around the evidence do to it: lacking (said to be missing, "
    "'te weinig mensen'), sufficient (said to be fine, 'geld was geen probleem'), positive "
    "(praised) or none, with polarity_cues. It is not a verdict: for a code about a shortage "
    "or barrier, lacking is what makes the suggestion right."
)


def tools(codes: Sequence[str], questions: Sequence[str], orders: Sequence[str]) -> list[Tool]:
    """Every tool, with the codes, questions and queue orders of this desk as allowed
    values."""
    code = _choice(codes, "a code id")
    question = _choice(questions, "a question (codebook group id)")
    comment = _text(f"why, at most {MAX_COMMENT} characters (never echoed back)")
    return [
        Tool(
            "next_item",
            "The next open items to review, each with everything a decision needs: the answer "
            "with the evidence in [[ ]], the code's label, definition, examples, "
            "counter-examples and exclusion rules, the rule and its explanation, the other "
            "suggestions on the same answer, and polarity. " + POLARITY_NOTE + " Asking again "
            "gives the same items until you decide or skip them. 'matching' counts the open "
            "items that fit your filters.",
            {
                "count": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_COUNT,
                    "description": f"items to return, 1-{MAX_COUNT} (default 1)",
                },
                "question": question,
                "code": code,
                "rule": _id("only suggestions of this rule (code#n)"),
                "order": _choice(orders, "queue order (default: the server's)"),
            },
            (),
            _object({"items": _list(ITEM), "matching": INTEGER, "progress": PROGRESS}),
            read_only=True,
        ),
        Tool(
            "decide",
            "Accept or reject suggestions, each with an optional comment; the whole list is "
            "checked before anything is recorded, and recorded as one action (undo takes it "
            "back whole). A verdict you already gave (same verdict, same comment) is reported "
            "under 'unchanged' and not written again, so retrying is safe; a different "
            "verdict replaces yours ('changed').",
            {
                "verdicts": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": MAX_BATCH,
                    "items": {
                        "type": "object",
                        "properties": {
                            "suggestion_id": _id("a suggestion id"),
                            "verdict": {"type": "string", "enum": list(VERDICT_CHOICES)},
                            "comment": comment,
                        },
                        "required": ["suggestion_id", "verdict"],
                        "additionalProperties": False,
                    },
                    "description": f"1-{MAX_BATCH} verdicts",
                }
            },
            ("verdicts",),
            DECIDED,
            read_only=False,
        ),
        Tool(
            "add_code",
            "Add a code the machine missed to an answer (it must fit the question; an empty "
            "answer cannot get one). If the machine did suggest it, this accepts that "
            "suggestion. Adding it again writes nothing. With start and end, on exactly "
            "those words (a reviewer's own evidence span).",
            {
                "response_id": _id("the respondent"),
                "code": code,
                "question": question,
                "comment": comment,
                "start": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "with end: the code goes on exactly these words (offsets "
                    "into the whole answer as shown, as next_item's start and end)",
                },
                "end": {"type": "integer", "minimum": 1, "description": "see start"},
            },
            ("response_id", "code"),
            DECIDED,
            read_only=False,
        ),
        Tool(
            "note",
            "A comment without a verdict, on a suggestion id or on a response id (name the "
            "question when the respondent answered several). The same note again writes "
            "nothing.",
            {
                "target": _id("a suggestion id or a response id"),
                "text": _text(f"the note, 1-{MAX_COMMENT} characters", minimum=1),
                "question": question,
            },
            ("target", "text"),
            DECIDED,
            read_only=False,
        ),
        Tool(
            "skip",
            "Leave items for later in this session (nothing is recorded): suggestions by id, "
            "or every open item of one answer. Skipped items come after all others.",
            {
                "suggestion_ids": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": MAX_BATCH,
                    "items": _id("a suggestion id"),
                },
                "response_id": _id("skip every open item of this answer"),
                "question": question,
            },
            (),
            _object({"skipped": INTEGER, "progress": PROGRESS}),
            read_only=False,
        ),
        Tool(
            "undo",
            "Take back your latest action: every decision of the call that made it (a "
            "decide with ten verdicts is one action); 'count' says how many. Recorded as "
            "retractions; the ledger keeps everything.",
            {},
            (),
            _object(
                {
                    "undone": _list(
                        _object(
                            {
                                "suggestion_id": STRING,
                                "response_id": STRING,
                                "question": STRING,
                                "code": STRING,
                                "decision": STRING,
                            }
                        )
                    ),
                    "count": INTEGER,
                    "progress": PROGRESS,
                }
            ),
            read_only=False,
            idempotent=False,
        ),
        Tool(
            "item",
            "One suggestion as a review item, as next_item shows it, also when you decided it "
            "already ('decision'); for going back to an item.",
            {"suggestion_id": _id("a suggestion id")},
            ("suggestion_id",),
            _object({"item": ITEM}),
            read_only=True,
        ),
        Tool(
            "team",
            "The other reviewers of this ledger (decisions, latest time) and whether a gold "
            "file is loaded; with response_id, their verdicts on the codes of that answer you "
            "have decided yourself (the rest stays hidden so that your verdicts stay your own).",
            {"response_id": _id("the respondent"), "question": question},
            (),
            _object(
                {"reviewer": STRING, "reviewers": _list(OBJECT), "gold": BOOLEAN},
                {
                    "verdicts": _list(
                        _object(dict.fromkeys(("reviewer", "code", "decision"), STRING))
                    )
                },
            ),
            read_only=True,
        ),
        Tool(
            "progress",
            "How many items there are, decided and open; your verdicts by kind and your notes.",
            {},
            (),
            _object(
                {
                    **PROGRESS["properties"],
                    "by_decision": _object({k: INTEGER for k in DECISION_KINDS}),
                    "notes": INTEGER,
                }
            ),
            read_only=True,
        ),
        Tool(
            "my_decisions",
            "Your verdicts that count (the latest per answer and code), oldest first, a page "
            "at a time; comments shortened.",
            {
                "offset": OFFSET,
                "limit": LIMIT,
                "question": question,
                "code": code,
                "decision": {"type": "string", "enum": list(DECISION_KINDS)},
            },
            (),
            _object(
                {
                    "items": _list(
                        _object(
                            {
                                "suggestion_id": STRING,
                                "response_id": STRING,
                                "question": STRING,
                                "code": STRING,
                                "decision": STRING,
                                "time": STRING,
                                "comment": STRING,
                            }
                        )
                    ),
                    **PAGE,
                }
            ),
            read_only=True,
        ),
        Tool(
            "agreement",
            "Your agreement with another reviewer of the ledger, with 'machine' (then also "
            "the machine's precision, recall and F1 by your verdicts) or with 'gold' (when the "
            "server has a gold file), over the answer x code units both rated.",
            {
                "other": _id("a reviewer name, 'machine' or 'gold'"),
                "code": code,
            },
            ("other",),
            _object(
                {
                    "reviewer": STRING,
                    "other": STRING,
                    "code": STRING,
                    "n_units": INTEGER,
                    "statistics": {"type": "object", "additionalProperties": NUMBER_OR_NULL},
                },
                {"machine": OBJECT},
            ),
            read_only=True,
        ),
        Tool(
            "rule_health",
            "Precision of each codebook rule by the ledger's verdicts (least precise first) "
            "and exclusions proposed from words that keep occurring near rejected evidence.",
            {"limit": LIMIT},
            (),
            _object({"rules": _list(OBJECT), "total_rules": INTEGER, "exclusions": _list(OBJECT)}),
            read_only=True,
        ),
        Tool(
            "propose_exclusions",
            "Write the exclusions rule_health proposes (all, or those chosen by rule and word) "
            "as a draft that rewrites those rules, for a person to accept (the codebook file is "
            "never changed); writing it again replaces that draft.",
            {
                "choices": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": MAX_LIMIT,
                    "items": {
                        "type": "object",
                        "properties": {
                            "rule": _id("the rule id, code#n"),
                            "word": _id("the proposed word"),
                        },
                        "required": ["rule", "word"],
                        "additionalProperties": False,
                    },
                }
            },
            (),
            _object(
                {
                    "draft_name": STRING,
                    "path": STRING,
                    "replaced": BOOLEAN,
                    "rules": _list(_object({"rule": STRING, "with": STRING})),
                }
            ),
            read_only=False,
        ),
        Tool(
            "codes_for_question",
            "Every code an answer to the question can get, once: label, definition, "
            "examples, counter-examples, exclusion rules and what the code does with each "
            "polarity (keep, drop, or another code).",
            {"question": question, "offset": OFFSET, "limit": LIMIT},
            ("question",),
            _object({"question": STRING, "codes": _list(CODE), **PAGE}),
            read_only=True,
        ),
        Tool(
            "codebook_entry",
            "One code with its rules (id -> rule text), for work on the codebook.",
            {"code": code},
            ("code",),
            {
                **CODE,
                "properties": {
                    **CODE["properties"],
                    "group": STRING,
                    "rules": {"type": "object", "additionalProperties": STRING},
                    "total_rules": INTEGER,
                    "codebook_version": STRING,
                },
                "required": [*CODE["required"], "rules", "total_rules"],
            },
            read_only=True,
        ),
        Tool(
            "read_answer",
            "One answer (redacted) with every suggestion on it, your verdicts and the codes "
            "you added. The question may be left out when the respondent answered one.",
            {"response_id": _id("the respondent"), "question": question},
            ("response_id",),
            _object(
                {
                    "response_id": STRING,
                    "question": STRING,
                    "text": TEXT_OR_NULL,
                    "highlighted": TEXT_OR_NULL,
                    "redacted": BOOLEAN,
                    "suggestions": _list(SPAN),
                    "total_suggestions": INTEGER,
                    "added": _list(OBJECT),
                },
                {"text_window": WINDOW},
            ),
            read_only=True,
        ),
        Tool(
            "try_rule",
            "Try a rule (textcode's rule language) on the answers to a question without "
            "changing the codebook: how many answers it matches, a page of hits in context "
            "(redacted), and which codes those answers carry already. With 'code' it is "
            "tried as one more rule of that code (its polarity settings and exclusions).",
            {
                "pattern": _text("the rule, e.g. 'subsidie* NEAR/3 stop*'", MAX_RULE, 1),
                "question": question,
                "code": code,
                "offset": OFFSET,
                "limit": LIMIT,
            },
            ("pattern", "question"),
            _object(
                {
                    "pattern": STRING,
                    "question": STRING,
                    "rule_id": STRING,
                    "answers_searched": INTEGER,
                    "answers_matched": INTEGER,
                    "uncoded": INTEGER,
                    "codes_carried": {"type": "object", "additionalProperties": INTEGER},
                    "hits": _list(
                        _object(
                            {
                                "response_id": STRING,
                                "left": STRING,
                                "keyword": STRING,
                                "right": STRING,
                                "codes": _list(STRING),
                            }
                        )
                    ),
                    "total_hits": INTEGER,
                    "offset": INTEGER,
                    "next_offset": INTEGER_OR_NULL,
                },
                {"new_for_code": INTEGER},
            ),
            read_only=True,
        ),
        Tool(
            "suggest_terms",
            "Terms the code lacks, found in these answers (keyness, variants, shared "
            "contexts), each with its counts, as {code, rule, ...}: an add_patterns entry of "
            "a draft as it stands; an error 'not_available' where this installation lacks "
            "the term finder.",
            {"code": code, "limit": LIMIT},
            ("code",),
            _object({"code": STRING, "proposals": _list(OBJECT), "total": INTEGER}),
            read_only=True,
        ),
        Tool(
            "check_codebook",
            "Run every example of every code as a test, of the codebook or of the codebook "
            "with a draft applied (in memory).",
            {"draft": DRAFT, "draft_name": _id("a draft propose_code wrote")},
            (),
            _object(
                {
                    "codebook": STRING,
                    "version": STRING,
                    "examples": INTEGER,
                    "passed": INTEGER,
                    "ok": BOOLEAN,
                    "failures": _list(OBJECT),
                    "total_failures": INTEGER,
                    "problems": _list(STRING),
                }
            ),
            read_only=True,
        ),
        Tool(
            "evaluate",
            "Precision and recall of the current codebook and of a draft against the "
            "decisions in the ledger (all reviewers' majority, or one reviewer's), on the "
            "answers they decided, and a page of the decided units the draft codes "
            "differently. New codes of the draft are counted, not scored.",
            {
                "draft": DRAFT,
                "draft_name": _id("a draft propose_code wrote"),
                "reviewer": _id("only this reviewer's decisions"),
                "limit": LIMIT,
            },
            (),
            _object(
                {
                    "answers": INTEGER,
                    "units": INTEGER,
                    "current": COUNTS,
                    "draft": COUNTS,
                    "per_code": _list(OBJECT),
                    "changes": _list(OBJECT),
                    "total_changes": INTEGER,
                    "new_codes": {"type": "object", "additionalProperties": INTEGER},
                }
            ),
            read_only=True,
        ),
        Tool(
            "propose_code",
            "Write a draft that adds a code to a question, for a person to accept (the "
            "codebook file is never changed): the draft's name and path, its examples run as "
            "tests, and how many answers it would code. Proposing the same code again "
            "replaces that draft.",
            {
                "question": question,
                "code": _id("the new code's id: <question>.<name>, lower case"),
                "label": _text("a short label", MAX_ID, 1),
                "definition": _text("what the code means", MAX_COMMENT, 1),
                "rules": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 20,
                    "items": _text("a rule", MAX_RULE, 1),
                },
                "examples": {
                    "type": "array",
                    "maxItems": 20,
                    "items": _text("an answer that gets the code", 500, 1),
                },
                "counter_examples": {
                    "type": "array",
                    "maxItems": 20,
                    "items": _text("an answer that must not get it", 500, 1),
                },
                "note": _text("why the code is needed"),
            },
            ("question", "code", "label", "definition", "rules"),
            _object(
                {
                    "draft_name": STRING,
                    "path": STRING,
                    "replaced": BOOLEAN,
                    "examples_passed": INTEGER,
                    "examples": INTEGER,
                    "failures": _list(OBJECT),
                    "answers_coded": INTEGER,
                    "answers_searched": INTEGER,
                }
            ),
            read_only=False,
        ),
    ]


# -------------------------------------------------------------------------------- errors


def _input_error(error: ValidationError) -> InputError:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    path = path.lstrip(".")
    instance = error.instance
    kind, value, allowed, field = "invalid", instance, None, path or None
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(known)) if isinstance(instance, dict) else []
        field = _join(path, extra[0] if extra else "")
        kind, value, allowed = "unknown_argument", extra[0] if extra else None, known
        message = f"unknown argument {excerpt(str(value))!r}"
    elif error.validator == "required":
        missing = [n for n in error.validator_value if n not in instance]
        field = _join(path, missing[0] if missing else "")
        kind, value = "missing", None
        message = "required"
    elif error.validator == "enum":
        kind, allowed = "not_allowed", [str(v) for v in error.validator_value]
        message = "not one of the allowed values"
    elif error.validator in ("maxLength", "minLength"):
        length = len(instance) if isinstance(instance, str) else 0
        kind = "too_long" if error.validator == "maxLength" else "too_short"
        value = f"{length} characters"
        message = (
            f"at most {error.validator_value} characters, not {length}"
            if kind == "too_long"
            else f"at least {error.validator_value} character(s)"
        )
    elif error.validator in ("minimum", "maximum", "minItems", "maxItems"):
        kind = "out_of_range"
        schema = error.schema
        low = schema.get("minimum", schema.get("minItems"))
        high = schema.get("maximum", schema.get("maxItems"))
        what = "items" if error.validator.endswith("Items") else "a number"
        bounds = f"from {low}" + (f" to {high}" if high is not None else "")
        message = f"must be {what} {bounds}"
        if isinstance(instance, list):
            value = f"{len(instance)} items"
    elif error.validator == "type":
        kind = "invalid_type"
        wanted = error.validator_value
        message = f"must be {' or '.join(wanted) if isinstance(wanted, list) else wanted}"
    else:
        message = "not valid here"
    return InputError(message, field=field, kind=kind, value=value, allowed=allowed)


def _join(path: str, name: str) -> str | None:
    if not name:
        return path or None
    return f"{path}.{name}" if path else name


def _shown_value(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return excerpt(value)
    return excerpt(json.dumps(value, ensure_ascii=False, default=str))
