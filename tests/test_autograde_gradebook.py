"""course.autograde.gradebook: in a grading worker every SQLite transaction takes the write lock
when it begins (so two workers never deadlock half-way), and waits for it; a transaction of
another process that only reads keeps nothing but SQLite's shared lock without it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

PROBE = textwrap.dedent(
    """
    import sqlite3, sys
    from sqlalchemy import create_engine, text
    from course.autograde.gradebook import take_turns_on_sqlite
    if sys.argv[2] == "turns":
        take_turns_on_sqlite()
    engine = create_engine("sqlite:///" + sys.argv[1])
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))  # a transaction that has only read so far
        other = sqlite3.connect(sys.argv[1], timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            print("another writer could begin")
        except sqlite3.OperationalError as err:
            print("another writer must wait:", err)
    """
)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("turns", "another writer must wait: database is locked"), ("plain", "could begin")],
)
def test_a_transaction_takes_the_write_lock_when_it_begins(tmp_path, mode, expected):
    db = tmp_path / "gradebook.db"
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), mode], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert expected in run.stdout
