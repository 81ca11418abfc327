"""Offline submissions through the real ``nbgrader zip_collect`` with the course's plugins
(``course.grading.zip_collect``): honest zips are collected; ids nbgrader would glob or hide,
zips of another assignment and symbolic links (in the archive folder or inside a zip or tar) are
refused or neutralised, each refusal naming the file; ``course backup ingest`` applies the same
id rule."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.support.grading import A, Course, make_course, question_types, right_answers

pytestmark = pytest.mark.slow


def zip_bytes(members: dict[str, bytes], links: dict[str, str] = (), modes: dict = ()) -> bytes:
    """A zip of ``members``; ``links`` become symbolic-link members (name -> target), ``modes``
    set a member's Unix mode."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFREG | dict(modes).get(name, 0o644)) << 16
            archive.writestr(info, data)
        for name, target in dict(links).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def tar_gz(path: Path, members: dict[str, bytes], links: dict[str, str]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in links.items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)


def answers_file(folder: Path, answers: dict) -> bytes:
    """The bytes of an answers file the widgets would write with ``answers``."""
    from course.answers import AnswerStore

    types = question_types()
    folder.mkdir(parents=True, exist_ok=True)
    store = AnswerStore(folder / "answers.json")
    for qid, answer in answers.items():
        store.record(qid, types[qid], answer)
    return (folder / "answers.json").read_bytes()


def links_under(folder: Path) -> list[Path]:
    return [
        Path(d, n)
        for d, dirs, files in os.walk(folder)
        for n in dirs + files
        if Path(d, n).is_symlink()
    ]


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    base = tmp_path_factory.mktemp("zip-collect")
    course = make_course(base)
    course.nbgrader("generate_assignment", A)
    notebook = (course.root / "release" / A / f"{A}.ipynb").read_bytes()
    answers = answers_file(base / "scratch", right_answers(course, "alice"))
    files = {f"{A}.ipynb": notebook, "answers.json": answers}
    archive = course.root / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    (archive / f"alice_{A}.zip").write_bytes(zip_bytes(files))
    (archive / f"c40_[ab]_{A}.zip").write_bytes(zip_bytes(files))
    (archive / f".hidden_{A}.zip").write_bytes(zip_bytes(files))
    (archive / "bob_quiz-final.zip").write_bytes(zip_bytes({"quiz-final.ipynb": notebook}))
    source = course.root / "source" / A / f"{A}.ipynb"
    mallory = zip_bytes(
        {f"{A}.ipynb": notebook, "notes.json": b"{}"},
        links={"answers.json": f"../../../../source/{A}/{A}.ipynb"},
        modes={"notes.json": 0o4755},
    )
    (archive / f"mallory_{A}.zip").write_bytes(mallory)
    tar_gz(
        archive / f"eve_{A}.tar.gz",
        {f"{A}.ipynb": notebook},
        {"answers.json": "../../../../gradebook.db", "copy.json": f"{A}.ipynb"},
    )
    (archive / f"trudy_{A}").mkdir()
    (archive / f"trudy_{A}" / f"{A}.ipynb").symlink_to(source)
    outside = base / "elsewhere.zip"
    outside.write_bytes(zip_bytes(files))
    (archive / f"zed_{A}.zip").symlink_to(outside)
    run = course.nbgrader("zip_collect", A, ok=False)
    return {"course": course, "run": run, "source": source}


def submitted(course: Course, trainee: str) -> Path:
    return course.root / "submitted" / trainee / A


def test_an_honest_zip_is_collected(collected):
    course = collected["course"]
    assert collected["run"].returncode == 0, collected["run"].stderr
    folder = submitted(course, "alice")
    assert sorted(p.name for p in folder.iterdir()) == ["answers.json", f"{A}.ipynb"]


def test_ids_nbgrader_would_glob_or_hide_are_refused_naming_the_file(collected):
    course, log = collected["course"], collected["run"].stderr
    assert not (course.root / "submitted" / "c40_[ab]").exists()
    assert not (course.root / "submitted" / ".hidden").exists()
    assert f"c40_[ab]_{A}/{A}.ipynb" in log and "glob" in log
    assert f".hidden_{A}/{A}.ipynb" in log and "starts with a dot" in log


def test_a_zip_of_another_assignment_is_not_filed_under_this_one(collected):
    assert not (collected["course"].root / "submitted" / "bob").exists()


def test_links_in_the_archive_folder_are_never_followed(collected):
    course, log = collected["course"], collected["run"].stderr
    assert not (course.root / "submitted" / "trudy").exists()  # would be the source, keys and all
    assert not (course.root / "submitted" / "zed").exists()
    assert f"trudy_{A}/{A}.ipynb: it is a symbolic link" in log.replace("Refused ", "")
    assert f"zed_{A}.zip: it is a symbolic link" in log.replace("Refused ", "")


def test_links_inside_a_zip_or_tar_never_reach_a_submission(collected):
    course = collected["course"]
    assert links_under(course.root / "submitted") == []
    assert links_under(course.root / "downloaded" / A / "extracted") == []
    key_text = collected["source"].read_bytes()
    for path in (course.root / "submitted").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert data != key_text and not data.startswith(b"SQLite format"), path
    # the zip's link member arrives as a file holding the link's text, which grading calls
    # a corrupt answers file, not the instructor's notebook
    mallory = submitted(course, "mallory") / "answers.json"
    assert mallory.read_text() == f"../../../../source/{A}/{A}.ipynb"


def test_extracted_files_get_plain_permissions(collected):
    notes = submitted(collected["course"], "mallory") / "notes.json"
    assert stat.S_IMODE(notes.stat().st_mode) & 0o7111 == 0, oct(notes.stat().st_mode)


def test_backup_ingest_refuses_the_same_ids(tmp_path):
    course = make_course(tmp_path)
    course.nbgrader("generate_assignment", A)
    home = tmp_path / "home"
    (home / A).mkdir(parents=True)
    shutil.copy(course.root / "release" / A / f"{A}.ipynb", home / A)
    (home / A / "answers.json").write_bytes(
        answers_file(tmp_path, right_answers(course, "learner"))
    )
    env = {**course.env(), "HOME": str(home), "COURSE_TRAINEE_ID": "learner"}
    backup = tmp_path / "answers.zip"
    make = subprocess.run(
        [sys.executable, "-m", "course", "backup", "make", "--out", str(backup)],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert make.returncode == 0 and backup.is_file(), make.stderr
    for bad, why in (("c40_[ab]", "glob"), (".x", "starts with a dot")):
        proc = course.course("backup", "ingest", str(backup), "--trainee", bad)
        assert proc.returncode == 1 and str(backup) in proc.stderr and why in proc.stderr
    assert not (course.root / "downloaded").exists()  # nothing written, not even a folder
    ok = course.course("backup", "ingest", str(backup))  # the course folder is the cwd
    assert ok.returncode == 0, ok.stderr
    assert (course.root / "downloaded" / A / "archive" / f"learner_{A}.zip").is_file()
