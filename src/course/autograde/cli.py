"""``course autograde ASSIGNMENT --jobs N``: parallel, sandboxed nbgrader autograde."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from course.nbcourse import CourseError, add_course_dir_argument, resolve_course_dir

from .limits import Limits, MiB

DEFAULT_LIMITS = Limits()


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
    p.add_argument(
        "--no-early-kernel",
        action="store_true",
        help="start each kernel only when nbgrader's Execute step comes (slower; for comparison)",
    )
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
    paths = [app.coursedir.root]
    exchange = app.config.Exchange.get("root", "/srv/nbgrader/exchange")
    paths.append(exchange)
    url = app.coursedir.db_url
    if url.startswith("sqlite:///"):
        paths.append(os.path.abspath(url[len("sqlite:///") :]))
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
    """Run the subcommand; returns the exit status (1 if any student failed)."""
    from nbgrader.apps.autogradeapp import AutogradeApp

    from .parallel import Job, find_students
    from .parallel import run as run_parallel
    from .progress import Progress
    from .sandbox import probe
    from .synthetic import ensure_tools_on_path

    ensure_tools_on_path()
    try:
        root = str(resolve_course_dir(args.course_dir))
    except CourseError as exc:
        print(f"course autograde: {exc}", file=sys.stderr)
        return 2
    os.chdir(root)
    nb_args = list(args.nbgrader_option)
    if args.student:
        nb_args.append(f"--student={args.student}")
    if args.force:
        nb_args.append("--force")
    app = AutogradeApp()
    app.initialize([args.assignment, *nb_args])
    students = find_students(app.coursedir, args.assignment)
    if not students:
        folder = os.path.join(app.coursedir.root, app.coursedir.submitted_directory)
        print(f"no submissions of {args.assignment!r} in {folder}/")
        return 1
    plan = probe(_limits(args), _hidden_paths(app), enabled=not args.no_sandbox)
    jobs = max(1, args.jobs)
    print(f"course autograde: {len(students)} submission(s) of {args.assignment!r}, {jobs} job(s)")
    print("sandbox:\n" + "\n".join(plan.describe()))
    quarantined = trainee_code_quarantined(app)
    print("trainee code: " + (QUARANTINED if quarantined else RUNS))
    job = Job(root, args.assignment, nb_args, plan, jobs, args.verbose)
    job.early_kernels = not args.no_early_kernel
    progress = Progress(len(students))
    started = time.monotonic()
    results = run_parallel(job, students, progress.update)
    elapsed = time.monotonic() - started
    report = args.report or os.path.join(root, "autograde_reports", f"{args.assignment}.json")
    os.makedirs(os.path.dirname(os.path.abspath(report)), exist_ok=True)
    with open(report, "w") as fh:
        json.dump(
            {
                "assignment": args.assignment,
                "jobs": jobs,
                "seconds": round(elapsed, 3),
                "sandbox": plan.to_dict(),
                "trainee_code": "quarantined" if quarantined else "runs beside the tests",
                "results": results,
            },
            fh,
            indent=1,
            ensure_ascii=False,
        )
    failed = [r for r in results if r["status"] == "failed"]
    print(f"done in {elapsed:.1f}s: " + ", ".join(f"{k} {v}" for k, v in progress.counts.items()))
    for r in failed:
        print(f"  FAILED {r['student']}: {r['reason']}")
    print(f"report: {report}")
    return 1 if failed else 0


QUARANTINED = (
    "not run (QuarantineTraineeCode is a sanitising step): only the instructor's code runs, "
    "so no code of the trainee can change a result"
)
RUNS = (
    "runs in the grading kernel beside the tests; after each test that passes, a failing "
    "check must still fail (the tamper canary): a detector, not a proof against forgery"
)


def trainee_code_quarantined(app) -> bool:
    """Whether the course's sanitising steps include QuarantineTraineeCode."""
    steps = (
        app.config.Autograde.get("sanitize_preprocessors", []) if "Autograde" in app.config else []
    )
    names = [s if isinstance(s, str) else f"{s.__module__}.{s.__name__}" for s in steps]
    return any(n.rsplit(".", 1)[-1] == "QuarantineTraineeCode" for n in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
