"""Mail an account its one-time link to add the first authenticator, and print it (a new server's
first administrator has nobody to send it from the admin)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.accounts import services


class Command(BaseCommand):
    help = "Send (and print) a one-time link that lets the account add its first authenticator."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {email}.")
        url = services.issue_mfa_enrolment_link(user=user)
        self.stdout.write(url)
