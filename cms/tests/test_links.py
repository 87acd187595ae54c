"""Absolute URLs come from SITE_URL alone (cms.links); links inside the site stay paths."""

import pytest
from wagtail.models import Site

from cms import links


@pytest.fixture
def port_8200(settings):
    settings.SITE_URL = "http://127.0.0.1:8200"


def test_absolute_url_puts_a_path_on_site_url(port_8200):
    assert links.absolute_url("/bilet/abc/") == "http://127.0.0.1:8200/bilet/abc/"
    assert links.absolute_url("kalendarz/") == "http://127.0.0.1:8200/kalendarz/"
    assert links.absolute_url() == "http://127.0.0.1:8200"


def test_absolute_url_keeps_a_url_of_another_site(port_8200):
    assert links.absolute_url("https://example.org/webinar/") == "https://example.org/webinar/"


def test_absolute_url_ignores_a_trailing_slash_of_site_url(settings):
    settings.SITE_URL = "https://edufest.example.org/"

    assert links.absolute_url("/o-nas/") == "https://edufest.example.org/o-nas/"


def test_relative_url_turns_a_url_on_site_url_into_a_path(port_8200):
    assert links.relative_url("http://127.0.0.1:8200/wydarzenia/targi/") == "/wydarzenia/targi/"
    assert links.relative_url("http://127.0.0.1:8200?x=1") == "?x=1"
    assert links.relative_url("http://127.0.0.1:8200") == "/"
    assert links.relative_url("http://127.0.0.1:82001/x/") == "http://127.0.0.1:82001/x/"
    assert links.relative_url("https://example.org/x/") == "https://example.org/x/"


def test_page_url_is_on_site_url_not_on_the_wagtail_site_host(port_8200, demo_site):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    about = site.root_page.get_children().get(slug="o-nas")

    assert links.page_url(about) == "http://127.0.0.1:8200/o-nas/"


def test_domain_host_and_port_of_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8200"
    assert (links.site_domain(), links.site_host_and_port()) == ("127.0.0.1:8200", ("127.0.0.1", 8200))
    settings.SITE_URL = "https://edufest.example.org"
    assert (links.site_domain(), links.site_host_and_port()) == (
        "edufest.example.org",
        ("edufest.example.org", 443),
    )
