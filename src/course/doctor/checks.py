"""The individual environment checks of ``course doctor``.

Each check returns a :class:`Check`; none raises for an expected problem. Heavy libraries
(jupyterlab_server, matplotlib) are imported inside the checks, not at import time.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from course.doctor import strings
from course.fonts import CJK_FONTS, available

WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
#: the quiz's own controls (course.quiz.controls) are anywidget widgets
ANYWIDGET_EXTENSION = "anywidget"
NBGRADER_EXTENSION = "@jupyter/nbgrader"


@dataclass(frozen=True)
class Check:
    """One result: ``name`` (stable id), ``ok``, ``detail`` (English, for instructors and
    maintainers), ``fix_zh`` (what a trainee does about it, empty when ok) and ``detail_zh``
    (what was found, in Chinese; the English detail when none is given)."""

    name: str
    ok: bool
    detail: str
    fix_zh: str = ""
    detail_zh: str = ""

    @property
    def found_zh(self) -> str:
        """What was found, for a trainee: the Chinese detail, else the English one."""
        return self.detail_zh or self.detail

    @property
    def label_zh(self) -> str:
        return strings.CHECKS[self.name]["label"]

    @property
    def problem_zh(self) -> str:
        return "" if self.ok else strings.CHECKS[self.name]["problem"]


def _result(name: str, ok: bool, detail: str, zh: str = "", **fix_values: str) -> Check:
    """A check's result; ``zh``: what was found in Chinese (empty: the English ``detail`` is
    shown, as for the hub administrator's checks)."""
    fix = "" if ok else strings.CHECKS[name]["fix"].format(**fix_values)
    return Check(name, ok, detail, fix, zh)


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    zh = f"Python {version}" + ("" if ok else strings.NEED.format(wanted="3.11+"))
    return _result("python", ok, f"Python {version} ({sys.executable})", zh)


# distribution -> (accepts (major, minor), requirement in words)
VERSION_RULES = {
    "jupyterlab": (lambda v: v[0] == 4, "4.x"),
    "nbgrader": (lambda v: v[:2] == (0, 9), "0.9.x"),
    "ipywidgets": (lambda v: v[0] == 8, "8.x"),
    "pandas": (lambda v: v >= (2, 2), "2.2+"),
}


def _major_minor(version: str) -> tuple[int, int]:
    parts = [int("".join(ch for ch in p if ch.isdigit()) or 0) for p in version.split(".")[:2]]
    return (parts + [0, 0])[0], (parts + [0, 0])[1]


def check_version(dist: str) -> Check:
    accepts, wanted = VERSION_RULES[dist]
    need = strings.NEED.format(wanted=wanted)
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        zh = strings.NOT_INSTALLED.format(name=dist) + need
        return _result(dist, False, f"{dist} is not installed (need {wanted})", zh)
    ok = accepts(_major_minor(version))
    found = f"{dist} {version}"
    return _result(
        dist, ok, found + ("" if ok else f" (need {wanted})"), found + ("" if ok else need)
    )


def lab_extensions() -> tuple[dict[str, dict], dict[str, bool]]:
    """Return the installed (prebuilt) lab extensions and the disabled map, read the way
    JupyterLab reads them: ``labextensions`` data paths and ``labconfig/page_config.json``."""
    import logging

    from jupyter_core.paths import jupyter_path
    from jupyterlab_server.config import get_federated_extensions, get_page_config

    paths = jupyter_path("labextensions")
    app_dir = os.environ.get("JUPYTERLAB_DIR") or os.path.join(
        sys.prefix, "share", "jupyter", "lab"
    )
    logger = logging.getLogger("course.doctor")
    page_config = get_page_config(paths, os.path.join(app_dir, "settings"), logger)
    disabled = page_config.get("disabledExtensions") or {}
    if isinstance(disabled, list):
        disabled = dict.fromkeys(disabled, True)
    return get_federated_extensions(paths), {k: bool(v) for k, v in disabled.items()}


def _disabled_parts(name: str, disabled: dict[str, bool]) -> list[str]:
    return sorted(k for k, v in disabled.items() if v and (k == name or k.startswith(name + ":")))


def check_widgets_extension(installed: dict, disabled: dict) -> Check:
    """ipywidgets' JupyterLab extension and anywidget's (the quiz's own controls) are installed
    and enabled."""
    key, found, zh = "widgets_extension", [], []
    for name in (WIDGETS_EXTENSION, ANYWIDGET_EXTENSION):
        if name not in installed:
            return _result(
                key, False, f"{name} is not installed", strings.NOT_INSTALLED.format(name=name)
            )
        parts = _disabled_parts(name, disabled)
        version = installed[name].get("version", "?")
        if parts:
            zh_off = strings.DISABLED.format(name=f"{name} {version}")
            return _result(key, False, f"{name} {version} is disabled: {parts}", zh_off)
        found.append(f"{name} {version}")
    zh = strings.ENABLED.format(name="、".join(found))
    return _result(key, True, f"{', '.join(found)} installed and enabled", zh)


def enabled_server_extensions() -> dict[str, bool]:
    """The ``jpserver_extensions`` map as Jupyter Server will read it."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    manager = ExtensionConfigManager(read_config_path=jupyter_config_path())
    return manager.get_jpserver_extensions()


def check_nbgrader_extensions(installed: dict, disabled: dict, server: dict) -> Check:
    """nbgrader's lab extension installed and a server extension of it on. Its JupyterLab tools
    may be hidden: a trainee's lab hides them all (they are English; see
    :mod:`course.lab.profiles`), and that is no problem."""
    name, key = NBGRADER_EXTENSION, "nbgrader_extensions"
    on = sorted(k for k, v in server.items() if v and k.startswith("nbgrader."))
    if name not in installed:
        zh = strings.NOT_INSTALLED.format(name=name)
        return _result(key, False, f"{name} lab extension is not installed", zh)
    if not on:
        return _result(key, False, "no nbgrader server extension is enabled", strings.NO_SERVER)
    parts = _disabled_parts(name, disabled)
    off = f"; hidden in this lab: {parts}" if parts else ""
    zh = strings.NBGRADER_HIDDEN if parts else strings.ENABLED.format(name=name)
    return _result(key, True, f"{name} installed; server extensions {on}{off}", zh)


def check_cjk_font() -> Check:
    """One of the course's fonts (:data:`course.fonts.CJK_FONTS`, the very list the diagrams
    and the report use) is known to matplotlib."""
    import matplotlib
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    found = available(known)
    cache_dir = str(Path(matplotlib.get_cachedir()))
    if found:
        zh = strings.FONT_FOUND.format(font=found[0])
        return _result("cjk_font", True, f"matplotlib sees {found[0]!r}", zh)
    detail = f"none of {list(CJK_FONTS)} among the {len(known)} font families in {cache_dir}"
    zh = strings.FONT_MISSING.format(fonts="、".join(CJK_FONTS))
    return _result("cjk_font", False, detail, zh, cache_dir=cache_dir)


def check_course_data(load=None) -> Check:
    """Load the knowledge base (``course.kb.load`` unless ``load`` is given)."""
    from course import kb

    try:
        base = (load or kb.load)()
    except kb.KnowledgeBaseError as exc:
        return _result("course_data", False, str(exc), strings.DATA_BROKEN.format(error=exc))
    sections, facts = len(base.sections), len(base.facts)
    zh = strings.DATA_OK.format(sections=sections, facts=facts)
    return _result("course_data", True, f"{sections} sections, {facts} facts loaded", zh)
