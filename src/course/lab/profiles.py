"""What a lab started by ``course lab`` is allowed to show: its profile, written into the lab's
own Jupyter configuration folder.

A lab gets its own configuration folder (``JUPYTER_CONFIG_DIR``), so its settings belong to the
lab and not to the OS account: what ``course grading mode`` or ``jupyter labextension disable
--user`` wrote into ``~/.jupyter`` for another lab does not leak in, and this lab writes nothing
there. The folder holds, regenerated at each start from the profile:

* ``jupyter_server_config.json`` -- which server extensions run (the course's save hook always;
  nbgrader's formgrader only for instructors);
* ``labconfig/page_config.json`` -- which JupyterLab extensions are switched off.

A trainee sees none of nbgrader's JupyterLab tools (the Nbgrader menu, Create Assignment,
Formgrader, the Assignments and Courses panels, the Validate button): they are English, and
trainees reach the graded quizzes through the course's own Chinese path. An instructor
(``course lab --instructor``) gets formgrader and the create-assignment tools, not the trainee's
Assignments and Courses panels. The nbgrader configuration each lab reads (the course, its
exchange, where fetched quizzes go) is written beside these files by :mod:`course.lab.quizconfig`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .server import NAME as COURSE_SERVER_EXTENSION

NBGRADER_LAB_EXTENSION = "@jupyter/nbgrader"
FORMGRADER_SERVER_EXTENSION = "nbgrader.server_extensions.formgrader"


@dataclass(frozen=True)
class Profile:
    """A kind of lab: ``hidden`` JupyterLab extensions or plugins (ids, or package names for
    all their plugins), ``server_extensions`` switched on (True) or off (False)."""

    name: str
    hidden: tuple[str, ...] = ()
    server_extensions: dict[str, bool] = field(default_factory=dict)

    def server_config(self) -> dict:
        """The lab's ``jupyter_server_config.json`` content (a new dict)."""
        extensions = {COURSE_SERVER_EXTENSION: True, **self.server_extensions}
        return {"ServerApp": {"jpserver_extensions": extensions}}

    def page_config(self) -> dict:
        """The lab's ``labconfig/page_config.json`` content (a new dict)."""
        return {"disabledExtensions": dict.fromkeys(self.hidden, True)}


#: What a cadre learning from the lessons never needs, and what JupyterLab's zh-CN language pack
#: (built for an older JupyterLab) leaves in English: the status bar's cell counter ("Cell 2/9"),
#: the property inspector ("Common Tools"), the debugger ("Enable Debugger"), the extension
#: manager, and the Help menu's reference links (which the kernel names in English).
PROGRAMMER_TOOLS = (
    "@jupyterlab/notebook-extension:cell-counter-status",
    "@jupyterlab/notebook-extension:tools",
    "@jupyterlab/notebook-extension:active-cell-tool",
    "@jupyterlab/notebook-extension:metadata-editor",
    "@jupyterlab/debugger-extension",
    "@jupyterlab/extensionmanager-extension",
    "@jupyterlab/help-extension:resources",
)

TRAINEE = Profile(
    "trainee",
    hidden=(NBGRADER_LAB_EXTENSION, *PROGRAMMER_TOOLS),
    server_extensions={FORMGRADER_SERVER_EXTENSION: False},
)
#: nbgrader's trainee panels: an instructor grades in formgrader and never fetches or submits.
TRAINEE_PANELS = tuple(
    f"{NBGRADER_LAB_EXTENSION}:{name}" for name in ("assignment-list", "course-list")
)
INSTRUCTOR = Profile(
    "instructor",
    hidden=(*TRAINEE_PANELS, *PROGRAMMER_TOOLS),
    server_extensions={FORMGRADER_SERVER_EXTENSION: True},
)
PROFILES = {p.name: p for p in (TRAINEE, INSTRUCTOR)}


def write_config(profile: Profile, config_dir: Path) -> Path:
    """Write ``profile``'s two files into ``config_dir`` (created if needed; other files there,
    such as JupyterLab's workspaces, are left alone). Returns ``config_dir``."""
    for path, content in (
        (config_dir / "jupyter_server_config.json", profile.server_config()),
        (config_dir / "labconfig" / "page_config.json", profile.page_config()),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", "utf-8")
        tmp.replace(path)
    return config_dir
