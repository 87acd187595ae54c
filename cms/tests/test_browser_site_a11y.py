"""axe-core (WCAG 2.1 A/AA) on every cms page type, in Chromium; keyboard and small-screen checks."""

import itertools

import pytest
from django.core.cache import cache

from cms import demo
from cms.models import SectionIndexPage, StandardPage
from cms.tests.factories import make_document, make_image, publish_child, restore_base_data
from tests.a11y import assert_no_axe_violations, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_pages(transactional_db):
    restore_base_data()
    cache.clear()
    demo_site = demo.seed(stdout=None)
    section = publish_child(
        demo_site, SectionIndexPage(title="Dla uczniów", slug="dla-uczniow", lead="Wszystko dla uczniów.")
    )
    publish_child(
        section,
        StandardPage(
            title="Wszystkie bloki",
            slug="bloki",
            lead="Strona z każdym rodzajem bloku.",
            body=[
                ("heading", {"text": "Śródtytuł", "level": "h2"}),
                ("paragraph", "<p>Akapit z <a href='/kontakt/'>odnośnikiem do kontaktu</a>.</p>"),
                ("image", {"image": make_image(), "alt_text": "Uczniowie przy stoisku", "caption": "Targi"}),
                ("documents", {"title": "Do pobrania", "documents": [make_document()]}),
                ("accordion", {"title": "Pytania", "items": [{"question": "Czy?", "answer": "<p>Tak.</p>"}]}),
                (
                    "call_to_action",
                    {
                        "title": "Zapisz klasę",
                        "text": "Zapisy trwają.",
                        "link_page": demo_site,
                        "link_url": "",
                        "button_label": "Zapisz klasę na wydarzenie",
                    },
                ),
                (
                    "table",
                    {
                        "data": [["Dzień", "Godzina"], ["Poniedziałek", "9:00"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Plan dnia",
                    },
                ),
                ("quote", {"text": "Uczymy się całe życie.", "author": "Anna Nowak"}),
            ],
        ),
    )
    return demo_site


PAGES = [
    "/",
    "/en/",
    "/dla-uczniow/",
    "/dla-uczniow/bloki/",
    "/aktualnosci/",
    "/aktualnosci/edubus-w-brzegu/",
    "/szukaj/?q=Edubus",
    "/polityka-prywatnosci/",
    "/deklaracja-dostepnosci/",
    "/en/accessibility-statement/",
    "/nie-ma-takiej-strony/",
    "/accounts/login/",
    "/accounts/signup/",
]


def test_every_cms_page_type_has_no_axe_violations(page, site_pages):
    failures = []
    for path in PAGES:
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path}: " + ", ".join(v["id"] for v in violations))
    # The sign-up form with its errors shown.
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Zarejestruj się").click()
    page.wait_for_selector(".errorlist")
    violations = axe_violations(page)
    if violations:
        failures.append("/accounts/signup/ (errors): " + ", ".join(v["id"] for v in violations))
    page.goto("/szukaj/?q=Edubus")
    results = page.locator("#results-heading").inner_text()

    assert failures == []
    assert results.startswith("3 wyniki")


def test_axe_check_fails_on_a_broken_snippet(page, live_server):
    page.set_content(
        '<html><head><title>Zepsuta</title></head><body><main><img src="x.png">'
        '<input type="text"><a href="/"></a></main></body></html>'
    )

    with pytest.raises(AssertionError) as error:
        assert_no_axe_violations(page)

    message = str(error.value)
    assert "image-alt" in message and "label" in message and "link-name" in message


def test_keyboard_small_screens_large_text_headings_and_reduced_motion(page, site_pages):
    # The skip link is the first stop and moves focus to the main content.
    page.goto("/o-nas/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text() == "Przejdź do głównej treści"
    assert focused.bounding_box()["x"] >= 0
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    # Headings start at h1 and never skip a level inside <main>.
    wrong = []
    for path in PAGES:
        page.goto(path)
        levels = page.evaluate(
            "[...document.querySelectorAll('main h1, main h2, main h3, main h4')].map(h => +h.tagName[1])"
        )
        if not levels or levels[0] != 1 or any(b - a > 1 for a, b in itertools.pairwise(levels)):
            wrong.append((path, levels))
    assert wrong == []

    # 320 px wide: no horizontal scrolling.
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = []
    for path in ["/", "/dla-uczniow/bloki/", "/deklaracja-dostepnosci/", "/szukaj/?q=Edubus"]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide.append((path, width))
    assert too_wide == []

    # Text at 200 % on a 640 px window still fits.
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto("/")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640

    # Reduced motion turns transitions off.
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    assert page.evaluate("getComputedStyle(document.querySelector('a')).transitionDuration") in ("0s", "")
