import datetime
import io

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image, ImageDraw
from wagtail.models import Locale

from cms.blocks import CallToActionBlock
from cms.demo import funding_strip_png
from cms.fonts import polish_font
from cms.models import (
    AccessibilityStatement,
    HomePage,
    NavigationMenu,
    NavigationMenuItem,
    NewsIndexPage,
    NewsPage,
    SectionIndexPage,
    SiteSettings,
    StandardPage,
)
from cms.tests.factories import StaffFactory, add_news, make_document, make_image, publish_child

A11Y_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news_index(demo_site):
    return NewsIndexPage.objects.get(slug="aktualnosci")


def test_home_shows_hero_then_latest_news(client, demo_site):
    content = client.get("/").content.decode()

    assert content.index('<h1 id="hero-title">') < content.index("Najnowsze aktualności")
    assert content.count('class="card"') == 3


def test_standard_page_renders_every_shared_block(client, demo_site):
    image = make_image()
    document = make_document()
    page = publish_child(
        demo_site,
        StandardPage(
            title="Wszystkie bloki",
            slug="bloki",
            body=[
                ("heading", {"text": "Śródtytuł", "level": "h2"}),
                ("paragraph", "<p>Akapit tekstu.</p>"),
                ("image", {"image": image, "alt_text": "Uczniowie przy stoisku", "caption": "Targi 2026"}),
                ("documents", {"title": "Do pobrania", "documents": [document]}),
                ("accordion", {"title": "FAQ", "items": [{"question": "Czy?", "answer": "<p>Tak.</p>"}]}),
                (
                    "call_to_action",
                    {
                        "title": "Zapisz klasę",
                        "text": "",
                        "link_page": demo_site,
                        "link_url": "",
                        "button_label": "Zapisz",
                    },
                ),
                (
                    "table",
                    {
                        "data": [["Dzień", "Godzina"], ["Pon", "9:00"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Plan",
                    },
                ),
                ("quote", {"text": "Uczymy się całe życie.", "author": "Anna Nowak"}),
            ],
        ),
    )

    content = client.get(page.url).content.decode()

    assert "<h2>Śródtytuł</h2>" in content
    assert 'alt="Uczniowie przy stoisku"' in content and "<figcaption>Targi 2026</figcaption>" in content
    assert "Regulamin festiwalu" in content and "(PDF" in content
    assert "<summary>Czy?</summary>" in content
    assert '<a class="button" href="/">Zapisz</a>' in content
    assert "<caption>Plan</caption>" in content and 'role="region" tabindex="0" aria-label="Plan"' in content
    assert "<figcaption>Anna Nowak</figcaption>" in content


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "T", "button_label": "B", "link_url": "", "link_page": None}))


def test_section_index_lists_live_children(client, demo_site):
    section = publish_child(demo_site, SectionIndexPage(title="Dla uczniów", slug="dla-uczniow"))
    publish_child(section, StandardPage(title="Konkursy dla uczniów", slug="konkursy-info"))
    draft = StandardPage(title="Szkic", slug="szkic", live=False)
    section.add_child(instance=draft)

    content = client.get("/dla-uczniow/").content.decode()

    assert "Konkursy dla uczniów" in content
    assert "Szkic" not in content


def test_news_index_lists_items_newest_first_with_feeds(client, news_index):
    content = client.get("/aktualnosci/").content.decode()

    assert content.index("Kręci Mnie") < content.index("Edubus odwiedził") < content.index("Festiwal Zawodów")
    assert 'type="application/rss+xml"' in content and 'href="/aktualnosci/atom/"' in content


def test_news_page_shows_date_the_polish_way(client, news_index):
    content = client.get("/aktualnosci/edubus-w-brzegu/").content.decode()

    assert '<time datetime="2026-10-20">20 października 2026</time>' in content


def test_rss_and_atom_feeds_list_news(client, news_index):
    rss = client.get("/aktualnosci/rss/")
    atom = client.get("/aktualnosci/atom/")

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss.content.decode().count("<item>") == 3
    assert "http://testserver/aktualnosci/edubus-w-brzegu/" in rss.content.decode()
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert atom.content.decode().count("<entry>") == 3


@pytest.mark.parametrize(
    ("model", "image_field", "alt_field", "extra"),
    [
        (NewsPage, "image", "image_alt", {}),
        (HomePage, "hero_image", "hero_image_alt", {}),
    ],
)
def test_images_on_pages_require_alternative_text(db, model, image_field, alt_field, extra):
    page = model(title="Strona", slug="strona", **{image_field: make_image(), alt_field: "  "}, **extra)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert alt_field in error.value.message_dict


def test_site_settings_logos_require_alternative_text(demo_site):
    site_settings = SiteSettings.objects.get()
    site_settings.funding_logos = make_image()
    site_settings.funding_logos_alt = ""

    with pytest.raises(ValidationError) as error:
        site_settings.clean()

    assert "funding_logos_alt" in error.value.message_dict


def test_accessibility_statement_has_every_id_of_the_ministry_template(client, demo_site):
    content = client.get("/deklaracja-dostepnosci/").content.decode()

    missing = [name for name in A11Y_IDS if f'id="{name}"' not in content]
    assert missing == []
    assert '<time id="a11y-data-publikacja" datetime="2026-09-01">2026-09-01</time>' in content
    assert "zgodna z ustawą z dnia 4 kwietnia 2019 r." in content


def test_partially_compliant_statement_must_list_inaccessible_content(db):
    statement = AccessibilityStatement(status=AccessibilityStatement.Status.PARTIAL, non_compliance="")

    with pytest.raises(ValidationError) as error:
        statement.clean()

    assert "non_compliance" in error.value.message_dict


def test_privacy_notice_names_legal_bases_rights_and_uodo(client, demo_site):
    content = client.get("/polityka-prywatnosci/").content.decode()

    for fragment in (
        "art. 6 ust. 1 lit. e RODO",
        "art. 6 ust. 1 lit. a RODO",
        "Prezesa",
        "Urzędu Ochrony Danych",
    ):
        assert fragment in content


@pytest.mark.parametrize("path", ["/", "/o-nas/", "/szukaj/", "/en/", "/accounts/login/", "/nie-ma/"])
def test_every_page_footer_links_both_legal_pages(client, demo_site, path):
    content = client.get(path).content.decode()
    english = path.startswith("/en/")

    assert ('href="/en/privacy-notice/"' if english else 'href="/polityka-prywatnosci/"') in content
    assert (
        'href="/en/accessibility-statement/"' if english else 'href="/deklaracja-dostepnosci/"'
    ) in content
    assert "Krajowego Planu Odbudowy" in content or "National Recovery" in content


def test_language_switcher_links_to_the_translated_page(client, demo_site):
    content = client.get("/o-nas/").content.decode()

    assert '<a href="/en/about-us/" hreflang="en" lang="en">English</a>' in content
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-us/">' in content
    assert '<link rel="canonical" href="http://testserver/o-nas/">' in content


def test_language_switcher_keeps_a_page_without_translation_in_the_other_layout(client, demo_site):
    content = client.get("/dla-szkol/").content.decode()
    english = client.get("/en/dla-szkol/").content.decode()

    assert '<a href="/en/dla-szkol/" hreflang="en" lang="en">English</a>' in content
    assert 'hreflang="en" href=' not in content  # no alternate for a page that is not translated
    assert '<html lang="en">' in english
    assert '<article class="page" lang="pl">' in english
    assert '<a href="/dla-szkol/" hreflang="pl" lang="pl">Polski</a>' in english


def test_language_switcher_of_an_english_only_page_falls_back_to_the_polish_home(client, demo_site):
    english_home = demo_site.get_translation(Locale.objects.get(language_code="en"))
    publish_child(english_home, StandardPage(title="Only in English", slug="only-in-english"))

    content = client.get("/en/only-in-english/").content.decode()

    assert '<a href="/" hreflang="pl" lang="pl">Polski</a>' in content
    assert '<article class="page">' in content


def test_language_switcher_keeps_the_url_outside_wagtail_pages(client, demo_site):
    polish = client.get("/accounts/login/").content.decode()
    english = client.get("/en/search/?q=Edubus").content.decode()

    assert '<a href="/en/accounts/login/" hreflang="en"' in polish
    assert '<a href="/szukaj/?q=Edubus" hreflang="pl"' in english
    assert '<form action="/i18n/setlang/' not in polish


def test_english_tree_exists_for_home_about_contact_legal_and_news(client, demo_site):
    for path in [
        "/en/",
        "/en/about-us/",
        "/en/contact/",
        "/en/privacy-notice/",
        "/en/accessibility-statement/",
        "/en/news/",
        "/en/news/edubus-in-brzeg/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.content.decode()


def test_staff_menu_replaces_the_show_in_menus_fallback(client, demo_site):
    menu = NavigationMenu.objects.create(
        kind=NavigationMenu.Kind.MAIN, locale=Locale.objects.get(language_code="pl")
    )
    NavigationMenuItem.objects.create(
        menu=menu, link_page=StandardPage.objects.get(slug="kontakt"), label="Napisz do nas"
    )
    NavigationMenuItem.objects.create(
        menu=menu, link_url="https://bip.example.org/", label="BIP", sort_order=1
    )

    content = client.get("/").content.decode()
    nav = content[
        content.index('class="main-nav"') : content.index("</nav>", content.index('class="main-nav"'))
    ]

    assert '<a href="/kontakt/">Napisz do nas</a>' in nav
    assert '<a href="https://bip.example.org/">BIP</a>' in nav
    assert "Dla szkół" not in nav


def test_search_finds_pages_of_the_current_language_only(client, demo_site):
    polish = client.get("/szukaj/", {"q": "Edubus"}).content.decode()
    english = client.get("/en/search/", {"q": "Edubus"}).content.decode()

    assert "Edubus odwiedził Szkołę Podstawową nr 3 w Brzegu" in polish
    assert "The Edubus visited" not in polish
    assert "The Edubus visited Primary School No. 3 in Brzeg" in english
    assert '<meta name="robots" content="noindex">' in polish


def test_search_without_results_says_so(client, demo_site):
    content = client.get("/szukaj/", {"q": "xyzzy"}).content.decode()

    assert "Brak wyników dla „xyzzy”" in content


def _count_queries(client, path, **params):
    client.get(path, params)  # warm the process caches (content types, renditions)
    cache.clear()  # but not the page cache: measure a real render
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries)


def test_news_index_query_count_does_not_grow_with_items(client, demo_site):
    small = publish_child(demo_site, NewsIndexPage(title="Mała", slug="mala"))
    large = publish_child(demo_site, NewsIndexPage(title="Duża", slug="duza"))
    add_news(small, 2, prefix="Mala")
    add_news(large, 9, prefix="Duza")
    for image_page in [*NewsPage.objects.child_of(small)[:1], *NewsPage.objects.child_of(large)[:3]]:
        image_page.image, image_page.image_alt = make_image(), "Zdjęcie"
        image_page.save_revision().publish()
    assert _count_queries(client, "/mala/") == _count_queries(client, "/duza/")


def test_search_query_count_does_not_grow_with_results(client, demo_site):
    add_news(NewsIndexPage.objects.get(slug="aktualnosci"), 2, prefix="Rzadki")
    add_news(NewsIndexPage.objects.get(slug="aktualnosci"), 9, prefix="Czesty")

    assert _count_queries(client, "/szukaj/", q="Rzadki") == _count_queries(client, "/szukaj/", q="Czesty")


def test_anonymous_home_sets_no_cookie(client, demo_site):
    response = client.get("/")

    assert response.cookies == {}
    assert client.get("/en/").cookies == {}


def test_anonymous_page_is_served_from_cache_and_publish_shows_change_at_once(client, demo_site):
    about = StandardPage.objects.get(slug="o-nas")
    assert client.get("/o-nas/")["X-Page-Cache"] == "miss"
    assert client.get("/o-nas/")["X-Page-Cache"] == "hit"

    about.title = "O nas — nowy tytuł"
    about.save_revision().publish()
    response = client.get("/o-nas/")

    assert response["X-Page-Cache"] == "miss"
    assert "O nas — nowy tytuł" in response.content.decode()
    assert "O nas — nowy tytuł" in client.get("/").content.decode()  # the menu changed too


def test_unpublish_removes_the_cached_page_at_once(client, news_index):
    assert client.get("/aktualnosci/edubus-w-brzegu/").status_code == 200
    NewsPage.objects.get(slug="edubus-w-brzegu").unpublish()

    assert client.get("/aktualnosci/edubus-w-brzegu/").status_code == 404


def test_cache_keys_differ_by_language(client, demo_site):
    client.get("/")
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_logged_in_users_never_get_cached_pages(client, demo_site):
    client.get("/")
    client.force_login(StaffFactory())

    response = client.get("/")

    assert "X-Page-Cache" not in response
    assert "Wyloguj" in response.content.decode()


def test_sitemap_lists_both_languages_and_robots_points_to_it(client, demo_site):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/o-nas/</loc>" in sitemap and "/en/about-us/</loc>" in sitemap
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_news_page_has_open_graph_image_and_description(client, news_index):
    news = NewsPage.objects.get(slug="edubus-w-brzegu")
    news.image, news.image_alt = make_image(), "Edubus przed szkołą"
    news.save_revision().publish()

    content = client.get(news.url).content.decode()

    assert '<meta property="og:type" content="article">' in content
    assert (
        '<meta property="og:image" content="http://testserver/media/images/test.2e16d0ba.fill-1200x630'
        in content
        or 'og:image" content="http://testserver/media/images/test' in content
    )
    assert '<meta name="description" content="Ponad stu uczniów' in content


def test_news_date_default_is_today(db):
    assert NewsPage().date == datetime.date.today()


class ReadRecordingCache(LocMemCache):
    """A real local-memory cache that also records the keys asked for."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self.reads = []

    def get(self, key, default=None, version=None):
        self.reads.append(key)
        return super().get(key, default, version)


def test_a_path_that_cannot_be_a_page_skips_the_page_cache(client, demo_site, settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.ReadRecordingCache", "LOCATION": "skip"}}

    assert client.get("/robots.txt").status_code == 200
    assert [key for key in caches["default"].reads if key.startswith("edufest:pagecache:")] == []

    assert client.get("/o-nas/")["X-Page-Cache"] == "miss"
    assert client.get("/o-nas/")["X-Page-Cache"] == "hit"


def test_demo_funding_strip_is_drawn_in_a_font_that_has_the_polish_letters():
    font = polish_font(30)

    def drawn(letter):
        image = Image.new("L", (48, 48))
        ImageDraw.Draw(image).text((4, 4), letter, font=font, fill=255)
        return image.tobytes()

    missing = drawn("\U0010fffd")  # a code point no font has: the "tofu" box
    strip = Image.open(io.BytesIO(funding_strip_png()))

    assert [letter for letter in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" if drawn(letter) == missing] == []
    assert strip.size == (1280, 160)  # shown 80 px high: type of 15-17 px


def test_footer_shows_the_funding_strip_sharp_and_at_most_80_px_high(client, demo_site):
    content = client.get("/").content.decode()

    img = content[content.index('<div class="funding-strip">') :].split(">", 2)[1]
    assert 'class="funding-logos" height="160" src="/media/images/kpo-ue-logos-v2.height-160.png"' in img
    assert 'width="1280"' in img
