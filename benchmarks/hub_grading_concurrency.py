"""Benchmark: two graders in formgrader while autograde runs, SQLite against PostgreSQL (root).

One hub with two courses holding the same submissions: course ``s`` keeps nbgrader's default
SQLite gradebook, course ``p`` has a PostgreSQL one (``course hub db init``). In each, half the
submissions are autograded first; then two instructors enter manual grades through the course's
formgrader service (through the hub, ``--rounds`` times per submission) while
``course autograde --jobs 2`` grades the other half. Prints, per gradebook: request errors,
lost grades (the stored score is not the last one written), autograde's exit status and failed
trainees, "database is locked" messages, and the time taken. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/hub_grading_concurrency.py --submissions 12 --rounds 6
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.cohorthub import make_testbed  # noqa: E402
from tests.support.concurrent_grading import A, file_submissions, grade_while_autograding  # noqa: E402
from tests.support.postgres import postgres_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    half = args.submissions // 2
    figures = {}
    with postgres_server() as postgres:
        bed = make_testbed(["s", "p"], postgres=postgres, sqlite=("s",))
        try:
            both = ";".join(bed.courses)
            bed.apply_roster(
                [
                    (bed.account("i1"), "赵老师", "instructor", both),
                    (bed.account("i2"), "孙老师", "instructor", both),
                ]
            )
            first = [bed.account(f"g{n:02d}") for n in range(1, half + 1)]  # autograded before
            pending = [bed.account(f"w{n:02d}") for n in range(1, half + 1)]  # during the grading
            template = bed.account("tpl")
            for course in bed.courses:
                bed.grader(course, "nbgrader", "generate_assignment", A)
                release = bed.hub.course_dir(course) / "release" / A
                target = bed.hub.course_dir(course) / "submitted" / template / A
                bed.grader(
                    course,
                    "sh",
                    "-c",
                    f"mkdir -p '{target.parent}' && cp -r '{release}' '{target}'",
                )
                file_submissions(bed, course, template, first + pending)
                bed.grader(
                    course,
                    "course",
                    "autograde",
                    A,
                    "--course-dir",
                    ".",
                    "--student",
                    bed.account("g*"),
                )
            bed.start()
            graders = [bed.login(bed.account("i1")), bed.login(bed.account("i2"))]
            for course, kind in zip(bed.courses, ("SQLite", "PostgreSQL"), strict=True):
                run = grade_while_autograding(
                    bed, course, graders, first, bed.account("w*"), rounds=args.rounds
                )
                proc = run["autograde"]
                report = json.loads(
                    (bed.hub.course_dir(course) / "autograde_reports" / f"{A}.json").read_text()
                )
                output = (proc.stdout + proc.stderr) if proc else ""
                figures[kind] = {
                    "manual grade writes": run["writes"],
                    "request errors": len(run["errors"]),
                    "lost grades": len(run["lost"]),
                    "autograde exit": proc.returncode if proc else None,
                    "autograde failed trainees": [
                        r["student"] for r in report["results"] if r["status"] == "failed"
                    ],
                    "'database is locked' messages": output.count("database is locked"),
                    "seconds": round(run["seconds"], 1),
                    "first errors": run["errors"][:3],
                }
        finally:
            bed.cleanup()
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
