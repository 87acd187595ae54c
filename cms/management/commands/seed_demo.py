from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks

from cms import demo
from cms.hooks import DEMO_LOGINS, SEED_DEMO
from cms.links import absolute_url


class Command(BaseCommand):
    help = "Create or complete the demo content (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            # The admin's password first: the other demo accounts (jurors, Edubus coordinator) share it.
            demo.ensure_admin(self.stdout)
            home = demo.seed(stdout=self.stdout)
            demo.ensure_edubus_coordinator()
            for seed_app in hooks.get_hooks(SEED_DEMO):
                seed_app(home=home, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Site: {absolute_url('/')}")
        self.stdout.write(
            "Demo logins (local use only; the password of var/admin-password.txt is generated once):"
        )
        for role, email, password, path in all_demo_logins():
            self.stdout.write(f"  {role}: {email} / {password}  ({absolute_url(path)})")


def all_demo_logins():
    """Every demo account the apps report through ``DEMO_LOGINS``: ``(role, email, password, path)``."""
    logins = list(demo.demo_logins())
    for app_logins in hooks.get_hooks(DEMO_LOGINS):
        logins.extend(app_logins())
    return logins
