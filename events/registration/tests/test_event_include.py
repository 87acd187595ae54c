import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from .factories import GroupTicketTypeFactory, TicketTypeFactory, make_event, make_teacher, register

pytestmark = pytest.mark.django_db


def render(event, user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    template = Template("{% load registration_tags %}{% event_registration event %}")
    return template.render(Context({"event": event, "request": request}))


def test_open_event_shows_places_and_both_ways_to_register():
    ticket_type = TicketTypeFactory(capacity=3)
    GroupTicketTypeFactory(event=ticket_type.event)

    anonymous = render(ticket_type.event)
    teacher = render(ticket_type.event, make_teacher())

    assert "3 miejsca wolne" in anonymous
    assert f"/zapisy/wydarzenie/{ticket_type.event_id}/" in anonymous
    assert "Nauczyciele: zaloguj się, aby zapisać klasę" in anonymous
    assert f"/zapisy/wydarzenie/{ticket_type.event_id}/klasa/" in teacher


def test_full_event_offers_the_waiting_list_and_later_window_its_date():
    ticket_type = TicketTypeFactory(capacity=1)
    register(ticket_type)
    opens = timezone.now() + datetime.timedelta(days=5)
    later = TicketTypeFactory(event=make_event(registration_opens_at=opens))

    assert "Zapisz się na listę rezerwową" in render(ticket_type.event)
    assert "Zapisy ruszają" in render(later.event)


def test_event_without_registration_shows_nothing():
    event = make_event(registration_enabled=False)

    assert render(event).strip() == ""
