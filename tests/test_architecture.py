"""The shape of the package: no import cycle between packages, language data behind one door.

These read the source (every ``import`` statement, also inside functions and under
``TYPE_CHECKING``), so they hold whatever a test run happens to import.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "textcode"


@cache
def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return found


def _imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("textcode.")}


def _unit(module: str) -> str:
    """The package a module belongs to (``textcode.coding``), or the top-level module itself
    (``textcode.errors``)."""
    return ".".join(module.split(".")[:2])


@cache
def _package_graph() -> dict[str, dict[str, list[str]]]:
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for module, tree in _modules().items():
        if module == "textcode":  # the facade names everything, lazily
            continue
        source = _unit(module)
        for imported in _imports(tree):
            target = _unit(imported)
            if target != source:
                graph[source][target].append(module)
    return graph


def _cycle(graph: dict[str, dict[str, list[str]]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_packages() -> None:
    graph = _package_graph()
    assert "textcode.coding" in graph["textcode.report"]  # the walk sees real edges
    cycle = _cycle(graph)
    if cycle:
        edges = [f"{a} -> {b} (in {', '.join(graph[a][b])})" for a, b in pairwise(cycle)]
        raise AssertionError("import cycle: " + "; ".join(edges))


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b": ["a.x"]}, "b": {"c": ["b.y"]}, "c": {"a": ["c.z"]}}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b": ["a.x"]}}) is None


def test_lower_layers_depend_on_nothing_downstream() -> None:
    graph = _package_graph()
    downstream = {
        "textcode.coding",
        "textcode.analysis",
        "textcode.report",
        "textcode.review",
        "textcode.themes",
        "textcode.interop",
        "textcode.cli",
    }
    for lower in ("textcode.ingest", "textcode.nlp", "textcode.privacy", "textcode.codebook"):
        assert not set(graph.get(lower, {})) & downstream, (lower, dict(graph.get(lower, {})))


def test_language_folders_are_reached_only_through_the_registry() -> None:
    """Only ``textcode.lang`` imports a language's modules; the engine asks get_language."""
    for module, tree in _modules().items():
        if module.startswith("textcode.lang"):
            continue
        for imported in _imports(tree):
            parts = imported.split(".")
            assert not (len(parts) > 2 and parts[1] == "lang" and parts[2] in ("nl", "en")), (
                f"{module} imports {imported}"
            )
        for node in ast.walk(tree):  # importlib.import_module(f"textcode.lang.{code}...")
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    part.value
                    for part in node.values
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                )
                assert not text.startswith("textcode.lang."), f"{module} looks up {text}..."


def test_the_longest_modules_scheduled_first_exist() -> None:
    """``conftest.LONGEST_FIRST`` names test modules that are there (a renamed one would
    silently lose its early start)."""
    from conftest import LONGEST_FIRST, TESTS

    assert [name for name in LONGEST_FIRST if not (TESTS / name).is_file()] == []
