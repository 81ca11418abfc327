"""JupyterHub's configuration of a cohort hub, computed from ``hub.yaml``.

``course hub start`` writes ``<hub>/state/jupyterhub_config.py``, which only calls
:func:`configure`; JupyterHub runs it from the hub's environment. What it sets up:

* login: :class:`course.hub.auth.CohortAuthenticator` (PAM, Unix course groups -> hub groups),
  through the hub's pages in Chinese (``templates/`` beside this module: login, a server
  starting, home, not running, the navigation bar; JupyterHub's own for the rest);
* each user's server: JupyterLab as that user (``LocalProcessSpawner``, ports never shared,
  :mod:`course.hub.spawner`), opening on the course
  guide in Chinese, with the Jupyter configuration of their role (trainee or instructor,
  ``JUPYTER_CONFIG_PATH``) -- trainees never load formgrader or the create-assignment tools;
* one service per course: the course's JupyterLab with formgrader, run as ``grader-<course>`` in
  the course folder; only the ``formgrade-<course>`` group may open it;
* tokens with the least scopes that work: a trainee's server token may post activity and let its
  owner in (JupyterHub's default); an instructor's may also read the owner's groups and find
  the services they grade (nbgrader's course list); the ``course-hub`` service (used by
  ``course hub`` commands on the server, token in ``state/``) manages users and servers.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from course.hub import unix
from course.hub.settings import Hub, graders_group, trainees_group
from course.hub.settings import load as load_settings

ADMIN_SERVICE = "course-hub"
START_PAGE = "/lab/tree/lessons/00_course_guide.ipynb"
#: The hub's pages a trainee meets, in Chinese; each extends JupyterHub's own.
TEMPLATES = Path(__file__).with_name("templates")
TRAINEE_TOKEN_SCOPES = ["users:activity!user", "access:servers!server"]
INSTRUCTOR_TOKEN_SCOPES = [
    *TRAINEE_TOKEN_SCOPES,
    "read:users:name!user",
    "read:users:groups!user",
    "list:services",
    "read:services",
]
PROXY_TIMEOUT_MS = 3_600_000
ADMIN_SCOPES = ["admin:users", "admin:servers", "read:hub", "list:services", "read:services"]


def secret_file(path: Path, nbytes: int = 32) -> str:
    """The secret kept in ``path`` (root only), created on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(nbytes) + "\n")
    return path.read_text().strip()


def role_of(hub: Hub, name: str) -> str:
    """``instructor`` if ``name`` grades a course of the hub, else ``trainee``."""
    groups = unix.groups_of(name)
    graded = {graders_group(c) for c in hub.settings.course_ids}
    return "instructor" if groups & graded else "trainee"


def course_groups(hub: Hub) -> set[str]:
    return {g for c in hub.settings.course_ids for g in (trainees_group(c), graders_group(c))}


def path_variable(hub: Hub) -> str:
    return f"{hub.env / 'bin'}:/usr/local/bin:/usr/bin:/bin"


def configure(c, root: str) -> Hub:
    """Fill the JupyterHub config object ``c`` for the hub folder ``root``; returns the hub."""
    hub = load_settings(root)
    s = hub.settings
    c.JupyterHub.ip = s.ip
    c.JupyterHub.port = s.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = s.hub_port
    if s.ssl_cert:
        c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = s.ssl_cert, s.ssl_key
    c.JupyterHub.db_url = f"sqlite:///{hub.state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(hub.state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(hub.state / "jupyterhub.pid")
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    # The PyPI proxy, with tornado's limits of 10 requests in flight and 20 s raised (see
    # course.hub.proxy): a class starting its servers at once, the hub's progress page and
    # slow formgrader calls all need more.
    c.ConfigurableHTTPProxy.command = [
        str(hub.env_bin("python")),
        "-m",
        "course.hub.proxy",
        f"--proxy-timeout={PROXY_TIMEOUT_MS}",
    ]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = secret_file(hub.state / "proxy-token")
    c.ConfigurableHTTPProxy.pid_file = str(hub.state / "proxy.pid")

    groups = course_groups(hub)
    c.JupyterHub.authenticator_class = "course.hub.auth.CohortAuthenticator"
    c.CohortAuthenticator.course_groups = groups
    c.CohortAuthenticator.allowed_groups = groups
    c.CohortAuthenticator.auth_refresh_age = 60

    c.JupyterHub.spawner_class = "course.hub.spawner.CohortSpawner"
    c.Spawner.cmd = [str(hub.env_bin("jupyterhub-singleuser"))]
    c.Spawner.default_url = START_PAGE
    c.Spawner.args = list(s.server_args)
    c.Spawner.start_timeout = 180  # 30 servers starting at once on 2 cores
    c.Spawner.http_timeout = 180
    c.Spawner.environment = {
        "JUPYTER_CONFIG_PATH": lambda spawner: str(hub.config_dir(role_of(hub, spawner.user.name))),
        "PATH": path_variable(hub),
        "LANG": "C.UTF-8",
    }

    def token_scopes(spawner) -> list[str]:
        instructor = role_of(hub, spawner.user.name) == "instructor"
        return INSTRUCTOR_TOKEN_SCOPES if instructor else TRAINEE_TOKEN_SCOPES

    c.Spawner.server_token_scopes = token_scopes
    c.JupyterHub.services = [
        *course_services(hub),
        {
            "name": ADMIN_SERVICE,
            "api_token": secret_file(hub.admin_token_file),
        },
    ]
    c.JupyterHub.load_roles = roles(hub)
    return hub


def course_services(hub: Hub) -> list[dict]:
    """One hub-managed service per course: its JupyterLab with formgrader, as its grader."""
    services = []
    for course in hub.settings.courses:
        services.append(
            {
                "name": course.id,
                "display": True,
                "url": f"http://127.0.0.1:{course.port}",
                "command": [str(hub.env_bin("jupyterhub-singleuser"))],
                "user": f"grader-{course.id}",
                "cwd": str(hub.course_dir(course.id)),
                "oauth_no_confirm": True,
                "environment": {
                    "JUPYTER_CONFIG_PATH": str(hub.config_dir("grader")),
                    "JUPYTERHUB_DEFAULT_URL": "/lab",
                    "PATH": path_variable(hub),
                    "LANG": "C.UTF-8",
                },
            }
        )
    return services


def roles(hub: Hub) -> list[dict]:
    """Who may open which course service, and what the ``course-hub`` service may do."""
    result = []
    for course in hub.settings.course_ids:
        group = graders_group(course)
        result.append(
            {
                "name": group,
                "description": f"grade {course}: open its formgrader service",
                "groups": [group],
                "scopes": [
                    f"access:services!service={course}",
                    f"read:services!service={course}",
                    f"list:services!service={course}",
                ],
            }
        )
    result.append(
        {
            "name": f"{ADMIN_SERVICE}-admin",
            "description": "`course hub` commands on the server: users, servers, status",
            "services": [ADMIN_SERVICE],
            "scopes": ADMIN_SCOPES,
        }
    )
    return result


def config_file_text(hub: Hub) -> str:
    """The ``jupyterhub_config.py`` that ``course hub start`` writes."""
    return (
        "# Written by `course hub start`: the cohort hub is configured from hub.yaml\n"
        "# (see course.hub.jhconfig and docs/cohort-hub.md). Do not edit; edit hub.yaml.\n"
        "from course.hub.jhconfig import configure\n\n"
        f"configure(get_config(), {str(hub.root)!r})  # noqa: F821\n"
    )
