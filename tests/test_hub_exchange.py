"""The private exchange's refusals, with real accounts and nbgrader's own command line (no hub
running): a submission holding a link, a submission under another's name, and at collect time a
submission whose file was swapped for a link to a classmate's work, a file planted under a
classmate's name and a name nbgrader cannot parse -- each refused, the others still collected.
"""

from __future__ import annotations

import grp
import os
import stat

import pytest

from tests.support.cohorthub import make_testbed

pytestmark = pytest.mark.slow

A = "quiz-4500"


@pytest.fixture(scope="module")
def bed():
    testbed = make_testbed(["x"])
    try:
        (course,) = testbed.courses
        t = testbed.account
        testbed.apply_roster(
            [
                (t("t1"), "张三", "trainee", course),
                (t("t2"), "李四", "trainee", course),
                (t("t3"), "王五", "trainee", course),
            ]
        )
        testbed.grader(course, "nbgrader", "generate_assignment", A)
        testbed.grader(course, "nbgrader", "release_assignment", A)
        for name in ("t1", "t2", "t3"):
            trainee(testbed, name, "fetch_assignment", A, "--course", course)
        yield testbed
    finally:
        testbed.cleanup()


def trainee(bed, name: str, *args: str, ok: bool = True):
    """``nbgrader ARGS`` as a trainee in their home, with the trainees' configuration."""
    return bed.run_as(bed.account(name), ["nbgrader", *args], ok=ok, role="trainee")


def inbound(bed) -> list:
    return sorted((bed.hub.exchange / bed.courses[0] / "inbound").iterdir())


def test_submit_refuses_a_link_and_another_name_then_submits_privately(bed):
    (course,) = bed.courses
    t = bed.account
    folder = bed.hub.home(t("t1")) / course / A
    bed.run_as(t("t1"), ["ln", "-s", "/etc/hostname", str(folder / "notes.txt")])
    refused = trainee(bed, "t1", "submit", A, "--course", course, ok=False)
    assert refused.returncode != 0
    assert "符号链接" in refused.stdout + refused.stderr
    bed.run_as(t("t1"), ["rm", str(folder / "notes.txt")])
    other = trainee(bed, "t1", "submit", A, "--course", course, f"--student={t('t2')}", ok=False)
    assert other.returncode != 0 and "不能替他人" in other.stdout + other.stderr
    assert inbound(bed) == []  # nothing left behind, not even a hidden part

    trainee(bed, "t1", "submit", A, "--course", course)
    (entry,) = inbound(bed)
    graders = grp.getgrnam(f"formgrade-{course}").gr_gid
    assert entry.name.startswith(t("t1") + "+")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o2750 and entry.stat().st_gid == graders
    files = sorted(p.name for p in entry.iterdir())
    assert files == [f"{A}.ipynb", "submission_secret.txt", "timestamp.txt"]
    for path in entry.iterdir():
        info = path.stat()
        assert (stat.S_IMODE(info.st_mode), info.st_gid) == (0o640, graders), path


def test_collect_refuses_swapped_links_planted_files_and_bad_names(bed):
    (course,) = bed.courses
    t = bed.account
    trainee(bed, "t2", "submit", A, "--course", course)
    trainee(bed, "t3", "submit", A, "--course", course)
    entries = {p.name.split("+")[0]: p for p in inbound(bed)}
    # t2 swaps its submitted notebook for a link to t1's: the grader could read t1's file
    victim = entries[t("t1")] / f"{A}.ipynb"
    swapped = entries[t("t2")] / f"{A}.ipynb"
    bed.run_as(t("t2"), ["ln", "-sf", str(victim), str(swapped)])
    # t3 plants a file and a folder under t1's name, dated later, and an unparsable name
    base = bed.hub.exchange / course / "inbound"
    bed.run_as(t("t3"), ["touch", str(base / f"{t('t1')}+{A}+2099-01-01 00:00:00 UTC+file")])
    bed.run_as(t("t3"), ["mkdir", str(base / f"{t('t1')}+{A}+2099-01-02 00:00:00 UTC+dir")])
    bed.run_as(t("t3"), ["mkdir", str(base / f"{t('t3')}+{A}+not-a-time")])

    out = bed.grader(course, "nbgrader", "collect", A, ok=False)
    log = out.stdout + out.stderr
    assert out.returncode == 1, log  # the others collected, and it says some were refused
    submitted = bed.hub.course_dir(course) / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == [t("t1"), t("t3")], log
    assert (submitted / t("t1") / A / f"{A}.ipynb").read_bytes() == victim.read_bytes()
    assert not any(p.is_symlink() for p in submitted.rglob("*"))
    assert log.count("Refused submission") == 4, log
    assert "is a symbolic link" in log and "not a folder" in log and "malformed name" in log
    assert "owned by uid" in log
    assert not [p for p in submitted.iterdir() if p.name.startswith(".")]  # no partial copies
    assert os.path.islink(swapped)  # the trainee's own folder is left as it was

    # nbgrader's own collect on the same inbound folder (into another folder; groupshared only
    # gets it past its demand of a world-writable exchange root): one malformed name stops it
    # for everyone; without that entry, it takes t3's empty folder planted under t1's name
    # (dated later) and follows t2's link to t1's notebook -- what the private collect is for.
    default_collect = [
        "nbgrader",
        "collect",
        A,
        "--CourseDirectory.submitted_directory=default",
        "--ExchangeFactory.collect=nbgrader.exchange.default.collect.ExchangeCollect",
        "--CourseDirectory.groupshared=True",
    ]
    assert bed.grader(course, *default_collect, ok=False).returncode != 0
    (base / f"{t('t3')}+{A}+not-a-time").rmdir()
    bed.grader(course, *default_collect)
    default = bed.hub.course_dir(course) / "default"
    assert list((default / t("t1") / A).iterdir()) == []
    assert (default / t("t2") / A / f"{A}.ipynb").read_bytes() == victim.read_bytes()
