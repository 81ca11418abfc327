"""The course's side of nbgrader's exchange, where trainees' files arrive untrusted (plugged in
through nbgrader's ``ExchangeFactory``).

* :mod:`.untrusted` -- check a submission folder without following anything in it, and copy
  one without following links (used at collect, autograde and feedback).
* :mod:`.collect` -- :class:`~course.exchange.collect.SafeCollect`, nbgrader's collect that
  refuses links, special files, oversized files and ids nbgrader would glob or hide
  (``quizzes/nbgrader_config.py``: one machine).
* :mod:`course.exchange.private` -- the cohort hub's private exchange: no trainee can read,
  change, rename or delete another trainee's submission or feedback, or a course's folders
  (its submit and collect in :mod:`.private_submit` and :mod:`.private_collect`, what they
  share in :mod:`.private_base`, the feedback ACLs in :mod:`.acl`).

Importing this package imports nothing heavy.
"""
