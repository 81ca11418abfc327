"""``python -m course.autograde.launcher SPEC -- KERNEL_CMD...``: jail a kernel.

Applies the rlimits from SPEC (JSON written by the kernel manager), sets a
private HOME, then ``exec``s the jail prefix (bwrap, setpriv) and the kernel.
"""

from __future__ import annotations

import json
import os
import sys

from .limits import Limits, apply_rlimits


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[1] != "--":
        raise SystemExit("usage: python -m course.autograde.launcher SPEC -- CMD...")
    with open(argv[0]) as fh:
        spec = json.load(fh)
    cmd = spec["prefix"] + argv[2:]
    home = spec["home"]
    os.environ["HOME"] = home
    os.environ["MPLCONFIGDIR"] = os.path.join(home, ".matplotlib")
    os.environ["IPYTHONDIR"] = os.path.join(home, ".ipython")
    os.environ.pop("JUPYTER_RUNTIME_DIR", None)
    if spec["prefix"][:1] and os.path.basename(spec["prefix"][0]) == "bwrap":
        # in its own PID namespace the kernel's parent is pid 1: ipykernel would
        # take that for "my parent died" and exit.  1 turns its parent poller off;
        # bwrap --die-with-parent does that job instead.
        os.environ["JPY_PARENT_PID"] = "1"
    apply_rlimits(Limits.from_dict(spec["limits"]))
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
