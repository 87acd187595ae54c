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
    """Database, cache and (with the database task queue) the liveness of every queue's worker; 503
    if any fails, naming the queues whose worker is down."""
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
            queues = monitoring.queue_statuses()
        except Exception as exc:  # noqa: BLE001
            checks["worker"] = f"error: {type(exc).__name__}"
        else:
            body["worker"] = worker.as_json()
            body["queues"] = {
                name: {"status": "ok" if status.alive else f"error: {status.problem}", **status.as_json()}
                for name, status in queues.items()
            }
            down = [f"{status.problem} (queue {name})" for name, status in queues.items() if not status.alive]
            checks["worker"] = f"error: {'; '.join(down)}" if down else "ok"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **body}, status=200 if healthy else 503)
