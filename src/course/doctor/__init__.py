"""``course doctor``: is this environment ready for the course?

``run_checks()`` returns a list of :class:`Check` (name, ok, detail, fix_zh); ``render_text`` and
``render_html`` show them to a terminal or a notebook (the course guide's first cell)::

    from course.doctor import render_html, run_checks
    render_html(run_checks())  # an HTML table of OK/problem lines with fixes
"""

from __future__ import annotations

from course.doctor.checks import (
    Check,
    check_cjk_font,
    check_course_data,
    check_nbgrader_extensions,
    check_python,
    check_version,
    check_widgets_extension,
    enabled_server_extensions,
    lab_extensions,
)
from course.doctor.render import render_html, render_text

__all__ = ["Check", "render_html", "render_text", "run_checks"]


def run_checks() -> list[Check]:
    """Run every check in a fixed order and return their results (never raises for a problem)."""
    results = [check_python()]
    results += [check_version(dist) for dist in ("jupyterlab", "nbgrader", "ipywidgets", "pandas")]
    installed, disabled = lab_extensions()
    results.append(check_widgets_extension(installed, disabled))
    results.append(check_nbgrader_extensions(installed, disabled, enabled_server_extensions()))
    results.append(check_cjk_font())
    results.append(check_course_data())
    return results
