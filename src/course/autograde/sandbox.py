"""Detect what this machine allows and build the command that jails a kernel.

The jail, when everything is available (root + bubblewrap + setpriv):
- ``bwrap`` with new PID, network, IPC and UTS namespaces: no network at all
  (only an isolated loopback); every process of the kernel dies with it;
- the file system read-only, with the course directory, the exchange, home
  directories and ``/tmp`` hidden behind empty tmpfs mounts; only the one
  submission's ``autograded/<student>/<assignment>`` directory is mounted back
  read-write (the gradebook, the source notebooks and other trainees' work stay
  invisible);
- ``setpriv`` to an unprivileged uid per worker slot, so that RLIMIT_NPROC binds
  and the kernel cannot write anything root owns;
- rlimits (see :mod:`course.autograde.limits`) set by the launcher.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

from .limits import Limits

UID_BASE = 62000  # numeric uids without passwd entries, one per worker slot
UID_COUNT = 1000
UID_LOCKS = "/tmp/.course-autograde-uids"  # hidden from the kernels (/tmp is)


@dataclass
class Plan:
    """What the sandbox will enforce here.  ``enforced``/``missing``: name -> why."""

    limits: Limits
    bwrap: str | None = None
    setpriv: str | None = None
    hide: list[str] = field(default_factory=list)
    enforced: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    uids: list[int] = field(default_factory=list)

    @property
    def drops_uid(self) -> bool:
        return self.setpriv is not None

    def uid_for(self, slot: int) -> int | None:
        if not self.drops_uid:
            return None
        return self.uids[slot] if slot < len(self.uids) else UID_BASE + slot

    def to_dict(self) -> dict:
        return {
            "limits": self.limits.to_dict(),
            "bwrap": self.bwrap,
            "setpriv": self.setpriv,
            "hide": list(self.hide),
            "enforced": dict(self.enforced),
            "missing": dict(self.missing),
            "uids": list(self.uids),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Plan:
        data = dict(data)
        data["limits"] = Limits.from_dict(data["limits"])
        return cls(**data)

    def describe(self) -> list[str]:
        """Human-readable lines: one per enforced and per missing protection."""
        lines = [f"  enforced: {k}: {v}" for k, v in self.enforced.items()]
        lines += [f"  NOT enforced: {k}: {v}" for k, v in self.missing.items()]
        return lines


def reserve_uids(count: int) -> tuple[list[int], list[int]]:
    """Reserve ``count`` sandbox uids no other grading run on this machine holds.

    Each uid is held by an exclusive ``flock`` on a file in UID_LOCKS until the
    returned file descriptors are closed (or the process exits).  Two concurrent
    runs must not share a uid: RLIMIT_NPROC counts per uid, and the clean-up kills
    every process of the uid.  Returns (uids, fds).
    """
    import fcntl

    os.makedirs(UID_LOCKS, mode=0o700, exist_ok=True)
    uids: list[int] = []
    fds: list[int] = []
    for uid in range(UID_BASE, UID_BASE + UID_COUNT):
        if len(uids) == count:
            break
        fd = os.open(os.path.join(UID_LOCKS, str(uid)), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        uids.append(uid)
        fds.append(fd)
    if len(uids) < count:
        raise RuntimeError(f"no free sandbox uid in {UID_BASE}..{UID_BASE + UID_COUNT}")
    return uids, fds


def _bwrap_works(bwrap: str) -> bool:
    cmd = [bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--unshare-ipc"]
    cmd += ["--die-with-parent", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "true"]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def probe(limits: Limits, hide: list[str], enabled: bool = True) -> Plan:
    """Find out which protections work on this machine; returns a Plan.

    ``hide``: directories the kernel must not see (course root, exchange).
    ``enabled=False`` gives the plain nbgrader behaviour (no jail), still with
    the wall-clock and output limits, which live in the grading process.
    """
    plan = Plan(limits=limits, hide=[os.path.realpath(p) for p in hide])
    wall = f"{limits.wall_seconds:g} s per notebook (kernel killed)"
    plan.enforced["wall clock"] = wall
    plan.enforced["output size"] = f"{limits.output_bytes} bytes kept per notebook"
    if not enabled:
        plan.missing["jail"] = "disabled by --no-sandbox"
        return plan
    bwrap = shutil.which("bwrap")
    if bwrap and _bwrap_works(bwrap):
        plan.bwrap = bwrap
        plan.enforced["network"] = "none (new network namespace)"
        plan.enforced["files"] = "only the submission's autograded dir is visible read-write"
        plan.enforced["processes"] = "PID namespace: all die with the kernel"
    else:
        why = "bwrap missing (apt-get install bubblewrap)" if not bwrap else "bwrap cannot run"
        for name in ("network", "files", "processes"):
            plan.missing[name] = why
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv:
        plan.setpriv = setpriv
        plan.enforced["user"] = f"unprivileged uid {UID_BASE}+slot"
    else:
        plan.missing["user"] = "not root or no setpriv: the kernel runs as the grader"
    for name, value in (
        ("cpu", f"{limits.cpu_seconds} s"),
        ("memory", f"{limits.memory_bytes} bytes address space"),
        ("file size", f"{limits.file_bytes} bytes"),
        ("open files", f"{limits.open_files}"),
    ):
        plan.enforced[name] = value
    if plan.drops_uid:
        plan.enforced["nproc"] = f"{limits.processes} processes+threads"
    else:
        plan.missing["nproc"] = "RLIMIT_NPROC does not bind the grader's own (root) uid"
    return plan


def _under(path: str, parents: list[str]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in parents)


def _ancestors(path: str) -> list[str]:
    """``/a/b/c`` -> ``["/a", "/a/b"]``."""
    parts = path.strip("/").split("/")[:-1]
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def _parents(path: str, hidden: list[str]) -> list[str]:
    """bwrap options creating the parents of ``path`` inside hidden directories with mode 0755.

    bwrap would create them with mode 0700, which the unprivileged kernel uid cannot pass: a
    virtual environment under ``/tmp`` (a checkout there) would then not start at all."""
    out: list[str] = []
    for parent in _ancestors(path):
        if _under(parent, hidden) and parent not in hidden:
            out += ["--perms", "0755", "--dir", parent]
    return out


def jail_argv(
    plan: Plan, workdir: str, private_dir: str, uid: int | None, chdir: str | None = None
) -> list[str]:
    """The command prefix that runs a kernel command inside the jail.

    ``workdir``: the submission directory (read-write); ``private_dir``: the
    kernel's connection file and sockets (read-write); ``chdir``: where the kernel
    starts (default ``workdir``).  Returns [] without bwrap.
    """
    prefix: list[str] = []
    if plan.bwrap:
        hidden = sorted(set(plan.hide) | {"/root", "/home", "/tmp", "/var/tmp", "/run"})
        files = [h for h in hidden if os.path.isfile(h)]
        hidden = [h for h in hidden if os.path.isdir(h)]
        files = [f for f in files if not _under(f, hidden)]
        prefix = [plan.bwrap, "--die-with-parent", "--unshare-pid", "--unshare-net"]
        prefix += ["--unshare-ipc", "--unshare-uts", "--ro-bind", "/", "/"]
        prefix += ["--dev", "/dev", "--proc", "/proc"]
        for path in hidden:
            prefix += ["--perms", "1777", "--tmpfs", path] if path == "/tmp" else ["--tmpfs", path]
        for path in files:  # e.g. a gradebook outside the course directory
            prefix += ["--ro-bind", "/dev/null", path]
        # the Python installation must stay visible even if it lives under a hidden dir
        python = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix)}
        exposed = python | {os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)}
        for path in sorted(exposed):
            if _under(path, plan.hide) and path not in python:
                continue  # sys.path has the course root in it: never re-expose it
            if path in hidden or os.path.realpath(os.getcwd()) == path:
                continue  # never undo a whole hidden directory
            if _under(path, hidden) and not _under(path, [workdir, private_dir]):
                prefix += _parents(path, hidden) + ["--ro-bind", path, path]
        for path in (workdir, private_dir):
            prefix += _parents(path, hidden) + ["--bind", path, path]
        prefix += ["--chdir", chdir or workdir]
    if uid is not None and plan.setpriv:
        prefix += [plan.setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
        prefix += ["--inh-caps=-all", "--"]
    return prefix
