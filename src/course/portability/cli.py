"""``course backup``: the learners' answers files (see :mod:`course.portability.backup`).

* ``course backup make [--out FILE]`` -- write this user's answers file (what the quiz's
  「下载全部答案」 link downloads).
* ``course backup restore FILE`` -- merge an answers file into this user's answers (what the
  quiz's 「上传答案文件」 does).
* ``course backup ingest FILE... [--course-dir quizzes] [--trainee ID]`` -- instructors: put
  the graded quizzes of learners' answers files into ``downloaded/<assignment>/archive/`` as
  ``<trainee>_<assignment>.zip``, ready for ``nbgrader zip_collect <assignment>``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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
    ingest.add_argument(
        "--course-dir",
        type=Path,
        default=Path("quizzes"),
        help="nbgrader course root (default: quizzes)",
    )
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


def ingest(files: list[Path], course_dir: Path, trainee: str | None = None) -> list[Path]:
    """Copy the graded parts of ``files`` into ``course_dir/downloaded/<assignment>/archive/``
    as ``<trainee>_<assignment>.zip``; return the paths written. Raises BackupError for a bad
    file (before writing anything for it)."""
    from course.grading.submission import archive_name
    from course.portability.restore import read_parts

    written = []
    for path in files:
        manifest, parts = read_parts(path.read_bytes())
        who = trainee or manifest["trainee"]
        for assignment, data in parts:
            folder = course_dir / "downloaded" / assignment / "archive"
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / archive_name(who, assignment)
            target.write_bytes(data)
            written.append(target)
    return written


def _ingest(args: argparse.Namespace) -> int:
    from course.portability.restore import BackupError

    try:
        written = ingest(args.files, args.course_dir, args.trainee)
    except (BackupError, OSError, ValueError) as exc:
        print(f"course backup ingest: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    if not written:
        print("no graded quiz in these files")
    return 0
