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

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Dict, Integer

from . import launcher
from .sandbox import Plan, jail_argv


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
    boot_elsewhere = Bool(
        False,
        help="boot in the empty private directory, with ``cwd`` mounted but not entered "
        "(a kernel started ahead: see course.autograde.warm)",
    )

    _private_dir: str | None = None
    _workdir: str | None = None
    _owner: tuple[int, int] | None = None

    def _plan(self) -> Plan:
        return Plan.from_dict(self.plan)

    @property
    def boot_dir(self) -> str | None:
        """Where a ``boot_elsewhere`` kernel started (None otherwise)."""
        if not (self.boot_elsewhere and self._private_dir):
            return None
        return os.path.realpath(self._private_dir)

    @property
    def workdir(self) -> str | None:
        return self._workdir

    async def _async_pre_start_kernel(self, **kw):
        if self.boot_elsewhere:
            self._private_dir = tempfile.mkdtemp(prefix="course-kernel-")
            self._workdir = os.path.realpath(kw.get("cwd") or os.getcwd())
            kw["cwd"] = self._private_dir
        if not self.plan:  # no jail on this machine (or --no-sandbox): a plain kernel
            return await super()._async_pre_start_kernel(**kw)
        plan = self._plan()
        if self._private_dir is None:
            self._private_dir = tempfile.mkdtemp(prefix="course-kernel-")
        self.connection_file = os.path.join(self._private_dir, "kernel.json")
        if plan.bwrap:
            self.transport = "ipc"  # TCP cannot cross into the jail's network namespace
            self.ip = os.path.join(self._private_dir, "ipc")
        self.kernel_spec.interrupt_mode = "message"
        if not self.boot_elsewhere:
            self._workdir = os.path.realpath(kw.get("cwd") or os.getcwd())
        uid = plan.uid_for(self.slot)
        if uid is not None:
            st = os.stat(self._workdir)
            self._owner = (st.st_uid, st.st_gid)
            self.own_workdir()
            os.chown(self._private_dir, uid, uid)
        return await super()._async_pre_start_kernel(**kw)

    def own_workdir(self) -> None:
        """Give the working directory's files to the sandbox uid again (files copied in
        after the kernel started belong to the grader)."""
        uid = self._plan().uid_for(self.slot) if self.plan else None
        if uid is not None and self._workdir and os.path.isdir(self._workdir):
            _chown_tree(self._workdir, uid, uid)

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
            "prefix": jail_argv(
                plan, self._workdir, self._private_dir, uid, chdir=self.boot_dir or self._workdir
            ),
            "home": "/tmp" if plan.bwrap else self._private_dir,
        }
        fast = launcher.command(spec, cmd)
        if fast is not None:
            return fast
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
        """Kill what is left of the kernel's uid, remove links and special files it left in
        its working directory, give the files back, drop the private dir."""
        uid = self._plan().uid_for(self.slot) if self.plan else None
        if uid is not None:
            kill_uid(uid)
        if self.plan and self._workdir and os.path.isdir(self._workdir):
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

    def kill_now(self) -> None:
        """SIGKILL the kernel's whole process group (safe from any thread)."""
        pgid = getattr(self.provisioner, "pgid", None)
        if pgid:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)
