"""A trainee's journey in a real JupyterLab and Chromium: answer one question right (mouse) and
one wrong (keyboard only), see both feedbacks, restart the kernel, run again, see both answers
restored; reload the page, run again, see them again.

Prints the measured delay between a click (or Enter) on 提交答案 and the feedback's text changing.
"""

from __future__ import annotations

import json

from tests.support import open_notebook, restart_kernel, run_all, write_notebook

CELL = 'from course.practice import practice\npractice("facts.nanhu_where", "facts.motto")'
RIGHT_Q, WRONG_Q = ".quiz-q-pb_nanhu_where", ".quiz-q-in_motto_blank"

# Click the question's submit button from inside the page and time until its feedback changes.
_TIMED_SUBMIT = """async (selector) => {
  const root = document.querySelector(selector);
  const feedback = root.querySelector('.quiz-feedback');
  const before = feedback.innerText;
  return await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (feedback.innerText !== before) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(feedback, {subtree: true, childList: true, characterData: true});
    const start = performance.now();
    root.querySelector('button.quiz-submit').click();
  });
}"""


# Arm a timer that starts when the submit button gets Enter and stops when the feedback changes.
_ARM_KEYBOARD = """(selector) => {
  const root = document.querySelector(selector);
  const feedback = root.querySelector('.quiz-feedback');
  const button = root.querySelector('button.quiz-submit');
  const before = feedback.innerText;
  window.__quizDelay = new Promise((resolve) => {
    let start = null;
    button.addEventListener('keydown', () => { start = performance.now(); }, {capture: true});
    const observer = new MutationObserver(() => {
      if (start !== null && feedback.innerText !== before) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(feedback, {subtree: true, childList: true, characterData: true});
  });
}"""


def feedback(page, selector: str) -> str:
    return page.locator(f"{selector} .quiz-feedback").inner_text()


def test_answers_feedback_and_restore_after_reload_and_kernel_restart(lab_server, page, tmp_path):
    root, answers = tmp_path / "root", tmp_path / "answers"
    write_notebook(root / "quiz.ipynb", [("markdown", "# 练习"), CELL])
    server = lab_server(
        root, env={"COURSE_ANSWERS_DIR": str(answers), "COURSE_TRAINEE_ID": "browser-trainee"}
    )
    open_notebook(page, server, "quiz.ipynb")
    run_all(page)
    right, wrong = page.locator(RIGHT_Q), page.locator(WRONG_Q)
    right.wait_for()
    assert right.locator("button.quiz-submit").inner_text().strip() == "提交答案"

    right.get_by_label("嘉兴南湖").check()
    page.wait_for_timeout(300)  # let the widget value reach the kernel before clicking
    click_delay = page.evaluate(_TIMED_SUBMIT, RIGHT_Q)

    # Keyboard only: type into the labelled box, Tab to the submit button, press Enter.
    wrong.get_by_label("答案").focus()
    page.keyboard.type("缺氧也缺纪律")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('quiz-submit')")
    page.evaluate(_ARM_KEYBOARD, WRONG_Q)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    key_delay = page.evaluate("() => window.__quizDelay")
    print(
        f"\ndelay from input to feedback in the browser: {click_delay:.0f} ms (click), "
        f"{key_delay:.0f} ms (Enter key)"
    )

    assert "✔ 回答正确" in feedback(page, RIGHT_Q) and "出处：第二部分" in feedback(page, RIGHT_Q)
    assert "✘ 回答错误" in feedback(page, WRONG_Q) and "还可以再试 1 次" in feedback(page, WRONG_Q)
    assert "已完成 1/2 题" in page.locator(".quiz-status").inner_text()

    page.reload()  # a reload (or a closed tab) keeps nothing in the page; the store has it all
    open_notebook(page, server, "quiz.ipynb")
    run_all(page)
    page.locator(f"{WRONG_Q} .quiz-feedback", has_text="已恢复").wait_for()
    assert "✔ 回答正确" in feedback(page, RIGHT_Q) and "✘ 回答错误" in feedback(page, WRONG_Q)
    stored = json.loads((answers / "practice.json").read_text(encoding="utf-8"))["answers"]
    assert stored["pb_nanhu_where"]["correct"] is True
    assert stored["in_motto_blank"]["answer"] == "缺氧也缺纪律"

    restart_kernel(page)
    run_all(page)
    page.locator(f"{RIGHT_Q} .quiz-feedback", has_text="已恢复").wait_for()
    assert "✔ 回答正确" in feedback(page, RIGHT_Q)
    assert "✘ 回答错误" in feedback(page, WRONG_Q) and "已恢复" in feedback(page, WRONG_Q)
    assert page.locator(RIGHT_Q).get_by_label("嘉兴南湖").is_checked()
    assert page.locator(RIGHT_Q).get_by_label("嘉兴南湖").is_disabled()
    assert page.locator(WRONG_Q).get_by_label("答案").input_value() == "缺氧也缺纪律"
    assert "已完成 1/2 题" in page.locator(".quiz-status").inner_text()
