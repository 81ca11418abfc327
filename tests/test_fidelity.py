"""Facts carry over, sentences do not: no learner-visible string -- lessons, practice bank, graded
quizzes, knowledge-base text, diagram labels -- shares an unmarked run of more than 20 Han
characters with the article (``tests/support/fidelity.py`` says exactly what counts).

One case per content file, so that a failure names the file and every run it copies."""

from __future__ import annotations

import os
import re
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
    pool_strings,
    unmarked_parts,
)
from tests.support.lessons import LESSONS

BANK = REPO / "src" / "course" / "data" / "practice_bank.yaml"
QUIZZES = sorted((REPO / "quizzes").glob("**/*.ipynb"))
POOLS = sorted((REPO / "quizzes" / "pools").glob("*.yaml"))
#: Knowledge-base fields written in our own words (the others -- values, list items, names,
#: titles of documents, anchors -- are the article's words, shown as quotations).
OWN_WORDS = {"summary", "note", "unstated", "explanation", "meaning", "role", "title", "topic"}


def kb_strings() -> list[tuple[str, str]]:
    """The knowledge base's own-words text fields (not the article's quoted words)."""
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
    return strings


def diagram_strings() -> list[tuple[str, str]]:
    from course import lesson

    return [
        s
        for make in (lesson.diagram_4500, lesson.diagram_campaigns)
        for s in figure_strings(make.__name__, make())
    ]


def content() -> list:
    """Every learner-visible content source as a test case: (name, a function returning its
    (where, text) strings); a graded quiz twice, as its question data and as its generated
    source notebook."""
    cases = [pytest.param(p.name, lambda p=p: notebook_strings(p), id=p.name) for p in LESSONS]
    cases.append(pytest.param(BANK.name, lambda: bank_strings(BANK), id=BANK.name))
    cases.append(pytest.param("article.yaml", kb_strings, id="article.yaml"))
    cases.append(pytest.param("diagrams", diagram_strings, id="diagrams"))
    for path in QUIZZES:
        cases.append(pytest.param(path.name, lambda p=path: notebook_strings(p), id=path.name))
    for path in POOLS:
        cases.append(pytest.param(path.name, lambda p=path: pool_strings(p), id=path.name))
    return cases


@pytest.fixture(scope="module")
def article() -> Article:
    return Article.from_text(article_text())


@pytest.fixture(autouse=True)
def _fresh_mpl_config(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))


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


# -- every content source ------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "strings"), content())
def test_content_copies_no_sentence(name, strings, article):
    copies = copies_in(strings(), article)
    assert not copies, _report(copies)


def _open_list_counts() -> re.Pattern:
    """Any statement of a number of items of a list the article leaves open (ends with 等), such
    as 「四项举措」 or 「三份制度文件」: the article gives no number for those."""
    nouns = {
        "regular_meetings": "会议",
        "named_activities": "活动",
        "integrity_measures": "举措",
        "integrity_activities": "活动",
        "documents": "文件",
        "education_forms": "形式",
    }
    base = kb.load()
    assert {x.id for x in base.lists if x.open} == set(nouns)
    numerals = "〇一二三四五六七八九十"
    phrases = []
    for list_id, noun in nouns.items():
        n = len(base.get_list(list_id).items)
        phrases.append(f"(?:{n}|{numerals[n]})\\s*[项份种类个点]\\S{{0,4}}?{noun}")
    return re.compile("|".join(phrases))


@pytest.mark.parametrize(("name", "strings"), content())
def test_content_gives_no_number_for_an_open_list(name, strings):
    pattern = _open_list_counts()
    found = [f"{where}: {m[0]}" for where, text in strings() for m in pattern.finditer(text)]
    assert not found, "a number stated for a list the article ends with 等:\n  " + "\n  ".join(
        found
    )


def test_the_open_list_check_notices_a_count():
    pattern = _open_list_counts()
    assert pattern.search("专项行动的四项举措") and pattern.search("三份制度文件")
    assert not pattern.search("四个系列党建活动") and not pattern.search("两项活动")


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
