"""The answers file: built from a real practice store and graded folder, restored into a fresh
home, merged without losing or replacing newer answers, refused (with nothing changed) when
malformed, driven through the real widgets, and ingested by the real ``nbgrader zip_collect``."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from course.answers import AnswerStore
from course.cli import main
from course.portability.backup import MANIFEST, build, graded_folders
from course.portability.restore import BackupError, merge_answers, read, restore
from course.practice import backup_panel, practice
from tests.support.grading import QUIZZES, make_course

A = "quiz-4500"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A learner's home (also the working directory); the practice store lives in it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("COURSE_ANSWERS_DIR", raising=False)
    monkeypatch.setenv("COURSE_TRAINEE_ID", "alice")
    for name in ("BINDER_LAUNCH_HOST", "BINDER_REPO_URL", "BINDER_REQUEST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(home)
    return home


def answer_in_session(refs: tuple[str, ...], right: bool = True):
    """Answer the first question of a practice session through its widget; return the session."""
    session = practice(*refs)
    widget = session.items[0]
    q = widget.question
    if q.type == "truefalse":
        widget.value = q.answer if right else not q.answer
    else:
        widget.value = q.answer if right else next(o for o in q.options if o != q.answer)
    widget.submit_button.click()
    return session


def no_bar_under(session) -> bool:
    """A practice session carries no answers-file bar of its own (one per notebook)."""
    from course.portability.widget import BackupBar

    return not any(isinstance(w, BackupBar) for w in session.children)


def graded_folder(home: Path, answer: str = "A") -> Path:
    folder = home / A
    folder.mkdir()
    shutil.copy(QUIZZES / "source" / A / f"{A}.ipynb", folder / f"{A}.ipynb")
    AnswerStore(folder / "answers.json").record("four_spirits_in_order", "ordering", answer)
    return folder


def fresh_home(tmp_path: Path, monkeypatch, name: str = "home2") -> Path:
    new = tmp_path / name
    new.mkdir()
    monkeypatch.setenv("HOME", str(new))
    monkeypatch.chdir(new)
    return new


def test_round_trip_practice_and_graded_into_a_fresh_home(home, tmp_path, monkeypatch):
    answer_in_session(("facts.nanhu_where",))
    graded_folder(home)
    backup = build()
    assert re.fullmatch(r"course-answers-alice-\d{8}-\d{4}\.zip", backup.name)
    assert backup.practice_count == 1 and backup.graded == [A] and not backup.problems
    names = zipfile.ZipFile(io.BytesIO(backup.data)).namelist()
    assert sorted(names) == sorted([MANIFEST, "practice.json", f"graded/1/alice_{A}.zip"])

    new = fresh_home(tmp_path, monkeypatch)
    report = restore(backup.data)
    assert (report.practice.added, report.graded.added) == (1, 1)
    assert CJK.search(report.message()) and A in report.message()
    assert AnswerStore().get("pb_nanhu_where")["correct"] is True
    assert AnswerStore(new / A / "answers.json").answer("four_spirits_in_order") == "A"
    assert (new / A / f"{A}.ipynb").read_bytes() == (home / A / f"{A}.ipynb").read_bytes()
    # a session built now shows the restored answer
    assert practice("facts.nanhu_where").items[0].finished

    again = restore(backup.data)  # restoring twice adds nothing
    assert again.practice.added == again.practice.updated == 0 and again.practice.same == 1
    assert "没有需要恢复" in again.message()


def _record(answer, at: str, correct: bool) -> dict:
    attempt = {"answer": answer, "correct": correct, "score": float(correct), "at": at}
    return {
        "question_id": "q",
        "type": "single",
        "answer": answer,
        "correct": correct,
        "score": float(correct),
        "attempts": [attempt],
    }


@pytest.mark.parametrize(
    ("mine_at", "file_at", "current", "counted"),
    [
        ("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", "mine", "kept_newer"),
        ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "file", "updated"),
    ],
)
def test_merge_keeps_every_attempt_and_the_newest_answer(mine_at, file_at, current, counted):
    mine = {"q": _record("mine", mine_at, False)}
    incoming = {"q": _record("file", file_at, True)}
    counts = merge_answers(mine, incoming)
    assert getattr(counts, counted) == 1
    assert mine["q"]["answer"] == current and mine["q"]["correct"] is (current == "file")
    assert [a["answer"] for a in mine["q"]["attempts"]] == sorted(
        ["mine", "file"], key=lambda x: {"mine": mine_at, "file": file_at}[x]
    )
    assert incoming["q"]["answer"] == "file"  # the incoming side is not changed


def _rezip(data: bytes, change) -> bytes:
    """A copy of the zip ``data`` with its members passed through ``change(name, bytes)``
    (returning None drops the member; returning a list of (name, bytes) replaces it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            result = change(info.filename, src.read(info.filename))
            if result is None:
                continue
            for name, payload in result if isinstance(result, list) else [(info.filename, result)]:
                dst.writestr(name, payload)
    return out.getvalue()


def _manifest_edit(edit):
    def change(name, payload):
        if name != MANIFEST:
            return payload
        manifest = json.loads(payload)
        edit(manifest)
        return json.dumps(manifest).encode()

    return lambda data: _rezip(data, change)


def _inner_edit(member: str, new_bytes: bytes):
    def change(name, payload):
        if not name.startswith("graded/"):
            return payload
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(payload)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                if info.filename != member:
                    dst.writestr(info.filename, src.read(info.filename))
            dst.writestr(member, new_bytes)
        return out.getvalue()

    return lambda data: _rezip(data, change)


DEEP = b"[" * 100_000 + b"]" * 100_000

BAD_FILES = {
    "not a zip": lambda data: b"hello, not a zip file",
    "a zip of something else": lambda data: _rezip(data, lambda n, p: None if n == MANIFEST else p),
    "another format": _manifest_edit(lambda m: m.update(format="something-else")),
    "a newer version": _manifest_edit(lambda m: m.update(version=99)),
    "practice.json not JSON": lambda data: _rezip(
        data, lambda n, p: b"{broken" if n == "practice.json" else p
    ),
    "practice.json wrong shape": lambda data: _rezip(
        data,
        lambda n, p: b'{"schema_version": 1, "answers": {"q": 3}}' if n == "practice.json" else p,
    ),
    "a folder outside home": _manifest_edit(lambda m: m["graded"][0].update(folder="../evil")),
    "an absolute folder": _manifest_edit(lambda m: m["graded"][0].update(folder="/etc")),
    "a missing graded archive": _manifest_edit(lambda m: m["graded"][0].update(archive="nope.zip")),
    "a graded notebook not JSON": _inner_edit(f"{A}.ipynb", b"not json"),
    "a graded member with a path": _inner_edit("sub/evil.ipynb", b"{}"),
    "graded answers.json broken": _inner_edit("answers.json", b"[]"),
    "graded answers.json of wrong types": _inner_edit(
        "answers.json", b'{"schema_version": 1, "answers": {"q": {"question_id": 1}}}'
    ),
    "practice.json nested too deeply": lambda data: _rezip(
        data, lambda n, p: DEEP if n == "practice.json" else p
    ),
    "a graded notebook nested too deeply": _inner_edit(f"{A}.ipynb", DEEP),
    "a manifest nested too deeply": lambda data: _rezip(
        data, lambda n, p: DEEP if n == MANIFEST else p
    ),
}


@pytest.mark.parametrize("damage", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_malformed_file_is_refused_in_chinese_and_changes_nothing(
    home, tmp_path, monkeypatch, damage
):
    answer_in_session(("facts.nanhu_where",))
    graded_folder(home)
    data = damage(build().data)
    new = fresh_home(tmp_path, monkeypatch)
    answer_in_session(
        ("facts.note_series_start",), right=False
    )  # the new session has an answer of its own
    before = (new / ".course-answers" / "practice.json").read_bytes()
    with pytest.raises(BackupError) as error:
        restore(data)
    assert CJK.search(str(error.value))
    assert (new / ".course-answers" / "practice.json").read_bytes() == before
    assert not (new / A).exists() and not (tmp_path / "evil").exists()


def test_a_different_graded_notebook_is_kept_beside_the_newer_one(home, tmp_path, monkeypatch):
    graded_folder(home)
    data = build().data
    new = fresh_home(tmp_path, monkeypatch)
    (new / A).mkdir()
    (new / A / f"{A}.ipynb").write_text('{"cells": [], "note": "fresh copy"}')
    os.utime(new / A / f"{A}.ipynb", (0, 0))  # older than the file's copy
    report = restore(data)
    assert (new / A / f"{A}.ipynb").read_bytes() == (home / A / f"{A}.ipynb").read_bytes()
    aside = list((new / A).glob(f"{A}.ipynb.bak-*"))
    assert len(aside) == 1 and "fresh copy" in aside[0].read_text()
    assert report.set_aside == [aside[0].name]
    assert [p.name for p in (new / A).glob("*.ipynb")] == [f"{A}.ipynb"]  # one notebook to submit


def test_instructor_folders_and_hidden_folders_are_not_searched(home):
    graded_folder(home)
    for name in ("source", "release", ".hidden"):
        folder = home / "quizzes" / name / A
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text("{}")
        (folder / "answers.json").write_text("{}")
    assert graded_folders([home]) == [(home / A).resolve()]


def _link_zip(bar) -> bytes:
    href = re.search(r"href='data:application/zip;base64,([^']+)'", bar.link.value).group(1)
    return base64.b64decode(href)


def test_the_notebooks_one_bar_follows_every_session_after_each_answer(home):
    panel = backup_panel()  # once per notebook, anywhere on the page
    assert read(_link_zip(panel)).practice["answers"] == {}
    assert "0 道练习题" in panel.link.value
    first = answer_in_session(("facts.nanhu_where",))
    second = answer_in_session(("facts.zero_tolerance_discipline",))
    assert no_bar_under(first) and no_bar_under(second)
    answers = read(_link_zip(panel)).practice["answers"]
    assert set(answers) == {first.items[0].question.id, second.items[0].question.id}
    assert "2 道练习题" in panel.link.value and "download='course-answers-alice-" in (
        panel.link.value
    )


def test_upload_restores_and_rebuilds_the_sessions_on_the_page(home, tmp_path, monkeypatch):
    answer_in_session(("facts.nanhu_where",))
    data = backup_panel().backup.data
    fresh_home(tmp_path, monkeypatch)
    session = practice("facts.nanhu_where")
    assert not session.items[0].finished
    panel = backup_panel()
    panel.upload.value = (
        {
            "name": "a.zip",
            "type": "application/zip",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )
    assert "已恢复答案文件" in panel.status.value
    assert session.items[0].finished and session.items[0].correct  # rebuilt from the store
    assert "1 道练习题" in panel.link.value
    assert panel.upload.value == ()  # ready for another file


def test_upload_of_a_bad_file_says_why_and_changes_nothing(home):
    session = answer_in_session(("facts.nanhu_where",))
    panel = backup_panel()
    before = session.store.path.read_bytes()
    assert panel.restore_bytes(b"PK\x03\x04 broken") is None
    assert "没有恢复" in panel.status.value and CJK.search(panel.status.value)
    assert session.store.path.read_bytes() == before


def test_cli_make_and_restore(home, tmp_path, monkeypatch, capsys):
    answer_in_session(("facts.nanhu_where",))
    assert main(["backup", "make", "--out", str(tmp_path)]) == 0
    made = next(tmp_path.glob("course-answers-alice-*.zip"))
    fresh_home(tmp_path, monkeypatch)
    assert main(["backup", "restore", str(made)]) == 0
    assert AnswerStore().get("pb_nanhu_where")["correct"] is True
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nope")
    assert main(["backup", "restore", str(bad)]) == 1
    assert CJK.search(capsys.readouterr().err)


@pytest.mark.slow
def test_instructor_ingests_the_graded_part_with_nbgrader_zip_collect(home, tmp_path):
    graded_folder(home, answer="B")
    file = tmp_path / "alice.zip"
    file.write_bytes(build().data)
    course = make_course(tmp_path / "instructor")
    proc = course.course(
        "backup", "ingest", str(file), "--course-dir", str(course.root), "--trainee", "alice-2026"
    )
    assert proc.returncode == 0, proc.stderr
    assert (course.root / "downloaded" / A / "archive" / f"alice-2026_{A}.zip").is_file()
    course.nbgrader("zip_collect", A)
    submitted = course.root / "submitted" / "alice-2026" / A
    assert AnswerStore(submitted / "answers.json").answer("four_spirits_in_order") == "B"
    assert (submitted / f"{A}.ipynb").is_file()


def test_first_cell_fallback_when_the_course_is_not_installed():
    """The guide's first cell, run by a Python that cannot import the course, says in Chinese
    what to do instead of showing a traceback."""
    import nbformat

    from tests.support.lessons import LESSONS_DIR

    guide = nbformat.read(LESSONS_DIR / "00_course_guide.ipynb", as_version=4)
    source = next(c.source for c in guide.cells if c.cell_type == "code")
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-c", source], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "找不到本课程的程序" in proc.stdout and "make lab" in proc.stdout
