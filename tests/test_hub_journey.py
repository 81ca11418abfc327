"""The graded quiz as people live it, on the cohort hub: the same journey as
tests/test_instructor_journey.py, with the hub's accounts, pages and private exchange.

A real hub on 127.0.0.1 made with the documented commands (tests/support/cohorthub.py), one
course on SQLite. The instructor's commands are typed as docs/cohort-hub.md says, in the
course's terminal (as ``grader-<course>`` in the course folder). A trainee logs in through the
hub's Chinese login page in Chromium, lands on the course guide, finds the quiz in its quiz
centre (no course id is configured for trainees: the centre lists the courses the account may
read), fetches it into their home, opens it from the list, answers every question type through
the widgets (the paper is drawn for their account, no id to confirm), writes the reflection,
reloads, checks and submits. The grader collects and autogrades; an instructor logs in, opens
the course's JupyterLab and scores the reflection in formgrader by clicking, then generates and
releases the feedback with formgrader's buttons; the trainee fetches it and reads the Chinese feedback page, then stops
their environment on the hub's home page, comes back to a new server and kernel (the quiz centre
still knows the submission and the feedback) and logs out from the lab's menu -- every hub page
on the way Chinese.

Asserted: no English word in anything the trainee sees on the way (their account and course ids
and the quiz id aside), the scores, and no key or grading marker in anything the trainee can
read (their home, the released quiz). Screenshots: test-artifacts/hub-journey-*.png.
"""

from __future__ import annotations

import contextlib
import pwd
from pathlib import Path

import pytest

from course.grading import leaks
from course.hub import roleconfig
from course.hub.jhconfig import START_PAGE
from course.hub.layout import LESSONS
from tests.support import graded_browser as hands
from tests.support import papers
from tests.support.browser import run_all, wait_kernel_idle
from tests.support.cohorthub import ARTIFACTS, cleaned_up, make_testbed

pytestmark = pytest.mark.slow

A = "quiz-4500"
REFLECTION = "我选择“能吃苦”：在高海拔的项目现场，每周和同事一起走访一次工地。"
REFLECTION_SCORE = 3


def all_types_account(bed, quiz) -> str:
    """The first account name of this run (``<run>-t1``, ``-t2``, ...) whose paper holds a
    question of every type, so that the browser answers each type once."""
    by_id = papers.questions(quiz)
    every = {q.type for q in by_id.values()}
    for n in range(1, 500):
        name = bed.account(f"t{n}")
        if {by_id[q].type for q in papers.answers(quiz, name)} == every:
            return name
    raise AssertionError("no account of this run draws every question type")


@pytest.fixture(scope="module")
def bed():
    """One course on SQLite, a trainee and an instructor, quiz-4500 released from the course's
    terminal, the hub started. Removed afterwards, even on failure."""
    with cleaned_up(make_testbed(["a"], sqlite=("a",))) as testbed:
        (course,) = testbed.courses
        quiz = papers.quiz(A)
        trainee = all_types_account(testbed, quiz)
        testbed.apply_roster(
            [
                (trainee, "张三", "学员", course),
                (testbed.account("ia"), "赵老师", "教员", course),
            ]
        )
        testbed.grader(course, "nbgrader", "generate_assignment", A)
        testbed.grader(course, "nbgrader", "release_assignment", A)
        testbed.start()
        testbed.trainee = trainee
        yield testbed


def shot(page, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"hub-journey-{step}.png", full_page=True)


def log_in(page, bed, name: str, seen: dict[str, set[str]], names: tuple[str, ...]) -> None:
    """The hub's login page, as a person uses it; the page shown while their server starts is
    checked for English as well if it shows (JupyterHub shows it after 10 s only)."""
    page.goto(bed.url + "/hub/login")
    page.locator("#login_submit").wait_for()
    words = hands.english_seen(page, names)
    if words:
        seen["login page"] = words
    shot(page, f"0-login-{name}")
    assert page.locator("label[for=username_input]").inner_text().strip() == "账号："
    page.fill("#username_input", name)
    page.fill("#password_input", bed.password(name))
    page.click("#login_submit")
    pending_seen = False
    for _ in range(480):
        if "/spawn-pending/" in page.url and not pending_seen:
            with contextlib.suppress(Exception):
                page.locator(".progress").wait_for(timeout=2000)
                words = hands.english_seen(page, names)
                pending_seen = True
                if words:
                    seen["server starting"] = words
        if f"/user/{name}/lab" in page.url:
            break
        page.wait_for_timeout(500)
    page.locator(".jp-DirListing-content").first.wait_for(timeout=240_000)


def centre_row(page):
    return page.locator(f".quiz-centre-{A}")


def guide_tab(page):
    return page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text="00_course_guide.ipynb")


def run_guide(page) -> None:
    """The course guide (the hub's start page) run from the top: its quiz centre shows."""
    guide_tab(page).first.wait_for(timeout=120_000)
    guide_tab(page).first.click()
    page.locator(".jp-NotebookPanel:visible").first.wait_for(timeout=120_000)
    wait_kernel_idle(page, 120)
    run_all(page, timeout=240)
    centre_row(page).wait_for(timeout=60_000)
    centre_row(page).scroll_into_view_if_needed()


def readable_files(bed, trainee: str) -> list[Path]:
    """Every file the trainee can read that the course put there: their home and the released
    quiz of their course (the rest of the exchange and the course folder are closed to them:
    tests/test_hub_cohort.py)."""
    home = Path(pwd.getpwnam(trainee).pw_dir)
    (course,) = bed.courses
    outbound = bed.hub.exchange / course / "outbound"
    return [p for root in (home, outbound) for p in root.rglob("*") if p.is_file()]


def test_the_graded_quiz_on_the_hub_from_login_to_feedback(bed, browser):
    (course,) = bed.courses
    trainee, instructor = bed.trainee, bed.account("ia")
    # ids, the folder of the lessons in their home, and JupyterHub's name as the zh-CN interface
    # keeps it in the File menu (「Hub 控制面板」)
    names = (A, trainee, course, LESSONS, "Hub")
    quiz = papers.quiz(A, bed.hub.course_dir(course))
    by_id = papers.questions(quiz)
    right = papers.answers(quiz, trainee)
    home = Path(pwd.getpwnam(trainee).pw_dir)
    seen: dict[str, set[str]] = {}

    def chinese_only(page, where: str) -> None:
        words = hands.english_seen(page, names)
        if words:
            seen[where] = words

    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        # -- the trainee logs in and lands on the course guide, whose quiz centre lists the quiz
        log_in(page, bed, trainee, seen, names)
        assert START_PAGE.rsplit("/", 1)[1] in page.url, page.url  # the course guide
        run_guide(page)
        assert "已发布，尚未获取" in centre_row(page).inner_text()
        assert "课程" not in centre_row(page).inner_text()  # one course: no course named
        chinese_only(page, "quiz centre")
        shot(page, "1-quiz-centre")
        centre_row(page).locator("button.quiz-centre-fetch").click()
        fetched = centre_row(page).locator(".quiz-centre-message", has_text=f"{course}/{A}")
        fetched.wait_for(timeout=120_000)  # 「已获取测验 …，保存在 <course>/quiz-4500」
        assert (home / course / A / f"{A}.ipynb").is_file()  # in the home their lab shows

        # -- opens it from the list: the paper is their account's, no id to confirm ----------
        centre_row(page).locator("a.quiz-centre-open").click()
        tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
        tab.filter(has_text=f"{A}.ipynb").wait_for()
        wait_kernel_idle(page, 120)
        run_all(page, timeout=240)
        page.locator(".graded-paper-note", has_text=trainee).first.wait_for()
        assert page.locator(".graded-trainee input").first.is_disabled()  # shown, fixed
        assert not page.locator("button.graded-confirm-id").first.is_visible()
        for qid, value in right.items():
            hands.answer(page, by_id[qid], value)
        hands.write_reflection(page, REFLECTION)
        hands.save(page)
        chinese_only(page, "quiz answered")
        shot(page, "2-quiz-answered")

        # -- reloads the page: every answer is still saved ------------------------------------
        hands.reload_quiz(page, f"{A}.ipynb", len(right))
        chinese_only(page, "quiz reloaded")
        shot(page, "3-quiz-reloaded")

        # -- checks and submits from the quiz centre ------------------------------------------
        guide_tab(page).first.click()
        page.locator(".jp-NotebookPanel:visible").first.wait_for()
        if not centre_row(page).count():  # the reload dropped the widget views
            run_guide(page)
        centre_row(page).locator("button.quiz-centre-check").click()
        said = centre_row(page).locator(".quiz-centre-message", has_text="已保存")
        said.wait_for()
        assert f"{len(right)} 道答题控件题中已保存 {len(right)} 道答案" in said.inner_text()
        assert "思考题：已填写" in said.inner_text()
        centre_row(page).locator("button.quiz-centre-submit").click()
        centre_row(page).filter(has_text="已提交（共 1 次）").wait_for(timeout=120_000)
        assert "北京时间" in centre_row(page).inner_text()
        chinese_only(page, "submitted")
        shot(page, "4-submitted")

        # -- the course's terminal: collect and autograde, as docs/cohort-hub.md says -------
        bed.grader(course, "nbgrader", "collect", A)
        graded = bed.grader(course, "course", "autograde", A, "--course-dir", ".")
        assert "graded 1" in graded.stdout + graded.stderr, graded.stdout + graded.stderr

        # -- an instructor logs in and scores the reflection in the course's formgrader -------
        teacher = context.browser.new_context(
            viewport={"width": 1400, "height": 900}, locale="zh-CN"
        )
        grader = teacher.new_page()
        grader.set_default_timeout(60_000)
        try:
            log_in(grader, bed, instructor, {}, ())
            grader.goto(f"{bed.url}/services/{course}/lab")
            grader.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Nbgrader").wait_for(
                timeout=120_000
            )
            db_url = roleconfig.db_url(bed.hub, course)
            hands.score_reflection(
                grader,
                A,
                REFLECTION_SCORE,
                lambda timeout: hands.manual_score(db_url, A, trainee, timeout),
            )
            assert hands.manual_score(db_url, A, trainee) == REFLECTION_SCORE
            shot(grader, "5-formgrader-scored")
            full = quiz.paper().max_score
            status = bed.grader(course, "course", "grading", "status", A, "--course-dir", ".")
            assert "人工评分" not in status.stdout, status.stdout
            assert (
                f"{full + REFLECTION_SCORE:g} / {full + quiz.reflection.points:g}" in status.stdout
            ), status.stdout
            # feedback with formgrader's own buttons (Manage Assignments), not the commands:
            # formgrader's GenerateFeedback must use the course's Chinese page too
            # (formgrader's grading page has no menu: its Manage Assignments page, opened whole)
            grader.goto(f"{bed.url}/services/{course}/formgrader/manage_assignments")
            for column in ("generate-feedback", "release-feedback"):
                grader.locator(f"td.{column} a").first.click()
                done = grader.locator("#success-modal, #error-modal").first
                done.wait_for(timeout=120_000)
                assert done.get_attribute("id") == "success-modal", done.inner_text()
                done.locator(".modal-footer button").first.click()
                done.wait_for(state="detached")
            shot(grader, "5b-formgrader-feedback-released")
        finally:
            teacher.close()

        # -- the trainee fetches the feedback and reads it ------------------------------------
        page.locator("button.quiz-centre-refresh").first.click()
        centre_row(page).locator("button.quiz-centre-get-feedback").click()
        link = centre_row(page).locator("a.quiz-centre-view-feedback")
        link.wait_for(timeout=120_000)
        link.click()
        frame = page.frame_locator(".jp-HTMLViewer iframe").last
        frame.locator(".course-feedback-total").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        chinese_only(page, "feedback")
        shot(page, "6-feedback")
        listing = page.locator(".jp-DirListing-content").first.inner_text()
        assert "answers.json" in listing and ".lock" not in listing, listing

        text = frame.locator("body").inner_text()
        total = full + quiz.reflection.points
        assert f"总分：{full + REFLECTION_SCORE:g} / {total:g} 分" in text, text[:300]
        assert REFLECTION in text and "出处" in text
        assert text.count("你的答案：") == len(right)

        # -- the next day: stops their environment on the hub's page, comes back to it --------
        page.goto(f"{bed.url}/hub/home")
        page.locator("#stop").click()
        page.locator("#stop").wait_for(state="hidden", timeout=120_000)
        page.wait_for_timeout(500)
        chinese_only(page, "hub home, stopped")
        shot(page, "7-stopped")
        page.goto(f"{bed.url}/user/{trainee}/lab")
        page.locator("#start").wait_for()
        assert page.locator("h1").first.inner_text().strip() == "学习环境尚未启动"
        chinese_only(page, "not running")
        page.locator("#start").click()
        page.locator(".jp-DirListing-content").first.wait_for(timeout=240_000)
        page.goto(f"{bed.url}/user/{trainee}{START_PAGE}")
        run_guide(page)  # a new server, a new kernel: the quiz centre remembers everything
        row = centre_row(page).inner_text()
        assert "已提交（共 1 次）" in row and "反馈已获取" in row, row
        chinese_only(page, "back again")
        shot(page, "8-back-again")
        page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="文件").click()
        chinese_only(page, "file menu")
        page.get_by_role("menuitem", name="注销", exact=True).click()  # JupyterHub's Log Out
        page.locator("#login_submit").wait_for()  # back on the (Chinese) login page
        chinese_only(page, "logged out")
    except Exception:
        hands.failure_shots(context.pages, shot)
        raise
    finally:
        context.close()

    # -- nothing the trainee can read holds a key or a grading marker -------------------------
    keys = leaks.keys([quiz])
    found = []
    for path in readable_files(bed, trainee):
        if path.suffix == ".ipynb":
            text = path.read_text("utf-8", errors="replace")
            found += leaks.file_leaks(keys, str(path), text, package=False)
            found += [f"{path}: mark scheme" for m in ("BEGIN MARK SCHEME",) if m in text]
    assert found == [], found
    assert any(p.name == f"{A}.ipynb" for p in readable_files(bed, trainee))
    assert seen == {}, seen
