"""Text in another language than the page is marked ``lang`` (WCAG 3.1.2): the Polish names in the
Edubus and contest items of the English calendar, the Polish event and session titles in an
English registrant's mail (issue 14)."""

import datetime

import pytest
from django.core import mail as django_mail
from django.template import Context, Template
from django.utils import timezone, translation

from cms.outbox import delivery
from cms.outbox.models import OutgoingEmail
from contests.tests.factories import make_contest
from contests.wagtail_hooks import contest_calendar_items
from events.calendars.ical import event_item
from events.edubus.feeds import calendar_items as edubus_calendar_items
from events.edubus.tests.factories import StopFactory
from events.registration.tests.factories import SessionFactory, TicketTypeFactory, register

pytestmark = pytest.mark.django_db

CALENDAR_TITLE = Template("{% load calendar_tags %}{{ item|calendar_title:LANGUAGE_CODE }}")


def title(item, language):
    return CALENDAR_TITLE.render(Context({"item": item, "LANGUAGE_CODE": language}))


def test_an_edubus_stop_marks_its_polish_place_on_the_english_calendar_only():
    StopFactory(place_name="Szkoła Podstawowa nr 1", municipality="Nysa")

    with translation.override("en"):
        [item] = edubus_calendar_items()

    assert (item.title, item.language, item.whole_title_lang) == (
        "Edubus: Szkoła Podstawowa nr 1, Nysa",
        "pl",
        "",
    )
    assert title(item, "en") == 'Edubus: <span lang="pl">Szkoła Podstawowa nr 1, Nysa</span>'
    assert title(item, "pl") == "Edubus: Szkoła Podstawowa nr 1, Nysa"


def test_a_closed_edubus_visit_marks_only_the_town_in_its_english_label():
    StopFactory(municipality="Głuchołazy", is_public=False)

    with translation.override("en"):
        [item] = edubus_calendar_items()

    assert title(item, "en") == 'Edubus in <span lang="pl">Głuchołazy</span> (closed visit)'


def test_contest_deadline_and_results_mark_the_polish_contest_title():
    make_contest(title="Kręci Mnie Mój Zawód")

    with translation.override("en"):
        items = list(contest_calendar_items())

    assert [title(item, "en") for item in items] == [
        'Submission deadline: <span lang="pl">Kręci Mnie Mój Zawód</span>',
        'Results: <span lang="pl">Kręci Mnie Mój Zawód</span>',
    ]
    with translation.override("pl"):
        assert [title(item, "pl") for item in contest_calendar_items()] == [
            "Termin zgłoszeń: Kręci Mnie Mój Zawód",
            "Wyniki: Kręci Mnie Mój Zawód",
        ]


def test_an_event_item_is_still_marked_on_its_link():
    ticket_type = TicketTypeFactory()

    item = event_item(ticket_type.event)

    assert (item.whole_title_lang, title(item, "en")) == ("pl", ticket_type.event.title)


def test_an_english_mail_marks_the_polish_event_and_session_titles():
    ticket_type = TicketTypeFactory(capacity=5)
    session = SessionFactory(
        page=ticket_type.event,
        title="Warsztat robotyki",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=1),
    )
    ticket_type.sessions.add(session)
    ticket_type.save()
    register(ticket_type, 1, language="en", sessions=[session.pk])
    register(ticket_type, 2, language="pl", sessions=[session.pk])

    for pk in OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True):
        delivery.deliver_email(email_id=pk)

    english, polish = (message.alternatives[0][0] for message in django_mail.outbox)
    event_title = ticket_type.event.title
    assert '<span lang="pl">Warsztat robotyki</span>' in english
    assert f'<h1 style="font-size: 1.4em;" lang="pl">{event_title}</h1>' in english
    assert f'your registration for <span lang="pl">{event_title}</span> is confirmed' in english
    assert "Warsztat robotyki" in polish
    assert 'lang="pl"' not in polish.split("<body", 1)[1]
    assert "Sesje: Warsztat robotyki (" in django_mail.outbox[1].body
