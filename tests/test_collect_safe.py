"""``nbgrader collect`` under the course's configuration (course.exchange.collect.SafeCollect)
never follows a link, refuses what it cannot trust with a reason, and collects everyone else.

The exchange's ``inbound/`` is filled as ``nbgrader submit`` fills it, plus folders a trainee who
can write there by hand could leave: links to the course's source notebook and to its source
folder, a FIFO, ids nbgrader would glob or never see, a folder name nbgrader cannot parse, a
50 MB answer file and a timestamp nbgrader cannot read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.submissions import TIMESTAMP, generate

pytestmark = pytest.mark.slow

A = "quiz-4500"


LATER = "2026-11-28 08:00:00.000000 UTC"


def _inbound_name(trainee: str) -> str:
    """The folder name ``nbgrader submit`` gives a submission."""
    return f"{trainee}+{A}+{TIMESTAMP}+abcdefgh"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    quiz = generate(tmp_path_factory.mktemp("collect"), A)
    course = quiz.course
    course.nbgrader("release_assignment", A)
    inbound = course.exchange / "zj-tibet-4500" / "inbound"
    source = course.root / "source" / A

    def submit(trainee: str, name: str | None = None) -> Path:
        answers = quiz.right_answers(trainee)
        return quiz.submit(trainee, answers, folder=inbound / (name or _inbound_name(trainee)))

    submit("t01")
    submit("t02")
    folder = submit("link-key")
    (folder / "answers.json").unlink()
    os.symlink(source / f"{A}.ipynb", folder / "answers.json")
    os.symlink(source, inbound / _inbound_name("link-folder"))
    folder = submit("fifo")
    (folder / "answers.json").unlink()
    os.mkfifo(folder / "answers.json")
    submit("c40_[ab]")
    submit(".hidden")
    submit("t09", name=f"t09+{A}+not-a-time+abcdefgh")
    folder = submit("big")
    with open(folder / "answers.json", "wb") as fh:
        fh.truncate(50 * 10**6)
    (submit("badts") / "timestamp.txt").write_text("garbage", "utf-8")
    submit("t03")  # and a later entry of t03 that cannot be collected: it must not hide this one
    later = submit("t03", name=f"t03+{A}+{LATER}+abcdefgh")
    (later / "answers.json").unlink()
    os.symlink(source / f"{A}.ipynb", later / "answers.json")
    proc = course.nbgrader("collect", A, ok=False, timeout=300)
    return {"course": course, "proc": proc, "output": proc.stdout + proc.stderr}


def test_honest_submissions_are_collected_byte_for_byte(collected):
    root = collected["course"].root
    inbound = collected["course"].exchange / "zj-tibet-4500" / "inbound"
    for trainee in ("t01", "t02", "t03"):  # t03: its earlier entry, the later one is refused
        src = inbound / _inbound_name(trainee)
        dest = root / "submitted" / trainee / A
        assert sorted(p.name for p in dest.iterdir()) == sorted(p.name for p in src.iterdir())
        for path in src.iterdir():
            assert (dest / path.name).read_bytes() == path.read_bytes()


def test_every_untrusted_submission_is_refused_with_its_reason(collected):
    out = collected["output"]
    reasons = {
        "link-key": "answers.json is a symbolic link",
        "link-folder": "is a symbolic link",
        "fifo": "answers.json is a FIFO",
        "c40_[ab]": "glob characters",
        ".hidden": "starts with a dot",
        "t09": "not <trainee>+<assignment>+<time>",
        "big": "answers.json is 50.0 MB, over the",
        "badts": "timestamp.txt holds no time",
        "t03": "answers.json is a symbolic link",
    }
    for trainee, why in reasons.items():
        line = next(
            (x for x in out.splitlines() if f"submission {trainee}+" in x and "Refused" in x), ""
        )
        assert why in line, (trainee, out[-3000:])
    assert collected["proc"].returncode == 1  # ran, but needs attention
    submitted = collected["course"].root / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["t01", "t02", "t03"]


def test_nothing_was_followed_into_submitted(collected):
    submitted = collected["course"].root / "submitted"
    for dirpath, dirnames, filenames in os.walk(submitted):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            assert not path.is_symlink(), path
            if path.is_file():
                assert b"BEGIN HIDDEN TESTS" not in path.read_bytes(), path
