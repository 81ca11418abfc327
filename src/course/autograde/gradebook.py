"""nbgrader's gradebook, written by several grading workers at once.

nbgrader opens a :class:`nbgrader.api.Gradebook` (a new SQLAlchemy engine) for each database
phase of each student and closes it at the end of a ``with`` block; its transactions are short,
and nothing holds one while a kernel runs. SQLite allows one writer: two processes that both
begin a transaction, read, and then write deadlock at once ("database is locked", whatever the
busy timeout), because SQLite cannot wait for a lock the other holds while it holds its own.
:func:`take_turns_on_sqlite` makes every SQLite transaction of the process begin with
``BEGIN IMMEDIATE``, which takes the write lock at the start (the recipe of SQLAlchemy's pysqlite
documentation), and wait for it up to :data:`BUSY_TIMEOUT_MS`: transactions take turns, kernels
run at the same time. It uses SQLAlchemy's own event hooks, for SQLite connections only: a
server database such as PostgreSQL is left alone, its transactions run concurrently.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import warnings

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SAWarning

BUSY_TIMEOUT_MS = 300_000  # a transaction lasts milliseconds; a dead holder releases at once


def _on_connect(dbapi_connection, connection_record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        # the driver's own implicit BEGIN is off: _on_begin says how each transaction begins
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _on_begin(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def take_turns_on_sqlite() -> None:
    """Make every SQLite transaction of this process take the write lock when it begins, and
    wait for it (changes SQLAlchemy's event registry of this process; calling it again does
    nothing). For grading workers, each its own process."""
    if not event.contains(Engine, "connect", _on_connect):
        event.listen(Engine, "connect", _on_connect)
        event.listen(Engine, "begin", _on_begin)


def quiet_nbgrader_warnings() -> None:
    """Hide the warnings nbgrader 0.9's gradebook raises under SQLAlchemy 2 on every new
    submission ("Object of type <SubmittedAssignment> not in session, add operation along ...
    will not proceed"): it builds a submission's rows, reads a relationship (which autoflushes)
    and only then adds them to the session itself, so the cascade the warning is about is never
    needed. Changes this process's warning filters."""
    warnings.filterwarnings(
        "ignore",
        message=r"Object of type <\w+> not in session, add operation along",
        category=SAWarning,
    )


def alembic_on_path() -> None:
    """Put this Python's bin directory on PATH: nbgrader runs ``alembic`` from PATH when it
    creates a gradebook. Changes ``os.environ``."""
    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
