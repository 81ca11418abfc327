"""The knowledge base against the article: anchors, sections, order, counts, tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course import kb
from tests.support.article import article_text

# Counted by hand from the article, independently of the data file: list id -> number of items.
EXPECTED_COUNTS = {
    "six_campaigns": 6,
    "series_goals": 3,
    "activity_brands": 2,
    "six_qualities": 6,
    "context_2021": 4,
    "five_roles": 5,
    "three_awareness": 3,
    "care_principle": 3,
    "four_spirits": 4,
    "five_capabilities": 5,
    "three_safeties": 3,
    "nanhu_activities": 3,
    "political_integration": 3,
    "regular_meetings": 3,
    "named_activities": 5,
    "four_series": 4,
    "integrity_measures": 4,
    "integrity_activities": 3,
    "documents": 3,
    "responsibility_chain": 2,
    "education_forms": 4,
    "five_checks": 5,
}


@pytest.fixture(scope="module")
def base() -> kb.KnowledgeBase:
    return kb.load()


@pytest.fixture(scope="module")
def article() -> str:
    return article_text()  # skipped without the article; a failure under CI=true


@pytest.fixture(scope="module")
def spans(base, article) -> dict[str, tuple[int, int]]:
    """Each section's character span in the article, from its heading anchor to the next one.

    Headings are searched in order, each after the previous one: the lead names the two campaigns
    in the same words as their headings further down."""
    starts, cursor = [], 0
    for section in sorted(base.sections, key=lambda s: s.number):
        pos = article.find(section.anchor, cursor)
        assert pos >= 0, f"section {section.id}: heading {section.anchor!r} not found in order"
        starts.append((section.id, pos))
        cursor = pos + len(section.anchor)
    positions = [p for _, p in starts]
    ends = positions[1:] + [len(article)]
    return {sid: (start, end) for (sid, start), end in zip(starts, ends, strict=True)}


def test_every_anchor_is_verbatim_in_the_article(base, article):
    missing = [(ref, anchor) for ref, _, anchor in base.sourced_entries() if anchor not in article]
    assert not missing, f"anchors not found verbatim in the article: {missing}"


def test_every_anchor_lies_in_its_section(base, article, spans):
    wrong = []
    for ref, section, anchor in base.sourced_entries():
        if ref == "publication":  # the header above the editor's note
            continue
        start, end = spans[section]
        if anchor not in article[start:end]:
            wrong.append((ref, section, anchor))
    assert not wrong, f"anchors outside the section they claim: {wrong}"


def test_lists_keep_the_articles_order(base, article, spans):
    for lst in base.lists:
        start, end = spans[lst.section]
        cursor = start
        for item in lst.items:
            pos = article.find(item.anchor, cursor, end)
            assert pos >= 0, (
                f"{lst.id}.{item.id}: {item.anchor!r} not found after the previous item"
            )
            cursor = pos + 1


def test_each_list_has_the_articles_number_of_items(base):
    assert {lst.id: len(lst.items) for lst in base.lists} == EXPECTED_COUNTS


def test_stated_counts_quote_the_article(base, article):
    stated = {lst.id: lst.count for lst in base.lists if lst.count is not None}
    assert stated == {
        "six_campaigns": 6,
        "four_spirits": 4,
        "five_capabilities": 5,
        "four_series": 4,
        "five_checks": 5,
    }
    for lst in base.lists:
        if lst.count_anchor:
            assert lst.count_anchor in article


def test_items_inherit_their_lists_section(base):
    for lst in base.lists:
        assert all(item.section == lst.section for item in lst.items), lst.id


def test_every_section_has_entries(base):
    used = {section for _, section, _ in base.sourced_entries()}
    assert used == {s.id for s in base.sections}


def test_unstated_things_are_marked(base):
    """The article names these without spelling them out; the data must say so."""
    for fact_id in (
        "six_clean",
        "three_exchanges",
        "training_meeting",
        "one_post_two_duties",
        "care_document",
        "nanhu_when",
    ):
        assert base.get_fact(fact_id).unstated, fact_id
    assert base.get_list("four_spirits").unstated and base.get_list("named_activities").unstated
    for place in base.places:
        if place.id in ("nagqu", "nagqu_integrity_base"):
            assert place.unstated, place.id


# Lists the article ends with 等 (counted by hand): it gives no number for them.
OPEN_LISTS = {
    "regular_meetings",
    "named_activities",
    "integrity_measures",
    "integrity_activities",
    "documents",
    "education_forms",
}


def test_open_lists_are_the_ones_the_article_ends_with_deng(base, article):
    assert {lst.id for lst in base.lists if lst.open} == OPEN_LISTS
    for lst in base.lists:
        last = lst.items[-1].anchor
        after = article[article.index(last) + len(last) :]
        assert after.startswith("等") == (lst.open or lst.id == "six_campaigns"), lst.id
    assert base.get_list("six_campaigns").count == 6  # 等六大攻坚: the article counts them


def test_an_open_list_cannot_carry_a_count(tmp_path):
    import yaml

    raw = yaml.safe_load((Path(kb.__file__).parent / "data" / kb.DEFAULT_FILE).read_text("utf-8"))
    lst = next(x for x in raw["lists"] if x["id"] == "documents")
    lst.update(count=3, count_anchor="制定")
    with pytest.raises(kb.KnowledgeBaseError, match="an open list"):
        kb.parse(raw, "kb.yaml")


def test_glossary_follows_the_article(base, article):
    """The glossary is in the order its cited places appear in the article."""
    positions = [article.index(t.anchor) for t in base.glossary]
    assert positions == sorted(positions), [t.term for t in base.glossary]


def test_only_the_article_own_headings_are_marked_as_headings(base, article):
    for section in base.sections:
        if section.heading:
            assert section.title in article, section.id
    assert {s.id for s in base.sections if not s.heading} == {"lead", "closing"}
    assert all(s.title not in ("结语", "古语", "俗语") for s in base.sections)


def test_resolve_references(base):
    assert base.resolve("lists.four_spirits").texts() == [
        "红船精神",
        "两路精神",
        "老西藏精神",
        "援藏精神",
    ]
    assert base.resolve("lists.five_capabilities.implementation").text == "抓落实能力"
    assert base.resolve("facts.motto").value == "缺氧不缺纪律"
    assert base.resolve("framework_4500.zero_tolerance").symbol == "0"
    assert base.resolve("framework_4500") is base.framework_4500
    assert base.resolve("people.miao_weilun").name == "苗伟伦"
    assert base.resolve("places.jiaxing_nanhu").name == "嘉兴南湖"
    assert base.resolve("glossary.六个清").unstated is None
    with pytest.raises(KeyError, match="unknown knowledge-base reference"):
        base.resolve("people.nobody")
    with pytest.raises(KeyError, match="no list 'four_virtues'"):
        base.resolve("lists.four_virtues")
    with pytest.raises(KeyError, match="unknown knowledge-base reference"):
        base.resolve("nonsense.x")


def test_citation(base):
    assert base.publication.citation.startswith("浙江在线，2022-01-21，《浙江援藏")


def test_import_is_lazy():
    """Importing the package reads no data and pulls in neither pandas nor yaml."""
    code = (
        "import sys, course, course.kb\n"
        "heavy = [m for m in ('pandas', 'yaml', 'matplotlib') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert course.kb.load.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
