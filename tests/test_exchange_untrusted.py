"""course.exchange.untrusted: a submission folder is checked with lstat only, and copied without
following anything in it."""

from __future__ import annotations

import os
import socket

import pytest

from course.exchange.untrusted import UntrustedSubmission, check, copy_tree, problems

LIMIT = 1000


def _honest(folder):
    folder.mkdir(parents=True)
    (folder / "quiz.ipynb").write_text("{}", "utf-8")
    (folder / "answers.json").write_text('{"answers": {}}', "utf-8")
    (folder / "timestamp.txt").write_text("2026-11-27 08:00:00.000000 UTC", "utf-8")
    return folder


def test_an_honest_folder_has_no_problem(tmp_path):
    folder = _honest(tmp_path / "submitted" / "t01" / "quiz")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.txt").write_text("x", "utf-8")
    assert problems(folder, LIMIT, within=tmp_path / "submitted") == []
    check(folder, LIMIT)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda f: os.symlink("/etc/passwd", f / "answers.json"),
            "answers.json is a symbolic link",
        ),
        (lambda f: os.symlink("/nonexistent", f / "answers.json"), "symbolic link"),
        (lambda f: os.symlink("/etc", f / "etc"), "etc is a symbolic link (to '/etc')"),
        (lambda f: os.mkfifo(f / "answers.json"), "answers.json is a FIFO"),
        (lambda f: socket.socket(socket.AF_UNIX).bind(str(f / "s")), "s is a socket"),
        (lambda f: os.link(f / "quiz.ipynb", f / "answers.json"), "hard link"),
        (lambda f: (f / "answers.json").write_bytes(b"x" * 1001), "answers.json is 0.0 MB, over"),
        (lambda f: (f / "timestamp.txt").write_text("garbage"), "timestamp.txt holds no time"),
        (lambda f: (f / "timestamp.txt").write_bytes(b"\xff"), "timestamp.txt is not UTF-8"),
        (lambda f: f.joinpath(*["d"] * 9).mkdir(parents=True), "nested more than 8 deep"),
        (lambda f: [(f / f"{i}").touch() for i in range(1001)], "more than 1000 files"),
    ],
)
def test_what_is_refused(tmp_path, make, words):
    folder = _honest(tmp_path / "t" / "quiz")
    (folder / "answers.json").unlink()  # several cases put something else in its place
    make(folder)
    found = problems(folder, LIMIT)
    assert any(words in p for p in found), found
    with pytest.raises(UntrustedSubmission, match="refused"):
        check(folder, LIMIT)


def test_the_folders_above_must_not_be_links(tmp_path):
    honest = _honest(tmp_path / "submitted" / "t01" / "quiz")
    os.symlink(tmp_path / "submitted" / "t01", tmp_path / "submitted" / "evil")
    found = problems(tmp_path / "submitted" / "evil" / "quiz", LIMIT, within=tmp_path / "submitted")
    assert found == [f"evil is a symbolic link (to {str(honest.parent)!r})"]
    (tmp_path / "submitted" / "t02").mkdir()
    os.symlink(honest, tmp_path / "submitted" / "t02" / "quiz")
    assert (
        "symbolic link"
        in problems(tmp_path / "submitted" / "t02" / "quiz", LIMIT, within=tmp_path / "submitted")[
            0
        ]
    )


def test_a_name_that_is_not_utf8_is_reported_printably(tmp_path):
    folder = _honest(tmp_path / "t")
    os.symlink("/etc/passwd", os.path.join(os.fsencode(folder), b"\xff.json"))
    (found,) = problems(folder, LIMIT)
    assert found.startswith("\\xff.json is a symbolic link")


def test_copy_tree_copies_regular_files_and_refuses_a_link_swapped_in(tmp_path):
    src = _honest(tmp_path / "src")
    (src / "sub").mkdir()
    (src / "sub" / "a.txt").write_text("a", "utf-8")
    copy_tree(src, tmp_path / "copy", LIMIT)
    assert (tmp_path / "copy" / "sub" / "a.txt").read_text("utf-8") == "a"
    assert (tmp_path / "copy" / "answers.json").read_bytes() == (src / "answers.json").read_bytes()
    (src / "answers.json").unlink()
    os.symlink("/etc/passwd", src / "answers.json")
    with pytest.raises(UntrustedSubmission, match="cannot be opened as a file"):
        copy_tree(src, tmp_path / "copy2", LIMIT)
    assert not (tmp_path / "copy2" / "answers.json").exists()
    (src / "answers.json").unlink()
    os.mkfifo(src / "answers.json")
    with pytest.raises(UntrustedSubmission, match="no longer the regular file"):
        copy_tree(src, tmp_path / "copy3", LIMIT)
