"""``course hub ...``: a cohort JupyterHub on one server (as root; docs/cohort-hub.md).

* ``course hub setup`` -- the hub's Python environment (JupyterHub, proxy, course, driver);
* ``course hub init --course ID [--course ID2 ...]`` -- the hub folder, its courses (grader
  accounts, course folders, gradebooks) and the private exchange; again after an upgrade;
* ``course hub db init --admin-dsn DSN`` -- a PostgreSQL gradebook per course;
* ``course hub roster apply roster.csv`` -- accounts, course groups, gradebook students;
* ``course hub start`` -- run JupyterHub in the foreground (Ctrl-C or SIGTERM stops it and
  every server it started).

The hub folder is ``--hub-dir``, else ``$COURSE_HUB_DIR``, else ``/srv/zj-course-hub``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course.hub import strings

CHECKOUT = Path(__file__).resolve().parents[3]


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "hub",
        help="the cohort hub: environment, courses, roster, start (as root)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--hub-dir", help="hub folder (default $COURSE_HUB_DIR or /srv/zj-course-hub)"
    )
    sub = parser.add_subparsers(dest="hub_command", metavar="STEP", required=True)

    setup = sub.add_parser("setup", help="create or update the hub's Python environment")
    setup.add_argument(
        "--env", type=Path, help="where (default: hub.yaml's env or /opt/zj-course-hub/venv)"
    )
    setup.add_argument("--python", default="/usr/bin/python3", help="the Python to make it from")
    setup.add_argument("--source", type=Path, help="the course checkout (default: this one)")
    setup.set_defaults(func=_setup)

    init = sub.add_parser("init", help="lay out the hub folder, its courses and the exchange")
    init.add_argument(
        "--course",
        action="append",
        default=[],
        metavar="ID",
        help="a course to add (repeat for several)",
    )
    init.add_argument(
        "--db-url", action="append", default=[], metavar="ID=URL", help="a course's gradebook URL"
    )
    init.add_argument("--source", type=Path, help="the course checkout (default: this one)")
    init.add_argument("--env", type=Path)
    init.add_argument("--ip")
    init.add_argument("--port", type=int)
    init.add_argument("--hub-port", type=int)
    init.add_argument("--proxy-api-port", type=int)
    init.add_argument("--home-base", type=Path, help="where new homes go (default /home)")
    init.set_defaults(func=_init)

    db = sub.add_parser("db", help="gradebook databases").add_subparsers(
        dest="db_command", required=True
    )
    db_init = db.add_parser("init", help="a PostgreSQL database per course without one")
    db_init.add_argument(
        "--admin-dsn",
        required=True,
        help="a superuser connection, e.g. 'host=/var/run/postgresql dbname=postgres' (as root: `sudo -u postgres createuser --superuser root` first)",
    )
    db_init.add_argument("--host", default="127.0.0.1", help="the server's address for graders")
    db_init.add_argument("--port", type=int, default=5432)
    db_init.set_defaults(func=_db_init)

    roster = sub.add_parser("roster", help="the cohort's accounts").add_subparsers(
        dest="roster_command", required=True
    )
    apply = roster.add_parser("apply", help="make the roster CSV (id,name,role,course) true")
    apply.add_argument("file", type=Path)
    apply.set_defaults(func=_roster_apply)

    start = sub.add_parser("start", help="run JupyterHub in the foreground")
    start.set_defaults(func=_start)
    return parser


def _need_root(command: str) -> None:
    if os.geteuid() != 0:
        raise SystemExit(strings.NOT_ROOT.format(command=command))


def _load(args):
    from course.hub import settings

    root = settings.hub_dir(args.hub_dir)
    try:
        return settings.load(root)
    except FileNotFoundError:
        raise SystemExit(strings.NO_SETTINGS.format(path=root)) from None
    except ValueError as exc:
        raise SystemExit(strings.BAD_SETTINGS.format(error=exc)) from None


def _setup(args) -> int:
    from course.hub import env, settings

    _need_root("setup")
    root = settings.hub_dir(args.hub_dir)
    target = args.env
    if target is None:
        target = (
            settings.load(root).env
            if (root / settings.SETTINGS_FILE).exists()
            else settings.DEFAULT_ENV
        )
    env.setup(target, args.source or CHECKOUT, python=args.python)
    return 0


def _init(args) -> int:
    from course.hub import apply, env, layout, roleconfig, settings

    _need_root("init")
    root = settings.hub_dir(args.hub_dir)
    hub = (
        settings.load(root)
        if (root / settings.SETTINGS_FILE).exists()
        else settings.Hub(root, settings.HubSettings())
    )
    data = hub.settings.model_dump()
    for name in ("env", "ip", "port", "hub_port", "proxy_api_port", "home_base"):
        if getattr(args, name) is not None:
            data[name] = getattr(args, name)
    known = {c["id"] for c in data["courses"]}
    data["courses"] += [{"id": c} for c in args.course if c not in known]
    urls = dict(item.split("=", 1) for item in args.db_url)
    for course in data["courses"]:
        course["db_url"] = urls.get(course["id"], course.get("db_url", ""))
    source = (args.source or hub.settings.source or CHECKOUT).resolve()
    if not (source / "quizzes").is_dir() or not (source / "lessons").is_dir():
        raise SystemExit(
            f"{source} is not a course checkout (no quizzes/ and lessons/): pass --source"
        )
    data["source"] = source
    try:
        hub = settings.Hub(root, settings.HubSettings.model_validate(data))
    except ValueError as exc:
        raise SystemExit(strings.BAD_SETTINGS.format(error=exc)) from None
    if not hub.settings.courses:
        raise SystemExit("no course: pass --course ID")
    if env.missing_commands(hub.env):
        raise SystemExit(strings.NO_ENV.format(env=hub.env))
    settings.save(hub)
    for line in layout.prepare(hub, source):
        print(line)
    for course in hub.settings.course_ids:
        apply.sync_gradebook(hub, course, [])
        print(f"gradebook of {course}: {roleconfig.db_url(hub, course).split('@')[-1]}")
    return 0


def _db_init(args) -> int:
    from course.hub import layout, postgres, settings

    _need_root("db init")
    hub = _load(args)
    for course in hub.settings.courses:
        if course.db_url:
            print(f"{course.id}: already has a gradebook URL")
            continue
        course.db_url = postgres.create_database(args.admin_dsn, course.id, args.host, args.port)
        print(f"{course.id}: database {postgres.names(course.id)[1]} created")
    settings.save(hub)
    for course in hub.settings.course_ids:
        layout.prepare_course(hub, course)
    print("run `course hub init` once more, then restart the hub")
    return 0


def _roster_apply(args) -> int:
    from course.hub import apply, roster

    _need_root("roster apply")
    hub = _load(args)
    try:
        members = roster.read(args.file, hub.settings.course_ids)
        apply.apply(hub, members, str(args.file))
    except roster.RosterError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    return 0


def _start(args) -> int:
    from course.hub import env, jhconfig

    _need_root("start")
    hub = _load(args)
    if env.missing_commands(hub.env):
        raise SystemExit(strings.NO_ENV.format(env=hub.env))
    hub.state.mkdir(mode=0o700, exist_ok=True)
    hub.jupyterhub_config.write_text(jhconfig.config_file_text(hub), encoding="utf-8")
    os.chdir(hub.state)
    command = [str(hub.env_bin("jupyterhub")), "-f", str(hub.jupyterhub_config)]
    os.execv(command[0], command)
