"""``course lab`` (what ``make lab`` runs) in a real Chromium: a lesson reopened after a reload
or with a new kernel shows the Chinese instruction, never ipywidgets' English error; a session
that answers and saves leaves the checkout clean; a trainee's lab shows no instructor tool and
no English."""

from __future__ import annotations

import time
import urllib.request

from course.lab import strings as s
from tests.conftest import ARTIFACTS
from tests.support import open_notebook, run_all, wait_kernel_idle
from tests.support.checkout import dirty, make_checkout
from tests.support.english import english_in_view
from tests.support.quiz import SIX_TYPES_CELL, SPIRITS

LESSON = "quiz.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MODEL_ERROR = "Error displaying widget"


def save(page) -> None:
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")


def saved_outputs(server, timeout: float = 20) -> list[dict]:
    """The outputs of the lesson as the server now reads it from disk, once a save holding
    outputs has reached it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        nb = server.api(f"contents/{LESSON}")["content"]
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        if outputs:
            return outputs
        time.sleep(0.2)
    raise TimeoutError(f"{LESSON} was not saved with outputs")


def end_kernels(server) -> None:
    """Shut every kernel session down, as closing the lab does (the next open starts anew)."""
    for session in server.api("sessions"):
        request = urllib.request.Request(
            f"{server.url}api/sessions/{session['id']}",
            method="DELETE",
            headers={"Authorization": f"token {server.token}"},
        )
        urllib.request.urlopen(request, timeout=10).close()


def test_reopened_lesson_says_what_to_do_and_the_checkout_stays_clean(course_lab, page, tmp_path):
    checkout = make_checkout(
        tmp_path / "course",
        {LESSON: [("markdown", "# 练习"), 'print("表格和图照常保存")', SIX_TYPES_CELL]},
    )
    committed = (checkout / "lessons" / LESSON).read_bytes()
    server = course_lab(checkout, env={"COURSE_ANSWERS_DIR": str(tmp_path / "answers")})
    open_notebook(page, server, LESSON)
    run_all(page)
    single = page.locator(".quiz-q-k_single")
    single.get_by_label(SPIRITS[0]).check()
    page.wait_for_timeout(300)  # the value reaches the kernel before the click
    single.locator("button.quiz-submit").click()
    single.locator(".quiz-feedback", has_text="回答正确").wait_for()
    save(page)

    outputs = saved_outputs(server)
    assert not [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert any("运行" in o.get("data", {}).get("text/plain", "") for o in outputs)
    assert any("表格和图照常保存" in "".join(o.get("text", "")) for o in outputs)
    assert (checkout / "lessons" / LESSON).read_bytes() == committed
    assert dirty(checkout) == []

    page.reload()  # F5: the page is rebuilt from the saved file
    page.locator(".jp-NotebookPanel").first.wait_for()
    wait_kernel_idle(page)
    page.locator(".course-rerun").first.wait_for()
    assert page.get_by_text(MODEL_ERROR).count() == 0

    page.goto("about:blank")
    end_kernels(server)  # come back tomorrow: a new kernel
    open_notebook(page, server, LESSON)
    page.locator(".course-rerun").first.wait_for()
    page.wait_for_timeout(1000)  # give a widget view every chance to fail
    assert page.get_by_text(MODEL_ERROR).count() == 0
    assert page.locator(".course-rerun").count() == 1
    shown = page.locator(".course-rerun").inner_text()
    assert s.RERUN_TITLE in shown and s.RERUN in shown
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "lab-reopened-lesson.png", full_page=True)

    run_all(page)
    single.locator(".quiz-feedback", has_text="已恢复").wait_for()
    assert single.get_by_label(SPIRITS[0]).is_checked()
    save(page)
    page.wait_for_timeout(1500)
    assert dirty(checkout) == []


def test_a_trainee_lab_has_no_instructor_tools_and_speaks_chinese(course_lab, page, tmp_path):
    checkout = make_checkout(tmp_path / "course", {LESSON: [("markdown", "# 练习"), "1 + 1"]})
    server = course_lab(checkout)
    open_notebook(page, server, LESSON)
    has = "p => window.jupyterapp.hasPlugin(p)"
    for plugin in ("formgrader", "create-assignment", "assignment-list", "validate-assignment"):
        assert not page.evaluate(has, f"@jupyter/nbgrader:{plugin}"), plugin
    run_all(page)
    seen = {"notebook": english_in_view(page)}
    menus = page.locator("#jp-MainMenu .lm-MenuBar-item")
    titles = menus.all_inner_texts()
    assert "Nbgrader" not in titles and len(titles) >= 8
    for i in range(menus.count()):
        menus.nth(i).click()
        page.locator(".lm-Menu").first.wait_for()
        seen[f"menu {titles[i]}"] = english_in_view(page)
        page.keyboard.press("Escape")
    for tab in page.locator(".jp-SideBar .lm-TabBar-tab").all():
        tab.click()
        page.wait_for_timeout(300)
        seen[f"side panel {tab.get_attribute('title')}"] = english_in_view(page)
    page.evaluate("() => window.jupyterapp.commands.execute('launcher:create')")
    page.locator(".jp-LauncherCard:visible").first.wait_for()
    seen["launcher"] = english_in_view(page)
    assert {where: words for where, words in seen.items() if words} == {}
    assert page.get_by_text("Create Assignment").count() == 0
    assert page.get_by_text("Validate", exact=True).count() == 0
