"""What each graded question is, read from the gradebook's copy of the instructor notebooks.

``nbgrader generate_assignment`` stores every locked cell of a source notebook in the gradebook.
A graded quiz asks each question in a locked cell ``graded.ask(id=..., type=..., section=...,
options=[...])`` (see :mod:`course.grading.notebook`) and grades it in the grade cell named after
the question, whose hidden test holds ``KEY = {...}`` (:mod:`course.grading.keys`). Both are
literals, so they are read with :mod:`ast` and nothing is executed. A grade cell without a key is
graded by hand (the reflection questions) and has no section of its own. An autograded question is
rebuilt as the :class:`~course.quiz.model.Question` that was asked, with its key, so that its type
(:mod:`course.quiz.types`) counts its answers; one that does not fit its type (an unknown type, a
key of the wrong shape, no ``ask`` call) stops the report with :class:`~.errors.BadQuestion`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from course.grading.keys import cell_keys
from course.quiz.model import Question

from .errors import BadQuestion


@dataclass(frozen=True)
class QuestionInfo:
    """One graded cell of an assignment, as the report describes it."""

    assignment: str
    notebook: str
    grade_id: str  # the grade cell's name in the gradebook
    question: str  # the question id in answers.json (= grade_id for manual questions)
    number: int  # 第N题: position among the notebook's graded cells, from 1
    type: str  # a quiz-engine type, or "manual"
    section: str | None
    points: float
    asked: Question | None = None  # the question with its key; None for a manual question

    @property
    def manual(self) -> bool:
        return self.type == "manual"


def ask_specs(source: str) -> list[dict[str, Any]]:
    """The literal keyword arguments of every ``<anything>.ask(id=...)`` call in ``source``
    (arguments that are not literals are left out; unparsable source gives nothing)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    specs = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        if name != "ask":
            continue
        spec = {}
        for kw in node.keywords:
            if kw.arg is None:
                continue
            try:
                spec[kw.arg] = ast.literal_eval(kw.value)
            except ValueError:
                continue
        if isinstance(spec.get("id"), str):
            specs.append(spec)
    return specs


def first_heading(source: str) -> str | None:
    """The text of a markdown cell's first ``# heading``, if any."""
    for line in source.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def describe(
    assignment: str,
    notebook: str,
    graded: list[tuple[str, float]],
    sources: dict[str, str],
) -> list[QuestionInfo]:
    """The questions of one notebook. ``graded``: its grade cells ``(name, max_score)`` in
    notebook order, zero-point cells excluded by the caller; ``sources``: its source cells'
    text by cell name. Returns one :class:`QuestionInfo` per graded cell, in order."""
    specs: dict[str, dict[str, Any]] = {}
    for text in sources.values():
        for spec in ask_specs(text):
            specs[spec["id"]] = spec
    out = []
    for number, (name, points) in enumerate(graded, start=1):
        keys = cell_keys(name, sources.get(name, ""))
        key = keys[0] if keys else None
        qid = key.question if key else name
        asked = _asked(assignment, notebook, qid, specs.get(qid), key.answer) if key else None
        out.append(
            QuestionInfo(
                assignment=assignment,
                notebook=notebook,
                grade_id=name,
                question=qid,
                number=number,
                type=asked.type if asked else "manual",
                section=asked.section if asked else None,
                points=float(points),
                asked=asked,
            )
        )
    return out


def _asked(
    assignment: str, notebook: str, qid: str, spec: dict[str, Any] | None, answer: Any
) -> Question:
    """The question ``spec`` asked, with its key ``answer``. Raises :class:`BadQuestion` naming
    the question if there is no ``ask`` call for it or it does not fit its type."""
    if spec is None:
        raise BadQuestion(assignment, notebook, qid, "no graded.ask(id=...) call asks it")
    try:
        return Question(**{**spec, "answer": answer})
    except ValidationError as exc:
        why = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or 'question'}: {err['msg']}"
            for err in exc.errors()
        )
        raise BadQuestion(assignment, notebook, qid, why) from None
