"""What a lesson's cells hold, read without running them: the directive of a generated Markdown
cell, the practice and review calls and the diagrams of a code cell, the text a learner reads."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

#: The first line of a generated Markdown cell: ``<!-- course:KIND ARG ARG -->``.
DIRECTIVE = re.compile(r"\A<!-- course:([a-z_]+)((?: [^\s]+)*?) -->")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Directive:
    kind: str
    args: tuple[str, ...]

    @property
    def line(self) -> str:
        """The directive as the first line of its cell."""
        return "<!-- course:" + " ".join([self.kind, *self.args]) + " -->"


def directive(source: str) -> Directive | None:
    """The directive a Markdown cell starts with, or None for a hand-written cell."""
    match = DIRECTIVE.match(source)
    return Directive(match[1], tuple(match[2].split())) if match else None


@dataclass(frozen=True)
class Call:
    """A ``practice(*refs, section=...)`` or ``review(...)`` call of a lesson's code cell."""

    name: str  # "practice" or "review"
    refs: tuple[str, ...] = ()
    section: str | None = None


def _calls(source: str) -> list[ast.Call]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]


def practice_calls(source: str) -> list[Call]:
    """Every ``practice(...)`` and ``review(...)`` call in a code cell, in order."""
    out = []
    for node in sorted(_calls(source), key=lambda n: (n.lineno, n.col_offset)):
        if node.func.id not in ("practice", "review"):
            continue
        refs = tuple(a.value for a in node.args if isinstance(a, ast.Constant))
        section = next(
            (k.value.value for k in node.keywords if k.arg == "section"), None
        )  # a constant, as lessons write it
        out.append(Call(node.func.id, refs, section))
    return out


def code_kind(source: str) -> str | None:
    """What a code cell does, for its label: ``review``, ``practice``, ``diagram``, ``backup``,
    ``quizzes`` (the quiz centre), ``setup`` (imports only), or None (anything else: its author
    labels it)."""
    names = {n.func.id for n in _calls(source)}
    if "review" in names:
        return "review"
    if "practice" in names:
        return "practice"
    if any(name.startswith("diagram_") for name in names):
        return "diagram"
    if "backup_panel" in names:
        return "backup"
    if "quiz_centre" in names:
        return "quizzes"
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    if body and all(isinstance(x, ast.Import | ast.ImportFrom) for x in body):
        return "setup"
    return None


def diagram_calls(source: str) -> int:
    """How many diagrams (``diagram_…()`` calls) a code cell draws."""
    return sum(1 for n in _calls(source) if n.func.id.startswith("diagram_"))


def han_count(markdown: str) -> int:
    """The Han characters a learner reads in a Markdown cell (HTML comments left out)."""
    return len(_HAN.findall(_COMMENT.sub("", markdown)))
