"""axe-core (WCAG 2.1 A/AA) on the public privacy pages and on a form showing a versioned notice."""

import re
from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from cms import demo
from cms.outbox.models import OutgoingEmail
from cms.privacy import demo as privacy_demo
from cms.tests.factories import restore_base_data
from tests.a11y import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db):
    restore_base_data()
    cache.clear()
    demo.seed(stdout=None)
    privacy_demo.ensure_first_versions()


def test_asking_for_an_export_by_keyboard_is_accessible(page, site):
    page.goto("/prywatnosc/moje-dane/")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Wyślij mi link potwierdzający").click()
    assert page.get_by_text("To pole jest wymagane.").first.is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Twój adres e-mail").fill("anna@example.org")
    page.get_by_label("eksport moich danych").check()
    page.get_by_role("button", name="Wyślij mi link potwierdzający").click()
    page.wait_for_url("**/prywatnosc/moje-dane/wyslano/")
    assert_no_axe_violations(page)

    body = OutgoingEmail.objects.get(to=["anna@example.org"]).body_text
    page.goto(urlparse(re.search(r"http://\S+/potwierdz/\S+/", body).group(0)).path)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Potwierdź wniosek").click()
    assert page.get_by_role("heading", name="Wniosek potwierdzony").is_visible()
    assert_no_axe_violations(page)


def test_the_notice_on_a_form_opens_its_full_text(page, site):
    page.goto("/accounts/signup/")
    page.get_by_text("Przeczytaj pełną klauzulę informacyjną").click()
    assert page.get_by_text("Administratorem danych jest Wojewódzki Urząd Pracy").first.is_visible()
    assert_no_axe_violations(page)
