"""``course autograde ASSIGNMENT --jobs N``: parallel, sandboxed nbgrader autograde.

Exit status: 0 every submission graded (or already graded); 1 it ran, but some submissions need
attention (refused, or nbgrader could not grade them); 2 it could not run (unknown assignment,
no submission, a broken configuration or worker).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from course.nbcourse import CourseError, add_course_dir_argument, resolve_course_dir

from .limits import Limits, MiB

DEFAULT_LIMITS = Limits()
EXIT_OK, EXIT_ATTENTION, EXIT_UNABLE = 0, 1, 2


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``autograde`` subcommand on an argparse ``subparsers`` object."""
    p = subparsers.add_parser(
        "autograde",
        help="autograde submissions in parallel, in a sandbox (nbgrader autograde)",
        description=__doc__,
    )
    p.add_argument("assignment")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    add_course_dir_argument(p)
    p.add_argument("--student", help="only students matching this glob (nbgrader --student)")
    p.add_argument("--force", "-f", action="store_true", help="regrade already graded students")
    p.add_argument("--no-sandbox", action="store_true", help="run kernels unconfined")
    p.add_argument("--wall-seconds", type=float, default=DEFAULT_LIMITS.wall_seconds)
    p.add_argument("--cpu-seconds", type=int, default=DEFAULT_LIMITS.cpu_seconds)
    p.add_argument("--memory-mb", type=int, default=DEFAULT_LIMITS.memory_bytes // MiB)
    p.add_argument("--max-processes", type=int, default=DEFAULT_LIMITS.processes)
    p.add_argument("--file-mb", type=int, default=DEFAULT_LIMITS.file_bytes // MiB)
    p.add_argument("--output-kb", type=int, default=DEFAULT_LIMITS.output_bytes // 1024)
    p.add_argument(
        "--nbgrader-option",
        action="append",
        default=[],
        metavar="OPT",
        help="passed to nbgrader, e.g. --nbgrader-option=--Execute.timeout=10",
    )
    p.add_argument("--report", help="JSON report path (default: <course>/autograde_reports/)")
    p.add_argument("--verbose", "-v", action="store_true", help="show nbgrader's log")
    p.set_defaults(func=run)
    return p


def _limits(args) -> Limits:
    return Limits(
        wall_seconds=args.wall_seconds,
        cpu_seconds=args.cpu_seconds,
        memory_bytes=args.memory_mb * MiB,
        processes=args.max_processes,
        file_bytes=args.file_mb * MiB,
        output_bytes=args.output_kb * 1024,
    )


def _hidden_paths(app) -> list[str]:
    """The course root, the exchange, an out-of-tree SQLite gradebook, the git repository."""
    from course.nbcourse import Course

    course = Course(Path(app.coursedir.root), app.config, app.coursedir)
    paths = [app.coursedir.root]
    exchange, gradebook = course.exchange_root, course.sqlite_file()
    paths += [os.path.abspath(p) for p in (exchange, gradebook) if p is not None]
    # a git checkout around the course holds the answer keys in .git/objects
    here = os.path.abspath(app.coursedir.root)
    while True:
        if os.path.isdir(os.path.join(here, ".git")):
            paths.append(os.path.join(here, ".git"))
            break
        if os.path.dirname(here) == here:
            break
        here = os.path.dirname(here)
    return [p for p in paths if os.path.exists(p)]


def run(args) -> int:
    """Run the subcommand; returns the exit status (EXIT_OK, EXIT_ATTENTION, EXIT_UNABLE)."""
    try:
        return _run(args)
    except _Unable as err:
        print(f"course autograde could not run: {err}", file=sys.stderr)
        return EXIT_UNABLE


class _Unable(Exception):
    """The run cannot start or cannot go on (message in English)."""


def _run(args) -> int:
    from nbgrader.apps.autogradeapp import AutogradeApp

    from course.ids import IdError, check_assignment

    from . import gradebook, output, students
    from .parallel import Job
    from .parallel import run as run_parallel
    from .sandbox import probe

    try:
        check_assignment(args.assignment)
    except IdError as err:
        raise _Unable(str(err)) from None
    gradebook.alembic_on_path()
    gradebook.quiet_nbgrader_warnings()
    try:
        root = str(resolve_course_dir(args.course_dir))
    except CourseError as exc:
        raise _Unable(str(exc)) from None
    os.chdir(root)
    nb_args = list(args.nbgrader_option)
    if args.student:
        nb_args.append(f"--student={args.student}")
    if args.force:
        nb_args.append("--force")
    app = AutogradeApp()
    try:
        app.initialize([args.assignment, *nb_args])
    except (Exception, SystemExit) as err:
        raise _Unable(f"nbgrader could not load the course's configuration ({err})") from None
    _known_assignment(app, args.assignment)
    found = students.find(app.coursedir, args.assignment, args.student or "*")
    if not found.count:
        where = app.coursedir.format_path(app.coursedir.submitted_directory, "*", args.assignment)
        raise _Unable(f"no submission of {args.assignment!r} ({where})")
    in_flight = students.InFlight(root, args.assignment)
    regrade = (
        {}
        if args.force
        else students.unfinished(app.coursedir, args.assignment, found.grade, in_flight)
    )
    plan = probe(_limits(args), _hidden_paths(app), enabled=not args.no_sandbox)
    jobs = max(1, args.jobs)
    print(f"course autograde: {found.count} submission(s) of {args.assignment!r}, {jobs} job(s)")
    print("sandbox:\n" + "\n".join(plan.describe()))
    quarantined = output.trainee_code_quarantined(app.config)
    print("trainee code: " + (output.QUARANTINED if quarantined else output.RUNS))
    job = Job(root, args.assignment, plan, tuple(nb_args), jobs, args.verbose, regrade)
    progress = output.Progress(found.count)
    refused = [output.refusal(name, why) for name, why in found.refused.items()]
    for result in refused:
        progress.update(result)
    started, results = time.monotonic(), []
    try:
        if found.grade:
            results, plan = run_parallel(
                job, found.grade, in_flight.mark, _finish(in_flight, progress)
            )
    except RuntimeError as err:
        raise _Unable(str(err)) from None
    finally:
        progress.close()
    elapsed = time.monotonic() - started
    results = refused + results
    report = args.report or os.path.join(root, "autograde_reports", f"{args.assignment}.json")
    output.write_record(
        report,
        {
            "assignment": args.assignment,
            "jobs": jobs,
            "seconds": round(elapsed, 3),
            "sandbox": asdict(plan),
            "trainee_code": "quarantined" if quarantined else "runs beside the tests",
            "results": results,
        },
    )
    counts = Counter(r["status"] for r in results)
    print(f"done in {elapsed:.1f}s: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    attention = [r for r in results if r["status"] in ("failed", "refused")]
    for r in attention:
        print(f"  {r['status'].upper()} {r['student']}: {r['reason']}")
    print(f"report: {report}")
    return EXIT_ATTENTION if attention else EXIT_OK


def _known_assignment(app, assignment: str) -> None:
    """Raise _Unable unless ``assignment`` is in the gradebook (nbgrader grades nothing else)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(app.coursedir.db_url, app.coursedir.course_id) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise _Unable(
                f"assignment {assignment!r} is not in the gradebook "
                f"(run nbgrader generate_assignment {assignment} first)"
            ) from None


def _finish(in_flight, progress):
    """on_result: a result ends the student's in-progress marker, unless its worker was
    killed half-way (the next run then grades it again)."""

    def done(result: dict) -> None:
        if not result.get("interrupted"):
            in_flight.clear(result["student"])
        progress.update(result)

    return done
