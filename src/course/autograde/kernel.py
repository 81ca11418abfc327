"""A kernel manager that starts the kernel through the sandbox launcher."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict, Integer

from .sandbox import Plan, jail_argv


def _chown_tree(path: str, uid: int, gid: int) -> None:
    for dirpath, dirnames, filenames in os.walk(path):
        for name in [dirpath, *(os.path.join(dirpath, n) for n in dirnames + filenames)]:
            with contextlib.suppress(OSError):
                os.lchown(name, uid, gid)


def kill_uid(uid: int) -> int:
    """SIGKILL every process whose real uid is ``uid``; returns how many were signalled."""
    killed = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                line = next(x for x in fh if x.startswith("Uid:"))
            if int(line.split()[1]) == uid:
                os.kill(int(entry), signal.SIGKILL)
                killed += 1
        except (OSError, StopIteration, ValueError):
            continue
    return killed


class SandboxedKernelManager(AsyncKernelManager):
    """Starts any kernel spec inside the jail described by ``plan``.

    The connection file and, when the network is cut off, the ZeroMQ ipc
    sockets live in a private directory that is the only other thing mounted
    into the jail.  Interrupts are sent as messages, because a SIGINT to the
    process group would hit bwrap itself.
    """

    plan = Dict(help="sandbox.Plan.to_dict() of the run").tag(config=True)
    slot = Integer(0, help="worker slot: selects the unprivileged uid").tag(config=True)

    _private_dir: str | None = None
    _workdir: str | None = None
    _owner: tuple[int, int] | None = None

    def _plan(self) -> Plan:
        return Plan.from_dict(self.plan)

    async def _async_pre_start_kernel(self, **kw):
        if not self.plan:  # no jail on this machine (or --no-sandbox): a plain kernel
            return await super()._async_pre_start_kernel(**kw)
        plan = self._plan()
        self._private_dir = tempfile.mkdtemp(prefix="course-kernel-")
        self.connection_file = os.path.join(self._private_dir, "kernel.json")
        if plan.bwrap:
            self.transport = "ipc"  # TCP cannot cross into the jail's network namespace
            self.ip = os.path.join(self._private_dir, "ipc")
        self.kernel_spec.interrupt_mode = "message"
        self._workdir = os.path.realpath(kw.get("cwd") or os.getcwd())
        uid = plan.uid_for(self.slot)
        if uid is not None:
            st = os.stat(self._workdir)
            self._owner = (st.st_uid, st.st_gid)
            _chown_tree(self._workdir, uid, uid)
            os.chown(self._private_dir, uid, uid)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if not self.plan:
            return cmd
        plan = self._plan()
        uid = plan.uid_for(self.slot)
        if uid is not None and os.path.exists(self.connection_file):
            os.chown(self.connection_file, uid, uid)
        spec = {
            "limits": plan.limits.to_dict(),
            "prefix": jail_argv(plan, self._workdir, self._private_dir, uid),
            "home": "/tmp" if plan.bwrap else self._private_dir,
        }
        spec_path = os.path.join(self._private_dir, "launch.json")
        with open(spec_path, "w") as fh:
            json.dump(spec, fh)
        return [sys.executable, "-m", "course.autograde.launcher", spec_path, "--", *cmd]

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        try:
            await super()._async_cleanup_resources(restart=restart)
        finally:
            self.release_sandbox()

    def release_sandbox(self) -> None:
        """Kill what is left of the kernel's uid, give the files back, drop the private dir."""
        uid = self._plan().uid_for(self.slot) if self.plan else None
        if uid is not None:
            kill_uid(uid)
            if self._workdir and self._owner and os.path.isdir(self._workdir):
                _chown_tree(self._workdir, *self._owner)
                self._owner = None
        if self._private_dir:
            shutil.rmtree(self._private_dir, ignore_errors=True)
            self._private_dir = None

    def kill_now(self) -> None:
        """SIGKILL the kernel's whole process group (safe from any thread)."""
        pgid = getattr(self.provisioner, "pgid", None)
        if pgid:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)
