import re

import pytest
from wagtail import hooks

from cms import demo
from cms.hooks import REACH_FIGURES
from cms.reach.figures import ReachRow
from cms.tests.factories import StaffFactory, current_totp_code, restore_base_data
from tests.a11y import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def provider(*, start, end):
    yield ReachRow(
        "edubus",
        "Edubus",
        "stop:1",
        people=40,
        school="rspo:1",
        activity_name="Szkoła Podstawowa nr 1 w Brzegu",
        records_url="/admin/edubus/stopreport/",
        municipality="Brzeg",
        county="1601",
        voivodeship="16",
    )
    yield ReachRow(
        "contest",
        "Konkurs",
        "contest:1",
        registrations=1,
        people=4,
        school="rspo:2",
        municipality="Nysa",
        county="1607",
        voivodeship="16",
    )


def test_staff_sees_the_reach_chart_drawn_from_json_data(page, live_server):
    restore_base_data()
    demo.seed(stdout=None)
    StaffFactory(username="ola", email="ola@example.org")
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill("ola@example.org")
    page.get_by_label(re.compile(r"^Hasło:?$")).fill("correct-horse-battery")
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" in url)
    page.fill("input[name=code]", current_totp_code())
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)

    with hooks.register_temporarily(REACH_FIGURES, provider):
        page.goto("/admin/reach/?start=2026-01-01&end=2026-12-31")
        page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('reach-chart'))")
        labels = page.evaluate("Chart.getChart(document.getElementById('reach-chart')).data.labels")

        people = page.locator("#reach-people").inner_text()
        assert_no_axe_violations(page, context=".reach-dashboard")
        page.locator("#reach-people a").click()
        page.wait_for_url(lambda url: "/admin/reach/rows/" in url)
        records = page.get_by_role("link", name="Zapisy: Szkoła Podstawowa nr 1 w Brzegu")
        total = page.locator("#reach-rows-total").inner_text()
        assert_no_axe_violations(page, context=".reach-dashboard")

    assert labels == ["brzeski (opolskie)", "nyski (opolskie)"]
    assert people == "44"
    assert records.get_attribute("href") == "/admin/edubus/stopreport/"
    assert "44" in total.split()
