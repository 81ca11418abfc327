"""Answers portability: a learner's answers in one file they keep, and back into a session or
into nbgrader. Above both the quiz engine and grading; neither imports it.

Modules:

* :mod:`.backup` -- build the answers file (the practice store and every graded quiz folder).
* :mod:`.restore` -- check an answers file completely, then merge it into this session.
* :mod:`.widget` -- the download / upload bar (:class:`~.widget.BackupBar`) and
  :func:`~.widget.follow`, which rebuilds the bars that pack a quiz session's store after
  every answer given in it.
* :mod:`.cli` -- ``course backup make | restore | ingest``.
* :mod:`.strings` -- what the learner sees (Chinese).
"""
