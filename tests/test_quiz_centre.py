"""The trainee's quiz centre on a real course: ``nbgrader generate_assignment`` and
``release_assignment`` in a temporary copy of ``quizzes/``, then the centre's widget clicked as a
browser would (in-process), on nbgrader's own exchange classes configured as nbgrader loads them
(the lab's ``JUPYTER_CONFIG_DIR``, then the notebook's folder)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course.answers import ANSWERS_FILE, AnswerStore
from course.grading import identity
from course.nbcourse import COURSE_ID
from course.quizcentre import quiz_centre
from course.quizcentre import strings as s
from course.quizcentre.desk import Desk, DeskError
from course.quizcentre.progress import progress
from course.quizcentre.widget import BUTTONS, FEEDBACK_LINK, OPEN_LINK
from tests.support import papers
from tests.support.grading import A, make_course


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("centre"))
    course.nbgrader("generate_assignment", A)
    course.nbgrader("release_assignment", A)
    return course


def trainee_lab(
    tmp: Path,
    monkeypatch,
    exchange: Path,
    assignment_dir: str | None = None,
    course: str | None = COURSE_ID,
    extra: tuple[str, ...] = (),
) -> tuple[Path, Path]:
    """A trainee's lab as ``course lab`` makes it: a HOME, a root folder (the workspace) with the
    guide's folder, and the lab's own Jupyter configuration folder holding nbgrader's config
    (``course`` None: no course id, as a cohort hub configures trainees; ``extra`` lines)."""
    home, root, config = tmp / "home", tmp / "home" / "lab", tmp / "lab-config"
    for folder in (root / "lessons", config):
        folder.mkdir(parents=True)
    lines = [
        "c = get_config()  # noqa: F821",
        f"c.Exchange.root = {str(exchange)!r}",
        *extra,
    ]
    if course is not None:
        lines.append(f"c.CourseDirectory.course_id = {course!r}")
    if assignment_dir is not None:
        lines.append(f"c.Exchange.assignment_dir = {assignment_dir!r}")
    (config / "nbgrader_config.py").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(home / ".local" / "share" / "jupyter"))
    for name in identity.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    return home, root


def row_widgets(centre, assignment: str = A) -> dict[str, object]:
    """The row's buttons by kind and links by class (what a browser test clicks)."""
    row = centre.row(assignment)
    found = {}
    for child in row.children[1].children:
        classes = getattr(child, "_dom_classes", ())
        for kind, cls in BUTTONS.items():
            if cls in classes:
                found[kind] = child
        for output in getattr(child, "outputs", ()):
            html = output["data"]["text/html"]
            for cls in (OPEN_LINK, FEEDBACK_LINK):
                if cls in html:
                    found[cls] = html
    return found


def said(centre, assignment: str = A) -> str:
    return "".join(o["data"]["text/html"] for o in centre.row(assignment).message.outputs)


def test_fetch_lands_in_the_labs_root_and_opens_from_the_list(released, tmp_path, monkeypatch):
    home, root = trainee_lab(tmp_path, monkeypatch, released.exchange, str(tmp_path / "home/lab"))
    monkeypatch.chdir(root / "lessons")  # a notebook in a subfolder of the lab
    centre = quiz_centre()
    assert s.STATE_RELEASED in centre.row(A).children[0].value
    row_widgets(centre)["fetch"].click()
    notebook = root / A / f"{A}.ipynb"
    assert notebook.is_file() and not (root / "lessons" / A).exists()
    assert s.STATE_FETCHED in centre.row(A).children[0].value
    assert f"href='../{A}/{A}.ipynb'" in row_widgets(centre)[OPEN_LINK]
    assert "已获取测验" in said(centre)


def test_nbgraders_default_folder_is_the_notebooks_folder(released, tmp_path, monkeypatch):
    home, root = trainee_lab(tmp_path, monkeypatch, released.exchange)  # assignment_dir "."
    monkeypatch.chdir(root)
    assert Desk().fetch(COURSE_ID, A) == root / A and (root / A / f"{A}.ipynb").is_file()


def test_check_counts_saved_answers_and_submit_files_under_the_confirmed_id(
    released, tmp_path, monkeypatch
):
    home, root = trainee_lab(tmp_path, monkeypatch, released.exchange)
    monkeypatch.chdir(root)
    centre = quiz_centre()
    row_widgets(centre)["fetch"].click()
    row_widgets(centre)["submit"].click()  # no id confirmed yet: nothing is submitted
    assert s.NEED_ID in said(centre) and not list(Path(released.exchange).rglob("inbound/*"))
    folder = root / A
    identity.save(folder, "zhang-san")
    quiz = papers.quiz(A, released.root)
    answers = papers.answers(quiz, "zhang-san")
    store = AnswerStore(folder / ANSWERS_FILE)
    for qid in list(answers)[:3]:
        question = papers.questions(quiz)[qid]
        store.record(qid, question.type, answers[qid], None, None)
    row_widgets(centre)["check"].click()
    assert "8 道答题控件题中已保存 3 道答案" in said(centre)
    assert "第4题、第5题、第6题、第7题、第8题" in said(centre)
    assert progress(folder / f"{A}.ipynb", "zhang-san").saved == 3
    row_widgets(centre)["submit"].click()
    inbound = list((released.exchange / COURSE_ID / "inbound").glob(f"zhang-san+{A}+*"))
    assert len(inbound) == 1 and (inbound[0] / ANSWERS_FILE).is_file()
    assert "（北京时间）" in said(centre) and "已提交测验" in said(centre)
    head = centre.row(A).children[0].value
    assert "已提交（共 1 次）" in head and "最近一次提交：" in head and "（北京时间）" in head
    assert row_widgets(centre)["submit"].description == s.SUBMIT_AGAIN
    row_widgets(centre)["submit"].click()
    assert "已提交（共 2 次）" in centre.row(A).children[0].value


def test_problems_are_said_in_chinese(released, tmp_path, monkeypatch):
    home, root = trainee_lab(tmp_path, monkeypatch, tmp_path / "no-exchange")
    monkeypatch.chdir(root)
    with pytest.raises(DeskError) as err:
        Desk().quizzes()
    assert str(err.value) == s.NO_EXCHANGE and "no-exchange" in err.value.detail
    centre = quiz_centre()
    shown = "".join(o["data"]["text/html"] for o in centre.message.outputs)
    assert s.NO_EXCHANGE in shown and centre.rows.children == ()


def test_without_a_course_id_every_readable_course_is_listed(released, tmp_path, monkeypatch):
    """A cohort hub's trainee: no course id configured, the exchange's folders include the
    course; two courses released the same quiz. Each row keeps its course: fetch lands in
    ``<root>/<course>/<quiz>``, submit goes to that course's inbound."""
    other_course = released.exchange / "other"
    shutil.copytree(released.exchange / COURSE_ID / "outbound", other_course / "outbound")
    (other_course / "inbound").mkdir()
    try:
        home, root = trainee_lab(
            tmp_path,
            monkeypatch,
            released.exchange,
            str(tmp_path / "home/lab"),
            course=None,
            extra=("c.Exchange.path_includes_course = True",),
        )
        monkeypatch.setenv("JUPYTERHUB_USER", "li-si")
        monkeypatch.chdir(root / "lessons")
        assert Desk().course_id == ""
        centre = quiz_centre()
        rows = {(r.quiz.course, r.quiz.assignment): r for r in centre.rows.children}
        assert set(rows) == {(COURSE_ID, A), ("other", A)}
        head = rows["other", A].children[0].value
        assert s.QUIZ_TITLE_COURSE.format(assignment=A, course="other") in head
        other = centre.row(A, "other")
        assert other is rows["other", A] and "quiz-centre-course-other" in other._dom_classes
        next(c for c in other.children[1].children if BUTTONS["fetch"] in c._dom_classes).click()
        assert (root / "other" / A / f"{A}.ipynb").is_file() and not (root / A).exists()
        other = centre.row(A, "other")
        assert f"other/{A}" in "".join(o["data"]["text/html"] for o in other.message.outputs)
        assert centre.row(A, COURSE_ID).quiz.folder is None  # the other course's copy: not
        links = "".join(
            o["data"]["text/html"]
            for c in other.children[1].children
            for o in getattr(c, "outputs", ())
        )
        assert f"href='../other/{A}/{A}.ipynb'" in links
        next(c for c in other.children[1].children if BUTTONS["submit"] in c._dom_classes).click()
        assert list((released.exchange / "other" / "inbound").glob(f"li-si+{A}+*"))
        assert not list((released.exchange / COURSE_ID / "inbound").glob(f"li-si+{A}+*"))
        assert "已提交（共 1 次）" in centre.row(A, "other").children[0].value
        assert "已提交" not in centre.row(A, COURSE_ID).children[0].value
    finally:
        shutil.rmtree(other_course)


def test_a_damaged_quiz_copy_is_said_not_swallowed(released, tmp_path, monkeypatch):
    home, root = trainee_lab(tmp_path, monkeypatch, released.exchange)
    monkeypatch.chdir(root)
    centre = quiz_centre()
    row_widgets(centre)["fetch"].click()
    identity.save(root / A, "li-si")
    (root / A / f"{A}.ipynb").write_text("{not json", "utf-8")  # a broken save
    row_widgets(centre)["check"].click()
    assert s.UNEXPECTED in said(centre) and s.TECHNICAL in said(centre)
