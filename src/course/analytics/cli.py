"""``course report ASSIGNMENT... | --all``: the cohort report (HTML + CSV tables).

Reads the nbgrader gradebook (``--db``, default ``sqlite:///<course-dir>/gradebook.db``; any
database URL nbgrader supports) and each graded submission's ``answers.json`` under the course
directory, and writes ``<out>/report.html`` plus one CSV file per table. Exit status 0 on
success, 2 when no report can be built (the message says why).
"""

from __future__ import annotations

import argparse
import sys
import time


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("report", help="cohort report: item analysis, sections, follow-up",
                              description=__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment ids")
    p.add_argument("--all", action="store_true", help="every assignment with graded submissions")
    p.add_argument("--course-dir", default="quizzes", help="nbgrader course root")
    p.add_argument("--db", help="gradebook URL (default: sqlite:///<course-dir>/gradebook.db)")
    p.add_argument("--out", default="report", help="output folder (default: report/)")
    p.add_argument(
        "--low-discrimination",
        type=float,
        default=0.2,
        help="flag questions whose discrimination is below this (default 0.2)",
    )
    p.add_argument(
        "--follow-total",
        type=float,
        default=0.6,
        help="follow up trainees whose total is below this share (default 0.6)",
    )
    p.add_argument(
        "--follow-section",
        type=float,
        default=0.5,
        help="follow up trainees below this share in any section (default 0.5)",
    )
    p.add_argument(
        "--section-points",
        type=float,
        default=4.0,
        help="apply --follow-section only to sections worth this many points",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")  # fmt: skip
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from .build import Thresholds
    from .errors import ReportError
    from .load import load
    from .report import write

    if bool(args.assignments) == bool(args.all):
        print("course report: name the assignment(s) or give --all", file=sys.stderr)
        return 2
    started = time.monotonic()
    th = Thresholds(low_discrimination=args.low_discrimination, follow_total=args.follow_total,
                    follow_section=args.follow_section,
                    section_points=args.section_points)  # fmt: skip
    try:
        cohort = load(args.course_dir, args.db, args.assignments or None, not args.no_progress)
        for a in cohort.skipped:
            print(
                f"注意：测验 {a} 尚无评分结果，未纳入报告 (not autograded, skipped)",
                file=sys.stderr,
            )
        for a, trainees in cohort.waiting.items():
            print(f"注意：{a} 有 {len(trainees)} 份提交尚未自动评分：{', '.join(trainees)}",
                  file=sys.stderr)  # fmt: skip
        bad = cohort.records[cohort.records["status"] != "ok"]
        for r in bad.itertuples():
            print(f"注意：{r.trainee} 的 {r.assignment} 答题记录不可用 ({r.status}: {r.problem})",
                  file=sys.stderr)  # fmt: skip
        path = write(cohort, args.out, th, not args.no_progress)
    except ReportError as exc:
        print(f"course report: {exc}", file=sys.stderr)
        return 2
    print(f"report: {path} ({time.monotonic() - started:.1f} s)")
    return 0
