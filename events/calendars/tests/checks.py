"""Checks shared by the calendar tests: libical's validator, run under Debian's own Python."""

import subprocess
from pathlib import Path

import pytest

VALIDATOR = Path(__file__).with_name("validate_ics.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def libical_errors(ics: bytes) -> list[str]:
    """The ``X-LIC-ERROR`` lines libical's ``check_restrictions()`` adds to ``ics`` (empty: valid)."""
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0')"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.fail("libical's GObject bindings are missing: apt-get install gir1.2-ical-3.0 python3-gi")
    result = subprocess.run(
        [SYSTEM_PYTHON, str(VALIDATOR)], input=ics, capture_output=True, timeout=60, check=False
    )
    if result.returncode not in (0, 1):
        pytest.fail(f"validator crashed: {result.stderr.decode()}")
    return result.stdout.decode().splitlines()
