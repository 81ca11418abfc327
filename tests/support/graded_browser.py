"""A trainee's hands on a graded quiz and the quiz centre in Chromium (Playwright): answer each
question type through its widget as a person would (mouse), confirm the trainee id, write the
reflection, and read what is visible. Shared by the quiz centre's browser test and the guide
journey test."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import FrameLocator, Locator, Page

from course.grading.generate import REFLECTION
from course.grading.strings import NB_ANSWER_STUB, RECORDED
from course.quiz import strings as qs
from tests.support.browser import run_all, wait_kernel_idle
from tests.support.english import english_in_view

#: Words the visible UI may show in Latin letters: product and key names, file name parts.
ALLOWED_WORDS = frozenset(
    {
        "JupyterLab",
        "Jupyter",
        "Python",
        "Ctrl",
        "Shift",
        "Enter",
        "Tab",
        "ipynb",
        "json",
        "zip",
        "HTML",
    }
)
_WORD = re.compile(r"[A-Za-z]{2,}")
#: The ordering widget's position prefix (qs.POSITION without its item), as a pattern.
_POSITION = re.compile(
    "^" + re.escape(qs.POSITION.split("{item}")[0]).replace(re.escape("{n}"), r"\d+")
)


def english_words(text: str, allowed: set[str] | frozenset[str] = ALLOWED_WORDS) -> list[str]:
    """The Latin-letter words of ``text`` (two letters or more) not in ``allowed``."""
    return [w for w in _WORD.findall(text) if w not in allowed]


def confirm_id(page: Page, trainee: str) -> None:
    """Type ``trainee`` into the quiz panel's 学员编号 field and click 确认学员编号."""
    field = page.locator(".graded-trainee input")
    field.fill(trainee)
    page.wait_for_timeout(300)  # the value reaches the kernel before the click
    page.locator("button.graded-confirm-id").click()
    page.locator(".graded-paper-note", has_text=trainee).wait_for()


def answer(page: Page, question: Any, value: Any) -> None:
    """Answer ``question`` (a course.quiz Question) with ``value`` through its widget and click
    提交答案; wait until the widget says it is saved."""
    box = page.locator(f".quiz-q-{question.id}")
    box.scroll_into_view_if_needed()
    kind = question.type
    if kind in ("single", "truefalse"):
        label = value if kind == "single" else (qs.TRUE if value else qs.FALSE)
        box.get_by_label(label, exact=True).check()
    elif kind == "multiple":
        for option in value:
            box.get_by_label(option, exact=True).check()
    elif kind == "fill":
        box.get_by_label(qs.FILL_LABEL, exact=True).fill(value)
    elif kind == "matching":
        for left, right in value.items():
            box.get_by_role("combobox", name=left, exact=True).select_option(label=right)
    elif kind == "ordering":
        _order(box, list(value))
    else:
        raise ValueError(f"no browser hand for {kind!r}")
    box.page.wait_for_timeout(300)  # let the last value reach the kernel before the click
    box.locator("button.quiz-submit").click()
    box.locator(".quiz-feedback", has_text=qs.SAVED).wait_for()


def _order(box: Locator, wanted: list[str], steps: int = 60) -> None:
    """Put the ordering widget's items in ``wanted`` order as a person does: select the first
    item out of place, click 上移, look again. Reading the list anew after each click keeps it
    right even when a click reached the kernel before the selection did (seen under load)."""
    listbox = box.get_by_role("listbox", name=qs.ORDER_LIST_LABEL, exact=True)
    listbox.locator("option").nth(len(wanted) - 1).wait_for()  # the view has its options

    def shown() -> list[str]:  # ipywidgets shows an option's spaces as no-break spaces
        texts = listbox.locator("option").all_text_contents()  # innerText: "" out of view
        return [_POSITION.sub("", t.replace("\xa0", " ")).strip() for t in texts]

    for _ in range(steps):
        order = shown()
        if order == wanted:
            return
        assert sorted(order) == sorted(wanted), (order, wanted)
        place = next(i for i, (a, b) in enumerate(zip(order, wanted, strict=True)) if a != b)
        listbox.select_option(index=order.index(wanted[place]))
        box.page.wait_for_timeout(300)  # the selection reaches the kernel before the click
        box.locator("button.quiz-move-up").click()
        for _wait in range(50):
            if shown() != order:
                break
            box.page.wait_for_timeout(200)
    raise AssertionError(f"the list is {shown()} after {steps} moves, not {wanted}")


def write_reflection(page: Page, text: str) -> None:
    """Replace the reflection cell's placeholder with ``text`` and render it (Shift+Enter)."""
    cell = page.locator(".jp-MarkdownCell", has_text=NB_ANSWER_STUB.strip()).first
    cell.scroll_into_view_if_needed()
    cell.dblclick()
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.keyboard.press("Shift+Enter")
    page.locator(".jp-MarkdownCell", has_text=text).first.wait_for()


def save(page: Page) -> None:
    """Save the current notebook (Ctrl+S) and wait until JupyterLab says it is saved."""
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
    )


def recorded_lines(page: Page, expected: int, timeout: float = 60) -> list[str]:
    """The quiz's 「已保存」 lines once ``expected`` of them show text (JupyterLab renders cells
    out of view lazily: each is scrolled into view)."""
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    while time.monotonic() < deadline:
        found = page.locator(".graded-recorded")
        for i in range(found.count()):
            with contextlib.suppress(Exception):
                found.nth(i).scroll_into_view_if_needed(timeout=2000)
        lines = [t.strip() for t in found.all_text_contents()]
        if len(lines) >= expected and all(lines):
            return lines
        page.wait_for_timeout(500)
    return lines


def reload_quiz(page: Page, notebook: str, expected: int) -> list[str]:
    """Reload the page, bring the quiz ``notebook``'s tab back to the front, Run All; return
    its 「已保存」 lines, asserting there are ``expected`` of them, each as the quiz writes it."""
    page.reload()
    tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=notebook)
    tab.first.wait_for(timeout=120_000)
    tab.first.click()
    page.locator(".jp-NotebookPanel:visible").first.wait_for()
    wait_kernel_idle(page, 120)
    run_all(page, timeout=240)
    lines = recorded_lines(page, expected)
    before, after = RECORDED.split("{when}")
    assert len(lines) == expected, lines
    assert all(x.startswith(before) and x.endswith(after) for x in lines), lines
    return lines


def english_seen(page: Page, names: tuple[str, ...]) -> set[str]:
    """The English words ``page`` shows now, in the lab and in its frames (a feedback page is
    shown in one), ``names`` (ids) aside."""
    words = english_in_view(page, names)
    for frame in page.frames[1:]:
        with contextlib.suppress(Exception):  # a frame that went away meanwhile shows nothing
            words |= english_in_view(frame, names)
    return words


def manual_score(db_url: str, assignment: str, trainee: str, timeout: float = 30) -> float | None:
    """The reflection's manual score of ``trainee`` in the gradebook at ``db_url``, once
    formgrader has saved one (None after ``timeout`` seconds)."""
    from nbgrader.api import Gradebook

    deadline, score = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        with Gradebook(db_url) as gb:
            score = gb.find_grade(REFLECTION, assignment, assignment, trainee).manual_score
        if score is not None:
            return score
        time.sleep(0.5)
    return score


def score_reflection(
    page: Page, assignment: str, points: float, saved: Callable[[float], float | None]
) -> FrameLocator:
    """In an instructor's JupyterLab: menu Nbgrader → Formgrader, Manual Grading, the
    assignment, its notebook, Submission #1; type ``points`` into the reflection's score box
    until ``saved(timeout)`` (the gradebook's score) has it. Returns formgrader's frame."""
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Nbgrader").click()
    page.get_by_role("menuitem", name="Formgrader", exact=True).click()
    frame = page.frame_locator("iframe").first
    frame.locator("a", has_text="Manual Grading").first.click()
    frame.locator(f"a[href$='gradebook/{assignment}']").first.click()
    frame.locator(f"a[href$='gradebook/{assignment}/{assignment}']").first.click()
    frame.locator("a", has_text="Submission #1").first.click()
    frame.locator(".text_cell_render", has_text="评分说明").first.wait_for()
    score = frame.locator(f"input.score#{REFLECTION}")
    for _ in range(5):  # the page binds its boxes once its grades have loaded
        score.fill(f"{points:g}")
        score.blur()  # a change is saved when the box loses focus
        if saved(5) is not None:
            break
        score.fill("")
        score.blur()
    return frame


def failure_shots(pages: list[Page], shot: Callable[[Page, str], None]) -> None:
    """After a failure: ``shot`` every open page as ``failed-<n>`` (a page that cannot be
    captured any more is skipped)."""
    for number, open_page in enumerate(pages):
        with contextlib.suppress(Exception):
            shot(open_page, f"failed-{number}")
