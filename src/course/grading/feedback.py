"""The feedback page trainees read: nbgrader's ``generate_feedback`` with the course's own
exporter, :class:`FeedbackPage`, and its template (``templates/course_feedback/index.html.j2``:
Chinese, the question, the trainee's answer, verdict, points, explanation and source; no code, no
prompts, no nbgrader headings).

The course configuration names the exporter for ``GenerateFeedback`` only
(``c.GenerateFeedback.exporter_class``), and the template name and folder on that class
(``c.FeedbackPage.…``): a class's own section overrides what ``generate_feedback`` sets on
``HTMLExporter``, and nothing of ``HTMLExporter`` itself changes, so formgrader keeps its own
``formgrade`` template and its own template folder.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import HTMLExporter

#: The folder holding the course's template folders (package data).
TEMPLATE_BASEDIR = Path(__file__).resolve().parent / "templates"
#: The course's feedback template (a folder of :data:`TEMPLATE_BASEDIR`).
TEMPLATE_NAME = "course_feedback"


class FeedbackPage(HTMLExporter):
    """HTML exporter of the trainee's feedback page (configure ``template_name`` and
    ``extra_template_basedirs`` on this class; see the module's docstring)."""
