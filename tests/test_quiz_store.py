"""The answer store against real processes: restart, a write killed midway, two writers, corruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from course.quiz.store import AnswerStore, StoreCorruptWarning, default_practice_path

PY = sys.executable


def run_child(code: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([PY, "-c", textwrap.dedent(code), *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)  # fmt: skip


def test_record_and_read_back(tmp_path):
    store = AnswerStore(tmp_path / "a.json")
    assert store.get("q1") is None and store.answer("q1") is None
    store.record("q1", "single", "红船精神", False, 0.0)
    rec = store.record("q1", "single", "两路精神", True, 1.0)
    assert rec["answer"] == "两路精神" and rec["correct"] is True and rec["score"] == 1.0
    assert [a["answer"] for a in rec["attempts"]] == ["红船精神", "两路精神"]
    assert all(a["at"].endswith("Z") for a in rec["attempts"])
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and data["answers"]["q1"]["question_id"] == "q1"
    store.forget(["q1"])
    assert store.get("q1") is None


def test_default_practice_path_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ANSWERS_DIR", str(tmp_path))
    assert default_practice_path() == tmp_path / "practice.json"
    monkeypatch.delenv("COURSE_ANSWERS_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_practice_path() == tmp_path / "home" / ".course-answers" / "practice.json"


def test_answers_survive_a_new_process(tmp_path):
    path = tmp_path / "answers.json"
    child = run_child(
        """
        import sys
        from course.quiz.store import AnswerStore
        AnswerStore(sys.argv[1]).record("q_restart", "truefalse", True, True, 1.0)
        """,
        str(path),
    )
    assert child.wait(60) == 0, child.stderr.read()
    reader = run_child(
        """
        import json, sys
        from course.quiz.store import AnswerStore
        print(json.dumps(AnswerStore(sys.argv[1]).get("q_restart")))
        """,
        str(path),
    )
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    rec = json.loads(out)
    assert rec["answer"] is True and rec["correct"] is True and len(rec["attempts"]) == 1


def test_write_killed_midway_leaves_previous_state(tmp_path):
    """The child writes one answer, then is SIGKILLed while its second write is on disk only as a
    temporary file (stopped inside fsync). The store must still read, with the first answer."""
    path = tmp_path / "answers.json"
    child = run_child(
        """
        import os, sys, time
        from course.quiz.store import AnswerStore
        store = AnswerStore(sys.argv[1])
        store.record("q1", "single", "first", True, 1.0)
        def stuck(fd):
            print("in-fsync", flush=True)
            time.sleep(600)
        os.fsync = stuck
        store.record("q2", "single", "second", True, 1.0)
        """,
        str(path),
    )
    assert child.stdout.readline().strip() == "in-fsync"
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert temps and temps[0].stat().st_size > 0  # the half-done write exists
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)
    store = AnswerStore(path)
    data = store.read()
    assert store.problem is None
    assert set(data["answers"]) == {"q1"}
    assert not list(tmp_path.glob("*.corrupt-*"))
    store.record("q3", "single", "third", True, 1.0)  # the lock was released by the kill
    assert set(store.read()["answers"]) == {"q1", "q3"}
    assert not list(tmp_path.glob("*.tmp"))  # the dead writer's temporary file is cleared


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "answers.json"
    code = """
        import sys
        from course.quiz.store import AnswerStore
        store = AnswerStore(sys.argv[1])
        who = sys.argv[2]
        for i in range(60):
            store.record(f"{who}_{i}", "fill", f"{who}{i}", None, None)
            store.record("shared", "fill", f"{who}{i}", None, None)
    """
    children = [run_child(code, str(path), who) for who in ("a", "b")]
    for child in children:
        assert child.wait(120) == 0, child.stderr.read()
    answers = AnswerStore(path).read()["answers"]
    assert {f"{w}_{i}" for w in "ab" for i in range(60)} <= set(answers)
    assert len(answers["shared"]["attempts"]) == 120
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(
    "content", [b'{"schema_version": 1, "answers": {"q1": ', b"\xff\xfe", b"[]"]
)
def test_corrupt_store_is_kept_aside_and_reported(tmp_path, content):
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    store = AnswerStore(path)
    with pytest.warns(StoreCorruptWarning):
        data = store.read()
    assert data["answers"] == {}
    asides = list(tmp_path.glob("answers.json.corrupt-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == content
    assert store.problem is not None and store.problem.kind == "corrupt"
    message = store.problem.message()
    assert "已损坏" in message and asides[0].name in message
    store.record("q1", "single", "x", True, 1.0)
    assert store.answer("q1") == "x"
    assert asides[0].read_bytes() == content  # never overwritten
