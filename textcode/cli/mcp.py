"""``textcode mcp``: the agent's desk over the Model Context Protocol (stdio), or one call."""

from __future__ import annotations

import argparse
import json
import os

from textcode.cli.options import add_codebook_option

HELP = "MCP server (stdio): review suggestions and work on the codebook, as an AI agent"
DESCRIPTION = """Serve the agent's desk for SUGGESTIONS over the Model Context Protocol on
stdin/stdout: review tools (next_item, decide, add_code, note, skip, undo, item, my_decisions,
progress, agreement, team, rule_health, codes_for_question, codebook_entry, read_answer) that
record in the same ledger `textcode review` writes, and workshop tools (try_rule, suggest_terms,
check_codebook, evaluate, propose_code, propose_exclusions) that never change the codebook file.
With --call, run one tool with JSON arguments and print its reply (exit 2 with the structured
error otherwise)."""
EPILOG = """examples:
  textcode mcp suggesties.jsonl --ledger beslissingen.jsonl --reviewer claude \\
      --answers antwoorden.csv --question belemmering
  textcode mcp suggesties.jsonl --ledger beslissingen.jsonl --reviewer claude \\
      --answers antwoorden.jsonl --call next_item '{"count": 3}'
  # in an MCP client configuration:
  #   {"command": "textcode", "args": ["mcp", "suggesties.jsonl", "--ledger",
  #    "beslissingen.jsonl", "--reviewer", "claude", "--answers", "antwoorden.jsonl"]}
"""


def configure(parser: argparse.ArgumentParser) -> None:
    from textcode.review.queue import ORDERS

    parser.add_argument(
        "suggestions", metavar="SUGGESTIONS", help="suggestions from `textcode code --out`"
    )
    parser.add_argument("--ledger", metavar="FILE", required=True, help="the decision ledger")
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        default=os.environ.get("TEXTCODE_REVIEWER", "agent"),
        help="name recorded with the decisions (default: $TEXTCODE_REVIEWER or 'agent')",
    )
    parser.add_argument("--answers", metavar="INPUT", help="the answers file that was coded")
    parser.add_argument("--id-column", metavar="COL", help="column with the respondent id")
    parser.add_argument("--text-column", metavar="COL", action="append", help="open question")
    parser.add_argument("--question-column", metavar="COL", help="question column (long input)")
    parser.add_argument("--sheet", metavar="NAME", help="Excel sheet to read")
    add_codebook_option(parser)
    parser.add_argument("--order", choices=ORDERS, default="uncertain", help="queue order")
    parser.add_argument("--question", metavar="Q", help="only this question")
    parser.add_argument("--code", metavar="CODE", help="only this code")
    parser.add_argument("--no-redact", action="store_true", help="show unredacted answers")
    parser.add_argument("--gold", metavar="FILE", help="a gold file for agreement(other='gold')")
    parser.add_argument(
        "--drafts",
        metavar="DIR",
        help="where propose_code writes drafts (default: LEDGER.drafts beside the ledger)",
    )
    parser.add_argument(
        "--call",
        nargs="+",
        metavar=("TOOL", "JSON"),
        help="run one tool with JSON arguments (default {}) and print its reply",
    )


def open_desk(args: argparse.Namespace) -> object:
    """The desk ``textcode mcp ARGS`` serves (also for tests that talk to it in-process)."""
    from textcode.cli.review import open_session
    from textcode.desk import Desk

    return Desk(open_session(args), gold=args.gold, drafts=args.drafts)


def run(args: argparse.Namespace) -> int:
    from textcode.desk import Desk
    from textcode.errors import InputError, UsageError

    desk = open_desk(args)
    assert isinstance(desk, Desk)
    if args.call:
        name, *rest = args.call
        if len(rest) > 1:
            raise UsageError("--call takes a tool name and one JSON object of arguments")
        try:
            arguments = json.loads(rest[0]) if rest else {}
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg}", field="arguments", kind="invalid") from None
        if not isinstance(arguments, dict):
            raise InputError("the arguments are a JSON object", field="arguments")
        try:
            reply = desk.call(name, arguments)
        except InputError as exc:
            # The structured error on stdout for a program, the usual line on stderr.
            from textcode.desk import error_payload

            print(json.dumps(error_payload(exc), ensure_ascii=False, indent=2))
            raise
        print(json.dumps(reply, ensure_ascii=False, indent=2))
        return 0
    try:
        import mcp  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            "the MCP server needs the mcp package: pip install 'textcode[mcp]'"
        ) from exc
    from textcode.desk.mcp import serve

    serve(desk)
    return 0
