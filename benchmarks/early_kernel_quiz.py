"""What starting each kernel early buys `course autograde` on the course's real quizzes.

Builds a temporary copy of ``quizzes/`` with ASSIGNMENT generated and N submissions (the released
notebook with a reflection, an ``answers.json`` as the widgets write it: every other trainee right,
the others wrong), then grades copies of it with ``course autograde --jobs J``, alternating runs
with and without ``--no-early-kernel`` (so that a change of load hits both alike), R rounds.
Prints each run's wall time, the mean of each mode, the difference, and whether both modes gave
identical grades. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/early_kernel_quiz.py --students 40 --jobs 2 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.submissions import generate  # noqa: E402

MODES = {"early kernel": [], "--no-early-kernel": ["--no-early-kernel"]}


def grades(root: Path) -> dict:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{root}/gradebook.db") as gb:
        for assignment in gb.assignments:
            for sub in gb.assignment_submissions(assignment.name):
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        out[(sub.student.id, grade.name)] = grade.auto_score
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="quiz-4500")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--extra", action="append", default=[], help="more course autograde args")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="early-kernel-bench-") as tmp:
        quiz = generate(Path(tmp) / "base", args.assignment)
        right, wrong = quiz.right_answers(), quiz.wrong_answers()
        for i in range(args.students):
            quiz.submit(f"s{i:03d}", right if i % 2 == 0 else wrong)
        base = quiz.course.root
        env = quiz.course.env()
        times: dict[str, list[float]] = {mode: [] for mode in MODES}
        seen: dict[str, dict] = {}
        print(
            f"{args.assignment}: {args.students} submissions, --jobs {args.jobs}, "
            f"{os.cpu_count()} CPUs, {args.rounds} rounds"
        )
        for round_ in range(args.rounds):
            order = list(MODES) if round_ % 2 == 0 else list(reversed(MODES))
            for mode in order:
                root = Path(tmp) / f"run-{round_}-{len(times[mode])}-{mode.strip('-')}"
                shutil.copytree(base, root)
                cmd = [sys.executable, "-m", "course", "autograde", args.assignment]
                cmd += ["--course-dir", str(root), "--jobs", str(args.jobs), *args.extra]
                load = os.getloadavg()[0]
                started = time.perf_counter()
                run = subprocess.run([*cmd, *MODES[mode]], env=env, capture_output=True, text=True)
                elapsed = time.perf_counter() - started
                if run.returncode != 0:
                    print(run.stdout[-2000:], run.stderr[-2000:])
                    raise SystemExit(f"course autograde exited {run.returncode}")
                times[mode].append(elapsed)
                seen[mode] = grades(root)
                print(f"  round {round_ + 1} {mode:18s} {elapsed:6.1f} s  (load before {load:.1f})")
                shutil.rmtree(root)
        means = {mode: statistics.mean(values) for mode, values in times.items()}
        for mode, values in times.items():
            spread = f"min {min(values):.1f} max {max(values):.1f}"
            print(f"{mode:18s} mean {means[mode]:6.1f} s ({spread})")
        early, cold = means["early kernel"], means["--no-early-kernel"]
        print(
            f"early kernels save {cold - early:+.1f} s per run, "
            f"{(cold - early) / args.students:+.3f} s per submission ({(cold - early) / cold:+.1%})"
        )
        print(
            f"grades identical in both modes: {seen['early kernel'] == seen['--no-early-kernel']}"
        )


if __name__ == "__main__":
    main()
