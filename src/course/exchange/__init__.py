"""nbgrader exchange classes of the course (plugged in through nbgrader's ``ExchangeFactory``).

* :mod:`course.exchange.private` -- the cohort hub's private exchange: no trainee can read,
  change, rename or delete another trainee's submission or feedback, or a course's folders
  (its submit and collect in :mod:`.private_submit` and :mod:`.private_collect`, what they
  share in :mod:`.private_base`, the feedback ACLs in :mod:`.acl`).
"""
