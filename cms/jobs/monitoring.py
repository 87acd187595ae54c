"""Reads for operations: worker liveness for ``/healthz`` and failed background tasks for staff.

A queue's worker is alive when some task of that queue finished recently. The scheduler enqueues
``cms.jobs.tasks.worker_heartbeat`` on every queue (``TASK_QUEUES``: default, mail, media) every minute,
so on a quiet site a live worker still finishes a task a minute; when a queue's worker (or the
scheduler that feeds them) stops, the age of that queue's last finished task grows past
``EDUFEST_WORKER_STALE_SECONDS`` and ``/healthz`` answers 503 naming the queue.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
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

    @property
    def problem(self):
        """Why the worker counts as down, or ``None`` while it is alive."""
        if self.alive:
            return None
        if self.last_finished_at is None:
            return "no background task has finished yet"
        return f"no background task finished for {self.age_seconds} s"

    def as_json(self):
        return {
            "last_task_finished_at": self.last_finished_at.isoformat() if self.last_finished_at else None,
            "age_seconds": self.age_seconds,
            "threshold_seconds": self.threshold_seconds,
            "tasks_waiting": self.queued,
        }


def _status(*, last, queued, now):
    age = None if last is None else max(int((now - last).total_seconds()), 0)
    return WorkerStatus(
        last_finished_at=last,
        age_seconds=age,
        threshold_seconds=settings.EDUFEST_WORKER_STALE_SECONDS,
        queued=queued,
    )


def worker_status(*, now=None):
    """All queues together: the last task finished on any of them and every task waiting."""
    now = now or timezone.now()
    last = DBTaskResult.objects.finished().aggregate(last=Max("finished_at"))["last"]
    return _status(last=last, queued=DBTaskResult.objects.ready().count(), now=now)


def watched_queues():
    """The queues the task backend serves (``TASK_QUEUES``; ``default`` alone when none are set)."""
    return list(settings.TASKS["default"].get("QUEUES") or ["default"])


def queue_statuses(*, now=None):
    """``{queue name: WorkerStatus}`` for every watched queue, in their order (two queries)."""
    now = now or timezone.now()
    queues = watched_queues()
    last = dict(
        DBTaskResult.objects.finished()
        .filter(queue_name__in=queues)
        .values("queue_name")
        .annotate(last=Max("finished_at"))
        .values_list("queue_name", "last")
        .order_by()
    )
    waiting = dict(
        DBTaskResult.objects.ready()
        .filter(queue_name__in=queues)
        .values("queue_name")
        .annotate(n=Count("id"))
        .values_list("queue_name", "n")
        .order_by()
    )
    return {name: _status(last=last.get(name), queued=waiting.get(name, 0), now=now) for name in queues}


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
