"""``python -m course.autograde.launcher SPEC -- KERNEL_CMD...``: jail a kernel.

Applies the rlimits from SPEC (JSON written by the kernel manager, :func:`spec`), sets a
private HOME, then ``exec``s the jail prefix (bwrap, setpriv) and the kernel.
Where env(1) and prlimit(1) exist, :func:`command` does the same without a Python
process in front of the kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import asdict

from .limits import Limits, apply_rlimits, prlimit_argv


def spec(limits: Limits, prefix: list[str], home: str, pid_namespace: bool) -> dict:
    """What the Python launcher needs, as JSON-ready data (it crosses an ``exec``)."""
    return {"limits": asdict(limits), "prefix": list(prefix), "home": home, "pids": pid_namespace}


def environment(home: str, pid_namespace: bool) -> tuple[dict[str, str], list[str]]:
    """(variables to set, variables to unset) for a kernel with HOME ``home``, in a PID
    namespace of its own or not."""
    env = {
        "HOME": home,
        "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
        "IPYTHONDIR": os.path.join(home, ".ipython"),
    }
    if pid_namespace:
        # in its own PID namespace the kernel's parent is pid 1: ipykernel would
        # take that for "my parent died" and exit.  1 turns its parent poller off;
        # bwrap --die-with-parent does that job instead.
        env["JPY_PARENT_PID"] = "1"
    return env, ["JUPYTER_RUNTIME_DIR"]


def command(
    limits: Limits, prefix: list[str], home: str, pid_namespace: bool, kernel_cmd: list[str]
) -> list[str] | None:
    """The same launch as ``main`` with env(1) and prlimit(1) instead of a Python process in
    front of the kernel (about 60 ms less per kernel); None where either is missing."""
    env_bin, prlimit = shutil.which("env"), shutil.which("prlimit")
    if not (env_bin and prlimit):
        return None
    sets, unsets = environment(home, pid_namespace)
    argv = [env_bin, *(f"--unset={name}" for name in unsets)]
    argv += [f"{name}={value}" for name, value in sets.items()]
    argv += prlimit_argv(prlimit, limits)
    return argv + prefix + kernel_cmd


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[1] != "--":
        raise SystemExit("usage: python -m course.autograde.launcher SPEC -- CMD...")
    with open(argv[0]) as fh:
        data = json.load(fh)
    cmd = data["prefix"] + argv[2:]
    sets, unsets = environment(data["home"], data["pids"])
    os.environ.update(sets)
    for name in unsets:
        os.environ.pop(name, None)
    apply_rlimits(Limits(**data["limits"]))
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
