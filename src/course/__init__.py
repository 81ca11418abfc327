"""A Jupyter training course on the 「4500」 iron-army tempering campaign of Zhejiang's
aid-to-Tibet cadres (浙江在线, 2022-01-21).

Importing this package reads no data and starts nothing: see :mod:`course.kb` for the knowledge
base, :mod:`course.cli` for the ``course`` command.
"""

__version__ = "0.1.0"
