"""Waiting-list promotion stops when registration closes or the event starts; the per-school cap;
the promoted registrant's mail offers to give the place up."""

import datetime

import pytest
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from events.registration import mails, services
from events.registration.models import Registration

from .factories import (
    GroupTicketTypeFactory,
    TicketTypeFactory,
    make_event,
    make_teacher,
    register,
    register_group,
)

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def full_with_one_waiting(**event_fields):
    ticket_type = TicketTypeFactory(capacity=1, event=make_event(**event_fields))
    first = register(ticket_type, 1)
    waiting = register(ticket_type, 2)
    assert (first.status, waiting.status) == (CONFIRMED, WAITLISTED)
    return ticket_type, first, waiting


def test_a_cancellation_after_registration_closed_promotes_nobody():
    ticket_type, first, waiting = full_with_one_waiting()
    event = ticket_type.event
    event.registration_closes_at = timezone.now() + datetime.timedelta(hours=1)
    event.save()

    services.cancel(registration=first, now=event.registration_closes_at + datetime.timedelta(minutes=1))

    waiting.refresh_from_db()
    assert (waiting.status, waiting.promoted_at) == (WAITLISTED, None)


def test_a_cancellation_once_the_event_has_started_promotes_nobody():
    ticket_type, first, waiting = full_with_one_waiting()

    services.cancel(registration=first, now=ticket_type.event.starts_at + datetime.timedelta(minutes=5))

    waiting.refresh_from_db()
    assert waiting.status == WAITLISTED


def test_a_capacity_change_after_the_start_promotes_nobody():
    ticket_type, _first, waiting = full_with_one_waiting()

    _ticket_type, promoted = services.change_capacity(
        ticket_type=ticket_type, capacity=5, now=ticket_type.event.starts_at + datetime.timedelta(minutes=1)
    )

    waiting.refresh_from_db()
    assert (promoted, waiting.status) == ([], WAITLISTED)


def test_while_registration_is_open_a_cancellation_still_promotes():
    _ticket_type, first, waiting = full_with_one_waiting()

    services.cancel(registration=first)

    waiting.refresh_from_db()
    assert waiting.status == CONFIRMED


def test_the_promoted_mail_offers_to_give_the_place_up(mailoutbox, django_capture_on_commit_callbacks):
    ticket_type, first, waiting = full_with_one_waiting()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first)

    promoted = [m for m in mailoutbox if m.to == [waiting.email]]
    assert [m.subject for m in promoted] == [f"Zwolniło się miejsce dla Ciebie: {ticket_type.event.title}"]
    cancel_url = mails.registration_links(Registration.objects.get(pk=waiting.pk))["cancel_url"]
    assert (
        "Jednak nie możesz przyjść? Zrezygnuj z miejsca jednym kliknięciem, a trafi ono do następnej "
        f"osoby z listy rezerwowej: {cancel_url}"
    ) in promoted[0].body
    html = promoted[0].alternatives[0][0]
    assert f'<a href="{cancel_url}">Zrezygnuj z miejsca</a>' in html


def school_ticket(cap=30):
    return GroupTicketTypeFactory(capacity=600, max_group_size=40, school_cap=cap)


def test_one_school_cannot_take_more_than_its_cap():
    ticket_type = school_ticket(cap=30)
    register_group(ticket_type, 1, pupils=18, adults=2, school_name="SP nr 5 w Opolu", school_rspo="5555")

    with pytest.raises(services.RegistrationError) as error:
        register_group(ticket_type, 2, pupils=10, adults=1, school_name="sp NR 5 w opolu")

    assert error.value.code == "school_cap"
    assert error.value.field == "pupils"
    assert str(error.value.message) == (
        "Jedna szkoła może zająć najwyżej 30 miejsc na ten bilet; Twoja szkoła ma już 20, "
        "więc można dodać jeszcze najwyżej 10."
    )
    assert Registration.objects.count() == 1
    fits = register_group(ticket_type, 3, pupils=9, adults=1, school_name="Inna nazwa", school_rspo="5555")
    assert fits.status == CONFIRMED


def test_the_cap_also_binds_one_teachers_account_under_other_school_names():
    teacher = make_teacher()
    ticket_type = school_ticket(cap=40)
    register_group(
        ticket_type, 1, pupils=30, adults=2, teacher=teacher, email=teacher.email, school_name="SP 1"
    )

    with pytest.raises(services.RegistrationError) as error:
        register_group(
            ticket_type, 2, pupils=8, adults=1, teacher=teacher, email=teacher.email, school_name="SP 2"
        )

    assert error.value.code == "school_cap"


def test_a_waiting_group_counts_towards_the_cap_and_a_cancelled_one_does_not():
    ticket_type = GroupTicketTypeFactory(capacity=20, max_group_size=40, school_cap=40)
    register_group(ticket_type, 1, pupils=18, adults=2, school_name="SP nr 7")  # 20 confirmed, full
    waiting = register_group(ticket_type, 2, pupils=14, adults=1, school_name="SP nr 7")  # 15 wait
    assert waiting.status == WAITLISTED

    with pytest.raises(services.RegistrationError):
        register_group(ticket_type, 3, pupils=5, adults=1, school_name="SP nr 7")  # 20 + 15 + 6 > 40

    services.cancel(registration=waiting)
    assert register_group(ticket_type, 4, pupils=5, adults=1, school_name="SP nr 7").status == WAITLISTED


def test_a_group_grows_only_within_the_school_cap():
    ticket_type = school_ticket(cap=30)
    group = register_group(ticket_type, 1, pupils=20, adults=2, school_name="SP nr 5")

    with pytest.raises(services.RegistrationError) as error:
        services.change_group_size(registration=group, pupils=28, adults=3)
    assert error.value.code == "school_cap"
    assert str(error.value.message) == (
        "Jedna szkoła może zająć najwyżej 30 miejsc na ten bilet, a jej pozostałe grupy mają 0, "
        "więc ta grupa może liczyć najwyżej 30 osób."
    )

    services.change_group_size(registration=group, pupils=27, adults=3)
    group.refresh_from_db()
    assert group.places == 30


def test_without_a_cap_one_account_may_take_many_places():
    teacher = make_teacher()
    ticket_type = GroupTicketTypeFactory(capacity=600, max_group_size=40)

    made = [
        register_group(ticket_type, n, pupils=35, adults=5, teacher=teacher, email=teacher.email)
        for n in range(3)
    ]

    assert [r.status for r in made] == [CONFIRMED] * 3


def test_an_unchanged_head_count_sends_no_mail():
    ticket_type = school_ticket()
    group = register_group(ticket_type, 1, pupils=20, adults=2)
    before = OutgoingEmail.objects.count()

    services.change_group_size(registration=group, pupils=20, adults=2)

    assert OutgoingEmail.objects.count() == before
