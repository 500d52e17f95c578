"""The README's and docs' examples run as written, in order, from a researcher's folder outside
the checkout, against the installed package.

Every fenced ``python`` block of a Markdown file runs in one namespace, in order, from a fresh
folder (:mod:`readme_folder`) that holds the files the examples name; a ``text`` block right
after a ``python`` or ``sh`` block is what it prints (doctest's ``...`` and white-space rules).
Every ``textcode`` line of an ``sh`` block runs too, and each ``--help`` example. A block that
cannot run here (a make target, a terminal) says so in a visible ``<!-- not run: reason -->``
comment right before it; the test lists those and keeps them few. A line that starts a server
(``--serve``, ``--scheduler``) is not run.
"""

from __future__ import annotations

import contextlib
import doctest
import fcntl
import hashlib
import inspect
import io
import json
import os
import re
import shlex
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cli_run import run_cli
from readme_folder import make_folder

import textcode.datasets
import textcode.report
from textcode.report.build import ReportResult

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
MAX_NOT_RUN = 8  # across README and docs: few, each with its reason
# A line with one of these starts a server that waits for clients (or needs one): not run.
SERVER_OPTIONS = ("--serve", "--scheduler")

FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>[\w-]*)[ ]*\n(?P<code>.*?)^(?P=indent)```", re.S | re.M
)
NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>[^>]*?)\s*-->\s*$")
CHECKER = doctest.OutputChecker()
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its language, code, and what it is said to print."""

    path: Path
    line: int
    lang: str
    code: str
    not_run: str | None = None
    output: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, in order, with their expected output attached."""
    text = path.read_text(encoding="utf-8")
    found: list[Block] = []
    previous_end = -1
    for match in FENCE.finditer(text):
        indent = len(match.group("indent"))
        code = "".join(line[indent:] + "\n" for line in match.group("code").splitlines())
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        reason = NOT_RUN.search(before)
        lang = match.group("lang")
        line = text.count("\n", 0, match.start()) + 1
        right_after = previous_end >= 0 and not text[previous_end : match.start()].strip()
        if lang == "text" and right_after and found and found[-1].lang in ("python", "sh"):
            last = found[-1]
            found[-1] = Block(last.path, last.line, last.lang, last.code, last.not_run, code)
        else:
            found.append(Block(path, line, lang, code, reason.group("reason") if reason else None))
        previous_end = match.end()
    return found


@dataclass(frozen=True)
class Command:
    """One command line; ``fails`` when its comment says it shows an error ("# error: ...")."""

    words: list[str]
    fails: bool = False


def commands(code: str) -> list[Command]:
    """The command lines of a shell block (continuations joined; "#" after a space or at the
    start of a line starts a comment, as in the shell, so "financiering#1" stays whole)."""
    joined = re.sub(r"\\\n\s*", " ", code)
    found = []
    for line in joined.splitlines():
        words = shlex.split(re.sub(r"(^|\s)#.*$", "", line))
        if words and not set(SERVER_OPTIONS) & set(words):
            found.append(Command(words, re.search(r"(^|\s)#\s*error\b", line) is not None))
    return found


def run_command(command: Command, folder: Path, where: str) -> str:
    """Run one ``textcode`` command line in ``folder``: ``cat FILE |`` feeds its stdin and
    ``> FILE`` writes its output there; a command said to fail must exit 2."""
    words, stdin = command.words, None
    if words[0] == "cat" and "|" in words:
        at = words.index("|")
        stdin = b"".join((folder / name).read_bytes() for name in words[1:at])
        words = words[at + 1 :]
    assert words[0] == "textcode", f"{where}: only textcode commands run here: {words}"
    if "|" in words:  # "| jq ...": the reader of textcode's output is not ours to run
        words = words[: words.index("|")]
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    ran = run_cli(*words[1:], cwd=folder, stdin=stdin)
    expected = 2 if command.fails else 0
    assert ran.returncode == expected, (
        f"{where}: {shlex.join(words)} exited {ran.returncode}: {ran.stderr}"
    )
    if target is not None:
        (folder / target).write_text(ran.stdout, encoding="utf-8")
    return ran.stdout


def check_output(block: Block, printed: str) -> None:
    if block.output is None:
        return
    assert CHECKER.check_output(block.output, printed, FLAGS), (
        f"{block.where}: printed\n{printed}\nbut the document shows\n{block.output}"
    )


def run_document(path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every runnable block of ``path``, in order, in one namespace, from ``folder``."""
    monkeypatch.chdir(folder)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for block in blocks(path):
        if block.not_run is not None:
            continue
        if block.lang == "python":
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    exec(compile(block.code, block.where, "exec"), namespace)
            except Exception:
                pytest.fail(f"{block.where} failed:\n{traceback.format_exc()}\n{block.code}")
            check_output(block, out.getvalue())
        elif block.lang == "sh":
            printed = "".join(run_command(c, folder, block.where) for c in commands(block.code))
            check_output(block, printed)


@pytest.fixture(autouse=True)
def sample_report_built_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The README, the docs and ``textcode report --help`` build the packaged sample's report
    four times with the same options (``--strict`` only changes the exit status, which the
    command decides from the report's summary; ``quiet`` only the progress shown): a dozen CPU
    seconds each. The first build in the session is real and kept (under a lock, in the folder
    the test workers share); a later one copies its folder to the new ``out`` and returns the
    same result there. textcode's promise that the same input gives the same bytes, which
    ``test_report_ifv2020`` checks, makes the copy what a second build would write.
    """
    real = textcode.report.build_report
    signature = inspect.signature(real)
    samples = Path(textcode.datasets.__file__).parent  # (holding links to samples/)
    root = tmp_path_factory.getbasetemp()
    shared = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "sample-reports"

    def build(source: Any, out: str | Path, **options: Any) -> ReportResult:
        if not isinstance(source, str | Path) or not Path(source).is_relative_to(samples):
            return real(source, out, **options)
        bound = signature.bind(str(source), out, **options)
        bound.apply_defaults()
        chosen = {k: v for k, v in bound.arguments.items() if k not in ("out", "quiet")}
        kept = shared / hashlib.sha256(repr(sorted(chosen.items())).encode()).hexdigest()[:16]
        kept.mkdir(parents=True, exist_ok=True)
        with (kept / "lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another worker building it: wait for it
            if not (kept / "result.json").exists():
                made = real(source, out, **options)
                shutil.copytree(made.folder, kept / "folder")
                (kept / "result.json").write_text(json.dumps(_portable(made)), "utf-8")
                return made
        target = Path(out)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(kept / "folder", target)
        found = json.loads((kept / "result.json").read_text("utf-8"))
        return ReportResult(
            folder=target,
            html=target / found["html"],
            workbook=target / found["workbook"],
            tables=tuple(target / t for t in found["tables"]),
            images=found["images"],
            insights=found["insights"],
            summary=found["summary"],
        )

    monkeypatch.setattr(textcode.report, "build_report", build)


def _portable(made: ReportResult) -> dict[str, Any]:
    """A report's result with its paths relative to its folder, as JSON values."""
    return {
        "html": made.html.relative_to(made.folder).as_posix(),
        "workbook": made.workbook.relative_to(made.folder).as_posix(),
        "tables": [t.relative_to(made.folder).as_posix() for t in made.tables],
        "images": made.images,
        "insights": made.insights,
        "summary": made.summary,
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The researcher's folder, made once; each test works in its own copy."""
    return make_folder(tmp_path_factory.mktemp("voorbeeld") / "onderzoek")


def fresh(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "onderzoek"))


@pytest.mark.parametrize("path", DOCS, ids=[str(p.relative_to(ROOT)) for p in DOCS])
def test_document_examples_run(
    path: Path, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_document(path, fresh(template, tmp_path), monkeypatch)


def test_blocks_that_do_not_run_are_few_and_say_why() -> None:
    skipped = [b for path in DOCS for b in blocks(path) if b.not_run is not None]
    assert len(skipped) <= MAX_NOT_RUN, [f"{b.where}: {b.not_run}" for b in skipped]
    assert all(len(b.not_run or "") >= 10 for b in skipped)


def help_examples() -> list[tuple[str, list[Command]]]:
    """Each command's ``--help`` examples (the ``textcode`` lines of its EPILOG), by command;
    only those that need a running server (``--scheduler tcp://...``) are left out."""
    from textcode.cli import COMMANDS, EPILOG, _load_command

    epilogs = {"textcode": EPILOG}
    for name, module_name in COMMANDS.items():
        epilogs[name] = getattr(_load_command(module_name), "EPILOG", None) or ""
    found = []
    for name, epilog in epilogs.items():
        lines = re.sub(r"\\\n\s*", " ", epilog.partition("examples:")[2]).splitlines()
        shown = "\n".join(line for line in lines if re.match(r"\s*(cat .*\| )?textcode ", line))
        found.append((name, commands(shown)))
    return found


@pytest.mark.parametrize("name,lines", help_examples(), ids=[n for n, _ in help_examples()])
def test_help_examples_run(name: str, lines: list[Command], template: Path, tmp_path: Path) -> None:
    folder = fresh(template, tmp_path)
    assert lines, f"textcode {name} --help shows no example"
    for command in lines:
        run_command(command, folder, f"textcode {name} --help")


def test_readme_opens_with_the_two_commands() -> None:
    first = next(b for b in blocks(README) if b.lang == "sh")
    assert [" ".join(c.words) for c in commands(first.code)][:2] == ["make demo", "make test"]


def test_quickstart_is_five_lines() -> None:
    quickstart = next(b for b in blocks(README) if b.lang == "python")
    assert len([line for line in quickstart.code.splitlines() if line.strip()]) <= 5


def test_the_parser_finds_outputs_and_reasons(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nprint('budget')\n```\n\n```text\nbudget\n```\n\n"
        "<!-- not run: needs a Dask scheduler -->\n```sh\ntextcode code x --engine dask\n```\n",
        encoding="utf-8",
    )
    found = blocks(page)
    assert [(b.lang, b.output, b.not_run) for b in found] == [
        ("python", "budget\n", None),
        ("sh", None, "needs a Dask scheduler"),
    ]
