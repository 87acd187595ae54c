import time

from django.core.management.base import BaseCommand

from cms.jobs.scheduler import enqueue_due


class Command(BaseCommand):
    help = "Enqueue periodic tasks (reminders, outbox retries, retention) when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15.0, help="seconds between checks")
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args, **options):
        while True:
            for name in enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if options["once"]:
                return
            time.sleep(options["interval"])
