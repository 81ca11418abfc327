"""The package's layering: no import cycle in ``src/course``, between modules or between
subpackages, read from the source. Between subpackages every import counts (top-level, inside a
function, and under ``TYPE_CHECKING``, since each is a dependency a maintainer has to keep in
mind). Between modules, imports made only for type annotations (under ``TYPE_CHECKING``) do not:
a question type annotates the ``Question`` it is given, and the ``Question`` finds its type, yet
neither import runs in a circle.

Layers, bottom up (each may import only those below it): ``course.answers`` (the answer files),
then the quiz engine, then grading, then answers portability (backup, restore, ingest)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "course"


def modules(src: Path = SRC) -> dict[str, Path]:
    """Every module of the package: dotted name -> file (a package is its ``__init__.py``)."""
    found = {}
    for path in sorted((src / ROOT).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _absolute(name: str, node: ast.ImportFrom, known: dict[str, Path]) -> str:
    """The absolute module an ``ImportFrom`` in module ``name`` names."""
    if not node.level:
        return node.module or ""
    base = name.split(".")
    package = base if known[name].name == "__init__.py" else base[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _typing_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    out = set()
    for node in ast.walk(tree):
        test = getattr(node, "test", None)
        if isinstance(node, ast.If) and ast.unparse(test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            out |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return out


def imports(name: str, path: Path, known: dict[str, Path], typing: bool = True) -> set[str]:
    """The modules of the package that module ``name`` imports (``from a import b`` counts as
    importing ``a.b`` when that is a module, else ``a``); without ``typing``, imports made only
    for annotations are left out."""
    out = set()
    tree = ast.parse(path.read_text("utf-8"), str(path))
    skip = set() if typing else _typing_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, node, known)
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import course.quiz.model as m`: the module
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def graph(src: Path = SRC, typing: bool = True) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (``typing``: see :func:`imports`)."""
    known = modules(src)
    return {name: imports(name, path, known, typing) for name, path in known.items()}


def unit(module: str) -> str:
    """The top-level part of the package a module belongs to: ``course.quiz.model`` ->
    ``course.quiz``, ``course.kb`` -> ``course.kb``, ``course`` -> ``course``."""
    return ".".join(module.split(".")[:2])


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(edges.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_reader_sees_every_kind_of_import(tmp_path):
    """The reader itself, on a small package: relative, absolute, aliased, lazy and type-only
    imports all become edges; a cycle through them is found."""
    files = {
        "__init__.py": "",
        "low/__init__.py": "from .model import Thing\n",
        "low/model.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from course.high.view import View\n",
        "high/__init__.py": "",
        "high/view.py": "import course.low.model as m\nfrom course import low\n"
        "def later():\n    from ..top import main\n",
        "top.py": "from course.high import view\n",
    }
    for name, text in files.items():
        (tmp_path / ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / ROOT / name).write_text(text)
    edges = graph(tmp_path)
    assert edges["course.low"] == {"course.low.model"}
    assert edges["course.low.model"] == {"course.high.view"}
    assert edges["course.high.view"] == {"course.low.model", "course.low", "course.top"}
    assert edges["course.top"] == {"course.high.view"}
    assert cycles(edges) == [["course.high.view", "course.low", "course.low.model", "course.top"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert graph(tmp_path, typing=False)["course.low.model"] == set()
    assert cycles(graph(tmp_path, typing=False)) == [["course.high.view", "course.top"]]


def test_no_import_cycle_between_modules():
    found = cycles(graph(typing=False))
    assert not found, "import cycles between modules: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_import_cycle_between_subpackages():
    units: dict[str, set[str]] = {}
    for source, targets in graph().items():
        units.setdefault(unit(source), set()).update(
            unit(t) for t in targets if unit(t) != unit(source)
        )
    found = cycles(units)
    assert not found, "import cycles between parts: " + "; ".join(" <-> ".join(c) for c in found)


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("course.answers", "course.quiz"),
        ("course.answers", "course.grading"),
        ("course.answers", "course.portability"),
        ("course.quiz", "course.grading"),
        ("course.quiz", "course.portability"),
        ("course.grading", "course.portability"),
    ],
)
def test_layers_import_only_downwards(low, high):
    offending = sorted(
        f"{source} -> {target}"
        for source, targets in graph().items()
        if unit(source) == low
        for target in targets
        if unit(target) == high
    )
    assert not offending, f"{low} must not import {high}: {offending}"


def test_the_answers_layer_imports_nothing_else_of_the_course():
    offending = sorted(
        f"{source} -> {target}"
        for source, targets in graph().items()
        if unit(source) == "course.answers"
        for target in targets
        if unit(target) != "course.answers"
    )
    assert not offending, offending
