"""Trainee and instructor modes, set by ``course grading mode`` for one user (a HOME of its own),
checked on a real JupyterLab: what its page config disables, whether formgrader answers, and
whether the assignment list finds the course's released assignment in the exchange."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading.modes import INSTRUCTOR_PLUGINS, exchange_root, init_exchange, set_mode
from tests.support.grading import as_user

pytestmark = pytest.mark.slow


def _course(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_")}
    proc = subprocess.run([sys.executable, "-m", "course", "grading", *args],
                          env={**env, "HOME": str(home)}, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
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
    (outbound / "quiz-4500.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, '
                                              '"nbformat_minor": 5}')  # fmt: skip
    return root


def test_exchange_root_follows_the_course_config(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    assert exchange_root(tmp_path) == tmp_path.resolve() / "exchange"
    monkeypatch.setenv("COURSE_EXCHANGE", str(tmp_path / "shared"))
    root = init_exchange(exchange_root(tmp_path))
    assert root == tmp_path / "shared" and root.stat().st_mode & 0o777 == 0o777


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
