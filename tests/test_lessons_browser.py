"""A lesson as a trainee sees it: real JupyterLab, real Chromium, Run All, then look."""

from __future__ import annotations

import shutil

import nbformat

from tests.support import open_notebook, run_all
from tests.support.lessons import LESSONS_DIR, practice_calls

LESSON = "02_lead_and_4500.ipynb"  # the lesson with both tables and the 「4500」 diagram


def test_lesson_runs_in_jupyterlab_with_tables_diagram_and_practice(lab_server, page, tmp_path):
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

    counts = run_all(page, timeout=180)

    nb = nbformat.read(root / LESSON, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(counts) == len(code) and all(counts), counts
    assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
    assert (
        page.locator(
            ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']",
            has_text="Traceback",
        ).count()
        == 0
    )
    # the KB tables are rendered as HTML tables with Chinese text
    assert page.locator("table.course-table").filter(has_text="老西藏精神").count() >= 1
    # the 「4500」 diagram is shown as an image with its text alternative
    assert page.locator("img.course-diagram[alt^='「4500」']").count() >= 1
    # one practice session per practice() call, each with at least one question
    calls = sum(len(practice_calls(c.source)) for c in code)
    sessions = page.locator(".quiz-session")
    assert sessions.count() == calls
    for i in range(calls):
        assert sessions.nth(i).locator(".quiz-question").count() >= 1
