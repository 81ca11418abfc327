"""The two ways a grading kernel is launched give it the same limits and environment:
`env` + `prlimit` in front of the kernel (used where both exist) and the Python launcher
(`python -m course.autograde.launcher`, the fallback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from course.autograde import launcher
from course.autograde.limits import Limits

SHOW = (
    "import json, os, resource; "
    "names = ['RLIMIT_CPU', 'RLIMIT_AS', 'RLIMIT_NPROC', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE']; "
    "print(json.dumps({'limits': {n: resource.getrlimit(getattr(resource, n)) for n in names}, "
    "'env': {k: os.environ.get(k) for k in ['HOME', 'MPLCONFIGDIR', 'IPYTHONDIR', "
    "'JPY_PARENT_PID', 'JUPYTER_RUNTIME_DIR', 'COURSE_KEEP']}}))"
)


LIMITS = Limits(cpu_seconds=77, memory_bytes=900 * 2**20, processes=123, file_bytes=5 * 2**20)


def _run(argv: list[str]) -> dict:
    env = dict(os.environ, JUPYTER_RUNTIME_DIR="/somewhere", COURSE_KEEP="kept")
    out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=True)
    return json.loads(out.stdout)


def test_prlimit_launch_equals_the_python_launcher(tmp_path):
    fast = launcher.command(LIMITS, [], str(tmp_path), False, [sys.executable, "-c", SHOW])
    if fast is None:
        pytest.skip("env or prlimit missing: only the Python launcher is used here")
    spec_path = tmp_path / "launch.json"
    spec_path.write_text(json.dumps(launcher.spec(LIMITS, [], str(tmp_path), False)))
    slow = [sys.executable, "-m", "course.autograde.launcher", str(spec_path), "--"]
    by_python = _run([*slow, sys.executable, "-c", SHOW])
    by_prlimit = _run(fast)
    assert by_prlimit == by_python
    assert by_python["limits"]["RLIMIT_CPU"] == [77, 78]  # SIGKILL one second after SIGXCPU
    assert by_python["limits"]["RLIMIT_AS"] == [900 * 2**20] * 2
    assert by_python["limits"]["RLIMIT_NPROC"] == [123, 123]
    assert by_python["env"] == {
        "HOME": str(tmp_path),
        "MPLCONFIGDIR": str(tmp_path / ".matplotlib"),
        "IPYTHONDIR": str(tmp_path / ".ipython"),
        "JPY_PARENT_PID": None,  # only set in front of bwrap (its own PID namespace)
        "JUPYTER_RUNTIME_DIR": None,
        "COURSE_KEEP": "kept",
    }
