import os

import pytest
from django.core.management import call_command

from events.edubus import queries
from events.edubus.models import Stop, StopReport, Vehicle, VisitRequest


@pytest.mark.django_db
def test_demo_is_feasible_complete_and_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    counts = (
        Vehicle.objects.count(),
        Stop.objects.count(),
        StopReport.objects.count(),
        VisitRequest.objects.count(),
    )
    call_command("seed_demo", stdout=open(os.devnull, "w"))

    assert (
        Vehicle.objects.count(),
        Stop.objects.count(),
        StopReport.objects.count(),
        VisitRequest.objects.count(),
    ) == counts
    assert counts == (2, 10, 1, 2)
    assert Stop.objects.filter(status="cancelled").count() == 1
    assert Stop.objects.filter(is_public=False).count() == 1
    assert set(Stop.objects.values_list("kind", flat=True)) == {
        "school",
        "fair",
        "harvest_festival",
        "open_event",
    }
    assert set(Stop.objects.values_list("voivodeship", flat=True)) == {"16"}
    assert VisitRequest.objects.filter(status="new").count() == 2
    for stop in Stop.objects.exclude(status="cancelled").select_related("vehicle"):
        assert queries.stop_violations(stop) == [], stop.place_name
