"""Checks shared by the calendar tests: libical's validator, run under Debian's own Python."""

import subprocess
from pathlib import Path

import pytest

from tests import system

VALIDATOR = Path(__file__).with_name("validate_ics.py")


def libical_errors(ics: bytes) -> list[str]:
    """The ``X-LIC-ERROR`` lines libical's ``check_restrictions()`` adds to ``ics`` (empty: valid).

    Without the bindings the test is skipped (fails under CI=true): see ``tests/system.py``."""
    system.require_libical()
    result = subprocess.run(
        [system.SYSTEM_PYTHON, str(VALIDATOR)], input=ics, capture_output=True, timeout=60, check=False
    )
    if result.returncode not in (0, 1):
        pytest.fail(f"validator crashed: {result.stderr.decode()}")
    return result.stdout.decode().splitlines()
