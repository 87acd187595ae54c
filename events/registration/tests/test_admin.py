import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from cms.accounts import roles
from cms.tests.factories import add_totp
from events.registration import services
from events.registration.models import InvitationCode, Registration

from .factories import (
    GroupTicketTypeFactory,
    TicketTypeFactory,
    make_teacher,
    register,
    register_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("staff", "staff@example.org", "haslo-123456")
    user.groups.add(Group.objects.get(name=roles.STAFF))
    add_totp(user)
    client.force_login(user)
    return user


def test_teacher_cannot_open_the_staff_views(client):
    ticket_type = TicketTypeFactory()
    client.force_login(make_teacher("inny@example.org"))

    response = client.get(reverse("registration_admin:event", args=[ticket_type.event_id]))

    assert response.status_code in (302, 403)


def test_registrations_view_filters_and_counts(client, staff):
    ticket_type = TicketTypeFactory(capacity=1)
    group_type = GroupTicketTypeFactory(event=ticket_type.event, capacity=100)
    register(ticket_type, 1)
    register(ticket_type, 2)
    cancelled = register(ticket_type, 3, email="c@example.org")

    services.cancel(registration=cancelled)
    register_group(group_type, 4, school_county="1261", school_name="Liceum w Krakowie")
    url = reverse("registration_admin:event", args=[ticket_type.event_id])

    page = client.get(url)
    filtered = client.get(url, {"county": "1261"})

    assert page.status_code == 200
    assert page.context["counts"] == {"confirmed": 2, "waitlisted": 1, "cancelled": 1}
    assert [r.school_name for r in filtered.context["page"]] == ["Liceum w Krakowie"]
    assert [r.name for r in client.get(url, {"status": "waitlisted"}).context["page"]] == ["Osoba 2"]


def test_csv_export_neutralises_formulas(client, staff):
    ticket_type = TicketTypeFactory()
    register(ticket_type, 1, name='=HYPERLINK("http://zly.example")')

    response = client.get(reverse("registration_admin:export_csv", args=[ticket_type.event_id]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][3] == '\'=HYPERLINK("http://zly.example")'
    assert rows[0][:4] == ["ID", "Status", "Bilet", "Imię i nazwisko"]


def test_xlsx_export_has_a_row_per_registration(client, staff):
    ticket_type = TicketTypeFactory()
    register(ticket_type, 1, name="+48 cmd")
    register(ticket_type, 2)

    response = client.get(reverse("registration_admin:export_xlsx", args=[ticket_type.event_id]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 3
    assert values[1][3] == "+48 cmd"  # a text cell (not a formula), so no apostrophe is needed
    assert sheet.cell(2, 4).data_type == "s"


def test_staff_cancel_resend_and_capacity(client, staff, mailoutbox, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(capacity=1)
    first = register(ticket_type, 1)
    waiting = register(ticket_type, 2)
    third = register(ticket_type, 3)
    event_id = ticket_type.event_id

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registration_admin:resend", args=[event_id, first.pk]))
    assert [m.to for m in mailoutbox] == [[first.email]]

    client.post(reverse("registration_admin:cancel", args=[event_id, first.pk]))
    client.post(
        reverse("registration_admin:capacity", args=[event_id, ticket_type.pk]),
        {f"t{ticket_type.pk}-capacity": "2"},
    )

    first.refresh_from_db()
    assert first.status == "cancelled" and first.cancelled_by == staff
    assert set(Registration.objects.filter(status="confirmed").values_list("pk", flat=True)) == {
        waiting.pk,
        third.pk,
    }


def test_message_all_registrants_is_queued(client, staff, mailoutbox, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(capacity=1)
    register(ticket_type, 1)
    register(ticket_type, 2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registration_admin:message", args=[ticket_type.event_id]),
            {"subject": "Zmiana sali", "body": "Spotykamy się w sali 3.", "include_waitlisted": ""},
        )

    assert response.status_code == 302
    assert [(m.subject, m.to) for m in mailoutbox] == [("Zmiana sali", ["osoba1@example.org"])]


def test_generate_codes_and_see_who_used_them(client, staff):
    ticket_type = TicketTypeFactory(invitation_required=True)

    client.post(
        reverse("registration_admin:codes", args=[ticket_type.event_id]),
        {"count": "3", "max_uses": "5", "note": "SP 5", "ticket_type": ticket_type.pk},
    )
    code = InvitationCode.objects.first()
    register(ticket_type, 1, invitation_code=code.code)
    page = client.get(reverse("registration_admin:codes", args=[ticket_type.event_id])).content.decode()

    assert InvitationCode.objects.filter(event=ticket_type.event, max_uses=5).count() == 3
    assert "osoba1@example.org" in page


def test_ticket_type_admin_listing_opens(client, staff):
    TicketTypeFactory()

    assert client.get(reverse("ticket_types:index")).status_code == 200
    assert client.get(reverse("codes:index")).status_code == 200
