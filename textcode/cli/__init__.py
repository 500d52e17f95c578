"""The ``textcode`` command line: thin argument parsing over the library's modules.

Each subcommand lives in its own module under ``textcode.cli`` with a ``HELP`` line, a
``configure(parser)`` that declares its options and a ``run(args) -> int``. Modules import their
heavy dependencies inside ``run`` so that ``textcode --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn, TextIO

from textcode import __version__
from textcode.cli.options import resolve_sample
from textcode.cli.stopping import Stopped, stop_on_signals
from textcode.errors import InputError, Notice, TextcodeError, UsageError

# Subcommand name -> module. Order is the order of ``textcode --help``: the data flow.
COMMANDS: dict[str, str] = {
    "code": "textcode.cli.code",
    "evaluate": "textcode.cli.evaluate",
    "codebook": "textcode.cli.codebook",
    "report": "textcode.cli.report",
    "kwic": "textcode.cli.kwic",
    "themes": "textcode.cli.themes",
    "review": "textcode.cli.review",
    "agreement": "textcode.cli.agreement",
    "mcp": "textcode.cli.mcp",
    "export": "textcode.cli.export",
    "import": "textcode.cli.import_",
    "redact": "textcode.cli.redact",
}

EPILOG = """examples:
  textcode code antwoorden.csv --text-column kennisbehoefte --out suggesties.jsonl
  textcode codebook check crisis_innovation_nl.yaml
  textcode evaluate gold.jsonl
  textcode report --sample ifv2020 --out rapport
"""


def _load_command(module_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), as every other error."""

    def error(self, message: str) -> NoReturn:
        _error_line(f"{message} (see '{self.prog} --help')")
        sys.exit(2)


class _Version(argparse.Action):
    """``--version``: the version, and which matching core runs (compiled or pure Python)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from textcode.coding.core import core_status

        print(f"textcode {__version__}\n{core_status()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every available subcommand."""
    parser = _Parser(
        prog="textcode",
        description="Code, count and explain the open answers of (Dutch) surveys.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show the version and matching core, and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        module = _load_command(module_name)
        if module is None:
            continue
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=getattr(module, "EPILOG", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 input or usage error, 1 other)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    # Warnings print as one line while the command runs; a caller's own display (a notebook,
    # a test, a server thread) is restored when it returns.
    with warnings.catch_warnings():
        warnings.showwarning = _warning_line
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    """One parsed command; errors the user can fix become one line and exit status 2."""
    try:
        with stop_on_signals():
            resolve_sample(args)
            _refuse_overwriting_input(args)
            return int(args._run(args) or 0)
    except InputError as exc:
        _error_line(str(_with_input_path(exc, args)))
        return 2
    except UsageError as exc:
        _error_line(str(exc))
        return 2
    except (
        FileNotFoundError,
        NotADirectoryError,
        IsADirectoryError,
        FileExistsError,
        PermissionError,
    ) as exc:
        # Output paths that cannot be written: the user's to fix, as with bad input.
        where = exc.filename if exc.filename is not None else "output"
        _error_line(f"{where}: {exc.strerror or exc}")
        return 2
    except BrokenPipeError:
        # A consumer such as `head` closed stdout; that is not an error of ours.
        sys.stderr.close()
        return 0
    except Stopped as exc:
        _error_line(f"stopped by {exc.name}")
        return 128 + exc.signum
    except KeyboardInterrupt:
        _error_line("interrupted")
        return 130
    except TextcodeError as exc:
        _error_line(str(exc))
        return 1


# The options that name files a command reads, and those it writes (a file or a folder).
_INPUT_OPTIONS = (
    ("input", "INPUT"),
    ("file", "FILE"),
    ("path", "the codebook"),
    ("patch", "PATCH"),
    ("suggestions", "the suggestions"),
    ("gold", "the gold file"),
    ("ledger", "--ledger"),
    ("answers", "--answers"),
    ("codebook", "--codebook"),
    ("sidecar", "--sidecar"),
    ("learn_from", "--learn-from"),
)
_OUTPUT_OPTIONS = (("out", "--out"), ("log", "--log"), ("to_codebook", "--to-codebook"))


def _refuse_overwriting_input(args: argparse.Namespace) -> None:
    """Input files are only ever read: an output naming one of them (``--out`` the input,
    ``--log`` the answers, ``--out`` the patch) is refused, as are two outputs on one file."""

    def named(options: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
        found = []
        for dest, name in options:
            value = getattr(args, dest, None)
            for path in value if isinstance(value, list) else [value]:
                if isinstance(path, str) and path not in ("", "-"):
                    found.append((path, name))
        return found

    outputs = named(_OUTPUT_OPTIONS)
    for at, (out, out_name) in enumerate(outputs):
        for path, name in [*named(_INPUT_OPTIONS), *outputs[at + 1 :]]:
            try:
                same = os.path.samefile(path, out)
            except OSError:
                same = os.path.abspath(path) == os.path.abspath(out)
            if not same:
                continue
            if (path, name) in outputs:
                raise UsageError(f"{out}: {out_name} and {name} name one file; give each its own")
            what = "the input file" if name == "INPUT" else f"an input file ({name})"
            raise UsageError(f"{out}: {out_name} is {what}; textcode never writes over its input")


def _with_input_path(error: InputError, args: argparse.Namespace) -> InputError:
    """The error naming INPUT when it names no file (a problem found after reading)."""
    source = getattr(args, "input", None)
    if error.path is not None or not isinstance(source, str) or source == "-":
        return error
    return InputError(error.reason, path=source, row=error.row, line=error.line, field=error.field)


def _warning_line(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    one_line = " ".join(str(message).split())
    kind = "" if issubclass(category, Notice) else "warning: "
    print(f"textcode: {kind}{one_line}", file=sys.stderr)


def _error_line(message: str) -> None:
    one_line = " ".join(message.split())
    with contextlib.suppress(OSError, ValueError):  # a closed terminal (SIGHUP) takes stderr
        print(f"textcode: error: {one_line}", file=sys.stderr)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
