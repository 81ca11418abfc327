"""What the quiz centre's 「检查作答」 tells a trainee: how many questions of their paper have a
saved answer, which do not, and whether the reflection is written -- never a verdict, and never
nbgrader's "passes all the tests", which the widget quizzes' visible checks would always earn.

Read from the fetched copy on disk (the notebook as last saved, ``answers.json``) without running
anything: the paper is drawn from the set-up cell's literal exactly as the quiz draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from course.answers import ANSWERS_FILE, CORRUPT, read_submitted
from course.grading.code import read_paper
from course.grading.generate import REFLECTION, SETUP
from course.grading.strings import NB_ANSWER_STUB


@dataclass(frozen=True)
class Progress:
    """``total`` widget questions on the trainee's paper, ``saved`` of them answered,
    ``missing`` the numbers (1-based, as the quiz heads them) of those not answered;
    ``reflection_written``; ``problem``: why the answer file cannot be read (else None)."""

    total: int
    saved: int
    missing: tuple[int, ...]
    reflection_written: bool
    problem: str | None = None


def _grade_id(cell: nbformat.NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def progress(notebook: Path, trainee: str) -> Progress:
    """The trainee's progress in the quiz ``notebook`` (its folder holds ``answers.json``).
    Raises ValueError when the notebook has no readable set-up cell (not a graded quiz)."""
    nb = nbformat.read(notebook, as_version=4)
    cells = {_grade_id(c): c for c in nb.cells if _grade_id(c)}
    spec = read_paper(cells[SETUP].source) if SETUP in cells else None
    if spec is None:
        raise ValueError(f"{notebook} has no graded set-up cell")
    drawn = list(spec.draw(trainee).values())
    record = read_submitted(notebook.parent / ANSWERS_FILE)
    answered = set(record.answered(drawn)) if record.status != CORRUPT else set()
    missing = tuple(n for n, qid in enumerate(drawn, 1) if qid not in answered)
    reflection = cells.get(REFLECTION)
    text = reflection.source.strip() if reflection is not None else ""
    return Progress(
        total=len(drawn),
        saved=len(drawn) - len(missing),
        missing=missing,
        reflection_written=bool(text) and text != NB_ANSWER_STUB.strip(),
        problem=record.problem if record.status == CORRUPT else None,
    )
