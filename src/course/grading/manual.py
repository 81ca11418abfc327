"""What is left to grade by hand after autograde: the free-text answers, not their mark schemes.

The reflection's mark scheme is a 0-point nbgrader task cell (``generate.py``): a task cell is
where nbgrader keeps a mark scheme and shows it to the grader. nbgrader creates every task grade
needing a manual grade and its ``SaveAutoGrades`` scores grade cells only, so a 0-point task
would keep each submission "awaiting manual grading" in formgrader and ``course grading status``
until someone also scored it 0. :class:`ScoreZeroPointTasks` runs after ``SaveAutoGrades`` and
gives such a task its score, 0 of 0: scoring the answer itself then completes the submission.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor


def zero_point_task(cell: NotebookNode) -> bool:
    """True for an nbgrader task cell worth no points (a mark scheme, nothing to score)."""
    return utils.is_task(cell) and not float(cell.metadata["nbgrader"].get("points") or 0)


class ScoreZeroPointTasks(NbGraderPreprocessor):
    """Score every 0-point task cell of the notebook 0 (auto score) and mark it as needing no
    manual grade, unless a grader already scored it. Changes the gradebook, not the notebook."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        tasks = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if zero_point_task(c)]
        if not tasks:
            return nb, resources
        with Gradebook(info["db_url"]) as gb:
            for grade_id in tasks:
                grade = gb.find_grade(
                    grade_id, info["notebook"], info["assignment"], info["student"]
                )
                if grade.manual_score is None:
                    grade.auto_score = 0.0
                    grade.needs_manual_grade = False
            gb.db.commit()
        return nb, resources
