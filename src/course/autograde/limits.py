"""Resource limits for a grading kernel, and applying them with setrlimit."""

from __future__ import annotations

import resource
from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-notebook limits; 0 means "no limit" for each field."""

    wall_seconds: float = 600.0  # whole notebook, on top of nbgrader's per-cell timeout
    cpu_seconds: int = 600  # RLIMIT_CPU of the kernel process tree (each process)
    memory_bytes: int = 2048 * MiB  # RLIMIT_AS: address space of each kernel process
    processes: int = 256  # RLIMIT_NPROC (threads count), only binding for a non-root uid
    file_bytes: int = 64 * MiB  # RLIMIT_FSIZE: largest file the kernel may write
    open_files: int = 1024  # RLIMIT_NOFILE
    output_bytes: int = 4 * MiB  # stream/display output kept per notebook


_RLIMITS = {
    "cpu_seconds": resource.RLIMIT_CPU,
    "memory_bytes": resource.RLIMIT_AS,
    "processes": resource.RLIMIT_NPROC,
    "file_bytes": resource.RLIMIT_FSIZE,
    "open_files": resource.RLIMIT_NOFILE,
}


#: prlimit(1)'s option for each limit
_PRLIMIT = {
    "cpu_seconds": "--cpu",
    "memory_bytes": "--as",
    "processes": "--nproc",
    "file_bytes": "--fsize",
    "open_files": "--nofile",
}


def rlimit_values(limits: Limits) -> dict[str, tuple[int, int]]:
    """(soft, hard) for each limit that is set, never above this process's hard limit."""
    out = {}
    for field, which in _RLIMITS.items():
        value = int(getattr(limits, field))
        if value <= 0:
            continue
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        # the CPU soft limit sends SIGXCPU; the hard limit one second later SIGKILL
        new_hard = value + 1 if which == resource.RLIMIT_CPU else value
        if hard != resource.RLIM_INFINITY:
            new_hard = min(new_hard, hard)
        out[field] = (value, new_hard)
    return out


def apply_rlimits(limits: Limits) -> None:
    """Lower this process's rlimits (inherited by everything it executes).

    Changes the calling process: call it only in the launcher, just before ``exec``.
    """
    for field, (soft, hard) in rlimit_values(limits).items():
        resource.setrlimit(_RLIMITS[field], (soft, hard))


def prlimit_argv(prlimit: str, limits: Limits) -> list[str]:
    """``prlimit`` options that set the same limits as :func:`apply_rlimits` on the command it
    runs (a C program: no Python start-up in front of every kernel)."""
    argv = [prlimit]
    for field, (soft, hard) in rlimit_values(limits).items():
        argv.append(f"{_PRLIMIT[field]}={soft}:{hard}")
    return [*argv, "--"]
