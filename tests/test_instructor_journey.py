"""The graded quiz as people live it, on one machine, following docs/instructor-guide.md word for
word: the blocks marked ``<!-- journey: NAME -->`` are run exactly as the guide writes them
(bash, from the repository root of a throwaway checkout, each block after the guide's
``activate`` block, no environment variable of the course set); the two JupyterLabs the guide
starts are started with the commands it names. A trainee in Chromium finds the quiz in the course
guide's quiz centre, fetches it, opens it from the list, answers every question through the
widgets and the reflection, reloads the page, checks and submits; the instructor collects,
autogrades from the repository root, scores the reflection in formgrader (clicked), releases
feedback; the trainee fetches and opens the feedback page.

Asserted on the way: no English word in what the trainee sees, the scores in the gradebook,
status and export, and no key in anything the trainee's lab serves. Screenshots of each step in
test-artifacts/journey-*.png.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from course.grading import leaks
from tests.conftest import ARTIFACTS
from tests.support import graded_browser as hands
from tests.support import papers, run_all, wait_kernel_idle
from tests.support.checkout import make_checkout

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "instructor-guide.md"
BLOCK = re.compile(r"<!-- journey: ([\w-]+) -->\n```sh\n(.*?)```", re.S)
A = "quiz-4500"
TRAINEE = "wujiu"  # a paper with a question of every type
REFLECTION = "我选择第1个“0”。在项目现场，我要把人身安全放在第一位，每周检查一次施工安全。"
REFLECTION_SCORE = 3
#: Names the trainee sees that are no English words: the quiz's id, their own id.
NAMES = (A, TRAINEE)


def guide_blocks() -> dict[str, str]:
    """The guide's journey blocks by name (their shell text, as written)."""
    return {name: text.strip() for name, text in BLOCK.findall(GUIDE.read_text("utf-8"))}


class Terminal:
    """The instructor's terminal at the repository root of ``checkout``, as the guide sets it up:
    every block runs after the ``activate`` block, in bash, with ``env``."""

    def __init__(self, checkout: Path, env: dict[str, str], blocks: dict[str, str]) -> None:
        self.checkout, self.env, self.blocks = checkout, env, blocks
        self.log: list[str] = []

    def run(self, name: str, text: str | None = None) -> subprocess.CompletedProcess:
        """Run the guide's block ``name`` (or ``text``, a line of it); fail unless it exits 0."""
        script = f"{self.blocks['activate']}\nset -e\n{text or self.blocks[name]}\n"
        proc = subprocess.run(
            ["bash", "-c", script],
            cwd=self.checkout,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        self.log.append(f"$ {text or self.blocks[name]}\n{proc.stdout}{proc.stderr}")
        assert proc.returncode == 0, f"{name} failed:\n{proc.stdout}\n{proc.stderr}"
        return proc


def shot(page, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"journey-{step}.png", full_page=True)


def chinese_only(page, where: str, seen: dict[str, set[str]]) -> None:
    """Record the English words the trainee sees now (asserted empty at the end)."""
    words = hands.english_seen(page, NAMES)
    if words:
        seen[where] = words


def centre_row(page):
    return page.locator(f".quiz-centre-{A}")


def run_quiz_centre(page, server) -> None:
    """Open the course guide (the lab's start page) and run it, as its section 五 says."""
    page.goto(server.lab_url(""))  # the lab's start page: the course guide
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=120_000)
    wait_kernel_idle(page, 120)
    run_all(page, timeout=240)
    centre_row(page).wait_for(timeout=60_000)
    centre_row(page).scroll_into_view_if_needed()


def click_centre(page, kind: str, then: str) -> None:
    """Click the quiz centre's ``kind`` button of the quiz's row; wait until the row says
    ``then``."""
    centre_row(page).locator(f"button.quiz-centre-{kind}").click()
    centre_row(page).filter(has_text=then).wait_for(timeout=120_000)


def served_files(server, path: str = "") -> list[str]:
    """Every file path the lab serves (its contents API), recursively."""
    found = []
    for item in server.api(f"contents/{urllib.parse.quote(path)}")["content"]:
        if item["type"] == "directory":
            found += served_files(server, item["path"])
        else:
            found.append(item["path"])
    return found


def test_one_machine_journey_follows_the_guide(course_lab, browser, tmp_path):
    blocks = guide_blocks()
    assert set(blocks) == {
        "activate",
        "instructor-lab",
        "trainee-lab",
        "release",
        "grade",
        "feedback",
        "export",
    }, blocks
    # the two long-running commands: started below as the guide names them
    assert blocks["instructor-lab"] == "course lab --instructor"
    assert blocks["trainee-lab"] == "make lab"
    make_lab = (REPO / "Makefile").read_text("utf-8")
    assert "\t.venv/bin/course lab $(LAB_ARGS)" in make_lab  # what `make lab` starts

    checkout = make_checkout(tmp_path / "repo", REPO / "lessons", quizzes=True)
    (checkout / ".venv").symlink_to(REPO / ".venv")  # `scripts/bootstrap.sh` done
    home = tmp_path / "home"  # the one OS account of the machine, fresh
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COURSE_", "JUPYTER_", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), MPLCONFIGDIR=str(tmp_path / "mpl"))
    terminal = Terminal(checkout, env, blocks)

    instructor = course_lab(checkout, args=["--instructor"], env=env)
    trainee = course_lab(checkout, env=env)
    terminal.run("release")

    seen: dict[str, set[str]] = {}
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        # -- the trainee finds the quiz in the course guide's quiz centre and fetches it ----
        run_quiz_centre(page, trainee)
        assert "已发布" in centre_row(page).inner_text()
        chinese_only(page, "quiz centre", seen)
        shot(page, "1-quiz-centre")
        click_centre(page, "fetch", "已获取")
        workspace = checkout / ".course-lab" / "lessons"
        assert (workspace / A / f"{A}.ipynb").is_file()  # inside what the lab shows
        assert not (checkout / A).exists() and not (checkout / "quizzes" / A).exists()

        # -- opens it from the list, confirms the id, answers everything through the widgets -
        centre_row(page).locator("a.quiz-centre-open").click()
        tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
        tab.filter(has_text=f"{A}.ipynb").wait_for()
        wait_kernel_idle(page, 120)
        run_all(page, timeout=240)
        page.locator(".graded-trainee input").fill(TRAINEE)
        page.locator("button.graded-confirm-id").click()
        quiz = papers.quiz(A, checkout / "quizzes")
        right = papers.answers(quiz, TRAINEE)
        by_id = papers.questions(quiz)
        page.locator(f".quiz-q-{next(iter(right))}").wait_for()
        assert {by_id[q].type for q in right} == {q.type for q in by_id.values()}
        for qid, value in right.items():
            hands.answer(page, by_id[qid], value)
        hands.write_reflection(page, REFLECTION)
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1000)
        chinese_only(page, "quiz answered", seen)
        shot(page, "2-quiz-answered")
        saved = json.loads((workspace / A / "answers.json").read_text("utf-8"))
        assert set(saved["answers"]) == set(right)

        # -- reloads the page: the answers are still there, every line says it is saved ------
        hands.reload_quiz(page, f"{A}.ipynb", len(right))
        assert page.locator(".jp-MarkdownCell", has_text=REFLECTION).count() == 1
        chinese_only(page, "quiz reloaded", seen)
        shot(page, "3-quiz-reloaded")

        # -- checks and submits from the quiz centre ------------------------------------------
        page.locator(
            "#jp-main-dock-panel .lm-TabBar-tab", has_text="00_course_guide.ipynb"
        ).first.click()
        page.locator(".jp-NotebookPanel:visible").first.wait_for()
        run_quiz_centre_again = page.locator(f".quiz-centre-{A}")
        if not run_quiz_centre_again.count():  # the reload dropped the widget views
            wait_kernel_idle(page, 120)
            run_all(page, timeout=240)
        centre_row(page).wait_for()
        centre_row(page).locator("button.quiz-centre-check").click()
        page.locator(".quiz-centre-message", has_text=f"已保存 {len(right)} 道").first.wait_for()
        click_centre(page, "submit", "已提交（共 1 次）")
        assert "北京时间" in centre_row(page).inner_text()
        chinese_only(page, "submitted", seen)
        shot(page, "4-submitted")

        # -- the instructor collects and autogrades from the repository root -----------------
        graded = terminal.run("grade")
        output = graded.stdout + graded.stderr
        assert "Warning" not in output, output  # no SQLAlchemy warning (nor any other)
        assert "graded 1" in output and "人工评分" in output, output
        full = quiz.paper().max_score

        # -- and scores the reflection in formgrader, by clicking -----------------------------
        grader = context.new_page()
        grader.set_default_timeout(60_000)
        grader.goto(instructor.lab_url("lab"))
        gradebook = f"sqlite:///{checkout / 'quizzes' / 'gradebook.db'}"
        frame = hands.score_reflection(
            grader,
            A,
            REFLECTION_SCORE,
            lambda timeout: hands.manual_score(gradebook, A, TRAINEE, timeout),
        )
        rubric = frame.locator(".text_cell_render", has_text="评分说明").first
        assert "MARK SCHEME" not in rubric.inner_text()
        assert rubric.locator("h1, h2, h3").count() == 0
        assert hands.manual_score(gradebook, A, TRAINEE) == REFLECTION_SCORE
        shot(grader, "5-formgrader-scored")
        grader.close()
        status = terminal.run("grade", f"course grading status {A}")
        assert "人工评分" not in status.stdout, status.stdout
        assert (
            f"{full + REFLECTION_SCORE:g} / {full + quiz.reflection.points:g}" in status.stdout
        ), status.stdout

        # -- feedback released; the trainee fetches and opens it ------------------------------
        terminal.run("feedback")
        page.locator("button.quiz-centre-refresh").first.click()
        centre_row(page).locator("button.quiz-centre-get-feedback").wait_for()
        centre_row(page).locator("button.quiz-centre-get-feedback").click()
        link = centre_row(page).locator("a.quiz-centre-view-feedback")
        link.wait_for(timeout=120_000)
        link.click()
        feedback = page.frame_locator("iframe").last
        feedback.get_by_text("解析").first.wait_for()
        page.wait_for_timeout(1000)
        chinese_only(page, "feedback", seen)
        shot(page, "6-feedback")
        text = feedback.locator("body").inner_text()
        assert REFLECTION in text and "出处" in text

        terminal.run("export")
        with open(checkout / "quizzes" / "grades.csv", encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["student_id"] == TRAINEE]
        assert len(rows) == 1 and float(rows[0]["score"]) == full + REFLECTION_SCORE, rows
    except Exception:
        hands.failure_shots(context.pages, shot)
        raise
    finally:
        context.close()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "journey-terminal.log").write_text("\n".join(terminal.log), "utf-8")

    # -- nothing the trainee's lab serves holds a key or a mark scheme ------------------------
    files = served_files(trainee)
    assert f"{A}/{A}.ipynb" in files
    for path in files:
        body = (workspace / path).read_bytes().decode("utf-8", "replace")
        for marker in leaks.NOTEBOOK_MARKERS:
            assert marker not in body, (path, marker)
        assert "BEGIN MARK SCHEME" not in body, path
    assert not any(p.startswith("quizzes") or "exchange" in p for p in files)
    assert seen == {}, seen
