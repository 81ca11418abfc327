"""``course lab``: start JupyterLab on the checkout's ``lessons/`` folder, on the course guide.

The lab gets the course's own user settings folder (``<checkout>/.course-lab/user-settings``
unless ``--settings-dir`` says otherwise): the Simplified Chinese interface where the zh-CN
language pack is installed, and no news pop-up. They are written once; what the learner changes
later in the lab (the language included) is kept there. Nothing outside that folder changes.

Extra arguments go to JupyterLab unchanged (``course lab --no-browser --port 8899``);
``--allow-root`` is added when running as root.
"""

from __future__ import annotations

import argparse
import json
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
    p.add_argument(
        "--settings-dir",
        type=Path,
        help="the lab's user settings folder (default: <checkout>/.course-lab/user-settings)",
    )
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


def course_settings(folder: Path) -> Path:
    """Write the course's JupyterLab user settings into ``folder`` where a plugin has none yet:
    the Chinese interface (if the zh-CN language pack is installed) and no news. Returns it."""
    from course.setup.learner import language_pack_installed, learner_overrides

    for plugin, values in learner_overrides(chinese=language_pack_installed()).items():
        package, _, name = plugin.partition(":")
        path = folder / package / f"{name}.jupyterlab-settings"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return folder


def lab_command(
    lessons: Path, extra: list[str], as_root: bool, settings: Path | None = None
) -> list[str]:
    """The ``jupyter lab`` command line (pure: starts nothing)."""
    script = Path(sys.executable).with_name("jupyter-lab")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "jupyterlab"]
    command.append(f"--ServerApp.root_dir={lessons}")
    if settings is not None and not any(a.startswith("--LabApp.user_settings_dir") for a in extra):
        command.append(f"--LabApp.user_settings_dir={settings}")
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
    settings = course_settings(
        args.settings_dir.resolve()
        if args.settings_dir
        else lessons.parent / ".course-lab" / "user-settings"
    )
    command = lab_command(lessons, args.extra, as_root=os.geteuid() == 0, settings=settings)
    print(f"正在启动 JupyterLab（课程文件夹 {lessons}）… 按 Ctrl-C 两次可停止。", flush=True)
    os.execv(command[0], command)
    return 0  # not reached: execv replaces this process
