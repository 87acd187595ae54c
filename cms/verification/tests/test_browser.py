"""axe-core (WCAG 2.1 A/AA) on the verification pages: the form, a valid, a revoked and an unknown code."""

import pytest
from django.core.cache import cache

from cms import demo
from cms.tests.factories import StaffFactory, restore_base_data
from cms.verification import services
from tests.a11y import assert_no_axe_violations

from .factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db):
    restore_base_data()
    cache.clear()
    demo.seed(stdout=None)


def test_checking_a_code_by_keyboard_is_accessible(page, site):
    valid = DocumentFactory(code="K7QMAXHD9P")
    revoked = DocumentFactory(code="M4RC9TVW3D")
    services.revoke(revoked, reason="Wystawione omyłkowo", by=StaffFactory())

    page.goto("/weryfikacja/")
    assert_no_axe_violations(page)
    page.get_by_label("Kod dokumentu").fill("k7qm-axhd-9p")
    page.get_by_label("Kod dokumentu").press("Enter")
    page.wait_for_url(f"**/weryfikacja/{valid.code}/")
    assert page.get_by_role("heading", name="Dokument ważny").is_visible()
    assert_no_axe_violations(page)

    page.goto(f"/weryfikacja/{revoked.code}/")
    assert page.get_by_role("heading", name="Dokument unieważniony").is_visible()
    assert_no_axe_violations(page)

    page.goto("/en/weryfikacja/K7QMAXHD9Q/")
    assert page.get_by_role("heading", name="Unknown code").is_visible()
    assert_no_axe_violations(page)
