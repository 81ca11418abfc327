"""The JupyterLab user settings every learner's lab gets, whether ``course lab`` writes them into
its own settings folder or ``course setup learner`` into the installation's ``overrides.json``:
the Simplified Chinese interface (where the zh-CN language pack is installed) and no news
pop-up."""

from __future__ import annotations

from typing import Any

LOCALE = "zh_CN"
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
#: No news feed and no update check: a pop-up over the first notebook confuses new learners.
QUIET = {NOTIFICATION_PLUGIN: {"fetchNews": "false", "checkForUpdates": False}}
CHINESE = {TRANSLATION_PLUGIN: {"locale": LOCALE}}


def language_pack_installed(locale: str = LOCALE) -> bool:
    """True if a JupyterLab language pack for ``locale`` is installed in this environment."""
    from importlib.metadata import entry_points

    return any(ep.name == locale for ep in entry_points(group="jupyterlab.languagepack"))


def learner_overrides(chinese: bool = True) -> dict[str, dict[str, Any]]:
    """The settings a learner's JupyterLab gets (a new dict)."""
    return {**QUIET, **(CHINESE if chinese else {})}
