"""``course report ASSIGNMENT... | --all``: the cohort report (HTML + CSV tables).

Reads the course's nbgrader gradebook (its configured ``CourseDirectory.db_url``; ``--db`` gives
another database URL nbgrader supports) and each graded submission's ``answers.json`` in the
course folder, and writes ``<out>/report.html`` plus one CSV file per table. Exit status 0 on
success, 2 when no report can be built (the message says why).
"""

from __future__ import annotations

import argparse
import sys
import time

from course.nbcourse import add_course_dir_argument


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "report",
        help="cohort report: item analysis, sections, follow-up",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment ids")
    p.add_argument("--all", action="store_true", help="every assignment with graded submissions")
    add_course_dir_argument(p)
    p.add_argument("--db", help="gradebook URL (default: the course's configured db_url)")
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
    p.add_argument(
        "--pool-spread",
        type=float,
        default=0.3,
        help="flag a pool whose questions' facilities differ by more than this (default 0.3)",
    )
    p.add_argument(
        "--pool-respondents",
        type=int,
        default=5,
        help="...judged only when each of its questions had this many trainees (default 5)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from course.ids import IdError
    from course.nbcourse import CourseError

    from . import strings as s
    from .build import Thresholds
    from .errors import ReportError
    from .load import load
    from .report import write

    if bool(args.assignments) == bool(args.all):
        print("course report: name the assignment(s) or give --all", file=sys.stderr)
        return 2
    started = time.monotonic()
    th = Thresholds(
        low_discrimination=args.low_discrimination,
        follow_total=args.follow_total,
        follow_section=args.follow_section,
        section_points=args.section_points,
        pool_spread=args.pool_spread,
        pool_respondents=args.pool_respondents,
    )
    try:
        cohort = load(args.course_dir, args.db, args.assignments or None, not args.no_progress)
        for a in cohort.skipped:
            print(s.NOTE_SKIPPED.format(assignment=a), file=sys.stderr)
        for a, trainees in cohort.waiting.items():
            note = s.NOTE_WAITING.format(assignment=a, n=len(trainees), who=", ".join(trainees))
            print(note, file=sys.stderr)
        bad = cohort.records[cohort.records["status"] != "ok"]
        for r in bad.itertuples():
            note = s.NOTE_RECORD.format(
                trainee=r.trainee, assignment=r.assignment, status=r.status, problem=r.problem
            )
            print(note, file=sys.stderr)
        path = write(cohort, args.out, th, not args.no_progress)
    except (ReportError, CourseError, IdError) as exc:
        print(f"course report: {exc}", file=sys.stderr)
        return 2
    print(f"report: {path} ({time.monotonic() - started:.1f} s)")
    return 0
