"""The lesson notebooks: they run on a fresh kernel, are committed clean and exactly as the
generator writes them (code inputs hidden, tables in the Markdown), share one skeleton, read the
same before anything runs, teach every entry of the knowledge base, never ask a question twice
or before its material, state a time that matches the work, and sum up every objective."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from course import kb
from course.authoring import notebooks as render
from course.authoring.cells import diagram_calls, directive, practice_calls
from tests.support.lessons import (
    LESSONS,
    LESSONS_DIR,
    REPO,
    execute_notebook,
    normalise,
    notebook_text,
    offered,
    stated_minutes,
    taught_texts,
)

NUMERALS = "一二三四五六七八九十"
COURSE_LESSONS = [p for p in LESSONS if re.match(r"0[1-5]_", p.name)]  # the taught lessons
_RESULTS: dict[str, tuple[nbformat.NotebookNode | None, BaseException | None, float]] = {}


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


@pytest.fixture(scope="session")
def run_env(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("lesson-run")
    return {"COURSE_ANSWERS_DIR": str(root / "answers"), "MPLCONFIGDIR": str(root / "mpl")}


def executed(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    """Execute ``path`` once per test session (fresh kernel); re-raise its failure if it failed."""
    if path.name not in _RESULTS:
        start = time.perf_counter()
        try:
            _RESULTS[path.name] = (execute_notebook(path, env), None, 0.0)
        except Exception as exc:  # kept, so that every test using this notebook reports it
            _RESULTS[path.name] = (None, exc, 0.0)
        nb, exc, _ = _RESULTS[path.name]
        _RESULTS[path.name] = (nb, exc, time.perf_counter() - start)
    nb, exc, _ = _RESULTS[path.name]
    if exc is not None:
        raise exc
    return nb


def test_there_is_a_guide_five_lessons_and_a_glossary():
    assert [p.name[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05", "06"]
    assert all(p.name.isascii() for p in LESSONS)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_on_a_fresh_kernel(path, run_env):
    nb = executed(path, run_env)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    stderr = [
        o.text
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type == "stream" and o.name == "stderr"
    ]
    assert not [s for s in stderr if "missing from font" in s or "findfont" in s], stderr


# -- stored clean, exactly as generated ------------------------------------------------------------
def _committed_notebooks() -> list[Path]:
    """Every notebook git tracks or would track (untracked but not ignored) in the checkout."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.ipynb"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [REPO / line for line in out.splitlines() if (REPO / line).exists()]


def test_committed_notebooks_carry_no_outputs():
    notebooks = _committed_notebooks()
    assert any(p.parent == LESSONS_DIR for p in notebooks)
    dirty = []
    for path in notebooks:
        nb = read(path)
        for n, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
                dirty.append(f"{path.relative_to(REPO)} cell {n}")
        if "widgets" in nb.metadata:
            dirty.append(f"{path.relative_to(REPO)}: widget state in the metadata")
    assert not dirty, "notebooks committed with outputs:\n" + "\n".join(dirty)


def test_committed_lessons_are_what_the_generator_writes():
    """Tables, notes, practice headings, times and the course map come from the knowledge base
    and the bank: run `course lessons render` after changing either (or a lesson)."""
    stale = render.stale(LESSONS_DIR)
    assert not stale, "out of date (run `course lessons render`): " + ", ".join(
        p.name for p in stale
    )


def test_the_generator_notices_a_changed_table(tmp_path):
    for path in LESSONS:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lesson = tmp_path / "02_lead_and_4500.ipynb"
    lesson.write_text(
        lesson.read_text("utf-8").replace("「老西藏精神」", "「新西藏精神」"), "utf-8"
    )
    assert render.stale(tmp_path) == [lesson]
    assert render.write(tmp_path) == [lesson] and render.stale(tmp_path) == []
    assert "「老西藏精神」" in lesson.read_text("utf-8")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_code_input_is_hidden_and_metadata_is_trimmed(path):
    nb = read(path)
    assert set(nb.metadata) <= {"kernelspec", "language_info"}
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.metadata == {"jupyter": {"source_hidden": True}}, f"cell {n}"
            # JupyterLab shows the first line of a hidden input: a label, in Chinese
            first = cell.source.splitlines()[0]
            assert first.startswith("# ") and re.search(r"[\u4e00-\u9fff]", first), f"cell {n}"
        else:
            assert not cell.metadata, f"cell {n}: metadata left behind"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_tables_are_in_the_markdown_not_in_code(path):
    """A learner reads every table before running anything: no code cell builds one."""
    nb = read(path)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "show_table" not in code and "_table(" not in code
    for cell in nb.cells:
        d = directive(cell.source) if cell.cell_type == "markdown" else None
        if d is not None and d.kind == "table":
            assert "|---|" in cell.source, cell.source[:80]


# -- one skeleton ----------------------------------------------------------------------------------
def _headings(nb) -> list[tuple[int, str]]:
    """(cell index, heading line) for every markdown heading, in order."""
    return [
        (i, line)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("#")
    ]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_notebook_has_the_skeleton(path):
    nb = read(path)
    heads = _headings(nb)
    lines = [h for _, h in heads]
    number = int(path.name[:2])
    title = {0: "# 课程指南", 6: "# 术语表"}.get(number, f"# 第{number}课：")
    assert nb.cells[0].cell_type == "markdown" and lines[0].startswith(title)
    assert [h for h in lines if h.startswith("# ")] == [lines[0]], "one title only"
    fixed = [h for h in lines if h in ("## 学习目标", "## 预计用时", "## 要点回顾", "## 出处")]
    assert fixed == ["## 学习目标", "## 预计用时", "## 要点回顾", "## 出处"]
    assert stated_minutes(nb) > 0
    sections = [(i, h) for i, h in heads if h.startswith("## ") and h[3] in NUMERALS]
    assert [h[3] for _, h in sections] == list(NUMERALS[: len(sections)]) and sections
    assert all(h[4] == "、" for _, h in sections)
    # the numbered sections sit between 预计用时 and 要点回顾
    order = [h for h in lines if h.startswith("## ")]
    assert order.index("## 预计用时") < order.index(sections[0][1])
    assert order.index(sections[-1][1]) < order.index("## 要点回顾") == len(order) - 2
    # 出处 is generated from the knowledge base's citation
    cite = next(i for i, h in heads if h == "## 出处")
    assert kb.load().publication.citation in nb.cells[cite].source
    if path in COURSE_LESSONS:  # practice (or the review) after every section
        bounds = [i for i, _ in sections] + [next(i for i, h in heads if h == "## 要点回顾")]
        for (start, head), end in zip(sections, bounds[1:], strict=True):
            assert any(
                practice_calls(c.source) for c in nb.cells[start:end] if c.cell_type == "code"
            ), f"no practice after {head}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_one_answers_file_bar_per_notebook_with_practice(path):
    code = [c.source for c in read(path).cells if c.cell_type == "code"]
    bars = sum(source.count("backup_panel()") for source in code)
    asks = any(practice_calls(source) for source in code)
    assert bars == (1 if asks else 0), f"{bars} answers-file bars"


def test_guide_first_code_cell_shows_the_environment_check(run_env):
    nb = executed(LESSONS_DIR / "00_course_guide.ipynb", run_env)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "from course.doctor import run_checks" in first.source
    assert "run_checks()" in first.source
    shown = [o.data["text/html"] for o in first.outputs if "text/html" in o.get("data", {})]
    assert shown and re.search(r"[\u4e00-\u9fff]", shown[0]), "no Chinese summary shown"


# -- time: stated, in step with the work -----------------------------------------------------------
def test_course_map_states_the_time_each_lesson_states():
    guide = read(LESSONS_DIR / "00_course_guide.ipynb")
    text = "\n".join(c.source for c in guide.cells if c.cell_type == "markdown")
    for path in LESSONS:
        minutes = stated_minutes(read(path))
        row = next(line for line in text.splitlines() if f"`{path.name}`" in line)
        assert f"约 {minutes} 分钟" in row, (path.name, row)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_stated_time_covers_the_work(path):
    """Whatever the generator's rates, a lesson never promises less than half a minute per
    question, half a minute per table, a minute per diagram and 500 Han characters a minute --
    a floor no careful study beats (lesson 02 once said 30 minutes for 27 questions and 13
    tables)."""
    from course.authoring.cells import han_count

    nb = read(path)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    questions = sum(len(offered(source)) for source in code)
    reviews = sum(1 for s in code for call in practice_calls(s) if call.name == "review")
    tables = sum(1 for m in markdown if (d := directive(m)) is not None and d.kind == "table")
    diagrams = sum(diagram_calls(source) for source in code)
    floor = (
        0.5 * (questions + 12 * reviews)
        + 0.5 * tables
        + diagrams
        + sum(han_count(m) for m in markdown) / 500
    )
    assert stated_minutes(nb) >= floor, (stated_minutes(nb), floor)


# -- what is taught, and when it is asked ----------------------------------------------------------
def _taught_text(paths) -> str:
    """What a trainee reads in these lessons before running anything: their Markdown."""
    return normalise("\n".join(notebook_text(read(p)) for p in paths))


def _missing(base: kb.KnowledgeBase, taught: str) -> list[str]:
    return [
        f"{ref}: {text}"
        for ref, _, _ in base.sourced_entries()
        for text in taught_texts(base, ref)
        if normalise(text) not in taught
    ]


def test_every_knowledge_base_entry_is_taught_before_anything_runs():
    missing = _missing(kb.load(), _taught_text(COURSE_LESSONS))
    assert not missing, "not taught by any lesson:\n" + "\n".join(missing)


def test_everything_the_article_leaves_out_is_said():
    from course.authoring.tables import unstated_entries

    taught = _taught_text(COURSE_LESSONS)
    missing = [text for _, _, text in unstated_entries(kb.load()) if normalise(text) not in taught]
    assert not missing, "lessons never say what the article leaves out:\n" + "\n".join(missing)


def test_coverage_check_notices_a_lesson_that_stops_teaching():
    """The coverage rule is not vacuous: without lesson 4, its documents are no longer taught."""
    others = [p for p in COURSE_LESSONS if p.name != "04_integrity.ipynb"]
    missing = _missing(kb.load(), _taught_text(others))
    assert "lists.documents.action_plan: 《深化“雪域清风、清廉援藏”专项行动方案》" in missing


def test_practice_calls_name_known_references():
    base = kb.load()
    for path in LESSONS:
        for cell in read(path).cells:
            for call in practice_calls(cell.source) if cell.cell_type == "code" else []:
                for ref in call.refs:
                    base.resolve(ref)  # raises KeyError for an unknown reference


def test_every_bank_question_is_practised_in_some_lesson():
    """Each practice question is offered by at least one lesson's ``practice(...)`` call, as
    the bank selects them (by knowledge-base reference and section, not by question id)."""
    from course.quiz import bank

    ids = {
        q.id
        for path in LESSONS
        for cell in read(path).cells
        if cell.cell_type == "code"
        for q in offered(cell.source)
    }
    never = [q.id for q in bank.load() if q.id not in ids]
    assert never == [], f"bank questions no lesson offers: {never}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_a_lesson_never_offers_a_question_twice(path):
    ids = [q.id for c in read(path).cells if c.cell_type == "code" for q in offered(c.source)]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    assert not twice, f"offered twice in {path.name}: {twice}"


def test_a_lesson_asks_only_what_it_has_already_taught():
    """Every knowledge-base entry a practice question is about is shown (in this lesson above
    the practice cell, or in an earlier lesson) before the question is offered."""
    base = kb.load()
    read_so_far = ""
    early = []
    for path in LESSONS:
        for n, cell in enumerate(read(path).cells):
            if cell.cell_type == "markdown":
                read_so_far += normalise(cell.source)
                continue
            for q in offered(cell.source):
                for ref in q.refs:
                    for text in taught_texts(base, ref):
                        if normalise(text) not in read_so_far:
                            early.append(f"{path.name} cell {n}: {q.id} before {ref} ({text})")
    assert not early, "asked before it is taught:\n" + "\n".join(early)


# -- objectives and summary ------------------------------------------------------------------------
def _bullets(nb, heading: str) -> list[str]:
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and heading in c.source)
    return [line[2:] for line in cell.source.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_the_summary_sums_up_every_objective(path):
    """One summary point per learning objective, in the same order; where an objective names
    the knowledge-base entries it is about (``<!-- refs: ... -->``), its point states them."""
    nb = read(path)
    objectives, points = _bullets(nb, "## 学习目标"), _bullets(nb, "## 要点回顾")
    assert len(objectives) == len(points), (len(objectives), len(points))
    base = kb.load()
    for objective, point in zip(objectives, points, strict=True):
        refs = re.search(r"<!-- refs: ([^>]*) -->", objective)
        for ref in refs[1].split() if refs else []:
            for text in taught_texts(base, ref):
                assert normalise(text) in normalise(point), f"{ref} ({text}) not in: {point}"
