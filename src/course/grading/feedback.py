"""The feedback page trainees read: nbgrader's ``generate_feedback`` with the course's own
template (``templates/feedback/index.html.j2``: Chinese, the question, the trainee's answer,
verdict, points, explanation and source; no code, no prompts, no nbgrader headings).

The template keeps nbgrader's name ``feedback`` and is found first because the course's
configuration sets ``HTMLExporter.extra_template_basedirs`` to :data:`TEMPLATE_BASEDIRS`: this
folder, then nbgrader's own (``generate_feedback`` adds nbgrader's folder only when that option
is not set, and formgrader's own setting is replaced by the course configuration it loads, so the
option must name nbgrader's folder too, or formgrader finds no ``formgrade`` template). So
``nbgrader generate_feedback`` and formgrader's "generate feedback" both use the course's page,
and formgrader still shows submissions.
"""

from __future__ import annotations

from pathlib import Path

#: The folder holding the ``feedback`` template folder (package data).
TEMPLATE_BASEDIR = Path(__file__).resolve().parent / "templates"


def nbgrader_templates() -> Path:
    """nbgrader's own template folder (formgrader's pages, its ``formgrade`` and ``feedback``)."""
    from nbgrader.server_extensions.formgrader import handlers

    return Path(handlers.template_path)


#: ``HTMLExporter.extra_template_basedirs`` of the course, in search order (strings).
TEMPLATE_BASEDIRS = [str(TEMPLATE_BASEDIR), str(nbgrader_templates())]
