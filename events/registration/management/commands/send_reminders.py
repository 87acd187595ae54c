"""Queue the reminder mails that are due; run it from cron or a scheduled worker (e.g. every 15 min)."""

from django.core.management.base import BaseCommand

from events.registration import services


class Command(BaseCommand):
    help = "Queue reminders for confirmed registrations whose event starts within EDUFEST_REMINDER_HOURS."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=None, help="Override EDUFEST_REMINDER_HOURS.")

    def handle(self, *args, hours=None, **options):
        sent = services.send_due_reminders(hours=hours)
        self.stdout.write(f"{sent} reminder(s) queued.")
