"""Manual grading of the reflection on a real course: autograde from the repository root, the
reflection scored the way formgrader's API scores it, then the gradebook, ``course grading
status`` and the mark scheme as formgrader renders it (nbconvert's HTML exporter, its template
``formgrade``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.support.grading import A, cell_index, make_course, right_answers, submit_copy

pytestmark = pytest.mark.slow

TRAINEE = "t01-manual"
REFLECTION = "我选择第1个“0”：把安全放在第一位，每周检查一次施工现场。"


def score_like_formgrader(db_url: str, grade_id: str, score: float) -> None:
    """What formgrader's ``PUT /formgrader/api/grade/<id>`` does with ``manual_score``
    (nbgrader/server_extensions/formgrader/apihandlers.py, GradeHandler.put)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        grade = gb.find_grade(grade_id, A, A, TRAINEE)
        grade.manual_score = score
        grade.extra_credit = None
        grade.needs_manual_grade = grade.manual_score is None and grade.auto_score is None
        gb.db.commit()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A course in ``<base>/repo/quizzes`` with one submission, autograded by ``course
    autograde`` run from ``<base>/repo`` (the repository root). Returns (course, its output)."""
    base = tmp_path_factory.mktemp("manual")
    course = make_course(base / "repo", "quizzes")
    course.nbgrader("generate_assignment", A)
    folder = submit_copy(course, TRAINEE, right_answers(course, TRAINEE))
    notebook = folder / f"{A}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[cell_index(nb, "reflection")].source = REFLECTION
    nbformat.write(nb, notebook)
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("course")), "autograde", A],
        cwd=course.root.parent,
        env=course.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return course, proc.stdout + proc.stderr


def test_autograde_output_has_no_sqlalchemy_warning(graded):
    _, output = graded
    assert "Warning" not in output, output


def test_scoring_the_reflection_completes_manual_grading(graded):
    from nbgrader.api import Gradebook

    course, _ = graded
    db_url = f"sqlite:///{course.root / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        assert gb.find_submission(A, TRAINEE).needs_manual_grade  # the reflection awaits
    status = course.course("grading", "status", A)
    assert "人工评分" in status.stdout, status.stdout
    score_like_formgrader(db_url, "reflection", 3.0)
    with Gradebook(db_url) as gb:
        submission = gb.find_submission(A, TRAINEE)
        assert not submission.needs_manual_grade, [
            g.name for g in submission.grades if g.needs_manual_grade
        ]
    status = course.course("grading", "status", A)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "人工评分" not in status.stdout, status.stdout


def test_the_mark_scheme_renders_without_its_delimiters(graded):
    from nbconvert.filters import markdown2html

    course, _ = graded
    autograded = course.root / "autograded" / TRAINEE / A / f"{A}.ipynb"
    nb = nbformat.read(autograded, as_version=4)
    rubric = nb.cells[cell_index(nb, "reflection_rubric")].source
    assert "MARK SCHEME" in rubric  # the grader's copy keeps the scheme...
    html = markdown2html(rubric)
    assert "<h" not in html and "MARK SCHEME" not in html.replace("<!--", "").split("-->")[-1]
    visible = "".join(part.split("-->")[-1] for part in html.split("<!--"))
    assert "MARK SCHEME" not in visible, html  # ...and formgrader shows none of its markers
    assert "<li>" in visible  # the scheme's items themselves are shown


def test_no_environment_variable_is_needed_for_the_exchange(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    code = "from course.nbcourse import open_course; print(open_course('quizzes').exchange_root)"
    course = make_course(tmp_path / "repo", "quizzes")
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=course.root.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.strip() == str(course.root / "exchange"), proc.stdout + proc.stderr


def test_formgrader_renders_a_submission_with_the_course_configuration(graded, monkeypatch):
    """Formgrader (run in the course folder, as ``course lab --instructor`` runs it) renders the
    autograded notebook with its own ``formgrade`` template, whatever template folders the
    course's feedback page adds."""
    from nbconvert import HTMLExporter
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

    course, _ = graded
    monkeypatch.chdir(course.root)
    formgrader = FormgradeExtension()
    formgrader.root_dir = str(course.root)
    formgrader.initialize([])
    autograded = course.root / "autograded" / TRAINEE / A / f"{A}.ipynb"
    resources = {  # what formgrader's SubmissionHandler passes
        "assignment_id": A,
        "notebook_id": A,
        "submission_id": "x",
        "index": 0,
        "total": 1,
        "base_url": "",
        "student": TRAINEE,
        "last_name": None,
        "first_name": None,
        "notebook_path": f"autograded/{TRAINEE}/{A}/{A}.ipynb",
    }
    exporter = HTMLExporter(config=formgrader.config)
    html, _ = exporter.from_filename(str(autograded), resources=resources)
    assert REFLECTION in html and "评分说明" in html and "Submission #1" in html
