"""Benchmark: N trainees on one cohort hub at once, on loopback (run as root).

Builds a real hub with the project's commands (tests/support/cohorthub.py: ``course hub setup``,
``init``, ``db init`` on a throwaway PostgreSQL, ``roster apply``, ``start``), N trainees and one
instructor, and ``quiz-4500`` released. Then, all trainees at once (one thread each, every loop
bounded): log in with their password, have their server spawned through the hub, fetch the quiz
through nbgrader's assignment list, write a marker of their own into the notebook, save and
submit. The grader collects, and every collected notebook is checked for its owner's marker.

Prints: time to spawn N servers (first, median, last ready), fetch and submit latency (p50,
p95, max), lost and mixed-up submissions, memory (the hub process per user, each JupyterLab
server, one kernel with the quiz loaded) and what that means for a 2-core / 24 GB server.
Prints figures; asserts nothing.

    .venv/bin/python benchmarks/hub_cohort.py --trainees 30
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import psutil  # noqa: E402

from course.hub import unix  # noqa: E402
from tests.support.cohorthub import make_testbed  # noqa: E402
from tests.support.postgres import postgres_server  # noqa: E402

A = "quiz-4500"
GiB = 1024**3
MiB = 1024**2


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def rss(pids) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += psutil.Process(pid).memory_info().rss
    return total


def hub_pid(bed) -> int:
    """The JupyterHub process (``course hub start`` execs into it)."""
    return bed.process.pid


def processes_of(uids: set[int], word: str) -> list[int]:
    found = []
    for proc in psutil.process_iter(["uids", "cmdline"]):
        uid = proc.info["uids"].real if proc.info["uids"] else None
        if uid in uids and any(word in part for part in (proc.info["cmdline"] or [])):
            found.append(proc.pid)
    return found


def in_parallel(function, items) -> dict:
    results, errors = {}, {}

    def run(item):
        try:
            results[item] = function(item)
        except Exception as exc:  # noqa: BLE001 - counted and printed
            errors[item] = f"{type(exc).__name__}: {exc}"

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(900)
    return {"results": results, "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    args = parser.parse_args()
    n = args.trainees
    figures: dict = {"trainees": n}
    with postgres_server() as postgres:
        bed = make_testbed(["a"], postgres=postgres)
        try:
            (course,) = bed.courses
            names = [bed.account(f"t{i:02d}") for i in range(1, n + 1)]
            rows = [(name, f"学员{i:02d}", "trainee", course) for i, name in enumerate(names, 1)]
            bed.apply_roster([*rows, (bed.account("ia"), "赵老师", "instructor", course)])
            bed.grader(course, "nbgrader", "generate_assignment", A)
            bed.grader(course, "nbgrader", "release_assignment", A)
            figures["hub start s"] = round(bed.start(), 1)
            hub_before = rss([hub_pid(bed)])

            started = time.monotonic()
            logins = in_parallel(bed.login, names)
            figures["log in, all at once s"] = round(time.monotonic() - started, 1)
            users = logins["results"]
            started = time.monotonic()

            def spawn(name: str) -> float:  # as a browser does: ask, then wait for the server
                users[name].start_server()
                return users[name].wait_ready(600) - started

            ready = in_parallel(spawn, list(users))
            times = sorted(ready["results"].values())
            figures["spawn errors"] = len(ready["errors"]) + len(logins["errors"])
            if times:
                figures["spawn N servers s"] = {
                    "first": round(times[0], 1),
                    "median": round(statistics.median(times), 1),
                    "last": round(times[-1], 1),
                }

            def fetch_and_submit(name: str) -> dict:
                user = users[name]
                t0 = time.monotonic()
                result = user.assignment_action("fetch", course, A)
                t1 = time.monotonic()
                if not result["success"]:
                    raise RuntimeError(f"fetch: {result['value']}")
                path = f"{course}/{A}/{A}.ipynb"
                nb = user.read_file(path)
                nb["cells"].append(
                    {"cell_type": "markdown", "metadata": {}, "source": f"marker {name}"}
                )
                user.save_notebook(path, nb)
                t2 = time.monotonic()
                result = user.assignment_action("submit", course, A)
                t3 = time.monotonic()
                if not result["success"]:
                    raise RuntimeError(f"submit: {result['value']}")
                return {"fetch": t1 - t0, "submit": t3 - t2}

            started = time.monotonic()
            done = in_parallel(fetch_and_submit, list(users))
            figures["fetch+submit, all at once s"] = round(time.monotonic() - started, 1)
            figures["fetch/submit errors"] = done["errors"]
            for step in ("fetch", "submit"):
                values = [r[step] for r in done["results"].values()]
                if values:
                    figures[f"{step} latency s"] = {
                        "p50": round(pct(values, 0.5), 2),
                        "p95": round(pct(values, 0.95), 2),
                        "max": round(max(values), 2),
                    }

            hub_after = rss([hub_pid(bed)])
            uids = {unix.account(name).pw_uid for name in names}
            servers = processes_of(uids, "jupyterhub-singleuser")
            figures["hub process MiB"] = {
                "before users": round(hub_before / MiB),
                "with users": round(hub_after / MiB),
                "per user": round((hub_after - hub_before) / max(1, len(users)) / MiB, 2),
            }
            server_mib = rss(servers) / max(1, len(servers)) / MiB
            figures["JupyterLab server MiB each"] = round(server_mib)
            proxy = processes_of({0}, "course.hub.proxy")
            figures["proxy MiB"] = round(rss(proxy) / MiB)

            first = users[names[0]]
            kernel = first.kernel(f"{course}/{A}/{A}.ipynb")
            kernel.run_all(first.read_file(f"{course}/{A}/{A}.ipynb"))
            kernels = processes_of({unix.account(names[0]).pw_uid}, "ipykernel")
            kernel_mib = rss(kernels) / max(1, len(kernels)) / MiB
            kernel.close()
            figures["kernel with the quiz loaded MiB"] = round(kernel_mib)

            collect = bed.grader(course, "nbgrader", "collect", A)
            submitted = bed.hub.course_dir(course) / "submitted"
            lost, mixed = [], []
            for name in users:
                path = submitted / name / A / f"{A}.ipynb"
                if not path.exists():
                    lost.append(name)
                    continue
                cells = json.loads(path.read_text())["cells"]
                texts = [
                    "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                    for c in cells
                ]
                markers = [text for text in texts if text.startswith("marker ")]
                if markers != [f"marker {name}"]:
                    mixed.append(name)
            figures["lost submissions"] = len(lost) + (n - len(users))
            figures["mixed-up submissions"] = len(mixed)
            figures["collect refusals"] = collect.stdout.count("Refused")

            per_trainee = server_mib + kernel_mib
            budget = 24 * 1024 - 2 * 1024 - round(hub_after / MiB) - 2 * 300  # OS, hub, 2 services
            figures["memory per active trainee MiB (server + one kernel)"] = round(per_trainee)
            figures["trainees one 24 GB server holds by memory"] = int(budget / per_trainee)
        finally:
            bed.cleanup()
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
