"""Benchmark `course autograde --jobs N` against sequential `nbgrader autograde`.

Grades the same K synthetic submissions (a real nbgrader course built in a temporary
directory) with:
  1. `nbgrader autograde ps1` (sequential, nbgrader's defaults);
  2. `course autograde ps1 --jobs N` (sandboxed), and optionally with --no-sandbox;
  3. `course autograde ps1 --jobs 1` on F of them, against executing the same notebook F times
     with nbclient alone (the floor: kernel start, run, immediate shutdown).
Prints the speed-up, the per-submission time against the nbclient floor, peak memory
per worker, and whether every grade is identical.  Prints figures; asserts nothing.

    .venv/bin/python benchmarks/autograde_bench.py --students 40 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course.autograde.gradebook import alembic_on_path  # noqa: E402
from tests.support.synthetic import make_cohort, make_course, snapshot  # noqa: E402


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - started


def course_run(root: Path, jobs: int, *extra: str) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "course", "autograde", "ps1", "--course-dir", str(root)]
    elapsed = timed([*cmd, "--jobs", str(jobs), *extra], root)
    report = json.loads((root / "autograde_reports" / "ps1.json").read_text())
    return elapsed, report


def nbclient_floor(notebook: Path, samples: int) -> list[float]:
    """Seconds to execute ``notebook`` with nbclient alone, ``samples`` times, in a copy."""
    work = Path(tempfile.mkdtemp(prefix="floor-"))
    text = notebook.read_text()
    times = []
    for _ in range(samples):
        nb = nbformat.reads(text, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        client = NotebookClient(
            nb,
            timeout=30,
            kernel_name="python3",
            allow_errors=True,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(work)}},
        )
        started = time.perf_counter()
        client.execute()
        times.append(time.perf_counter() - started)
    shutil.rmtree(work)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--floor-samples", type=int, default=10)
    parser.add_argument("--no-sandbox-run", action="store_true", help="also time --no-sandbox")
    args = parser.parse_args()
    alembic_on_path()

    with tempfile.TemporaryDirectory(prefix="autograde-bench-") as tmp:
        base = Path(tmp) / "base"
        make_course(str(base))
        make_cohort(str(base), args.students)
        copies = {}
        for name in ("sequential", "parallel", "unsandboxed", "single"):
            copies[name] = Path(tmp) / name
            shutil.copytree(base, copies[name])
        print(f"{args.students} submissions, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")

        seq = timed([sys.executable, "-m", "nbgrader", "autograde", "ps1"], copies["sequential"])
        print(f"sequential nbgrader autograde:      {seq:7.1f} s")
        par, report = course_run(copies["parallel"], args.jobs)
        print(
            f"course autograde --jobs {args.jobs} (sandbox): {par:7.1f} s   speed-up {seq / par:.2f}x"
        )
        if args.no_sandbox_run:
            unsb, _ = course_run(copies["unsandboxed"], args.jobs, "--no-sandbox")
            print(
                f"course autograde --jobs {args.jobs} --no-sandbox: {unsb:7.1f} s   "
                f"speed-up {seq / unsb:.2f}x"
            )

        expected = snapshot(str(copies["sequential"]))
        same = snapshot(str(copies["parallel"])) == expected
        print(f"grades identical to sequential nbgrader: {same} ({len(expected)} grade rows)")
        statuses = {r["status"] for r in report["results"]}
        print(f"statuses: {sorted(statuses)}")

        # per-submission cost, one stream each: course --jobs 1 vs nbclient alone
        single = copies["single"]
        keep = sorted(p.name for p in (single / "submitted").iterdir())[: args.floor_samples]
        for extra in (single / "submitted").iterdir():
            if extra.name not in keep:
                shutil.rmtree(extra)
        _, single_report = course_run(single, 1)
        per_sub = statistics.mean(r["seconds"] for r in single_report["results"])
        graded = single / "autograded" / keep[0] / "ps1" / "ps1.ipynb"  # hidden tests restored
        floor = nbclient_floor(graded, args.floor_samples)
        floor_mean = statistics.mean(floor)
        print(
            f"per submission (--jobs 1, {len(keep)} subs): {per_sub:.2f} s; nbclient alone: "
            f"{floor_mean:.2f} s (min {min(floor):.2f}); ratio {per_sub / floor_mean:.2f}"
        )
        par_sub = statistics.mean(r["seconds"] for r in report["results"])
        print(f"per submission inside --jobs {args.jobs}: {par_sub:.2f} s (CPU shared)")
        worker = max(r["worker_maxrss_kib"] for r in report["results"]) / 1024
        kernel = max(r["kernel_maxrss_kib"] for r in report["results"]) / 1024
        print(
            f"peak memory per worker: {worker:.0f} MiB (grading process) + {kernel:.0f} MiB (kernel)"
        )


if __name__ == "__main__":
    main()
