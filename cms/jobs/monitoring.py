"""Reads for operations: worker liveness for ``/healthz`` and failed background tasks for staff.

A worker is alive when some task finished recently. The scheduler enqueues
``cms.jobs.tasks.worker_heartbeat`` every minute, so on a quiet site a live worker still finishes a
task a minute; when the worker (or the scheduler that feeds it) stops, the age of the last
finished task grows past ``EDUFEST_WORKER_STALE_SECONDS`` and ``/healthz`` answers 503.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.compat import Task
from django_tasks_db.models import DBTaskResult


def uses_database_queue():
    """Only the django-tasks-db backend has a separate worker; the immediate backend (tests) runs
    tasks inside the request and has nothing to watch."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


@dataclass(frozen=True)
class WorkerStatus:
    last_finished_at: object  # datetime or None
    age_seconds: int | None
    threshold_seconds: int
    queued: int

    @property
    def alive(self):
        return self.age_seconds is not None and self.age_seconds <= self.threshold_seconds

    def as_json(self):
        return {
            "last_task_finished_at": self.last_finished_at.isoformat() if self.last_finished_at else None,
            "age_seconds": self.age_seconds,
            "threshold_seconds": self.threshold_seconds,
            "tasks_waiting": self.queued,
        }


def worker_status(*, now=None):
    now = now or timezone.now()
    last = DBTaskResult.objects.finished().aggregate(last=Max("finished_at"))["last"]
    age = None if last is None else max(int((now - last).total_seconds()), 0)
    return WorkerStatus(
        last_finished_at=last,
        age_seconds=age,
        threshold_seconds=settings.EDUFEST_WORKER_STALE_SECONDS,
        queued=DBTaskResult.objects.ready().count(),
    )


def failed_tasks():
    """Failed task results, newest first (the page paginates; one query per page)."""
    return (
        DBTaskResult.objects.failed()
        .order_by("-finished_at")
        .only(
            "id",
            "task_path",
            "args_kwargs",
            "exception_class_path",
            "traceback",
            "finished_at",
            "enqueued_at",
        )
    )


PROJECT_TASK_PREFIXES = ("cms.", "events.", "contests.")


def retryable(result):
    """A failed task may be run again when it is one of ours and still exists: every task here
    loads its objects by id and calls one service that checks state first (house rule), so a
    second run after a failure does no harm. Tasks of other packages, or whose code is gone, are
    only shown."""
    if not result.task_path.startswith(PROJECT_TASK_PREFIXES):
        return False
    try:
        return isinstance(import_string(result.task_path), Task)
    except ImportError:
        return False
