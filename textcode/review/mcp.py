"""An MCP server over a review session, so an AI coding assistant can review suggestions.

Tools: ``list_open_suggestions``, ``read_answer`` (full answer, evidence, decisions so far and
the question's codes), ``codebook_entry``, ``accept``, ``reject``, ``add_code``, ``note``,
``undo`` and ``progress``. Decisions go to the same ledger as the command line and the Python
API, under the reviewer name the server was started with. Answer texts are redacted unless the
server was started with ``--no-redact``. Start it with ``textcode mcp`` (stdio transport).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textcode.errors import InputError
from textcode.review.decisions import Decisions
from textcode.review.session import ReviewSession

T = TypeVar("T")

INSTRUCTIONS = """You review the codes textcode suggested for open survey answers (Dutch).
Work through list_open_suggestions; for each, read_answer shows the full answer with the
evidence and codebook_entry the code's definition. Then accept or reject the suggestion, and
add_code for codes the machine missed in that answer. Every decision is recorded in the review
ledger under your reviewer name; undo retracts your latest decision."""


def build_server(session: ReviewSession) -> Any:
    """An ``mcp`` server (``MCPServer`` in mcp 2.x, ``FastMCP`` in 1.x) with the review tools."""
    try:
        from mcp.server.mcpserver import MCPServer as Server
        from mcp.server.mcpserver.exceptions import ToolError
    except ImportError:  # mcp 1.x
        from mcp.server.fastmcp import FastMCP as Server  # type: ignore[attr-defined,no-redef]
        from mcp.server.fastmcp.exceptions import ToolError  # type: ignore[no-redef]

    server = Server(name="textcode-review", instructions=INSTRUCTIONS)

    def guard(fn: Callable[..., T]) -> Callable[..., T]:
        # The reviewer's mistakes (an unknown id, a code that does not fit) go back to the
        # assistant as a tool error with the reason; anything else stays a server crash.
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            try:
                return fn(*args, **kwargs)
            except (InputError, KeyError, ValueError) as exc:
                raise ToolError(str(exc).strip("'\"")) from exc

        return wrapper

    @server.tool()
    @guard
    def list_open_suggestions(
        limit: int = 20, question: str | None = None, code: str | None = None
    ) -> dict[str, Any]:
        """Open suggestions in review order (least certain first unless configured otherwise).

        Each item has suggestion_id, response_id, question, code, label, rule, confidence,
        negated and evidence. Filter by question or code id.
        """
        items = []
        for item in session.open_items():
            if question is not None and item.question != question:
                continue
            if code is not None and item.code != code:
                continue
            items.append(
                {
                    "suggestion_id": item.suggestion_id,
                    "response_id": item.response_id,
                    "question": item.question,
                    "code": item.code,
                    "label": item.label,
                    "rule": item.rule,
                    "confidence": item.confidence,
                    "negated": item.negated,
                    "evidence": item.evidence,
                    "other_spans": [s.suggestion_id for s in item.spans],
                }
            )
            if len(items) >= limit:
                break
        return {"items": items, "progress": session.progress()}

    @server.tool()
    @guard
    def read_answer(response_id: str, question: str | None = None) -> dict[str, Any]:
        """One answer: its full text (evidence marked with [[ ]] in 'highlighted'), every
        suggestion with evidence span and your decision so far, codes you added, and the codes
        (id and label) that this question allows."""
        return session.answer(response_id, question)

    @server.tool()
    @guard
    def codebook_entry(code: str) -> dict[str, Any]:
        """The codebook entry of a code: label, definition, example answers, rules."""
        codebook = session.codebook
        if codebook is None:
            raise ValueError("this review session has no codebook")
        entry = codebook.code(code)
        return {
            "code": entry.id,
            "label": entry.label,
            "definition": entry.description,
            "group": entry.group,
            "positive_examples": list(entry.positive_examples),
            "negative_examples": list(entry.negative_examples),
            "rules": {entry.rule_id(p): p.rule for p in entry.patterns},
            "codebook_version": codebook.version,
        }

    def verdicts(decision: str, suggestion_ids: list[str], comment: str) -> dict[str, Any]:
        if not suggestion_ids:
            raise InputError(
                f"give the ids of the suggestions to {decision}", field="suggestion_ids"
            )
        ids = tuple(suggestion_ids)
        recorded = session.decide(
            Decisions(accept=ids, comment=comment)
            if decision == "accept"
            else Decisions(reject=ids, comment=comment)
        )
        return {
            "recorded": [session.shown_entry(e) for e in recorded.entries],
            "progress": session.progress(),
        }

    @server.tool()
    @guard
    def accept(suggestion_ids: list[str], comment: str = "") -> dict[str, Any]:
        """Accept suggestions by id (one ledger entry each)."""
        return verdicts("accept", suggestion_ids, comment)

    @server.tool()
    @guard
    def reject(suggestion_ids: list[str], comment: str = "") -> dict[str, Any]:
        """Reject suggestions by id (one ledger entry each); say why in the comment."""
        return verdicts("reject", suggestion_ids, comment)

    @server.tool()
    @guard
    def add_code(
        response_id: str, code: str, question: str | None = None, comment: str = ""
    ) -> dict[str, Any]:
        """Add a code the machine missed for an answer (the code must fit the question)."""
        recorded = session.decide(
            Decisions(add=((response_id, code),), question=question, comment=comment)
        )
        return {
            "recorded": [session.shown_entry(e) for e in recorded.entries],
            "progress": session.progress(),
        }

    @server.tool()
    @guard
    def note(target: str, text: str) -> dict[str, Any]:
        """A comment without a verdict, on a suggestion id or a response id."""
        recorded = session.decide(Decisions(note=(target, text)))
        return {"recorded": [session.shown_entry(e) for e in recorded.entries]}

    @server.tool()
    @guard
    def undo() -> dict[str, Any]:
        """Retract your latest decision (recorded as a retract entry)."""
        undone = session.undo()
        return {
            "undone": session.shown_entry(undone) if undone else None,
            "progress": session.progress(),
        }

    @server.tool()
    @guard
    def progress() -> dict[str, int]:
        """How many units are decided and open."""
        return session.progress()

    return server


def serve(session: ReviewSession) -> None:
    """Run the server on stdin/stdout until the client disconnects."""
    build_server(session).run("stdio")
