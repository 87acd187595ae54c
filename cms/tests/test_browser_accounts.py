import re

import pytest
from django.core import mail

from tests.a11y import assert_no_axe_violations

PASSWORD = re.compile(r"^Hasło:?$")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_signs_up_verifies_email_and_logs_in(page, demo_site):
    page.goto("/accounts/signup/")
    page.get_by_label("Imię").fill("Ewa")
    page.get_by_label("Nazwisko").fill("Kowalska")
    page.get_by_label("Email").fill("ewa@example.org")
    page.get_by_label(PASSWORD).fill("Zielona-Gora-2026!")
    page.get_by_label(re.compile(r"^Hasło \(ponownie\)")).fill("Zielona-Gora-2026!")
    page.get_by_role("button", name="Zarejestruj się").click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url("**/szkola/")
    assert page.get_by_role("heading", name="Strefa szkoły", level=1).is_visible()
    assert page.get_by_role("heading", name="Zapisy klas", level=2).is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Wyloguj").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("ewa@example.org")
    page.get_by_label(PASSWORD).fill("Zielona-Gora-2026!")
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    page.wait_for_url("**/szkola/")

    assert page.get_by_role("button", name="Wyloguj").is_visible()
    page.get_by_role("link", name="Strefa szkoły").first.click()
    page.wait_for_url("**/szkola/")
