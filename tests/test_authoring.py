"""The generated parts of the lessons: the knowledge base as Markdown tables and notes (the
article's words quoted, our words not), the time estimate, and ``course lessons render``."""

from __future__ import annotations

import shutil

import pytest

from course import kb
from course.authoring import tables, timing
from course.cli import main
from tests.support.lessons import LESSONS_DIR


@pytest.fixture(scope="module")
def base() -> kb.KnowledgeBase:
    return kb.load()


def test_the_articles_words_are_quoted_and_titles_kept():
    assert tables.quote("红船精神") == "「红船精神」"
    assert (
        tables.quote("“情牵雪域、红动羌塘”系列党建活动") == "「『情牵雪域、红动羌塘』系列党建活动」"
    )
    assert (
        tables.quote("《浙江援藏“三交”项目行前教育实施意见》")
        == "《浙江援藏“三交”项目行前教育实施意见》"
    )
    assert tables.quote_all(["政治安全", "人身安全"]) == "「政治安全」、「人身安全」"


def test_a_list_table_in_the_articles_order_with_its_extra_columns(base):
    md = tables.list_table(base, "documents").markdown()
    lines = md.splitlines()
    assert lines[0].startswith("**制定和印发的制度文件**") and "「等」" in lines[0]  # open
    assert lines[2] == "| 序号 | 文章原文 | 方式 |"
    assert lines[4].startswith("| 1 | 《深化“雪域清风、清廉援藏”专项行动方案》 | 制定 |")
    spirits = tables.list_table(base, "four_spirits").markdown()
    assert "「等」" not in spirits and "| 4 | 「援藏精神」 |" in spirits


def test_cells_never_break_the_table():
    md = tables.Table(["a", "b"], [["x|y", "多\n行"]]).markdown()
    assert md.splitlines()[-1] == "| x\\|y | 多 行 |"


def test_the_sections_table_counts_from_one_and_says_whose_names_they_are(base):
    md = tables.sections_table(base).markdown()
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    assert [r.split(" | ")[0] for r in rows[1:]] == [f"| {n}" for n in range(1, 7)]
    assert "「导语」「文末」是本课程为了方便而起的叫法" in md and "结语" not in md


def test_the_framework_table_quotes_each_item(base):
    md = tables.framework_table(base).markdown()
    assert "「政治能力」、「学习能力」、「创新能力」、「抓落实能力」、「团结能力」" in md


def test_the_unstated_table_holds_every_gap_the_lessons_flag(base):
    md = tables.unstated_table(base).markdown()
    for ref, _name, text in tables.unstated_entries(base):
        assert tables.corner(text) in md, ref
    for gap in ("4种精神的名称", "南湖主题党日的具体日期", "那曲廉政基地"):
        assert gap in md


def test_unstated_notes_come_from_the_knowledge_base(base):
    note = tables.unstated_notes(base, "facts.six_clean", "places.nagqu_integrity_base")
    assert note.startswith("> **文章没有说明**：") and note.count("> **文章没有说明**") == 2
    with pytest.raises(KeyError, match="no 'unstated'"):
        tables.unstated_notes(base, "facts.motto")


def test_the_estimate_rounds_up_and_counts_every_part():
    assert timing.estimate(0, 0, 0) == timing.Estimate(1, 0, 5)
    est = timing.estimate(2500, tables=4, diagrams=1, question_types=["single"] * 20)
    assert est.reading == 13 and est.practice == 15 and est.total == 30
    assert timing.estimate(0, 0, 0, unknown_questions=12).practice == 13


def test_render_check_and_write_from_the_command_line(tmp_path, capsys):
    folder = tmp_path / "lessons"
    shutil.copytree(LESSONS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    assert main(["lessons", "render", "--check", "--lessons", str(folder)]) == 0
    lesson = folder / "04_integrity.ipynb"
    lesson.write_text(lesson.read_text("utf-8").replace("约 ", "大约 ", 1), "utf-8")
    assert main(["lessons", "render", "--check", "--lessons", str(folder)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["lessons", "render", "--lessons", str(folder)]) == 0
    assert lesson.read_text("utf-8") == (LESSONS_DIR / lesson.name).read_text("utf-8")


def test_an_unknown_directive_is_an_error(tmp_path):
    import nbformat

    from course.authoring import notebooks

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("<!-- course:tabel x -->")])
    with pytest.raises(ValueError, match="unknown directive"):
        notebooks.render(nb, kb.load())
