"""What JupyterHub and each role's JupyterLab are told (no hub started): least-scope tokens,
trainees without the instructor tools, the frame policy loosened for the course services only."""

from __future__ import annotations

import json

from traitlets.config import Config

from course.hub import jhconfig, roleconfig, settings
from course.lab.profiles import TRAINEE


def _hub(tmp_path) -> settings.Hub:
    hub = settings.Hub(tmp_path, settings.HubSettings(courses=[{"id": "c101"}, {"id": "c102"}]))
    settings.save(hub)
    return hub


def test_no_token_inherits_its_owners_permissions(tmp_path):
    c = Config()
    hub = _hub(tmp_path)
    jhconfig.configure(c, str(hub.root))
    scopes = [s for role in c.JupyterHub.load_roles for s in role["scopes"]]
    assert "inherit" not in scopes
    admins = [r for r in c.JupyterHub.load_roles if any(s.startswith("admin") for s in r["scopes"])]
    assert [(r["services"], r.get("users"), r.get("groups")) for r in admins] == [
        (["course-hub"], None, None)
    ]
    graders = {r["name"]: r for r in c.JupyterHub.load_roles if r["name"].startswith("formgrade-")}
    assert graders["formgrade-c101"]["groups"] == ["formgrade-c101"]
    assert graders["formgrade-c101"]["scopes"] == [
        "access:services!service=c101",
        "read:services!service=c101",
        "list:services!service=c101",
    ]
    # a trainee's server token: JupyterHub's own default server role, nothing more
    assert jhconfig.TRAINEE_TOKEN_SCOPES == ["users:activity!user", "access:servers!server"]
    assert "inherit" not in jhconfig.INSTRUCTOR_TOKEN_SCOPES


def test_the_hub_runs_the_courses_as_their_graders_and_users_by_role(tmp_path):
    hub = _hub(tmp_path)
    c = Config()
    jhconfig.configure(c, str(hub.root))
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert services["c101"]["user"] == "grader-c101"
    assert services["c101"]["cwd"] == str(hub.course_dir("c101"))
    assert services["c101"]["environment"]["JUPYTER_CONFIG_PATH"] == str(hub.config_dir("grader"))
    assert "api_token" in services[jhconfig.ADMIN_SERVICE]
    assert c.JupyterHub.authenticator_class == "course.hub.auth.CohortAuthenticator"
    assert c.CohortAuthenticator.allowed_groups == {
        "nbgrader-c101",
        "formgrade-c101",
        "nbgrader-c102",
        "formgrade-c102",
    }
    assert c.Spawner.default_url == jhconfig.START_PAGE
    # without it the PyPI proxy answers 503 to anything slower than 20 s (seen with 30 spawns)
    assert "--proxy-timeout=3600000" in c.ConfigurableHTTPProxy.command

    class Spawner:  # an account in no course group is a trainee
        class user:
            name = "nobody"

    assert c.Spawner.environment["JUPYTER_CONFIG_PATH"](Spawner) == str(hub.config_dir("trainee"))
    assert (hub.state / "admin-token").stat().st_mode & 0o077 == 0


def test_trainees_never_load_the_instructor_tools_and_keep_their_frame_policy(tmp_path):
    hub = _hub(tmp_path)
    trainee, grader = roleconfig.role_files(hub, "trainee"), roleconfig.role_files(hub, "grader")
    disabled = json.loads(trainee["labconfig/page_config.json"])["disabledExtensions"]
    # none of nbgrader's (English) JupyterLab tools: the course guide's quiz centre instead,
    # exactly as in a one-machine trainee lab
    assert disabled == dict.fromkeys(TRAINEE.hidden, True) and disabled["@jupyter/nbgrader"]
    instructor = roleconfig.role_files(hub, "instructor")["labconfig/page_config.json"]
    instructor_off = json.loads(instructor)["disabledExtensions"]
    assert instructor_off["@jupyter/nbgrader:formgrader"]
    assert not instructor_off["@jupyter/nbgrader:course-list"]
    server = json.loads(trainee["jupyter_server_config.json"])["ServerApp"]
    assert server["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    assert server["jpserver_extensions"]["nbgrader.server_extensions.course_list"] is False
    assert "tornado_settings" not in server  # JupyterHub's frame-ancestors 'none' stays
    grader_server = json.loads(grader["jupyter_server_config.json"])["ServerApp"]
    assert grader_server["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is True
    csp = grader_server["tornado_settings"]["headers"]["Content-Security-Policy"]
    assert csp == "frame-ancestors 'self'"
    assert "PrivateSubmit" in trainee["nbgrader_config.py"]
    assert "course_id" not in trainee["nbgrader_config.py"]  # a trainee may be in several
    assert "JupyterHubAuthPlugin" in roleconfig.role_files(hub, "instructor")["nbgrader_config.py"]
    assert "nbgrader_config.py" not in grader  # the course folder's own configuration


def test_a_trainees_quizzes_are_fetched_into_their_home(tmp_path, monkeypatch):
    """The trainee's nbgrader configuration, loaded as nbgrader loads it in their processes:
    the exchange, its course folders, and their home (their lab's root) to fetch into."""
    from course.quizcentre.desk import load_config

    hub = _hub(tmp_path)
    folder = roleconfig.write_role_config(hub, "trainee")
    monkeypatch.setenv("HOME", str(tmp_path / "someone"))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(folder))
    monkeypatch.delenv("JUPYTER_CONFIG_DIR", raising=False)
    config = load_config(tmp_path)
    assert config.Exchange.assignment_dir == str(tmp_path / "someone")
    assert config.Exchange.root == str(hub.exchange) and config.Exchange.path_includes_course


def test_the_hubs_pages_are_chinese_templates_extending_jupyterhubs_own(tmp_path):
    """Each page of templates/ extends JupyterHub's page of the same name (so JupyterHub's
    scripts and later fixes stay), and says nothing in English (tests/test_hub_journey.py sees
    them rendered)."""
    import re

    c = Config()
    jhconfig.configure(c, str(_hub(tmp_path).root))
    assert c.JupyterHub.template_paths == [str(jhconfig.TEMPLATES)]
    pages = sorted(jhconfig.TEMPLATES.glob("*.html"))
    names = [p.name for p in pages]
    assert {"login.html", "spawn_pending.html", "home.html", "not_running.html"} <= set(names)
    for page in pages:
        text = page.read_text("utf-8")
        assert f'{{% extends "templates/{page.name}" %}}' in text, page.name
        shown = re.sub(r"<(script|style)>.*?</\1>", " ", text, flags=re.S)
        shown = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<[^>]+>", " ", shown, flags=re.S)
        words = [w for w in re.findall(r"[A-Za-z]{2,}", shown) if not w.isupper()]  # HTTPS: ok
        assert words == [], (page.name, words)
