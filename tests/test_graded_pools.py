"""The graded questions as data (``quizzes/pools/*.yaml``): validated against the knowledge base,
generated into the committed source notebooks, drawn into balanced per-trainee papers, every
section of the article graded, every key right and traced to the article, and bad data refused
with an error that names the entry before any notebook is written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from course import kb
from course.grading import generate, pools
from course.quiz.types.fill import normalise
from tests.support import papers
from tests.support.quiz import key_texts

QUIZZES = pools.load(papers.QUIZZES)
BY_NAME = {q.assignment: q for q in QUIZZES}
SECTIONS = [s.id for s in kb.load().sections]
#: Keys that are our framing rather than an article phrase, and why each is right.
NOT_VERBATIM = {
    "对违规违纪行为坚持0容忍": "article: 对援藏干部人才违规违纪行为坚持0容忍",
    "第1个“0”": "article: 第2个“0” implies the first",
    "强化廉政教育的形式": "article: 通过……等形式，强化廉政教育",
    "导语": "the course's name of the paragraph before the first heading",
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "course", "quizzes", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


# -- written once, generated ---------------------------------------------------------------------
@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda q: q.assignment)
def test_the_committed_notebook_is_what_the_data_generates(quiz):
    path = generate.target(papers.QUIZZES / "source", quiz)
    assert path.read_text("utf-8") == generate.render(quiz), (
        f"{path} is out of date: run `course quizzes build`"
    )


def test_build_writes_the_notebooks_and_check_tells_stale_ones(tmp_path):
    course = tmp_path / "quizzes"
    shutil.copytree(papers.QUIZZES, course, ignore=shutil.ignore_patterns("source"))
    stale = run("build", "--check", cwd=course)
    assert stale.returncode == 1 and "out of date" in stale.stdout, stale.stdout + stale.stderr
    built = run("build", cwd=tmp_path)  # from the repository root: ./quizzes
    assert built.returncode == 0, built.stderr
    for quiz in QUIZZES:
        written = course / "source" / quiz.assignment / f"{quiz.assignment}.ipynb"
        committed = papers.QUIZZES / "source" / quiz.assignment / f"{quiz.assignment}.ipynb"
        assert written.read_bytes() == committed.read_bytes()
    again = run("build", "--check", cwd=course)
    assert again.returncode == 0 and "match" in again.stdout, again.stdout + again.stderr


def test_a_trainees_paper_can_be_shown(tmp_path):
    shown = run("paper", "quiz-4500", "alice", cwd=papers.QUIZZES)
    assert shown.returncode == 0, shown.stderr
    drawn = BY_NAME["quiz-4500"].paper().draw("alice")
    assert all(f"{slot}: {qid}" in shown.stdout for slot, qid in drawn.items())
    unknown = run("paper", "quiz-nope", "alice", cwd=papers.QUIZZES)
    assert unknown.returncode == 2 and "quiz-nope" in unknown.stderr


# -- every part of the article graded -------------------------------------------------------------
def counts() -> tuple[Counter, Counter]:
    """Graded items per section: on every paper (slots), and in the pools (questions)."""
    per_paper = Counter(q.pools[s.pool].section for q in QUIZZES for s in q.slots)
    in_pools = Counter(q.section for quiz in QUIZZES for q in quiz.questions())
    return per_paper, in_pools


def test_every_section_is_graded_and_the_integrity_campaign_no_less_than_4500():
    per_paper, in_pools = counts()
    print("\ngraded items per section (per paper / in the pools):")
    for section in SECTIONS:
        print(f"  {section:15} {per_paper[section]:3} / {in_pools[section]:3}")
    assert set(per_paper) == set(in_pools) == set(SECTIONS)
    assert all(per_paper[s] >= 1 and in_pools[s] >= 3 for s in SECTIONS)
    assert per_paper["integrity"] >= per_paper["tempering"]
    assert in_pools["integrity"] >= in_pools["tempering"]


def test_the_topics_the_issue_names_are_graded():
    """Each topic the earlier quizzes left out has at least one question citing it."""
    refs = {r for quiz in QUIZZES for q in quiz.questions() for r in q.refs}
    for topic in (
        "facts.note_guidance",  # the editor's note's basis
        "lists.series_goals",  # ...and goals
        "lists.context_2021",  # the meaning of 2021
        "lists.three_awareness",
        "lists.care_principle",
        "lists.nanhu_activities",
        "facts.one_post_two_duties",
        "lists.five_checks",
        "facts.zero_tolerance_discipline",
        "facts.closing_summary",
    ):
        assert any(r == topic or r.startswith(topic + ".") for r in refs), topic


# -- papers ----------------------------------------------------------------------------------------
TRAINEES = [f"t{n:03d}" for n in range(1, 201)]


def rules(quiz: pools.Quiz) -> tuple[Counter, Counter]:
    """What every paper of ``quiz`` must hold: questions and points per section."""
    questions, worth = Counter(), Counter()
    for rule in quiz.rules:
        pool = quiz.pools[rule.pool]
        questions[pool.section] += rule.draw
        worth[pool.section] += rule.draw * pool.points
    return questions, worth


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda q: q.assignment)
def test_200_trainees_get_many_balanced_papers(quiz):
    paper, by_id = quiz.paper(), papers.questions(quiz)
    drawn = {t: paper.draw(t) for t in TRAINEES}
    distinct = {tuple(d.values()) for d in drawn.values()}
    print(f"\n{quiz.assignment}: {len(distinct)} distinct papers for {len(TRAINEES)} trainees")
    assert len(distinct) >= 50
    want_questions, want_points = rules(quiz)
    for trainee, slots in drawn.items():
        got = [by_id[q] for q in slots.values()]
        assert len(set(slots.values())) == len(slots), trainee  # never a question twice
        assert Counter(q.section for q in got) == want_questions, trainee
        worth = Counter()
        for slot, qid in slots.items():
            assert qid in {q.id for q in quiz.pools[paper.slot(slot).pool].questions}
            worth[by_id[qid].section] += paper.points(slot)
        assert worth == want_points, trainee
    neighbours = sum(drawn[a] != drawn[b] for a, b in zip(TRAINEES, TRAINEES[1:], strict=False))
    assert neighbours >= 0.9 * (len(TRAINEES) - 1)
    used = Counter(q for d in drawn.values() for q in d.values())
    assert set(used) == set(by_id)  # every question of every pool is somebody's


def test_one_trainee_always_gets_the_same_paper():
    """The same draw in this process, in a fresh interpreter with another hash seed (another
    machine, a restarted kernel), and from the released notebook's own copy of the pools."""
    script = (
        "import json, sys\n"
        "from course.grading import pools\n"
        "quizzes = pools.load(sys.argv[1])\n"
        "print(json.dumps({q.assignment: q.paper().draw('t007') for q in quizzes}))\n"
    )
    import json

    here = {q.assignment: q.paper().draw("t007") for q in QUIZZES}
    for seed in ("1", "12345"):
        proc = subprocess.run(
            [sys.executable, "-c", script, str(papers.QUIZZES)],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == here
    assert here == {q.assignment: q.paper().draw("t007") for q in QUIZZES}


# -- every key right, and from the article --------------------------------------------------------
ALL = [(quiz.assignment, q) for quiz in QUIZZES for q in quiz.questions()]


@pytest.mark.parametrize(("assignment", "q"), ALL, ids=lambda x: getattr(x, "id", x))
def test_a_right_answer_scores_full_marks_and_a_wrong_one_nothing(assignment, q):
    assert q.check(papers.right(q)).score == 1.0
    assert q.check(papers.wrong(q)).score == 0.0
    if q.type == "ordering":
        assert list(q.options) != list(q.answer)  # the release never lists it in order


@pytest.fixture(scope="module")
def article() -> str:
    from tests.support.article import article_text

    return article_text()


def test_every_key_is_an_article_phrase_and_orders_follow_the_article(article):
    text = normalise(article)
    unmarked = {
        t: normalise(t.strip("「」")) for _, q in ALL for t in key_texts(q) if t not in NOT_VERBATIM
    }
    missing = sorted(t for t, n in unmarked.items() if n not in text)
    assert missing == [], missing
    for _, q in ALL:
        if q.type == "ordering":  # each item found after the one before, the list in one place
            found = [text.find(normalise(q.answer[0]))]
            for item in q.answer[1:]:
                found.append(text.find(normalise(item), found[-1]))
            assert -1 not in found and found[-1] - found[0] < 200, (q.id, found)
    used = {t for _, q in ALL for t in key_texts(q)}
    assert set(NOT_VERBATIM) <= used  # no stale exception


def test_no_graded_text_copies_a_sentence_of_the_article(article):
    from tests.support.fidelity import Article, copies_in

    strings = []
    for quiz in QUIZZES:
        strings += [(quiz.assignment, quiz.title), (quiz.assignment, quiz.scope)]
        strings += [(quiz.assignment, quiz.reflection.prompt)]
        strings += [(quiz.assignment, line) for line in quiz.reflection.rubric]
        for q in quiz.questions():
            texts = [q.prompt, q.explanation, *q.options, *q.left, *key_texts(q)]
            strings += [(f"{quiz.assignment} {q.id}", t) for t in texts]
    assert copies_in(strings, Article.from_text(article)) == []


# -- bad data: a clear error naming the entry, nothing written ---------------------------------------
def _edit(tmp_path: Path, change) -> Path:
    """A copy of the course whose quiz-4500 data ``change`` (a function of the parsed YAML)
    has broken; returns the course folder."""
    course = tmp_path / "quizzes"
    shutil.copytree(papers.QUIZZES, course)
    path = course / "pools" / "quiz-4500.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return course


def _first(data, pool="t4500_parts"):
    return data["pools"][pool]["questions"][0]


BAD = {
    "a pool too small for its rule": (
        lambda d: d["paper"].__setitem__(0, {"pool": "t4500_lists", "draw": 9}),
        ["paper rule 1 (pool 't4500_lists')", "draws 9 question(s) from a pool of 5"],
    ),
    "an unknown knowledge-base entry": (
        lambda d: _first(d)["refs"].append("lists.nope"),
        ["pool 't4500_parts', question 'third_safety_typed', field 'refs.2'", "no list 'nope'"],
    ),
    "a duplicate id": (
        lambda d: d["pools"]["t4500_year"]["questions"].append(_first(d)),
        ["question 'third_safety_typed', field 'id': duplicate id in quiz-4500.yaml"],
    ),
    "an id of another assignment": (
        lambda d: d["pools"]["t4500_year"]["questions"].append({**_first(d), "id": "motto_typed"}),
        [
            "quiz-campaigns.yaml: question 'motto_typed', field 'id': duplicate id, also in quiz-4500"
        ],
    ),
    "a key not among the options": (
        lambda d: _first(d, "t4500_meeting").__setitem__("answer", "王五"),
        [
            "pool 't4500_meeting', question 'roles_speaker_chosen'",
            "answer '王五' is not one of the options",
        ],
    ),
    "a question without its key": (
        lambda d: _first(d).pop("answer"),
        ["question 'third_safety_typed', field 'answer': a graded question needs its key"],
    ),
    "a pool no rule draws from": (
        lambda d: d["paper"].pop(),
        ["pool 't4500_team': no paper rule draws from it"],
    ),
    "a question of no known type": (
        lambda d: _first(d).__setitem__("type", "essay"),
        ["question 'third_safety_typed', field 'type'", "unknown question type 'essay'"],
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_data_is_refused_naming_the_entry_and_nothing_is_written(tmp_path, case):
    change, words = BAD[case]
    course = _edit(tmp_path, change)
    with pytest.raises(pools.PoolError) as caught:
        pools.load(course)
    for word in words:
        assert word in str(caught.value), str(caught.value)
    assert "quiz-4500.yaml" in str(caught.value)
    notebooks = sorted((course / "source").glob("*/*.ipynb"))
    before = {p: p.read_bytes() for p in notebooks}
    (course / "source" / "quiz-campaigns" / "quiz-campaigns.ipynb").write_text("old", "utf-8")
    before[course / "source" / "quiz-campaigns" / "quiz-campaigns.ipynb"] = b"old"
    proc = run("build", cwd=course)
    assert proc.returncode == 2 and words[0] in proc.stderr, proc.stdout + proc.stderr
    assert {p: p.read_bytes() for p in notebooks} == before  # not even the good files


def test_a_practice_question_id_is_refused(tmp_path):
    from course.quiz import bank

    taken = bank.load()[0].id
    course = _edit(tmp_path, lambda d: _first(d).__setitem__("id", taken))
    with pytest.raises(pools.PoolError, match=f"question '{taken}'.*practice"):
        pools.load(course)
