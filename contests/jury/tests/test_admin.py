import pytest
from django.urls import reverse

from cms.tests.factories import StaffFactory
from contests.jury.models import Round
from contests.jury.tests.factories import make_contest

pytestmark = pytest.mark.django_db


def test_staff_define_a_round_with_criteria_in_the_wagtail_admin(client):
    contest = make_contest()
    client.force_login(StaffFactory())
    data = {
        "contest": contest.pk,
        "name": "Finał",
        "kind": "final",
        "order": "1",
        "intake": "accepted",
        "laureate_places": "3",
        "aggregation": "trimmed",
        "jury_weight": "100",
        "public_weight": "0",
        "external_weight": "0",
        "composite_mode": "raw",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "Pomysł",
        "criteria-0-weight": "2",
        "criteria-0-scale_min": "0",
        "criteria-0-scale_max": "10",
        "criteria-0-required": "on",
        "criteria-0-ORDER": "1",
    }
    response = client.post(reverse("jury_round:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    round = Round.objects.get()
    assert (round.name, round.aggregation) == ("Finał", "trimmed")
    assert list(round.criteria.values_list("name", "weight")) == [("Pomysł", 2)]


def test_staff_open_the_jury_menu_pages(client):
    client.force_login(StaffFactory())
    for name in ("jury_round:index", "jury_juror:index", "jury_vote:index", "jury_admin:rounds"):
        assert client.get(reverse(name)).status_code == 200, name
