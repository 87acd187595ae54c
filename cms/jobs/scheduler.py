"""Periodic work: every app registers ``(task, interval_seconds)`` pairs under ``PERIODIC_TASKS``.

``manage.py run_scheduler`` (started by ``make run``; in production one process beside the
workers) wakes up every few seconds and enqueues each task that is due; the task workers run it.
Slots are claimed with ``cache.add`` on the shared cache, so several schedulers never enqueue the
same slot twice. Periodic tasks take no arguments and must be safe to run twice.
"""

import time

from django.core.cache import cache
from wagtail import hooks

from cms.hooks import PERIODIC_TASKS


def periodic_tasks():
    return [pair for fn in hooks.get_hooks(PERIODIC_TASKS) for pair in fn()]


def enqueue_due(*, now=None):
    """Enqueue every periodic task whose current slot has not been claimed yet; returns their names."""
    now = time.time() if now is None else now
    enqueued = []
    for task, interval in periodic_tasks():
        slot = int(now // interval)
        key = f"edufest:periodic:{task.module_path}:{task.queue_name}:{interval}:{slot}"
        if cache.add(key, 1, timeout=interval * 2):
            task.enqueue()
            enqueued.append(task.module_path)
    return enqueued
