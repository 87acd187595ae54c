"""The class registration form: limits shown up front, mismatches refused with Polish messages,
a second class of the same school confirmed on purpose, the per-school cap, no pupils' names."""

import pytest
from django.urls import reverse

from events.registration.models import Registration

from .factories import GroupTicketTypeFactory, make_teacher, register_group

pytestmark = pytest.mark.django_db


def class_data(ticket_type, **extra):
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


@pytest.fixture
def teacher_client(client):
    teacher = make_teacher()
    client.force_login(teacher)
    client.teacher = teacher
    return client


def url(ticket_type):
    return reverse("registration:register_group", args=[ticket_type.event_id])


def test_the_form_shows_the_limits_before_submitting(teacher_client):
    ticket_type = GroupTicketTypeFactory(max_group_size=40, school_cap=80)

    content = teacher_client.get(url(ticket_type)).content.decode()

    assert 'name="pupils"' in content
    pupils = content[content.index('name="pupils"') - 200 : content.index('name="pupils"') + 200]
    assert 'max="39"' in pupils and 'min="1"' in pupils
    assert "Najwyżej 40 osób razem z opiekunami." in content
    assert 'name="adults"' in content and 'min="1"' in content[content.index('name="adults"') - 200 :]
    assert "grupy do 40 osób (uczniowie i opiekunowie razem), najwyżej 80 miejsc na szkołę;" in content


def test_the_form_no_longer_asks_for_pupils_first_names(teacher_client):
    ticket_type = GroupTicketTypeFactory()

    content = teacher_client.get(url(ticket_type)).content.decode()

    assert "pupil_first_names" not in content
    assert "identyfikator" not in content.lower()


def test_zero_adults_is_refused(teacher_client):
    ticket_type = GroupTicketTypeFactory(max_group_size=40)

    response = teacher_client.post(url(ticket_type), class_data(ticket_type, adults="0"))

    assert response.status_code == 200
    assert response.context["form"].errors["adults"] == [
        "Z klasą musi przyjechać co najmniej jeden dorosły opiekun."
    ]
    assert 'value="Publiczna Szkoła Podstawowa nr 5 w Opolu"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_more_pupils_than_the_ticket_allows_is_refused_before_the_service(teacher_client):
    ticket_type = GroupTicketTypeFactory(max_group_size=40)

    response = teacher_client.post(url(ticket_type), class_data(ticket_type, pupils="1000", adults="1"))

    assert response.context["form"].errors["pupils"] == ["Najwyżej 40 osób razem z opiekunami."]
    assert Registration.objects.count() == 0


def test_a_second_class_of_the_same_school_needs_a_confirmation(teacher_client):
    ticket_type = GroupTicketTypeFactory(capacity=200, max_group_size=40)
    register_group(
        ticket_type, 1, pupils=20, adults=2, school_name="Publiczna Szkoła Podstawowa nr 5 w Opolu"
    )

    warned = teacher_client.post(url(ticket_type), class_data(ticket_type, school_rspo=""))

    content = warned.content.decode()
    assert warned.status_code == 200
    assert warned.context["form"].non_field_errors() == [
        "Ta szkoła ma już klasę zapisaną na to wydarzenie. Jeśli zapisujesz inną klasę, zaznacz "
        "potwierdzenie poniżej i wyślij formularz jeszcze raz."
    ]
    assert "Klasy tej szkoły już zapisane na to wydarzenie:" in content
    assert "Publiczna Szkoła Podstawowa nr 5 w Opolu — Grupa szkolna: 22 miejsca (potwierdzono)" in content
    assert "Tak, zapisuję inną klasę tej samej szkoły." in content
    assert Registration.objects.count() == 1

    confirmed = teacher_client.post(
        url(ticket_type), class_data(ticket_type, school_rspo="", confirm_duplicate="on")
    )

    assert confirmed.status_code == 302
    assert Registration.objects.count() == 2


def test_the_confirmation_is_not_shown_to_a_first_class(teacher_client):
    ticket_type = GroupTicketTypeFactory()

    content = teacher_client.get(url(ticket_type)).content.decode()

    assert "confirm_duplicate" not in content


def test_the_per_school_cap_refusal_is_shown_on_the_pupils_field(teacher_client):
    ticket_type = GroupTicketTypeFactory(capacity=600, max_group_size=40, school_cap=40)
    register_group(ticket_type, 1, pupils=30, adults=2, school_rspo="12345", school_name="SP 5")

    response = teacher_client.post(
        url(ticket_type), class_data(ticket_type, pupils="10", adults="1", confirm_duplicate="on")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["pupils"] == [
        "Jedna szkoła może zająć najwyżej 40 miejsc na ten bilet; Twoja szkoła ma już 32, "
        "więc można dodać jeszcze najwyżej 8."
    ]
    assert Registration.objects.count() == 1
