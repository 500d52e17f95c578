"""JSON Lines read a block of lines at a time: a rare line deep in a long file (a key twice,
nesting too deep, a lone surrogate, a blank line) is found as when each line was tested alone."""

from __future__ import annotations

import json
import warnings

import pytest

from textcode.errors import InputError
from textcode.ingest.readers import JsonlRecords
from textcode.io.cells import LoneSurrogateWarning

ANSWERS = (
    "Meer geld voor de zorg en het onderwijs",
    "Betere bereikbaarheid van het ziekenhuis",
    "Geen idee",
)


def _lines(n: int = 2500) -> list[str]:
    return [
        json.dumps({"id": f"r{i}", "tekst": ANSWERS[i % 3]}, ensure_ascii=False) + "\n"
        for i in range(1, n + 1)
    ]


def _read(lines: list[str]) -> tuple[list[tuple[int, dict[str, str]]], int]:
    reader = JsonlRecords(lines, source="antwoorden.jsonl")
    return list(reader), reader.n_blank


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "r2100", "tekst": "Geen idee", "tekst": "Betere zorg"}\n',
        '{"id" : "r2100", "tekst" : "Geen idee", "tekst" : "Betere zorg"}\n',
        '{"id": "r2100",\t"tekst"\t: "Geen idee", "tekst": "Betere zorg"}\n',
    ],
)
def test_a_key_twice_late_in_a_long_file_is_refused_on_its_line(line: str) -> None:
    lines = _lines()
    lines[2099] = line
    with pytest.raises(InputError, match='key "tekst" twice') as caught:
        _read(lines)
    assert caught.value.line == 2100


def test_one_deep_line_among_shallow_ones_is_refused_and_a_nearly_deep_one_read() -> None:
    lines = _lines()
    lines[1499] = '{"id": "r1500", "tekst": "Te weinig", "extra": ' + "[" * 99 + "]" * 99 + "}\n"
    records, _ = _read(lines)
    assert records[1499][1]["tekst"] == "Te weinig"
    lines[1499] = lines[1499].replace("[", "[[", 1).replace("]", "]]", 1)
    with pytest.raises(InputError, match="deeper than 100") as caught:
        _read(lines)
    assert caught.value.line == 1500


def test_blank_lines_are_counted_and_later_lines_keep_their_numbers() -> None:
    lines = _lines()
    lines[1023] = "\n"
    lines[1024] = "   \n"
    records, blank = _read(lines)
    assert blank == 2
    assert len(records) == 2498
    assert records[1023] == (1026, {"id": "r1026", "tekst": ANSWERS[1026 % 3]})
    assert records[-1][0] == 2500


def test_a_lone_surrogate_in_the_second_block_is_replaced_and_named() -> None:
    lines = _lines()
    lines[1999] = '{"id": "r2000", "tekst": "Zorg \\ud800 dichtbij"}\n'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records, _ = _read(lines)
    assert records[1999][1]["tekst"] == "Zorg \ufffd dichtbij"
    (warning,) = [w for w in caught if issubclass(w.category, LoneSurrogateWarning)]
    assert "line 2000" in str(warning.message)


def test_lines_without_their_newline_read_alike() -> None:
    lines = _lines()
    stripped = [line[:-1] for line in lines]
    stripped[1200] = "geen json"
    with pytest.raises(InputError, match="not valid JSON") as caught:
        _read(stripped)
    assert caught.value.line == 1201
    assert _read([line[:-1] for line in lines]) == _read(lines)
