"""tests/system.py: a test that needs a missing system part is skipped with what to install, and
fails under CI=true (what .ci/run sets), where every test must run."""

import pytest
from django.db import connection

from tests import system


def test_a_missing_part_skips_the_test_with_the_package_to_install(monkeypatch):
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception) as skipped:
        system.missing(system.NEEDS_LIBICAL)

    assert str(skipped.value) == (
        f"needs libical's GObject bindings for {system.SYSTEM_PYTHON}: apt-get install gir1.2-ical-3.0 python3-gi"
    )


def test_a_missing_part_fails_the_test_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception) as failed:
        system.missing(system.NEEDS_CHROMIUM)

    assert str(failed.value) == f"{system.NEEDS_CHROMIUM} (CI=true: every test must run)"


def test_libical_probe_answers_no_for_an_interpreter_that_is_not_there():
    assert system.has_libical("/nonexistent/python3") is False


def test_libical_probe_answers_no_for_a_python_without_the_bindings(tmp_path):
    python = tmp_path / "python3"
    python.write_text("#!/bin/sh\nexit 1\n")
    python.chmod(0o755)

    assert system.has_libical(str(python)) is False


def test_postgresql_is_required_only_where_the_run_is_not_on_it(db, monkeypatch):
    monkeypatch.delenv("CI", raising=False)

    if connection.vendor == "postgresql":
        system.require_postgresql()  # CI: the marked tests run
    else:
        with pytest.raises(pytest.skip.Exception) as skipped:
            system.require_postgresql()
        assert str(skipped.value) == system.NEEDS_POSTGRESQL
        assert "DATABASE_URL=postgres://" in system.NEEDS_POSTGRESQL
