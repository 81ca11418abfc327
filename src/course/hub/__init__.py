"""The cohort hub: one JupyterHub on one server for a cohort of trainees, several courses, a
private nbgrader exchange and a gradebook per course (PostgreSQL or SQLite).

Modules, bottom up:

* :mod:`course.hub.settings` -- ``hub.yaml`` in the hub folder and every path derived from it;
* :mod:`course.hub.roster` -- the roster CSV (id, name, role, course), validated as a whole;
* :mod:`course.hub.unix` -- Unix accounts and groups (useradd, usermod, chpasswd);
* :mod:`course.hub.layout` -- the course folders, the exchange tree and the per-role Jupyter
  configuration, created and audited;
* :mod:`course.hub.apply` -- ``course hub roster apply``: the roster made true, idempotently;
* :mod:`course.hub.env` -- the hub's own Python environment (``course hub setup``);
* :mod:`course.hub.postgres` -- a gradebook database per course on a PostgreSQL server;
* :mod:`course.hub.jhconfig`, :mod:`course.hub.auth`, :mod:`course.hub.spawner`,
  :mod:`course.hub.proxy` -- what JupyterHub loads and runs;
* :mod:`course.hub.cli` -- ``course hub ...``.

The private exchange itself is :mod:`course.exchange.private` (nbgrader's pluggable exchange
classes). Administrator's guide: ``docs/cohort-hub.md``.
"""
