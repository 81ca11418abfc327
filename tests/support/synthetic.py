"""Build a small synthetic nbgrader course, for the tests and the benchmark.

``make_course(root)`` writes ``nbgrader_config.py`` and ``source/ps1/ps1.ipynb``
(two autograded questions, visible and hidden tests), runs the real
``nbgrader generate_assignment``, and ``submit(root, student, answer)`` places a
trainee's notebook in ``submitted/<student>/ps1/`` with a timestamp.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course.autograde.gradebook import alembic_on_path

ASSIGNMENT = "ps1"
DUE = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
CORRECT = "def squares(n):\n    return [i * i for i in range(n)]"
CONFIG = """\
c = get_config()  # noqa
c.CourseDirectory.course_id = "synthetic"
c.Exchange.root = {exchange!r}
c.LateSubmissionPlugin.penalty_method = "zero"
c.Execute.timeout = {timeout}
"""


def _cell(cell, grade_id, *, solution=False, grade=False, locked=False, points=0):
    meta = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked}
    if grade:
        meta["points"] = points
    meta["schema_version"] = 3
    cell.metadata["nbgrader"] = meta
    return cell


def source_notebook(work: str = "") -> nbformat.NotebookNode:
    """The instructor's notebook; ``work``: extra code run by the tests (load)."""
    squares = "def squares(n):\n    ### BEGIN SOLUTION\n    return [i * i for i in range(n)]\n"
    squares += "    ### END SOLUTION"
    cells = [
        new_markdown_cell("# Synthetic quiz\nWrite `squares(n)` and `total(xs)`."),
        _cell(new_code_cell(squares), "squares_answer", solution=True),
        _cell(
            new_code_cell(
                "# checks squares() on small inputs\nassert squares(3) == [0, 1, 4]\n"
                "### BEGIN HIDDEN TESTS\nassert squares(6)[-1] == 25\n### END HIDDEN TESTS"
            ),
            "squares_checked",
            grade=True,
            locked=True,
            points=2,
        ),
        _cell(
            new_code_cell(
                "def total(xs):\n    ### BEGIN SOLUTION\n    return sum(xs)\n    ### END SOLUTION"
            ),
            "total_answer",
            solution=True,
        ),
        _cell(
            new_code_cell(f"# checks total()\n{work}\nassert total([1, 2, 3]) == 6"),
            "total_checked",
            grade=True,
            locked=True,
            points=1,
        ),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def make_course(root: str, timeout: int = 30, work: str = "") -> str:
    """Create the course in ``root`` (generated with the real nbgrader); returns root."""
    alembic_on_path()
    os.makedirs(os.path.join(root, "source", ASSIGNMENT), exist_ok=True)
    exchange = os.path.join(root, "exchange")
    os.makedirs(exchange, exist_ok=True)
    with open(os.path.join(root, "nbgrader_config.py"), "w") as fh:
        fh.write(CONFIG.format(exchange=exchange, timeout=timeout))
    nbformat.write(source_notebook(work), os.path.join(root, "source", ASSIGNMENT, "ps1.ipynb"))
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root}/gradebook.db", "synthetic") as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=DUE.replace(tzinfo=None))
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, "--force"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return root


def submit(root: str, student: str, answer: str = CORRECT, late: bool = False, total=None) -> str:
    """Write a submission: ``answer`` replaces the squares solution cell.

    ``total``: code for the total() cell (default: a correct one).  Returns its dir.
    """
    nb = nbformat.read(os.path.join(root, "release", ASSIGNMENT, "ps1.ipynb"), as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "squares_answer" and answer is not None:
            cell.source = answer
        if grade_id == "total_answer":
            cell.source = total if total is not None else "def total(xs):\n    return sum(xs)"
    dest = os.path.join(root, "submitted", student, ASSIGNMENT)
    os.makedirs(dest, exist_ok=True)
    nbformat.write(nb, os.path.join(dest, "ps1.ipynb"))
    when = DUE + (timedelta(hours=5) if late else -timedelta(hours=5))
    with open(os.path.join(dest, "timestamp.txt"), "w") as fh:
        fh.write(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    return dest


VARIANTS = {
    "correct": dict(answer=CORRECT),
    "wrong": dict(answer="def squares(n):\n    return list(range(n))"),
    "raises": dict(answer="def squares(n):\n    raise ValueError('no')"),
    "blank": dict(
        answer=None, total="def total(xs):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
    ),
    "late": dict(answer=CORRECT, late=True),
    "edited_test": dict(answer="def squares(n):\n    return []"),
}


def make_cohort(root: str, count: int) -> list[str]:
    """``count`` students cycling through VARIANTS; returns their ids."""
    names = list(VARIANTS)
    students = []
    for i in range(count):
        variant = names[i % len(names)]
        student = f"s{i:03d}_{variant}"
        dest = submit(root, student, **VARIANTS[variant])
        if variant == "edited_test":  # the trainee replaced a test by `pass`: nbgrader restores it
            path = os.path.join(dest, "ps1.ipynb")
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id") == "squares_checked":
                    cell.source = "pass"
            nbformat.write(nb, path)
        students.append(student)
    return students


def snapshot(root: str, course_id: str = "synthetic") -> dict:
    """Every grade in the gradebook of ``root``: the thing two runs must agree on.

    Returns {(student, notebook, grade_id): (auto_score, needs_manual_grade)} plus
    {(student, "<submission>"): (timestamp, late penalty, score)}.
    """
    from nbgrader.api import Gradebook

    out: dict = {}
    with Gradebook(f"sqlite:///{root}/gradebook.db", course_id) as gb:
        for assignment in gb.assignments:
            for sub in gb.assignment_submissions(assignment.name):
                student = sub.student.id
                out[(student, "<submission>")] = (
                    str(sub.timestamp),
                    sub.late_submission_penalty,
                    sub.score,
                )
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        out[(student, nb.name, grade.name)] = (
                            grade.auto_score,
                            grade.needs_manual_grade,
                        )
    return out


def export_csv(root: str) -> list[str]:
    """``nbgrader export`` of ``root``, as sorted CSV lines (real nbgrader command)."""
    alembic_on_path()
    path = os.path.join(root, "grades.csv")
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "export", "--to", path],
        cwd=root,
        check=True,
        capture_output=True,
    )
    with open(path) as fh:
        lines = fh.read().splitlines()
    return [lines[0], *sorted(lines[1:])]
