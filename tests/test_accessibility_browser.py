"""Accessibility, verified in a real Chromium: every question type completed with the keyboard
alone (Tab, arrows, Space, Enter), each verdict announced through a live region that was in the
page before the answer, every group of options with an accessible name, and axe-core finding no
serious or critical violation in the quiz widgets and the lessons' output areas.

Prints axe's counts per impact (``pytest -s``)."""

from __future__ import annotations

import shutil

from tests.conftest import ARTIFACTS
from tests.support import open_notebook, run_all, write_notebook
from tests.support.axe import by_impact, violations
from tests.support.lessons import LESSONS_DIR
from tests.support.quiz import SIX_TYPES_CELL, SPIRITS

LESSONS = ("00_course_guide.ipynb", "02_lead_and_4500.ipynb")
RIGHT = "回答正确"
# what axe checks: the quiz widgets and every output and text of the lessons
AREAS = (".jp-Cell-outputArea", ".jp-MarkdownCell .jp-RenderedMarkdown")


def labels(page, qid: str, selector: str) -> list[str]:
    return page.locator(f".quiz-q-{qid} {selector}").all_inner_texts()


def press(page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)
        page.wait_for_timeout(60)


def submit_by_enter(page, qid: str) -> None:
    """Enter on the focused 提交答案; then the verdict must appear in the live region that was
    already in the page (a region created with its text is often not announced), and the next
    Tab reaches the question's 「再做一次」."""
    assert page.evaluate("() => document.activeElement.classList.contains('quiz-submit')"), qid
    region = page.locator(f".quiz-q-{qid} .quiz-feedback [role=status][aria-live=polite]")
    assert region.count() == 1
    region.evaluate("e => { e.dataset.before = 'yes'; }")
    page.wait_for_timeout(300)  # the last change reaches the kernel first
    page.keyboard.press("Enter")
    page.locator(f".quiz-q-{qid} [role=status][data-before=yes]", has_text=RIGHT).wait_for()
    page.locator(f".quiz-q-{qid} ~ .quiz-retry").first.wait_for(state="visible")
    press(page, "Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('quiz-retry')"), qid


def test_six_question_types_by_keyboard_alone_and_axe_finds_nothing_serious(
    lab_server, page, tmp_path
):
    root = tmp_path / "root"
    write_notebook(root / "six.ipynb", [SIX_TYPES_CELL])
    for name in LESSONS:
        shutil.copy(LESSONS_DIR / name, root / name)
    server = lab_server(
        root,
        env={
            "COURSE_ANSWERS_DIR": str(tmp_path / "answers"),
            "MPLCONFIGDIR": str(tmp_path / "mpl"),
        },
    )  # noqa: E501
    open_notebook(page, server, "six.ipynb")
    run_all(page)

    # every group of options, list and box has a name a screen reader reads out
    for role, name in (
        ("radiogroup", "第1题（单选题）：哪一种精神排在第一？"),
        ("group", "第2题（多选题）：选出排在前两位的精神。"),
        ("radiogroup", "第3题（判断题）：文章列出了这四种精神。"),
        ("combobox", "第一位"),
        ("combobox", "第二位"),
        ("listbox", "当前顺序"),
        ("textbox", "答案"),
    ):
        assert page.get_by_role(role, name=name, exact=True).count() == 1, (role, name)

    # 单选题: focus arrives on the first option; arrows choose; Tab to 提交答案; Enter
    page.locator(".quiz-q-k_single input").first.focus()
    at = labels(page, "k_single", ".quiz-fieldset label").index(SPIRITS[0])
    press(page, "ArrowDown", at) if at else press(page, "Space")
    press(page, "Tab")
    submit_by_enter(page, "k_single")

    # 多选题: Tab from box to box, Space ticks
    options = labels(page, "k_multiple", ".quiz-fieldset label")
    for text in options:
        press(page, "Tab")
        if text in SPIRITS[:2]:
            press(page, "Space")
    press(page, "Tab")
    submit_by_enter(page, "k_multiple")

    # 判断题
    press(page, "Tab")
    press(page, "Space")  # 对, the first option
    press(page, "Tab")
    submit_by_enter(page, "k_truefalse")

    # 连线题: arrows change a closed menu's choice
    for left, want in (("第一位", SPIRITS[0]), ("第二位", SPIRITS[1])):
        press(page, "Tab")
        menu = page.get_by_role("combobox", name=left, exact=True)
        press(page, "ArrowDown", menu.locator("option").all_inner_texts().index(want))
    press(page, "Tab")
    submit_by_enter(page, "k_matching")

    # 排序题: arrows pick an item, Tab to 上移, Enter moves it, Shift+Tab back to the list
    press(page, "Tab")
    listbox = page.get_by_role("listbox", name="当前顺序", exact=True)
    for place, item in enumerate(SPIRITS):
        order = [t.split("\xa0", 1)[1] for t in listbox.locator("option").all_inner_texts()]
        now = listbox.evaluate("s => s.selectedIndex")
        target = order.index(item)
        press(page, "ArrowDown" if target > now else "ArrowUp", abs(target - now))
        if target == place:
            continue
        press(page, "Tab")  # 上移
        for step in range(target - place):
            press(page, "Enter")
            listbox.locator("option").nth(target - step - 1).filter(has_text=item).wait_for()
        press(page, "Shift+Tab")
    press(page, "Tab", 3)  # 上移, 下移, 提交答案
    submit_by_enter(page, "k_ordering")

    # 填空题
    press(page, "Tab")
    page.keyboard.type(SPIRITS[0])
    press(page, "Tab")
    submit_by_enter(page, "k_fill")

    assert "已完成 6/6 题" in page.locator(".quiz-status").first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".quiz-summary").first.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "keyboard-completed-quiz.png", full_page=True)

    found = {"six.ipynb": violations(page, ".quiz-session", *AREAS)}
    for name in LESSONS:
        open_notebook(page, server, name)
        run_all(page, timeout=240)
        found[name] = violations(page, *AREAS)
    counts = {name: by_impact(v) for name, v in found.items()}
    print(f"\naxe-core violations by impact (elements): {counts}")
    serious = {
        name: [
            (v["id"], v["impact"], v["targets"])
            for v in vs
            if v["impact"] in ("serious", "critical")
        ]
        for name, vs in found.items()
    }
    assert serious == dict.fromkeys(found, [])
