"""A trainee's hands on a graded quiz and the quiz centre in Chromium (Playwright): answer each
question type through its widget as a person would (mouse), confirm the trainee id, write the
reflection, and read what is visible. Shared by the quiz centre's browser test and the guide
journey test."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page

from course.quiz import strings as qs

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


def _order(box: Locator, wanted: list[str]) -> None:
    """Put the ordering widget's items in ``wanted`` order: select an item, click 上移."""
    listbox = box.get_by_role("listbox", name=qs.ORDER_LIST_LABEL, exact=True)
    for place, item in enumerate(wanted):
        order = [
            t.split("\xa0", 1)[-1].strip() for t in listbox.locator("option").all_inner_texts()
        ]
        target = order.index(item)
        if target == place:
            continue
        listbox.select_option(index=target)
        box.page.wait_for_timeout(200)
        for step in range(target - place):
            box.locator("button.quiz-move-up").click()
            listbox.locator("option").nth(target - step - 1).filter(has_text=item).wait_for()


def write_reflection(page: Page, text: str) -> None:
    """Replace the reflection cell's placeholder with ``text`` and render it (Shift+Enter)."""
    cell = page.locator(".jp-MarkdownCell", has_text="请在这里写下你的回答").first
    cell.scroll_into_view_if_needed()
    cell.dblclick()
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.keyboard.press("Shift+Enter")


def save(page: Page) -> None:
    """Save the current notebook (Ctrl+S) and wait until JupyterLab says it is saved."""
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
    )
