"""`course autograde --jobs N` gives the same gradebook as sequential `nbgrader autograde`.

Both runs grade the same synthetic cohort (correct, wrong, raising, blank, late,
edited-test and broken submissions) in two copies of one real nbgrader course.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.synthetic import export_csv, make_cohort, make_course, snapshot

pytestmark = pytest.mark.slow


def _course_cmd(root: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "course", "autograde", "ps1", "--course-dir", str(root), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("cohort") / "course"
    make_course(str(root))
    students = make_cohort(str(root), 6)
    broken = root / "submitted" / "s999_broken" / "ps1"
    broken.mkdir(parents=True)
    (broken / "ps1.ipynb").write_text("{ this is not a notebook")
    return root, [*students, "s999_broken"]


def test_parallel_grades_equal_sequential_nbgrader(cohort, tmp_path):
    root, students = cohort
    sequential, parallel = tmp_path / "sequential", tmp_path / "parallel"
    shutil.copytree(root, sequential)
    shutil.copytree(root, parallel)

    seq = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", "ps1"],
        cwd=sequential,
        capture_output=True,
        text=True,
    )
    assert seq.returncode == 1  # nbgrader reports the broken submission, grades the rest
    par = _course_cmd(parallel, "--jobs", "3")
    assert par.returncode == 1, par.stdout + par.stderr
    assert "FAILED s999_broken" in par.stdout

    expected = snapshot(str(sequential))
    assert snapshot(str(parallel)) == expected
    assert export_csv(str(parallel)) == export_csv(str(sequential))
    # the cohort is graded as nbgrader grades it: restored tests, late penalty, timestamps
    assert expected[("s000_correct", "<submission>")][2] == 3.0
    assert expected[("s001_wrong", "ps1", "squares_checked")][0] == 0.0
    assert expected[("s004_late", "<submission>")][1] == 3.0  # penalty_method = "zero"
    assert expected[("s005_edited_test", "ps1", "squares_checked")][0] == 0.0
    for student in students[:-1]:
        assert (parallel / "autograded" / student / "ps1" / "ps1.ipynb").exists()
        assert (parallel / "autograded" / student / "ps1" / "timestamp.txt").exists()

    report = json.loads((parallel / "autograde_reports" / "ps1.json").read_text())
    assert report["trainee_code"] == "runs beside the tests"  # no QuarantineTraineeCode here
    assert "trainee code: runs in the grading kernel" in par.stdout
    status = {r["student"]: r["status"] for r in report["results"]}
    assert status == {s: ("failed" if s == "s999_broken" else "graded") for s in students}
    broken = next(r for r in report["results"] if r["student"] == "s999_broken")
    assert any(
        "NotJSONError" in e or "not valid" in e.lower() for e in broken["errors"] + broken["log"]
    )


def test_second_run_skips_graded_and_force_regrades(cohort, tmp_path):
    root, students = cohort
    course = tmp_path / "course"
    shutil.copytree(root, course)
    first = _course_cmd(course, "--jobs", "2", "--student", "s00[01]*")
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(str(course))
    again = _course_cmd(course, "--jobs", "2", "--student", "s00[01]*")
    report = json.loads((course / "autograde_reports" / "ps1.json").read_text())
    assert again.returncode == 0
    assert {r["status"] for r in report["results"]} == {"skipped"}
    forced = _course_cmd(course, "--jobs", "2", "--student", "s00[01]*", "--force")
    report = json.loads((course / "autograde_reports" / "ps1.json").read_text())
    assert forced.returncode == 0
    assert {r["status"] for r in report["results"]} == {"graded"}
    assert snapshot(str(course)) == before
