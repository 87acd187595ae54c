import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.calendars.ical import event_ics
from events.registration import services
from events.registration.models import Registration

from .factories import (
    GroupTicketTypeFactory,
    QuestionFactory,
    TicketTypeFactory,
    make_event,
    make_teacher,
    register,
    register_group,
)

pytestmark = pytest.mark.django_db


def form_data(tt, **extra):
    data = {
        "token": "token-1",
        "ticket_type": tt.pk,
        "name": "Jan Kowalski",
        "email": "jan@example.org",
        "privacy": "on",
    }
    data.update(extra)
    return data


def post(client, tt, **extra):
    return client.post(reverse("registration:register", args=[tt.event_id]), form_data(tt, **extra))


def errors(response):
    return [str(e) for field in response.context["form"].errors.values() for e in field]


def test_form_shows_places_and_privacy_notice(client):
    ticket_type = TicketTypeFactory(capacity=7)

    response = client.get(reverse("registration:register", args=[ticket_type.event_id]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "7 miejsc wolnych" in text
    assert "Klauzula informacyjna" in text


def test_individual_registers_and_sees_the_ticket(client, mailoutbox, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(capacity=5)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, ticket_type)

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("registration:accepted", args=[ticket_type.event_id])
    assert "Zgłoszenie przyjęte" in client.get(response.url).content.decode()
    page = client.get(reverse("registration:detail", args=[registration.cancel_token])).content.decode()
    assert 'data-status="confirmed"' in page
    assert "<svg" in page
    assert registration.privacy_notice_version == services.PRIVACY_NOTICE_VERSION
    assert registration.language == "pl"
    [mail] = mailoutbox
    assert mail.to == ["jan@example.org"]
    assert registration.cancel_token in mail.body
    names = [a[0] for a in mail.attachments]
    assert names == ["wydarzenie.ics", "bilet-qr.png"]
    calendar = Calendar.from_ical(mail.attachments[0][1])
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{ticket_type.event_id}@127.0.0.1"
    assert vevent.decoded("dtstart") == ticket_type.event.starts_at.replace(microsecond=0)
    assert "dtstamp" in vevent
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]


def test_all_day_event_ics_ends_the_day_after():
    starts = timezone.make_aware(datetime.datetime(2026, 9, 15, 0, 0))
    event = make_event(all_day=True, starts_at=starts, ends_at=starts + datetime.timedelta(days=2, hours=23))

    [vevent] = Calendar.from_ical(event_ics(event)).walk("VEVENT")

    assert vevent.decoded("dtstart") == datetime.date(2026, 9, 15)
    assert vevent.decoded("dtend") == datetime.date(2026, 9, 18)


def test_double_submit_makes_one_registration(client):
    ticket_type = TicketTypeFactory(capacity=5)

    first = post(client, ticket_type)
    second = post(client, ticket_type)

    assert Registration.objects.count() == 1
    assert first.url == second.url


def test_missing_consent_has_its_own_message_and_keeps_values(client):
    ticket_type = TicketTypeFactory()

    response = post(client, ticket_type, privacy="")

    assert response.status_code == 200
    assert errors(response) == ["Potwierdź, że zapoznałeś(-aś) się z klauzulą informacyjną."]
    assert 'value="Jan Kowalski"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_invalid_email_and_empty_name(client):
    ticket_type = TicketTypeFactory()

    response = post(client, ticket_type, email="jan@", name="")

    assert sorted(response.context["form"].errors) == ["email", "name"]
    assert Registration.objects.count() == 0


def test_full_event_without_waiting_list_says_so(client):
    ticket_type = TicketTypeFactory(capacity=1, waitlist_enabled=False)
    register(ticket_type, 5)

    response = post(client, ticket_type)

    assert errors(response) == ["Nie ma już wolnych miejsc, a ten bilet nie ma listy rezerwowej."]


def test_full_event_with_waiting_list_shows_position(client):
    ticket_type = TicketTypeFactory(capacity=1)
    register(ticket_type, 5)

    response = post(client, ticket_type, email="ewa@example.org")
    waiting = Registration.objects.get(email="ewa@example.org")
    page = client.get(reverse("registration:detail", args=[waiting.cancel_token])).content.decode()

    assert response.url == reverse("registration:accepted", args=[ticket_type.event_id])
    assert 'data-status="waitlisted"' in page
    assert "numerem 1 na liście rezerwowej" in page


def test_closed_and_not_yet_open_windows_show_their_message(client):
    now = timezone.now()
    closed = TicketTypeFactory(event=make_event(registration_closes_at=now - datetime.timedelta(hours=1)))
    later = TicketTypeFactory(event=make_event(registration_opens_at=now + datetime.timedelta(days=2)))

    closed_page = post(client, closed).content.decode()
    later_page = client.get(reverse("registration:register", args=[later.event_id])).content.decode()

    assert "Zapisy na to wydarzenie są zamknięte." in closed_page
    assert "Zapisy ruszają" in later_page
    assert Registration.objects.count() == 0


def test_a_registered_address_gets_the_answer_of_a_new_one_and_a_mail_saying_it_is_registered(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type = TicketTypeFactory()
    registered = register(ticket_type, 1, email="jan@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, ticket_type, token="other-token", email="Jan@Example.org")
        new = post(client, ticket_type, token="third-token", email="ewa@example.org")

    assert (again.status_code, again.url) == (new.status_code, new.url)
    assert again.url == reverse("registration:accepted", args=[ticket_type.event_id])
    page = client.get(again.url).content.decode()
    assert "Zgłoszenie przyjęte" in page
    assert "jan@example.org" not in page.lower()
    assert Registration.objects.filter(email__iexact="jan@example.org").count() == 1
    [already, confirmation] = mailoutbox
    assert (already.to, confirmation.to) == (["jan@example.org"], ["ewa@example.org"])
    assert already.subject == f"Jesteś już zapisany(-a): {ticket_type.event.title}"
    assert "Ten adres jest już zapisany, więc nie utworzyliśmy drugiego zgłoszenia." in already.body
    assert registered.ticket.secret in already.body
    assert registered.cancel_token in already.body
    assert already.attachments == []


def test_the_already_registered_mail_is_limited_like_a_resend(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    cache.clear()
    settings.EDUFEST_RESEND_LIMIT_PER_EMAIL = 2
    ticket_type = TicketTypeFactory()
    register(ticket_type, 1, email="jan@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [post(client, ticket_type, token=f"t{n}").url for n in range(4)]

    assert answers == [reverse("registration:accepted", args=[ticket_type.event_id])] * 4
    assert len(mailoutbox) == 2


def test_required_question_and_invalid_choice(client):
    ticket_type = TicketTypeFactory()
    QuestionFactory(event=ticket_type.event, required=True, label="Klasa")

    response = post(client, ticket_type)

    assert errors(response) == ["To pole jest wymagane."]


def test_invitation_code_errors(client):
    ticket_type = TicketTypeFactory(invitation_required=True)

    missing = post(client, ticket_type)
    wrong = post(client, ticket_type, invitation_code="ZLY-KOD")

    assert errors(missing) == ["Ta rejestracja wymaga kodu zaproszenia."]
    assert errors(wrong) == [
        "Ten kod zaproszenia nie jest ważny dla tego wydarzenia albo został już wykorzystany."
    ]


def test_unknown_event_and_bad_ticket_type_are_not_500(client):
    ticket_type = TicketTypeFactory()

    assert client.get(reverse("registration:register", args=[999999])).status_code == 404
    response = post(client, ticket_type, ticket_type="abc")
    assert response.status_code == 200
    assert "ticket_type" in response.context["form"].errors


def test_cancel_by_link_needs_a_post_and_promotes(client, mailoutbox, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(capacity=1)
    first = register(ticket_type, 1)
    waiting = register(ticket_type, 2)
    url = reverse("registration:cancel", args=[first.cancel_token])

    confirm = client.get(url)
    first.refresh_from_db()
    assert confirm.status_code == 200 and first.status == "confirmed"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.subject for m in mailoutbox) == sorted(
        [
            f"Zapis anulowany: {ticket_type.event.title}",
            f"Zwolniło się miejsce dla Ciebie: {ticket_type.event.title}",
        ]
    )
    assert client.get(reverse("registration:cancel", args=["nie-ma-takiego"])).status_code == 404


def group_data(ticket_type, **extra):
    data = {
        "token": "class-token",
        "ticket_type": ticket_type.pk,
        "name": "Maria Kowalska",
        "phone": "600 100 200",
        "school_name": "Publiczna Szkoła Podstawowa nr 5 w Opolu",
        "school_rspo": "12345",
        "school_municipality": "Opole",
        "school_county": "1661",
        "school_voivodeship": "16",
        "pupils": "24",
        "adults": "2",
        "privacy": "on",
    }
    data.update(extra)
    return data


def test_class_registration_needs_a_teacher(client):
    ticket_type = GroupTicketTypeFactory()
    url = reverse("registration:register_group", args=[ticket_type.event_id])

    assert client.get(url).status_code == 302

    client.force_login(get_user_model().objects.create_user("x", "x@example.org", "haslo-123456"))
    assert client.get(url).status_code == 403


def test_teacher_registers_a_class(client):
    teacher = make_teacher()
    ticket_type = GroupTicketTypeFactory(capacity=60, max_group_size=30)
    client.force_login(teacher)

    response = client.post(
        reverse("registration:register_group", args=[ticket_type.event_id]), group_data(ticket_type)
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.places, registration.teacher, registration.email) == (26, teacher, teacher.email)
    assert (registration.school_rspo, registration.school_county) == ("12345", "1661")


def test_oversize_class_and_bad_phone_have_their_messages(client):
    client.force_login(make_teacher())
    ticket_type = GroupTicketTypeFactory(max_group_size=25)

    response = client.post(
        reverse("registration:register_group", args=[ticket_type.event_id]),
        group_data(ticket_type, phone="abc", school_rspo="12a"),
    )

    form_errors = response.context["form"].errors
    assert form_errors["pupils"] == ["Grupa jest za duża: najwyżej 25 osób (uczniowie i opiekunowie razem)."]
    assert sorted(form_errors) == ["phone", "pupils", "school_rspo"]
    assert Registration.objects.count() == 0


def test_my_registrations_change_head_count_within_capacity(client):
    teacher = make_teacher()
    ticket_type = GroupTicketTypeFactory(capacity=30, max_group_size=30)
    group = register_group(ticket_type, 1, pupils=20, adults=2, teacher=teacher, email=teacher.email)
    register(ticket_type, 2, pupils=5, adults=1, school_name="SP 2")
    client.force_login(teacher)
    url = reverse("registration:change_size", args=[group.pk])

    listing = client.get(reverse("cms:school_area"))
    too_many = client.post(url, {f"r{group.pk}-pupils": "25", f"r{group.pk}-adults": "2"})
    fine = client.post(url, {f"r{group.pk}-pupils": "21", f"r{group.pk}-adults": "1"})

    assert ticket_type.event.title in listing.content.decode()
    assert too_many.status_code == 400
    assert "Wolnych jest jeszcze tylko 2 miejsc" in too_many.content.decode()
    assert fine.status_code == 302
    group.refresh_from_db()
    assert group.places == 22


def test_other_teachers_registration_is_not_editable(client):
    owner = make_teacher()
    group = register_group(GroupTicketTypeFactory(), 1, teacher=owner, email=owner.email)
    client.force_login(make_teacher("inna@example.org"))

    response = client.post(reverse("registration:change_size", args=[group.pk]), {})

    assert response.status_code == 404


def test_my_registrations_query_count_does_not_grow(client, django_assert_num_queries):
    teacher = make_teacher()
    client.force_login(teacher)
    ticket_type = GroupTicketTypeFactory(capacity=1000)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("cms:school_area"))
        return len(ctx.captured_queries)

    register_group(ticket_type, 1, teacher=teacher, email=teacher.email)
    count()  # warm the per-process caches (site, content types)
    few = count()
    for n in range(2, 6):
        register_group(ticket_type, n, teacher=teacher, email=teacher.email)
    assert count() == few


def test_links_in_the_mail_open_the_confirmation(client, mailoutbox, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, ticket_type)

    cancel_url = re.search(r"http://127\.0\.0\.1:8000(/zapisy/[^/\s]+/anuluj/)", mailoutbox[0].body).group(1)

    assert client.get(cancel_url).status_code == 200


def _resend(client, ticket_type, email, address="192.0.2.1"):
    response = Client().post(
        reverse("registration:resend", args=[ticket_type.event_id]),
        {"email": email, "ticket_type": ticket_type.pk},
        REMOTE_ADDR=address,
    )
    return response.status_code, [str(m) for m in get_messages(response.wsgi_request)]


SENT_AGAIN = ["Jeśli ten adres jest zapisany, bilet został na niego wysłany ponownie."]
TOO_MANY = ["Zbyt wiele próśb o ponowne wysłanie biletu; spróbuj ponownie za godzinę."]


def test_resend_is_limited_per_recipient_whoever_asks(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):

    cache.clear()
    settings.EDUFEST_RESEND_LIMIT_PER_EMAIL = 3
    settings.EDUFEST_RESEND_LIMIT_PER_CLIENT = 0
    ticket_type = TicketTypeFactory()
    register(ticket_type, 1, email="jan@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [_resend(client, ticket_type, "Jan@Example.org", f"192.0.2.{n}") for n in range(1, 151)]

    assert answers[:3] == [(302, SENT_AGAIN)] * 3
    assert answers[3:] == [(302, TOO_MANY)] * 147
    assert len(mailoutbox) == 3


def test_resend_limit_answers_the_same_for_an_address_that_is_not_registered(client, settings):
    cache.clear()
    settings.EDUFEST_RESEND_LIMIT_PER_EMAIL = 2
    settings.EDUFEST_RESEND_LIMIT_PER_CLIENT = 0
    ticket_type = TicketTypeFactory()
    register(ticket_type, 1, email="jan@example.org")

    registered = [_resend(client, ticket_type, "jan@example.org") for _ in range(3)]
    unknown = [_resend(client, ticket_type, "nikt@example.org") for _ in range(3)]

    assert registered == unknown == [(302, SENT_AGAIN), (302, SENT_AGAIN), (302, TOO_MANY)]


def test_resend_is_limited_per_client(client, settings, mailoutbox, django_capture_on_commit_callbacks):
    cache.clear()
    settings.EDUFEST_RESEND_LIMIT_PER_EMAIL = 0
    settings.EDUFEST_RESEND_LIMIT_PER_CLIENT = 2
    ticket_type = TicketTypeFactory()
    for n in range(4):
        register(ticket_type, 1, email=f"osoba{n}@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [_resend(client, ticket_type, f"osoba{n}@example.org") for n in range(4)]
        other_client = _resend(client, ticket_type, "osoba3@example.org", "198.51.100.7")

    assert answers == [(302, SENT_AGAIN), (302, SENT_AGAIN), (302, TOO_MANY), (302, TOO_MANY)]
    assert other_client == (302, SENT_AGAIN)
    assert [m.to for m in mailoutbox] == [
        ["osoba0@example.org"],
        ["osoba1@example.org"],
        ["osoba3@example.org"],
    ]
