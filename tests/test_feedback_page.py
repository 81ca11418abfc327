"""The feedback page a trainee reads is the course's Chinese template, rendered by the
HTMLExporter configuration nbgrader's ``generate_feedback`` uses (the course's nbgrader_config):
the question, the answer, the verdict, the points, the explanation and the source; no code, no
In[]/Out[], no nbgrader chrome, no hidden test. The whole path (autograde, generate_feedback,
release and fetch) runs in tests/test_quiz_centre_browser.py and test_grading_pipeline.py."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from course.grading import strings as s
from course.grading.feedback import TEMPLATE_BASEDIR, TEMPLATE_NAME
from course.grading.preprocessors import HideGradingCode
from tests.support.grading import QUIZZES, A

SOURCE = QUIZZES / "source" / A / f"{A}.ipynb"


def _stream(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def graded_notebook() -> tuple[nbformat.NotebookNode, dict]:
    """The source notebook as autograde and GetGrades leave it: each question printed by its
    ask cell, each grade cell's printout and score, a reflection scored with a comment, a
    trainee-added code cell (quarantined: never run)."""
    nb = nbformat.read(SOURCE, as_version=4)
    total = 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id", "")
        if gid.startswith("ask_"):
            cell.outputs = [_stream("以下哪一项符合文章？\n甲\n乙\n")]
        elif cell.cell_type == "code" and meta.get("grade"):
            cell.outputs = [
                _stream(
                    s.YOUR_ANSWER
                    + "乙\n"
                    + s.RESULT_RIGHT.format(got=meta["points"], points=meta["points"])
                    + "\n"
                    + s.EXPLANATION
                    + "解析文字。\n出处：第一部分\n"
                ),
                nbformat.v4.new_output("execute_result", data={"text/plain": "2.0"}),
            ]
            meta["score"] = meta["points"]
            total += meta["points"]
        elif gid == "reflection":
            cell.source = "我的思考：结合岗位实际。"
            meta.update(score=3.0, comment="结合实际，再具体一些。")
            total += 3.0
        elif meta.get("task"):
            meta["score"] = 0.0
    nb.cells.append(nbformat.v4.new_code_cell("# quarantined: print('hello')"))
    resources = {"nbgrader": {"notebook": A, "score": total, "max_score": 15.0, "late_penalty": 0}}
    return nb, resources


@pytest.fixture(scope="module")
def page() -> str:
    nb, resources = graded_notebook()
    nb, resources = HideGradingCode().preprocess(nb, resources)
    html, _ = feedback_exporter().from_notebook_node(nb, resources=resources)
    return html


def feedback_exporter():
    """The exporter nbgrader's GenerateFeedback builds under the course's configuration."""
    from nbgrader.converters import GenerateFeedback

    from course.nbcourse import load_config

    config, _coursedir = load_config(QUIZZES)
    app = GenerateFeedback(config=config)
    return app.exporter_class(parent=app, config=app.config)  # as its start() makes it


def visible_text(html: str) -> str:
    body = re.sub(r"(?s)<(style|script|head)\b.*?</\1>", "", html)
    return re.sub(r"<[^>]+>", " ", body)


def test_the_page_shows_answers_verdicts_points_explanations_and_the_reflection(page):
    text = visible_text(page)
    assert "测验一：「4500」铁军锤炼：反馈" in text
    assert "总分：14 / 15 分" in text  # 10 points of widget questions + 3 + 0 (late: none)
    assert text.count(s.YOUR_ANSWER) == 8 and text.count("解析文字。") == 8
    assert "得分：2 / 2 分" in text and "得分：3 / 4 分" in text
    assert "我的思考：结合岗位实际。" in text and "教员评语" in text and "再具体一些" in text
    assert "第9题 思考题" in text


def test_the_page_has_no_code_prompts_chrome_keys_or_english(page):
    text = visible_text(page)
    for marker in ("graded.", "KEYS", "BEGIN", "In&nbsp;[", "In [", "Out[", "Score", "Test cell"):
        assert marker not in page, marker
    assert "hello" not in page  # a trainee's added code is not shown
    assert "评分说明" not in text  # the rubric task is the grader's
    assert "2.0" not in text  # the grade cell's return value is nbgrader's, not the trainee's
    english = re.findall(r"[A-Za-z]{2,}", text)
    assert english == [], english


def test_generate_feedback_uses_the_course_page():
    origin = feedback_exporter().template.filename
    assert origin == str(TEMPLATE_BASEDIR / TEMPLATE_NAME / "index.html.j2"), origin


def test_formgraders_exporter_is_left_as_nbgrader_makes_it():
    """formgrader loads the course's configuration after its own settings
    (``NbGrader.initialize``): the course must set nothing on ``HTMLExporter``, or formgrader's
    grading view loses its ``formgrade`` template."""
    from nbgrader.server_extensions.formgrader import handlers

    from course.nbcourse import load_config

    config, _coursedir = load_config(QUIZZES)
    assert "HTMLExporter" not in config
    merged = Config()
    merged.HTMLExporter.template_name = "formgrade"
    merged.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    merged.merge(config)
    origin = HTMLExporter(config=merged).template.filename
    assert origin == str(Path(handlers.template_path) / "formgrade" / "index.html.j2"), origin
