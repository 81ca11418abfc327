"""Hostile submissions graded by `course autograde` in its sandbox.

One run grades a well-behaved trainee next to trainees whose code forks without
end, eats memory, prints without end, ignores interrupts, kills its kernel, uses
the network, snoops on the course files, leaves links for the grader to follow and
swallows test failures.  Each gets
a clear recorded outcome; the good trainee's grade is unaffected; no process is
left running.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat
import pytest

from course.autograde.limits import Limits
from course.autograde.sandbox import probe
from tests.support.synthetic import CORRECT, make_course, snapshot, submit

pytestmark = pytest.mark.slow

PLAN = probe(Limits(), [])
needs_jail = pytest.mark.skipif(
    not (PLAN.bwrap and PLAN.drop_uid),
    reason="needs root and bubblewrap (apt-get install bubblewrap): " + "; ".join(PLAN.missing),
)


def attack(code: str) -> str:
    return textwrap.dedent(code).strip() + "\n\n" + CORRECT


def _hostile(root: Path, port: int) -> dict[str, str]:
    course = str(root)
    return {
        "good": CORRECT,
        "forkbomb": attack(
            """
            import os
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
            """
        ),
        "memhog": attack(
            """
            hog = []
            try:
                while True:
                    hog.append(bytearray(64 * 2**20))
            except MemoryError:
                hog = None
                print("MEMORY LIMIT HIT")
            """
        ),
        "printer": attack("for i in range(100_000):\n    print('spam ' * 50)"),
        "sigint_ignorer": attack(
            """
            import signal
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            while True:
                pass
            """
        ),
        "exiter": attack("import os\nos._exit(3)"),
        "network": attack(
            f"""
            import socket
            for host in [("127.0.0.1", {port}), ("pypi.org", 443), ("1.1.1.1", 53)]:
                try:
                    socket.create_connection(host, timeout=3).close()
                    print("NET OPEN", host)
                except OSError as err:
                    print("NET BLOCKED", host, type(err).__name__)
            """
        ),
        "snoop": attack(
            f"""
            import os
            targets = [
                {course!r} + "/source/ps1/ps1.ipynb",
                {course!r} + "/gradebook.db",
                {course!r} + "/nbgrader_config.py",
                {course!r} + "/submitted/good/ps1/ps1.ipynb",
                {course!r} + "/autograded/good/ps1/ps1.ipynb",
                {course!r} + "/release/ps1/ps1.ipynb",
            ]
            for path in targets:
                try:
                    with open(path, "rb") as fh:
                        fh.read(10)
                    print("LEAK read", path)
                except OSError as err:
                    print("BLOCKED read", path, type(err).__name__)
            try:
                with open({course!r} + "/gradebook.db", "ab") as fh:
                    fh.write(b"x")
                print("LEAK write gradebook")
            except OSError as err:
                print("BLOCKED write gradebook", type(err).__name__)
            print("visible course entries:", sorted(os.listdir({course!r})))
            print("exchange entries:", os.listdir({course!r} + "/exchange"))
            """
        ),
        # leaves links to the course's files, a folder link and a FIFO in its folder, for the
        # grader's own steps after the kernel (chmod, feedback copies) to follow
        "linker": attack(
            f"""
            import os
            os.symlink({course!r} + "/gradebook.db", "gradebook-link")
            os.symlink({course!r} + "/source/ps1/ps1.ipynb", "key-link.txt")
            os.symlink("/etc", "etc-link")
            os.mkfifo("pipe")
            print("LINKS MADE")
            """
        ),
        # swallows every later failure: the wrong squares() would otherwise score 2
        "tamper": textwrap.dedent(
            """
            def _swallow(lines):
                body = "".join(lines) or "pass"
                code = "try:\\n" + "".join("    " + x + "\\n" for x in body.splitlines())
                return (code + "except BaseException:\\n    pass\\n").splitlines(True)
            get_ipython().input_transformers_cleanup.append(_swallow)
            def squares(n):
                return []
            """
        ).strip(),
    }


def _outputs(root: Path, student: str) -> str:
    path = root / "autograded" / student / "ps1" / "ps1.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "squares_answer"
    )
    return "".join(o.get("text", "") for o in cell.outputs)


def _leftovers(marker: str, uids: list[int]) -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            uid = int(Path(f"/proc/{pid}/status").read_text().split("Uid:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            continue
        if marker in cmdline or uid in uids:
            found.append(f"{pid} uid={uid} {cmdline[:120]}")
    return found


@needs_jail
def test_hostile_submissions_are_contained(tmp_path):
    root = tmp_path / "course"
    # a per-cell timeout longer than the notebook's wall clock: the wall clock must act
    make_course(str(root), timeout=60)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    port = listener.getsockname()[1]
    for student, code in _hostile(root, port).items():
        submit(str(root), student, answer=code)

    gradebook_mode = (root / "gradebook.db").stat().st_mode
    cmd = [sys.executable, "-m", "course", "autograde", "ps1", "--course-dir", str(root)]
    cmd += ["--jobs", "2", "--wall-seconds", "25", "--memory-mb", "1024"]
    cmd += ["--max-processes", "64", "--output-kb", "64"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "NOT enforced" not in run.stdout, run.stdout

    report = json.loads((root / "autograde_reports" / "ps1.json").read_text())
    results = {r["student"]: r for r in report["results"]}
    assert len(report["sandbox"]["uids"]) == 2  # one unprivileged uid per worker, this run only
    grades = snapshot(str(root))
    score = {s: grades[(s, "<submission>")][2] for s in results}
    status = {s: r["status"] for s, r in results.items()}

    reason = {s: r["reason"] for s, r in results.items()}
    assert status["good"] == "graded" and score["good"] == 3.0
    assert status["forkbomb"] == "failed" and "wall-clock" in reason["forkbomb"]
    assert status["memhog"] == "graded" and score["memhog"] == 3.0
    assert "MEMORY LIMIT HIT" in _outputs(root, "memhog")
    assert status["printer"] == "graded" and score["printer"] == 3.0
    printed = _outputs(root, "printer")
    assert "output limit" in printed and len(printed) < 200_000
    assert "output over" in reason["printer"]
    assert status["sigint_ignorer"] == "failed" and "wall-clock" in reason["sigint_ignorer"]
    assert status["exiter"] == "failed" and "kernel died" in reason["exiter"]
    net = _outputs(root, "network")
    assert "NET OPEN" not in net and net.count("NET BLOCKED") == 3, net
    try:
        listener.accept()
        pytest.fail("the sandboxed kernel reached a port on the grader's loopback")
    except BlockingIOError:
        pass
    snooped = _outputs(root, "snoop")
    assert "LEAK" not in snooped and snooped.count("BLOCKED") == 7, snooped
    # the exchange is an empty mount point here, the course shows only this submission
    assert "visible course entries: ['autograded', 'exchange']" in snooped
    assert "exchange entries: []" in snooped
    assert status["snoop"] == "graded" and score["snoop"] == 3.0
    linker = root / "autograded" / "linker" / "ps1"
    assert "LINKS MADE" in _outputs(root, "linker")
    assert status["linker"] == "graded" and score["linker"] == 3.0
    made = ["etc-link", "gradebook-link", "key-link.txt", "pipe"]
    assert ", ".join(made) in reason["linker"], reason["linker"]
    assert sorted(p.name for p in linker.iterdir()) == ["ps1.ipynb", "timestamp.txt"]
    assert (root / "gradebook.db").stat().st_mode == gradebook_mode  # not chmodded through
    assert status["tamper"] == "failed" and "tampering" in reason["tamper"]
    assert score["tamper"] == 0.0
    assert _leftovers(str(root), report["sandbox"]["uids"]) == []
    # files the kernel wrote are given back to the grader
    owners = {p.stat().st_uid for p in (root / "autograded").rglob("*")}
    assert owners == {os.getuid()}


def test_probe_reports_what_is_not_enforced():
    plan = probe(Limits(), [], enabled=False)
    text = "\n".join(plan.describe())
    assert "NOT enforced: jail" in text
    assert "enforced: wall clock" in text


def test_a_checkout_under_tmp_runs_in_the_jail(tmp_path, request):
    """A checkout under /tmp (its virtual environment and its ``src/``), which the jail hides and
    re-exposes, must still be usable by the unprivileged kernel uid: bwrap creates the parents
    of a re-exposed path with mode 0700 unless told otherwise, and then the kernel cannot import
    the course (seen on a fresh clone under /tmp: every kernel "did not start")."""
    plan = probe(Limits(), [])
    if not (plan.bwrap and plan.drop_uid):
        pytest.skip("needs bubblewrap and root: " + "; ".join(plan.describe()))
    import course

    # The same layout as a clone: <dir>/main/.venv and <dir>/main/src/course, sharing no parent
    # with the submission's folder (tmp_path), whose own parents the jail opens up anyway.
    outside = Path(tempfile.mkdtemp(prefix="course-checkout-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(outside, ignore_errors=True))
    src = outside / "main" / "src"
    shutil.copytree(Path(course.__file__).parent, src / "course")
    venv = outside / "main" / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next(venv.glob("lib/python*/site-packages"))
    ours = str(Path(course.__file__).parent.parent)
    paths = [str(src)] + [p for p in sys.path if p and p != ours]
    (site / "checkout.pth").write_text("\n".join(paths) + "\n")
    work, private = tmp_path / "work", tmp_path / "private"
    for folder in (work, private):
        folder.mkdir()
        os.chmod(folder, 0o777)
    code = textwrap.dedent(
        f"""
        import os, subprocess, sys
        from course.autograde.limits import Limits
        from course.autograde.sandbox import jail_argv, probe, reserve_uids
        assert __import__("course").__file__.startswith({str(src)!r})
        plan = probe(Limits(), [])
        uids, _ = reserve_uids(1)
        argv = jail_argv(plan, {str(work)!r}, {str(private)!r}, uids[0])
        jailed = "import os, course; print(os.getuid())"
        lifeline, _held = os.pipe()  # the jail lives while this process holds the write end
        run = subprocess.run(argv + [sys.executable, "-c", jailed], stdin=lifeline,
                             capture_output=True, text=True, timeout=60)
        print(run.returncode, run.stdout.strip() or "-", run.stderr.strip()[-300:])
        """
    )
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    rc, uid, *_ = out.stdout.split(maxsplit=2)
    assert rc == "0", out.stdout
    assert int(uid) != 0
