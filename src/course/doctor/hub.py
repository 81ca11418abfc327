"""``course doctor --hub``: the checks of a cohort hub, run as root on its server.

Each check returns a :class:`~course.doctor.checks.Check` and never raises for an expected
problem: the settings file, the hub environment, the hub answering (directly and through its
proxy), each course's formgrader service being up (it refuses an anonymous visitor rather than
failing), the exchange's owners and modes (and ACL support, which feedback needs), and each
course's gradebook answering a query.
"""

from __future__ import annotations

import tempfile

import requests

from course.doctor.checks import Check, _result

TIMEOUT = 10


def hub_checks(root: str | None = None) -> list[Check]:
    """All hub checks for the hub folder ``root`` (default: ``$COURSE_HUB_DIR`` or /srv/...)."""
    from course.hub import settings

    try:
        hub = settings.load(root)
    except (OSError, ValueError) as exc:
        return [_result("hub_settings", False, f"{settings.hub_dir(root)}: {exc}")]
    results = [
        _result(
            "hub_settings",
            True,
            f"{hub.settings_file}: courses {', '.join(hub.settings.course_ids)}",
        )
    ]
    results += [check_env(hub), check_answers(hub), check_proxy(hub), check_services(hub)]
    results += [check_exchange(hub), check_gradebooks(hub)]
    return results


def check_env(hub) -> Check:
    from course.hub import env

    missing = env.missing_commands(hub.env)
    if missing:
        return _result("hub_env", False, f"{hub.env} lacks {', '.join(missing)}")
    return _result("hub_env", True, f"{hub.env}")


def check_answers(hub) -> Check:
    from course.hub.api import HubAPI

    version = HubAPI(hub).version()
    if version is None:
        return _result("hub_answers", False, f"no answer at {hub.api_url}")
    return _result("hub_answers", True, f"JupyterHub {version} at {hub.api_url}")


def check_proxy(hub) -> Check:
    command = hub.env_bin("configurable-http-proxy")
    if not command.exists():
        return _result("hub_proxy", False, f"{command} is missing")
    try:
        response = requests.get(hub.url + "/hub/api/", timeout=TIMEOUT)
    except requests.RequestException as exc:
        return _result("hub_proxy", False, f"{hub.url}: {type(exc).__name__}")
    if not response.ok:
        return _result("hub_proxy", False, f"{hub.url}/hub/api/ answered {response.status_code}")
    return _result("hub_proxy", True, f"{hub.url} -> hub")


def check_services(hub) -> Check:
    """A running course service sends an anonymous visitor to log in (302) or refuses (403);
    the proxy answers 503/404 for a service that is down."""
    down = []
    for course in hub.settings.course_ids:
        url = f"{hub.url}/services/{course}/api/status"
        try:
            code = requests.get(url, timeout=TIMEOUT, allow_redirects=False).status_code
        except requests.RequestException:
            code = None
        if code not in (302, 401, 403):
            down.append(f"{course} ({code})")
    if down:
        return _result("hub_services", False, "not answering: " + ", ".join(down))
    return _result("hub_services", True, f"{len(hub.settings.course_ids)} formgrader service(s) up")


def check_exchange(hub) -> Check:
    from course.exchange.acl import grant_read, named_readers
    from course.hub.layout import audit, exchange_specs, hub_specs

    problems = audit(hub_specs(hub) + exchange_specs(hub))
    if not problems:
        try:
            with tempfile.NamedTemporaryFile(dir=hub.exchange) as probe:
                grant_read(probe.fileno(), 65534)
                if 65534 not in named_readers(probe.name):
                    problems.append("ACL written but not read back")
        except OSError as exc:
            problems.append(
                f"{hub.exchange}: no ACL support ({exc.strerror}): feedback cannot be private"
            )
    if problems:
        return _result("hub_exchange", False, "; ".join(problems[:5]))
    return _result(
        "hub_exchange", True, f"{hub.exchange}: owners, modes and ACLs as they should be"
    )


def check_gradebooks(hub) -> Check:
    from course.hub.postgres import reachable
    from course.hub.roleconfig import db_url

    problems = []
    for course in hub.settings.course_ids:
        why = reachable(db_url(hub, course))
        if why:
            problems.append(f"{course}: {why}")
    if problems:
        return _result("hub_gradebook", False, "; ".join(problems))
    kinds = {db_url(hub, c).split(":", 1)[0] for c in hub.settings.course_ids}
    return _result(
        "hub_gradebook",
        True,
        f"{len(hub.settings.course_ids)} gradebook(s) answer ({', '.join(sorted(kinds))})",
    )
