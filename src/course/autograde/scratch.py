"""The temporary folder of one ``course autograde`` run, and the sweep of those a killed run left.

The folder is named after the run's process id (``course-autograde-<pid>-*`` in the system's
temporary directory) and holds an exclusive ``flock`` on its ``.alive`` file for as long as the
run lives: the lock goes with the last process holding it, however it ends, SIGKILL included.
Every kernel keeps its connection file and sockets in a folder inside it, so a run that cannot
clean up leaves one folder behind, and the next run removes every such folder whose lock is free.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile

PREFIX = "course-autograde-"
ALIVE = ".alive"
_NAME = re.compile(rf"{PREFIX}(\d+)-")


class RunFolder:
    """``with RunFolder() as folder:`` a fresh locked folder (``folder.path``); removed at the
    end. ``folder.fd`` is the lock's descriptor, which forked workers must close."""

    def __init__(self) -> None:
        self.path = ""
        self.fd = -1

    def __enter__(self) -> RunFolder:
        sweep()
        self.path = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
        os.chmod(self.path, 0o711)  # a sandbox uid must reach its kernel's folder inside
        self.fd = os.open(os.path.join(self.path, ALIVE), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self.fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _stale(path: str, pid: int) -> bool:
    try:
        fd = os.open(os.path.join(path, ALIVE), os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return not _alive(pid)  # the run may be between creating the folder and its lock
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False  # a live run holds it
    finally:
        os.close(fd)


def sweep() -> list[str]:
    """Remove the folders of runs that no longer live; returns their paths."""
    removed = []
    base = tempfile.gettempdir()
    for name in sorted(os.listdir(base)):
        path = os.path.join(base, name)
        match = _NAME.match(name)
        ours = match and os.path.isdir(path) and not os.path.islink(path)
        if ours and _stale(path, int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
