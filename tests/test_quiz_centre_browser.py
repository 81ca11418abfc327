"""The trainee's path through a graded quiz on one machine, in Chromium, in Chinese: the course
guide's quiz centre lists the released quiz, 获取 puts it in the lab, 打开 opens it, the trainee
confirms their id and answers every question through the widgets, reloads, checks and submits
(the time in China time); the instructor side runs the real nbgrader commands (collect,
autograde, a manual score in the gradebook as formgrader saves it, generate and release
feedback); the trainee fetches the feedback and reads it as a Chinese page. No English word in
the trainee's visible UI on the way; screenshots of each step in test-artifacts/."""

from __future__ import annotations

import pytest

from course.grading import identity
from course.nbcourse import COURSE_ID
from tests.conftest import ARTIFACTS
from tests.support import graded_browser as hands
from tests.support import papers
from tests.support.browser import open_notebook, reveal, run_all, wait_kernel_idle
from tests.support.checkout import REPO, make_checkout
from tests.support.grading import A, make_course

TRAINEE = "zhangsan"
GUIDE = "00_course_guide.ipynb"
REFLECTION = "我选择“担当”：在岗位上主动承担最难的任务。"


def shot(page, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"quiz-centre-{step}.png", full_page=False)


#: Names the trainee's pages quote on purpose: the quiz id, the kernel's and a format's name, and
#: the paths, variable and site the guide names.
QUOTED = {"quiz", "Markdown", "ipykernel", "COURSE", "ANSWERS", "DIR", "Binder", "mybinder", "org"}
QUOTED |= {"course", "answers", "practice"}  # ~/.course-answers/practice.json


def visible_english(page, root) -> list[str]:
    """Latin-letter words in the page's visible text (JupyterLab's off-screen "Skip to main
    panel" link left out), the names of the lab's files and :data:`QUOTED` excepted."""
    text = page.evaluate(
        """() => { const c = document.body.cloneNode(true);
                   c.querySelectorAll('.skip-link').forEach(e => e.remove());
                   document.body.after(c); const t = c.innerText; c.remove(); return t; }"""
    )
    names = {w for p in root.rglob("*") for w in hands.english_words(p.name, frozenset())}
    names |= {w for p in root.rglob(".*") for w in hands.english_words(p.name, frozenset())}
    return hands.english_words(text, hands.ALLOWED_WORDS | QUOTED | names)


def centre_row(page):
    return page.locator(f".quiz-centre-{A}")


@pytest.fixture
def trainee_lab(course_lab, tmp_path, monkeypatch):
    """A released quiz-4500 and a trainee's ``course lab --course-dir`` on its course (the lab
    writes its own nbgrader configuration naming the course and its exchange)."""
    course = make_course(tmp_path / "teaching")
    course.nbgrader("generate_assignment", A)
    course.nbgrader("release_assignment", A)
    checkout = make_checkout(tmp_path / "checkout", REPO / "lessons")
    for name in identity.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    # the lab writes its own nbgrader configuration from this course (its id and exchange)
    server = course_lab(
        checkout,
        args=["--course-dir", str(course.root)],
        env={
            "HOME": str(tmp_path / "home"),
            "COURSE_EXCHANGE": str(course.exchange),  # as the course's nbgrader commands run
            "COURSE_ANSWERS_DIR": str(tmp_path / "answers"),
            "MPLCONFIGDIR": str(tmp_path / "mpl"),
        },
    )
    return course, server, checkout / ".course-lab" / "lessons"


def open_centre(page, server) -> None:
    open_notebook(page, server, GUIDE)
    run_all(page)
    reveal(centre_row(page))


def test_a_trainee_fetches_answers_submits_and_reads_feedback_in_chinese(trainee_lab, page):
    course, server, root = trainee_lab
    quiz = papers.quiz(A, course.root)
    by_id = papers.questions(quiz)

    # the guide lists the released quiz; 获取 puts it in the lab's root
    open_centre(page, server)
    assert "已发布，尚未获取" in centre_row(page).inner_text()
    shot(page, "1-listed")
    centre_row(page).locator("button.quiz-centre-fetch").click()
    centre_row(page).locator("a.quiz-centre-open").wait_for()
    assert (root / A / f"{A}.ipynb").is_file()
    assert visible_english(page, root) == []

    # 打开 opens it in the lab; the trainee confirms the id and answers through the widgets
    centre_row(page).locator("a.quiz-centre-open").click()
    page.locator(".jp-NotebookPanel", has_text="测验须知").first.wait_for(timeout=60_000)
    wait_kernel_idle(page)
    run_all(page)
    hands.confirm_id(page, TRAINEE)
    drawn = list(quiz.paper().draw(TRAINEE).values())
    given = {qid: papers.right(by_id[qid]) for qid in drawn}
    given[drawn[0]] = papers.wrong(by_id[drawn[0]])
    for qid in drawn:
        hands.answer(page, by_id[qid], given[qid])
    lines = page.locator(".graded-recorded")
    page.locator(".graded-recorded", has_text="保存").nth(len(drawn) - 1).wait_for()
    texts = lines.all_text_contents()  # cells out of view have no innerText in JupyterLab 4
    assert len(texts) == len(drawn), texts
    assert all("已于" in t and "（北京时间）保存" in t for t in texts), texts
    hands.write_reflection(page, REFLECTION)
    hands.save(page)
    shot(page, "2-answered")
    types = sorted({by_id[q].type for q in drawn})
    print(f"\nquestion types answered in the browser: {types}")

    # a reload: Run All brings every answer back, and every line says it is saved
    page.reload()
    open_notebook(page, server, f"{A}/{A}.ipynb")
    run_all(page)
    page.locator(".graded-recorded").first.wait_for()
    page.locator(".graded-recorded", has_text="保存").nth(len(drawn) - 1).wait_for()
    texts = page.locator(".graded-recorded").all_text_contents()
    assert len(texts) == len(drawn) and all("（北京时间）保存" in t for t in texts), texts
    assert visible_english(page, root) == []

    # back in the guide: 检查作答 tells the truth, 提交 shows the time in China time
    open_centre(page, server)
    centre_row(page).locator("button.quiz-centre-check").click()
    centre_row(page).locator(".quiz-centre-message", has_text="已保存").wait_for()
    said = centre_row(page).locator(".quiz-centre-message").inner_text()
    assert f"{len(drawn)} 道答题控件题中已保存 {len(drawn)} 道答案" in said
    assert "思考题：已填写" in said
    centre_row(page).locator("button.quiz-centre-submit").click()
    centre_row(page).locator(".quiz-centre-submitted").wait_for()
    assert "（北京时间）" in centre_row(page).locator(".quiz-centre-submitted").inner_text()
    assert "再次提交" in centre_row(page).locator("button.quiz-centre-submit").inner_text()
    assert visible_english(page, root) == []
    shot(page, "3-submitted")

    # the instructor's side, with the real nbgrader commands
    from nbgrader.api import Gradebook

    course.nbgrader("collect", A)
    course.nbgrader("autograde", A, "--Execute.shutdown_kernel=immediate")
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", COURSE_ID) as gb:
        gb.find_grade("reflection", A, A, TRAINEE).manual_score = 3
        gb.find_comment("reflection", A, A, TRAINEE).manual_comment = "联系实际，很好。"
        gb.db.commit()
    course.nbgrader("generate_feedback", A)
    course.nbgrader("release_feedback", A)

    # the trainee fetches the feedback and reads it as a Chinese page in the lab
    page.locator("button.quiz-centre-refresh").click()
    centre_row(page).locator("button.quiz-centre-get-feedback").click()
    centre_row(page).locator("a.quiz-centre-view-feedback").click()
    frame = page.frame_locator(".jp-HTMLViewer iframe").first
    frame.locator(".course-feedback-total").wait_for(timeout=60_000)
    feedback = frame.locator("body").inner_text()
    total = quiz.paper().max_score + quiz.reflection.points
    wrong_points = quiz.paper().points(next(iter(quiz.paper().draw(TRAINEE))))  # slot 1: wrong
    got = quiz.paper().max_score - wrong_points + 3  # + the reflection's manual score
    assert f"总分：{got:g} / {total:g} 分" in feedback, feedback[:300]
    assert feedback.count("你的答案：") == len(drawn) and "不正确" in feedback
    assert REFLECTION in feedback and "联系实际，很好。" in feedback
    assert hands.english_words(feedback) == []
    shot(page, "4-feedback")
    assert visible_english(page, root) == []
