import datetime

from django.core.management.base import BaseCommand, CommandError

from cms.retention.services import apply_retention, count_due


class Command(BaseCommand):
    help = "Anonymise or delete the personal data whose retention period has passed (or, with --dry-run, count it)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what is due, change nothing")
        parser.add_argument("--now", help="the moment to apply the periods at (ISO 8601 with a time zone)")

    def handle(self, *args, **options):
        now = None
        if options["now"]:
            try:
                now = datetime.datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(f"--now: {exc}") from exc
            if now.tzinfo is None:
                raise CommandError("--now needs a time zone, e.g. 2027-06-01T12:00+02:00")
        if options["dry_run"]:
            for kind, count in count_due(now=now).items():
                self.stdout.write(f"{kind}: {count} due")
            return
        for run in apply_retention(now=now):
            state = "complete" if run.complete else "more left for the next run"
            error = f", error {run.error}" if run.error else ""
            self.stdout.write(f"{run.kind}: {run.processed} {run.action} ({state}{error})")
