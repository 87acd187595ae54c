import datetime
import functools
import importlib
import io
import time
import types

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from cms.accounts import roles
from cms.models import NewsPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Anna"
    last_name = "Nowak"
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def add_totp(user, secret=TEST_TOTP_SECRET):
    """A real allauth TOTP authenticator, as if the user had scanned the QR code: staff and jurors
    need one to pass ``cms.accounts.middleware.MFARequiredMiddleware``."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    return user


def current_totp_code(secret=TEST_TOTP_SECRET):
    """The code an authenticator app would show now for ``secret`` (for browser logins). allauth
    refuses a code twice, so the record of used codes (in the cache) is cleared first."""
    cache.clear()

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class MFAUserFactory(UserFactory):
    """A user with a TOTP authenticator unless created with ``mfa=False``."""

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if create and extracted is not False:
            add_totp(self)


class TeacherFactory(UserFactory):
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: (
            create and user.groups.add(Group.objects.get(name=roles.SCHOOL_COORDINATOR))
        )
    )


class StaffFactory(MFAUserFactory):
    is_staff = True
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: create and user.groups.add(Group.objects.get(name=roles.STAFF))
    )


def make_image(title="Zdjęcie testowe", size=(64, 48), colour="#0b4f8a"):
    """A real (tiny) PNG stored as a Wagtail image."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="test.png"))
    image.save()
    return image


def make_document(title="Regulamin festiwalu"):
    document = get_document_model()(title=title)
    document.file.save("regulamin.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return document


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_news(index, count, *, prefix="Wiadomość"):
    return [
        publish_child(
            index,
            NewsPage(
                title=f"{prefix} {number}",
                slug=f"{prefix.lower()}-{number}",
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
                lead=f"Zajawka {number}",
            ),
        )
        for number in range(1, count + 1)
    ]


def restore_base_data():
    """What migrations create and a transactional test's flush removes: the Wagtail root page and
    root collection, the role groups. Browser tests (live_server) call it before seeding."""
    Locale.objects.get_or_create(language_code="pl")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    importlib.import_module("cms.migrations.0002_roles").create_roles(apps, None)
    _regrant_role_permissions()


def _regrant_role_permissions():
    """Run again every data migration named ``*_permissions`` (each app grants its models to the
    Staff and Edubus coordinator groups that way), against the migrations' own model state."""
    state_apps, functions = _permission_migrations()
    for function in functions:
        function(state_apps, types.SimpleNamespace(connection=connection))


@functools.cache
def _permission_migrations():
    loader = MigrationLoader(connection)
    functions = [
        operation.code
        for key in sorted(loader.disk_migrations)
        if key[1].endswith("permissions")
        and type(loader.disk_migrations[key]).__module__.startswith(("cms.", "events.", "contests."))
        for operation in loader.disk_migrations[key].operations
        if isinstance(operation, RunPython)
    ]
    return loader.project_state().apps, functions


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cms.OutgoingEmail"

    to = factory.Sequence(lambda n: [f"osoba{n}@example.org"])
    subject = factory.Sequence(lambda n: f"Potwierdzenie zapisu {n}")
    body_text = "Dziękujemy za zapis."
