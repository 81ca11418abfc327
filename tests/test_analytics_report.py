"""``course report`` on a synthetic cohort of 60 trainees with known answer patterns, graded by
the real pipeline (generate_assignment, submissions, ``course autograde``; the reflections graded
by hand through nbgrader's Gradebook API as formgrader does).

Every expected statistic is computed here from the planned answers alone (numpy), never by the
analytics package: the scores each answer variant earns are written by hand in
:mod:`tests.support.cohort`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from course.analytics import errors
from course.analytics.build import build, select
from course.analytics.load import load
from tests.support import cohort as C
from tests.support.grading import REPO

pytestmark = pytest.mark.slow
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    base = tmp_path_factory.mktemp("analytics")
    course, plan = C.build(base)
    pending_db = f"sqlite:///{course.root / 'gradebook.db'}"
    graded_path = base / "graded.db"
    shutil.copy(course.root / "gradebook.db", graded_path)
    graded_db = f"sqlite:///{graded_path}"
    C.grade_reflections(graded_db, plan)
    return {"course": course, "plan": plan, "pending": pending_db, "graded": graded_db}


# -- the independent computation ---------------------------------------------------------------
def slot_matrix(plan: C.Plan, reflections: bool) -> tuple[np.ndarray, list[str]]:
    """Trainees x slots (+ the reflection): the points the plan earns."""
    columns = C.SLOTS + ([C.REFLECTION] if reflections else [])
    rows = [
        [
            plan.reflection[t] if c == C.REFLECTION else plan.shares[t][c] * C.PAPER.points(c)
            for c in columns
        ]
        for t in plan.trainees
    ]
    return np.array(rows, dtype=float), columns


def expected_item_stats(plan: C.Plan, reflections: bool):
    """Facility and discrimination of every question over the trainees who got it, and
    Cronbach's alpha over the paper's slots, from the plan alone."""
    x, columns = slot_matrix(plan, reflections)
    totals = x.sum(axis=1)
    got: dict[str, list[tuple[int, float]]] = {}
    for i, t in enumerate(plan.trainees):
        for j, slot in enumerate(C.SLOTS):
            got.setdefault(plan.papers[t][slot], []).append((i, x[i, j]))
    fac, disc = {}, {}
    for q, pairs in got.items():
        rows, scores = [i for i, _ in pairs], np.array([v for _, v in pairs])
        points = C.PAPER.pools[C.PAPER.pool_of()[q]].points
        fac[q] = scores.mean() / points
        rest = totals[rows] - scores
        disc[q] = np.corrcoef(scores, rest)[0, 1] if len(rows) > 1 else float("nan")
    if reflections:
        fac[C.REFLECTION] = x[:, -1].mean() / C.REFLECTION_POINTS
        disc[C.REFLECTION] = np.corrcoef(x[:, -1], totals - x[:, -1])[0, 1]
    k = x.shape[1]
    alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / totals.var(ddof=1))
    return fac, disc, alpha, got


def respondents(plan: C.Plan) -> list[str]:
    return [t for t in plan.trainees if t != C.NO_RECORD]


# -- tests ---------------------------------------------------------------------------------------
def test_autograded_scores_are_the_planned_ones(cohort):
    plan = cohort["plan"]
    loaded = load(cohort["course"].root, cohort["graded"], progress=False)
    got = loaded.scores.pivot_table(index="trainee", columns="slot", values="score")
    x, columns = slot_matrix(plan, reflections=True)
    assert list(got.index) == plan.trainees
    np.testing.assert_allclose(got.loc[plan.trainees, columns].to_numpy(), x)
    # each slot's score is filed under the question the trainee had there
    auto = loaded.scores[loaded.scores["slot"] != C.REFLECTION]
    drawn = {(r.trainee, r.slot): r.question for r in auto.itertuples()}
    assert drawn == {(t, s): plan.papers[t][s] for t in plan.trainees for s in C.SLOTS}
    assert len({tuple(p.values()) for p in plan.papers.values()}) > 40  # different papers


@pytest.mark.parametrize("db", ["pending", "graded"])
def test_facility_discrimination_and_alpha(cohort, db):
    loaded = load(cohort["course"].root, cohort[db], progress=False)
    tables = build(loaded)
    fac, disc, alpha, got = expected_item_stats(cohort["plan"], reflections=db == "graded")
    items = tables.items.set_index("question")
    counted = items[~items["pending"]]
    assert sorted(counted.index) == sorted(fac)
    for q in fac:
        assert counted.loc[q, "facility"] == pytest.approx(fac[q], abs=1e-9), q
        assert counted.loc[q, "discrimination"] == pytest.approx(disc[q], abs=1e-9, nan_ok=True), q
        if q in got:
            assert counted.loc[q, "respondents"] == len(got[q]), q
    assert tables.alpha.set_index("assignment").loc[C.A, "alpha"] == pytest.approx(alpha)
    assert tables.alpha.set_index("assignment").loc[C.A, "items"] == len(C.SLOTS) + (db == "graded")
    if db == "pending":  # the ungraded reflection is left out and reported
        assert items.loc[C.REFLECTION, "pending"]
        assert (tables.problems["detail"] == f"{C.REFLECTION}: {C.N_TRAINEES}").any()
    x, _ = slot_matrix(cohort["plan"], reflections=db == "graded")
    totals = tables.totals[C.A].loc[cohort["plan"].trainees].to_numpy()
    np.testing.assert_allclose(totals, x.sum(axis=1))
    assert tables.distribution.loc[C.A, "max_score"] == C.PAPER.max_score + (
        C.REFLECTION_POINTS if db == "graded" else 0
    )


def test_doubtful_questions_are_the_low_and_negative_ones(cohort):
    tables = build(load(cohort["course"].root, cohort["graded"], progress=False))
    _, disc, _, _ = expected_item_stats(cohort["plan"], reflections=True)
    expected = {q for q in disc if not disc[q] >= 0.2}
    assert disc[C.MISLEADING] < 0  # the planted misleading question...
    doubtful = tables.items[tables.items["doubtful"]]
    assert set(doubtful["question"]) == expected  # ...is flagged, and only the weak ones are
    assert "区分度为负" in doubtful.set_index("question").loc[C.MISLEADING, "flags"]


def test_pools_whose_questions_differ_much_in_difficulty_are_flagged(cohort):
    tables = build(load(cohort["course"].root, cohort["graded"], progress=False))
    fac, _, _, got = expected_item_stats(cohort["plan"], reflections=True)
    pool_of = C.PAPER.pool_of()
    table = tables.pools.set_index("pool")
    assert set(table.index) == {p for p, spec in C.PAPER.pools.items() if len(spec.questions) > 1}
    uneven = set()
    for pool in table.index:
        members = [q for q in fac if pool_of.get(q) == pool]
        spread = max(fac[q] for q in members) - min(fac[q] for q in members)
        assert table.loc[pool, "spread"] == pytest.approx(spread), pool
        if spread > 0.3 and min(len(got[q]) for q in members) >= 5:
            uneven.add(pool)
    assert set(table.index[table["uneven"]]) == uneven


def test_option_frequencies(cohort):
    plan = cohort["plan"]
    tables = build(load(cohort["course"].root, cohort["graded"], progress=False))
    options = tables.options

    def got(q, option, item=""):
        rows = options[
            (options["question"] == q) & (options["option"] == option) & (options["item"] == item)
        ]
        assert len(rows) == 1, (q, item, option)
        return int(rows["count"].iloc[0]), float(rows["share"].iloc[0])

    people = respondents(plan)
    checked = set()
    for qid, q in C.BY_ID.items():
        given = [plan.answers[t].get(qid) for t in people if qid in plan.papers[t].values()]
        if not given:
            continue
        n, blank = len(given), sum(a is None for a in given)
        answered = [a for a in given if a is not None]
        if q.type == "truefalse":
            tf = Counter(answered)
            assert got(qid, "对") == (tf[True], pytest.approx(tf[True] / n)), qid
            assert got(qid, "错")[0] == tf[False], qid
        elif q.type in ("single", "multiple"):
            picks = Counter(o for a in answered for o in (a if q.type == "multiple" else [a]))
            for option in q.options:
                assert got(qid, option)[0] == picks[option], (qid, option)
        elif q.type == "matching":
            for item in q.left:
                picks = Counter(a[item] for a in answered)
                for option, count in picks.items():
                    assert got(qid, option, item)[0] == count, (qid, item, option)
                assert got(qid, "未作答", item)[0] == blank
        else:
            words = Counter(" → ".join(a) if q.type == "ordering" else a for a in answered)
            for text, count in words.most_common(5):
                assert got(qid, text)[0] == count, (qid, text)
        if q.type != "matching":
            assert got(qid, "未作答")[0] == blank, qid
        checked.add(q.type)
    assert checked == {"single", "multiple", "truefalse", "matching", "ordering", "fill"}
    right = options[options["correct"]]
    assert set(right[right["question"] == C.MISLEADING]["option"]) == {
        "对" if C.BY_ID[C.MISLEADING].answer else "错"
    }


def expected_mastery(plan: C.Plan, fac: dict[str, float]) -> dict[str, float]:
    """Equated mastery of the one section, worked out from the plan (every question of
    quiz-4500 is in 第一部分): raw share, minus the mean facility of the trainee's own
    questions (points-weighted), plus the cohort's share."""
    x, _ = slot_matrix(plan, reflections=False)
    points = np.array([C.PAPER.points(s) for s in C.SLOTS])
    cohort = x.sum() / (points.sum() * len(plan.trainees))
    out = {}
    for i, t in enumerate(plan.trainees):
        expected = sum(fac[plan.papers[t][s]] * p for s, p in zip(C.SLOTS, points, strict=True))
        value = x[i].sum() / points.sum() - expected / points.sum() + cohort
        out[t] = min(1.0, max(0.0, value))
    return out


def test_section_mastery_is_equated_for_the_papers_and_follow_up(cohort):
    plan = cohort["plan"]
    tables = build(load(cohort["course"].root, cohort["graded"], progress=False))
    fac, _, _, _ = expected_item_stats(plan, reflections=True)
    equated = expected_mastery(plan, fac)
    x, _ = slot_matrix(plan, reflections=True)
    total = x.sum(axis=1) / (C.PAPER.max_score + C.REFLECTION_POINTS)
    raw = x[:, :-1].sum(axis=1) / C.PAPER.max_score
    label = tables.mastery.columns[0]
    assert list(tables.mastery.columns) == [label] and "第一部分" in label  # all in tempering
    got = tables.mastery.loc[plan.trainees, label].to_numpy()
    np.testing.assert_allclose(got, [equated[t] for t in plan.trainees])
    np.testing.assert_allclose(tables.raw_mastery.loc[plan.trainees, label].to_numpy(), raw)
    assert not np.allclose(got, raw)  # the papers differ, and so does the correction
    assert tables.sections.loc[label, "全部测验"] == pytest.approx(np.mean(got))
    follow = {t for t, p in zip(plan.trainees, total, strict=True) if p < 0.6 or equated[t] < 0.5}
    follow.add(C.NO_RECORD)
    assert set(tables.follow_up["trainee"]) == follow
    reasons = tables.follow_up.set_index("trainee")["reasons"]
    assert "答题记录缺失" in reasons[C.NO_RECORD]
    percent = tables.follow_up.set_index("trainee")["percent"]
    for t, p in zip(plan.trainees, total, strict=True):
        if t in follow:
            assert percent[t] == pytest.approx(p)
    assert 0 < len(follow) < len(plan.trainees)


def test_section_filter_keeps_only_that_section(cohort):
    loaded = load(cohort["course"].root, cohort["graded"], progress=False)
    part = select(loaded, section="tempering")
    assert set(part.questions["question"]) == set(C.BY_ID)
    assert select(loaded, section="integrity").questions.empty


def test_cli_writes_report_csv_and_screenshot(cohort, tmp_path, browser):
    course = cohort["course"]
    out = tmp_path / "report"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "course",
            "report",
            C.A,
            "--course-dir",
            str(course.root),
            "--db",
            cohort["graded"],
            "--out",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{C.NO_RECORD} 的 {C.A} 答题记录不可用" in proc.stderr
    fac, _, _, _ = expected_item_stats(cohort["plan"], reflections=True)
    items = pd.read_csv(out / "items.csv", encoding="utf-8-sig").set_index("question")
    for q in fac:
        assert items.loc[q, "facility"] == pytest.approx(fac[q])
    for name in (
        "alpha",
        "options",
        "mastery",
        "raw_mastery",
        "sections",
        "follow_up",
        "problems",
        "totals",
        "pools",
    ):
        assert (out / f"{name}.csv").stat().st_size > 0
    page_html = (out / "report.html").read_text("utf-8")
    for heading in (
        "得分分布",
        "逐题分析",
        "题组难度",
        "存疑题目",
        "选项选择情况",
        "各章节掌握情况",
        "需要跟进的学员",
        "Cronbach",
    ):
        assert heading in page_html
    assert page_html.count("data:image/png;base64,") == 2 + len(C.BY_ID) + 2
    assert 'src="http' not in page_html  # self-contained
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((out / "report.html").as_uri())
    assert page.locator("h1").inner_text() == "学员测验分析报告"
    images = page.locator("img")
    assert all(images.nth(i).evaluate("i => i.naturalWidth > 0") for i in range(images.count()))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)
    page.close()


def _glyph_warnings(draw) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_plots_render_chinese_without_missing_glyphs(cohort):
    from course.analytics.report import figures

    loaded = load(cohort["course"].root, cohort["graded"], progress=False)
    tables = build(loaded)
    from course.analytics.build import Thresholds

    figs = []
    assert _glyph_warnings(lambda: figs.extend(figures(loaded, tables, Thresholds(), False))) == []
    assert {"distribution", "items", "sections", "follow_up"} <= {f.key for f in figs}
    assert all(f.png.startswith(b"\x89PNG") for f in figs)


def test_missing_glyph_check_can_fail():
    """The check above is not vacuous: the same Chinese label in a Latin-only font warns."""
    import matplotlib
    from matplotlib.figure import Figure

    def draw():
        with matplotlib.rc_context(
            {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
        ):
            fig = Figure()
            fig.subplots().set_title("各章节掌握情况")
            fig.savefig(__import__("io").BytesIO(), format="png")

    assert _glyph_warnings(draw)


# -- clear errors ------------------------------------------------------------------------------
def test_error_no_gradebook_file(tmp_path):
    with pytest.raises(errors.EmptyGradebook, match="成绩库为空"):
        load(tmp_path, progress=False)
    assert not (tmp_path / "gradebook.db").exists()  # nothing created
    proc = subprocess.run(
        [sys.executable, "-m", "course", "report", "--all", "--course-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "成绩库为空" in proc.stderr


def test_error_gradebook_without_assignments(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    bin_dir = str(Path(sys.executable).parent)  # a new gradebook runs `alembic` from PATH
    monkeypatch.setenv("PATH", bin_dir + ":" + __import__("os").environ["PATH"])
    Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}").close()
    with pytest.raises(errors.EmptyGradebook, match="no assignment"):
        load(tmp_path, progress=False)


def test_error_assignment_not_autograded(cohort, tmp_path):
    from nbgrader.api import Gradebook

    db = tmp_path / "gradebook.db"
    shutil.copy(Path(cohort["graded"].removeprefix("sqlite:///")), db)
    with Gradebook(f"sqlite:///{db}") as gb:
        gb.update_or_create_assignment("quiz-campaigns")
    with pytest.raises(errors.NotAutograded, match="quiz-campaigns.*尚未自动评分"):
        load(cohort["course"].root, f"sqlite:///{db}", ["quiz-campaigns"], progress=False)
    everything = load(cohort["course"].root, f"sqlite:///{db}", progress=False)
    assert everything.assignments == [C.A] and everything.skipped == ["quiz-campaigns"]
    with pytest.raises(errors.UnknownAssignment, match="quiz-nope"):
        load(cohort["course"].root, f"sqlite:///{db}", ["quiz-nope"], progress=False)


def test_error_no_answers_records(cohort, tmp_path):
    with pytest.raises(errors.AnswersMissing, match="answers.json"):
        load(tmp_path, cohort["graded"], progress=False)


def test_one_missing_record_is_reported_not_fatal(cohort):
    loaded = load(cohort["course"].root, cohort["graded"], progress=False)
    problems = build(loaded).problems
    row = problems[problems["trainee"] == C.NO_RECORD]
    assert list(row["kind"]) == ["缺少答题记录 answers.json"]


# -- the instructor notebook ---------------------------------------------------------------------
def test_instructor_notebook_runs_and_filters(cohort, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    path = REPO / "quizzes" / "instructor" / "cohort_report.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(
        not c.get("outputs") and not c.get("execution_count")
        for c in nb.cells
        if c.cell_type == "code"
    )
    monkeypatch.setenv("COURSE_DIR", str(cohort["course"].root))
    monkeypatch.setenv("COURSE_DB", cohort["graded"])
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        check = nbformat.v4.new_code_cell(
            "box = explorer(cohort)\n"
            "before = box.view.value\n"
            "box.pick_assignment.value = 'quiz-4500'\n"
            "box.pick_section.value = 'tempering'\n"
            "assert box.view.value != before or 'quiz-4500' in box.view.value\n"
            f"print([o[1] for o in box.pick_section.options], {C.MISLEADING!r} in box.view.value)"
        )
        nb.cells.append(check)
        client.execute_cell(check, len(nb.cells) - 1)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"], outputs
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert f"已读取 {C.N_TRAINEES} 名学员" in text
    assert "['', 'tempering'] True" in text
    widgets = [
        o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert widgets  # the explorer was displayed


def only_trainees(loaded, names: list[str]):
    """The same cohort with only the trainees ``names`` (a new Cohort)."""
    from dataclasses import replace

    def keep(df):
        return df[df["trainee"].isin(names)]

    return replace(
        loaded,
        scores=keep(loaded.scores),
        answers=keep(loaded.answers),
        records=keep(loaded.records),
        students=[t for t in loaded.students if t in names],
    )


def test_a_cohort_of_two_is_called_too_small_not_doubtful(cohort):
    """With one or two trainees every discrimination is -1, 1 or undefined: the report said every
    question was doubtful and drew undefined ones at 0. It says the cohort is too small."""
    from course.analytics import strings as s
    from course.analytics.build import Thresholds
    from course.analytics.report import figures, render

    loaded = load(cohort["course"].root, cohort["graded"], progress=False)
    small = only_trainees(loaded, respondents(cohort["plan"])[:2])
    tables = build(small)
    counted = tables.items[~tables.items["pending"] & (tables.items["respondents"] > 0)]
    assert len(counted) and not counted["doubtful"].any()
    assert counted["discrimination"].isna().all()
    # each question's own respondents (a pool question is on some papers only)
    assert set(counted["respondents"]) <= {1, 2}
    for row in counted.itertuples():
        assert row.flags.startswith(f"学员太少（{row.respondents} 人）"), row
    figs = figures(small, tables, Thresholds(), progress=False)
    assert "items" not in {f.key for f in figs}  # nothing drawn at a made-up 0
    page = render(small, tables, figs, Thresholds())
    assert s.SMALL_COHORT.format(n=2, minimum=Thresholds().min_trainees) in page
    assert s.NO_DOUBTFUL in page
