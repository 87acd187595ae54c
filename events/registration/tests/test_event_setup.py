"""Setting up an event in the Wagtail admin: ticket types on the page's Registration tab."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.accounts import roles
from cms.tests.factories import add_totp
from events.models import EventPage
from events.registration.models import Registration, TicketType
from events.tests.factories import ZoneFactory

from .factories import SessionFactory, TicketTypeFactory, make_event, register

pytestmark = pytest.mark.django_db

WARNING = (
    "Zapisy są włączone, ale wydarzenie nie ma aktywnego rodzaju biletu, więc na jego stronie nie ma "
    "formularza zapisów. Dodaj rodzaj biletu na karcie „Rejestracja”."
)


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("staff", "staff@example.org", "haslo-123456")
    user.groups.add(Group.objects.get(name=roles.STAFF))
    add_totp(user)
    client.force_login(user)
    return user


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def page_data(event, *, ticket_types=(), existing_types=0, publish=True):
    """The edit form of ``event`` as the admin posts it, with ``ticket_types`` as the inline forms."""
    ticket_types = [dict(fields) for fields in ticket_types]
    choices = {}  # multiple choices stay lists (nested_form_data would number them)
    for index, fields in enumerate(ticket_types):
        for name in ("sessions", "zones"):
            if name in fields:
                choices[f"ticket_types-{index}-{name}"] = fields.pop(name)
    sessions = [
        {"id": s.pk, "title": s.title, "starts_at": _when(s.starts_at), "ends_at": _when(s.ends_at)}
        for s in event.sessions.all()
    ]
    zones = [{"id": z.pk, "name": z.name, "number": z.number or ""} for z in event.zones.all()]
    data = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "kind": event.kind,
            "starts_at": _when(event.starts_at),
            "ends_at": _when(event.ends_at),
            "venue_name": event.venue_name,
            "street": event.street,
            "postal_code": event.postal_code,
            "municipality": event.municipality,
            "county": event.county,
            "voivodeship": event.voivodeship,
            "registration_enabled": "on" if event.registration_enabled else "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "audiences": inline_formset([]),
            "sessions": inline_formset(sessions, initial=len(sessions)),
            "zones": inline_formset(zones, initial=len(zones)),
            "ticket_types": inline_formset(list(ticket_types), initial=existing_types),
        }
    )
    data.update(choices)
    if publish:
        data["action-publish"] = "action-publish"
    return {key: value for key, value in data.items() if value != ""}


def ticket_type_data(**fields):
    values = {
        "name": "Wstęp",
        "kind": "individual",
        "capacity": "50",
        "max_group_size": "1",
        "position": "0",
        "waitlist_enabled": "on",
        "is_active": "on",
    }
    values.update(fields)
    return values


def edit(client, event, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data, follow=True)


def test_ticket_type_added_on_the_registration_tab_is_saved_with_its_sessions(client, staff):
    event = make_event()
    session = SessionFactory(page=event, title="Warsztaty robotyki")
    zone = ZoneFactory(page=event, name="Uczelnie")

    response = edit(
        client,
        event,
        page_data(
            event,
            ticket_types=[
                ticket_type_data(
                    name="Grupa szkolna",
                    kind="group",
                    capacity="120",
                    max_group_size="30",
                    sessions=[session.pk],
                    zones=[zone.pk],
                )
            ],
        ),
    )

    assert response.status_code == 200
    ticket_type = TicketType.objects.get(event=event)
    assert (ticket_type.name, ticket_type.kind, ticket_type.capacity, ticket_type.max_group_size) == (
        "Grupa szkolna",
        "group",
        120,
        30,
    )
    assert ticket_type.waitlist_enabled is True
    assert list(ticket_type.sessions.all()) == [session]
    assert list(ticket_type.zones.all()) == [zone]
    assert response.context["page"].live is True


def test_the_inline_form_offers_only_the_events_own_sessions_and_zones(client, staff):
    event = make_event()
    own = SessionFactory(page=event, title="Nasz warsztat")
    SessionFactory(title="Cudzy warsztat")
    ZoneFactory(page=event, name="Nasza strefa")
    ZoneFactory(name="Cudza strefa")

    response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))

    formset = response.context["form"].formsets["ticket_types"]
    assert list(formset.empty_form.fields["sessions"].queryset) == [own]
    assert [z.name for z in formset.empty_form.fields["zones"].queryset] == ["Nasza strefa"]
    assert "Nasz warsztat" in response.text
    assert "Cudzy warsztat" not in response.text
    assert "Cudza strefa" not in response.text


def test_a_session_of_another_event_is_refused_on_the_page(client, staff):
    event = make_event()
    foreign = SessionFactory(title="Cudzy warsztat")

    response = edit(client, event, page_data(event, ticket_types=[ticket_type_data(sessions=[foreign.pk])]))

    form = response.context["form"].formsets["ticket_types"].forms[0]
    assert form.errors["sessions"] == [
        f"Wybierz poprawną wartość. {foreign.pk} nie jest żadną z dostępnych opcji."
    ]
    assert not TicketType.objects.filter(event=event).exists()


def test_a_session_of_another_event_is_refused_in_the_ticket_type_list(client, staff):
    event = make_event()
    foreign = SessionFactory(title="Cudzy warsztat")
    foreign_zone = ZoneFactory(name="Cudza strefa")
    data = {**ticket_type_data(), "event": event.pk, "sessions": [foreign.pk], "zones": [foreign_zone.pk]}

    response = client.post(reverse("ticket_types:add"), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "sessions": ["Wybierz tylko sesje tego wydarzenia."],
        "zones": ["Wybierz tylko strefy tego wydarzenia."],
    }
    assert not TicketType.objects.exists()


def test_the_public_form_never_offers_a_session_of_another_event(client):
    ticket_type = TicketTypeFactory()
    own = SessionFactory(page=ticket_type.event, title="Nasz warsztat")
    foreign = SessionFactory(title="Cudzy warsztat")
    TicketType.sessions.through.objects.create(tickettype=ticket_type, session=foreign)  # as saved before
    ticket_type.sessions.add(own)
    ticket_type.save()

    response = client.get(reverse("registration:register", args=[ticket_type.event_id]))

    assert "Nasz warsztat" in response.text
    assert "Cudzy warsztat" not in response.text


def test_publishing_with_registration_on_and_no_ticket_type_warns(client, staff):
    event = make_event(registration_enabled=True)

    response = edit(client, event, page_data(event))

    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == WARNING
    assert messages[1].startswith(f"Strona &#x27;{event.title}&#x27; została opublikowana.")
    assert EventPage.objects.get(pk=event.pk).live is True


def test_publishing_with_a_ticket_type_does_not_warn(client, staff):
    event = make_event(registration_enabled=True)

    response = edit(client, event, page_data(event, ticket_types=[ticket_type_data()]))

    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1
    assert messages[0].startswith(f"Strona &#x27;{event.title}&#x27; została opublikowana.")


def test_a_ticket_type_with_registrations_cannot_be_removed_from_the_page(client, staff):
    ticket_type = TicketTypeFactory(name="Wstęp", capacity=50)
    register(ticket_type)
    event = ticket_type.event
    existing = {**ticket_type_data(), "id": ticket_type.pk, "DELETE": "1"}

    response = edit(client, event, page_data(event, ticket_types=[existing], existing_types=1))

    assert response.context["form"].non_field_errors() == [
        "Rodzaju biletu, na który są zapisy, nie można usunąć; zamiast tego oznacz go jako nieaktywny."
    ]
    assert TicketType.objects.filter(pk=ticket_type.pk).exists()


def _existing(ticket_type, **fields):
    return {
        **ticket_type_data(name=ticket_type.name, capacity=str(ticket_type.capacity)),
        "id": ticket_type.pk,
        **fields,
    }


def test_the_capacity_on_the_page_cannot_drop_below_the_confirmed_places(client, staff):
    ticket_type = TicketTypeFactory(name="Wstęp", capacity=5)
    register(ticket_type, 1)
    register(ticket_type, 2)
    event = ticket_type.event

    response = edit(
        client, event, page_data(event, ticket_types=[_existing(ticket_type, capacity="1")], existing_types=1)
    )

    form = response.context["form"].formsets["ticket_types"].forms[0]
    assert form.errors["capacity"] == [
        "Liczba miejsc nie może być mniejsza niż liczba miejsc już potwierdzonych."
    ]
    ticket_type.refresh_from_db()
    assert ticket_type.capacity == 5


def test_places_added_on_the_page_promote_from_the_waiting_list(client, staff):
    ticket_type = TicketTypeFactory(name="Wstęp", capacity=1)
    register(ticket_type, 1)
    waiting = register(ticket_type, 2)
    assert waiting.status == Registration.Status.WAITLISTED
    event = ticket_type.event

    edit(
        client, event, page_data(event, ticket_types=[_existing(ticket_type, capacity="2")], existing_types=1)
    )

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert TicketType.objects.get(pk=ticket_type.pk).capacity == 2
