"""The course's JupyterLab: ``course lab`` and what any lab running the course needs.

Modules:

* :mod:`.cli` -- ``course lab``: the learner's lab on their copies of the lessons.
* :mod:`.workspace` -- those copies, outside tracked files, refreshed when the course changes.
* :mod:`.profiles` -- what a lab shows (a trainee: no instructor tools), in its own Jupyter
  configuration folder.
* :mod:`.savehook` -- quiz cells saved as an instruction to run them again, never as a widget
  view that cannot come back; :mod:`.server` is the server extension that registers it.
* :mod:`.strings` -- what the learner is told (Chinese).
"""
