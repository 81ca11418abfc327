"""A gradebook database per course on a PostgreSQL server (``course hub db init``).

SQLite stays the default on one machine; on a hub, several graders, formgrader and parallel
autograde write at once, and SQLite takes one writer at a time. Each course gets its own
database and login role (``gradebook_<course>``, ``grader_<course>``) with a generated
password; the resulting URL goes into ``hub.yaml`` (root only) and the course folder's
``nbgrader_config.py`` (the course's graders only). Nobody else knows the password, and the
server asks for it on TCP connections, so a trainee cannot open a gradebook.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

DRIVER = "postgresql+psycopg"


def names(course: str) -> tuple[str, str]:
    """The (role, database) of ``course``: PostgreSQL identifiers without quoting needs."""
    safe = course.replace("-", "_")
    return f"grader_{safe}", f"gradebook_{safe}"


def create_database(admin_dsn: str, course: str, host: str = "127.0.0.1", port: int = 5432) -> str:
    """Create (or give a new password to) the role and create the database of ``course`` on
    the server ``admin_dsn`` reaches as a superuser (a libpq connection string or URL);
    return the SQLAlchemy URL graders connect with over TCP to ``host``:``port``."""
    import psycopg
    from psycopg import sql

    role, database = names(course)
    password = secrets.token_urlsafe(24)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not found:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(database), sql.Identifier(role)
                )
            )
        conn.execute(
            sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database))
        )
    return f"{DRIVER}://{role}:{quote(password, safe='')}@{host}:{port}/{database}"


def reachable(url: str) -> str | None:
    """None if the gradebook at SQLAlchemy ``url`` answers a query, else why not (English)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # OperationalError, ImportError of a driver, ...
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    finally:
        engine.dispose()
    return None
