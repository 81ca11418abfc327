"""A grading worker killed while its kernel is still starting leaves nothing behind.

``bwrap --die-with-parent`` has a window: the sandbox's pid 1 is cloned without a parent-death
signal and asks for one only once the mounts are set up. A worker killed in between (the outer
bwrap dies with it) used to leave pid 1 and the kernel, as the sandbox uid, running for good:
about one start in six when killed at a random moment of the start. A real worker starts a real
kernel through :class:`SandboxedKernelManager` and is killed with SIGKILL at a random moment of
that start, again and again.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time

import psutil
import pytest

from course.autograde.limits import Limits
from course.autograde.sandbox import probe

pytestmark = pytest.mark.slow

PLAN = probe(Limits(), [])

WORKER = """
import asyncio, os, sys, tempfile, time
from dataclasses import replace
from course.autograde.kernel import SandboxedKernelManager
from course.autograde.limits import Limits
from course.autograde.sandbox import probe, reserve_uids

uids, fds = reserve_uids(1)
plan = replace(probe(Limits(), []), uids=tuple(uids), scratch=sys.argv[2])
print(uids[0], flush=True)
km = SandboxedKernelManager(plan=plan, slot=0, kernel_name="python3")
asyncio.run(km.start_kernel(cwd=sys.argv[1]))
time.sleep(600)
"""

ROUNDS = 15


def _of_uid(uid: int) -> list[psutil.Process]:
    """The live processes of ``uid`` 5 s from now, or as soon as there are none."""
    deadline = time.monotonic() + 5
    while True:
        found = [
            p
            for p in psutil.process_iter(["uids", "status"])
            if p.info["uids"]
            and p.info["uids"].real == uid
            and p.info["status"] != psutil.STATUS_ZOMBIE
        ]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.mark.skipif(not (PLAN.bwrap and PLAN.drop_uid), reason="needs root, bwrap and setpriv")
def test_a_worker_killed_while_its_kernel_starts_leaves_no_process(tmp_path):
    rng = random.Random(13)
    left: list[str] = []
    for round_ in range(ROUNDS):
        work, scratch = tmp_path / f"work{round_}", tmp_path / f"scratch{round_}"
        work.mkdir(mode=0o777)
        scratch.mkdir(mode=0o711)
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(work), str(scratch)],
            stdout=subprocess.PIPE,
            text=True,
        )
        uid = int(worker.stdout.readline())
        me = psutil.Process(worker.pid)
        seen: dict[int, psutil.Process] = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until the jail starts
            with contextlib.suppress(psutil.Error):
                kids = me.children(recursive=True)
                seen.update({k.pid: k for k in kids})
                if any(k.name() == "bwrap" for k in kids):
                    break
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.025))  # a random moment of the jail's set-up
        with contextlib.suppress(psutil.Error):
            seen.update({k.pid: k for k in me.children(recursive=True)})
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        _, alive = psutil.wait_procs(list(seen.values()), timeout=5)
        survivors = {p.pid: p for p in alive + _of_uid(uid)}
        for p in survivors.values():
            with contextlib.suppress(psutil.Error):
                left.append(f"round {round_}: {p.pid} {p.name()}")
                p.kill()
    assert left == []
