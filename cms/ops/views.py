import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.jobs import monitoring


@never_cache
@require_GET
def healthz(request):
    """Database, cache and (with the database task queue) worker liveness; 503 if any fails."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        key = "healthz:probe"
        token = str(time.time())
        cache.set(key, token, 10)
        checks["cache"] = "ok" if cache.get(key) == token else "error: value not kept"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {type(exc).__name__}"
    body = {"checks": checks}
    if monitoring.uses_database_queue():
        try:
            worker = monitoring.worker_status()
        except Exception as exc:  # noqa: BLE001
            checks["worker"] = f"error: {type(exc).__name__}"
        else:
            body["worker"] = worker.as_json()
            if worker.alive:
                checks["worker"] = "ok"
            elif worker.last_finished_at is None:
                checks["worker"] = "error: no background task has finished yet"
            else:
                checks["worker"] = f"error: no background task finished for {worker.age_seconds} s"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **body}, status=200 if healthy else 503)
