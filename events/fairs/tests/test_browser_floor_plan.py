"""A visitor finds a stand on a hall's plan with the keyboard only; the fair page with its plans
passes axe-core's WCAG 2.1 A/AA rules, also 320 px wide; staff place a stand by a click."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from wagtail import hooks

from cms.hooks import SEED_DEMO
from cms.tests.factories import StaffFactory, current_totp_code
from events.fairs import demo
from events.fairs.models import FloorPlan, StandPlacement
from events.models import Stand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"
FAIR = "/wydarzenia/festiwal-uczelni-malopolska/"


@pytest.fixture
def demo_fair(demo_site):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ == "events.wagtail_hooks":
            fn(home=demo_site, stdout=None)
    demo.seed_floor_plans()


def violations(page):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(f"async () => (await axe.run(document, {WCAG})).violations")
    return [(violation["id"], [node["target"] for node in violation["nodes"]]) for violation in result]


def focused_name(page):
    """The focused element's accessible name: its aria-label, else its text."""
    return page.evaluate(
        "() => (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent)"
        ".replace(/\\s+/g, ' ').trim()"
    )


def test_a_visitor_tabs_to_a_stand_on_the_plan_and_follows_it(page, demo_fair):
    stand = Stand.objects.get(event__slug="festiwal-uczelni-malopolska", number="2")
    page.goto(FAIR)

    names = []
    for _press in range(200):
        page.keyboard.press("Tab")
        names.append(focused_name(page))
        if names[-1].startswith("Stoisko 2:"):
            break
    assert names[-1] == "Stoisko 2: Uniwersytet Ekonomiczny w Krakowie"
    # The marks come in the order of zones and numbers, right after the hall's skip link.
    assert names[-3:] == [
        "Pomiń plan Hala A: przejdź do listy jego stoisk",
        "Stoisko 1: Uniwersytet Jagielloński",
        "Stoisko 2: Uniwersytet Ekonomiczny w Krakowie",
    ]
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"

    page.keyboard.press("Enter")

    page.wait_for_url(f"**{FAIR}#plan-stoisko-{stand.pk}")
    target = page.locator(f"#plan-stoisko-{stand.pk}")
    assert target.inner_text().startswith("Stoisko 2: Uniwersytet Ekonomiczny w Krakowie")
    assert target.is_visible()


def test_the_skip_link_jumps_over_the_marks_to_the_list(page, demo_fair):
    plan = FloorPlan.objects.get(name="Hala A")
    page.goto(FAIR)
    page.get_by_role("link", name="Pomiń plan Hala A: przejdź do listy jego stoisk").focus()

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("() => document.activeElement.closest('ol.fair-plan__marks')") is None
    assert page.evaluate("() => document.activeElement.closest('.fair-plan').id") == f"plan-{plan.pk}"
    assert page.evaluate("() => !!document.activeElement.closest('.fair-plan__list')")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_fair_page_with_its_plans_has_no_wcag_violations(page, demo_fair, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(FAIR)

    assert page.locator(".fair-plan__mark").count() == StandPlacement.objects.count() == 34
    assert violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    box = page.locator(".fair-plan__map img").first.bounding_box()
    mark = page.get_by_role("link", name="Stoisko 1: Uniwersytet Jagielloński").bounding_box()
    assert box["x"] <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"] + 1


def log_in_as_staff(page):
    user = StaffFactory(username="planistka", email="planistka@example.org")
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.fill("input[name=code]", current_totp_code())  # staff sign in with a second factor
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_staff_place_a_stand_with_a_click_on_the_plan(page, demo_fair):
    plan = FloorPlan.objects.get(name="Hala A")
    stand = Stand.objects.get(event__slug="festiwal-uczelni-malopolska", number="1")
    log_in_as_staff(page)
    page.goto(f"/admin/fairs/plany/{plan.pk}/rozmiesc/")

    page.get_by_label("Stoisko do umieszczenia").select_option(value=str(stand.pk))
    image = page.locator("[data-placer-image]")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.5})
    assert re.fullmatch(r"2[45]\.\d\d", page.locator(f"#id_x_{stand.pk}").input_value())
    assert page.locator(f'[data-mark="{stand.pk}"]').is_visible()
    page.get_by_role("button", name="Zapisz położenie stoisk").click()

    page.wait_for_url(f"**/admin/fairs/plany/{plan.pk}/rozmiesc/")
    placement = StandPlacement.objects.get(stand=stand)
    assert (round(placement.x), round(placement.y)) == (25, 50)
