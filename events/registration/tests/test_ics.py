"""The registrant's .ics follows the chosen sessions; a cancellation mail carries METHOD:CANCEL.

Each file is read back by two parsers: the icalendar package and libical's validator.
"""

import datetime

import pytest
from django.core import mail as django_mail
from icalendar import Calendar

from cms.outbox import delivery
from cms.outbox.models import OutgoingEmail
from events.calendars.tests.checks import libical_errors
from events.registration import services
from events.registration.calendar_file import registration_ics

from .factories import SessionFactory, TicketTypeFactory, make_event, register

pytestmark = pytest.mark.django_db

WARSAW = datetime.timezone(datetime.timedelta(hours=2))  # CEST, September


def two_day_festival():
    return make_event(
        title="Festiwal Zawodów Opolskie",
        starts_at=datetime.datetime(2027, 9, 15, 9, tzinfo=WARSAW),
        ends_at=datetime.datetime(2027, 9, 16, 16, tzinfo=WARSAW),
    )


def deliver_all():
    for pk in OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True):
        delivery.deliver_email(email_id=pk)


def test_a_one_day_session_ticket_is_a_one_day_calendar_entry(settings):
    settings.SITE_URL = "https://edufest.example.org"
    event = two_day_festival()
    day2 = SessionFactory(
        page=event,
        title="Dzień 2: targi",
        starts_at=datetime.datetime(2027, 9, 16, 10, tzinfo=WARSAW),
        ends_at=datetime.datetime(2027, 9, 16, 13, 30, tzinfo=WARSAW),
        room="Hala B",
    )
    SessionFactory(page=event, title="Dzień 1: warsztaty", starts_at=event.starts_at)
    ticket_type = TicketTypeFactory(event=event)
    ticket_type.sessions.set(event.sessions.all())
    ticket_type.save()  # sessions of a ticket type are kept with the page (ParentalManyToMany)
    registration = register(ticket_type, 0, sessions=[day2])

    ics = registration_ics(registration)

    assert libical_errors(ics) == []
    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "PUBLISH"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}-session-{day2.pk}@edufest.example.org"
    assert str(vevent["SUMMARY"]) == "Festiwal Zawodów Opolskie: Dzień 2: targi"
    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 9, 16, 10, tzinfo=WARSAW)
    assert vevent.decoded("DTEND") == datetime.datetime(2027, 9, 16, 13, 30, tzinfo=WARSAW)
    assert str(vevent["LOCATION"]) == "Hala B, Centrum Wystawiennicze, ul. Wrocławska 1, 45-001 Opole"
    assert b"DTSTART;TZID=Europe/Warsaw:20270916T100000\r\n" in ics


def test_a_ticket_without_sessions_is_the_whole_event():
    event = two_day_festival()
    registration = register(TicketTypeFactory(event=event), 0)

    [vevent] = Calendar.from_ical(registration_ics(registration)).walk("VEVENT")

    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 9, 15, 9, tzinfo=WARSAW)
    assert vevent.decoded("DTEND") == datetime.datetime(2027, 9, 16, 16, tzinfo=WARSAW)


def test_the_confirmation_mail_and_the_ticket_page_carry_the_sessions_ics(client):
    event = two_day_festival()
    day1 = SessionFactory(
        page=event,
        title="Dzień 1: warsztaty",
        starts_at=datetime.datetime(2027, 9, 15, 9, tzinfo=WARSAW),
        ends_at=datetime.datetime(2027, 9, 15, 12, tzinfo=WARSAW),
    )
    ticket_type = TicketTypeFactory(event=event)
    ticket_type.sessions.add(day1)
    ticket_type.save()  # sessions of a ticket type are kept with the page (ParentalManyToMany)
    registration = register(ticket_type, 0, sessions=[day1])

    deliver_all()
    [sent] = django_mail.outbox
    name, content, mimetype = sent.attachments[0]
    from_page = client.get(f"/bilet/{registration.ticket.secret}/wydarzenie.ics").content

    assert (name, mimetype) == ("wydarzenie.ics", "text/calendar; method=PUBLISH")
    for ics in (content.encode(), from_page):
        [vevent] = Calendar.from_ical(ics).walk("VEVENT")
        assert vevent.decoded("DTSTART") == datetime.datetime(2027, 9, 15, 9, tzinfo=WARSAW)
        assert vevent.decoded("DTEND") == datetime.datetime(2027, 9, 15, 12, tzinfo=WARSAW)


def test_the_cancellation_mail_carries_a_method_cancel_entry_for_the_same_uid():
    event = two_day_festival()
    registration = register(TicketTypeFactory(event=event), 0, name="Jan Kowalski", email="jan@example.org")
    deliver_all()
    [confirmation] = django_mail.outbox
    [published] = Calendar.from_ical(confirmation.attachments[0][1]).walk("VEVENT")

    services.cancel(registration=registration)
    deliver_all()

    cancellation = django_mail.outbox[1]
    [(name, content, mimetype)] = cancellation.attachments
    assert (name, mimetype) == ("anulowanie.ics", "text/calendar; method=CANCEL")
    assert libical_errors(content.encode()) == []
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "CANCEL"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["UID"] == published["UID"]
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == published["SEQUENCE"] + 1
    assert vevent["ATTENDEE"] == "mailto:jan@example.org"
    assert vevent["ATTENDEE"].params["CN"] == "Jan Kowalski"
    message = cancellation.message().as_string()
    assert 'Content-Type: text/calendar; method="CANCEL"; charset="utf-8"' in message
