"""The roster file: every bad input named by line in Chinese, and nothing changed on the system
when any line is bad (the accounts of the good lines are not created either)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from course.hub import settings, unix
from course.hub.roster import RosterError, parse, read

COURSES = ["c101", "c102"]
HEADER = "id,name,role,course\n"


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(RosterError) as caught:
        parse(text, COURSES, "roster.csv")
    return caught.value.problems


def test_a_good_roster_with_chinese_headers_roles_and_two_courses():
    text = "\ufeff编号,姓名,角色,课程\nzhangsan,张三,学员,c101\nli-si,李四,trainee,c101；c102\nwang_laoshi,王老师,教员,c102\n"
    members = parse(text, COURSES)
    assert [(m.id, m.role, m.courses, m.line) for m in members] == [
        ("zhangsan", "trainee", ("c101",), 2),
        ("li-si", "trainee", ("c101", "c102"), 3),
        ("wang_laoshi", "instructor", ("c102",), 4),
    ]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("zhangsan,张三,trainee", "应有 4 列，实际有 3 列"),
        ("ZhangSan,张三,trainee,c101", "不能用作系统账号"),
        ("张三,张三,trainee,c101", "不能用作系统账号"),
        (".hidden,张三,trainee,c101", "不能用作系统账号"),
        ("a" * 33 + ",张三,trainee,c101", "不能用作系统账号"),
        ("grader-c101,张三,trainee,c101", "保留的名称"),
        ("zhangsan,,trainee,c101", "姓名为空"),
        ("zhangsan,张:三,trainee,c101", "不允许的字符"),
        ("zhangsan,张三,student,c101", "角色 “student” 无法识别"),
        ("zhangsan,张三,trainee,c999", "课程 “c999” 不存在；本平台的课程有：c101、c102"),
        ("zhangsan,张三,trainee,", "课程为空"),
    ],
)
def test_each_bad_line_is_named_with_its_reason(line, words):
    found = problems(HEADER + "ok1,好,trainee,c101\n" + line + "\n")
    assert len(found) == 1
    number, message = found[0]
    assert number == 3 and words in message, found


def test_a_duplicate_id_names_both_lines():
    found = problems(
        HEADER + "zhangsan,张三,trainee,c101\nlisi,李四,trainee,c101\nzhangsan,张三,trainee,c102\n"
    )
    assert found == [
        (4, "编号 “zhangsan” 重复，第 2 行已经出现过（每人只占一行，多门课程用分号隔开）。")
    ]


def test_every_problem_is_reported_at_once():
    text = HEADER + "Bad,张三,trainee,c101\nok,李四,boss,c101\nok2,王五,trainee,nope\n"
    assert [n for n, _ in problems(text)] == [2, 3, 4]
    message = RosterError("roster.csv", problems(text)).message()
    assert message.startswith("名单文件 roster.csv 有 3 处问题，未做任何更改：")
    assert "第 3 行：" in message


def test_a_bad_header_an_empty_file_and_a_file_not_in_utf8(tmp_path):
    assert "缺少：role,course" in problems("id,name\nzhangsan,张三\n")[0][1]
    assert "是空的" in problems("\n\n")[0][1]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((HEADER + "zhangsan,张三,trainee,c101\n").encode("gbk"))
    with pytest.raises(RosterError, match="不是 UTF-8 编码"):
        read(gbk, COURSES)
    with pytest.raises(RosterError, match="找不到名单文件"):
        read(tmp_path / "missing.csv", COURSES)


# -- with root: nothing is created when a line is bad ------------------------------------------
def _apply(hub_root: Path, roster: str) -> subprocess.CompletedProcess:
    path = hub_root / "roster.csv"
    path.write_text(roster, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "course",
            "hub",
            "--hub-dir",
            str(hub_root),
            "roster",
            "apply",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def hub_root():
    if os.geteuid() != 0:
        pytest.skip("creates Unix accounts if it fails: run as root (make test does)")
    root = Path(tempfile.mkdtemp(prefix="zj-hub-roster-", dir="/var/tmp"))
    hub = settings.Hub(
        root,
        settings.HubSettings(
            courses=[{"id": c} for c in COURSES],
            home_base=root / "homes",
            managed_group="zjtroster",
        ),
    )
    settings.save(hub)
    yield root
    for name in ("zjtgood1", "zjtgood2"):  # only if the test failed and they were made
        if unix.account(name):
            subprocess.run(["userdel", "--remove", "--force", name], capture_output=True)
    subprocess.run(["rm", "-rf", str(root)])


@pytest.mark.parametrize(
    ("bad_line", "words"),
    [
        ("zjtgood3,张三,trainee,c101,extra", "应有 4 列"),
        ("zjtgood1,重复,trainee,c102", "重复"),
        ("Zjt-Bad,张三,trainee,c101", "不能用作系统账号"),
        ("zjtgood3,张三,trainee,c404", "课程 “c404” 不存在"),
        ("daemon,守护,trainee,c101", "不是课程平台创建的"),
    ],
)
def test_a_bad_line_changes_nothing_on_the_system(hub_root, bad_line, words):
    groups_before = {g for g in ("zjtroster", "nbgrader-c101", "formgrade-c101") if unix.group(g)}
    roster = (
        HEADER + "zjtgood1,张三,trainee,c101\nzjtgood2,李四,instructor,c101\n" + bad_line + "\n"
    )
    result = _apply(hub_root, roster)
    assert result.returncode == 1
    assert "第 4 行" in result.stderr and words in result.stderr, result.stderr
    assert unix.account("zjtgood1") is None and unix.account("zjtgood2") is None
    assert not (hub_root / "homes").exists()
    assert {
        g for g in ("zjtroster", "nbgrader-c101", "formgrade-c101") if unix.group(g)
    } == groups_before
    assert unix.account("daemon").pw_shell == "/usr/sbin/nologin"


def test_a_locked_or_expired_account_counts_as_disabled(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.write_text(
        "active:$y$j9T$hash:20000:0:99999:7:::\n"
        "locked:!$y$j9T$hash:20000:0:99999:7:::\n"
        "expired:$y$j9T$hash:20000:0:99999:7::1:\n"
        "later:$y$j9T$hash:20000:0:99999:7::99999:\n",
        encoding="utf-8",
    )
    found = {
        name: unix.is_locked(name, shadow)
        for name in ("active", "locked", "expired", "later", "absent")
    }
    assert found == {
        "active": False,
        "locked": True,
        "expired": True,
        "later": False,
        "absent": True,
    }
