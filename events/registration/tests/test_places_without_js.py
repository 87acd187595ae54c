"""Without JavaScript the class form and the Edubus request form reach the gmina in one step: the
"Show municipalities" button beside the county sends the form back with that county's gminas,
keeping what was typed, saving nothing and showing no error (issue 14)."""

import re

import pytest
from django.urls import reverse

from events.edubus.models import VisitRequest
from events.registration.models import Registration

from .factories import GroupTicketTypeFactory, make_teacher
from .test_places import group_data

pytestmark = pytest.mark.django_db


def options(page, name):
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_class_form_shows_the_gminas_of_the_county_and_keeps_the_input(client):
    ticket_type = GroupTicketTypeFactory()
    client.force_login(make_teacher())
    url = reverse("registration:register_group", args=[ticket_type.event_id])

    first = client.get(url).content.decode()
    data = group_data(ticket_type, school_municipality_code="", place_refresh="1")
    response = client.post(url, data)
    page = response.content.decode()

    assert (
        '<button type="submit" name="place_refresh" value="1" formnovalidate '
        'class="button button-secondary" data-place-refresh>Pokaż gminy</button>'
    ) in first
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    gminas = options(page, "school_municipality_code")
    assert gminas[:2] == ["", "1601011"]
    assert len(gminas) > 3
    assert all(code.startswith("1601") for code in gminas[1:])
    assert 'value="Publiczna Szkoła Podstawowa nr 5 w Brzegu"' in page
    assert '<option value="1601" selected>' in page
    assert "errorlist" not in page
    assert 'role="alert"' not in page

    data.pop("place_refresh")
    data["school_municipality_code"] = "1601011"
    done = client.post(url, data)

    assert done.status_code == 302
    assert Registration.objects.get().school_municipality_code == "1601011"


def test_the_edubus_request_form_shows_the_gminas_of_the_county(client):
    url = reverse("edubus:request")

    response = client.post(url, {"voivodeship": "16", "county": "1601", "place_refresh": "1"})
    page = response.content.decode()

    assert response.status_code == 200
    assert VisitRequest.objects.count() == 0
    assert "1601011" in options(page, "municipality_code")
    assert "errorlist" not in page
