"""A trainee's journey in a real JupyterLab and Chromium: answer one question right and one
wrong, see both feedbacks, restart the kernel, run again, see both answers restored.

Prints the measured delay between a click on 提交答案 and the feedback's text changing.
"""

from __future__ import annotations

import json

from tests.support import open_notebook, restart_kernel, run_all, write_notebook

CELL = 'from course.quiz import practice\npractice("facts.nanhu_where", "facts.motto")'
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


def feedback(page, selector: str) -> str:
    return page.locator(f"{selector} .quiz-feedback").inner_text()


def test_answers_feedback_and_restore_after_kernel_restart(lab_server, page, tmp_path):
    root, answers = tmp_path / "root", tmp_path / "answers"
    write_notebook(root / "quiz.ipynb", [("markdown", "# 练习"), CELL])
    server = lab_server(root, env={"COURSE_ANSWERS_DIR": str(answers),
                                   "COURSE_TRAINEE_ID": "browser-trainee"})  # fmt: skip
    open_notebook(page, server, "quiz.ipynb")
    run_all(page)
    right, wrong = page.locator(RIGHT_Q), page.locator(WRONG_Q)
    right.wait_for()
    assert right.locator("button.quiz-submit").inner_text().strip() == "提交答案"

    right.get_by_label("嘉兴南湖").check()
    wrong.get_by_label("答案").fill("缺氧也缺纪律")
    page.wait_for_timeout(300)  # let the widget values reach the kernel before clicking
    delays = [page.evaluate(_TIMED_SUBMIT, RIGHT_Q), page.evaluate(_TIMED_SUBMIT, WRONG_Q)]
    print(f"\nclick-to-feedback delay in the browser: {delays[0]:.0f} ms (right), "
          f"{delays[1]:.0f} ms (wrong)")  # fmt: skip

    assert "✔ 回答正确" in feedback(page, RIGHT_Q) and "出处：第二部分" in feedback(page, RIGHT_Q)
    assert "✘ 回答错误" in feedback(page, WRONG_Q) and "还可以再试 1 次" in feedback(page, WRONG_Q)
    assert "已完成 1/2 题" in page.locator(".quiz-status").inner_text()
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
