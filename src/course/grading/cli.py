"""``course grading ...``: the graded-quiz steps nbgrader lacks.

* ``course grading init`` -- create the exchange folder the course's config names.
* ``course grading mode trainee|instructor`` -- what this user's JupyterLab shows.
* ``course grading status ASSIGNMENT`` -- per-trainee status table after autograde (exit 1 if
  any submission has a problem); ``--csv FILE`` also writes it as CSV.
* ``course grading zip ASSIGNMENT --trainee ID`` -- the offline submission zip of a folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("grading", help="graded quizzes: exchange, modes, status report",
                                   description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    sub = parser.add_subparsers(dest="grading_command", metavar="STEP", required=True)

    init = sub.add_parser("init", help="create the exchange folder")
    init.add_argument("--course-dir", default="quizzes", help="nbgrader course root")
    init.set_defaults(func=_init)

    mode = sub.add_parser("mode", help="trainee or instructor JupyterLab for this user")
    mode.add_argument("mode", choices=["trainee", "instructor"])
    mode.add_argument("--exchange", help="exchange folder (default: $COURSE_EXCHANGE or none)")
    mode.add_argument("--course-id", default=None, help="nbgrader course id")
    mode.set_defaults(func=_mode)

    status = sub.add_parser("status", help="per-trainee status table after autograde")
    status.add_argument("assignment")
    status.add_argument("--course-dir", default="quizzes", help="nbgrader course root")
    status.add_argument("--csv", help="also write the table to this CSV file")
    status.set_defaults(func=_status)

    archive = sub.add_parser("zip", help="offline submission: <trainee>_<assignment>.zip")
    archive.add_argument("assignment")
    archive.add_argument("--trainee", required=True)
    archive.add_argument("--folder", default=".", help="the fetched assignment folder")
    archive.set_defaults(func=_zip)
    return parser


def _init(args: argparse.Namespace) -> int:
    from course.grading.modes import exchange_root, init_exchange

    root = init_exchange(exchange_root(args.course_dir))
    print(f"exchange ready: {root}")
    return 0


def _mode(args: argparse.Namespace) -> int:
    import os

    from course.grading.modes import COURSE_ID, set_mode

    exchange = args.exchange or os.environ.get("COURSE_EXCHANGE")
    for line in set_mode(args.mode, course_id=args.course_id or COURSE_ID, exchange=exchange):
        print(line)
    print("restart JupyterLab for the change to take effect")
    return 0


def _status(args: argparse.Namespace) -> int:
    from nbgrader.api import MissingEntry

    from course.grading.report import PROBLEMS, render, status_rows, write_csv

    try:
        rows = status_rows(args.course_dir, args.assignment)
    except MissingEntry:
        print(f"assignment {args.assignment!r} is not in the gradebook of {args.course_dir}: "
              "run `nbgrader generate_assignment` there first")  # fmt: skip
        return 2
    print(render(rows))
    if args.csv:
        write_csv(rows, args.csv)
    bad = [r.trainee for r in rows if r.status in PROBLEMS]
    if bad:
        print(f"\n{len(bad)} of {len(rows)} submission(s) need attention: {', '.join(bad)}")
    return 1 if bad else 0


def _zip(args: argparse.Namespace) -> int:
    from course.grading.submission import make_archive

    print(make_archive(Path(args.folder), args.assignment, args.trainee))
    return 0
