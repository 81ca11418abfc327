"""What ``course setup learner`` does, one function per step.

* :func:`write_overrides` -- JupyterLab's installation-wide ``overrides.json`` (in
  ``<app dir>/settings/``, the app dir being ``<sys.prefix>/share/jupyter/lab`` unless
  ``$JUPYTERLAB_DIR`` says otherwise): the Simplified Chinese interface and no news pop-up.
  Existing overrides of other plugins are kept.
* :func:`language_pack_installed` -- is JupyterLab's zh-CN language pack there?
* trainee mode -- :func:`course.grading.modes.set_mode` (the graded-quiz workstream's function):
  the instructor-only nbgrader tools are switched off for this user.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

LOCALE = "zh_CN"
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
#: No news feed and no update check: a pop-up over the first notebook confuses new learners.
QUIET = {NOTIFICATION_PLUGIN: {"fetchNews": "false", "checkForUpdates": False}}
CHINESE = {TRANSLATION_PLUGIN: {"locale": LOCALE}}


def app_settings_dir() -> Path:
    """JupyterLab's installation-wide settings folder (where ``overrides.json`` is read)."""
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir()) / "settings"


def language_pack_installed(locale: str = LOCALE) -> bool:
    """True if a JupyterLab language pack for ``locale`` is installed in this environment."""
    from importlib.metadata import entry_points

    return any(ep.name == locale for ep in entry_points(group="jupyterlab.languagepack"))


def learner_overrides(chinese: bool = True) -> dict[str, dict[str, Any]]:
    """The settings a learner's JupyterLab gets (a new dict)."""
    return {**QUIET, **(CHINESE if chinese else {})}


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


def setup_learner(*, chinese: bool = True, trainee: bool = True,
                  settings_dir: str | os.PathLike[str] | None = None) -> list[str]:  # fmt: skip
    """Set up this installation for learners; return one line per step done.

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
    if trainee:
        from course.grading.modes import set_mode

        done += set_mode("trainee")
    return done
