"""A submitted ``answers.json`` is untrusted: every hostile or broken file gets a clear status and
an English reason from the read-only reader, never a traceback, a hang, a followed link or a
50 MB read; ``course grading status`` prints every trainee whatever one of them submitted."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

from course.answers import ANSWERS_FILE, CORRUPT, MISSING, OK, read_submitted
from course.grading.strings import STATUS_DETAILS

A = "quiz-4500"
MB = 1024 * 1024


def _record(answer, qid: str = "q1", **changes) -> dict:
    attempt = {"answer": answer, "correct": None, "score": None, "at": "2026-01-01T08:00:00.5Z"}
    record = {
        "question_id": qid,
        "type": "single",
        "answer": answer,
        "correct": None,
        "score": None,
        "attempts": [attempt],
    }
    record.update(changes)
    return record


def _file(answers: dict, **top) -> bytes:
    return json.dumps({"schema_version": 1, "answers": answers, **top}).encode()


def _deep(levels: int) -> bytes:
    return b'{"schema_version": 1, "answers": {"q1": ' + b"[" * levels + b"]" * levels + b"}}"


def _big(folder: Path) -> None:
    # valid JSON, so that only its size can be the reason to refuse it
    with open(folder / ANSWERS_FILE, "wb") as fh:
        fh.write(b'{"schema_version": 1, "answers": {"q1": {"answer": "')
        fh.write(b"x" * (50 * MB))
        fh.write(b'"}}}')


def _link(target: Path | str):
    def make(folder: Path) -> None:
        os.symlink(target, folder / ANSWERS_FILE)

    return make


def _bytes(data: bytes):
    return lambda folder: (folder / ANSWERS_FILE).write_bytes(data)


#: name -> (make the file in a folder, status, words the reason must contain)
HOSTILE = {
    "link to another trainee's answers": (
        _link("../../other/quiz-4500/answers.json"),
        CORRUPT,
        "symbolic link",
    ),
    "link to /etc/passwd": (_link("/etc/passwd"), CORRUPT, "symbolic link"),
    "link to the instructor's source notebook": (
        _link("../../../source/quiz-4500/quiz-4500.ipynb"),
        CORRUPT,
        "symbolic link",
    ),
    "dangling link": (_link("/nonexistent/answers.json"), CORRUPT, "symbolic link"),
    "50 MB": (_big, CORRUPT, "too large"),
    "nested 10,000 levels": (_bytes(_deep(10_000)), CORRUPT, "nested too deeply"),
    "nested 100 levels": (_bytes(_deep(100)), CORRUPT, "nested too deeply"),
    "not UTF-8": (
        _bytes(b'{"schema_version": 1, "answers": {"q1": "\xff"}}'),
        CORRUPT,
        "not UTF-8 text (byte 0xff at offset 41)",
    ),
    "UTF-16 with a BOM": (_bytes(_file({}).decode().encode("utf-16")), CORRUPT, "not UTF-8"),
    "not JSON": (_bytes(b'{"schema_version": 1, "answers": {"q1": '), CORRUPT, "not valid JSON"),
    "empty": (_bytes(b""), CORRUPT, "empty"),
    "NaN": (_bytes(b'{"schema_version": 1, "answers": {"q1": NaN}}'), CORRUPT, "NaN"),
    "a number of 5,000 digits": (
        _bytes(b'{"schema_version": 1, "answers": {"q1": ' + b"7" * 5000 + b"}}"),
        CORRUPT,
        "digits",
    ),
    "a lone surrogate": (
        _bytes(_file({"q1": _record("\ud800")}).replace(b"\\ud800", b"\\uD800")),
        CORRUPT,
        "lone surrogate",
    ),
    "a number beyond a float": (
        _bytes(b'{"schema_version": 1, "answers": {"q1": 1e999}}'),
        CORRUPT,
        "1e999 is out of range",
    ),
    "duplicate keys": (
        _bytes(b'{"schema_version": 1, "schema_version": 1, "answers": {}}'),
        CORRUPT,
        "duplicate key 'schema_version'",
    ),
    "a list": (_bytes(b"[]"), CORRUPT, "not a JSON object"),
    "schema_version 99": (
        _bytes(_file({}, schema_version=99)),
        CORRUPT,
        "schema_version 99 is not supported",
    ),
    "schema_version missing": (_bytes(b'{"answers": {}}'), CORRUPT, "schema_version"),
    "schema_version true": (_bytes(_file({}, schema_version=True)), CORRUPT, "schema_version"),
    "answers a list": (_bytes(_file([])), CORRUPT, "answers"),
    "record a number": (_bytes(_file({"q1": 3})), CORRUPT, "answers.q1"),
    "correct a string": (
        _bytes(_file({"q1": _record("A", correct="yes")})),
        CORRUPT,
        "answers.q1.correct",
    ),
    "score a string": (
        _bytes(_file({"q1": _record("A", score="1")})),
        CORRUPT,
        "answers.q1.score",
    ),
    "score above 1": (_bytes(_file({"q1": _record("A", score=5)})), CORRUPT, "answers.q1.score"),
    "attempts not a list": (
        _bytes(_file({"q1": _record("A", attempts="many")})),
        CORRUPT,
        "answers.q1.attempts",
    ),
    "attempt time not a time": (
        _bytes(
            _file(
                {
                    "q1": _record(
                        "A",
                        attempts=[
                            {"answer": "A", "correct": None, "score": None, "at": "yesterday"}
                        ],
                    )
                }
            )
        ),
        CORRUPT,
        "answers.q1.attempts.0.at",
    ),
    "question id not the key": (
        _bytes(_file({"q1": _record("A", qid="q2")})),
        CORRUPT,
        "answers.q1.question_id",
    ),
    "an unknown field": (
        _bytes(_file({"q1": _record("A", points=10)})),
        CORRUPT,
        "answers.q1.points",
    ),
    "a folder": (lambda folder: (folder / ANSWERS_FILE).mkdir(), CORRUPT, "not a regular file"),
    "a FIFO": (lambda folder: os.mkfifo(folder / ANSWERS_FILE), CORRUPT, "not a regular file"),
    "missing": (lambda folder: None, MISSING, "no answers.json"),
}


@pytest.fixture
def submission(tmp_path) -> Path:
    """``submitted/t1/quiz-4500/`` beside another trainee's valid answers and a source notebook
    with a key, so that a followed link would find something worth stealing."""
    other = tmp_path / "submitted" / "other" / A
    other.mkdir(parents=True)
    (other / ANSWERS_FILE).write_bytes(_file({"q1": _record("the other trainee's answer")}))
    source = tmp_path / "source" / A
    source.mkdir(parents=True)
    (source / f"{A}.ipynb").write_text('{"KEY": {"answer": "secret"}}')
    folder = tmp_path / "submitted" / "t1" / A
    folder.mkdir(parents=True)
    return folder


@pytest.mark.parametrize(("make", "status", "reason"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_gets_a_clear_status_and_reason(submission, make, status, reason):
    make(submission)
    result = read_submitted(submission / ANSWERS_FILE)
    assert (result.status, result.answers) == (status, {})
    assert reason in result.problem
    assert "secret" not in result.problem and "other trainee" not in result.problem


def test_a_50_mb_file_is_not_read(submission):
    _big(submission)
    tracemalloc.start()
    try:
        result = read_submitted(submission / ANSWERS_FILE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.status == CORRUPT and "too large" in result.problem
    assert peak < MB  # neither read into memory nor copied


def test_a_file_the_widgets_write_reads_back_with_its_attempts(submission):
    first = {"answer": ["B", "A"], "correct": None, "score": None, "at": "2026-01-01T08:00:00Z"}
    last = {"answer": ["A", "B"], "correct": None, "score": None, "at": "2026-01-01T08:05:00.1Z"}
    record = _record(["A", "B"], qid="order", type="ordering", attempts=[first, last])
    (submission / ANSWERS_FILE).write_bytes(_file({"order": record, "tf": _record(True, "tf")}))
    result = read_submitted(submission / ANSWERS_FILE)
    assert (result.status, result.problem) == (OK, "")
    assert result.answers == {"order": ["A", "B"], "tf": True}
    assert result.records["order"].attempts[-1].at == "2026-01-01T08:05:00.1Z"
    assert result.answered(["order", "tf", "nope"]) == ["order", "tf"]


@pytest.mark.slow
def test_grading_status_prints_every_trainee_whatever_they_submitted(tmp_path):
    """``course grading status`` over one trainee per hostile file (and one honest trainee): no
    traceback, every trainee in the table, each hostile file named with its reason."""
    from tests.support.grading import make_course

    course = make_course(tmp_path)
    course.nbgrader("generate_assignment", A)
    released = course.root / "release" / A / f"{A}.ipynb"
    trainees = {f"t{n:02d}": case for n, case in enumerate(HOSTILE.items())}
    for trainee, (_, (make, _, _)) in trainees.items():
        folder = course.root / "submitted" / trainee / A
        folder.mkdir(parents=True)
        shutil.copy(released, folder)
        make(folder)
    honest = course.root / "submitted" / "honest" / A
    honest.mkdir(parents=True)
    shutil.copy(released, honest)
    (honest / ANSWERS_FILE).write_bytes(_file({"q1": _record("A")}))
    proc = course.course("grading", "status", A, "--course-dir", ".", "--csv", "status.csv")
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    with open(course.root / "status.csv", encoding="utf-8") as fh:
        rows = {row["trainee"]: row for row in csv.DictReader(fh)}
    assert set(rows) == {*trainees, "honest"}
    missing = STATUS_DETAILS["answers-missing"].format(file=ANSWERS_FILE)
    for trainee, (name, (_, status, reason)) in trainees.items():
        said = missing if status == MISSING else reason  # the reader's reason, else the row's
        assert said in rows[trainee]["details"], (name, rows[trainee]["details"])
    assert "answers.json" not in rows["honest"]["details"]
