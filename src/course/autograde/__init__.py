"""Parallel, sandboxed autograding on top of nbgrader's own Autograde converter.

``course autograde <assignment> --jobs N`` grades submissions in worker processes.
Each worker runs nbgrader's ``Autograde`` converter for one student at a time with
the course's own ``nbgrader_config.py``; gradebook access is serialised across
workers by a file lock (:mod:`course.autograde.dblock`) and trainee code runs in a
sandboxed kernel (:mod:`course.autograde.sandbox`).
"""
