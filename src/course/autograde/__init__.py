"""Parallel, sandboxed autograding on top of nbgrader's own Autograde converter.

``course autograde <assignment> --jobs N`` grades submissions in worker processes.
Each worker runs nbgrader's ``Autograde`` converter for one student at a time with
the course's own ``nbgrader_config.py``; SQLite transactions of the workers take
turns (:mod:`course.autograde.gradebook`) and trainee code runs in a sandboxed
kernel (:mod:`course.autograde.sandbox`). A run can be killed at any moment: the
next one cleans up after it and grades again what it left unfinished
(:mod:`course.autograde.students`, :mod:`course.autograde.parallel`).
"""
