from django.core.management.base import BaseCommand

from cms.jobs import workers


class Command(BaseCommand):
    help = (
        "Queue again the tasks left running by task workers that stopped (no heartbeat for "
        "EDUFEST_WORKER_LOST_SECONDS). Every db_worker already does this at start and on each heartbeat."
    )

    def handle(self, *args, **options):
        requeued, failed = workers.recover_stale_tasks()
        self.stdout.write(f"{len(requeued)} queued again, {len(failed)} failed after too many lost workers")
