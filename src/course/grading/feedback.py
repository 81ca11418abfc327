"""The feedback page trainees read: nbgrader's ``generate_feedback`` with the course's own
template (``templates/feedback/index.html.j2``: Chinese, the question, the trainee's answer,
verdict, points, explanation and source; no code, no prompts, no nbgrader headings).

The template keeps nbgrader's name ``feedback`` and is found first because the course's
configuration puts :data:`TEMPLATE_BASEDIR` in ``HTMLExporter.extra_template_basedirs`` (nbgrader
adds its own folder only when that option is not set), so ``nbgrader generate_feedback`` and
formgrader's "generate feedback" both use it.
"""

from __future__ import annotations

from pathlib import Path

#: The folder holding the ``feedback`` template folder (package data).
TEMPLATE_BASEDIR = Path(__file__).resolve().parent / "templates"
