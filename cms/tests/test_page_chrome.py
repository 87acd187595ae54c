"""The header and footer of every page (menus, legal pages, language links) are read once per
generation of the page cache: an uncached render does not read them again, and every change that
alters them shows at once, with or without the anonymous page cache."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from cms.models import NavigationMenu, NavigationMenuItem, NewsIndexPage, SiteSettings, StandardPage


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor(client):
    """An anonymous visitor with a session cookie: the page cache leaves it out, every page renders."""
    client.cookies["sessionid"] = "x"
    return client


def tables_read(client, path):
    """The table each query of a request reads first (or the statement's start)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return [(re.search(r'FROM "(\w+)"', query["sql"]) or [query["sql"][:60]] * 2)[1] for query in queries]


def main_nav(content):
    start = content.index('class="main-nav"')
    return content[start : content.index("</nav>", start)]


def footer_nav(content):
    start = content.index('aria-labelledby="footer-links"')
    return content[start : content.index("</nav>", start)]


def test_second_uncached_render_reads_no_menu_legal_page_translation_or_ancestor(visitor, demo_site):
    first = tables_read(visitor, "/o-nas/")
    second = tables_read(visitor, "/o-nas/")

    assert first.count("cms_navigationmenu") == 2  # the main and the footer menu
    assert second == [  # the route, the page's privacy, the settings with their logos
        "wagtailcore_site",
        "wagtailcore_locale",
        "cms_homepage",
        "wagtailcore_page",
        "cms_standardpage",
        "wagtailcore_page",
        "wagtailcore_pageviewrestriction",
        "cms_sitesettings",
    ]


def test_menu_change_shows_at_once_on_an_uncached_page(visitor, demo_site):
    menu = NavigationMenu.objects.create(
        kind=NavigationMenu.Kind.MAIN, locale=Locale.objects.get(language_code="pl")
    )
    item = NavigationMenuItem.objects.create(
        menu=menu, link_page=StandardPage.objects.get(slug="kontakt"), label="Kontakt"
    )
    assert '<a href="/kontakt/">Kontakt</a>' in main_nav(visitor.get("/o-nas/").content.decode())

    item.label = "Napisz do nas"
    item.save()

    assert '<a href="/kontakt/">Napisz do nas</a>' in main_nav(visitor.get("/o-nas/").content.decode())


def test_published_title_shows_at_once_in_the_fallback_menu(visitor, demo_site):
    assert ">Dla szkół</a>" in main_nav(visitor.get("/o-nas/").content.decode())
    page = StandardPage.objects.get(slug="dla-szkol")
    page.title = "Dla szkół i przedszkoli"
    page.save_revision().publish()

    assert '<a href="/dla-szkol/">Dla szkół i przedszkoli</a>' in main_nav(
        visitor.get("/o-nas/").content.decode()
    )


def test_another_privacy_page_in_the_settings_shows_at_once(visitor, demo_site):
    assert 'href="/polityka-prywatnosci/"' in footer_nav(visitor.get("/o-nas/").content.decode())
    settings = SiteSettings.objects.get()
    settings.privacy_page = StandardPage.objects.get(slug="kontakt")
    settings.save()

    footer = footer_nav(visitor.get("/o-nas/").content.decode())

    assert 'href="/polityka-prywatnosci/"' not in footer
    assert footer.count('<a href="/kontakt/">') == 1


def test_published_translation_shows_at_once_in_the_language_switcher(visitor, demo_site):
    assert (
        '<a href="/en/dla-szkol/" hreflang="en" lang="en">English</a>'
        in visitor.get("/dla-szkol/").content.decode()
    )
    english = StandardPage.objects.get(slug="dla-szkol").copy_for_translation(
        Locale.objects.get(language_code="en")
    )
    english.slug = "for-schools"
    english.save_revision().publish()

    content = visitor.get("/dla-szkol/").content.decode()

    assert '<a href="/en/for-schools/" hreflang="en" lang="en">English</a>' in content
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/for-schools/">' in content


def test_published_title_of_a_parent_shows_at_once_in_the_breadcrumbs(visitor, demo_site):
    path = "/aktualnosci/edubus-w-brzegu/"
    assert '<li><a href="/aktualnosci/">Aktualności</a></li>' in visitor.get(path).content.decode()
    news = NewsIndexPage.objects.get(slug="aktualnosci")
    news.title = "Wiadomości"
    news.save_revision().publish()

    assert '<li><a href="/aktualnosci/">Wiadomości</a></li>' in visitor.get(path).content.decode()


def test_restricting_a_page_takes_it_out_of_the_anonymous_cache_at_once(client, demo_site):
    assert client.get("/o-nas/").status_code == 200
    assert client.get("/o-nas/")["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug="o-nas"), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/o-nas/")

    assert response.status_code == 302
    assert (
        response["Location"] == "/accounts/login/?next=/o-nas/"
    )  # the one login (WAGTAIL_FRONTEND_LOGIN_URL)
