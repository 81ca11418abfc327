"""The answer store against real processes: restart, a write killed midway, two writers, corruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from course.answers import AnswerStore, StoreCorruptWarning, default_practice_path

PY = sys.executable


def run_child(code: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [PY, "-c", textwrap.dedent(code), *args],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


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
        from course.answers import AnswerStore
        AnswerStore(sys.argv[1]).record("q_restart", "truefalse", True, True, 1.0)
        """,
        str(path),
    )
    assert child.wait(60) == 0, child.stderr.read()
    reader = run_child(
        """
        import json, sys
        from course.answers import AnswerStore
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
        from course.answers import AnswerStore
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
        from course.answers import AnswerStore
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


def test_every_store_of_one_file_shares_its_problem(tmp_path):
    """A graded notebook opens one store for its panel and one per question on the same file:
    what one of them found out, every one of them shows, and the file is set aside once."""
    path = tmp_path / "answers.json"
    path.write_bytes(b"[]")
    panel = AnswerStore(path)
    question = AnswerStore(tmp_path / "." / "answers.json")  # the same file, spelt otherwise
    other = AnswerStore(tmp_path / "other.json")
    with pytest.warns(StoreCorruptWarning):
        panel.read()
    assert question.problem is not None and question.problem == panel.problem
    question.record("q1", "single", "A")
    assert len(list(tmp_path.glob("answers.json.corrupt-*"))) == 1
    assert AnswerStore(path).problem == panel.problem  # a store opened later knows it too
    assert other.problem is None


def test_the_graded_panel_and_every_question_show_a_corrupt_file(tmp_path, monkeypatch):
    from course.grading import notebook as graded

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("COURSE_TRAINEE_ID", "t01")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.json").write_bytes(b"{not json")
    spec = {"type": "truefalse", "prompt": "题目"}
    questions = [{"id": "g_one", **spec}, {"id": "g_two", **spec}]
    pools = {"p": {"section": "lead", "points": 1, "questions": questions}}
    slots = [{"id": "p_1", "pool": "p"}, {"id": "p_2", "pool": "p"}]
    with pytest.warns(StoreCorruptWarning):
        panel = graded.start({"assignment": "quiz-test", "pools": pools, "slots": slots})
    first, second = (graded.ask(slot).children[0] for slot in ("p_1", "p_2"))
    assert {first.question.id, second.question.id} == {"g_one", "g_two"}
    assert "已损坏" in panel.children[0].value
    for widget in (first, second):
        widget.value = True
        widget.submit_button.click()
        assert "已损坏" in widget.feedback.value


HOSTILE_STORES = {
    "nested 10,000 levels": (
        b'{"schema_version": 1, "answers": {"q1": ' + b"[" * 10_000 + b"]" * 10_000 + b"}}",
        "nested too deeply",
    ),
    "wrong field types": (
        b'{"schema_version": 1, "answers": {"q1": {"question_id": "q1", "correct": "yes"}}}',
        "answers.q1",
    ),
    "schema_version 99": (b'{"schema_version": 99, "answers": {}}', "schema_version 99"),
}


@pytest.mark.parametrize(("content", "reason"), HOSTILE_STORES.values(), ids=HOSTILE_STORES)
def test_a_hostile_store_is_set_aside_with_its_reason(tmp_path, content, reason):
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    store = AnswerStore(path)
    with pytest.warns(StoreCorruptWarning, match=reason):
        assert store.read()["answers"] == {}
    assert store.problem.kind == "corrupt" and reason in store.problem.reason
    (aside,) = tmp_path.glob("answers.json.corrupt-*")
    assert aside.read_bytes() == content
    store.record("q1", "single", "A")
    assert store.answer("q1") == "A"


def test_a_link_is_set_aside_and_its_target_left_alone(tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_text('{"schema_version": 1, "answers": {}}')
    path = tmp_path / "quiz" / "answers.json"
    path.parent.mkdir()
    path.symlink_to(target)
    store = AnswerStore(path)
    with pytest.warns(StoreCorruptWarning, match="symbolic link"):
        store.record("q1", "single", "A")
    (aside,) = path.parent.glob("answers.json.corrupt-*")
    assert aside.is_symlink() and not path.is_symlink()
    assert target.read_text() == '{"schema_version": 1, "answers": {}}'


def test_a_change_that_would_break_the_file_is_refused_and_changes_nothing(tmp_path):
    store = AnswerStore(tmp_path / "answers.json")
    store.record("q1", "single", "A", True, 1.0)
    before = store.path.read_bytes()
    with pytest.raises(ValueError, match="answers.q1.score"):
        store.update(lambda data: data["answers"]["q1"].update(score="full"))
    with pytest.raises(ValueError, match="nested too deeply"):
        deep: list = []
        for _ in range(100):
            deep = [deep]
        store.record("q2", "single", deep)
    assert store.path.read_bytes() == before and store.problem is None


def test_a_failed_write_leaves_the_previous_answers_intact(tmp_path):
    """A real failed write: the writing process may not grow a file past a few KB
    (RLIMIT_FSIZE), so writing a long answer fails midway with EFBIG."""
    path = tmp_path / "answers.json"
    AnswerStore(path).record("q1", "fill", "第一次", None, None)
    before = path.read_bytes()
    child = run_child(
        """
        import resource, signal, sys
        from course.answers import AnswerStore
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        store = AnswerStore(sys.argv[1])
        try:
            store.record("q2", "fill", "长" * 10_000, None, None)
        except OSError as exc:
            print("failed:", exc.errno)
        """,
        str(path),
    )
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert out.strip() == "failed: 27"  # EFBIG
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.corrupt-*"))
    assert AnswerStore(path).answer("q1") == "第一次"


def test_a_store_never_grows_past_what_its_reader_accepts(tmp_path):
    from course.answers import MAX_BYTES

    store = AnswerStore(tmp_path / "answers.json")
    store.record("q1", "fill", "A")
    before = store.path.read_bytes()
    with pytest.raises(OSError, match="would exceed"):
        store.record("q2", "fill", "x" * MAX_BYTES)
    assert store.path.read_bytes() == before
