import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as LibraryDbWorker

from cms.jobs import workers


class Command(LibraryDbWorker):
    """django-tasks-db's worker with a heartbeat and recovery of tasks whose worker died.

    Replaces the library's command of the same name (``cms`` comes first in INSTALLED_APPS); see
    ``cms/jobs/workers.py`` for the lifecycle.
    """

    help = "Run a database task worker; tasks left running by a worker that died are queued again."

    def handle(self, *args, **options):
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent only restarts the child, which runs the tasks.
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        workers.beat(worker_id=worker_id)
        requeued, failed = workers.recover_stale_tasks()
        if requeued or failed:
            self.stdout.write(
                f"Recovered tasks of stopped workers: {len(requeued)} queued again, {len(failed)} failed"
            )
        heartbeat = workers.Heartbeat(worker_id=worker_id)
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
            workers.forget(worker_id=worker_id)
