"""Lesson authoring: the parts of the lesson notebooks that are generated from the knowledge base
and the practice bank, so that a fact is written once and a lesson reads the same before any cell
runs.

A lesson notebook is its own source: prose is written by hand; a Markdown cell whose first line
is a directive such as ``<!-- course:table list four_spirits -->`` is generated (its table, note,
practice heading, time estimate or citation), and every code cell is stored without outputs and
with its input hidden (JupyterLab's ``"jupyter": {"source_hidden": true}``).
``course lessons render`` rewrites the notebooks; ``course lessons render --check`` (and the test
suite) fails when a committed notebook differs from what it would write.

Modules: :mod:`.tables` (the knowledge base as tables and notes), :mod:`.timing` (the time a
lesson takes), :mod:`.blocks` (one generated cell per directive), :mod:`.notebooks` (a whole
notebook), :mod:`.cli`.
"""
