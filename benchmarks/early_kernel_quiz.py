r"""What starting each kernel early bought `course autograde` on the course's real quizzes.

Builds a temporary copy of ``quizzes/`` with ASSIGNMENT generated and N submissions (the released
notebook with a reflection, an ``answers.json`` as the widgets write it: every other trainee right,
the others wrong), then grades copies of it with ``course autograde --jobs J`` in each VARIANT,
the variants taking turns in each of R rounds (so that a change of load hits all alike). Prints
each run's wall time, the mean of each variant, and whether all variants gave identical grades.
Prints figures; asserts nothing.

A variant is ``LABEL:SRC:ARGS``: SRC a ``src/`` folder to import ``course`` from (empty: the
installed one), ARGS extra ``course autograde`` arguments (may be empty). Kernels started ahead
were removed after this measurement; to repeat it, check out the commit before their removal
(``git worktree add --detach /tmp/before 4726485``), copy this script and
``tests/support/submissions.py`` into it, and run from there:

    .venv/bin/python /tmp/before/benchmarks/early_kernel_quiz.py --students 40 --jobs 2 \
        --variant "early kernel:/tmp/before/src:" \
        --variant "no early kernel:/tmp/before/src:--no-early-kernel" \
        --variant "this version:$PWD/src:"
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

DEFAULT = ["as installed::"]


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
    parser.add_argument("--variant", action="append", metavar="LABEL:SRC:ARGS")
    args = parser.parse_args()
    variants = {}
    for variant in args.variant or DEFAULT:
        label, src, extra = variant.split(":", 2)
        variants[label] = (src, extra.split())
    with tempfile.TemporaryDirectory(prefix="early-kernel-bench-") as tmp:
        quiz = generate(Path(tmp) / "base", args.assignment)
        for i in range(args.students):
            trainee = f"s{i:03d}"
            answers = quiz.right_answers(trainee) if i % 2 == 0 else quiz.wrong_answers(trainee)
            quiz.submit(trainee, answers)
        base = quiz.course.root
        times: dict[str, list[float]] = {label: [] for label in variants}
        seen: dict[str, dict] = {}
        print(
            f"{args.assignment}: {args.students} submissions, --jobs {args.jobs}, "
            f"{os.cpu_count()} CPUs, {args.rounds} rounds"
        )
        for round_ in range(args.rounds):
            order = list(variants) if round_ % 2 == 0 else list(reversed(variants))
            for mode in order:
                src, extra = variants[mode]
                env = quiz.course.env()
                if src:
                    env["PYTHONPATH"] = src
                root = Path(tmp) / f"run-{round_}-{len(times[mode])}"
                shutil.copytree(base, root)
                cmd = [sys.executable, "-m", "course", "autograde", args.assignment]
                cmd += ["--course-dir", str(root), "--jobs", str(args.jobs), *extra]
                load = os.getloadavg()[0]
                started = time.perf_counter()
                run = subprocess.run(cmd, env=env, capture_output=True, text=True)
                elapsed = time.perf_counter() - started
                if run.returncode != 0:
                    print(run.stdout[-2000:], run.stderr[-2000:])
                    raise SystemExit(f"course autograde exited {run.returncode}")
                times[mode].append(elapsed)
                seen[mode] = grades(root)
                print(f"  round {round_ + 1} {mode:18s} {elapsed:6.1f} s  (load before {load:.1f})")
                shutil.rmtree(root)
        for mode, values in times.items():
            mean = statistics.mean(values)
            spread = f"min {min(values):.1f} max {max(values):.1f}"
            each = mean / args.students
            print(f"{mode:18s} mean {mean:6.1f} s ({spread}), {each:.3f} s per submission")
        first = next(iter(times))
        for mode, values in list(times.items())[1:]:
            # each round ran every variant back to back: its ratio shrugs off slow load swings
            ratios = sorted(v / f for v, f in zip(values, times[first], strict=True))
            print(
                f"{mode} / {first}, median of the rounds' ratios: {statistics.median(ratios):.3f}"
            )
        same = all(grades == next(iter(seen.values())) for grades in seen.values())
        print(f"grades identical in every variant: {same}")


if __name__ == "__main__":
    main()
