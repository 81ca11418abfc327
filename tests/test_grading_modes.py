"""Trainee and instructor modes, set by ``course grading mode`` for one user (a HOME of its own),
checked on a real JupyterLab: what its page config disables, whether formgrader answers, and
whether the assignment list finds the course's released assignment in the exchange."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading.modes import INSTRUCTOR_PLUGINS, init_exchange, set_mode
from course.nbcourse import COURSE_ID
from tests.support.grading import QUIZZES, as_user

pytestmark = pytest.mark.slow


def _course(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_")}
    proc = subprocess.run(
        [sys.executable, "-m", "course", "grading", *args],
        env={**env, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _disabled(server) -> set[str]:
    return set(server.page_config().get("disabledExtensions", []))


@pytest.fixture
def exchange(tmp_path: Path) -> Path:
    """An exchange holding one released assignment, laid out as release_assignment leaves it."""
    root = init_exchange(tmp_path / "exchange")
    outbound = root / "zj-tibet-4500" / "outbound" / "quiz-4500"
    outbound.mkdir(parents=True)
    (outbound / "quiz-4500.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    return root


def test_init_creates_the_exchange_the_course_config_names(tmp_path):
    course = tmp_path / "quizzes"
    course.mkdir()
    shutil.copy(QUIZZES / "nbgrader_config.py", course)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "COURSE_"))}
    home = tmp_path / "home"
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "timeout": 300}
    init = [sys.executable, "-m", "course", "grading", "init"]
    proc = subprocess.run(init, env={**env, "HOME": str(home)}, **run)
    assert proc.returncode == 0, proc.stderr
    assert (course / "exchange").stat().st_mode & 0o777 == 0o777
    shared = tmp_path / "shared"
    proc = subprocess.run(
        init, env={**env, "HOME": str(home), "COURSE_EXCHANGE": str(shared)}, **run
    )
    assert proc.returncode == 0 and shared.stat().st_mode & 0o777 == 0o777, proc.stderr


def test_mode_takes_the_course_id_and_exchange_from_the_course(tmp_path):
    course = tmp_path / "quizzes"
    course.mkdir()
    shutil.copy(QUIZZES / "nbgrader_config.py", course)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "COURSE_"))}
    env["HOME"] = str(tmp_path / "home")
    mode = [sys.executable, "-m", "course", "grading", "mode", "trainee"]
    run = {"cwd": tmp_path, "env": env, "capture_output": True, "text": True, "timeout": 300}
    empty = subprocess.run([*mode, "--exchange", ""], **run)
    assert empty.returncode == 2 and "--exchange is empty" in empty.stderr
    proc = subprocess.run(mode, **run)
    assert proc.returncode == 0, proc.stderr
    missing = f"the exchange folder {course / 'exchange'} does not exist yet"
    assert missing in proc.stderr and "course grading init" in proc.stderr
    written = (tmp_path / "home" / ".jupyter" / "nbgrader_config.py").read_text()
    assert f"c.CourseDirectory.course_id = {COURSE_ID!r}" in written
    assert f"c.Exchange.root = {str(course / 'exchange')!r}" in written


def test_trainee_sees_assignments_but_no_instructor_tools(tmp_path, exchange, lab_server):
    home = tmp_path / "trainee"
    _course(home, "mode", "trainee", "--exchange", str(exchange))
    server = lab_server(tmp_path, env={"HOME": str(home)})
    disabled = _disabled(server)
    assert set(INSTRUCTOR_PLUGINS) <= disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    assert server.get("formgrader")[0] == 404
    status, listing = server.get("assignments?course_id=zj-tibet-4500")
    assert status == 200
    assert [a["assignment_id"] for a in json.loads(listing)["value"]] == ["quiz-4500"]


def test_instructor_sees_everything(tmp_path, exchange, lab_server):
    home = tmp_path / "instructor"
    with as_user(home, "teacher"):  # first a trainee set-up (in-process), then switch back
        set_mode("trainee", exchange=exchange)
    _course(home, "mode", "instructor", "--exchange", str(exchange))
    server = lab_server(tmp_path, env={"HOME": str(home)})
    disabled = _disabled(server)
    assert not set(INSTRUCTOR_PLUGINS) & disabled
    assert server.get("formgrader")[0] == 200
