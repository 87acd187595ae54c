import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms import roles


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


class TeacherFactory(UserFactory):
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: (
            create and user.groups.add(Group.objects.get(name=roles.SCHOOL_COORDINATOR))
        )
    )


class StaffFactory(UserFactory):
    is_staff = True
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: create and user.groups.add(Group.objects.get(name=roles.STAFF))
    )


def make_image(title="Zdjęcie testowe", size=(64, 48), colour="#0b4f8a"):
    """A real (tiny) PNG stored as a Wagtail image."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="test.png"))
    image.save()
    return image


def make_document(title="Regulamin festiwalu"):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title)
    document.file.save("regulamin.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return document


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_news(index, count, *, prefix="Wiadomość"):
    import datetime

    from cms.models import NewsPage

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
    import importlib

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page, Site

    Locale.objects.get_or_create(language_code="pl")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    importlib.import_module("cms.migrations.0002_roles").create_roles(apps, None)


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cms.OutgoingEmail"

    to = factory.Sequence(lambda n: [f"osoba{n}@example.org"])
    subject = factory.Sequence(lambda n: f"Potwierdzenie zapisu {n}")
    body_text = "Dziękujemy za zapis."
