"""Run ``Grader`` workers in parallel, one student per task.

The parent never touches the gradebook while workers run.  Workers are forked
from the parent (nbgrader already imported: no 2.4 s start-up per worker).  A
worker that overruns its deadline or dies is killed and replaced; its student
is recorded as failed and the others carry on.
"""

from __future__ import annotations

import contextlib
import glob
import multiprocessing as mp
import os
import re
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from .kernel import kill_uid
from .sandbox import Plan, reserve_uids


@dataclass
class Job:
    course_root: str
    assignment: str
    nbgrader_args: list[str] = field(default_factory=list)
    plan: Plan | None = None
    jobs: int = 2
    echo_log: bool = False
    early_kernels: bool = True


def find_students(coursedir, assignment: str) -> dict[str, int]:
    """Students with a submission of ``assignment``: id -> number of notebooks.

    Uses nbgrader's own path layout (``CourseDirectory.format_path``) and the
    ``--student`` pattern, as ``nbgrader autograde`` does.
    """
    pattern = coursedir.format_path(coursedir.submitted_directory, coursedir.student_id, assignment)
    regexp = coursedir.format_path(
        coursedir.submitted_directory, "(?P<student_id>.*)", re.escape(assignment), escape=True
    )
    found = {}
    for path in sorted(glob.glob(pattern)):
        m = re.fullmatch(regexp, path)
        if m and os.path.isdir(path):
            found[m.group("student_id")] = len(glob.glob(os.path.join(path, "*.ipynb")))
    return found


def _worker_main(conn, job: Job, slot: int, lock_path: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    from .worker import Grader

    try:
        grader = Grader(
            job.course_root,
            job.assignment,
            job.nbgrader_args,
            job.plan,
            slot,
            lock_path,
            job.echo_log,
            job.early_kernels,
        )
    except BaseException as err:  # noqa: BLE001 - reported to the parent
        conn.send(("broken", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        student = conn.recv()
        if student is None:
            return
        conn.send(("done", grader.grade(student)))


class _Slot:
    def __init__(self, ctx, job: Job, slot: int, lock_path: str) -> None:
        self.slot = slot
        parent, child = ctx.Pipe()
        self.conn = parent
        self.proc = ctx.Process(target=_worker_main, args=(child, job, slot, lock_path))
        self.proc.start()
        child.close()
        self.student: str | None = None
        self.deadline = 0.0
        self.started = 0.0

    def kill(self, plan: Plan | None) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        uid = plan.uid_for(self.slot) if plan else None
        if uid is not None:
            kill_uid(uid)


def run(job: Job, students: dict[str, int], on_result: Callable[[dict], None]) -> list[dict]:
    """Grade ``students`` (id -> notebook count) with ``job.jobs`` workers.

    Calls ``on_result`` in the parent after each student; returns all results
    in the order given.  Start-up failures of the workers raise RuntimeError.
    """
    ctx = mp.get_context("fork")
    wall = job.plan.limits.wall_seconds if job.plan else 0
    results: dict[str, dict] = {}
    pending = deque(students)
    count = max(1, min(job.jobs, len(pending)))
    uid_fds: list[int] = []
    if job.plan is not None and job.plan.drops_uid:
        job.plan.uids, uid_fds = reserve_uids(count)
        for uid in job.plan.uids:
            kill_uid(uid)  # leftovers of a run that crashed while holding this uid
    with tempfile.TemporaryDirectory(prefix="course-autograde-") as tmp:
        lock_path = os.path.join(tmp, "gradebook.lock")
        slots = [_Slot(ctx, job, i, lock_path) for i in range(count)]
        idle: list[_Slot] = []
        try:
            while pending or any(s.student for s in slots):
                idle = [s for s in idle if s in slots]
                for s in idle:
                    if pending:
                        s.student = pending.popleft()
                        s.started = time.monotonic()
                        budget = (wall or 3600) * max(1, students[s.student]) + 300
                        s.deadline = s.started + budget
                        s.conn.send(s.student)
                idle = [s for s in idle if not s.student]
                ready = wait([s.conn for s in slots] + [s.proc.sentinel for s in slots], 1.0)
                for i, s in enumerate(slots):
                    kind, value = None, None
                    if s.conn in ready or s.conn.poll():
                        try:
                            kind, value = s.conn.recv()
                        except (EOFError, OSError):
                            kind = "died"
                    elif not s.proc.is_alive():
                        kind = "died"
                    elif s.student and time.monotonic() > s.deadline:
                        kind = "overrun"
                    if kind is None:
                        continue
                    if kind == "broken":
                        raise RuntimeError(f"grading worker could not start: {value}")
                    if kind == "ready":
                        idle.append(s)
                        continue
                    if kind == "done":
                        results[value["student"]] = value
                        on_result(value)
                        s.student, s.deadline = None, 0.0
                        idle.append(s)
                        continue
                    # died or overran: record, replace the worker
                    s.kill(job.plan)
                    if s.student:
                        why = "grading process died" if kind == "died" else "deadline exceeded"
                        result = _failure(s.student, why, time.monotonic() - s.started)
                        results[s.student] = result
                        on_result(result)
                    slots[i] = _Slot(ctx, job, s.slot, lock_path)
        finally:
            for s in slots:
                with contextlib.suppress(OSError):
                    s.conn.send(None)
            for s in slots:
                s.proc.join(10)
                s.kill(job.plan)
            for fd in uid_fds:
                os.close(fd)
    return [results[name] for name in students if name in results]


def _failure(student: str, why: str, seconds: float) -> dict:
    return {
        "student": student,
        "status": "failed",
        "reason": why,
        "seconds": round(seconds, 3),
        "events": [why],
        "errors": [why],
        "log": [],
        "worker_maxrss_kib": 0,
        "kernel_maxrss_kib": 0,
    }
