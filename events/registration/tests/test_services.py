import datetime

import pytest
from django.utils import timezone

from cms.jobs.scheduler import periodic_tasks
from events.registration import queries, services
from events.registration.models import Registration, Ticket
from events.registration.tasks import send_reminders

from .factories import (
    GroupTicketTypeFactory,
    InvitationCodeFactory,
    QuestionFactory,
    SessionFactory,
    TicketTypeFactory,
    make_event,
    register,
    register_group,
)

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def statuses(ticket_type):
    return list(
        Registration.objects.filter(ticket_type=ticket_type)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )


def test_capacity_is_filled_exactly_and_the_rest_waits():
    ticket_type = TicketTypeFactory(capacity=3)

    made = [register(ticket_type, n) for n in range(5)]

    assert [r.status for r in made] == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert Ticket.objects.filter(registration__ticket_type=ticket_type).count() == 3
    assert queries.places_taken(ticket_type.pk) == 3
    assert queries.waitlist_position(made[4]) == 2


def test_full_ticket_without_waiting_list_refuses():
    ticket_type = TicketTypeFactory(capacity=1, waitlist_enabled=False)
    register(ticket_type, 0)

    with pytest.raises(services.RegistrationError) as error:
        register(ticket_type, 1)

    assert error.value.code == "full"
    assert Registration.objects.count() == 1


def test_group_fits_whole_or_goes_to_the_waiting_list():
    ticket_type = GroupTicketTypeFactory(capacity=50, max_group_size=40)
    first = register_group(ticket_type, 1, pupils=25, adults=2)
    second = register_group(ticket_type, 2, pupils=22, adults=2)  # 24 > 23 left
    third = register_group(ticket_type, 3, pupils=20, adults=3)  # 23 fits exactly

    assert (first.status, second.status, third.status) == (CONFIRMED, WAITLISTED, CONFIRMED)
    assert queries.places_taken(ticket_type.pk) == 50
    assert second.places == 24


def test_group_larger_than_allowed_is_refused():
    ticket_type = GroupTicketTypeFactory(max_group_size=30)

    with pytest.raises(services.RegistrationError) as error:
        register_group(ticket_type, 1, pupils=29, adults=2)

    assert error.value.code == "group_too_large"
    assert str(error.value.message) == "Ta grupa jest większa, niż pozwala ten bilet (najwyżej 30 osób)."


def test_cancellation_frees_places_and_promotes_in_order_skipping_a_group_that_does_not_fit():
    ticket_type = GroupTicketTypeFactory(capacity=30, max_group_size=30)
    holder = register_group(ticket_type, 1, pupils=18, adults=2)  # 20 confirmed, 10 left
    big = register_group(ticket_type, 2, pupils=20, adults=2)  # 22 waits
    small = register_group(ticket_type, 3, pupils=12, adults=1)  # 13 waits
    smaller = register_group(ticket_type, 4, pupils=6, adults=1)  # 7 fits now
    assert (big.status, small.status, smaller.status) == (WAITLISTED, WAITLISTED, CONFIRMED)

    services.change_group_size(registration=holder, pupils=8, adults=2)  # frees 10 → 13 free

    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == (WAITLISTED, CONFIRMED)  # the group of 22 is skipped
    assert small.promoted_at is not None
    assert Ticket.objects.filter(registration=small).exists()

    services.cancel(registration=small)  # 13 free again: still not enough for 22
    big.refresh_from_db()
    assert big.status == WAITLISTED

    services.cancel(registration=holder)  # 10 + 13 = 23 free
    big.refresh_from_db()
    assert big.status == CONFIRMED
    assert queries.places_taken(ticket_type.pk) == 22 + 7


def test_promotion_is_first_come_first_served():
    ticket_type = TicketTypeFactory(capacity=1)
    first = register(ticket_type, 0)
    waiting = [register(ticket_type, n) for n in range(1, 4)]

    services.cancel(registration=first)

    assert statuses(ticket_type) == [CANCELLED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert [queries.waitlist_position(Registration.objects.get(pk=r.pk)) for r in waiting] == [None, 1, 2]


def test_cancelling_twice_changes_nothing():
    ticket_type = TicketTypeFactory(capacity=1)
    first = register(ticket_type, 0)
    services.cancel(registration=first)
    register(ticket_type, 1)

    again = services.cancel(registration=first)

    assert again.status == CANCELLED
    assert statuses(ticket_type) == [CANCELLED, CONFIRMED]


def test_change_capacity_promotes_and_cannot_go_below_confirmed():
    ticket_type = TicketTypeFactory(capacity=2)
    for n in range(5):
        register(ticket_type, n)

    services.change_capacity(ticket_type=ticket_type, capacity=4)

    assert statuses(ticket_type) == [CONFIRMED] * 4 + [WAITLISTED]
    with pytest.raises(services.RegistrationError) as error:
        services.change_capacity(ticket_type=ticket_type, capacity=3)
    assert error.value.code == "capacity_below_confirmed"


def test_group_grows_only_within_free_places():
    ticket_type = GroupTicketTypeFactory(capacity=30, max_group_size=30)
    group = register_group(ticket_type, 1, pupils=20, adults=2)
    register(ticket_type, 9, pupils=4, adults=1, school_name="SP 9")  # 27 taken, 3 free

    with pytest.raises(services.RegistrationError) as error:
        services.change_group_size(registration=group, pupils=24, adults=2)
    assert error.value.code == "full"
    assert (
        str(error.value.message)
        == "Wolnych jest jeszcze tylko 3 miejsc; o tyle najwyżej może się powiększyć grupa."
    )

    services.change_group_size(registration=group, pupils=23, adults=2)
    group.refresh_from_db()
    assert (group.pupils, group.adults, group.places) == (23, 2, 25)


def test_same_idempotency_key_returns_the_same_registration():
    ticket_type = TicketTypeFactory(capacity=5)

    first = register(ticket_type, 0, idempotency_key="form:abc")
    again = register(ticket_type, 0, idempotency_key="form:abc")

    assert again.pk == first.pk
    assert Registration.objects.count() == 1


def test_same_email_twice_for_a_ticket_type_is_a_duplicate():
    ticket_type = TicketTypeFactory(capacity=5)
    first = register(ticket_type, 0, email="Jan@Example.org")

    with pytest.raises(services.RegistrationError) as error:
        register(ticket_type, 1, email="jan@example.org")

    assert error.value.code == "duplicate"
    assert error.value.registration == first


def test_window_not_open_yet_and_closed():
    now = timezone.now()
    later = TicketTypeFactory(event=make_event(registration_opens_at=now + datetime.timedelta(days=1)))
    closed = TicketTypeFactory(event=make_event(registration_closes_at=now - datetime.timedelta(minutes=1)))
    off = TicketTypeFactory(event=make_event(registration_enabled=False))

    codes = []
    for ticket_type in (later, closed, off):
        with pytest.raises(services.RegistrationError) as error:
            register(ticket_type)
        codes.append(error.value.code)

    assert codes == ["not_open_yet", "closed", "closed"]


def test_invitation_code_required_and_used_up():
    ticket_type = TicketTypeFactory(invitation_required=True)
    code = InvitationCodeFactory(event=ticket_type.event, code="WZK-2026", max_uses=2)

    with pytest.raises(services.RegistrationError) as missing:
        register(ticket_type, 0)
    first = register(ticket_type, 1, invitation_code="wzk-2026")
    register(ticket_type, 2, invitation_code="WZK-2026")
    with pytest.raises(services.RegistrationError) as used_up:
        register(ticket_type, 3, invitation_code="WZK-2026")
    with pytest.raises(services.RegistrationError) as wrong:
        register(ticket_type, 4, invitation_code="NIEZNANY")

    assert (missing.value.code, used_up.value.code, wrong.value.code) == (
        "invitation_required",
        "invitation_invalid",
        "invitation_invalid",
    )
    assert first.invitation_code == code
    assert list(code.registrations.order_by("pk").values_list("email", flat=True)) == [
        "osoba1@example.org",
        "osoba2@example.org",
    ]


def test_session_with_own_capacity_is_respected():
    event = make_event()
    small = SessionFactory(page=event, capacity=2)
    open_session = SessionFactory(page=event)
    ticket_type = TicketTypeFactory(event=event, capacity=10)
    ticket_type.sessions.set([small, open_session])
    ticket_type.save()

    made = [register(ticket_type, n, sessions=[small, open_session]) for n in range(3)]
    other = register(ticket_type, 9, sessions=[open_session])

    assert [r.status for r in made] == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert other.status == CONFIRMED
    services.cancel(registration=made[0])
    made[2].refresh_from_db()
    assert made[2].status == CONFIRMED


def test_session_not_offered_is_refused():
    ticket_type = TicketTypeFactory()
    foreign = SessionFactory()

    with pytest.raises(services.RegistrationError) as error:
        register(ticket_type, sessions=[foreign])

    assert error.value.code == "session_invalid"


def test_required_and_choice_answers_are_checked_and_stored():
    ticket_type = TicketTypeFactory()
    required = QuestionFactory(event=ticket_type.event, required=True, label="Klasa")
    choice = QuestionFactory(event=ticket_type.event, kind="choice", choices="Tak\nNie", label="Dieta")

    with pytest.raises(services.RegistrationError) as error:
        register(ticket_type, 0, answers={choice.pk: "Może"})
    registration = register(ticket_type, 1, answers={required.pk: "3b", str(choice.pk): "Tak"})

    assert set(error.value.details) == {required.pk, choice.pk}
    assert dict(registration.answers.values_list("question__label", "value")) == {
        "Klasa": "3b",
        "Dieta": "Tak",
    }


def test_reminders_go_out_once(mailoutbox, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(event=make_event(starts_at=timezone.now() + datetime.timedelta(hours=5)))
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(ticket_type, 0)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_due_reminders(hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.send_due_reminders(hours=24)

    assert (first, second) == (1, 0)
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert mailoutbox[0].subject.startswith("Przypomnienie")


def test_reminders_are_a_periodic_task():
    assert (send_reminders, 15 * 60) in periodic_tasks()
