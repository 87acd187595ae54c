import base64
import io
import json

import PIL.Image
import pytest
import zxingcpp
from django.core.management import call_command
from wagtail.models import APIToken

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import add_totp
from events.checkin.models import CheckInList, Scan
from events.checkin.services import check_in
from events.registration import services as registration_services

from .factories import (
    CheckInListFactory,
    EventPageFactory,
    TicketFactory,
    TicketTypeFactory,
    UserFactory,
    group_ticket,
    staff_user,
)

pytestmark = pytest.mark.django_db


def test_qr_from_the_confirmation_email_checks_in_through_the_api(client, django_capture_on_commit_callbacks):
    ticket_type = TicketTypeFactory(event__registration_enabled=True)
    entrance = CheckInListFactory(event=ticket_type.event)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_services.register(
            ticket_type=ticket_type,
            name="Zofia Wiśniewska",
            email="zofia@example.org",
            privacy_notice_version="1",
        )
    email = OutgoingEmail.objects.get(to=["zofia@example.org"])
    png = next(a for a in email.attachments if a["mimetype"] == "image/png")
    decoded = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(base64.b64decode(png["content"]))))[0].text
    _token, plain = APIToken.create_token(user=staff_user(), name="skaner")

    def scan():
        return client.post(
            "/api/v1/checkin",
            json.dumps({"secret": decoded, "list": entrance.pk}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {plain}",
        ).json()["result"]

    assert decoded == registration.ticket.secret
    assert f"/bilet/{decoded}/" in email.body_text
    assert [scan(), scan()] == ["ok", "already_checked_in"]


def test_scanner_dashboard_and_lists_are_staff_only(client):
    entrance = CheckInListFactory()
    urls = [
        "/skaner/",
        f"/skaner/?list={entrance.pk}",
        "/skaner/listy/",
        f"/skaner/listy/{entrance.pk}/",
        f"/skaner/listy/{entrance.pk}/dane/",
    ]

    anonymous = [client.get(url) for url in urls]
    teacher = UserFactory()
    teacher.save()
    client.force_login(teacher)
    non_staff = [client.get(url).status_code for url in urls]
    client.force_login(staff_user())
    staff = [client.get(url).status_code for url in urls]

    assert all(r.status_code == 302 and r["Location"].startswith("/accounts/login/") for r in anonymous)
    assert non_staff == [403] * 5
    assert staff == [200] * 5


def test_scanner_page_carries_its_configuration_in_data_attributes(client):
    entrance = CheckInListFactory(name="Brama północna")
    client.force_login(staff_user())

    html = client.get(f"/skaner/?list={entrance.pk}").content.decode()

    assert f'data-list="{entrance.pk}"' in html
    assert 'data-checkin-url="/api/v1/checkin"' in html
    assert f'data-tickets-url="/api/v1/checkin/lists/{entrance.pk}/tickets"' in html
    assert '<script id="scanner-i18n" type="application/json">' in html
    assert "/zxing-browser.min.js" in html
    assert "<script>" not in html  # no inline script


def test_dashboard_data_counts_people_by_hour_and_reports_conflicts(client):
    ticket = group_ticket(places=25, name="Ewa Zielińska")
    single = TicketFactory(registration__ticket_type=ticket.registration.ticket_type)
    entrance = CheckInListFactory(event=ticket.registration.event)
    staff = staff_user()
    check_in(secret=ticket.secret, checkin_list=entrance, count=18, scanned_by=staff, device="A")
    check_in(secret=single.secret, checkin_list=entrance, scanned_by=staff, device="A", offline=True)
    check_in(secret=single.secret, checkin_list=entrance, scanned_by=staff, device="B", offline=True)
    client.force_login(staff)

    data = client.get(f"/skaner/listy/{entrance.pk}/dane/").json()

    assert (data["checked_in"], data["expected"], data["to_come"]) == (19, 26, 7)
    assert (data["checked_in_tickets"], data["expected_tickets"]) == (2, 2)
    assert sum(row["people"] for row in data["by_hour"]) == 19
    assert (
        data["scans"]["ok"] == 1
        and data["scans"]["partial"] == 1
        and data["scans"]["already_checked_in"] == 1
    )
    assert [(c["device"], c["first_device"], c["result"]) for c in data["conflicts"]] == [
        ("B", "A", "already_checked_in")
    ]
    assert "Konflikty" in client.get(f"/skaner/listy/{entrance.pk}/").content.decode()


@pytest.mark.parametrize("tickets", [1, 6])
def test_offline_list_download_has_constant_queries(client, django_assert_num_queries, tickets):
    ticket_type = TicketTypeFactory()
    entrance = CheckInListFactory(event=ticket_type.event)
    for _ in range(tickets):
        TicketFactory(registration__ticket_type=ticket_type)
    _token, plain = APIToken.create_token(user=staff_user(), name="skaner")

    with django_assert_num_queries(5):
        response = client.get(
            f"/api/v1/checkin/lists/{entrance.pk}/tickets", HTTP_AUTHORIZATION=f"Bearer {plain}"
        )

    assert len(response.json()["tickets"]) == tickets


def test_admin_lists_and_scan_log_open_for_staff(client):
    entrance = CheckInListFactory()
    check_in(secret="nieznany", checkin_list=entrance, scanned_by=None)
    admin = UserFactory(is_superuser=True, is_staff=True)
    admin.save()
    add_totp(admin)
    client.force_login(admin)

    assert client.get("/admin/checkin_lists/").status_code == 200
    assert client.get(f"/admin/checkin_lists/edit/{entrance.pk}/").status_code == 200
    assert client.get("/admin/checkin_scans/").status_code == 200
    assert client.get(f"/admin/checkin_scans/edit/{Scan.objects.get().pk}/").status_code in (302, 403, 404)


def test_demo_creates_two_day_lists_for_the_festival_once():
    festival = EventPageFactory(slug="festiwal-zawodow-opolskie")

    call_command("seed_demo")
    call_command("seed_demo")

    assert list(CheckInList.objects.filter(event=festival).values_list("name", flat=True)) == [
        "Dzień 1",
        "Dzień 2",
    ]
    assert APIToken.objects.count() == 0
