"""Test-only pause points, so that a crash test can kill a process at a known moment.

A service calls ``pause_point("name")`` where a crash hurts most: rows written, transaction not yet
committed. It does nothing unless the setting ``EDUFEST_PAUSE_POINTS`` (environment variable of the
same name, comma-separated point names) lists the point; ``settings.production`` always empties
it. When listed, on PostgreSQL the call waits for the transaction-level advisory lock
``pg_advisory_xact_lock(hashtext('edufest:pause:<name>'))``: a test that holds that lock in its own
session keeps the process waiting exactly there (visible as an ungranted advisory lock in
``pg_locks``), kills it, then releases the lock. On other databases it does nothing.
"""

from django.conf import settings
from django.db import connection


def pause_point(name):
    if name not in getattr(settings, "EDUFEST_PAUSE_POINTS", ()):
        return
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"edufest:pause:{name}"])
