from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks

from cms import demo
from cms.hooks import SEED_DEMO


class Command(BaseCommand):
    help = "Create or complete the demo content (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = demo.seed(stdout=self.stdout)
            for seed_app in hooks.get_hooks(SEED_DEMO):
                seed_app(home=home, stdout=self.stdout)
        _user, password = demo.ensure_admin(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Admin login: {demo.ADMIN_EMAIL} / {password}  (http://127.0.0.1:8000/admin/)")
