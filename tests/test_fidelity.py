"""Facts carry over, sentences do not: no learner-visible string -- lessons, practice bank, graded
quizzes, knowledge-base text, diagram labels -- shares an unmarked run of more than 20 Han
characters with the article (``tests/support/fidelity.py`` says exactly what counts).

One case per content file, so that a failure names the file and every run it copies."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from course import kb
from tests.support.article import REPO, VARIABLE, article_text
from tests.support.fidelity import (
    LIMIT,
    Article,
    bank_strings,
    copies_in,
    figure_strings,
    model_strings,
    notebook_strings,
    unmarked_parts,
)
from tests.support.lessons import LESSONS

BANK = REPO / "src" / "course" / "data" / "practice_bank.yaml"
QUIZZES = sorted((REPO / "quizzes").glob("**/*.ipynb"))
#: Knowledge-base fields written in our own words (the others -- values, list items, names,
#: titles of documents, anchors -- are the article's words, shown as quotations).
OWN_WORDS = {"summary", "note", "unstated", "explanation", "meaning", "role", "title", "topic"}


@pytest.fixture(scope="module")
def article() -> Article:
    return Article.from_text(article_text())


def _report(copies: list[str]) -> str:
    head = f"{len(copies)} unmarked run(s) of more than {LIMIT} Han characters copied from the "
    head += "article (explain in our own words, or quote briefly with 「」):"
    return "\n  ".join([head, *copies])


# -- the rule itself, both ways ------------------------------------------------------------------
def test_the_rule_finds_a_copied_sentence_whatever_its_punctuation():
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地"
    article = Article.from_text(f"前言。{text}。后记")
    assert article.copied_runs(f"我们说：{text[:10]}，{text[10:]}！") == [text]
    assert article.copied_runs(f"只抄{text[:LIMIT]}不算") == []  # exactly LIMIT: allowed


def test_quotation_marks_make_a_run_a_quotation():
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地"
    article = Article.from_text(text)
    for marked in (f"「{text}」", f"“{text}”", f"《{text}》", f"「前『{text}』后」"):
        assert article.copied_runs(f"文章写道{marked}。") == [], marked
    assert article.copied_runs(f"半个「{text}") == [text]  # an unclosed mark marks nothing
    assert unmarked_parts("甲|乙<!-- 丙 -->丁") == ["甲", "乙", "丁"]


# -- every kind of content -------------------------------------------------------------------------
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_copies_no_sentence(path, article):
    copies = copies_in(notebook_strings(path), article)
    assert not copies, _report(copies)


def test_practice_bank_copies_no_sentence(article):
    copies = copies_in(bank_strings(BANK), article)
    assert not copies, _report(copies)


def test_knowledge_base_text_copies_no_sentence(article):
    base = kb.load()
    parts = {
        "sections": base.sections,
        "facts": base.facts,
        "lists": base.lists,
        "framework_4500": base.framework_4500,
        "people": base.people,
        "places": base.places,
        "glossary": base.glossary,
    }
    strings = [s for name, part in parts.items() for s in model_strings(part, OWN_WORDS, name)]
    assert len(strings) > 100  # the walk reaches the text fields
    copies = copies_in(strings, article)
    assert not copies, _report(copies)


def test_diagram_labels_copy_no_sentence(article, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    from course import lesson

    strings = [
        s
        for make in (lesson.diagram_4500, lesson.diagram_campaigns)
        for s in figure_strings(make.__name__, make())
    ]
    copies = copies_in(strings, article)
    assert not copies, _report(copies)


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.parent.name + "/" + p.name)
def test_graded_quiz_copies_no_sentence(path, article):
    copies = copies_in(notebook_strings(path), article)
    assert not copies, _report(copies)


# -- the provenance checks cannot be skipped on CI ---------------------------------------------------
def _pytest(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_without_the_article_provenance_tests_skip_locally_and_fail_on_ci(tmp_path):
    absent = str(tmp_path / "no-article.txt")
    target = "tests/test_kb.py::test_every_anchor_is_verbatim_in_the_article"
    local = _pytest({VARIABLE: absent, "CI": ""}, target)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
    ci = _pytest({VARIABLE: absent, "CI": "true"}, target)
    assert ci.returncode == 1 and "CI=true" in ci.stdout, ci.stdout
    assert "1 skipped" not in ci.stdout
