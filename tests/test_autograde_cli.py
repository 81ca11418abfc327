"""What `course autograde` says and returns: exit 0 when every trainee is graded, 1 when it ran
but some need attention, 2 when it could not run; the `trainee code:` line follows whether the
course's QuarantineTraineeCode is enabled, not only whether it is listed."""

from __future__ import annotations

import json

import pytest

from course.autograde.cli import EXIT_ATTENTION, EXIT_OK, EXIT_UNABLE
from tests.support.submissions import generate

pytestmark = pytest.mark.slow

A = "quiz-4500"


@pytest.fixture(scope="module")
def quiz(tmp_path_factory):
    quiz = generate(tmp_path_factory.mktemp("cli"), A)
    quiz.submit("t01", quiz.right_answers("t01"))
    return quiz


def test_exit_codes_are_distinct(quiz):
    assert (EXIT_OK, EXIT_ATTENTION, EXIT_UNABLE) == (0, 1, 2)
    course = quiz.course
    graded = course.course("autograde", A, "--jobs", "1")
    assert graded.returncode == EXIT_OK, graded.stdout + graded.stderr
    unknown = course.course("autograde", "quiz-none", "--jobs", "1")
    assert unknown.returncode == EXIT_UNABLE, unknown.stdout + unknown.stderr
    assert "quiz-none" in unknown.stdout + unknown.stderr
    bad_id = course.course("autograde", "quiz_4500", "--jobs", "1")
    assert bad_id.returncode == EXIT_UNABLE
    assert "assignment id 'quiz_4500'" in bad_id.stdout + bad_id.stderr
    (quiz.submitted / "t02" / A).mkdir(parents=True)  # a submission without a notebook
    attention = course.course("autograde", A, "--jobs", "1")
    assert attention.returncode == EXIT_ATTENTION, attention.stdout + attention.stderr


@pytest.mark.parametrize(("enabled", "line"), [("True", "not run"), ("False", "runs")])
def test_the_trainee_code_line_follows_the_quarantine_switch(quiz, enabled, line):
    run = quiz.course.course(
        "autograde",
        A,
        "--jobs",
        "1",
        "--student",
        "t01",
        "--force",
        f"--nbgrader-option=--QuarantineTraineeCode.enabled={enabled}",
    )
    assert f"trainee code: {line}" in run.stdout, run.stdout + run.stderr
    report = json.loads((quiz.course.root / "autograde_reports" / f"{A}.json").read_text())
    assert (report["trainee_code"] == "quarantined") == (enabled == "True")
