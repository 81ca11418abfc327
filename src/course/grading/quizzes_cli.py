"""``course quizzes ...``: the graded quizzes as data.

* ``course quizzes build`` -- check every ``pools/<assignment>.yaml`` of the course, then write
  the nbgrader source notebooks ``source/<assignment>/<assignment>.ipynb`` from them. Nothing is
  written when any file has a problem; every problem is named (file, pool, question, field).
* ``course quizzes build --check`` -- write nothing; exit 1 if a notebook differs from its data.
* ``course quizzes paper ASSIGNMENT TRAINEE...`` -- which question each trainee gets in each
  slot (the same draw the quiz, autograde and the reports make).

The course folder: ``--course-dir``, else the current folder if it holds ``nbgrader_config.py``,
else ``./quizzes``.
"""

from __future__ import annotations

import argparse
import sys

from course.nbcourse import add_course_dir_argument

EXIT = """exit status:
  0  done (build: notebooks written or already up to date; --check: all up to date)
  1  --check: some notebook differs from its data (run `course quizzes build`)
  2  nothing done: a problem in the question data, no course folder, unknown assignment
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "quizzes",
        help="graded quizzes as data: build the source notebooks, show a trainee's paper",
        description=__doc__,
        epilog=EXIT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="quizzes_command", metavar="STEP", required=True)
    build = sub.add_parser("build", help="write source/<assignment>/ from pools/<assignment>.yaml")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    add_course_dir_argument(build)
    build.set_defaults(func=_build)
    paper = sub.add_parser("paper", help="the questions each trainee gets")
    paper.add_argument("assignment")
    paper.add_argument("trainees", nargs="+", metavar="TRAINEE")
    add_course_dir_argument(paper)
    paper.set_defaults(func=_paper)
    return parser


def _fail(message: str) -> int:
    print(f"course quizzes: {message}", file=sys.stderr)
    return 2


def _quizzes(course_dir):
    """The course folder and its validated quizzes; raises PoolError or CourseError."""
    from course.grading import pools
    from course.nbcourse import resolve_course_dir

    folder = resolve_course_dir(course_dir)
    return folder, pools.load(folder)


def _source_dir(folder):
    """The course's configured source folder (``CourseDirectory.source_directory``)."""
    from pathlib import Path

    from course.nbcourse import open_course

    course = open_course(folder)
    return Path(course.root, course.coursedir.source_directory)


def _build(args: argparse.Namespace) -> int:
    from course.grading import generate
    from course.grading.pools import PoolError
    from course.nbcourse import CourseError

    try:
        folder, quizzes = _quizzes(args.course_dir)
        source = _source_dir(folder)
    except (PoolError, CourseError) as exc:
        return _fail(str(exc))
    if args.check:
        stale = generate.stale(source, quizzes)
        for path in stale:
            print(f"out of date: {path} (run `course quizzes build`)")
        if not stale:
            print(f"{len(quizzes)} notebook(s) in {source} match {folder / 'pools'}")
        return 1 if stale else 0
    changed = generate.build(source, quizzes)
    for path in changed:
        print(f"written: {path}")
    print(f"{len(quizzes)} assignment(s), {len(changed)} notebook(s) written, in {source}")
    return 0


def _paper(args: argparse.Namespace) -> int:
    from course.grading.pools import PoolError
    from course.ids import IdError, check_trainee
    from course.nbcourse import CourseError

    try:
        _, quizzes = _quizzes(args.course_dir)
        for trainee in args.trainees:
            check_trainee(trainee)
    except (PoolError, CourseError, IdError) as exc:
        return _fail(str(exc))
    found = [q for q in quizzes if q.assignment == args.assignment]
    if not found:
        known = ", ".join(q.assignment for q in quizzes)
        return _fail(f"no assignment {args.assignment!r} (known: {known})")
    paper = found[0].paper()
    for trainee in args.trainees:
        print(trainee)
        for slot, question in paper.draw(trainee).items():
            print(f"  {slot}: {question}")
    return 0
