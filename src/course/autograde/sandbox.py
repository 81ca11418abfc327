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

Wherever ``setpriv`` exists (even with ``--no-sandbox``), every kernel gets SIGKILL the moment
its grading worker dies (``--pdeathsig``), whatever killed the worker.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

from .limits import Limits

UID_BASE = 62000  # numeric uids without passwd entries, one per worker slot
UID_COUNT = 1000
UID_LOCKS = "/tmp/.course-autograde-uids"  # hidden from the kernels (/tmp is)


@dataclass(frozen=True)
class Plan:
    """The sandbox of one run, passed as it is to every worker and kernel manager: what this
    machine enforces (``enforced``/``missing``: name -> how, or why not), the limits, the tools
    (``setpriv``: found on PATH; ``drop_uid``: kernels run as a sandbox uid), the paths to hide,
    the sandbox uids reserved for the run (one per worker slot) and the run's temporary folder
    (``scratch``: kernels keep their private files there)."""

    limits: Limits
    bwrap: str | None = None
    setpriv: str | None = None
    drop_uid: bool = False
    hide: tuple[str, ...] = ()
    enforced: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    uids: tuple[int, ...] = ()
    scratch: str | None = None

    @property
    def jailed(self) -> bool:
        """Whether kernels start inside the jail (bwrap, or at least another uid)."""
        return bool(self.bwrap or self.drop_uid)

    def uid_for(self, slot: int) -> int | None:
        if not self.drop_uid:
            return None
        return self.uids[slot] if slot < len(self.uids) else UID_BASE + slot

    def describe(self) -> list[str]:
        """Human-readable lines: one per enforced and per missing protection."""
        lines = [f"  enforced: {k}: {v}" for k, v in self.enforced.items()]
        lines += [f"  NOT enforced: {k}: {v}" for k, v in self.missing.items()]
        return lines


def reserve_uids(count: int) -> tuple[list[int], list[int]]:
    """Reserve ``count`` sandbox uids no other grading run on this machine holds.

    Each uid is held by an exclusive ``flock`` on a file in UID_LOCKS until the
    returned file descriptors are closed (or every process holding them has exited).
    Two concurrent runs must not share a uid: RLIMIT_NPROC counts per uid, and the
    clean-up kills every process of the uid.  Returns (uids, fds).
    """
    os.makedirs(UID_LOCKS, mode=0o700, exist_ok=True)
    uids: list[int] = []
    fds: list[int] = []
    for uid in range(UID_BASE, UID_BASE + UID_COUNT):
        if len(uids) == count:
            break
        fd = os.open(
            os.path.join(UID_LOCKS, str(uid)), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600
        )
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
    """Find out which protections work on this machine; returns a Plan (no uid reserved yet).

    ``hide``: directories the kernel must not see (course root, exchange).
    ``enabled=False`` gives the plain nbgrader behaviour (no jail), still with
    the wall-clock and output limits, which live in the grading process.
    """
    enforced = {
        "wall clock": f"{limits.wall_seconds:g} s per notebook (kernel killed)",
        "output size": f"{limits.output_bytes} bytes kept per notebook",
    }
    missing: dict[str, str] = {}
    setpriv = shutil.which("setpriv")
    if setpriv:
        enforced["lifetime"] = "a kernel is killed when its grading process dies"
    else:
        missing["lifetime"] = "no setpriv: a kernel may outlive a killed grading process"
    hidden = tuple(os.path.realpath(p) for p in hide)
    if not enabled:
        missing["jail"] = "disabled by --no-sandbox"
        return Plan(limits, setpriv=setpriv, hide=hidden, enforced=enforced, missing=missing)
    bwrap = shutil.which("bwrap")
    if bwrap and _bwrap_works(bwrap):
        enforced["network"] = "none (new network namespace)"
        enforced["files"] = "only the submission's autograded dir is visible read-write"
        enforced["processes"] = "PID namespace: all die with the kernel"
    else:
        why = "bwrap missing (apt-get install bubblewrap)" if not bwrap else "bwrap cannot run"
        missing.update(dict.fromkeys(("network", "files", "processes"), why))
        bwrap = None
    drop_uid = os.geteuid() == 0 and setpriv is not None
    if drop_uid:
        enforced["user"] = f"unprivileged uid {UID_BASE}+slot"
    else:
        missing["user"] = "not root or no setpriv: the kernel runs as the grader"
    enforced["cpu"] = f"{limits.cpu_seconds} s"
    enforced["memory"] = f"{limits.memory_bytes} bytes address space"
    enforced["file size"] = f"{limits.file_bytes} bytes"
    enforced["open files"] = f"{limits.open_files}"
    if drop_uid:
        enforced["nproc"] = f"{limits.processes} processes+threads"
    else:
        missing["nproc"] = "RLIMIT_NPROC does not bind the grader's own (root) uid"
    return Plan(limits, bwrap, setpriv, drop_uid, hidden, enforced, missing)


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


def jail_argv(plan: Plan, workdir: str, private_dir: str, uid: int | None) -> list[str]:
    """The command prefix that runs a kernel command inside the jail, started by this process.

    ``workdir``: the submission directory (read-write, where the kernel starts);
    ``private_dir``: the kernel's connection file and sockets (read-write).  Without
    bwrap, only the ``setpriv`` parts (if any).  With bwrap, the command must be started with
    the read end of a pipe as its stdin whose write end only the starting process holds
    (:class:`~course.autograde.kernel.SandboxedKernelManager` does): the jail dies when that
    pipe closes.
    """
    prefix = lifeline(plan)
    if plan.bwrap:
        hidden = sorted(set(plan.hide) | {"/root", "/home", "/tmp", "/var/tmp", "/run"})
        files = [h for h in hidden if os.path.isfile(h)]
        hidden = [h for h in hidden if os.path.isdir(h)]
        files = [f for f in files if not _under(f, hidden)]
        prefix += [plan.bwrap, "--die-with-parent", "--unshare-pid", "--unshare-net"]
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
        prefix += ["--chdir", workdir, "/bin/sh", "-c", _WATCH, "course-kernel-watch"]
    if uid is not None and plan.setpriv:
        prefix += [plan.setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
        prefix += ["--inh-caps=-all", "--pdeathsig", "KILL", "--"]
    return prefix


#: inside the jail: a watcher that kills everything in the jail's PID namespace once no one
#: holds the write end of the pipe on stdin (the grading worker), then the command, with its
#: stdin from /dev/null.  bwrap's --die-with-parent leaves a window: the sandbox's pid 1 is
#: cloned without a parent-death signal and asks for one only after setting up the mounts, so a
#: worker killed in between (and with it the outer bwrap) leaves pid 1 and the kernel running
#: for good.  End of file on a pipe has no such window.
_WATCH = 'exec 3<&0; (read -r _ <&3; kill -s KILL -- -1) & exec "$@" 3<&- </dev/null'

#: run the command only if this process's parent is still the one given as $0
_PARENT_CHECK = '[ "$PPID" = "$0" ] || exit 1; exec "$@"'


def lifeline(plan: Plan) -> list[str]:
    """The prefix that kills a kernel the moment the process starting it (a grading worker)
    dies, SIGKILL included, which no clean-up code of the worker survives; empty without
    setpriv. ``setpriv --pdeathsig`` asks the kernel for the signal; the shell then checks that
    the worker had not died before that (the signal would never come) and only then goes on."""
    if not plan.setpriv:
        return []
    return [
        plan.setpriv,
        "--pdeathsig",
        "KILL",
        "--",
        "/bin/sh",
        "-c",
        _PARENT_CHECK,
        str(os.getpid()),
    ]
