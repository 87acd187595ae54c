"""Helpers of the tests that run real processes (crash, backup): own PostgreSQL databases, free
ports, the environment a spawned ``manage.py`` or gunicorn needs, and pause points (cms/jobs/pause.py)."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from django.db import connection, connections

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent


def _admin_connection():
    params = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        autocommit=True,
    )


def database_url(name):
    params = connection.settings_dict
    credentials = params["USER"] or ""
    if params["PASSWORD"]:
        credentials += f":{params['PASSWORD']}"
    return f"postgres://{credentials}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"


def create_database(name, *, template=None):
    """``CREATE DATABASE`` (a copy of ``template`` if given: seconds instead of a full migrate)."""
    with _admin_connection() as admin:
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        try:
            admin.execute(sql)
        except psycopg.errors.ObjectInUse:
            # A connection left open on the template by an earlier test of this process.
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [template]
            )
            time.sleep(0.5)
            admin.execute(sql)


def drop_database(name, *, wait=True):
    """``DROP DATABASE``; it waits for a checkpoint (seconds on a busy server), so ``wait=False``
    leaves it to a detached process and the test goes on."""
    sql = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    if wait:
        with _admin_connection() as admin:
            admin.execute(sql)
        return
    params = connection.settings_dict
    code = (
        "import psycopg, sys\n"
        "with psycopg.connect(dbname='postgres', user=sys.argv[1] or None, host=sys.argv[2] or None,"
        " port=sys.argv[3] or None, autocommit=True) as admin:\n"
        "    admin.execute(sys.argv[4])\n"
    )
    subprocess.Popen(
        [PYTHON, "-c", code, params["USER"] or "", params["HOST"] or "", str(params["PORT"] or ""), sql],
        env={**os.environ, "PGPASSWORD": params["PASSWORD"] or ""},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@contextlib.contextmanager
def own_database(django_db_blocker, *, suffix, template=True):
    """A new database (a copy of the migrated test database, or empty), used by this process's
    default connection inside the block and dropped afterwards; yields its name."""
    with django_db_blocker.unblock():
        source = connection.settings_dict["NAME"]
        name = f"{source}_{suffix}_{secrets.token_hex(3)}"
        connections.close_all()
        create_database(name, template=source if template else None)
        connection.settings_dict["NAME"] = name
        try:
            yield name
        finally:
            connections.close_all()
            connection.settings_dict["NAME"] = source
            drop_database(name, wait=False)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_env(database, tmp_path, **extra):
    """Environment of a spawned web or worker process: development settings on ``database``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": database_url(database),
        "EDUFEST_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "var" / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "var" / "private"),
        "EMAIL_URL": f"file://{tmp_path / 'mail'}",
        "CACHE_URL": "locmem://",
        "EDUFEST_API_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def spawn(args, *, env, log):
    """Start a process in its own process group; output goes to ``log``."""
    handle = open(log, "ab")  # closed by stop()
    process = subprocess.Popen(
        args, cwd=BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.log_handle = handle
    process.log_path = log
    return process


def stop(process):
    """End a process we started (and its children, e.g. gunicorn's workers) and wait for it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    process.log_handle.close()


def children(pid):
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def wait_for(condition, *, timeout, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")


class PausePoint:
    """Holds the advisory lock of a pause point (cms/jobs/pause.py) in its own session, so that a process
    reaching that point waits there until ``release()``."""

    def __init__(self, database, name):
        self.name = name
        self.session = psycopg.connect(database_url(database), autocommit=True)
        self.session.execute("SELECT pg_advisory_lock(hashtext(%s))", [f"edufest:pause:{name}"])

    def waiting_backend(self, timeout=30):
        """The server pid of the session waiting at the point, once one is."""

        def waiting():
            row = self.session.execute(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ).fetchone()
            return row and row[0]

        return wait_for(waiting, timeout=timeout, message=f"a process to reach {self.name}")

    def backend_gone(self, pid, timeout=15):
        wait_for(
            lambda: (
                not self.session.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
            ),
            timeout=timeout,
            message=f"server process {pid} to roll back and end",
        )

    def release(self):
        if not self.session.closed:
            self.session.execute("SELECT pg_advisory_unlock_all()")

    def close(self):
        self.session.close()
