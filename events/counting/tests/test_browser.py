"""The counter in Chromium at 320 px: axe, taps online and offline, one sync that counts each tap once."""

import uuid

import pytest
from allauth.account.models import EmailAddress

from events.checkin.tests.factories import EventPageFactory
from events.counting.models import HeadCount
from events.tests.factories import ZoneFactory
from tests.a11y import assert_no_axe_violations

from .factories import counter_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "haslo-testowe-123"


def log_in(page):
    user = counter_user(username="liczaca", email="liczaca@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "liczaca@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def tap(page, label):
    page.get_by_role("button", name=label, exact=True).click()


def test_counts_tapped_offline_are_synced_once_and_the_page_fits_a_small_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    zone = ZoneFactory(page=EventPageFactory(title="Targi Edukacyjne"), name="Uczelnie")
    log_in(page)
    page.goto(f"/licznik/?event={zone.page.pk}&zone={zone.pk}")
    page.wait_for_selector("#counter-form[data-ready=true]")
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    tap(page, "+10")
    page.wait_for_function("!document.getElementById('queue-info').textContent")
    assert list(HeadCount.objects.values_list("delta", flat=True)) == [10]

    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    page.wait_for_selector("#net-status[data-online=false]")
    page.get_by_role("radio", name="Nauczyciele i doradcy zawodowi").check()
    tap(page, "+1")
    tap(page, "+1")
    page.get_by_role("radio", name="Uczniowie").check()
    tap(page, "+10")
    tap(page, "\u22121 (odejmij jedną osobę)")
    page.wait_for_function("document.getElementById('queue-info').textContent.includes('wysłanie: 4')")
    assert page.inner_text("#totals-all") == "21"
    assert HeadCount.objects.count() == 1

    # The queue is kept on the device (localStorage), so closing the page loses nothing.
    assert page.evaluate("JSON.parse(localStorage.getItem('edufest-counter:liczaca:queue')).length") == 4

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("!document.getElementById('queue-info').textContent")
    page.wait_for_selector("#net-status[data-online=true]")

    assert HeadCount.objects.count() == 5
    assert sum(HeadCount.objects.values_list("delta", flat=True)) == 21
    assert sorted(HeadCount.objects.values_list("category", "delta")) == [
        ("pupils", -1),
        ("pupils", 10),
        ("pupils", 10),
        ("teachers", 1),
        ("teachers", 1),
    ]
    assert HeadCount.objects.filter(offline=True).count() == 4
    assert page.inner_text("#totals-all") == "21"
    # Sending the whole queue again (a device that missed the answers) adds nothing.
    batch = HeadCount.objects.first()
    answer = page.evaluate(
        """async ([url, id, event, zone]) => {
            const csrf = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf},
              body: JSON.stringify({id, event, zone, category: 'pupils', delta: 10})});
            return r.json();
        }""",
        ["/api/v1/counting/counts", str(batch.client_id), zone.page.pk, zone.pk],
    )
    assert answer["created"] is False
    assert sum(HeadCount.objects.values_list("delta", flat=True)) == 21
    assert uuid.UUID(answer["id"]) == batch.client_id
