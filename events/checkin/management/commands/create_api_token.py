"""``manage.py create_api_token <username>``: a bearer token for the check-in API, printed last."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log
from wagtail.models import APIToken

from cms.accounts.auth import is_staff_member


class Command(BaseCommand):
    help = "Create an API token for a staff user; the token is printed as the last line (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's username or e-mail address")
        parser.add_argument("--name", default="check-in scanner", help="label of the token, e.g. the device")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            user = User.objects.filter(email__iexact=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not is_staff_member(user):
            self.stderr.write(f"Warning: {username} is not staff; the check-in API will answer 403.")
        token, plaintext = APIToken.create_token(user=user, name=name)
        log(token, "wagtail.apitoken.create", data={"source": "management_command"})
        self.stdout.write(f"Token {token.prefix}… for {user.get_username()} ({name}). It is shown only once:")
        self.stdout.write(plaintext)
