"""A synthetic cohort with KNOWN answer patterns, taken through the real nbgrader pipeline.

Every trainee gets ``quiz-4500`` as ``nbgrader generate_assignment`` released it, writes a
reflection in its free-text cell and answers through the quiz engine's
:class:`~course.answers.AnswerStore` (the file the widgets write); the instructor autogrades
all submissions with ``course autograde`` (real nbgrader, real kernels). Each answer is drawn from
a small table of variants whose share of the points is written by hand here
(:data:`VARIANTS`), so that the tests can compute every expected statistic from the patterns
alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import numpy as np

from course.answers import AnswerStore
from course.grading.keys import notebook_keys
from tests.support.grading import Course, cell_index, make_course

A = "quiz-4500"
N_TRAINEES = 60
MISLEADING = "framework_aim_judged"  # strong trainees get it wrong, weak ones right
BLANK = "framework_parts_matched"  # left unanswered by some trainees
NO_RECORD = "t08"  # submits the notebook without answers.json
REFLECTION = "reflection_4500"
POINTS = {"four_spirits_in_order": 2.0, "five_capabilities_chosen": 2.0,
          "framework_parts_matched": 2.0, "third_safety_filled": 1.0,
          "framework_aim_judged": 1.0, REFLECTION: 4.0}  # fmt: skip
AUTO = [q for q in POINTS if q != REFLECTION]


def variants(keys: dict[str, Any]) -> dict[str, list[tuple[Any, float]]]:
    """Per question: (answer, share of the points it earns), best first. The shares follow the
    course's scoring rules, worked out by hand; the keys are read from the source notebook."""
    spirits, caps, pairs = (
        keys["four_spirits_in_order"],
        keys["five_capabilities_chosen"],
        keys[BLANK],
    )
    assert len(spirits) == 4 and len(caps) == 5 and len(pairs) == 4
    wrong_caps = ["抵御风险能力", "防腐拒变能力"]  # options that are not among the five
    items, values = list(pairs), list(pairs.values())
    swapped = dict(pairs) | {items[0]: values[1], items[1]: values[0]}
    rotated = {item: values[(i + 1) % 4] for i, item in enumerate(items)}
    return {
        "four_spirits_in_order": [(spirits, 1.0), (spirits[::-1], 0.0),
                                  ([spirits[1], spirits[0], *spirits[2:]], 0.0)],
        "five_capabilities_chosen": [
            (caps, 1.0),  # 5 right
            (caps[:-1], 0.8),  # 4 right of 5
            ([*caps, wrong_caps[0]], 0.8),  # 5 right, 1 wrong: (5 - 1) / 5
            ([*caps[:-1], wrong_caps[0]], 0.6),  # (4 - 1) / 5
            ([caps[0], *wrong_caps], 0.0),  # (1 - 2) / 5, floored at 0
        ],
        BLANK: [(pairs, 1.0), (swapped, 0.5), (rotated, 0.0)],
        "third_safety_filled": [("廉政", 1.0), ("廉政安全", 1.0), ("人身", 0.0)],
        MISLEADING: [(True, 1.0), (False, 0.0)],
    }  # fmt: skip


@dataclass
class Plan:
    """What each trainee answers: ``answers[t][q]`` (missing key: not answered) and the share
    of the points it earns ``shares[t][q]``; ``reflection[t]`` the manual score given later."""

    trainees: list[str]
    answers: dict[str, dict[str, Any]]
    shares: dict[str, dict[str, float]]
    reflection: dict[str, float]


def plan(keys: dict[str, Any], n: int = N_TRAINEES, seed: int = 7) -> Plan:
    rng = np.random.default_rng(seed)
    table = variants(keys)
    trainees = [f"t{i:02d}" for i in range(1, n + 1)]
    answers: dict[str, dict[str, Any]] = {}
    shares: dict[str, dict[str, float]] = {}
    reflection = {}
    for i, t in enumerate(trainees):
        ability = i / (n - 1)
        answers[t], shares[t] = {}, {}
        for q in AUTO:
            options = table[q]
            if q == MISLEADING:
                pick = 0 if (ability < 0.5) != (i % 10 == 0) else 1
            elif rng.random() < 0.2 + 0.75 * ability:
                pick = 1 if q == "third_safety_filled" and i % 2 else 0
                pick = pick if options[pick][1] == 1.0 else 0
            else:
                pick = int(rng.integers(1, len(options)))
                if q == "third_safety_filled":
                    pick = 2
            if q == BLANK and i % 11 == 3:
                shares[t][q] = 0.0  # not answered
                continue
            answers[t][q], shares[t][q] = options[pick]
        reflection[t] = float(min(4, max(0, round(4 * ability) + i % 3 - 1)))
    for q in AUTO:  # the trainee without a record scores 0 everywhere
        shares[NO_RECORD][q] = 0.0
    answers[NO_RECORD] = {}
    return Plan(trainees, answers, shares, reflection)


def build(parent: Path, n: int = N_TRAINEES) -> tuple[Course, Plan]:
    """Generate ``quiz-4500``, lay out every trainee's submission, autograde them all."""
    course = make_course(parent)
    course.nbgrader("generate_assignment", A)
    keys = {k.question: k.answer for k in notebook_keys(course.root / "source" / A / f"{A}.ipynb")}
    the_plan = plan(keys, n)
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
        types = {"four_spirits_in_order": "ordering", "five_capabilities_chosen": "multiple",
                 BLANK: "matching", "third_safety_filled": "fill", MISLEADING: "truefalse"}  # fmt: skip
        for q, answer in the_plan.answers[t].items():
            store.record(q, types[q], answer)
        (folder / "answers.json.lock").unlink(missing_ok=True)
    for _attempt in range(2):  # a second run grades only what the first could not
        proc = course.course("autograde", A, "--jobs", "2",
                             "--nbgrader-option=--Execute.shutdown_kernel=immediate")  # fmt: skip
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
