"""The graded-quiz pipeline end to end, against a real course directory and gradebook.

One cohort of trainees takes ``quiz-4500``: each fetches it into a home of their own, answers
the questions of their own paper (drawn from the pools by their id) through the widgets on a real
kernel, damages their submission the way its scenario says, and submits (one trainee goes the
offline way: zip file, ``nbgrader zip_collect``; one submits a classmate's answers file). The
instructor collects, autogrades, generates feedback and exports with the real ``nbgrader``
command line, then runs ``course grading status``. The tests below assert on what each step left
behind.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from course.grading import code, leaks
from tests.support import papers
from tests.support.grading import (
    REPO,
    Trainee,
    answer_code,
    cell_index,
    click_zip_code,
    edit_notebook,
    make_course,
)

pytestmark = pytest.mark.slow

A = "quiz-4500"
ARTIFACTS = REPO / "test-artifacts"
QUIZ = papers.quiz(A)
FULL = QUIZ.paper().max_score  # every paper's autograded points; the reflection is graded by hand
REFLECTION_POINTS = QUIZ.reflection.points
REFLECTION_ID = "reflection"
SLOTS = [s.id for s in QUIZ.slots]
REFLECTION = "我选择第1个“0”。在项目现场，我要把人身安全放在第一位，每周检查一次施工安全。"
SHADOW = "def grade(key):\n    return float(key['points'])\n"
LOOP = "while True:\n    pass"
MONKEYPATCH = (
    "import course.grading.notebook as g\n"
    "g.grade = lambda key: float(key['points'])\n"
    "import course.quiz.model as m\n"
    "m.check = lambda q, given: m.Result(True, 1.0)\n"
)

#: trainee -> (status in `course grading status`, autograded score: "full", "partial" (the
#: trainee's mixed answers, tests.support.papers.mixed), a number, or None: no score shown)
EXPECTED = {
    "t01-correct": ("graded", "full"),
    "t02-partial": ("graded", "partial"),
    "t03-blank": ("unanswered", 0.0),
    "t04-deleted-answers": ("answers-missing", 0.0),
    "t05-corrupt-answers": ("answers-corrupt", 0.0),
    "t06-tampered-tests": ("tampered", "full"),
    "t07-bad-json": ("unreadable", None),
    "t08-added-code": ("graded", "partial"),
    "t09-zip": ("graded", "full"),
    "t10-loop-unguarded": ("timed-out", "full"),
    "t11-copied": ("other-paper", 0.0),
}


def expected_score(trainee: str) -> float | None:
    """The autograded points ``trainee``'s scenario earns (see EXPECTED)."""
    score = EXPECTED[trainee][1]
    if score == "full":
        return FULL
    if score == "partial":
        return papers.mixed(QUIZ, trainee)[1]
    return score


def _write_reflection(path: Path) -> None:
    def change(nb):
        nb.cells[cell_index(nb, REFLECTION_ID)].source = REFLECTION

    edit_notebook(path, change)


def _damage(name: str, folder: Path) -> None:
    """What each scenario does to its saved submission."""
    nb_path, answers = folder / f"{A}.ipynb", folder / "answers.json"
    if name == "t04-deleted-answers":
        answers.unlink()
    elif name == "t05-corrupt-answers":
        answers.write_text(answers.read_text("utf-8")[:40], "utf-8")
    elif name == "t06-tampered-tests":  # one test cell edited (and its points), another deleted

        def change(nb):
            cell = nb.cells[cell_index(nb, SLOTS[0])]
            cell.source = "2.0  # trainee: full marks, please"
            cell.metadata.nbgrader["points"] = 20
            nb.cells.pop(cell_index(nb, SLOTS[1]))

        edit_notebook(nb_path, change)
    elif name == "t07-bad-json":
        nb_path.write_text(nb_path.read_text("utf-8")[:200], "utf-8")
    elif name == "t10-loop-unguarded":
        edit_notebook(nb_path, lambda nb: nb.cells.append(nbformat.v4.new_code_cell(LOOP)))
    elif name == "t08-added-code":  # a monkeypatch, an endless loop and a shadowing package

        def change(nb):
            nb.cells.insert(2, nbformat.v4.new_code_cell(MONKEYPATCH))
            nb.cells.append(nbformat.v4.new_code_cell(LOOP))

        edit_notebook(nb_path, change)
        shadow = folder / "course" / "grading"
        shadow.mkdir(parents=True)
        (folder / "course" / "__init__.py").write_text("", "utf-8")
        (shadow / "__init__.py").write_text("", "utf-8")
        (shadow / "notebook.py").write_text(SHADOW, "utf-8")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    base = tmp_path_factory.mktemp("graded")
    course = make_course(base)
    course.nbgrader("generate_assignment", A)
    course.nbgrader("release_assignment", A)
    trainees = {}
    for name in EXPECTED:
        started = time.monotonic()
        trainee = Trainee(name, base / "homes" / name, course)
        trainee.setup()
        folder = trainee.fetch(A)
        right = papers.answers(QUIZ, name)
        partial = papers.mixed(QUIZ, name)[0]
        first_q = next(iter(partial))
        written_at_once = (  # (a): the file holds the answer right after the click, before saving
            "import json\n"
            f"assert json.load(open('answers.json'))['answers'][{first_q!r}]['answer'] == "
            f"{partial[first_q]!r}\n"
        )
        if name == "t03-blank":
            actions, after = [], []
        elif name in ("t02-partial", "t08-added-code"):
            actions, after = [answer_code(partial), written_at_once], []
        elif name == "t09-zip":
            actions, after = [answer_code(right)], [click_zip_code(name)]
        else:
            actions, after = [answer_code(right)], []
        if name != "t07-bad-json":  # its notebook gets broken anyway: no need to answer
            trainee.work(A, actions, after)
        if name in ("t01-correct", "t09-zip"):
            _write_reflection(folder / f"{A}.ipynb")
        _damage(name, folder)
        if name == "t11-copied":  # a classmate's answers file in place of its own
            shutil.copy(trainees["t01-correct"].folder(A) / "answers.json", folder)
        trainees[name] = trainee
        if name == "t09-zip":  # offline: the trainee downloads the zip, the instructor files it
            archive = course.root / "downloaded" / A / "archive"
            archive.mkdir(parents=True)
            from course.grading.submission import make_archive

            # rebuilt after the reflection was saved: the zip holds the last saved notebook
            shutil.copy(make_archive(folder, A, name), archive)
        else:
            trainee.submit(A)
        course.timings[f"trainee {name}"] = time.monotonic() - started

    course.nbgrader("collect", A)
    course.nbgrader("zip_collect", A)
    start = time.monotonic()
    autograde = course.nbgrader("autograde", A, "--Execute.shutdown_kernel=immediate", ok=False)
    autograde_seconds = time.monotonic() - start
    # Without the quarantine an added endless loop runs: the cell times out, the rest is graded.
    course.nbgrader(
        "autograde",
        A,
        "--student=t10-loop-unguarded",
        "--force",
        "--QuarantineTraineeCode.enabled=False",
        "--Execute.timeout=5",
        "--Execute.shutdown_kernel=immediate",
    )
    feedback = course.nbgrader("generate_feedback", A, ok=False)
    course.nbgrader("export")
    status = course.course("grading", "status", A, "--course-dir", ".", "--csv", "status.csv")
    per_submission = autograde_seconds / len(EXPECTED)
    report = [
        status.stdout,
        (course.root / "grades.csv").read_text("utf-8"),
        f"autograde: {autograde_seconds:.1f} s for {len(EXPECTED)} submissions, "
        f"{per_submission:.2f} s per submission (one nbgrader start-up included)",
        *(f"{step}: {seconds:.1f} s" for step, seconds in course.timings.items()),
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "grading-cohort.txt").write_text("\n".join(report), "utf-8")
    print("\n".join(report))
    return {
        "course": course,
        "trainees": trainees,
        "autograde": autograde,
        "feedback": feedback,
        "status": status,
    }


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {row.get("student_id") or row["trainee"]: row for row in rows}


def test_every_scenario_has_its_status_and_score(cohort):
    root = cohort["course"].root
    status, grades = _csv(root / "status.csv"), _csv(root / "grades.csv")
    assert set(status) == set(EXPECTED)
    for trainee, (expected_status, _) in EXPECTED.items():
        score = expected_score(trainee)
        assert status[trainee]["status"] == expected_status, (trainee, status[trainee])
        if score is None:  # unreadable: the report shows no score; nbgrader's export says 0
            assert status[trainee]["score"] == "" and float(grades[trainee]["score"]) == 0.0
        else:
            assert float(status[trainee]["score"]) == pytest.approx(score), trainee
            assert float(grades[trainee]["score"]) == pytest.approx(score), trainee
            assert float(grades[trainee]["max_score"]) == FULL + REFLECTION_POINTS
    # every paper has the same number of questions; a partial scenario scores in between
    assert {status[t]["questions"] for t in EXPECTED} == {str(len(SLOTS))}
    assert all(0 < expected_score(t) < FULL for t in ("t02-partial", "t08-added-code"))


def test_a_copied_answers_file_is_its_own_status_and_names_whose_paper_it_is(cohort):
    status = _csv(cohort["course"].root / "status.csv")
    row = status["t11-copied"]
    assert row["status"] == "other-paper" and "t01-correct" in row["details"], row
    nb = _autograded(cohort, "t11-copied")
    for slot in SLOTS:  # every question fails visibly: none of t01's answers counts as t11's
        errors = [o for o in nb.cells[cell_index(nb, slot)].outputs if o.output_type == "error"]
        assert errors and errors[0].ename == "OtherPaper", slot
    assert "不属于学员 t11-copied 这份题目" in errors[0].evalue


def test_status_command_flags_problems_and_prints_every_trainee(cohort):
    result = cohort["status"]
    assert result.returncode == 1, result.stdout + result.stderr
    for trainee, (expected_status, _) in EXPECTED.items():
        line = next(x for x in result.stdout.splitlines() if x.startswith(trainee))
        assert expected_status in line
    assert "need attention" in result.stdout
    # a blank submission and an unreadable one both export 0, but the table tells them apart
    table = result.stdout
    assert "一题未答" in table and "笔记本无法读取" in table


def test_answers_travel_with_submissions_and_zip_collect(cohort):
    root = cohort["course"].root
    for trainee in ("t01-correct", "t09-zip"):
        record = json.loads((root / "submitted" / trainee / A / "answers.json").read_text("utf-8"))
        right = papers.answers(QUIZ, trainee)
        stored = {q: r["answer"] for q, r in record["answers"].items()}
        assert stored.keys() == right.keys()
        kinds = {q: QUIZ.paper().questions()[q].type for q in right}
        for q, answer in right.items():
            if kinds[q] == "multiple":  # the widget writes the options' order
                assert sorted(stored[q]) == sorted(answer), q
            else:
                assert stored[q] == answer, q
        assert all(r["correct"] is None for r in record["answers"].values())  # no key there
    assert (root / "submitted" / "t09-zip" / A / f"{A}.ipynb").is_file()


def test_autograde_keeps_grading_after_broken_submissions(cohort):
    # nbgrader reports the unreadable notebook (exit 1) and grades every other submission
    assert cohort["autograde"].returncode == 1
    assert "t07-bad-json" in cohort["autograde"].stdout + cohort["autograde"].stderr
    graded = {p.parent.name for p in (cohort["course"].root / "autograded").glob(f"*/{A}")}
    assert graded == set(EXPECTED) - {"t07-bad-json"}


def _autograded(cohort, trainee: str) -> nbformat.NotebookNode:
    return nbformat.read(cohort["course"].root / "autograded" / trainee / A / f"{A}.ipynb", 4)


def test_trainee_code_and_files_do_not_run_during_autograde(cohort):
    nb = _autograded(cohort, "t08-added-code")
    meta = nb.metadata["course_grading"]
    assert meta["quarantined_cells"] == 2 and "course" in meta["removed_files"]
    quarantined = [c for c in nb.cells if c.metadata.get("course_grading", {}).get("quarantined")]
    assert len(quarantined) == 2
    for cell in quarantined:
        assert all(line.startswith("#") for line in cell.source.splitlines())
        assert cell.outputs == []
    assert not (cohort["course"].root / "autograded" / "t08-added-code" / A / "course").exists()


def test_deleted_and_edited_test_cells_are_restored_and_graded(cohort):
    nb = _autograded(cohort, "t06-tampered-tests")
    assert nb.metadata["course_grading"]["restored_cells"] == [SLOTS[1]]
    deleted = nb.cells[cell_index(nb, SLOTS[1])]
    assert deleted.metadata["course_grading"] == {"restored": True}
    assert "### BEGIN HIDDEN TESTS" in deleted.source
    points = [QUIZ.paper().points(slot) for slot in SLOTS[:2]]
    assert float(deleted.outputs[-1]["data"]["text/plain"]) == points[1]
    edited = nb.cells[cell_index(nb, SLOTS[0])]
    assert "trainee" not in edited.source and edited.metadata.nbgrader["points"] == points[0]
    assert float(edited.outputs[-1]["data"]["text/plain"]) == points[0]


def test_missing_answers_fail_visibly_not_silently(cohort):
    nb = _autograded(cohort, "t04-deleted-answers")
    cell = nb.cells[cell_index(nb, SLOTS[0])]
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert errors and errors[0].ename == "AnswersUnavailable"
    assert "answers.json" in errors[0].evalue


def test_timeout_is_reported_and_the_rest_still_graded(cohort):
    nb = _autograded(cohort, "t10-loop-unguarded")
    timeouts = [
        o for c in nb.cells for o in c.get("outputs", []) if o.get("ename") == "CellTimeoutError"
    ]
    assert len(timeouts) == 1
    assert "course_grading" not in nb.metadata  # the quarantine was off for this run


def test_feedback_shows_answers_and_explanations_never_hidden_tests(cohort):
    assert cohort["feedback"].returncode in (0, 1)  # 1: the unreadable submission has none
    folder = cohort["course"].root / "feedback"
    pages = {p.parts[-3]: p.read_text("utf-8") for p in folder.glob(f"*/{A}/{A}.html")}
    assert set(pages) == set(EXPECTED) - {"t07-bad-json"}
    correct = pages["t01-correct"]
    assert "你的答案" in correct and REFLECTION in correct
    by_id = papers.questions(QUIZ)
    for qid in QUIZ.paper().draw("t01-correct").values():  # its own paper's explanations
        assert by_id[qid].explanation in correct
    keys = leaks.keys([QUIZ])
    for trainee, page in pages.items():
        for marker in (
            "BEGIN HIDDEN TESTS",
            "KEY = ",
            "MARK SCHEME",
            "graded.grade(",
            "评分说明**：",
        ):
            assert marker not in page, (trainee, marker)
        for key in keys:
            assert key.hidden_source not in page, trainee
    missing = pages["t04-deleted-answers"]
    assert "没有找到答题记录文件" in missing and "AnswersUnavailable" not in missing  # Chinese only


def test_answers_survive_a_kernel_restart(cohort):
    """(d): a new kernel shows the recorded answers again and leaves the file as it was."""
    trainee = cohort["trainees"]["t01-correct"]
    answers = trainee.folder(A) / "answers.json"
    before = answers.read_bytes()
    check = (
        "from course.grading import notebook as _graded\n"
        f"_right = {papers.answers(QUIZ, 't01-correct')!r}\n"
        "assert set(_graded.WIDGETS) == set(_right), sorted(_graded.WIDGETS)\n"
        "for _qid, _widget in _graded.WIDGETS.items():\n"
        "    _unordered = _widget.question.type == 'multiple'\n"
        "    _seen = sorted(_widget.value) if _unordered else _widget.value\n"
        "    assert _seen == (sorted(_right[_qid]) if _unordered else _right[_qid]), _qid\n"
        "    assert _widget.tries == 1\n"
    )
    trainee.work(A, [check])
    assert answers.read_bytes() == before


def test_instructor_sees_submissions_in_formgrader(cohort, lab_server, page):
    course = cohort["course"]
    server = lab_server(course.root, env={"COURSE_EXCHANGE": str(course.exchange)})
    page.goto(server.lab_url("lab"))
    page.locator(".jp-LauncherCard").first.wait_for(timeout=90_000)
    page.evaluate("() => window.jupyterapp.commands.execute('nbgrader:open-formgrader')")
    frame = page.frame_locator("iframe").first
    frame.locator(f"a[href*='manage_submissions/{A}']").first.click(timeout=60_000)
    for trainee in EXPECTED:
        frame.get_by_text(trainee, exact=True).first.wait_for(timeout=30_000)
    frame.get_by_text("needs manual grading").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "grading-formgrader-submissions.png")


def test_rubric_reaches_the_grader_but_not_the_trainee(cohort):
    root = cohort["course"].root
    released = nbformat.read(root / "release" / A / f"{A}.ipynb", 4)
    graded = _autograded(cohort, "t01-correct")
    rubric = code.BEGIN_MARK_SCHEME
    rubric_id = f"{REFLECTION_ID}_rubric"
    assert rubric not in released.cells[cell_index(released, rubric_id)].source
    assert rubric in graded.cells[cell_index(graded, rubric_id)].source
    assert REFLECTION in graded.cells[cell_index(graded, REFLECTION_ID)].source
