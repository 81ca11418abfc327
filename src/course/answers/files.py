"""The answers file on disk: read it safely, write it atomically, lock it, set a bad one aside.

* **Reading treats the file as untrusted** (a submission is): a symbolic link is never followed
  (``O_NOFOLLOW``), anything but a regular file is refused without blocking (a FIFO would
  otherwise hang the reader), and a file over :data:`~.schema.MAX_BYTES` is refused unread.
* **Atomic**: a write goes to a temporary file in the same folder, is flushed and fsync'ed, then
  renamed over the file (:func:`os.replace`). A crash at any point leaves the old file or the new
  one, never half of one; a failed write leaves the old one as it was.
* **Concurrent writers**: :func:`locked` holds an exclusive ``fcntl.flock`` on the sidecar
  ``<name>.lock``, so that two processes never lose each other's read-modify-writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .schema import MAX_BYTES, AnswersFileError

_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``). Raises FileNotFoundError
    if there is none, :class:`AnswersFileError` for a symbolic link, anything but a regular
    file, or a file over ``limit`` (never reading it), and OSError if it cannot be read."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise AnswersFileError("a symbolic link (never followed)") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AnswersFileError("not a regular file")
        if info.st_size > limit:
            raise AnswersFileError(f"too large ({info.st_size:,} bytes; at most {limit:,})")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise AnswersFileError(f"too large (over {limit:,} bytes)")
        return b"".join(chunks)
    finally:
        os.close(fd)


#: The lock file beside an answers file is named ``<answers file name><LOCK_SUFFIX>``.
LOCK_SUFFIX = ".lock"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of the answers file ``path`` (creating its folder if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + LOCK_SUFFIX)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_atomic(path: Path, payload: bytes, limit: int = MAX_BYTES) -> None:
    """Replace ``path`` by ``payload`` atomically (temp file in the same folder, fsync, rename,
    fsync the folder); call under :func:`locked`. A payload over ``limit`` is refused with
    OSError (EFBIG) before anything is written: the reader would refuse the file."""
    if len(payload) > limit:
        raise OSError(errno.EFBIG, f"the answers file would exceed {limit:,} bytes", str(path))
    # Temporary files are only made under the lock, so any seen now is a dead writer's.
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def set_aside(path: Path) -> Path:
    """Rename ``path`` (a file, a link or anything else; never followed) to
    ``<name>.corrupt-<UTC time>`` beside it and return the new path."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, aside)
    return aside
