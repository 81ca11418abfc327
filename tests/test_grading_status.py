"""``course grading status`` on a real course (a copy of ``quizzes/`` in ``<base>/repo/quizzes``,
as in the checkout), after real ``nbgrader`` runs that leave what the hostile corpus found:

* ``t02-deep``: an ``answers.json`` nested 10,000 levels deep (a ``RecursionError`` in a parser);
* ``t05-killed``: ``nbgrader autograde`` killed (the whole process group, as ``kill -9`` or a
  crash) after it wrote the sanitised notebook and before it executed it;
* ``c40_[ab]`` beside ``c40_a``: plain nbgrader globs the first id and grades the second in its
  place, and the honest ``c40_a`` ends without a gradebook score.

One table row per trainee whatever happens, each problem flagged, exit status 0/1/2.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import papers
from tests.support.grading import A, Course, make_course, right_answers, submit_copy

pytestmark = pytest.mark.slow


FULL = papers.quiz(A).paper().max_score  # every question of a paper right (reflection by hand)
TRAINEES = ("t01-fine", "t02-deep", "t05-killed", "c40_a", "c40_[ab]")
#: every status that needs the instructor (course.grading.status.PROBLEMS, spelled out here)
PROBLEMS = {
    "check-failed",
    "bad-id",
    "unreadable",
    "no-notebook",
    "not-autograded",
    "not-executed",
    "no-score",
    "timed-out",
    "other-paper",
    "answers-corrupt",
    "answers-missing",
    "tampered",
}


def interrupted_autograde(course: Course, trainee: str, stall: Path) -> None:
    """Run ``nbgrader autograde`` for ``trainee`` and kill its process group once the sanitised
    notebook is written. Its kernel is a kernelspec that never answers (``sleep``), so the kill
    always lands after sanitising and before executing."""
    spec = stall / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = ["sleep", "600"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "stall"}))
    target = course.root / "autograded" / trainee / A / f"{A}.ipynb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "nbgrader", "autograde", A, f"--student={trainee}"],
        cwd=course.root,
        env={**course.env(), "JUPYTER_PATH": str(stall)},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while not target.exists():
            assert proc.poll() is None, "nbgrader autograde ended before it could be killed"
            assert time.monotonic() < deadline, "no sanitised notebook after 300 s"
            time.sleep(0.05)
        time.sleep(1)  # let the write finish; the kernel it waits for never answers
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def status(cwd: Path, course: Course, *args: str) -> subprocess.CompletedProcess:
    """``course grading status ARGS`` run from ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "course", "grading", "status", *args],
        cwd=cwd,
        env=course.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return {row["trainee"]: row for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("status")
    course = make_course(base / "repo", name="quizzes")
    course.nbgrader("generate_assignment", A)
    for trainee in TRAINEES:
        submit_copy(course, trainee, right_answers(course, trainee))
    deep = course.root / "submitted" / "t02-deep" / A / "answers.json"
    deep.write_text("[" * 10_000 + "]" * 10_000, "utf-8")
    course.nbgrader(
        "autograde",
        A,
        "--Execute.shutdown_kernel=immediate",
        "--CourseDirectory.student_id_exclude=t05-killed",
        ok=False,
    )
    interrupted_autograde(course, "t05-killed", base / "stall")
    from_root = status(base / "repo", course, A, "--csv", str(base / "from-root.csv"))
    inside = status(course.root, course, A, "--csv", str(base / "inside.csv"))
    return {"course": course, "base": base, "from_root": from_root, "inside": inside}


def test_one_row_per_trainee_whatever_breaks(graded):
    result = graded["from_root"]
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    table = rows(graded["base"] / "from-root.csv")
    assert set(table) == set(TRAINEES)
    for trainee in TRAINEES:
        assert any(line.startswith(trainee + " ") for line in result.stdout.splitlines())


def test_a_file_that_breaks_a_parser_is_that_trainees_problem(graded):
    row = rows(graded["base"] / "from-root.csv")["t02-deep"]
    # once a RecursionError that killed the whole report; now the answers layer names it
    assert row["status"] == "answers-corrupt" and row["status"] in PROBLEMS, row
    assert "answers.json" in row["details"] and "nested too deeply" in row["details"], row


def test_an_interrupted_autograde_is_flagged_not_scored_zero(graded):
    row = rows(graded["base"] / "from-root.csv")["t05-killed"]
    assert row["status"] == "not-executed", row
    assert row["score"] == "", row
    assert "请重新自动评分" in row["details"]


def test_glob_ids_are_refused_and_the_honest_trainee_is_not_shown_as_graded(graded):
    table = rows(graded["base"] / "from-root.csv")
    assert table["c40_[ab]"]["status"] == "bad-id", table["c40_[ab]"]
    assert "glob" in table["c40_[ab]"]["details"]
    assert table["c40_a"]["status"] in PROBLEMS, table["c40_a"]
    assert table["c40_a"]["score"] == "", table["c40_a"]


def test_an_honest_submission_is_graded(graded):
    row = rows(graded["base"] / "from-root.csv")["t01-fine"]
    assert row["status"] == "graded" and float(row["score"]) == FULL, row


def test_found_from_the_repository_root_and_from_inside_the_course(graded):
    for result in (graded["from_root"], graded["inside"]):
        assert result.returncode == 1, result.stdout + result.stderr
        assert str(graded["course"].root) in result.stdout  # it says which course it read
    from_root = rows(graded["base"] / "from-root.csv")
    assert from_root == rows(graded["base"] / "inside.csv") and set(from_root) == set(TRAINEES)


def test_it_could_not_run_is_exit_2_and_names_the_folder(graded, tmp_path):
    course, base = graded["course"], graded["base"]
    elsewhere = status(tmp_path, course, A)
    assert elsewhere.returncode == 2 and str(tmp_path) in elsewhere.stderr, elsewhere.stderr
    missing = status(base, course, A, "--course-dir", "nowhere")
    assert missing.returncode == 2 and str(base / "nowhere") in missing.stderr
    unknown = status(course.root, course, "quiz-nope")
    assert unknown.returncode == 2 and "quiz-nope" in unknown.stderr
    assert "gradebook.db" in unknown.stderr
    empty = tmp_path / "empty-course"
    empty.mkdir()
    no_gradebook = status(tmp_path, course, A, "--course-dir", str(empty))
    assert no_gradebook.returncode == 2 and f"no gradebook at {empty}" in no_gradebook.stderr
    assert not (empty / "gradebook.db").exists()


def test_help_documents_the_exit_status(graded):
    result = status(graded["base"], graded["course"], "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "exit status: 0 every submission is fine" in text
    assert "1 the table was made and some submission needs attention" in text
    assert "2 no table could be made" in text


def test_the_report_opens_the_gradebook_as_the_configured_course(graded, tmp_path):
    # nbgrader's Gradebook adds a course row for the id it is opened with; the report opened it
    # without one and added "default_course" beside the course. (nbgrader's own autograde
    # preprocessors add that row too: it is removed first.)
    import sqlite3

    from course.nbcourse import open_course

    course = graded["course"]
    copy = tmp_path / "quizzes"
    shutil.copytree(course.root, copy, symlinks=True)
    gradebook = copy / "gradebook.db"
    with contextlib.closing(sqlite3.connect(gradebook)) as db, db:
        db.execute("DELETE FROM course WHERE id = 'default_course'")
    result = status(tmp_path, course, A, "--course-dir", str(copy))
    assert result.returncode == 1 and str(copy) in result.stdout, result.stdout + result.stderr
    with contextlib.closing(sqlite3.connect(gradebook)) as db:
        ids = {row[0] for row in db.execute("SELECT id FROM course")}
    assert ids == {open_course(course.root).course_id}
