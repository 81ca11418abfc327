"""Cohort analytics for instructors: what a grade list does not show.

``course report`` reads the nbgrader gradebook and the trainees' ``answers.json`` records and
writes a self-contained HTML report with CSV tables: the score distribution, per question the
facility, the discrimination (corrected item-rest correlation) and the options picked, Cronbach's
alpha per assignment, doubtful questions, mastery per article section and trainees to follow up.

Modules:

* :mod:`.errors` -- the clear errors (empty gradebook, not autograded, no answers record).
* :mod:`.questions` -- what each graded question is (type, section, options, key), read from the
  gradebook's copy of the source notebooks.
* :mod:`.load` -- the gradebook (any database nbgrader supports) and answers records into pandas.
* :mod:`.stats` -- pure pandas/numpy statistics.
* :mod:`.build` -- every table of the report, computed from a loaded cohort.
* :mod:`.plots` -- matplotlib figures with Chinese labels, as PNG bytes.
* :mod:`.html` -- the self-contained HTML file.
* :mod:`.progress` -- the progress bar (tqdm).
* :mod:`.cli` -- ``course report``.

Importing this package reads nothing and imports neither pandas nor matplotlib.
"""
