"""Time from a fresh clone to JupyterLab serving the course guide with the README's command.

    .venv/bin/python benchmarks/fresh_clone_lab.py [--runs 1] [--cold-uv-cache]

Clones this checkout (its committed HEAD) into a temporary folder, runs ``make lab
LAB_ARGS="--no-browser --port N --ServerApp.token=..."`` there and polls
``/lab/tree/00_course_guide.ipynb`` until it answers 200; then runs ``make lab`` a second time in
the same clone (the virtual environment exists). Prints both times. ``--cold-uv-cache`` gives uv
an empty cache, so every package is downloaded as on a new laptop. Stops every server it started.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.lab import free_port  # noqa: E402


def start_to_guide(clone: Path, env: dict[str, str], log: Path) -> float:
    """Run ``make lab`` in ``clone``; return the seconds until the guide answers 200."""
    port, token = free_port(), secrets.token_hex(8)
    url = f"http://127.0.0.1:{port}/lab/tree/00_course_guide.ipynb?token={token}"
    args = f"--no-browser --port {port} --port-retries=0 --ServerApp.token={token}"
    start = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["make", "lab", f"LAB_ARGS={args}"],
            cwd=clone,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"make lab exited with {process.returncode}; see {log}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cold-uv-cache", action="store_true")
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="fresh-clone-") as tmp:
            env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
            if args.cold_uv_cache:
                env["UV_CACHE_DIR"] = str(Path(tmp) / "uv-cache")
            start = time.monotonic()
            clone = Path(tmp) / "course"
            subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
            cloned = time.monotonic() - start
            first = cloned + start_to_guide(clone, env, Path(tmp) / "first.log")
            again = start_to_guide(clone, env, Path(tmp) / "second.log")
            print(
                f"run {run}: clone {cloned:.1f} s; fresh clone -> guide served {first:.1f} s; "
                f"second `make lab` -> guide served {again:.1f} s"
            )


if __name__ == "__main__":
    main()
