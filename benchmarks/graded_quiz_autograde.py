"""Autograde time per graded-quiz submission (quiz-4500, with the quarantine preprocessor).

Builds a temporary course from ``quizzes/``, answers the released quiz once through the widgets
on a real kernel (every answer right), copies that submission to N trainees, then times
``nbgrader autograde`` for 1 trainee and for all N. Prints the wall time, the marginal time per
submission ((T_N - T_1) / (N - 1), start-up excluded) and the load average. Asserts nothing.

    .venv/bin/python benchmarks/graded_quiz_autograde.py --students 8
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course.grading.keys import notebook_keys  # noqa: E402
from tests.support.grading import Trainee, answer_code, make_course  # noqa: E402

A = "quiz-4500"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp))
        course.nbgrader("generate_assignment", A)
        course.nbgrader("release_assignment", A)
        right = {
            k.question: k.answer for k in notebook_keys(course.root / "source" / A / f"{A}.ipynb")
        }
        right["third_safety_filled"] = right["third_safety_filled"][0]
        trainee = Trainee("s000", Path(tmp) / "homes" / "s000", course)
        trainee.setup()
        trainee.fetch(A)
        trainee.work(A, [answer_code(right)])
        trainee.submit(A)
        course.nbgrader("collect", A)
        template = course.root / "submitted" / "s000" / A
        for n in range(1, args.students):
            shutil.copytree(template, course.root / "submitted" / f"s{n:03d}" / A)
        times = {}
        for label, extra in (("1", ["--student=s000"]), ("all", [])):
            start = time.monotonic()
            course.nbgrader(
                "autograde", A, "--force", "--Execute.shutdown_kernel=immediate", *extra
            )
            times[label] = time.monotonic() - start
        n = args.students
        print(f"load average before/after: {os.getloadavg()[0]:.1f}")
        print(f"autograde 1 submission: {times['1']:.1f} s (nbgrader start-up included)")
        print(f"autograde {n} submissions: {times['all']:.1f} s, {times['all'] / n:.2f} s each")
        print(f"marginal time per submission: {(times['all'] - times['1']) / (n - 1):.2f} s")


if __name__ == "__main__":
    main()
