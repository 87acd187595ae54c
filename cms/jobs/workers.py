"""Task workers: heartbeats, and recovery of the tasks a dead worker left running.

django-tasks-db (0.13) marks a task ``RUNNING`` when a worker claims it (a committed update) and
runs it outside any lock; nothing ever looks at that row again. A worker killed in the middle of a
task (``kill -9``, OOM killer, power loss) therefore leaves it ``RUNNING`` for ever. Our
``manage.py db_worker`` (``cms/management/commands/db_worker.py``) wraps the library's command:

1. it writes a ``TaskWorker`` row before it claims its first task, and a thread refreshes
   ``last_seen`` every ``EDUFEST_WORKER_LOST_SECONDS / 4`` seconds, also while a long task runs;
2. at start and on every heartbeat it calls ``recover_stale_tasks``: a ``RUNNING`` task whose
   worker has no fresh heartbeat is set back to ``READY``, so a live worker runs it again. After
   ``MAX_ATTEMPTS`` lost workers the task is marked failed (``WorkerLost``) instead, so a task that
   kills its worker every time (e.g. out of memory) does not loop for ever.

A task can therefore run twice (the first run may have done part of its work before the kill), so
every task must be idempotent: each does its work in one transaction (rolled back by PostgreSQL
when the process dies) and checks state before acting (an outbox row is sent only while queued,
a reminder only while its registration is unmarked, a film is processed only while pending).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import TaskWorker

logger = logging.getLogger(__name__)

DEFAULT_STALE_SECONDS = 60
MAX_ATTEMPTS = 3
FORGET_AFTER = timedelta(days=1)


def enqueue_in_transaction(task, *args, **kwargs):
    """Queue ``task`` so that it exists exactly when the current transaction commits.

    With the database backend the task row is written inside the transaction: it commits or rolls
    back with the change, and no crash between commit and queueing can lose it (workers see it only
    after commit). Other backends (the immediate one of the tests) enqueue on commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None


class WorkerLost(Exception):
    """The worker running a task stopped without finishing it (recorded as the task's error)."""


def stale_seconds():
    return float(getattr(settings, "EDUFEST_WORKER_LOST_SECONDS", DEFAULT_STALE_SECONDS))


def heartbeat_interval():
    return max(stale_seconds() / 4, 0.25)


def beat(*, worker_id, now=None):
    """Register the worker or refresh its heartbeat."""
    now = now or timezone.now()
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now},
        create_defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": now,
            "last_seen": now,
        },
    )


def forget(*, worker_id):
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def recover_stale_tasks(*, now=None):
    """Queue again every running task whose worker stopped; returns ``(requeued ids, failed ids)``.

    A worker counts as alive while its heartbeat is younger than ``EDUFEST_WORKER_LOST_SECONDS``;
    a worker without any heartbeat row only during that time after it claimed the task. Rows are
    locked with SKIP LOCKED, so several workers recovering at once never handle one task twice.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=stale_seconds())
    requeued, failed = [], []
    with transaction.atomic():
        known = dict(TaskWorker.objects.values_list("worker_id", "last_seen"))
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True).order_by("started_at")
        for result in running:
            worker_id = result.worker_ids[-1] if result.worker_ids else None
            last_seen = known.get(worker_id)
            if last_seen is None:
                last_seen = result.started_at or result.enqueued_at
            if last_seen >= cutoff:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                result.traceback = (
                    f"{WorkerLost.__qualname__}: the worker stopped while running this task "
                    f"{len(result.worker_ids)} times (last: {worker_id}); not queued again.\n"
                )
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                failed.append(str(result.pk))
                logger.error(
                    "Task %s (%s) lost its worker %d times; marked failed",
                    result.pk,
                    result.task_path,
                    len(result.worker_ids),
                )
                continue
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            requeued.append(str(result.pk))
            logger.warning(
                "Task %s (%s) was running on worker %s, which stopped; queued again",
                result.pk,
                result.task_path,
                worker_id,
            )
        TaskWorker.objects.filter(last_seen__lt=now - FORGET_AFTER).delete()
    return requeued, failed


class Heartbeat(threading.Thread):
    """Refreshes the worker's heartbeat and recovers other workers' lost tasks, in the background."""

    def __init__(self, *, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(heartbeat_interval()):
            try:
                beat(worker_id=self.worker_id)
                recover_stale_tasks()
            except Exception:  # a missed beat is retried; the worker keeps running
                logger.exception("Heartbeat of worker %s failed", self.worker_id)
            finally:
                close_old_connections()
        connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=heartbeat_interval() + 5)
