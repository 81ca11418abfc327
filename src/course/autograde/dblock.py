"""Serialise every nbgrader gradebook session across worker processes.

nbgrader opens a :class:`nbgrader.api.Gradebook` for each database phase
(``__init__`` already reads and writes: ``create_all``, ``check_course``) and
closes it at the end of a ``with`` block.  SQLite allows one writer, and two
processes that both hold a read transaction and then write deadlock at once
("database is locked", whatever the busy timeout).  Holding an exclusive
``flock`` from ``Gradebook.__init__`` to ``Gradebook.close`` makes the database
phases of the workers take turns while their kernels run concurrently.

Each worker also keeps one SQLAlchemy engine per database URL for all its sessions
(see ``_shared_engine``).
"""

from __future__ import annotations

import fcntl
import os

from nbgrader import api as nbgrader_api
from nbgrader.api import Gradebook


class ProcessFileLock:
    """A re-entrant (per process) exclusive lock on a file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        if self._depth == 0:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._fd = fd
        self._depth += 1

    def release(self) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> ProcessFileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


_installed: ProcessFileLock | None = None
_engines: dict[tuple, object] = {}


def _shared_engine(create_engine):
    """``create_engine`` that gives every Gradebook of this process one engine per URL.

    nbgrader makes a new engine for each of its about ten Gradebook sessions per student, so
    SQLAlchemy compiles every query again each time.  One engine per URL keeps its compiled
    query cache; ``Gradebook.close`` still disposes of its pool, so no connection outlives a
    session or the lock that covers it."""

    def create(url, *args, **kwargs):
        key = (str(url), args, tuple(sorted(kwargs.items())))
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = create_engine(url, *args, **kwargs)
        return engine

    return create


def install(lock_path: str) -> ProcessFileLock:
    """Make every Gradebook in this process hold ``lock_path`` while it is open.

    Changes the ``Gradebook`` class of this process only (workers are separate
    processes); calling it again just switches the lock file.  Returns the lock.
    """
    global _installed
    lock = ProcessFileLock(lock_path)
    if _installed is None:
        original_init = Gradebook.__init__
        original_close = Gradebook.close

        def locked_init(self, *args, **kwargs):
            current = _installed
            current.acquire()
            self._course_lock = current
            try:
                original_init(self, *args, **kwargs)
            except BaseException:
                self._course_lock = None
                current.release()
                raise

        def locked_close(self):
            try:
                original_close(self)
            finally:
                held = getattr(self, "_course_lock", None)
                self._course_lock = None
                if held is not None:
                    held.release()

        Gradebook.__init__ = locked_init
        Gradebook.close = locked_close
        nbgrader_api.create_engine = _shared_engine(nbgrader_api.create_engine)
    _installed = lock
    return lock
