"""'My account' in the header opens each signed-in person's own place (issue 14): a visitor's page
of their registrations and account links, the admin for staff and Edubus coordinators, the jury
page for a juror, the school area for a teacher."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cms.accounts import roles
from cms.tests.factories import MFAUserFactory, StaffFactory, TeacherFactory, UserFactory
from contests.jury.tests.factories import JurorFactory
from events.registration.tests.factories import TicketTypeFactory, register

pytestmark = pytest.mark.django_db


def my_account_link(client):
    header = client.get(reverse("cms:search")).content.decode()
    [href] = re.findall(r'<a href="([^"]+)"[^>]*>Moje konto</a>', header)
    return href


def test_a_visitor_finds_their_registrations_and_account_links_under_my_account(client):
    visitor = UserFactory(email="ola@example.org")
    EmailAddress.objects.create(user=visitor, email="ola.druga@example.org", verified=True)
    EmailAddress.objects.create(user=visitor, email="nie.jej@example.org", verified=False)
    ticket_type = TicketTypeFactory()
    mine = register(ticket_type, 1, email="OLA@example.org")
    second = register(TicketTypeFactory(), 2, email="ola.druga@example.org")
    unverified = register(ticket_type, 3, email="nie.jej@example.org")
    other = register(ticket_type, 4, email="ktos@example.org")
    client.force_login(visitor)

    href = my_account_link(client)
    response = client.get(href)
    page = response.content.decode()

    assert href == "/konto/"
    assert response.status_code == 200
    assert '<h2 id="zgloszenia-heading">Moje zgłoszenia</h2>' in page
    assert f"/zapisy/{mine.cancel_token}/" in page
    assert f"/zapisy/{second.cancel_token}/" in page
    assert f"/bilet/{mine.ticket.secret}/" in page
    assert unverified.cancel_token not in page
    assert other.cancel_token not in page
    assert 'href="/accounts/email/"' in page
    assert 'href="/accounts/password/change/"' in page


def test_a_visitor_without_registrations_is_told_so(client):
    client.force_login(UserFactory())

    page = client.get("/konto/").content.decode()

    assert "Brak zgłoszeń z adresami e-mail tego konta." in page


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (StaffFactory, "/admin/"),
        (lambda: MFAUserFactory(roles=[roles.EDUBUS_COORDINATOR]), "/admin/"),
        (JurorFactory, "/jury/"),
    ],
    ids=["staff", "edubus-coordinator", "juror"],
)
def test_my_account_of_a_role_opens_its_own_place(client, make_user, expected):
    client.force_login(make_user())

    response = client.get(my_account_link(client))

    assert (response.status_code, response.url) == (302, expected)


def test_a_teacher_keeps_the_school_area_in_the_header_and_under_konto(client):
    client.force_login(TeacherFactory())

    header = client.get(reverse("cms:search")).content.decode()
    response = client.get("/konto/")

    assert "Moje konto" not in header
    assert '<a href="/szkola/"' in header
    assert (response.status_code, response.url) == (302, "/szkola/")


def test_the_account_page_needs_a_login(client):
    response = client.get("/konto/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
