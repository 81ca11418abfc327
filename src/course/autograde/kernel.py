"""A kernel manager that starts the kernel through the sandbox launcher."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import sys
import tempfile

import psutil
from jupyter_client.manager import AsyncKernelManager
from traitlets import Instance, Integer

from . import launcher
from .sandbox import Plan, jail_argv, lifeline


def _chown_tree(path: str, uid: int, gid: int) -> None:
    for dirpath, dirnames, filenames in os.walk(path):
        for name in [dirpath, *(os.path.join(dirpath, n) for n in dirnames + filenames)]:
            with contextlib.suppress(OSError):
                os.lchown(name, uid, gid)


#: what happened to the notebooks graded in this process since the last reset (the worker
#: clears it per student and reports it)
EVENTS: list[str] = []


def remove_links_and_specials(root: str) -> list[str]:
    """Delete every symbolic link, FIFO, socket or device node under ``root``; returns their
    paths relative to ``root``.

    Trainee code may leave them in the submission folder, and what runs after the kernel runs
    as the grader and outside the jail: nbgrader's ``set_permissions`` chmods through links,
    ``generate_feedback`` copies through them (a link to the gradebook or to a source notebook
    would be followed), and copying a FIFO blocks forever.
    """
    removed = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in list(dirnames) + filenames:
            path = os.path.join(dirpath, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
                continue
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed.append(os.path.relpath(path, root))
            if name in dirnames:
                dirnames.remove(name)  # a link to a folder: never walk into it
    return sorted(removed)


def kill_uid(uid: int) -> int:
    """SIGKILL every process whose real uid is ``uid``; returns how many were signalled."""
    killed = 0
    for proc in psutil.process_iter(["uids"]):
        uids = proc.info["uids"]
        if uids is not None and uids.real == uid:
            with contextlib.suppress(psutil.Error):
                proc.kill()
                killed += 1
    return killed


class SandboxedKernelManager(AsyncKernelManager):
    """Starts any kernel spec inside the jail described by ``plan``.

    The connection file and, when the network is cut off, the ZeroMQ ipc
    sockets live in a private directory (in the run's temporary folder) that is
    the only other thing mounted into the jail.  Interrupts are sent as messages,
    because a SIGINT to the process group would hit bwrap itself.
    """

    plan = Instance(Plan, allow_none=True, help="the run's sandbox; None: a plain kernel")
    slot = Integer(0, help="worker slot: selects the unprivileged uid")

    _private_dir: str | None = None
    _workdir: str | None = None
    _owner: tuple[int, int] | None = None
    _lifeline: tuple[int, int] | None = None  # (read, write) ends of the jail's stdin pipe

    @property
    def uid(self) -> int | None:
        return self.plan.uid_for(self.slot) if self.plan is not None else None

    async def _async_pre_start_kernel(self, **kw):
        plan = self.plan
        if plan is None or not plan.jailed:
            return await super()._async_pre_start_kernel(**kw)
        self._private_dir = tempfile.mkdtemp(prefix="kernel-", dir=plan.scratch)
        self.connection_file = os.path.join(self._private_dir, "kernel.json")
        if plan.bwrap:
            self.transport = "ipc"  # TCP cannot cross into the jail's network namespace
            self.ip = os.path.join(self._private_dir, "ipc")
        self.kernel_spec.interrupt_mode = "message"
        self._workdir = os.path.realpath(kw.get("cwd") or os.getcwd())
        uid = self.uid
        if uid is not None:
            st = os.stat(self._workdir)
            self._owner = (st.st_uid, st.st_gid)
            _chown_tree(self._workdir, uid, uid)
            os.chown(self._private_dir, uid, uid)
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        if plan.bwrap:
            # the jail kills itself when this pipe closes (see sandbox._WATCH): only this
            # process holds the write end (not inheritable), so it closes when this process
            # dies, however it dies
            self._lifeline = os.pipe()
            kw["stdin"] = self._lifeline[0]
        return cmd, kw

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            if self._lifeline is not None:
                os.close(self._lifeline[0])

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        plan = self.plan
        if plan is None or not plan.jailed:
            # no jail, but the kernel still dies with its grading process
            return (lifeline(plan) if plan is not None else []) + cmd
        uid = self.uid
        if uid is not None and os.path.exists(self.connection_file):
            os.chown(self.connection_file, uid, uid)
        prefix = jail_argv(plan, self._workdir, self._private_dir, uid)
        home = "/tmp" if plan.bwrap else self._private_dir
        pids = bool(plan.bwrap)
        fast = launcher.command(plan.limits, prefix, home, pids, cmd)
        if fast is not None:
            return fast
        spec_path = os.path.join(self._private_dir, "launch.json")
        with open(spec_path, "w") as fh:
            json.dump(launcher.spec(plan.limits, prefix, home, pids), fh)
        return [sys.executable, "-m", "course.autograde.launcher", spec_path, "--", *cmd]

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        try:
            await super()._async_cleanup_resources(restart=restart)
        finally:
            self.release_sandbox()

    def release_sandbox(self) -> None:
        """Kill what is left of the kernel's uid, remove links and special files it left in
        its working directory, give the files back, drop the private dir."""
        uid = self.uid
        if uid is not None:
            kill_uid(uid)
        if self._private_dir and self._workdir and os.path.isdir(self._workdir):
            removed = remove_links_and_specials(self._workdir)
            if removed:
                EVENTS.append(
                    "removed what the kernel left that is not a plain file or folder: "
                    + ", ".join(removed)
                )
        if uid is not None and self._workdir and self._owner and os.path.isdir(self._workdir):
            _chown_tree(self._workdir, *self._owner)
            self._owner = None
        if self._private_dir:
            shutil.rmtree(self._private_dir, ignore_errors=True)
            self._private_dir = None
        if self._lifeline is not None:
            os.close(self._lifeline[1])
            self._lifeline = None

    def kill_now(self) -> None:
        """SIGKILL the kernel's whole process group (safe from any thread)."""
        pgid = getattr(self.provisioner, "pgid", None)
        if pgid:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)
