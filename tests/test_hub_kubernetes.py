"""The Zero-to-JupyterHub values (deploy/zero-to-jupyterhub/config.yaml) say what the tested
one-server hub does: the same least-scope roles, start page and private exchange classes."""

from __future__ import annotations

from pathlib import Path

import yaml

from course.exchange.private import CLASSES
from course.hub import jhconfig, settings

VALUES = Path(__file__).resolve().parents[1] / "deploy" / "zero-to-jupyterhub" / "config.yaml"


def test_the_kubernetes_values_match_the_tested_hub(tmp_path):
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    config = values["hub"]["config"]
    courses = sorted(values["hub"]["services"])
    hub = settings.Hub(tmp_path, settings.HubSettings(courses=[{"id": c} for c in courses]))
    expected = [r for r in jhconfig.roles(hub) if r["name"].startswith("formgrade-")]
    got = config["JupyterHub"]["load_roles"]
    assert [(r["name"], r["groups"], r["scopes"]) for r in got] == [
        (r["name"], r["groups"], r["scopes"]) for r in expected
    ]
    assert set(config["JupyterHub"]["load_groups"]) == {
        f"{kind}-{c}" for c in courses for kind in ("nbgrader", "formgrade")
    }
    assert values["singleuser"]["defaultUrl"] == jhconfig.START_PAGE
    nbgrader = values["singleuser"]["extraFiles"]["nbgrader_config"]["stringData"]
    for trait, cls in CLASSES.items():
        assert f'c.ExchangeFactory.{trait} = "{cls.__module__}.{cls.__name__}"' in nbgrader
    assert "inherit" not in [scope for role in got for scope in role["scopes"]]
