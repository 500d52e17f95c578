"""``textcode mcp``: a Model Context Protocol server (stdio) for reviewing suggestions."""

from __future__ import annotations

import argparse
import os

from textcode.cli.options import add_codebook_option

HELP = "MCP server (stdio) so an AI assistant can review suggestions into a ledger"
DESCRIPTION = """Serve the review of SUGGESTIONS over the Model Context Protocol on stdin/stdout.
Tools list open suggestions, read an answer with its evidence and the codebook entry, and record
accept/reject/add decisions in the same ledger `textcode review` writes."""
EPILOG = """examples:
  textcode mcp suggesties.jsonl --ledger beslissingen.jsonl --reviewer claude \\
      --answers antwoorden.csv --text-column belemmering
  # in an MCP client configuration:
  #   {"command": "textcode", "args": ["mcp", "suggesties.jsonl", "--ledger",
  #    "beslissingen.jsonl", "--reviewer", "claude", "--answers", "antwoorden.jsonl"]}
"""


def configure(parser: argparse.ArgumentParser) -> None:
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
    parser.add_argument(
        "--order",
        choices=("uncertain", "code", "respondent", "informative"),
        default="uncertain",
        help="least certain first (default), by code, answer by answer, or the answers whose "
        "review teaches the learned suggester most first",
    )
    parser.add_argument("--question", metavar="Q", help="only this question")
    parser.add_argument("--code", metavar="CODE", help="only this code")
    parser.add_argument("--no-redact", action="store_true", help="show unredacted answers")


def run(args: argparse.Namespace) -> int:
    from textcode.cli.review import open_session
    from textcode.errors import UsageError

    try:
        import mcp  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            "the MCP server needs the mcp package: pip install 'textcode[mcp]'"
        ) from exc
    from textcode.review.mcp import serve

    serve(open_session(args))
    return 0
