"""Hall plans of a fair: staff place the stands (by a click or typed per cent), visitors see the
plan with every stand marked and linked, and a list of the same stands; the demo draws its own."""

import io
from decimal import Decimal

import factory
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail import hooks

from cms.hooks import SEED_DEMO
from cms.tests.factories import StaffFactory, TeacherFactory, UserFactory, make_image
from events.fairs import demo
from events.fairs.models import FloorPlan, StandPlacement
from events.fairs.plan_image import draw_hall_plan, layout_hall
from events.fairs.services import PlacementError, place_stand, save_placements
from events.fairs.tests.factories import StandPageFactory, make_fair
from events.models import Stand
from events.tests.factories import EventPageFactory, StandFactory

pytestmark = pytest.mark.django_db


class FloorPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FloorPlan

    event = factory.LazyFunction(make_fair)
    name = factory.Sequence(lambda n: f"Hala {chr(65 + n % 26)}")
    image = factory.LazyFunction(lambda: make_image("Plan hali", size=(200, 100)))
    description = "Wejście od południa, strefy w dwóch rzędach."


def stand_of(fair, number, institution, zone_number=1):
    return StandFactory(
        event=fair, zone=fair.zones.get(number=zone_number), number=number, institution=institution
    )


# ---- services ----------------------------------------------------------------------------------


def test_place_stand_puts_the_stand_on_the_plan_in_per_cent():
    plan = FloorPlanFactory()
    stand = stand_of(plan.event, "12", "Politechnika Krakowska")

    place_stand(stand=stand, floor_plan=plan, x="12.345", y=40)

    placement = StandPlacement.objects.get(stand=stand)
    assert (placement.floor_plan, placement.x, placement.y) == (plan, Decimal("12.35"), Decimal("40.00"))


def test_placing_a_stand_on_another_halls_plan_moves_it_there():
    hall_a = FloorPlanFactory(name="Hala A")
    hall_b = FloorPlanFactory(event=hall_a.event, name="Hala B")
    stand = stand_of(hall_a.event, "3", "Uniwersytet Rolniczy")
    place_stand(stand=stand, floor_plan=hall_a, x=10, y=10)

    place_stand(stand=stand, floor_plan=hall_b, x=90, y=5)

    assert list(StandPlacement.objects.values_list("stand__number", "floor_plan__name", "x", "y")) == [
        ("3", "Hala B", Decimal("90.00"), Decimal("5.00"))
    ]


def test_a_stand_of_another_fair_cannot_be_placed():
    plan = FloorPlanFactory()
    other = stand_of(make_fair(), "7", "Akademia Sztuk Pięknych")

    with pytest.raises(PlacementError) as refused:
        place_stand(stand=other, floor_plan=plan, x=50, y=50)

    assert (
        refused.value.message
        == f"Stoisko 7 Akademia Sztuk Pięknych należy do innych targów niż plan {plan.name}."
    )
    assert not StandPlacement.objects.exists()


@pytest.mark.parametrize(("x", "y"), [(-1, 50), (50, "100.01"), ("abc", 3)])
def test_a_position_outside_the_image_is_refused(x, y):
    plan = FloorPlanFactory()
    stand = stand_of(plan.event, "1", "Uniwersytet Jagielloński")

    with pytest.raises(PlacementError):
        place_stand(stand=stand, floor_plan=plan, x=x, y=y)

    assert not StandPlacement.objects.exists()


def test_save_placements_takes_stands_off_this_plan_but_leaves_another_halls():
    hall_a = FloorPlanFactory(name="Hala A")
    hall_b = FloorPlanFactory(event=hall_a.event, name="Hala B")
    first = stand_of(hall_a.event, "1", "Uniwersytet Jagielloński")
    second = stand_of(hall_a.event, "2", "Politechnika Krakowska")
    third = stand_of(hall_a.event, "3", "Uniwersytet Rolniczy")
    place_stand(stand=first, floor_plan=hall_a, x=10, y=10)
    place_stand(stand=third, floor_plan=hall_b, x=30, y=30)

    counts = save_placements(
        floor_plan=hall_a, positions={first.pk: None, second.pk: (Decimal("20.5"), 70), third.pk: None}
    )

    assert counts == (1, 1)
    assert sorted(StandPlacement.objects.values_list("stand__number", "floor_plan__name", "x", "y")) == [
        ("2", "Hala A", Decimal("20.50"), Decimal("70.00")),
        ("3", "Hala B", Decimal("30.00"), Decimal("30.00")),
    ]


def test_save_placements_is_all_or_nothing():
    plan = FloorPlanFactory()
    good = stand_of(plan.event, "1", "Uniwersytet Jagielloński")
    foreign = stand_of(make_fair(), "2", "Politechnika Śląska")

    with pytest.raises(PlacementError):
        save_placements(floor_plan=plan, positions={good.pk: (10, 10), foreign.pk: (20, 20)})

    assert not StandPlacement.objects.exists()


# ---- the placing page (admin) -----------------------------------------------------------------


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(StaffFactory())
    return client


def test_staff_see_the_plan_with_the_stands_marked_and_a_field_per_stand(staff_client):
    plan = FloorPlanFactory(name="Hala A")
    placed = stand_of(plan.event, "12", "Politechnika Krakowska")
    unplaced = stand_of(plan.event, "13", "Uniwersytet Pedagogiczny")
    place_stand(stand=placed, floor_plan=plan, x="12.5", y=40)

    response = staff_client.get(f"/admin/fairs/plany/{plan.pk}/rozmiesc/")

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f'data-mark="{placed.pk}" title="12 Politechnika Krakowska" style="left: 12.50%; top: 40.00%"' in html
    )
    assert f'data-mark="{unplaced.pk}" title="13 Uniwersytet Pedagogiczny" hidden' in html
    assert f'name="x_{placed.pk}" value="12,50"' in html
    assert f'name="x_{unplaced.pk}"' in html


def test_staff_save_typed_positions_with_a_decimal_comma(staff_client):
    plan = FloorPlanFactory(name="Hala A")
    stand = stand_of(plan.event, "12", "Politechnika Krakowska")

    response = staff_client.post(
        f"/admin/fairs/plany/{plan.pk}/rozmiesc/", {f"x_{stand.pk}": "33,25", f"y_{stand.pk}": "61.5"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/fairs/plany/{plan.pk}/rozmiesc/"
    placement = StandPlacement.objects.get(stand=stand)
    assert (placement.x, placement.y) == (Decimal("33.25"), Decimal("61.50"))


def test_a_wrong_position_keeps_what_was_typed_with_a_polish_message(staff_client):
    plan = FloorPlanFactory(name="Hala A")
    first = stand_of(plan.event, "1", "Uniwersytet Jagielloński")
    second = stand_of(plan.event, "2", "Politechnika Krakowska")

    response = staff_client.post(
        f"/admin/fairs/plany/{plan.pk}/rozmiesc/",
        {f"x_{first.pk}": "150", f"y_{first.pk}": "20", f"x_{second.pk}": "40", f"y_{second.pk}": ""},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Położenie musi wynosić od 0 do 100 procent." in html
    assert "Podaj oba położenia (w poziomie i w pionie) albo żadnego." in html
    assert f'name="x_{first.pk}" value="150"' in html
    assert f'name="x_{second.pk}" value="40"' in html
    assert not StandPlacement.objects.exists()


def test_the_placing_page_is_for_staff_only():
    plan = FloorPlanFactory()
    url = f"/admin/fairs/plany/{plan.pk}/rozmiesc/"
    teacher = Client()
    teacher.force_login(TeacherFactory())

    assert Client().get(url).status_code == 302
    assert teacher.get(url).status_code == 302  # no admin access: Wagtail sends to the login page
    assert Client().post(url, {}).status_code == 302
    assert not StandPlacement.objects.exists()


def test_an_unknown_plan_is_404(staff_client):
    assert staff_client.get("/admin/fairs/plany/999999/rozmiesc/").status_code == 404


def test_staff_add_a_hall_plan_of_a_fair_and_go_on_to_place_its_stands(staff_client):
    fair = make_fair(title="Targi Edukacyjne")
    image = make_image("Plan hali", size=(200, 100))

    response = staff_client.post(
        "/admin/fairs/plany/new/",
        {
            "event": fair.pk,
            "name": "Hala główna",
            "image": image.pk,
            "description": "Jedna hala.",
            "position": 0,
        },
    )

    plan = FloorPlan.objects.get()
    assert (plan.event_id, plan.name, plan.image_id) == (fair.pk, "Hala główna", image.pk)
    assert response["Location"] == f"/admin/fairs/plany/{plan.pk}/rozmiesc/"


def test_a_hall_plan_belongs_to_a_fair_not_another_kind_of_event(staff_client):
    conference = EventPageFactory(kind="conference")
    image = make_image("Plan hali", size=(200, 100))

    response = staff_client.post(
        "/admin/fairs/plany/new/",
        {"event": conference.pk, "name": "Sala", "image": image.pk, "description": "", "position": 0},
    )

    assert response.status_code == 200
    assert not FloorPlan.objects.exists()


# ---- the public plan on the fair's page -------------------------------------------------------


def test_the_fair_page_shows_the_plan_with_links_in_zone_and_number_order(client):
    plan = FloorPlanFactory(name="Hala A", description="Wejście od południa.")
    fair = plan.event
    ten = stand_of(fair, "10", "Politechnika Krakowska", zone_number=1)
    two = stand_of(fair, "2", "Uniwersytet Jagielloński", zone_number=1)
    other_zone = stand_of(fair, "1", "Akademia Muzyczna", zone_number=2)
    page = StandPageFactory(stand=ten)
    for stand, x in ((other_zone, 10), (ten, 20), (two, 30)):
        place_stand(stand=stand, floor_plan=plan, x=x, y=50)

    response = client.get(fair.url)

    html = response.content.decode()
    marks = html[html.index('class="fair-plan__marks"') : html.index("</ol>", html.index("fair-plan__marks"))]
    assert [part.split('"')[0] for part in marks.split('href="')[1:]] == [
        f"#plan-stoisko-{two.pk}",
        page.url,
        f"#plan-stoisko-{other_zone.pk}",
    ]
    assert 'aria-label="Stoisko 10: Politechnika Krakowska">10</a>' in marks
    assert 'style="left: 30.00%; top: 50.00%"' in marks
    assert 'alt="Plan hali Hala A. Wejście od południa."' in html
    assert f'href="#plan-{plan.pk}-list">Pomiń plan Hala A: przejdź do listy jego stoisk</a>' in html
    assert f'<li id="plan-stoisko-{two.pk}">Stoisko 2: <strong>Uniwersytet Jagielloński</strong>' in html


def test_a_fair_without_plans_shows_no_plan_section(client):
    fair = make_fair()
    StandFactory(event=fair, zone=fair.zones.first())

    html = client.get(fair.url).content.decode()

    assert 'id="plan-hal"' not in html
    assert "fairs/floor_plans.css" not in html


def test_the_plan_is_shown_under_english_too(client):
    plan = FloorPlanFactory(name="Hall A")
    stand = stand_of(plan.event, "4", "Uniwersytet Ekonomiczny")
    place_stand(stand=stand, floor_plan=plan, x=5, y=5)

    html = client.get(f"/en{plan.event.url}").content.decode()

    assert "Plan of the halls" in html
    assert '<h3 id="plan-' in html and '-heading" lang="pl">Hall A</h3>' in html
    assert 'Stand 4: <strong><span lang="pl">Uniwersytet Ekonomiczny</span></strong>' in html
    assert 'aria-label="Stand 4: Uniwersytet Ekonomiczny">4</a>' in html


def test_the_plans_cost_the_same_queries_for_one_stand_or_many(client):
    client.force_login(UserFactory())  # signed in: the page is rendered, not served from the page cache
    plan = FloorPlanFactory()
    fair = plan.event
    second_plan = FloorPlanFactory(event=fair, name="Hala Z")
    place_stand(stand=stand_of(fair, "1", "Uczelnia 1"), floor_plan=plan, x=1, y=1)
    client.get(fair.url)  # renditions made once
    with CaptureQueriesContext(connection) as one:
        client.get(fair.url)
    for number in range(2, 12):
        stand = stand_of(fair, str(number), f"Uczelnia {number}", zone_number=1 + number % 2)
        StandPageFactory(stand=stand)
        place_stand(stand=stand, floor_plan=second_plan if number % 3 else plan, x=number, y=number)
    client.get(fair.url)
    with CaptureQueriesContext(connection) as many:
        html = client.get(fair.url).content.decode()

    assert html.count('class="fair-plan__mark"') == 11
    assert len(many) == len(one)


def test_placing_a_stand_shows_at_once_on_the_cached_fair_page(client, django_capture_on_commit_callbacks):
    plan = FloorPlanFactory(name="Hala A")
    stand = stand_of(plan.event, "5", "Akademia Wychowania Fizycznego")
    assert "Stoisko 5: Akademia Wychowania Fizycznego" not in client.get(plan.event.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        place_stand(stand=stand, floor_plan=plan, x=50, y=50)

    assert (
        'aria-label="Stoisko 5: Akademia Wychowania Fizycznego"'
        in client.get(plan.event.url).content.decode()
    )


def test_a_new_hall_plan_shows_at_once_on_the_cached_fair_page(client):
    fair = make_fair()
    assert 'id="plan-hal"' not in client.get(fair.url).content.decode()

    FloorPlanFactory(event=fair, name="Hala A")

    assert 'id="plan-hal"' in client.get(fair.url).content.decode()


# ---- the demo's plan image and its seed --------------------------------------------------------


def test_the_drawn_plan_is_a_png_with_every_stand_in_its_zone():
    fair = make_fair(zones=3)
    zones = list(fair.zones.order_by("number"))
    stands = [StandFactory(event=fair, zone=zones[n % 3], number=str(n)) for n in range(1, 8)]

    png = draw_hall_plan(zones, stands, title="Hala A")
    layout = layout_hall(zones, stands)

    assert Image.open(io.BytesIO(png)).size == (1600, 1000)
    zone_boxes = {zone.pk: box for zone, _rgb, box in layout.zones}
    for stand in stands:
        x, y = layout.position(stand)
        x0, y0, x1, y1 = zone_boxes[stand.zone_id]
        assert 100 * x0 / 1600 < x < 100 * x1 / 1600
        assert 100 * y0 / 1000 < y < 100 * y1 / 1000
    assert len({layout.position(stand) for stand in stands}) == 7


def test_the_demo_gives_the_university_fair_two_hall_plans_with_every_stand_placed_twice_the_same(
    demo_site,
):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ == "events.wagtail_hooks":
            fn(home=demo_site, stdout=None)

    demo.seed_floor_plans()
    first = list(
        StandPlacement.objects.order_by("stand_id").values_list("stand_id", "floor_plan__name", "x", "y")
    )
    plans = list(FloorPlan.objects.values_list("pk", "name", "image_id", "description"))
    demo.seed_floor_plans()

    fair_stands = Stand.objects.filter(event__slug="festiwal-uczelni-malopolska")
    assert [name for _pk, name, _image, _text in plans] == ["Hala A", "Hala B"]
    assert len(first) == fair_stands.count() == 34
    assert (
        list(
            StandPlacement.objects.order_by("stand_id").values_list("stand_id", "floor_plan__name", "x", "y")
        )
        == first
    )
    assert list(FloorPlan.objects.values_list("pk", "name", "image_id", "description")) == plans
    assert set(
        StandPlacement.objects.filter(floor_plan__name="Hala B").values_list("stand__zone__number", flat=True)
    ) == {7, 8, 9, 10, 11}
