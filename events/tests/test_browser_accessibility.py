"""The event pages pass axe-core's WCAG 2.1 A/AA rules, and the fair's zone filter works by form."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail import hooks

from cms.hooks import SEED_DEMO

# serialized_rollback keeps the rows the migrations made (Wagtail's root page, roles) for the next test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


@pytest.fixture
def demo_events(demo_site):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ == "events.wagtail_hooks":
            fn(home=demo_site, stdout=None)


def violations(page):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(f"async () => (await axe.run(document, {WCAG})).violations")
    return [(violation["id"], [node["target"] for node in violation["nodes"]]) for violation in result]


URLS = [
    "/",
    "/wydarzenia/",
    "/wydarzenia/?date_from=2030-13-01&kind=fair",
    "/wydarzenia/archiwum/",
    "/wydarzenia/festiwal-zawodow-opolskie/",
    "/wydarzenia/festiwal-uczelni-malopolska/?zone=abc",
    "/wydarzenia/webinar-ksztalcenie-dualne/",
    "/wydarzenia/posiedzenie-wzk/",
    # English layout: the translated index and a Polish event shown under /en/ (content lang="pl").
    "/en/",
    "/en/events/",
    "/en/wydarzenia/festiwal-zawodow-opolskie/",
]


def test_event_pages_have_no_wcag_violations(page, demo_events):
    found = {}
    for url in URLS:
        page.goto(url)
        found[url] = violations(page)

    assert found == {url: [] for url in URLS}


def test_fair_visitor_filters_stands_by_zone(page, demo_events):
    page.goto("/wydarzenia/festiwal-uczelni-malopolska/")
    page.get_by_label("Strefa").select_option(label="8. Sieć Badawcza Łukasiewicz")
    page.get_by_role("button", name="Pokaż stoiska").click()

    page.wait_for_url("**/?zone=*")
    rows = page.locator(".stand-table tbody th").all_inner_texts()
    assert rows == [
        "Łukasiewicz – Krakowski Instytut Technologiczny",  # noqa: RUF001
        "Łukasiewicz – Instytut Ceramiki i Materiałów Budowlanych",  # noqa: RUF001
    ]
    assert page.get_by_role("heading", name="Stoiska w strefie 8. Sieć Badawcza Łukasiewicz (2)").is_visible()
