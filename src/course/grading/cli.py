"""``course grading ...``: the graded-quiz steps nbgrader lacks.

* ``course grading init`` -- create the exchange folder the course's configuration names.
* ``course grading mode trainee|instructor`` -- what this user's JupyterLab shows, and the course
  (id, exchange) its assignment list uses.
* ``course grading status ASSIGNMENT`` -- per-trainee status table after autograde;
  ``--csv FILE`` also writes it as CSV.
* ``course grading zip ASSIGNMENT --trainee ID`` -- the offline submission zip of a folder.

The course folder: ``--course-dir``, else the current folder if it holds ``nbgrader_config.py``,
else ``./quizzes``; its configuration is read as nbgrader's own commands read it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.nbcourse import add_course_dir_argument

STATUS_EXIT = """exit status:
  0  every submission is fine (or there is none)
  1  the table was made and some submission needs attention: see its status and details
  2  no table could be made: no course folder, no gradebook, unknown assignment, ...
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "grading",
        help="graded quizzes: exchange, modes, status report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="grading_command", metavar="STEP", required=True)

    init = sub.add_parser("init", help="create the exchange folder")
    add_course_dir_argument(init)
    init.set_defaults(func=_init)

    mode = sub.add_parser("mode", help="trainee or instructor JupyterLab for this user")
    mode.add_argument("mode", choices=["trainee", "instructor"])
    mode.add_argument("--exchange", help="exchange folder (default: the course's)")
    mode.add_argument(
        "--course-id", default=None, help="nbgrader course id (default: the course's)"
    )
    add_course_dir_argument(mode)
    mode.set_defaults(func=_mode)

    status = sub.add_parser(
        "status",
        help="per-trainee status table after autograde",
        description="The per-trainee status of an assignment after autograde.",
        epilog=STATUS_EXIT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    status.add_argument("assignment")
    add_course_dir_argument(status)
    status.add_argument("--csv", help="also write the table to this CSV file")
    status.set_defaults(func=_status)

    archive = sub.add_parser("zip", help="offline submission: <trainee>_<assignment>.zip")
    archive.add_argument("assignment")
    archive.add_argument("--trainee", required=True)
    archive.add_argument("--folder", default=".", help="the fetched assignment folder")
    archive.set_defaults(func=_zip)
    return parser


def _fail(command: str, message: str) -> int:
    print(f"course grading {command}: {message}", file=sys.stderr)
    return 2


def _init(args: argparse.Namespace) -> int:
    from course.grading.modes import init_exchange
    from course.nbcourse import CourseError, open_course

    try:
        course = open_course(args.course_dir)
    except CourseError as exc:
        return _fail("init", str(exc))
    if course.exchange_root is None:
        return _fail("init", f"the exchange of the course in {course.root} has no root folder")
    print(f"exchange ready: {init_exchange(course.exchange_root)}")
    return 0


def _mode(args: argparse.Namespace) -> int:
    from course.grading.modes import set_mode
    from course.nbcourse import COURSE_ID, CourseError, open_course

    if args.exchange is not None and not args.exchange.strip():
        return _fail("mode", "--exchange is empty: leave it out to use the course's exchange")
    course_id, exchange = args.course_id, args.exchange
    if course_id is None or exchange is None:
        try:
            course = open_course(args.course_dir)
        except CourseError as exc:  # a trainee's account on a hub has no course folder
            print(f"{exc}\nusing course id {course_id or COURSE_ID!r}", file=sys.stderr)
        else:
            course_id = course_id or course.course_id
            exchange = exchange or course.exchange_root
    if exchange is None:
        print(
            "no exchange folder: the assignment list will not work until one is set (--exchange)",
            file=sys.stderr,
        )
    elif not Path(exchange).is_dir():
        print(
            f"the exchange folder {exchange} does not exist yet: "
            "`course grading init` creates it (nbgrader does not)",
            file=sys.stderr,
        )
    for line in set_mode(args.mode, course_id=course_id or COURSE_ID, exchange=exchange):
        print(line)
    print("restart JupyterLab for the change to take effect")
    return 0


def _status(args: argparse.Namespace) -> int:
    import traceback

    from nbgrader.api import MissingEntry

    from course.grading.status import PROBLEMS, status_rows
    from course.grading.status_table import render, write_csv
    from course.ids import IdError, check_assignment
    from course.nbcourse import CourseError, open_course

    try:
        check_assignment(args.assignment)
        course = open_course(args.course_dir)
        print(f"{args.assignment} in {course.root} (gradebook {course.db_shown})")
        rows = status_rows(course, args.assignment)
    except MissingEntry:
        return _fail(
            "status",
            f"assignment {args.assignment!r} is not in the gradebook "
            f"{course.db_shown}: run `nbgrader generate_assignment {args.assignment}` "
            f"in {course.root} first",
        )
    except (CourseError, IdError) as exc:
        return _fail("status", str(exc))
    except Exception as exc:  # a defect here: still "could not run", never "needs attention"
        traceback.print_exc()
        return _fail("status", f"could not run: {type(exc).__name__}: {exc}")
    if not rows:
        folder = Path(course.root, course.coursedir.submitted_directory)
        print(f"no submission of {args.assignment} in {folder}/ and none in the gradebook")
        return 0
    print(render(rows))
    if args.csv:
        try:
            write_csv(rows, args.csv)
        except OSError as exc:
            return _fail("status", f"cannot write {args.csv}: {exc}")
    bad = [r.trainee for r in rows if r.status in PROBLEMS]
    if bad:
        print(f"\n{len(bad)} of {len(rows)} submission(s) need attention: {', '.join(bad)}")
    return 1 if bad else 0


def _zip(args: argparse.Namespace) -> int:
    from course.grading.submission import make_archive

    print(make_archive(Path(args.folder), args.assignment, args.trainee))
    return 0
