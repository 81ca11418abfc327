"""A lesson as a trainee sees it: real JupyterLab, real Chromium. Before anything runs, the text
and the tables are there and no code is shown; after Run All, the diagram and every practice
session appear, with one answers-file bar, and a finished question can be tried again."""

from __future__ import annotations

import shutil

import nbformat

from tests.support import open_notebook, run_all
from tests.support.lessons import LESSONS_DIR, offered

LESSON = "02_lead_and_4500.ipynb"  # the lesson with the most tables and the 「4500」 diagram


def test_lesson_reads_before_running_and_runs_in_jupyterlab(lab_server, page, tmp_path):
    root = tmp_path / "lessons"
    shutil.copytree(LESSONS_DIR, root, ignore=shutil.ignore_patterns(".*"))  # never the repo copy
    server = lab_server(
        root,
        env={
            "COURSE_ANSWERS_DIR": str(tmp_path / "answers"),
            "MPLCONFIGDIR": str(tmp_path / "mpl"),
        },
    )
    open_notebook(page, server, LESSON)
    nb = nbformat.read(root / LESSON, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]

    # before running: the tables are Markdown, the code inputs are folded away
    tables = page.locator(".jp-MarkdownOutput table")
    tables.filter(has_text="老西藏精神").first.wait_for()
    assert tables.count() >= 10
    assert page.locator(".jp-CodeCell .jp-InputPlaceholder").count() == len(code)
    assert page.locator(".jp-CodeCell .cm-content:visible").count() == 0  # no code shown
    # a folded input shows only its first line, the label; cells far below are not drawn yet
    labels = [x for x in page.locator(".jp-InputPlaceholder").all_inner_texts() if x.strip()]
    assert len(labels) >= 3 and all(x.lstrip().startswith("# ") for x in labels), labels
    page.screenshot(path=tmp_path / "before-running.png")

    counts = run_all(page, timeout=180)

    assert len(counts) == len(code) and all(counts), counts
    assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
    stderr = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.filter(has_text="Traceback").count() == 0
    assert page.locator(".jp-RenderedImage img").count() >= 1  # the 「4500」 diagram
    # one practice session per practice() call, each with the questions its heading announces
    sessions = page.locator(".quiz-session")
    calls = [c for c in code if offered(c.source)]
    assert sessions.count() == len(calls)
    for i, cell in enumerate(calls):
        assert sessions.nth(i).locator(".quiz-question").count() == len(offered(cell.source))
    assert page.locator(".course-backup").count() == 1  # one answers-file bar, at the end

    # a finished question can be tried again; its record stays
    first = sessions.nth(1).locator(".quiz-question").first  # 「2021年」: one single choice
    first.scroll_into_view_if_needed()
    first.get_by_label("十四五规划", exact=True).check()
    page.wait_for_timeout(300)
    first.locator("button.quiz-submit").click()
    first.locator(".quiz-feedback", has_text="回答正确").wait_for()
    retry = sessions.nth(1).locator("button.quiz-retry")
    retry.wait_for(state="visible")
    sessions.nth(1).screenshot(path=tmp_path / "answered.png")
    retry.click()
    page.wait_for_function(
        "() => !document.querySelectorAll('.quiz-session')[1]"
        ".querySelector('.quiz-feedback').innerText.includes('回答正确')"
    )
    assert not first.get_by_label("十四五规划", exact=True).is_disabled()
