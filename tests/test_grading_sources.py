"""The instructor's source notebooks: well-formed nbgrader assignments whose keys fit their
questions, whose facts trace to the knowledge base, and whose hidden tests grade right answers
with full points and wrong ones with none (on a real kernel, as autograde runs them)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

from course import kb
from course.grading.keys import cell_keys
from course.quiz.model import Question
from tests.support.grading import REPO

SOURCE = REPO / "quizzes" / "source"
NOTEBOOKS = sorted(SOURCE.glob("*/*.ipynb"))
GRADE_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _asked(nb) -> dict[str, dict]:
    """The keyword arguments of every ``graded.ask(...)`` call of a notebook, by question id."""
    specs = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("graded.ask("):
            call = ast.parse(cell.source).body[0].value
            spec = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
            specs[spec["id"]] = spec
    return specs


def _tests(nb) -> dict[str, tuple]:
    """``{grade id: (cell, key)}`` of the autograded test cells."""
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            keys = cell_keys(meta["grade_id"], cell.source)
            assert len(keys) == 1, meta["grade_id"]
            out[meta["grade_id"]] = (cell, keys[0])
    return out


def test_three_assignments_one_notebook_each():
    assert [p.parent.name for p in NOTEBOOKS] == ["quiz-4500", "quiz-campaigns", "quiz-final"]
    assert all(p.stem == p.parent.name for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_cells_are_nbgrader_cells_with_descriptive_ids(path: Path):
    nb = nbformat.read(path, as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]  # KeyError: not an nbgrader cell
    assert len(ids) == len(set(ids))
    assert all(GRADE_ID.match(i) and not i.startswith("cell") for i in ids), ids
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        if cell.cell_type == "code":  # no trainee code anywhere: every code cell is locked
            assert meta["locked"] and not meta["solution"], meta["grade_id"]
            assert cell.outputs == [] and cell.execution_count is None
    answers = [c for c in nb.cells if c.metadata["nbgrader"]["solution"]]
    rubrics = [c for c in nb.cells if c.metadata["nbgrader"].get("task")]
    assert len(answers) >= 1 and len(rubrics) == len(answers)
    assert all(c.cell_type == "markdown" and c.metadata["nbgrader"]["points"] > 0 for c in answers)
    assert all("### BEGIN MARK SCHEME" in c.source for c in rubrics)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_keys_fit_their_questions(path: Path):
    nb = nbformat.read(path, as_version=4)
    asked, tests = _asked(nb), _tests(nb)
    assert set(asked) == set(tests) and len(tests) >= 5
    base = kb.load()
    for grade_id, (cell, key) in tests.items():
        assert cell.source.startswith(f"# Checks question {grade_id}:")
        assert key.question == grade_id
        assert key.points == cell.metadata.nbgrader["points"]
        question = Question(**asked[grade_id], answer=key.answer, explanation=key.explanation)
        right = key.answer[0] if question.type == "fill" else key.answer
        assert question.check(right).score == 1.0 and question.check(_wrong(question)).score == 0
        for ref in question.refs:
            base.resolve(ref)  # KeyError: the question cites a fact the KB does not have
        if question.type == "ordering":  # the options must not be printed in the right order
            assert asked[grade_id]["options"] != key.answer


def _wrong(question: Question):
    """A wrong answer of the question's shape."""
    key = question.answer
    if question.type == "single":
        return next(o for o in question.options if o != key)
    if question.type == "truefalse":
        return not key
    if question.type == "multiple":
        return [o for o in question.options if o not in key]
    if question.type == "ordering":
        return list(reversed(key))
    if question.type == "matching":  # every item paired with some other option
        return {
            left: next(o for o in question.options if o != right) for left, right in key.items()
        }
    return "不知道"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_hidden_tests_grade_right_and_wrong_answers(path: Path, tmp_path: Path, monkeypatch):
    """Run the source notebook itself under ``NBGRADER_EXECUTION=autograde`` twice: with every
    answer right (each test cell yields its points) and every answer wrong (each yields 0)."""
    from nbclient import NotebookClient

    from course.answers import AnswerStore

    source = nbformat.read(path, as_version=4)
    asked, tests = _asked(source), _tests(source)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    for verdict in ("right", "wrong"):
        folder = tmp_path / verdict
        folder.mkdir()
        store = AnswerStore(folder / "answers.json")
        for grade_id, (_, key) in tests.items():
            question = Question(**asked[grade_id], answer=key.answer)
            given = key.answer if verdict == "right" else _wrong(question)
            if question.type == "fill" and isinstance(given, list):
                given = given[0]
            store.record(grade_id, question.type, given)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=60, resources={"metadata": {"path": str(folder)}}).execute()
        for cell in nb.cells:
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            if grade_id in tests:
                results = [o for o in cell.outputs if o.output_type == "execute_result"]
                points = tests[grade_id][1].points if verdict == "right" else 0.0
                assert float(results[0].data["text/plain"]) == points, (verdict, grade_id)
                assert not any(o.get("name") == "stderr" for o in cell.outputs), grade_id
        json.loads((folder / "answers.json").read_text("utf-8"))  # grading left it readable
