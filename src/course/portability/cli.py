"""``course backup``: the learners' answers files (see :mod:`course.portability.backup`).

* ``course backup make [--out FILE]`` -- write this user's answers file (what the quiz's
  「下载全部答案」 link downloads).
* ``course backup restore FILE`` -- merge an answers file into this user's answers (what the
  quiz's 「上传答案文件」 does).
* ``course backup ingest FILE... [--course-dir DIR] [--trainee ID]`` -- instructors: put the
  graded quizzes of learners' answers files into the course's zip_collect archive folder
  (``downloaded/<assignment>/archive/``) as ``<trainee>_<assignment>.zip``, ready for
  ``nbgrader zip_collect <assignment>``; trainee ids nbgrader would glob or hide are refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.nbcourse import add_course_dir_argument


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "backup",
        help="learners' answers files: make, restore, ingest for nbgrader zip_collect",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="backup_command", metavar="STEP", required=True)
    make = sub.add_parser("make", help="write this user's answers file")
    make.add_argument("--out", type=Path, help="file or folder (default: the current folder)")
    make.set_defaults(func=_make)
    restore = sub.add_parser("restore", help="merge an answers file into this user's answers")
    restore.add_argument("file", type=Path)
    restore.set_defaults(func=_restore)
    ingest = sub.add_parser("ingest", help="graded parts -> downloaded/<assignment>/archive/")
    ingest.add_argument("files", type=Path, nargs="+")
    add_course_dir_argument(ingest)
    ingest.add_argument(
        "--trainee", help="trainee id to file them under (default: the id recorded in each file)"
    )
    ingest.set_defaults(func=_ingest)
    return parser


def _make(args: argparse.Namespace) -> int:
    from course.portability.backup import build

    backup = build()
    out = args.out or Path.cwd()
    target = out / backup.name if out.is_dir() else out
    target.write_bytes(backup.data)
    print(f"{target}: {backup.practice_count} practice answers, graded: {backup.graded or '-'}")
    for problem in backup.problems:
        print(f"left out: {problem}", file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from course.portability.restore import BackupError, restore

    try:
        report = restore(args.file.read_bytes())
    except (BackupError, OSError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    print(report.message())
    return 0


def ingest(files: list[Path], course, trainee: str | None = None) -> list[Path]:
    """Copy the graded parts of ``files`` into the zip_collect archive folder of ``course`` (a
    :class:`course.nbcourse.Course`) as ``<trainee>_<assignment>.zip``; return the paths
    written. Raises BackupError for a bad file and :class:`course.ids.IdError` for a trainee id
    nbgrader would glob or hide, before writing anything for that file."""
    from course.grading.submission import archive_name
    from course.ids import IdError
    from course.portability.restore import read_parts

    written = []
    for path in files:
        manifest, parts = read_parts(path.read_bytes())
        who = trainee or manifest["trainee"]
        try:
            targets = [(course.archive_dir(a) / archive_name(who, a), data) for a, data in parts]
        except IdError as exc:
            raise IdError(f"{path}: {exc}") from exc
        for target, data in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
    return written


def _ingest(args: argparse.Namespace) -> int:
    from course.nbcourse import CourseError, open_course
    from course.portability.restore import BackupError

    try:
        written = ingest(args.files, open_course(args.course_dir), args.trainee)
    except (BackupError, CourseError, OSError, ValueError) as exc:
        print(f"course backup ingest: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    if not written:
        print("no graded quiz in these files")
    return 0
