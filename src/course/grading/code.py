"""The code cells of a generated graded notebook: written by :mod:`course.grading.generate`, read
back (never executed) by the status report and the cohort report from the gradebook's copy.

A graded notebook has three kinds of generated code cell::

    graded.start({"assignment": ..., "pools": {...}, "slots": [...]})  # set-up: the PaperSpec
    graded.ask("<pool>_1")                                             # one per slot
    graded.recorded("<pool>_1")                                        # one per slot: the grade
    ### BEGIN HIDDEN TESTS                                             # cell, whose hidden part
    KEYS = {"<question>": {"answer": ..., "explanation": ...}, ...}    # holds the keys of the
    graded.grade("<pool>_1", KEYS)                                     # slot's pool
    ### END HIDDEN TESTS

Both literals are plain Python literals (``ast.literal_eval``), laid out as ``ruff format``
lays them out so that the committed notebooks pass the project's format check unchanged.
"""

from __future__ import annotations

import ast
import json
import unicodedata
from typing import Any

from course.grading.papers import PaperSpec

MODULE = "graded"
IMPORT = f"from course.grading import notebook as {MODULE}"
BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
#: nbgrader's mark scheme delimiters (``ClearMarkScheme`` finds them anywhere in a line) as
#: Markdown comments: formgrader renders the scheme without them as headings.
BEGIN_MARK_SCHEME, END_MARK_SCHEME = "<!-- BEGIN MARK SCHEME -->", "<!-- END MARK SCHEME -->"
KEYS_NAME = "KEYS"
#: The project's line length (pyproject.toml, [tool.ruff]).
WIDTH = 100
INDENT = "    "


# -- a literal as ruff format writes it -------------------------------------------------------------
def _width(text: str) -> int:
    """Columns ``text`` takes: wide (East Asian) characters count two, as ruff counts them."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _string(text: str) -> str:
    if '"' in text and "'" not in text:
        return repr(text)  # single quotes: what ruff keeps when it saves escapes
    return json.dumps(text, ensure_ascii=False)


class _Name(str):
    """A bare name in a generated call (not a string literal)."""


def _flat(value: Any) -> str:
    """``value`` on one line."""
    if isinstance(value, _Name):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    raise TypeError(f"not a literal of the graded notebooks: {type(value).__name__}")


def literal(value: Any, indent: str = "", head: str = "", tail: str = "") -> str:
    """``head + value + tail`` as ruff format lays it out at ``indent``: on one line if it fits
    in :data:`WIDTH` columns, else one item per line (with a trailing comma), recursively.
    Returns the lines joined, without the first line's indent."""
    flat = _flat(value)
    if _width(indent + head + flat + tail) <= WIDTH or not isinstance(value, dict | list | tuple):
        return head + flat + tail
    inner = indent + INDENT
    if isinstance(value, dict):
        items = [literal(v, inner, f"{_flat(k)}: ", ",") for k, v in value.items()]
        opening, closing = "{", "}"
    else:
        items = [literal(v, inner, "", ",") for v in value]
        opening, closing = "[", "]"
    body = "".join(f"\n{inner}{item}" for item in items)
    return f"{head}{opening}{body}\n{indent}{closing}{tail}"


def _call(function: str, *args: Any) -> str:
    """``graded.<function>(args)`` as ruff format writes it."""
    line = f"{MODULE}.{function}(" + ", ".join(_flat(a) for a in args) + ")"
    if _width(line) <= WIDTH:
        return line
    inner = "".join(f"\n{INDENT}{literal(a, INDENT, '', ',')}" for a in args)
    if len(args) == 1:  # a sole argument gets no magic trailing comma
        inner = inner[:-1]
    return f"{MODULE}.{function}({inner}\n)"


# -- writing --------------------------------------------------------------------------------------
def setup_source(paper: PaperSpec) -> str:
    """The set-up cell: the import and ``graded.start(<the paper without keys>)``."""
    return f"{IMPORT}\n\n{_call('start', paper_literal(paper))}"


def paper_literal(paper: PaperSpec) -> dict[str, Any]:
    """The literal ``graded.start`` receives: questions without their pool's section."""
    data = paper.model_dump(mode="json", exclude_defaults=True)
    for pool in data["pools"].values():
        pool["questions"] = [
            {k: v for k, v in q.items() if k != "section"} for q in pool["questions"]
        ]
    return data


def ask_source(slot: str) -> str:
    return _call("ask", slot)


def test_source(slot: str, keys: dict[str, dict[str, Any]]) -> str:
    """The grade cell of ``slot``: what a trainee sees (``recorded``) and the hidden test with
    the keys of the slot's pool."""
    assignment = literal(keys, "", f"{KEYS_NAME} = ")
    grade = _call("grade", slot, _Name(KEYS_NAME))
    return "\n".join([_call("recorded", slot), BEGIN, assignment, grade, END])


# -- reading --------------------------------------------------------------------------------------
def _calls(source: str, function: str) -> list[ast.Call]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == function
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == MODULE
    ]


def read_paper(source: str) -> PaperSpec | None:
    """The :class:`PaperSpec` of a set-up cell's source, None if the cell has no
    ``graded.start({...})``. Raises ValueError (pydantic's ValidationError is one) when the
    literal is there but malformed."""
    calls = _calls(source, "start")
    if not calls or not calls[0].args:
        return None
    return PaperSpec.model_validate(ast.literal_eval(calls[0].args[0]))


def hidden_regions(source: str) -> list[str]:
    """The text between each BEGIN/END HIDDEN TESTS pair of a cell's source."""
    regions, current = [], None
    for line in source.splitlines():
        if BEGIN in line:
            current = []
        elif END in line and current is not None:
            regions.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return regions


def read_keys(source: str) -> tuple[str, dict[str, dict[str, Any]]] | None:
    """``(slot id, keys)`` of a grade cell's hidden test; None if it has none (a cell graded by
    hand, or the released copy). Raises ValueError for a hidden test of another shape."""
    for region in hidden_regions(source):
        tree = ast.parse(region)
        keys = None
        for node in tree.body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [
                KEYS_NAME
            ]:
                keys = ast.literal_eval(node.value)
        calls = _calls(region, "grade")
        if keys is None or not calls or not calls[0].args:
            raise ValueError("a hidden test without KEYS = {...} and graded.grade(slot, KEYS)")
        return ast.literal_eval(calls[0].args[0]), keys
    return None


def read_cells(sources: dict[str, str]) -> tuple[PaperSpec | None, dict[str, dict[str, Any]]]:
    """The paper and the keys of one notebook, from its cells' sources by name (the gradebook's
    copy or a source notebook): ``(PaperSpec or None, {slot id: keys})``. A notebook without a
    ``graded.start`` cell (not a generated graded quiz) gives ``(None, {})``. Raises ValueError
    for a generated cell whose literal is malformed."""
    paper, keys = None, {}
    for source in sources.values():
        found = read_paper(source)
        if found is not None:
            paper = found
        hidden = read_keys(source)
        if hidden is not None:
            keys[hidden[0]] = hidden[1]
    return paper, keys
