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

WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
NBGRADER_EXTENSION = "@jupyter/nbgrader"
#: CJK families the course's plots may use, in order of preference.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)


@dataclass(frozen=True)
class Check:
    """One result: ``name`` (stable id), ``ok``, ``detail`` (English, for instructors) and
    ``fix_zh`` (what a trainee does about it, empty when ok)."""

    name: str
    ok: bool
    detail: str
    fix_zh: str = ""

    @property
    def label_zh(self) -> str:
        return strings.CHECKS[self.name]["label"]

    @property
    def problem_zh(self) -> str:
        return "" if self.ok else strings.CHECKS[self.name]["problem"]


def _result(name: str, ok: bool, detail: str, **fix_values: str) -> Check:
    fix = "" if ok else strings.CHECKS[name]["fix"].format(**fix_values)
    return Check(name, ok, detail, fix)


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return _result("python", sys.version_info >= (3, 11), f"Python {version} ({sys.executable})")


# distribution -> (accepts (major, minor), requirement in words)
VERSION_RULES = {
    "jupyterlab": (lambda v: v[0] == 4, "4.x"),
    "nbgrader": (lambda v: v[:2] == (0, 9), "0.9.x"),
    "ipywidgets": (lambda v: v[0] == 8, "8.x"),
    "pandas": (lambda v: v >= (2, 2), ">= 2.2"),
}


def _major_minor(version: str) -> tuple[int, int]:
    parts = [int("".join(ch for ch in p if ch.isdigit()) or 0) for p in version.split(".")[:2]]
    return (parts + [0, 0])[0], (parts + [0, 0])[1]


def check_version(dist: str) -> Check:
    accepts, wanted = VERSION_RULES[dist]
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return _result(dist, False, f"{dist} is not installed (need {wanted})")
    ok = accepts(_major_minor(version))
    return _result(dist, ok, f"{dist} {version}" + ("" if ok else f" (need {wanted})"))


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
    name = WIDGETS_EXTENSION
    if name not in installed:
        return _result("widgets_extension", False, f"{name} is not installed")
    parts = _disabled_parts(name, disabled)
    version = installed[name].get("version", "?")
    if parts:
        return _result("widgets_extension", False, f"{name} {version} is disabled: {parts}")
    return _result("widgets_extension", True, f"{name} {version} installed and enabled")


def enabled_server_extensions() -> dict[str, bool]:
    """The ``jpserver_extensions`` map as Jupyter Server will read it."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    manager = ExtensionConfigManager(read_config_path=jupyter_config_path())
    return manager.get_jpserver_extensions()


def check_nbgrader_extensions(installed: dict, disabled: dict, server: dict) -> Check:
    name = NBGRADER_EXTENSION
    on = sorted(k for k, v in server.items() if v and k.startswith("nbgrader."))
    if name not in installed:
        return _result("nbgrader_extensions", False, f"{name} lab extension is not installed")
    if disabled.get(name):
        return _result("nbgrader_extensions", False, f"{name} lab extension is disabled")
    if not on:
        return _result("nbgrader_extensions", False, "no nbgrader server extension is enabled")
    parts = _disabled_parts(name, disabled)
    off = f"; disabled plugins: {parts}" if parts else ""
    return _result("nbgrader_extensions", True, f"{name} enabled; server extensions {on}{off}")


def check_cjk_font() -> Check:
    import matplotlib
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    found = [family for family in CJK_FAMILIES if family in known]
    cache_dir = str(Path(matplotlib.get_cachedir()))
    if found:
        return _result("cjk_font", True, f"matplotlib sees {found[0]!r}")
    detail = f"none of {list(CJK_FAMILIES)} among the {len(known)} font families in {cache_dir}"
    return _result("cjk_font", False, detail, cache_dir=cache_dir)


def check_course_data(load=None) -> Check:
    """Load the knowledge base (``course.kb.load`` unless ``load`` is given)."""
    from course import kb

    try:
        base = (load or kb.load)()
    except kb.KnowledgeBaseError as exc:
        return _result("course_data", False, str(exc))
    return _result(
        "course_data", True, f"{len(base.sections)} sections, {len(base.facts)} facts loaded"
    )
