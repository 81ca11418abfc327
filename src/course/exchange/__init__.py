"""The course's side of nbgrader's exchange, where trainees' files arrive untrusted.

* :mod:`.untrusted` -- check a submission folder without following anything in it, and copy
  one without following links (used at collect, autograde and feedback).
* :mod:`.collect` -- :class:`~course.exchange.collect.SafeCollect`, nbgrader's collect that
  refuses links, special files, oversized files and ids nbgrader would glob or hide.

The plugins are configured through nbgrader's ``ExchangeFactory`` in
``quizzes/nbgrader_config.py``. Importing this package imports nothing heavy.
"""
