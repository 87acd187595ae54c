"""Browser flows on Debian's Chromium: an individual registers and cancels by the e-mail link; a
teacher registers a class and edits the head-count."""

import re

import pytest
from django.conf import settings
from django.test import Client

from .factories import GroupTicketTypeFactory, TicketTypeFactory, make_teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_individual_registers_sees_the_ticket_and_cancels_by_the_mail_link(page, mailoutbox):
    ticket_type = TicketTypeFactory(capacity=5)

    page.goto(f"/zapisy/wydarzenie/{ticket_type.event_id}/")
    page.get_by_label("Imię i nazwisko").fill("Zofia Wiśniewska")
    page.get_by_label("E-mail").fill("zofia@example.org")
    page.get_by_role("button", name="Zapisz się").click()

    # Without consent the form comes back with its message and keeps what was typed.
    assert page.get_by_text("Potwierdź, że zapoznałeś(-aś) się z klauzulą informacyjną.").is_visible()
    assert page.get_by_label("Imię i nazwisko").input_value() == "Zofia Wiśniewska"
    page.get_by_label("Zapoznałem/zapoznałam się z klauzulą informacyjną.").check()
    page.get_by_role("button", name="Zapisz się").click()

    # The page tells nothing about the address; the ticket and its links come by mail.
    page.get_by_role("heading", name=re.compile("Zgłoszenie przyjęte")).wait_for()
    [mail] = [m for m in mailoutbox if m.to == ["zofia@example.org"]]
    ticket_path = re.search(re.escape(settings.SITE_URL) + r"(/bilet/[^/\s]+/)", mail.body).group(1)
    page.goto(ticket_path)
    assert page.locator("svg.qr-code").count() == 1
    cancel_path = re.search(re.escape(settings.SITE_URL) + r"(/zapisy/[^/\s]+/anuluj/)", mail.body).group(1)

    page.goto(cancel_path)
    page.get_by_role("button", name="Tak, anuluj zgłoszenie").click()

    page.wait_for_selector('[data-status="cancelled"]')
    assert page.get_by_text("Twoje zgłoszenie zostało anulowane.").is_visible()


def test_teacher_registers_a_class_and_edits_the_head_count(page, live_server):
    ticket_type = GroupTicketTypeFactory(capacity=60, max_group_size=30)
    teacher = make_teacher()
    client = Client()
    client.force_login(teacher)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto(f"/zapisy/wydarzenie/{ticket_type.event_id}/klasa/")
    page.get_by_label("Telefon nauczyciela").fill("600 100 200")
    page.get_by_label("Nazwa szkoły").fill("Publiczna Szkoła Podstawowa nr 5 w Opolu")
    page.get_by_label("Miejscowość szkoły").fill("Opole")
    page.select_option("#id_school_voivodeship", "16")
    page.select_option("#id_school_county", "1661")
    page.get_by_label("Liczba uczniów").fill("24")
    page.get_by_label("Opiekunowie (dorośli)").fill("2")
    page.get_by_label("Zapoznałem/zapoznałam się z klauzulą informacyjną.").check()
    page.get_by_role("button", name="Zapisz klasę").click()
    page.wait_for_selector('[data-status="confirmed"]')

    page.get_by_role("link", name="Strefa szkoły").first.click()
    page.wait_for_url("**/szkola/")
    assert page.get_by_text("uczniowie: 24, opiekunowie: 2 (miejsca: 26)").is_visible()
    page.get_by_label("Liczba uczniów").fill("40")
    page.get_by_role("button", name="Zapisz liczbę osób").click()
    assert page.get_by_text("Najwyżej 30 osób razem z opiekunami.").first.is_visible()
    page.get_by_label("Liczba uczniów").fill("20")
    page.get_by_role("button", name="Zapisz liczbę osób").click()

    page.wait_for_url("**/szkola/#klasy")
    assert page.get_by_text("Liczba osób została zmieniona. Potwierdzenie wysłaliśmy e-mailem.").is_visible()
    assert page.get_by_text("uczniowie: 20, opiekunowie: 2 (miejsca: 22)").is_visible()
