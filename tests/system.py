"""What a test needs from the machine beyond Python: a missing part skips the test with one line
saying what to install, except under ``CI=true`` where every test must run and a missing part fails.

``.ci/run`` installs and starts all of them (Debian packages, PostgreSQL, Redis)."""

import functools
import os
import shutil
import subprocess

import pytest
from django.db import connection

CHROMIUM = os.environ.get("EDUFEST_CHROMIUM", "/usr/bin/chromium")
# Debian's own interpreter: the libical bindings of gir1.2-ical-3.0 live there, not in the virtualenv.
SYSTEM_PYTHON = os.environ.get("EDUFEST_SYSTEM_PYTHON", "/usr/bin/python3")

NEEDS_CHROMIUM = f"needs Chromium at {CHROMIUM}: apt-get install chromium"
NEEDS_LIBICAL = (
    f"needs libical's GObject bindings for {SYSTEM_PYTHON}: apt-get install gir1.2-ical-3.0 python3-gi"
)
NEEDS_POSTGRESQL = (
    "needs PostgreSQL: apt-get install postgresql, then "
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/edufest_test make test (or run .ci/run)"
)


def under_ci():
    return os.environ.get("CI", "").lower() == "true"


def missing(message):
    """Skip the running test because a system part is missing, or fail it under ``CI=true``."""
    if under_ci():
        pytest.fail(f"{message} (CI=true: every test must run)", pytrace=False)
    pytest.skip(message)


def has_chromium():
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@functools.cache
def has_libical(python=SYSTEM_PYTHON):
    """Whether ``python`` can load libical's ICalGLib 3.0 (asked once per test process)."""
    try:
        probe = subprocess.run(
            [python, "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return False
    return probe.returncode == 0


def has_postgresql():
    return connection.vendor == "postgresql"


def require_chromium():
    if not has_chromium():
        missing(NEEDS_CHROMIUM)


def require_libical():
    if not has_libical():
        missing(NEEDS_LIBICAL)


def require_postgresql():
    if not has_postgresql():
        missing(NEEDS_POSTGRESQL)
