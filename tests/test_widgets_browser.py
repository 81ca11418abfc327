"""What a learner sees of the quiz widgets and the first-run check, in a real Chromium: no label
wrapped one character per line, no blank menu, numbered ordering items with a clear selection,
an upload button without a counter, marks that are not boxes, and 「全部重做」 that asks first and
keeps its place on the screen."""

from __future__ import annotations

import json

from course.quiz import strings as qs
from tests.support import open_notebook, run_all, write_notebook
from tests.support.quiz import SIX_TYPES_CELL, SPIRITS

FIRST_RUN = "from course.start import first_run\nfirst_run()"
KEYLESS = """\
from course.quiz.model import Question
from course.quiz.session import QuizSession
QuizSession([Question(id="k_keyless", type="single", section="tempering",
                      prompt="一道没有答案键、只保存答案的题，" * 8, options=["甲" * 40, "乙"])],
            title="只保存")"""

# How many lines the text of each element matching the selector takes.
_LINES = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return [el.textContent.trim(), tops.size];
})"""

# True if the page's font draws `text` as something else than the box of a missing glyph.
_DRAWN = """([text, font]) => {
  const draw = (t) => {
    const c = document.createElement('canvas');
    c.width = 64; c.height = 64;
    const g = c.getContext('2d');
    g.font = `40px ${font}`;
    g.fillText(t, 4, 48);
    return g.getImageData(0, 0, 64, 64).data.join(',');
  };
  return draw(text) !== draw('\\u{10FFFD}');
}"""


def lines(page, selector: str) -> dict[str, int]:
    return dict(page.evaluate(_LINES, selector))


def test_labels_menus_lists_marks_and_upload_as_a_learner_sees_them(lab_server, page, tmp_path):
    root = tmp_path / "root"
    write_notebook(root / "w.ipynb", [FIRST_RUN, SIX_TYPES_CELL, KEYLESS])
    server = lab_server(root, env={"COURSE_ANSWERS_DIR": str(tmp_path / "answers")})
    page.set_viewport_size({"width": 1000, "height": 900})  # a laptop, file browser open
    open_notebook(page, server, "w.ipynb")
    run_all(page)

    # the environment check: 正常 and each label on one line, details in Chinese
    verdicts = lines(page, ".course-doctor td:nth-child(-n+2)")
    assert verdicts and all(n == 1 for n in verdicts.values()), verdicts
    details = page.locator(".course-doctor td:nth-child(3)").all_inner_texts()
    assert all("installed" not in d and "loaded" not in d for d in details), details

    # matching: every menu shows 「（请选择）」 and stays inside the page's width
    menus = page.locator(".quiz-q-k_matching select")
    assert menus.count() == 2
    for i in range(2):
        assert (
            menus.nth(i).evaluate("s => s.selectedOptions[0].textContent") == qs.MATCH_PLACEHOLDER
        )
    area = page.locator(".quiz-q-k_matching").first
    assert area.evaluate("e => e.scrollWidth <= e.clientWidth + 1")

    # ordering: positions shown, the selected item clearly marked
    items = page.locator(".quiz-q-k_ordering select option").all_inner_texts()
    assert [t.split(".", 1)[0] for t in items] == ["1", "2", "3", "4"]
    chosen = page.locator(".quiz-q-k_ordering select option:checked")
    assert chosen.evaluate("o => getComputedStyle(o).backgroundColor") == "rgb(21, 101, 192)"

    # the upload button says what it does, without ipywidgets' file counter
    upload = page.locator(".course-backup-upload button")
    assert upload.inner_text().strip() == "上传答案文件"

    # the saved mark is drawn by the page's fonts, not a box
    keyless = page.locator(".quiz-q-k_keyless")
    keyless.get_by_label("甲" * 40).check()
    page.wait_for_timeout(300)
    keyless.locator("button.quiz-submit").click()
    keyless.locator(".quiz-feedback", has_text=qs.SAVED).wait_for()
    font = keyless.locator(".quiz-feedback").evaluate("e => getComputedStyle(e).fontFamily")
    for mark in (qs.MARK_SAVED, qs.MARK_RIGHT, qs.MARK_WRONG, qs.MARK_PARTIAL):
        assert page.evaluate(_DRAWN, [mark, font]), mark

    # the summary's headers stay on one line, beside a long question and a long answer
    page.locator(".quiz-session", has_text="只保存").locator(".quiz-summary-button").click()
    headers = lines(page, ".quiz-summary-table th")
    assert headers and all(n == 1 for n in headers.values()), headers


def test_restart_asks_first_and_the_page_does_not_jump(lab_server, page, tmp_path):
    root, answers = tmp_path / "root", tmp_path / "answers"
    write_notebook(root / "w.ipynb", [SIX_TYPES_CELL])
    server = lab_server(root, env={"COURSE_ANSWERS_DIR": str(answers)})
    open_notebook(page, server, "w.ipynb")
    run_all(page)
    for qid, right in (("k_single", SPIRITS[0]), ("k_truefalse", "对")):
        question = page.locator(f".quiz-q-{qid}")
        question.get_by_label(right, exact=True).check()
        page.wait_for_timeout(300)
        question.locator("button.quiz-submit").click()
        question.locator(".quiz-feedback", has_text="回答正确").wait_for()
    stored = (answers / "practice.json").read_bytes()
    reset = page.locator("button.quiz-reset")
    reset.scroll_into_view_if_needed()
    page.locator(".jp-WindowedPanel-outer").evaluate("e => { e.scrollTop += 200; }")
    before = reset.bounding_box()["y"]

    reset.click()
    confirm = page.locator(".quiz-confirm")
    confirm.wait_for()
    assert qs.RESET_QUESTION.format(n=6) in confirm.inner_text()
    assert page.evaluate("() => document.activeElement.classList.contains('quiz-reset-cancel')")
    page.locator("button.quiz-reset-cancel").click()
    assert confirm.is_hidden()
    page.wait_for_timeout(500)
    assert (answers / "practice.json").read_bytes() == stored  # nothing was erased
    assert "回答正确" in page.locator(".quiz-q-k_single .quiz-feedback").inner_text()

    reset.click()
    page.locator("button.quiz-reset-confirm").click()
    page.locator(".quiz-summary", has_text=qs.RESET_DONE).wait_for()
    page.wait_for_timeout(500)  # every re-render has landed
    assert page.locator(".quiz-q-k_single .quiz-feedback").inner_text().strip() == ""
    assert abs(reset.bounding_box()["y"] - before) <= 3, (before, reset.bounding_box())
    kept = json.loads((answers / "practice.json").read_text("utf-8"))["answers"]
    assert kept == json.loads(stored)["answers"]  # 全部重做 forgets no answer
