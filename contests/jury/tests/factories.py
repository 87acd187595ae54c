import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.accounts import roles
from cms.demo import ensure_home
from cms.tests.factories import MFAUserFactory
from contests.jury.models import Assignment, Criterion, JurorProfile, Round, Score
from contests.models import Category, ContestIndexPage, ContestPage, Entry, School, TeamMember


class JurorFactory(MFAUserFactory):
    first_name = "Jan"
    last_name = "Sędzia"
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: create and user.groups.add(Group.objects.get(name=roles.JUROR))
    )


class JurorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JurorProfile

    user = factory.SubFactory(JurorFactory)


def contest_index():
    index = ContestIndexPage.objects.first()
    if index is None:
        index = ContestIndexPage(title="Konkursy", slug="konkursy")
        ensure_home().add_child(instance=index)
    return index


def make_contest(title="Kręci Mnie Mój Zawód", categories=("Szkoły podstawowe",), **fields):
    now = timezone.now()
    contest = ContestPage(
        title=title,
        slug=fields.pop("slug", None) or f"konkurs-{ContestPage.objects.count() + 1}",
        submissions_open_at=now - datetime.timedelta(days=60),
        submissions_close_at=now - datetime.timedelta(days=30),
        **fields,
    )
    contest_index().add_child(instance=contest)
    for position, name in enumerate(categories):
        Category.objects.create(contest=contest, name=name, sort_order=position)
    return contest


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Szkoła Podstawowa nr {n + 1} w Opolu")
    municipality = factory.Sequence(lambda n: f"Gmina {n + 1}")
    county = ""


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    contest = factory.LazyFunction(make_contest)
    category = factory.LazyAttribute(lambda entry: entry.contest.categories.first())
    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Film o zawodzie {n + 1}")
    profession = "piekarz"
    status = Entry.Status.ACCEPTED


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    entry = factory.SubFactory(EntryFactory)
    first_name = "Zuzanna"
    last_name = factory.Sequence(lambda n: f"Kowalczyk{n}")
    class_name = "7B"


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    contest = factory.LazyFunction(make_contest)
    name = "Ocena"
    kind = Round.Kind.SCORING
    order = 1


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Kryterium {n + 1}")
    weight = Decimal(1)
    scale_min = Decimal(0)
    scale_max = Decimal(10)
    sort_order = factory.Sequence(lambda n: n)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    round = factory.SubFactory(RoundFactory)
    juror = factory.SubFactory(JurorFactory)
    entry = factory.SubFactory(EntryFactory)


def submit_sheet(assignment, values, when=None):
    """A submitted sheet with ``values`` in criterion order (a test shortcut for fixed scores)."""
    for criterion, value in zip(assignment.round.criteria.order_by("sort_order"), values, strict=True):
        Score.objects.create(assignment=assignment, criterion=criterion, value=Decimal(value))
    assignment.submitted_at = when or timezone.now()
    assignment.save(update_fields=["submitted_at"])
    return assignment
