"""Changes that alter what pages show empty the anonymous page cache at once."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from cms.models import StandardPage


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_restricting_a_page_takes_it_out_of_the_anonymous_cache_at_once(client, demo_site):
    assert client.get("/o-nas/").status_code == 200
    assert client.get("/o-nas/")["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug="o-nas"), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/o-nas/")

    assert response.status_code == 302
    assert response["Location"] == "/_util/login/?next=/o-nas/"
