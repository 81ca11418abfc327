"""Autograde time per graded-quiz submission (quiz-4500, with the quarantine preprocessor).

Builds a temporary course from ``quizzes/``, generates the assignment, lays out N submissions
(each trainee's own paper answered right, the answers file as the widgets write it, see
``tests/support/submissions.py``), then times ``nbgrader autograde`` for 1 trainee and for all N.
Prints the wall time, the marginal time per submission ((T_N - T_1) / (N - 1), start-up
excluded) and the load average. Asserts nothing.

    .venv/bin/python benchmarks/graded_quiz_autograde.py --students 8
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.submissions import generate  # noqa: E402

A = "quiz-4500"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        quiz = generate(Path(tmp), A)
        for n in range(args.students):
            trainee = f"s{n:03d}"
            quiz.submit(trainee, quiz.right_answers(trainee))
        course = quiz.course
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
