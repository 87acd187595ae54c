import pytest

from events.checkin.models import CheckInList
from events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _lists(event):
    return list(CheckInList.objects.filter(event=event).values_list("name", "day", "session", "zone"))


def test_a_published_event_that_takes_registrations_has_an_entrance_list():
    event = make_event(registration_enabled=True)
    assert _lists(event) == [("Wejście", None, None, None)]


def test_publishing_again_adds_no_second_list():
    event = make_event(registration_enabled=True)
    event.save_revision().publish()
    assert _lists(event) == [("Wejście", None, None, None)]


def test_an_event_without_registration_gets_no_list():
    event = make_event(registration_enabled=False)
    assert _lists(event) == []
