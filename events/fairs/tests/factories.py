"""Factories of the fairs: a call, an exhibitor with its person, applications, stand pages.

call = ExhibitorCallFactory()                                  # an open call of a new fair with 2 zones
application = ApplicationFactory(call=call, status="submitted") # a new exhibitor's, submitted
person = exhibitor_person(application.exhibitor)               # a signed-up account acting for it
page = StandPageFactory(stand=StandFactory(event=call.event))  # a live stand page under the fair
"""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.tests.factories import UserFactory
from events.fairs.models import (
    EXHIBITOR,
    Application,
    Exhibitor,
    ExhibitorCall,
    ExhibitorMember,
    InstitutionKind,
    StandPage,
    StandWorkshop,
)
from events.models import EventKind
from events.tests.factories import EventPageFactory, PageFactory, StandFactory, ZoneFactory


def make_fair(zones=2, **fields):
    """A published fair page with ``zones`` zones ("Strefa 1", …)."""
    fields.setdefault("kind", EventKind.FAIR)
    fair = EventPageFactory(**fields)
    for number in range(zones):
        ZoneFactory(page=fair, number=number + 1, name=f"Strefa {number + 1}", sort_order=number)
    return fair


class ExhibitorCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExhibitorCall

    event = factory.LazyFunction(make_fair)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    intro = "Zapraszamy uczelnie, instytuty i pracodawców."


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    name = factory.Sequence(lambda n: f"Politechnika Przykładowa {n}")
    kind = InstitutionKind.UNIVERSITY
    website = "https://example.org/"
    city = "Opole"


def exhibitor_person(exhibitor, **fields):
    """A verified account with the Exhibitor role acting for ``exhibitor``."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=EXHIBITOR))
    ExhibitorMember.objects.create(exhibitor=exhibitor, user=user)
    return user


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(ExhibitorCallFactory)
    exhibitor = factory.SubFactory(ExhibitorFactory)
    contact_name = "Ewa Wystawczyni"
    contact_email = factory.Sequence(lambda n: f"wystawca{n}@example.org")
    contact_phone = "+48 600 100 200"
    tables = 2
    power = True
    showcase = "Pokazy robotów i rekrutacja na studia inżynierskie."
    stand_staff = 2


class StandPageFactory(PageFactory):
    """A live stand page under the stand's fair page."""

    class Meta:
        model = StandPage

    stand = factory.SubFactory(StandFactory)
    title = factory.LazyAttribute(lambda page: page.stand.institution)
    slug = factory.Sequence(lambda n: f"stoisko-{n}")
    description = "Kierunki studiów, laboratoria i rekrutacja."

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or kwargs["stand"].event
        return super()._create(model_class, *args, parent=parent, **kwargs)


class StandWorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandWorkshop

    page = factory.SubFactory(StandPageFactory)
    title = factory.Sequence(lambda n: f"Warsztat {n + 1}")
    starts_at = factory.LazyAttribute(lambda workshop: workshop.page.stand.event.starts_at)
    ends_at = factory.LazyAttribute(lambda workshop: workshop.starts_at + datetime.timedelta(minutes=45))
