"""``course lab``: start JupyterLab on the checkout's ``lessons/`` folder, on the course guide.

Extra arguments go to JupyterLab unchanged (``course lab --no-browser --port 8899``);
``--allow-root`` is added when running as root.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

GUIDE = "00_course_guide.ipynb"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "lab",
        help="start JupyterLab on the lessons (extra arguments go to jupyter lab)",
        description=__doc__,
    )
    p.add_argument("--lessons", type=Path, help="lessons folder (default: <checkout>/lessons)")
    p.set_defaults(func=run, passthrough=True)
    return p


def find_lessons(start: Path | None = None) -> Path | None:
    """The ``lessons/`` folder of the checkout holding ``start`` (default: the current folder),
    else of the checkout this package is installed from (editable install); ``None`` if neither."""
    here = Path(__file__).resolve()
    for origin in (start or Path.cwd(), here):
        for folder in (origin, *origin.parents):
            if (folder / "lessons").is_dir() and (folder / "pyproject.toml").is_file():
                return folder / "lessons"
    return None


def lab_command(lessons: Path, extra: list[str], as_root: bool) -> list[str]:
    """The ``jupyter lab`` command line (pure: starts nothing)."""
    script = Path(sys.executable).with_name("jupyter-lab")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "jupyterlab"]
    command.append(f"--ServerApp.root_dir={lessons}")
    if (lessons / GUIDE).is_file():
        command.append(f"--LabApp.default_url=/lab/tree/{GUIDE}")
    if as_root and "--allow-root" not in extra:
        command.append("--allow-root")
    return command + extra


def run(args: argparse.Namespace) -> int:
    lessons = args.lessons.resolve() if args.lessons else find_lessons()
    if lessons is None or not lessons.is_dir():
        print(
            "找不到课程的 lessons 文件夹：请在课程目录（包含 pyproject.toml 的文件夹）中运行 "
            "make lab 或 course lab。\n"
            "Cannot find the lessons/ folder: run this from the course checkout.",
            file=sys.stderr,
        )
        return 2
    command = lab_command(lessons, args.extra, as_root=os.geteuid() == 0)
    print(f"正在启动 JupyterLab（课程文件夹 {lessons}）… 按 Ctrl-C 两次可停止。", flush=True)
    os.execv(command[0], command)
    return 0  # not reached: execv replaces this process
