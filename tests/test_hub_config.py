"""What JupyterHub and each role's JupyterLab are told (no hub started): least-scope tokens,
trainees without the instructor tools, the frame policy loosened for the course services only."""

from __future__ import annotations

import json

from traitlets.config import Config

from course.hub import jhconfig, roleconfig, settings


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
    assert (
        disabled["@jupyter/nbgrader:formgrader"] and disabled["@jupyter/nbgrader:create-assignment"]
    )
    assert not disabled["@jupyter/nbgrader:assignment-list"]
    server = json.loads(trainee["jupyter_server_config.json"])["ServerApp"]
    assert server["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    assert "tornado_settings" not in server  # JupyterHub's frame-ancestors 'none' stays
    grader_server = json.loads(grader["jupyter_server_config.json"])["ServerApp"]
    assert grader_server["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is True
    csp = grader_server["tornado_settings"]["headers"]["Content-Security-Policy"]
    assert csp == "frame-ancestors 'self'"
    assert "PrivateSubmit" in trainee["nbgrader_config.py"]
    assert "JupyterHubAuthPlugin" in roleconfig.role_files(hub, "instructor")["nbgrader_config.py"]
    assert "nbgrader_config.py" not in grader  # the course folder's own configuration
