"""A course whose ``nbgrader_config.py`` puts the gradebook elsewhere (another SQLite file, as a
hub's PostgreSQL URL would be another database): real ``nbgrader`` commands write it there, and
``course grading status`` and ``course report`` read it there without being told."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import papers
from tests.support.grading import A, make_course, submit_copy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("db-url")
    course = make_course(base / "repo", name="quizzes")
    book = base / "gradebooks" / "cohort.sqlite"
    book.parent.mkdir()
    with open(course.root / "nbgrader_config.py", "a", encoding="utf-8") as fh:
        fh.write(f"c.CourseDirectory.db_url = 'sqlite:///{book}'\n")
    course.nbgrader("generate_assignment", A)
    for trainee, verdict in (("t1", "right"), ("t2", "wrong"), ("t3", "right")):
        answers = papers.answers(papers.quiz(A, course.root), trainee, verdict)
        submit_copy(course, trainee, answers)
    course.nbgrader("autograde", A, "--Execute.shutdown_kernel=immediate")
    assert book.is_file() and not (course.root / "gradebook.db").exists()
    return {"course": course, "base": base, "book": book}


def run(cwd, course, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=cwd,
        env=course.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_status_reads_the_configured_gradebook(course):
    result = run(course["base"] / "repo", course["course"], "grading", "status", A)
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(course["book"]) in result.stdout
    lines = [line.split()[:2] for line in result.stdout.splitlines()]
    assert [line for line in lines if line and line[0] in ("t1", "t2", "t3")] == [
        ["t1", "graded"],
        ["t2", "graded"],
        ["t3", "graded"],
    ]
    assert not (course["course"].root / "gradebook.db").exists()


def test_report_reads_the_configured_gradebook(course):
    out = course["base"] / "report"
    result = run(
        course["base"] / "repo",
        course["course"],
        "report",
        "--all",
        "--out",
        str(out),
        "--no-progress",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "report.html").read_text("utf-8")
    assert str(course["book"]) in html
    assert not (course["course"].root / "gradebook.db").exists()
