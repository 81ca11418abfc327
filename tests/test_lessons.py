"""The lesson notebooks: they run on a fresh kernel, are committed clean, share one skeleton, and
together teach every entry of the knowledge base."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from course import kb
from tests.support.lessons import (
    LESSONS,
    LESSONS_DIR,
    REPO,
    execute_notebook,
    normalise,
    notebook_text,
    practice_calls,
    stated_minutes,
)

NUMERALS = "一二三四五六七八九十"
COURSE_LESSONS = [p for p in LESSONS if re.match(r"0[1-5]_", p.name)]  # the taught lessons
_RESULTS: dict[str, tuple[nbformat.NotebookNode | None, BaseException | None, float]] = {}


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
        nb = nbformat.read(path, as_version=4)
        for n, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
                dirty.append(f"{path.relative_to(REPO)} cell {n}")
        if "widgets" in nb.metadata:
            dirty.append(f"{path.relative_to(REPO)}: widget state in the metadata")
    assert not dirty, "notebooks committed with outputs:\n" + "\n".join(dirty)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_metadata_is_trimmed(path):
    nb = nbformat.read(path, as_version=4)
    assert set(nb.metadata) <= {"kernelspec", "language_info"}
    assert all(not c.metadata for c in nb.cells), "cell metadata left behind"


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
    nb = nbformat.read(path, as_version=4)
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
    # 出处 is followed by a code cell printing the citation from the knowledge base
    cite = next(i for i, h in heads if h == "## 出处")
    assert "publication.citation" in nb.cells[cite + 1].source
    if path in COURSE_LESSONS:  # practice after every section
        bounds = [i for i, _ in sections] + [next(i for i, h in heads if h == "## 要点回顾")]
        for (start, head), end in zip(sections, bounds[1:], strict=True):
            assert any(
                practice_calls(c.source) for c in nb.cells[start:end] if c.cell_type == "code"
            ), f"no practice after {head}"


def test_guide_first_code_cell_shows_the_environment_check(run_env):
    nb = executed(LESSONS_DIR / "00_course_guide.ipynb", run_env)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "from course.doctor import run_checks" in first.source
    assert "run_checks()" in first.source
    shown = [o.data["text/html"] for o in first.outputs if "text/html" in o.get("data", {})]
    assert shown and re.search(r"[\u4e00-\u9fff]", shown[0]), "no Chinese summary shown"


def test_course_map_states_the_time_each_lesson_states():
    guide = nbformat.read(LESSONS_DIR / "00_course_guide.ipynb", as_version=4)
    text = "\n".join(c.source for c in guide.cells if c.cell_type == "markdown")
    for path in LESSONS:
        minutes = stated_minutes(nbformat.read(path, as_version=4))
        row = next(line for line in text.splitlines() if f"`{path.name}`" in line)
        assert f"约 {minutes} 分钟" in row, (path.name, row)


def _taught_text(env) -> str:
    """What a trainee reads in the five lessons: markdown and every rendered text output."""
    return normalise("\n".join(notebook_text(executed(p, env)) for p in COURSE_LESSONS))


def _key(base: kb.KnowledgeBase, ref: str) -> list[str]:
    """The texts a lesson must show for the entry ``ref`` to count as taught."""
    kind, _, rest = ref.partition(".")
    if kind == "publication":
        return [base.publication.title]
    if kind == "sections":
        return [base.get_section(rest).title]
    if kind == "facts":
        return [base.get_fact(rest).value]
    if kind == "lists":
        list_id, _, item = rest.partition(".")
        lst = base.get_list(list_id.split("#")[0])
        return [lst.item(item).text] if item else lst.texts()
    if ref == "framework_4500":
        return [base.framework_4500.name] + [p.name for p in base.framework_4500.parts]
    if kind == "framework_4500":
        return [p.name for p in base.framework_4500.parts if p.id == rest]
    if kind in ("people", "places"):
        entries = base.people if kind == "people" else base.places
        return [e.name for e in entries if e.id == rest]
    if kind == "glossary":
        return [rest]
    raise AssertionError(f"no rule for {ref}")


def _missing(base: kb.KnowledgeBase, taught: str) -> list[str]:
    return [
        f"{ref}: {text}"
        for ref, _, _ in base.sourced_entries()
        for text in _key(base, ref)
        if normalise(text) not in taught
    ]


def test_every_knowledge_base_entry_is_taught(run_env):
    missing = _missing(kb.load(), _taught_text(run_env))
    assert not missing, "not taught by any lesson:\n" + "\n".join(missing)


def test_everything_the_article_leaves_out_is_said(run_env):
    base = kb.load()
    taught = _taught_text(run_env)
    entries = [*base.facts, *base.lists, *base.people, *base.places, *base.glossary]
    missing = [e.unstated for e in entries if e.unstated and normalise(e.unstated) not in taught]
    assert not missing, "lessons never say what the article leaves out:\n" + "\n".join(missing)


def test_coverage_check_notices_a_lesson_that_stops_teaching(run_env):
    """The coverage rule is not vacuous: without lesson 4, its documents are no longer taught."""
    others = [executed(p, run_env) for p in COURSE_LESSONS if p.name != "04_integrity.ipynb"]
    missing = _missing(kb.load(), normalise("\n".join(notebook_text(nb) for nb in others)))
    assert "lists.documents.action_plan: 《深化“雪域清风、清廉援藏”专项行动方案》" in missing


def test_practice_calls_name_known_references():
    base = kb.load()
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for refs, _section in practice_calls(cell.source):
                for ref in refs:
                    base.resolve(ref)  # raises KeyError for an unknown reference


def test_every_bank_question_is_practised_in_some_lesson():
    """Each practice question is offered by at least one lesson's ``practice(...)`` call, as
    the bank selects them (by knowledge-base reference and section, not by question id)."""
    from course.quiz import bank

    offered: set[str] = set()
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for refs, section in practice_calls(cell.source):
                offered |= {q.id for q in bank.select(refs, section)}
    never = [q.id for q in bank.load() if q.id not in offered]
    assert never == [], f"bank questions no lesson offers: {never}"
