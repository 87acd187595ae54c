"""`make bench` (bench/): its baseline views stay off unless the benchmark turns them on."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from bench import load, views


def test_bench_views_are_off_by_default(client, db):
    assert settings.EDUFEST_BENCH_VIEWS is False
    with pytest.raises(NoReverseMatch):
        reverse("bench:insert")
    assert client.get("/bench/bare", follow=True).status_code == 404


def test_bare_view_answers_a_short_string():
    response = views.bare(RequestFactory().get("/bench/bare"))

    assert (response.status_code, response.content) == (200, b"ok")


def test_bench_scripts_import_and_percentiles_use_nearest_rank():
    import bench.queries  # noqa: PLC0415 — importing the bench scripts is what this test checks
    import bench.run  # noqa: PLC0415 — importing the bench scripts is what this test checks
    import bench.seed  # noqa: F401, PLC0415 — importing the bench scripts is what this test checks

    assert load.percentile(list(range(1, 101)), 0.5) == 50
    assert load.percentile(list(range(1, 101)), 0.95) == 95
    assert load.percentile([], 0.95) is None
