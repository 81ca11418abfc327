"""What ``course setup learner`` does, one function per step.

* :func:`write_overrides` -- JupyterLab's installation-wide ``overrides.json`` (in
  ``<app dir>/settings/``, the app dir being ``<sys.prefix>/share/jupyter/lab`` unless
  ``$JUPYTERLAB_DIR`` says otherwise): the Simplified Chinese interface and no news pop-up.
  Existing overrides of other plugins are kept.
* :func:`~course.lab.settings.language_pack_installed` -- is JupyterLab's zh-CN language pack
  there? (The settings themselves are :mod:`course.lab.settings`', shared with ``course lab``.)
* :func:`enable_save_hook` -- the course's server extension (:mod:`course.lab.server`) for the
  whole installation: a quiz cell is saved as an instruction to run it again, never as a widget
  view that a reopened notebook cannot show.
* trainee mode -- :func:`course.grading.modes.set_mode` (grading's own switch):
  the instructor-only nbgrader tools are switched off for this user; and every nbgrader
  JupyterLab tool the trainee profile of ``course lab`` hides
  (:data:`course.lab.profiles.TRAINEE`), as they are English.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from course.lab.settings import (
    CHINESE,
    LOCALE,
    NOTIFICATION_PLUGIN,
    QUIET,
    TRANSLATION_PLUGIN,
    language_pack_installed,
    learner_overrides,
)

__all__ = [
    "CHINESE",
    "LOCALE",
    "NOTIFICATION_PLUGIN",
    "QUIET",
    "TRANSLATION_PLUGIN",
    "app_settings_dir",
    "enable_save_hook",
    "language_pack_installed",
    "learner_overrides",
    "setup_learner",
    "write_overrides",
]


def app_settings_dir() -> Path:
    """JupyterLab's installation-wide settings folder (where ``overrides.json`` is read)."""
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir()) / "settings"


def write_overrides(settings_dir: str | os.PathLike[str], values: dict[str, dict]) -> Path:
    """Merge ``values`` (plugin id -> settings) into ``settings_dir/overrides.json``, keeping what
    else is there, and return its path. Raises ValueError if the existing file is not a JSON
    object (it is left untouched then)."""
    path = Path(settings_dir) / "overrides.json"
    current: dict[str, Any] = {}
    if path.exists():
        current = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(current, dict):
            raise ValueError(f"{path} does not hold a JSON object")
    for plugin, settings in values.items():
        current[plugin] = {**current.get(plugin, {}), **settings}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def enable_save_hook(config_dir: str | os.PathLike[str] | None = None) -> Path:
    """Enable :mod:`course.lab.server` in ``config_dir`` (default: this environment's
    ``<sys.prefix>/etc/jupyter``), as ``jupyter server extension enable --sys-prefix`` would, in
    a file of its own under ``jupyter_server_config.d``. Returns the file written."""
    from jupyter_core.paths import ENV_CONFIG_PATH

    from course.lab.server import NAME

    folder = Path(config_dir or ENV_CONFIG_PATH[0]) / "jupyter_server_config.d"
    path = folder / "course-lab.json"
    folder.mkdir(parents=True, exist_ok=True)
    content = {"ServerApp": {"jpserver_extensions": {NAME: True}}}
    path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    return path


def setup_learner(
    *,
    chinese: bool = True,
    trainee: bool = True,
    settings_dir: str | os.PathLike[str] | None = None,
    config_dir: str | os.PathLike[str] | None = None,
) -> list[str]:
    """Set up this installation for learners; return one line per step done. ``config_dir``:
    where the server extension is enabled (default: ``<sys.prefix>/etc/jupyter``).

    Raises RuntimeError (before changing anything) if ``chinese`` is asked for and the zh-CN
    language pack is missing."""
    if chinese and not language_pack_installed():
        raise RuntimeError(
            "JupyterLab's zh-CN language pack is not installed: "
            "pip install jupyterlab-language-pack-zh-cn (or pass --no-chinese)"
        )
    target = Path(settings_dir) if settings_dir else app_settings_dir()
    path = write_overrides(target, learner_overrides(chinese))
    done = [f"overrides: {path} (news off" + (", interface zh_CN)" if chinese else ")")]
    done.append(f"server extension enabled: course.lab.server ({enable_save_hook(config_dir)})")
    if trainee:
        from jupyterlab.commands import disable_extension

        from course.grading.modes import set_mode
        from course.lab.profiles import TRAINEE

        done += set_mode("trainee")
        for name in TRAINEE.hidden:
            disable_extension(name, level="user")
            done.append(f"labextension disabled: {name}")
    return done
