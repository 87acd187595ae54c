import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from cms.tests.factories import StaffFactory
from events.registration.models import Registration

from .factories import GroupTicketTypeFactory, make_teacher, register_group
from .test_api import post

pytestmark = pytest.mark.django_db


def group_data(ticket_type, **extra):
    data = {
        "token": "class-token",
        "ticket_type": ticket_type.pk,
        "name": "Maria Kowalska",
        "phone": "600 100 200",
        "school_name": "Publiczna Szkoła Podstawowa nr 5 w Brzegu",
        "school_rspo": "12345",
        "school_municipality": "Brzeg",
        "school_voivodeship": "16",
        "school_county": "1601",
        "school_municipality_code": "1601011",
        "pupils": "24",
        "adults": "2",
        "privacy": "on",
    }
    data.update(extra)
    return data


def post_group(client, ticket_type, **extra):
    client.force_login(make_teacher())
    return client.post(
        reverse("registration:register_group", args=[ticket_type.event_id]), group_data(ticket_type, **extra)
    )


def test_class_form_offers_voivodeship_then_its_counties_then_gminas(client):
    ticket_type = GroupTicketTypeFactory()
    client.force_login(make_teacher())

    response = client.get(reverse("registration:register_group", args=[ticket_type.event_id]))

    form = response.context["form"]
    names = list(form.fields)
    assert (
        names.index("school_voivodeship")
        < names.index("school_county")
        < names.index("school_municipality_code")
    )
    assert '<optgroup label="opolskie">' in response.content.decode()
    assert form.fields["school_municipality_code"].choices == [("", "— wybierz najpierw powiat —")]
    assert "cms/places.js" in response.content.decode()


def test_class_registration_stores_the_register_codes(client):
    ticket_type = GroupTicketTypeFactory(capacity=60, max_group_size=30)

    response = post_group(client, ticket_type)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (
        registration.school_voivodeship,
        registration.school_county,
        registration.school_municipality_code,
    ) == (
        "16",
        "1601",
        "1601011",
    )


def test_class_form_refuses_a_county_of_another_voivodeship_and_keeps_the_input(client):
    ticket_type = GroupTicketTypeFactory(capacity=60, max_group_size=30)

    response = post_group(client, ticket_type, school_voivodeship="12", school_municipality_code="")

    assert response.status_code == 200
    assert response.context["form"].errors["school_county"] == [
        "Powiat brzeski nie należy do wybranego województwa (małopolskie). Wybierz powiat z tego województwa."
    ]
    html = response.content.decode()
    assert '<option value="1601" selected>powiat brzeski</option>' in html
    assert 'value="Publiczna Szkoła Podstawowa nr 5 w Brzegu"' in html
    assert not Registration.objects.exists()


def test_class_form_refuses_a_gmina_of_another_county(client):
    ticket_type = GroupTicketTypeFactory(capacity=60, max_group_size=30)

    response = post_group(client, ticket_type, school_municipality_code="1202023")

    assert response.context["form"].errors["school_municipality_code"] == [
        "Gmina Brzesko (gmina miejsko-wiejska) nie należy do wybranego powiatu (powiat brzeski). "
        "Wybierz gminę z tego powiatu."
    ]
    assert not Registration.objects.exists()


def test_migration_maps_old_records_and_lists_what_it_cannot(client):
    ticket_type = GroupTicketTypeFactory()
    opole = register_group(ticket_type, 1)
    krakow = register_group(ticket_type, 2)
    lost = register_group(ticket_type, 3)
    Registration.objects.filter(pk=opole.pk).update(
        school_voivodeship="opole", school_county="brzeski", school_municipality="Brzeg"
    )
    Registration.objects.filter(pk=krakow.pk).update(
        school_voivodeship="lesser_poland", school_county="brzeski", school_municipality="Szczurowa"
    )
    Registration.objects.filter(pk=lost.pk).update(school_voivodeship="", school_county="bielski")

    migration = importlib.import_module("events.registration.migrations.0007_teryt_places")
    migration.to_teryt_codes(apps, None)

    values = Registration.objects.order_by("pk").values_list(
        "school_voivodeship", "school_county", "school_municipality_code", "school_place_unmapped"
    )
    assert list(values) == [
        ("16", "1601", "1601011", ""),
        ("12", "1202", "1202072", ""),
        ("", "", "", "county: bielski; voivodeship: —"),
    ]
    client.force_login(StaffFactory())
    page = client.get("/admin/reach/places-to-check/")
    assert page.status_code == 200
    assert [item["unmapped"] for item in page.context["records"]] == ["county: bielski; voivodeship: —"]


def test_api_refuses_a_county_of_another_voivodeship_and_completes_a_gmina(client):
    ticket_type = GroupTicketTypeFactory(max_group_size=30)
    school = {"name": "Szkoła Podstawowa w Szczurowej", "municipality": "Szczurowa", "gmina": "1202072"}

    mismatch = post(
        client, ticket_type, group_size=20, school={**school, "voivodeship": "16", "county": "1202"}
    )
    ok = post(client, ticket_type, group_size=20, school=school)

    assert mismatch.status_code == 422
    assert Registration.objects.count() == 1
    assert ok.status_code == 201
    registration = Registration.objects.get()
    assert (
        registration.school_voivodeship,
        registration.school_county,
        registration.school_municipality_code,
    ) == (
        "12",
        "1202",
        "1202072",
    )
