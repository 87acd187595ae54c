import pytest
from django.db import IntegrityError

from events.fairs.models import Application, StandPage
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    StandPageFactory,
    StandWorkshopFactory,
    exhibitor_person,
)

pytestmark = pytest.mark.django_db


def test_an_exhibitor_applies_once_to_a_call():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError):
        ApplicationFactory(call=application.call, exhibitor=application.exhibitor)


def test_a_stand_page_lives_under_its_fair_with_its_workshops():
    workshop = StandWorkshopFactory()
    page = StandPage.objects.get(pk=workshop.page.pk)
    assert page.live
    assert page.get_parent().specific == page.stand.event
    assert [w.title for w in page.workshops.all()] == [workshop.title]


def test_an_exhibitor_person_has_the_role_and_the_institution():
    application = ApplicationFactory(status=Application.Status.SUBMITTED)
    person = exhibitor_person(application.exhibitor)
    assert list(person.exhibitors.all()) == [application.exhibitor]
    assert person.groups.filter(name="Exhibitor").exists()
    assert ExhibitorCallFactory().event.zones.count() == 2
    assert StandPageFactory().stand.event.kind == "fair"
