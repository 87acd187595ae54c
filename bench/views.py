"""Baselines of `make bench`: the framework's own limit on the same server, same run.

Mounted under /bench/ only when the ``EDUFEST_BENCH_VIEWS`` setting is on (never by default); the
benchmark script turns it on for its own gunicorn and nowhere else.
"""

from django.db import connection, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

TABLE = "bench_row"  # created by bench/run.py in the bench database only, never by a migration


def bare(request):
    """A bare Django view: the ceiling of any page served by the same stack."""
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def bare_insert(request):
    """One row inserted in a transaction on the same database: the ceiling of any write."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (created_at, payload) VALUES (now(), %s)", [request.body[:200]])  # noqa: S608
    return HttpResponse("ok", status=201, content_type="text/plain")
