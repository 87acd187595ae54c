"""In Chromium: an accepted exhibitor's person names two stand staff, sees their QR passes and
downloads them as one PDF; the page passes axe."""

import datetime as dt
import zoneinfo

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from events.fairs.models import EXHIBITOR, ExhibitorPass
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory, exhibitor_person, make_fair
from events.tests.factories import StandFactory
from tests.a11y import assert_no_axe_violations
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_an_exhibitor_names_two_stand_staff_and_downloads_their_passes(page, live_server, demo_site):
    Group.objects.get_or_create(name=EXHIBITOR)
    fair = make_fair(
        title="Festiwal Uczelni Małopolska",
        starts_at=dt.datetime(2026, 5, 16, 9, tzinfo=WARSAW),
        ends_at=dt.datetime(2026, 5, 17, 16, tzinfo=WARSAW),
    )
    call = ExhibitorCallFactory(event=fair, staff_allowance=3)
    stand = StandFactory(
        event=fair, zone=fair.zones.first(), number="12", institution="Politechnika Krakowska"
    )
    application = ApplicationFactory(
        call=call, status="accepted", stand=stand, exhibitor__name="Politechnika Krakowska"
    )
    _log_in(page, live_server, exhibitor_person(application.exhibitor))

    page.goto(f"/wystawca/przepustki/{application.pk}/")
    assert page.get_by_role("heading", name="Przepustki obsługi stoiska", level=1).is_visible()
    for name, email in (("Jan Kowalski", "jan@example.org"), ("Żaneta Źrebiec", "")):
        page.get_by_label("Imię i nazwisko").fill(name)
        page.get_by_label("E-mail (nieobowiązkowo)").fill(email)
        page.get_by_role("button", name="Wystaw przepustkę").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name=name, level=3).is_visible()

    assert page.get_by_role("img", name="Kod QR przepustki: Jan Kowalski").is_visible()
    assert page.get_by_role("img", name="Kod QR przepustki: Żaneta Źrebiec").is_visible()
    assert page.get_by_text("Pozostało przepustek do nazwania: 1.").is_visible()
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pobierz wszystkie przepustki (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "przepustki.pdf"
    text = pdf_text(open(download.path(), "rb").read())
    assert "Jan Kowalski" in text
    assert "Żaneta Źrebiec" in text
    assert ExhibitorPass.objects.filter(application=application).count() == 2
