"""The feedback page trainees read: nbgrader's ``generate_feedback`` with the course's own
template (``templates/feedback/index.html.j2``: Chinese, the question, the trainee's answer,
verdict, points, explanation and source; no code, no prompts, no nbgrader headings).

The template keeps nbgrader's name ``feedback`` and is found first because the course's
configuration sets ``HTMLExporter.extra_template_basedirs`` to :func:`template_basedirs`: the
course's folder, then nbgrader's own. nbgrader adds its folder only when that option is unset,
and formgrader loads the course's configuration after its own setting of it, so nbgrader's
folder must stay in the list for formgrader's grading view (its ``formgrade`` template).
"""

from __future__ import annotations

from pathlib import Path

#: The folder holding the course's ``feedback`` template folder (package data).
TEMPLATE_BASEDIR = Path(__file__).resolve().parent / "templates"


def template_basedirs() -> list[str]:
    """The course's template folder, then nbgrader's (a new list of paths as strings)."""
    import nbgrader

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions/formgrader/templates"
    return [str(TEMPLATE_BASEDIR), str(nbgrader_templates)]
