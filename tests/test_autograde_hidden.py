"""What the jail hides is read from the course's nbgrader configuration, as nbgrader reads it."""

from __future__ import annotations

from types import SimpleNamespace

from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import Exchange
from traitlets.config import Config

from course.autograde.cli import _hidden_paths


class SiteExchange(Exchange):
    """An exchange class of a site, configured under its own name."""


def test_the_configured_exchange_class_root_and_gradebook_are_hidden(tmp_path):
    root, exchange, gradebook = tmp_path / "course", tmp_path / "site-exchange", tmp_path / "gb.db"
    for folder in (root, exchange):
        folder.mkdir()
    gradebook.touch()
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{gradebook}"
    config.ExchangeFactory.exchange = f"{__name__}.SiteExchange"
    config.SiteExchange.root = str(exchange)
    app = SimpleNamespace(config=config, coursedir=CourseDirectory(config=config))
    hidden = _hidden_paths(app)
    assert {str(root), str(exchange), str(gradebook)} <= set(hidden), hidden
