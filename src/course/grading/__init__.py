"""Graded quizzes under nbgrader: widget answers that nbgrader can grade.

Trainees answer graded questions through the quiz engine's widgets built without a key; every
answer is written at once to ``answers.json`` beside the notebook (see
:class:`course.answers.AnswerStore`). The file travels with the submission; hidden tests in the
instructor's source notebooks hold the keys and grade it during ``nbgrader autograde``.

Modules:

* :mod:`.notebook` -- what graded notebooks call: ``start``, ``ask``, ``recorded``, ``grade``.
* :mod:`.preprocessors` -- nbgrader preprocessors: ``QuarantineTraineeCode`` (autograde) and
  ``HideGradingCode`` (feedback).
* :mod:`.feedback` -- the Chinese feedback page's template (``templates/course_feedback/``) and its exporter.
* :mod:`.cells` -- the gradebook's view of a notebook: which cells are the instructor's.
* :mod:`.keys` -- the answer keys, read from the hidden tests of source notebooks.
* :mod:`.status`, :mod:`.status_table` -- ``course grading status``: the per-trainee status
  after autograde, as a table and CSV.
* :mod:`.submission` -- the offline submission archive for ``nbgrader zip_collect``.
* :mod:`.zip_collect` -- the ``zip_collect`` plugins: trainee ids checked, no link followed.
* :mod:`.modes` -- trainee and instructor set-ups of JupyterLab and the exchange.
* :mod:`.cli` -- ``course grading ...``.

The answers file itself (its name, format, reading and writing) is :mod:`course.answers`.

Importing this package imports nothing heavy and reads no file.
"""
