import datetime

import factory
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.tests.factories import StaffFactory, TeacherFactory, UserFactory  # noqa: F401 - re-exported
from contests.models import Category, ContestIndexPage, ContestPage, Entry, School, TeamMember


def root_page():
    """Wagtail's root page (transactional tests flush the one the migrations made)."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code="pl")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def make_index(parent=None):
    parent = parent or root_page()
    index = ContestIndexPage.objects.child_of(parent).first()
    if index is None:
        index = ContestIndexPage(title="Konkursy", slug="konkursy")
        parent.add_child(instance=index)
    return index


def make_contest(*, parent=None, title="Kręci Mnie Mój Zawód", opens=None, closes=None, grace=0, **category):
    now = timezone.now()
    index = make_index(parent)
    contest = ContestPage(
        title=title,
        slug=f"contest-{ContestPage.objects.count() + 1}",
        submissions_open_at=opens or now - datetime.timedelta(days=1),
        submissions_close_at=closes or now + datetime.timedelta(days=7),
        grace_period_minutes=grace,
        results_published_at=(closes or now + datetime.timedelta(days=7)) + datetime.timedelta(days=30),
    )
    defaults = {
        "name": "Szkoły ponadpodstawowe",
        "team_min": 1,
        "team_max": 5,
        "min_duration_seconds": 0,
        "max_duration_seconds": 10,
        "min_height": 720,
        "max_file_size_mb": 50,
    }
    contest.categories.add(Category(**{**defaults, **category}))
    index.add_child(instance=contest)
    return contest


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Zespół Szkół nr {n} w Zgierzu")
    rspo = factory.Sequence(lambda n: str(100000 + n))
    municipality = "Zgierz"
    county = "1020"
    voivodeship = "10"

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.add(*extracted)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    contest = factory.LazyFunction(make_contest)
    category = factory.LazyAttribute(lambda entry: entry.contest.categories.first())
    school = factory.SubFactory(SchoolFactory)
    title = "Mechatronik — zawód przyszłości"
    profession = "technik mechatronik"
    rules_accepted = True
    rights_declared = True


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    entry = factory.SubFactory(EntryFactory)
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Kowalski{n}")
    class_name = "3TM"
    is_13_or_older = True
