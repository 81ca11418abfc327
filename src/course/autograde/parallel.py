"""Run ``Grader`` workers in parallel, one student per task.

The parent never touches the gradebook while workers run.  Workers are forked
from the parent (nbgrader already imported: no 2.4 s start-up per worker).  A
worker that overruns its deadline or dies is killed and replaced; its student
is recorded as failed and the others carry on.

Nothing outlives the run, however it ends: each worker asks the kernel for SIGKILL
when the parent dies (``PR_SET_PDEATHSIG``; its kernels die with it, see
:func:`course.autograde.sandbox.lifeline`) and closes every descriptor it inherited
but its own end of its pipe (a worker holding another pipe's end would never see
the parent go); the sandbox uids are held by locks that die with their holders and
swept of leftover processes when the next run reserves them; the run's temporary
folder is swept by the next run (:mod:`course.autograde.scratch`).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait

from .kernel import kill_uid
from .sandbox import Plan, reserve_uids
from .scratch import RunFolder

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass(frozen=True)
class Job:
    """One run: ``regrade`` maps the students whose autograded folder is to be replaced
    (a stopped run left them unfinished) to why."""

    course_root: str
    assignment: str
    plan: Plan
    nbgrader_args: tuple[str, ...] = ()
    jobs: int = 2
    echo_log: bool = False
    regrade: dict[str, str] = field(default_factory=dict)


def _die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when ``parent`` dies (or exit now if it did)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _worker_main(conn, job: Job, slot: int, parent: int, inherited: tuple[list, list[int]]) -> None:
    _die_with_parent(parent)
    conns, fds = inherited
    for other in conns:  # the parent's ends of every pipe, this worker's own included
        other.close()
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    from .worker import Grader

    try:
        grader = Grader(
            job.course_root, job.assignment, list(job.nbgrader_args), job.plan, slot, job.echo_log
        )
    except BaseException as err:  # noqa: BLE001 - reported to the parent
        conn.send(("broken", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        student = conn.recv()
        if student is None:
            return
        conn.send(("done", grader.grade(student, job.regrade.get(student, ""))))


class _Slot:
    def __init__(self, ctx, job: Job, slot: int, others: list, fds: list[int]) -> None:
        self.slot = slot
        parent, child = ctx.Pipe()
        self.conn = parent
        args = (child, job, slot, os.getpid(), ([*others, parent], fds))
        self.proc = ctx.Process(target=_worker_main, args=args)
        self.proc.start()
        child.close()
        self.student: str | None = None
        self.deadline = 0.0
        self.started = 0.0

    def kill(self, plan: Plan) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        uid = plan.uid_for(self.slot)
        if uid is not None:
            kill_uid(uid)


def run(
    job: Job,
    students: dict[str, int],
    on_start: Callable[[str], None],
    on_result: Callable[[dict], None],
) -> tuple[list[dict], Plan]:
    """Grade ``students`` (id -> notebook count) with ``job.jobs`` workers.

    Calls ``on_start`` in the parent before a student is handed to a worker and ``on_result``
    after each student.  Returns all results in the order given, and the plan the workers
    had (with the run's sandbox uids and temporary folder).  Start-up failures of the workers
    raise RuntimeError.
    """
    ctx = mp.get_context("fork")
    wall = job.plan.limits.wall_seconds
    results: dict[str, dict] = {}
    pending = deque(students)
    count = max(1, min(job.jobs, len(pending)))
    uid_fds: list[int] = []
    with RunFolder() as scratch:
        if job.plan.drop_uid:
            uids, uid_fds = reserve_uids(count)
            for uid in uids:
                kill_uid(uid)  # leftovers of a run that was killed while holding this uid
            job = replace(job, plan=replace(job.plan, uids=tuple(uids)))
        job = replace(job, plan=replace(job.plan, scratch=scratch.path))
        private = [scratch.fd, *uid_fds]  # the workers must not hold the run's locks
        slots: list[_Slot] = []
        for i in range(count):
            slots.append(_Slot(ctx, job, i, [s.conn for s in slots], private))
        idle: list[_Slot] = []
        try:
            while pending or any(s.student for s in slots):
                idle = [s for s in idle if s in slots]
                for s in idle:
                    if pending:
                        s.student = pending.popleft()
                        on_start(s.student)
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
                    others = [o.conn for o in slots if o is not s]
                    slots[i] = _Slot(ctx, job, s.slot, others, private)
        finally:
            for s in slots:
                with contextlib.suppress(OSError):
                    s.conn.send(None)
            for s in slots:
                s.proc.join(10)
                s.kill(job.plan)
            for fd in uid_fds:
                os.close(fd)
    return [results[name] for name in students if name in results], job.plan


def _failure(student: str, why: str, seconds: float) -> dict:
    """The result of a student whose worker was killed: its grading was stopped half-way."""
    return {
        "student": student,
        "status": "failed",
        "interrupted": True,
        "reason": why,
        "seconds": round(seconds, 3),
        "events": [why],
        "errors": [why],
        "log": [],
        "worker_maxrss_kib": 0,
        "kernel_maxrss_kib": 0,
    }
