"""``course setup learner``: the learner's JupyterLab, set up once per installation.

Used by ``binder/postBuild`` (Binder builds the image once; every session starts from it) and
available on a laptop or in a hub image. Modules: :mod:`.learner` (what is written, pure of
argument parsing), :mod:`.cli` (the subcommand).
"""
