"""The desk over the Model Context Protocol: a thin adapter from MCP tool calls to
:meth:`Desk.call <textcode.desk.Desk.call>`.

Each tool of :mod:`textcode.desk.contract` is listed with its input schema (unknown arguments
refused), its output schema and its annotations (``readOnlyHint`` for tools that change
nothing). A reply is the structured result (and the same JSON as text); a mistake is a tool
error whose structured content is ``{"error": {"code", "field", "value", "allowed",
"message"}}``. Calls run one at a time, in the order they arrive. Start it with ``textcode
mcp`` (stdio transport).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from textcode.desk.contract import error_payload
from textcode.desk.desk import Desk
from textcode.errors import TextcodeError

LOG = logging.getLogger(__name__)

INSTRUCTIONS = """You review the codes textcode suggested for open survey answers (Dutch), and
may help improve the codebook. Review loop: next_item (count up to 20) gives items with the
answer, the evidence in [[ ]], the code's definition and examples and the rule's explanation;
decide records accept/reject verdicts for many items in one call; add_code adds a code the
machine missed; skip leaves items for later; undo takes back your last call. 'polarity' is
what the words around the evidence do (lacking, sufficient, positive, none): it is not a
verdict. Every decision is recorded in the review ledger under your reviewer name; repeating
a call writes nothing twice. Codebook work: try_rule, check_codebook, evaluate (a draft
against the ledger's decisions) and propose_code (a draft file for a person); nothing changes
the codebook itself. Errors come back as {"error": {code, field, value, allowed, message}}."""


def build_server(desk: Desk) -> Any:
    """A low-level ``mcp`` server (mcp 2.x) offering the desk's tools."""
    import mcp.types as types
    from mcp.server.lowlevel import Server

    listed = [
        types.Tool(
            name=tool.name,
            description=tool.description,
            input_schema=tool.input_schema,
            output_schema=tool.output_schema,
            annotations=types.ToolAnnotations(
                read_only_hint=tool.read_only,
                destructive_hint=False,
                idempotent_hint=tool.idempotent,
                open_world_hint=False,
            ),
        )
        for tool in desk.tools().values()
    ]

    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=listed)

    async def call_tool(ctx: Any, params: Any) -> Any:
        try:
            reply = desk.call(params.name, params.arguments)
        except TextcodeError as exc:
            return _result(types, error_payload(exc), error=True)
        except (
            Exception
        ) as exc:  # a bug of ours: the agent gets a structured error, the log the rest
            LOG.exception("tool %s failed", params.name)
            return _result(types, error_payload(exc), error=True)
        return _result(types, reply, error=False)

    return Server(
        "textcode-review",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def _result(types: Any, data: dict[str, Any], *, error: bool) -> Any:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return types.CallToolResult(
        content=[types.TextContent(text=text)], structured_content=data, is_error=error
    )


def serve(desk: Desk) -> None:
    """Run the server on stdin/stdout until the client disconnects."""
    import anyio
    from mcp.server.stdio import stdio_server

    server = build_server(desk)

    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(run)
