"""textcode's own text formats (gold files, codebooks, patches) read hostile bytes safely.

One reader (:func:`textcode.parsing.read_utf8`, :func:`textcode.parsing.json_lines`) behind
every command: bytes that are not UTF-8 are one line naming the file and line (exit 2), a
lone ``\\ud800`` escape becomes U+FFFD with a warning, and U+2028 or U+0085 inside a text
does not split its line. Each case runs under the hostile harness's time and memory limits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile.harness import run_limited

from textcode.cli import main
from textcode.coding.gold import read_gold
from textcode.errors import InputError
from textcode.io.cells import LoneSurrogateWarning

DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "dev_gold_nl.jsonl"
CODEBOOK = DATA / "review" / "codebook_review_nl.yaml"


def _cli(argv: list[str]) -> tuple[int, str]:
    """Exit status and stderr of ``textcode ARGV``, run in a limited child."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    return status, err.getvalue()


def _gold_lines(n: int = 3) -> list[bytes]:
    return GOLD.read_bytes().splitlines()[:n]


def _gold_error(path: Path) -> tuple[str, int | None]:
    try:
        read_gold(path)
    except InputError as exc:
        return str(exc), exc.line
    return "", None


def test_gold_bytes_that_are_not_utf8_name_the_file_and_line(tmp_path: Path) -> None:
    lines = _gold_lines()
    lines[1] = lines[1].replace(b"Vermogen", b"Verm\xffogen")
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    message, line = run_limited(_gold_error, path)
    assert line == 2 and message == f"{path}, line 2: the gold file is not UTF-8 text"


def test_a_lone_surrogate_in_gold_becomes_a_replacement_character(tmp_path: Path) -> None:
    lines = _gold_lines()
    lines[1] = lines[1].replace(b"Vermogen", b"Verm\\ud800ogen")
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.warns(LoneSurrogateWarning, match=r"gold.jsonl: 1 .* \(line 2\)"):
        table = read_gold(path)
    assert table["text"].iloc[1].startswith("Verm\ufffdogen om van innovatie")
    table.to_json(tmp_path / "terug.jsonl", orient="records", lines=True)  # encodes now


def test_a_gold_line_with_its_codes_twice_is_refused(tmp_path: Path) -> None:
    # {"codes": [...], "codes": [...]} kept only the second list: a hand-coded code lost.
    lines = _gold_lines()
    record = json.loads(lines[1])
    lines[1] = (json.dumps(record, ensure_ascii=False)[:-1] + ', "codes": []}').encode()
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    message, line = run_limited(_gold_error, path)
    assert line == 2 and 'key "codes" twice' in message, message


def test_a_gold_file_that_cannot_score_anything_is_refused(tmp_path: Path) -> None:
    """An empty gold file gave F1 1.000 on 0 answers; an answer coded twice kept its second
    codes only; an id or text that is a list became its Python spelling."""
    records = [json.loads(line) for line in _gold_lines()]
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"")
    assert run_limited(_gold_error, path) == (f"{path}, line 1: the gold file holds no answers", 1)
    status, err = run_limited(_cli, ["evaluate", str(path), "--codebook", str(CODEBOOK)])
    assert status == 2 and "holds no answers" in err and err.count("\n") == 1

    def written(*changed: dict[str, object]) -> tuple[str, int | None]:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed), "utf-8")
        return run_limited(_gold_error, path)

    again = {**records[0], "codes": []}  # the same answer, its codes other
    message, line = written(records[0], records[1], again)
    assert line == 3 and "twice (first on line 1)" in message and "'id'" in message
    message, line = written(records[0], {**records[1], "id": [records[1]["id"]]})
    assert line == 2 and "field 'id': must be text, not a list" in message
    message, line = written({**records[0], "text": ["Kennis", "innovatie"]})
    assert line == 1 and "field 'text': must be text, not a list" in message
    assert len(run_limited(read_gold, GOLD)) == 50  # the dev set, whole


def test_a_line_separator_inside_a_gold_text_does_not_split_its_line(tmp_path: Path) -> None:
    records = [json.loads(line) for line in _gold_lines()]
    records[1]["text"] = records[1]["text"].replace(" om ", "\u2028om\u0085")
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    table = run_limited(read_gold, path)
    assert len(table) == 3
    expected = "Vermogen\u2028om\u0085van innovatie naar implementatie te komen."
    assert table["text"].iloc[1] == expected


def test_codebook_bytes_that_are_not_utf8_name_the_file_and_line(tmp_path: Path) -> None:
    data = CODEBOOK.read_bytes().replace(b"label: Juridische kennis", b"label: Juridische \xe9")
    line = data[: data.index(b"\xe9")].count(b"\n") + 1
    path = tmp_path / "codeboek.yaml"
    path.write_bytes(data)
    status, err = run_limited(_cli, ["codebook", "check", str(path)])
    assert status == 2 and err.count("\n") == 1, err
    assert f"{path}, line {line}: the codebook is not UTF-8 text" in err


def test_a_patch_that_is_not_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "patch.yaml"
    path.write_bytes(b"textcode_patch: 2\nnew_codes:\n  - label: Kennis \xff\n")
    out = tmp_path / "nieuw.yaml"
    status, err = run_limited(
        _cli, ["codebook", "apply-patch", str(CODEBOOK), str(path), "--out", str(out)]
    )
    assert status == 2 and err.count("\n") == 1, err
    assert f"{path}, line 3: the patch is not UTF-8 text" in err and not out.exists()
