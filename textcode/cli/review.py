"""``textcode review``: work through the machine's suggestions; every decision goes to a ledger."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from textcode.cli.options import add_codebook_option, add_quiet
from textcode.errors import UsageError

if TYPE_CHECKING:
    from textcode.review.session import ReviewSession

HELP = "review suggestions: accept, reject or add codes, recorded in a decision ledger"
DESCRIPTION = """Review the suggestions `textcode code --out` wrote. Each decision is one line in an
append-only ledger (JSON Lines) that keeps the machine's suggestion beside it. Without an action
option on a terminal, an interactive session starts (keys a r s u q)."""
EPILOG = """examples:
  textcode code antwoorden.csv --text-column belemmering --out suggesties.jsonl
  textcode review suggesties.jsonl --ledger beslissingen.jsonl --reviewer anna \\
      --answers antwoorden.csv --text-column belemmering --next
  textcode review suggesties.jsonl --ledger beslissingen.jsonl --reviewer anna --next --json
  textcode review suggesties.jsonl --ledger beslissingen.jsonl --reviewer anna \\
      --accept sf1f5e2f42f938f38 --reject s26c165e77f44d356 --add r017:belemmering.kennis
  textcode review suggesties.jsonl --ledger beslissingen.jsonl --reviewer anna \\
      --accept-rule belemmering.financiering#1 --question belemmering
  textcode review suggesties.jsonl --ledger beslissingen.jsonl --reviewer anna \\
      --answers antwoorden.csv --serve        # the review desk in your browser
  textcode agreement --ledger beslissingen.jsonl --gold gold.jsonl
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "suggestions", metavar="SUGGESTIONS", help="suggestions from `textcode code --out`"
    )
    parser.add_argument("--ledger", metavar="FILE", required=True, help="the decision ledger")
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        default=os.environ.get("TEXTCODE_REVIEWER"),
        help="your name, recorded with every decision (default: $TEXTCODE_REVIEWER)",
    )
    answers = parser.add_argument_group("answer texts (to show full answers)")
    answers.add_argument("--answers", metavar="INPUT", help="the answers file that was coded")
    answers.add_argument("--id-column", metavar="COL", help="column with the respondent id")
    answers.add_argument(
        "--text-column", metavar="COL", action="append", help="an open-question column (wide)"
    )
    answers.add_argument("--question-column", metavar="COL", help="question column (long input)")
    answers.add_argument("--sheet", metavar="NAME", help="Excel sheet to read")
    add_codebook_option(parser)
    from textcode.review.queue import ORDERS

    queue = parser.add_argument_group("the queue")
    queue.add_argument(
        "--order",
        choices=ORDERS,
        default="uncertain",
        help="least certain first (default), by code, answer by answer, or informative: the "
        "answers whose review teaches the learned suggester most first (it learns from the "
        "ledger when --answers gives the texts)",
    )
    queue.add_argument("--question", metavar="Q", help="only this question")
    queue.add_argument("--code", metavar="CODE", help="only this code")
    actions = parser.add_argument_group("actions (several may be combined; --next shows last)")
    actions.add_argument("--next", action="store_true", help="show the next open suggestion")
    actions.add_argument("--accept", metavar="ID", nargs="+", default=[], help="accept these")
    actions.add_argument("--reject", metavar="ID", nargs="+", default=[], help="reject these")
    actions.add_argument(
        "--add",
        metavar="RESPONSE_ID:CODE",
        action="append",
        default=[],
        help="add a code the machine missed (repeatable)",
    )
    actions.add_argument(
        "--accept-rule", metavar="RULE", help="accept every open suggestion of a rule"
    )
    actions.add_argument(
        "--reject-rule", metavar="RULE", help="reject every open suggestion of a rule"
    )
    actions.add_argument(
        "--note", metavar=("ID", "TEXT"), nargs=2, help="a comment on a suggestion or response"
    )
    actions.add_argument(
        "--undo", action="store_true", help="take back your latest call (all its decisions)"
    )
    actions.add_argument("--state", action="store_true", help="print your decisions per unit")
    actions.add_argument(
        "--rule-health",
        action="store_true",
        help="precision per rule from the ledger, and proposed exclusions",
    )
    actions.add_argument(
        "--interactive", "-i", action="store_true", help="review in the terminal, key by key"
    )
    serve = parser.add_argument_group("the review desk in the browser")
    serve.add_argument(
        "--serve",
        action="store_true",
        help="serve the review desk on this computer and print its URL (with a token)",
    )
    serve.add_argument(
        "--port", metavar="N", type=int, default=None, help="port (default 8765; 0: any free)"
    )
    serve.add_argument(
        "--host",
        metavar="ADDRESS",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    serve.add_argument("--gold", metavar="FILE", help="a gold file to show agreement with")
    actions.add_argument(
        "--repair-ledger",
        action="store_true",
        help="move bad lines aside: a torn last line (an interrupted write), or lines a hand "
        "edit broke (bad JSON or fields, a time that is not one, a retraction of nothing)",
    )
    parser.add_argument("--comment", metavar="TEXT", default="", help="comment for decisions")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--no-redact", action="store_true", help="show answers with personal data (not redacted)"
    )
    add_quiet(parser)


def open_session(args: argparse.Namespace) -> ReviewSession:
    from textcode.review.session import ReviewSession

    answers = None
    if args.answers:
        from textcode.cli.options import read_answers_from_args

        answers = read_answers_from_args(
            argparse.Namespace(**{**vars(args), "input": args.answers})
        )
    codebook: object = None
    if args.codebook:
        from textcode.cli.options import codebook_from_args

        codebook = codebook_from_args(args)
    return ReviewSession(
        args.suggestions,
        args.ledger,
        args.reviewer,
        answers=answers,
        codebook=codebook,  # type: ignore[arg-type]
        order=args.order,
        question=args.question,
        code=args.code,
        redact=not args.no_redact,
        language=args.language,
    )


def _split_add(value: str) -> tuple[str, str]:
    response_id, sep, code = value.rpartition(":")
    if not sep or not response_id or not code:
        raise UsageError(f"--add takes RESPONSE_ID:CODE, not {value!r}")
    return response_id, code


def run(args: argparse.Namespace) -> int:
    from textcode.review.decisions import UNCHANGED, Decisions
    from textcode.review.ledger import Ledger

    if args.repair_ledger:
        ledger = Ledger(args.ledger)
        problems = ledger.problems()
        aside = ledger.repair()
        lines = [p.line for p in problems]
        torn = aside is not None and ".torn-" in aside.name
        if aside is None:
            message = "the ledger is intact"
        elif torn:
            message = f"moved a torn last line to {aside}"
        else:
            message = f"moved {len(lines)} bad line(s) ({', '.join(map(str, lines))}) to {aside}"
        if args.json:
            message = json.dumps(
                {
                    "torn_line_moved_to": str(aside) if torn else None,
                    "bad_lines_moved_to": str(aside) if aside and not torn else None,
                    "lines": lines,
                    "problems": [p.reason for p in problems],
                },
                ensure_ascii=False,
            )
        print(message)
        return 0
    if not args.reviewer:
        raise UsageError("name yourself with --reviewer NAME (or set TEXTCODE_REVIEWER)")
    adds = tuple(_split_add(value) for value in args.add)
    session = open_session(args)
    if args.serve:
        return _serve(args, session)
    recorded = session.decide(
        Decisions(
            accept=tuple(args.accept),
            reject=tuple(args.reject),
            add=adds,
            accept_rule=args.accept_rule,
            reject_rule=args.reject_rule,
            note=(args.note[0], args.note[1]) if args.note else None,
            question=args.question,
            comment=args.comment,
        )
    )
    out: dict[str, object] = {}
    decisions = list(recorded.entries)
    unchanged = [o for o in recorded.outcomes if o.status == UNCHANGED]
    rule_counts = recorded.rules
    for option, rule, count in rule_counts:
        # A rule whose suggestions are all decided already is done, not a usage mistake.
        out[option] = {"rule": rule, "count": count}
        if count == 0 and not args.json:
            print(f"rule {rule}: 0 suggestions were left to decide")
    if args.undo:
        undone = session.undo_action()
        out["undone"] = session.shown_entry(undone[-1]) if undone else None
        out["undone_entries"] = [session.shown_entry(entry) for entry in undone]
        if not args.json:
            last = undone[-1] if undone else None
            more = f" (and {len(undone) - 1} more of the same call)" if len(undone) > 1 else ""
            print(
                f"undid {last.decision} of {last.code} for {last.response_id}{more}"
                if last
                else "nothing to undo"
            )
    acted = bool(recorded.outcomes or rule_counts) or args.undo
    if decisions:
        out["recorded"] = [session.shown_entry(entry) for entry in decisions]
        if not args.json:
            counts: dict[str, int] = {}
            for entry in decisions:
                counts[entry.decision] = counts.get(entry.decision, 0) + 1
            summary = ", ".join(f"{n} {d}" for d, n in counts.items())
            print(f"recorded {summary} by {session.reviewer} in {args.ledger}")
    if unchanged:
        # A repeated call writes nothing twice: say what was on record already.
        out["unchanged"] = [o.to_dict() for o in unchanged]
        if not args.json:
            print(f"already on record, not written again: {len(unchanged)} decision(s)")
    if args.state:
        acted = True
        if args.json:
            state = session.state()
            out["state"] = json.loads(state.to_json(orient="records", force_ascii=False))
        else:
            from textcode.io.delimited import records_csv
            from textcode.review.session import STATE_FIELDS

            # (the table's CSV, written without making the table: no pandas to import)
            sys.stdout.write(records_csv(session.state_rows(), STATE_FIELDS))
    if args.rule_health:
        acted = True
        _rule_health(args, session, out)
    if args.next:
        acted = True
        item = session.next()
        if args.json:
            out["next"] = item.to_dict() if item else None
            out["progress"] = session.progress()
        elif item is None and not session.progress()["total"]:
            narrowed = " that fit --question and --code" if args.question or args.code else ""
            print(f"No suggestions{narrowed} to review in {args.suggestions}.")
        elif item is None:
            print("Everything is decided.")
        else:
            from textcode.review.render import render_item

            print(render_item(item, color=sys.stdout.isatty()))
    if args.interactive or not acted:
        if not args.interactive and not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "nothing to do: give --next, --accept, --reject, --add, ... or run on a "
                "terminal (or with --interactive) for the interactive review"
            )
        from textcode.review.interactive import run_interactive, terminal_key_reader

        def write(text: str) -> None:
            sys.stdout.write(text)
            sys.stdout.flush()

        run_interactive(
            session,
            read_key=terminal_key_reader(),
            write=write,
            color=sys.stdout.isatty(),
        )
        return 0
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def _rule_health(args: argparse.Namespace, session: ReviewSession, out: dict[str, object]) -> None:
    from textcode.review.rulehealth import rule_health

    health = rule_health(
        session.ledger,
        texts=session.texts,
        codebook=session.codebook,
        redact=session.redact,
        language=session.language,
    )
    if args.json:
        out["rule_health"] = health.to_dict()
    else:
        print(health.to_text())


def _serve(args: argparse.Namespace, session: ReviewSession) -> int:
    from textcode.desk import Desk
    from textcode.desk.web import DEFAULT_PORT, serve

    port = DEFAULT_PORT if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise UsageError(f"--port takes 0-65535, not {port}")

    def announce(url: str) -> None:
        print(f"The review desk of {session.reviewer} is at {url}", flush=True)
        print("Open it in your browser; stop the server with Ctrl+C.", flush=True)

    serve(Desk(session, gold=args.gold), host=args.host, port=port, announce=announce)
    return 0
