"""The cohort hub end to end on 127.0.0.1: real Unix accounts, two courses, PostgreSQL.

Made with the documented commands (``course hub setup``, ``init``, ``db init``, ``roster apply``,
``start``; see tests/support/cohorthub.py). Two trainees of course A and one of course B log in
with their passwords; their servers are spawned through the hub; each fetches ``quiz-4500``
through nbgrader's assignment list, runs it in their own kernel and answers through the widgets,
saves and submits. A forger plants a submission under a classmate's name. The grader collects,
runs ``course autograde`` and ``course grading status``; an instructor scores the reflection in
formgrader (through the hub); feedback is generated, released and fetched. Then every security
claim is tried from the trainees' own kernels, and grades must equal the one-machine pipeline's
(tests/test_grading_pipeline.py) for the same answers.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from pathlib import Path

import pytest

from course.exchange.acl import named_readers
from course.hub import unix
from tests.support import papers
from tests.support.cohorthub import REPO, cleaned_up, make_testbed, require_root
from tests.support.concurrent_grading import (
    REFLECTION_ID,
    file_submissions,
    formgrader,
    grade_while_autograding,
    reflection_grade,
)
from tests.support.grading import answer_code
from tests.support.hubbrowser import hub_login
from tests.support.hubclient import HubUser
from tests.support.postgres import postgres_server
from tests.test_grading_pipeline import FULL, QUIZ, REFLECTION

pytestmark = pytest.mark.slow

A = "quiz-4500"
REFLECTION_POINTS = 3.0
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def postgres():
    require_root()
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="module")
def bed(postgres):
    """The hub: courses A and B on PostgreSQL, the roster applied, quiz-4500 released in both,
    started. Removed afterwards (accounts, groups, processes, folder), even on failure."""
    with cleaned_up(make_testbed(["a", "b"], postgres=postgres)) as testbed:
        ca, cb = testbed.courses
        t = testbed.account
        testbed.apply_roster(
            [
                (t("a1"), "张三", "trainee", ca),
                (t("a2"), "李四", "学员", ca),
                (t("b1"), "王五", "trainee", cb),
                (t("ia"), "赵老师", "instructor", ca),
                (t("ja"), "孙老师", "教员", ca),
                (t("ib"), "钱老师", "instructor", cb),
            ]
        )
        for course in (ca, cb):
            testbed.grader(course, "nbgrader", "generate_assignment", A)
            testbed.grader(course, "nbgrader", "release_assignment", A)
        testbed.seconds["hub start"] = testbed.start()
        yield testbed


def _cell(nb: dict, grade_id: str) -> dict:
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def _work(user: HubUser, course: str, answers: dict, reflection: str | None) -> None:
    """In the trainee's own server: open the fetched quiz, Run All, answer through the widgets,
    write the reflection, save (as Ctrl+S does), submit."""
    path = f"{course}/{A}/{A}.ipynb"
    nb = user.read_file(path)
    kernel = user.kernel(path)
    try:
        kernel.run_all(nb)
        kernel.execute(answer_code(answers))
        saved = kernel.execute(
            "import json; print(json.dumps(sorted(json.load(open('answers.json'))['answers'])))"
        )
        assert sorted(answers) == json.loads(saved), saved
    finally:
        kernel.close()
    if reflection:
        _cell(nb, REFLECTION_ID)["source"] = reflection
    user.save_notebook(path, nb)
    result = user.assignment_action("submit", course, A)
    assert result["success"], result


@pytest.fixture(scope="module")
def journey(bed):
    """The whole path once; tests below assert on what it left."""
    ca, cb = bed.courses
    t = bed.account
    right = {name: papers.answers(QUIZ, t(name)) for name in ("a1", "b1")}
    partial, partial_points = papers.mixed(QUIZ, t("a2"))
    trainees = {name: bed.login(t(name)) for name in ("a1", "a2", "b1")}
    started = time.monotonic()
    for user in trainees.values():
        user.start_server()
    ready = {name: user.wait_ready() - started for name, user in trainees.items()}
    bed.seconds["spawn 3 servers at once"] = max(ready.values())
    listed = {name: user.assignments(ca) for name, user in trainees.items()}
    for name, course in (("a1", ca), ("a2", ca), ("b1", cb)):
        result = trainees[name].assignment_action("fetch", course, A)
        assert result["success"], result
    _work(trainees["a1"], ca, right["a1"], REFLECTION)
    _work(trainees["a2"], ca, partial, None)
    _work(trainees["b1"], cb, right["b1"], None)

    # a2 plants a submission under a1's name, dated later than a1's (the forgery nbgrader's
    # own collect accepts): the private collect must refuse it and take a1's real one.
    inbound = bed.hub.exchange / ca / "inbound"
    forged = inbound / f"{t('a1')}+{A}+2099-01-01 00:00:00.000000 UTC+forged"
    trainees["a2"].kernel(f"{ca}/{A}/{A}.ipynb").execute(
        f"import os, shutil; os.mkdir({str(forged)!r}); "
        f"shutil.copy('{A}.ipynb', {str(forged)!r}); shutil.copy('answers.json', {str(forged)!r})"
    )

    collect = bed.grader(ca, "nbgrader", "collect", "--update", A, ok=False)
    assert collect.returncode == 1, collect.stdout + collect.stderr  # collected, one refused
    bed.grader(cb, "nbgrader", "collect", A)
    for course in (ca, cb):
        bed.grader(course, "course", "autograde", A, "--course-dir", ".", "--jobs", "2")
    status = bed.grader(
        ca, "course", "grading", "status", A, "--course-dir", ".", "--csv", "status.csv", ok=False
    )

    instructor = bed.login(t("ia"))
    grade = reflection_grade(instructor, ca, t("a1"))
    scored = formgrader(
        instructor, ca, "PUT", f"/grade/{grade['id']}", json={"manual_score": REFLECTION_POINTS}
    )
    for course in (ca, cb):
        bed.grader(course, "nbgrader", "generate_feedback", A)
        bed.grader(course, "nbgrader", "release_feedback", A)
        bed.grader(course, "nbgrader", "export")
    fetched = {}
    for name, course in (("a1", ca), ("a2", ca), ("b1", cb)):
        result = trainees[name].assignment_action("fetch_feedback", course, A)
        assert result["success"], result
        folder = trainees[name].read_file(f"{course}/{A}/feedback")
        stamp = folder[0]["name"]
        fetched[name] = trainees[name].read_file(f"{course}/{A}/feedback/{stamp}/{A}.html")
    return {
        "trainees": trainees,
        "instructor": instructor,
        "listed": listed,
        "collect": collect,
        "status": status,
        "scored": scored,
        "fetched": fetched,
        "forged": forged,
        "right": right["a1"],
        "partial": partial,
        "partial_points": partial_points,
    }


def _grades(bed, course: str) -> dict[str, dict[str, str]]:
    with open(bed.hub.course_dir(course) / "grades.csv", encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


def test_grades_equal_the_one_machine_pipeline(bed, journey):
    ca, cb = bed.courses
    t = bed.account
    a, b = _grades(bed, ca), _grades(bed, cb)
    # the one-machine pipeline grades these answers FULL and the mixed set its points (each
    # trainee's own paper); the reflection scored in formgrader comes on top
    assert float(a[t("a1")]["score"]) == FULL + REFLECTION_POINTS
    assert float(a[t("a2")]["score"]) == pytest.approx(journey["partial_points"])
    assert float(b[t("b1")]["score"]) == FULL
    assert journey["scored"]["manual_score"] == REFLECTION_POINTS
    assert bed.hub.settings.course(ca).db_url.startswith("postgresql+psycopg://")


def test_status_table_reads_the_postgresql_gradebook(bed, journey):
    ca, _ = bed.courses
    with open(bed.hub.course_dir(ca) / "status.csv", encoding="utf-8") as fh:
        rows = {row["trainee"]: row for row in csv.DictReader(fh)}
    a1, a2 = rows[bed.account("a1")], rows[bed.account("a2")]
    assert (a1["status"], a2["status"]) == ("graded", "graded"), journey["status"].stdout
    assert float(a1["score"]) == FULL  # before manual grading
    assert float(a2["score"]) == pytest.approx(journey["partial_points"])


def test_collect_refused_the_forged_submission(bed, journey):
    ca, _ = bed.courses
    log = journey["collect"].stdout + journey["collect"].stderr
    assert journey["collect"].returncode == 1, log
    assert "Refused submission" in log and "forged" in log, log
    collected = bed.hub.course_dir(ca) / "submitted" / bed.account("a1") / A / "answers.json"
    answers = json.loads(collected.read_text("utf-8"))["answers"]
    # a1's own answers, not a2's partial set (a multiple choice is kept in the order shown)
    for question, right in journey["right"].items():
        got = answers[question]["answer"]
        assert sorted(got) == sorted(right) if isinstance(right, list) else got == right, question


def test_each_trainee_fetched_their_own_feedback(bed, journey):
    t = bed.account
    pages = {name: journey["fetched"][name] for name in ("a1", "a2", "b1")}
    for page in pages.values():  # the course's Chinese feedback page (no ids on it)
        assert "course-feedback-points" in page and "得分" in page, page[:500]
    assert len(set(pages.values())) == 3  # each trainee's own answers, not one page thrice
    feedback = sorted((bed.hub.exchange / bed.courses[0] / "feedback").glob("*.html"))
    readers = [named_readers(path) for path in feedback]
    uids = {unix.account(t(n)).pw_uid for n in ("a1", "a2")}
    assert sorted(next(iter(r)) for r in readers) == sorted(uids)  # one reader each: the trainee
    assert all(path.stat().st_mode & 0o077 == 0o040 for path in feedback)  # group bits = ACL mask
    assert "KEY" not in journey["fetched"]["a1"]


def _probe_code(targets: dict) -> str:
    """Code a trainee runs in their own kernel: try each operation, report which succeeded."""
    return f"""
import glob, json, os, shutil
targets = json.loads({json.dumps(targets)!r})
def tried(op):
    try:
        op()
        return True
    except Exception:
        return False
done = {{}}
for label, path in targets.get("readable", {{}}).items():
    done["read " + label] = tried(lambda p=path: open(p, "rb").read())
for label, path in targets.get("files", {{}}).items():
    done["read " + label] = tried(lambda p=path: open(p, "rb").read())
    done["write " + label] = tried(lambda p=path: open(p, "ab").close())
    done["rename " + label] = tried(lambda p=path: os.rename(p, p + ".moved"))
    done["delete " + label] = tried(lambda p=path: os.unlink(p))
for label, path in targets.get("folders", {{}}).items():
    done["list " + label] = tried(lambda p=path: os.listdir(p))
    done["create in " + label] = tried(lambda p=path: open(os.path.join(p, "planted.txt"), "x").close())
    done["rename " + label] = tried(lambda p=path: os.rename(p, p + ".moved"))
    done["delete " + label] = tried(lambda p=path: shutil.rmtree(p))
for label, pattern in targets.get("globs", {{}}).items():
    done["see " + label] = len(glob.glob(pattern)) > 0
for label, dsn in targets.get("databases", {{}}).items():
    import psycopg
    done["connect " + label] = tried(lambda d=dsn: psycopg.connect(d, connect_timeout=5).close())
print(json.dumps(done))
"""


def _fingerprint(paths: list[Path]) -> dict[str, str]:
    found = {}
    for root in paths:
        for path in [root, *root.rglob("*")] if root.is_dir() else [root]:
            found[str(path)] = (
                hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            )
    return found


def test_no_trainee_reaches_another_trainees_work_or_a_course(bed, journey, postgres):
    """Every attempt from a trainee's own kernel fails; the same probe succeeds on one's own
    files (so it can tell); nothing of the victims changed."""
    ca, cb = bed.courses
    t = bed.account
    hub = bed.hub
    inbound = hub.exchange / ca / "inbound"
    victim_sub = next(
        p for p in inbound.iterdir() if p.name.startswith(t("a1") + "+") and "forged" not in p.name
    )
    own_sub = next(p for p in inbound.iterdir() if p.name.startswith(t("a2") + "+"))
    a1_uid = unix.account(t("a1")).pw_uid
    victim_feedback = next(
        p for p in (hub.exchange / ca / "feedback").glob("*.html") if a1_uid in named_readers(p)
    )
    a1_home = Path(unix.account(t("a1")).pw_dir)
    role, database = f"grader_{ca}", f"gradebook_{ca}"
    targets = {
        "files": {
            "a1's submitted notebook": str(victim_sub / f"{A}.ipynb"),
            "a1's submission secret": str(victim_sub / "submission_secret.txt"),
            "a1's feedback": str(victim_feedback),
            "a1's answers at home": str(a1_home / ca / A / "answers.json"),
            "course A's nbgrader config": str(hub.course_dir(ca) / "nbgrader_config.py"),
            "released quiz of A": str(hub.exchange / ca / "outbound" / A / f"{A}.ipynb"),
        },
        "folders": {
            "a1's submission": str(victim_sub),
            "course A's exchange folder": str(hub.exchange / ca),
            "course A's released quiz": str(hub.exchange / ca / "outbound" / A),
            "course A's feedback folder": str(hub.exchange / ca / "feedback"),
            "a1's home": str(a1_home),
            "course A's course folder": str(hub.course_dir(ca)),
        },
        "databases": {
            "A's gradebook without password": f"host=127.0.0.1 port={postgres.port} dbname={database} user={role}",
            "A's gradebook as postgres": f"host=127.0.0.1 port={postgres.port} dbname={database} user=postgres",
        },
    }
    watched = [
        victim_sub,
        victim_feedback,
        a1_home / ca / A,
        hub.exchange / ca / "outbound",
        hub.course_dir(ca) / "source",
    ]
    before = _fingerprint(watched)
    attacker = journey["trainees"]["a2"].kernel(f"{ca}/{A}/{A}.ipynb")
    results = json.loads(attacker.execute(_probe_code(targets)))
    # a2 may read what every trainee of A may read: the released quiz, and enter the exchange
    allowed = {
        "read released quiz of A",
        "list course A's exchange folder",
        "list course A's released quiz",
    }
    succeeded = sorted(k for k, ok in results.items() if ok and k not in allowed)
    own = json.loads(
        attacker.execute(
            _probe_code(
                {
                    "readable": {"own submission": str(own_sub / f"{A}.ipynb")},
                    "globs": {"own course's quizzes": str(hub.exchange / ca / "outbound" / "*")},
                }
            )
        )
    )
    attacker.close()

    outsider = journey["trainees"]["b1"].kernel(f"{cb}/{A}/{A}.ipynb")
    b_results = json.loads(
        outsider.execute(
            _probe_code(
                {
                    "globs": {
                        "course A's quizzes": str(hub.exchange / ca / "outbound" / "*"),
                        "course A's submissions": str(hub.exchange / ca / "inbound" / "*"),
                    },
                    "folders": {"course A's exchange folder (from B)": str(hub.exchange / ca)},
                }
            )
        )
    )
    outsider.close()
    b_listed = journey["listed"]["b1"]

    report = {
        "a2 against a1 and course A": results,
        "a2 on own work": own,
        "b1 against course A": b_results,
        "b1's assignment list of course A": b_listed,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "hub-security.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    assert succeeded == [], report
    assert all(own.values()), own  # the probe does see a success where one is allowed
    assert not any(b_results.values()), b_results
    assert b_listed == []
    assert _fingerprint(watched) == before


def test_formgrader_for_the_course_instructors_only(bed, journey):
    ca, cb = bed.courses
    t = bed.account
    a1, instructor = journey["trainees"]["a1"], journey["instructor"]
    assert a1.get(f"/services/{ca}/formgrader").status_code == 403
    assert a1.get(f"/services/{ca}/api/contents").status_code == 403
    other = bed.login(t("ib"))  # an instructor of course B only
    assert other.get(f"/services/{ca}/formgrader").status_code == 403
    page = instructor.get(f"/services/{ca}/lab")
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"].startswith("frame-ancestors 'self'")
    assert instructor.get(f"/services/{ca}/formgrader", allow_redirects=True).status_code == 200
    trainee_page = a1.get(f"/user/{t('a1')}/lab")
    assert trainee_page.headers["Content-Security-Policy"].startswith("frame-ancestors 'none'")
    assert a1.get(f"/user/{t('a1')}/formgrader").status_code == 404  # not loaded for trainees
    # the instructor's own server finds the course's formgrader with its least-scope token
    instructor.start_server()
    instructor.wait_ready()
    courses = instructor.api("GET", "/formgraders").json()
    assert courses["success"], courses
    assert [c["course_id"] for c in courses["value"]] == [ca]


def test_two_graders_and_autograde_at_once_lose_nothing(bed, journey):
    """Two instructors enter manual grades through formgrader while `course autograde` grades
    other submissions of the same assignment: 0 errors, 0 lost grades (PostgreSQL)."""
    ca, _ = bed.courses
    t = bed.account
    extra = [t(f"s{n:02d}") for n in range(1, 9)]
    file_submissions(bed, ca, t("a1"), extra)
    first, second = extra[:4], extra[4:]
    bed.grader(ca, "course", "autograde", A, "--course-dir", ".", "--student", f"{t('s0')}[1-4]")
    graders = [journey["instructor"], bed.login(t("ja"))]
    run = grade_while_autograding(bed, ca, graders, first, f"{t('s0')}[5-8]")
    proc = run["autograde"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert run["errors"] == [] and run["lost"] == [], run
    report = json.loads((bed.hub.course_dir(ca) / "autograde_reports" / f"{A}.json").read_text())
    assert sorted(r["student"] for r in report["results"] if r["status"] == "graded") == second


def test_doctor_checks_the_hub(bed, journey):
    from tests.support.cohorthub import course_cli

    out = course_cli("doctor", "--hub-dir", str(bed.root)).stdout
    for name in ("hub_answers", "hub_proxy", "hub_services", "hub_exchange", "hub_gradebook"):
        assert f"[ OK ] {name}" in out, out


def test_a_trainee_logs_in_through_the_browser_into_a_chinese_lab(bed, journey, page):
    """The hook for browser journeys on the hub: the login form, the trainee's own JupyterLab
    in Chinese on the course guide, without formgrader."""
    name = bed.account("a1")
    url = hub_login(page, bed, name)
    assert f"/user/{name}/lab" in url
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=120_000)  # the course guide
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert "文件" in menus and "运行" in menus, menus
    items = []
    if "Nbgrader" in menus:  # nbgrader's menu holds the trainee's Assignments list
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
        page.keyboard.press("Escape")
    assert not [i for i in items if "Formgrader" in i or "Create Assignment" in i], items
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "hub-trainee-lab.png")


def test_removed_from_the_roster_means_disabled_not_deleted(bed, journey):
    """Taking a2 off the roster locks the account, takes it out of the course, stops its
    server and forgets it on the hub; its home and its grades stay."""
    ca, cb = bed.courses
    t = bed.account
    a2 = t("a2")
    rows = [
        (t("a1"), "张三", "trainee", ca),
        (t("b1"), "王五", "trainee", cb),
        (t("ia"), "赵老师", "instructor", ca),
        (t("ja"), "孙老师", "instructor", ca),
        (t("ib"), "钱老师", "instructor", cb),
    ]
    out = bed.apply_roster(rows).stdout
    assert f"停用账号 {a2}" in out, out
    assert unix.is_locked(a2)
    assert not unix.groups_of(a2) & {f"nbgrader-{ca}", f"nbgrader-{cb}"}
    assert (Path(unix.account(a2).pw_dir) / ca / A / "answers.json").exists()
    assert a2 in _grades(bed, ca)
    users = journey["instructor"].hub("GET", f"/users/{a2}")
    assert users.status_code in (403, 404)  # gone from the hub (an instructor may not even ask)
    with pytest.raises(AssertionError, match="refused"):
        bed.login(a2)
    again = bed.apply_roster(rows).stdout  # idempotent: nothing to do the second time
    assert "新建" not in again and "停用" not in again, again
