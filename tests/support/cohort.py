"""A synthetic cohort with KNOWN answer patterns, taken through the real nbgrader pipeline.

Every trainee gets ``quiz-4500`` as ``nbgrader generate_assignment`` released it, writes a
reflection in its free-text cell and answers the questions of their own paper (drawn from the
pools by their id) through the quiz engine's :class:`~course.answers.AnswerStore` (the file the
widgets write); the instructor autogrades all submissions with ``course autograde`` (real nbgrader,
real kernels). Each answer is drawn from a small table of variants whose share of the points is
worked out by hand here (:func:`variants`, from the question's key and the course's scoring
rules), so that the tests can compute every expected statistic from the patterns alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import numpy as np

from course.answers import AnswerStore
from course.quiz.model import Question
from tests.support import papers
from tests.support.grading import Course, cell_index, make_course

A = "quiz-4500"
N_TRAINEES = 60
QUIZ = papers.quiz(A)
PAPER = QUIZ.paper()
BY_ID = papers.questions(QUIZ)
SLOTS = [s.id for s in QUIZ.slots]
#: the planted misleading question: strong trainees who drew it get it wrong, weak ones right
MISLEADING = next(q.id for q in QUIZ.questions() if q.type == "truefalse")
BLANK_SLOT = SLOTS[2]  # left unanswered by some trainees
NO_RECORD = "t08"  # submits the notebook without answers.json
REFLECTION = "reflection"
REFLECTION_POINTS = QUIZ.reflection.points


def variants(q: Question) -> list[tuple[Any, float]]:
    """(answer, share of the points it earns), the right one first: the key (and a second
    accepted wording of a fill-in), a partly right answer where the type scores partial credit
    (:func:`tests.support.papers.partial`), a wrong one."""
    out = [(papers.right(q), 1.0)]
    if q.type == "fill" and isinstance(q.answer, list) and len(q.answer) > 1:
        out.append((q.answer[1], 1.0))
    answer, share = papers.partial(q)
    if share > 0:
        out.append((answer, share))
    out.append((papers.wrong(q), 0.0))
    return out


@dataclass
class Plan:
    """What each trainee answers: ``papers[t]`` slot -> question id, ``answers[t][q]`` (a
    missing key: not answered) and the share of the points each slot earns ``shares[t][slot]``;
    ``reflection[t]`` the manual score given later."""

    trainees: list[str]
    papers: dict[str, dict[str, str]]
    answers: dict[str, dict[str, Any]]
    shares: dict[str, dict[str, float]]
    reflection: dict[str, float]


def plan(n: int = N_TRAINEES, seed: int = 7) -> Plan:
    rng = np.random.default_rng(seed)
    trainees = [f"t{i:02d}" for i in range(1, n + 1)]
    drawn = {t: PAPER.draw(t) for t in trainees}
    answers: dict[str, dict[str, Any]] = {}
    shares: dict[str, dict[str, float]] = {}
    reflection = {}
    for i, t in enumerate(trainees):
        ability = i / (n - 1)
        answers[t], shares[t] = {}, {}
        for slot, qid in drawn[t].items():
            table = variants(BY_ID[qid])
            if qid == MISLEADING:
                pick = 0 if (ability < 0.5) != (i % 10 == 0) else len(table) - 1
            elif rng.random() < 0.2 + 0.75 * ability:
                pick = 1 if i % 2 and table[1][1] == 1.0 else 0
            else:
                pick = int(rng.integers(1, len(table)))
            if slot == BLANK_SLOT and i % 11 == 3:
                shares[t][slot] = 0.0  # not answered
                continue
            answers[t][qid], shares[t][slot] = table[pick]
        reflection[t] = float(min(4, max(0, round(4 * ability) + i % 3 - 1)))
    shares[NO_RECORD] = dict.fromkeys(SLOTS, 0.0)  # without a record it scores 0 everywhere
    answers[NO_RECORD] = {}
    return Plan(trainees, drawn, answers, shares, reflection)


def build(parent: Path, n: int = N_TRAINEES) -> tuple[Course, Plan]:
    """Generate ``quiz-4500``, lay out every trainee's submission, autograde them all."""
    course = make_course(parent)
    course.nbgrader("generate_assignment", A)
    the_plan = plan(n)
    released = nbformat.read(course.root / "release" / A / f"{A}.ipynb", as_version=4)
    for t in the_plan.trainees:
        folder = course.root / "submitted" / t / A
        folder.mkdir(parents=True)
        nb = released.copy()
        nb.cells = [c.copy() for c in released.cells]
        nb.cells[
            cell_index(nb, REFLECTION)
        ].source = f"{t}：我选择“5”中的抓落实能力，每周对照检查。"
        nbformat.write(nb, folder / f"{A}.ipynb")
        (folder / "timestamp.txt").write_text("2026-11-27 08:00:00.000000 UTC", "utf-8")
        if t == NO_RECORD:
            continue
        store = AnswerStore(folder / "answers.json")
        store.update(lambda data: None)  # graded.start() creates the file before any answer
        for q, answer in the_plan.answers[t].items():
            store.record(q, BY_ID[q].type, answer)
        (folder / "answers.json.lock").unlink(missing_ok=True)
    for _attempt in range(2):  # a second run grades only what the first could not
        proc = course.course(
            "autograde", A, "--jobs", "2", "--nbgrader-option=--Execute.shutdown_kernel=immediate"
        )
        if proc.returncode == 0:
            break
    if proc.returncode != 0:
        raise AssertionError(f"course autograde failed:\n{proc.stdout}\n{proc.stderr}")
    # the course's quizzes run no trainee code at grading, and the run says so
    assert "trainee code: not run (QuarantineTraineeCode" in proc.stdout, proc.stdout
    return course, the_plan


def grade_reflections(db_url: str, the_plan: Plan) -> None:
    """Give each reflection its planned manual score, as formgrader does (Gradebook API)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        for t in the_plan.trainees:
            grade = gb.find_grade(REFLECTION, A, A, t)
            grade.manual_score = the_plan.reflection[t]
            grade.needs_manual_grade = False
        gb.db.commit()
