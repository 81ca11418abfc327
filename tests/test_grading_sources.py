"""The instructor's source notebooks, as ``course quizzes build`` generates them: well-formed
nbgrader assignments, whose cells carry the question data they were generated from (read back
with the same reader the reports use), and whose hidden tests grade a right answer to every
question of every pool with full points and a wrong one with none, on a real kernel, as autograde
runs them (the trainee taken from the folder name)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from course.grading import code
from course.grading.code import read_cells
from tests.support import papers

SOURCE = papers.QUIZZES / "source"
NOTEBOOKS = sorted(SOURCE.glob("*/*.ipynb"))
GRADE_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def test_three_assignments_one_notebook_each():
    assert [p.parent.name for p in NOTEBOOKS] == list(papers.ASSIGNMENTS)
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
    assert all(code.BEGIN_MARK_SCHEME in c.source for c in rubrics)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_cells_hold_the_data_they_were_generated_from(path: Path):
    """The paper (no key) and every slot's keys, read back from the notebook, are the data's."""
    data = papers.quiz(path.stem)
    nb = nbformat.read(path, as_version=4)
    paper, keys = read_cells({c.metadata.nbgrader["grade_id"]: c.source for c in nb.cells})
    assert paper == data.paper()
    assert all(q.keyless and not q.refs for q in paper.questions().values())
    graded = {
        c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.nbgrader.get("grade")
    }
    assert list(graded) == [s.id for s in data.slots] == list(keys)
    for slot in data.slots:
        assert graded[slot.id] == data.pools[slot.pool].points
        assert keys[slot.id] == data.keys(slot.pool)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_hidden_tests_grade_right_and_wrong_answers(path: Path, tmp_path: Path):
    """Run the source notebook itself under ``NBGRADER_EXECUTION=autograde``, in
    ``<trainee>/<assignment>/`` folders of trainees whose papers together hold every question:
    all answers right, each grade cell yields its points; all wrong, each yields 0. One kernel
    per notebook; it moves between the folders as autograde would start a new one there."""
    from nbclient import NotebookClient

    from course.answers import AnswerStore

    data = papers.quiz(path.stem)
    trainees = papers.covering_trainees(data)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=60, kernel_name="python3")
    runs = [(t, v) for t in trainees for v in ("right", "wrong")]
    with client.setup_kernel(env={"NBGRADER_EXECUTION": "autograde"}):
        for trainee, verdict in runs:
            folder = tmp_path / f"{trainee}-{verdict}" / trainee / path.stem
            folder.mkdir(parents=True)
            store = AnswerStore(folder / "answers.json")
            by_id = papers.questions(data)
            for qid, answer in papers.answers(data, trainee, verdict).items():
                store.record(qid, by_id[qid].type, answer)
            nb.cells.append(nbformat.v4.new_code_cell(f"import os\nos.chdir({str(folder)!r})"))
            client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
            nb.cells.pop()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            for slot in data.slots:
                cell = next(c for c in nb.cells if c.metadata.nbgrader["grade_id"] == slot.id)
                results = [o for o in cell.outputs if o.output_type == "execute_result"]
                points = data.pools[slot.pool].points if verdict == "right" else 0.0
                assert results, (trainee, slot.id, cell.outputs)
                assert float(results[0].data["text/plain"]) == points, (trainee, slot.id)
                assert not any(o.get("name") == "stderr" for o in cell.outputs), slot.id
            json.loads((folder / "answers.json").read_text("utf-8"))  # grading left it readable
    assert {q for t in trainees for q in data.paper().draw(t).values()} == {
        q.id for q in data.questions()
    }
