"""The whole journey of a fair's exhibitor in Chromium, one browser session per person.

An exhibitor signs up (verifying the address), applies to the fair's open call and sends the
application; a staff member (signed in with the second factor) accepts it in the review page and
gives it stand 7 in zone 2; the exhibitor, from its own area, edits the stand page (a description
and a workshop, then the English description in /en/) and sees the public page show it, names two
stand staff and downloads their passes as one PDF; a visitor of the fair's page reaches the stand
on the hall's plan with the keyboard only."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from cms.tests.factories import StaffFactory, current_totp_code, make_image
from events.fairs import services
from events.fairs.models import EXHIBITOR, Application, ExhibitorPass, FloorPlan
from events.fairs.tests.factories import ExhibitorCallFactory, make_fair
from events.tests.factories import StandFactory
from tests.a11y import assert_no_axe_violations
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
PASSWORD = "Zielona-Gora-2026!"
INSTITUTION = "Politechnika Opolska"


@pytest.fixture(autouse=True)
def _exhibitor_role():
    """A transactional test's flush removes the role made by migration 0002_exhibitor_role, which
    conftest's restore_base_data does not make again."""
    Group.objects.get_or_create(name=EXHIBITOR)


def new_page(browser, live_server):
    """Another person's browser: a context of its own, like conftest's ``page``."""
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw", bypass_csp=True
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def focused_name(page):
    return page.evaluate(
        "() => (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent)"
        ".replace(/\\s+/g, ' ').trim()"
    )


def sign_up_and_apply(page, fair):
    page.goto("/wystawca/rejestracja/")
    page.get_by_label("Nazwa instytucji").fill(INSTITUTION)
    page.get_by_label("Rodzaj instytucji").select_option("university")
    page.get_by_label("Miejscowość").fill("Opole")
    page.get_by_label("Imię").fill("Ewa")
    page.get_by_label("Nazwisko").fill("Wystawczyni")
    page.get_by_label("Email").fill("ewa@po.example.org")
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Hasło \(ponownie\)")).fill(PASSWORD)
    page.get_by_role("button", name="Załóż konto wystawcy").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url("**/wystawca/")

    page.get_by_role("link", name="Zgłoś stoisko").click()
    page.get_by_label("Liczba osób obsługujących stoisko").fill("2")
    page.get_by_label("Gniazdko elektryczne").check()
    page.get_by_label("Co pokażecie").fill("Druk 3D, drony i rekrutacja na studia.")
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    page.get_by_text("Zgłoszenie zostało wysłane.").wait_for()
    assert page.get_by_text("Wysłane, czeka na decyzję").is_visible()


def accept_and_give_stand(page, fair, zone):
    staff = StaffFactory(username="recenzentka", email="recenzentka@example.org")
    page.goto("/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.fill("input[name=code]", current_totp_code())  # staff sign in with a second factor
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    page.goto("/admin/fairs/zgloszenia/")
    page.get_by_role("link", name=fair.title).click()
    page.get_by_role("link", name=INSTITUTION).click()
    page.get_by_role("heading", name=INSTITUTION, level=1).wait_for()
    page.get_by_label("przyjmij").check()
    page.get_by_role("button", name="Zapisz decyzję i powiadom wystawcę").click()
    page.get_by_text("Decyzja zapisana; wystawca dostanie ją mailem.").wait_for()

    page.get_by_label("Strefa stoiska").select_option(value=str(zone.pk))
    page.get_by_label("Numer stoiska").fill("7")
    page.get_by_label("Wymiary stoiska").fill("3 x 2 m")
    page.get_by_role("button", name="Przydziel stoisko").click()
    page.get_by_text(f"Stoisko 7 przydzielone: {INSTITUTION}; wystawca dostanie wiadomość.").wait_for()
    assert page.get_by_text("Stoisko 7, strefa 2. Strefa 2, wymiary 3 x 2 m.").is_visible()


def open_own_application(page, fair):
    page.goto("/wystawca/")
    page.get_by_role("link", name=fair.title, exact=True).click()
    page.get_by_role("heading", name=f"Zgłoszenie stoiska: {fair.title}", level=1).wait_for()


def test_an_exhibitor_applies_is_given_a_stand_fills_its_page_and_passes_and_a_visitor_finds_it(
    page, browser, live_server, demo_site
):
    starts_at = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(9), tzinfo=WARSAW)
    fair = make_fair(
        title="Targi Edukacyjne Opole",
        slug="targi-opole-podroz",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=7),
    )
    ExhibitorCallFactory(event=fair, staff_allowance=3)
    zone = fair.zones.get(number=2)
    neighbour = StandFactory(
        event=fair, zone=fair.zones.get(number=1), number="1", institution="Uniwersytet Opolski"
    )
    hall = FloorPlan.objects.create(
        event=fair, name="Hala A", image=make_image("Plan hali A", size=(400, 200)), description=""
    )
    services.place_stand(stand=neighbour, floor_plan=hall, x=20, y=50)
    day = timezone.localdate(fair.starts_at)

    # The exhibitor signs up and sends an application.
    sign_up_and_apply(page, fair)
    application = Application.objects.get(call__event=fair)
    assert (application.exhibitor.name, application.status) == (INSTITUTION, "submitted")

    # Staff accept it and give it a stand.
    staff_page = new_page(browser, live_server)
    try:
        accept_and_give_stand(staff_page, fair, zone)
    finally:
        staff_page.context.close()
    application.refresh_from_db()
    assert application.status == "accepted"
    assert (application.stand.number, application.stand.zone, application.stand.institution) == (
        "7",
        zone,
        INSTITUTION,
    )
    services.place_stand(stand=application.stand, floor_plan=hall, x=70, y=50)

    # The exhibitor finds the stand in its area and fills in the stand page.
    open_own_application(page, fair)
    assert page.get_by_text("Twoje stoisko: numer 7, strefa 2. Strefa 2.").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Strona Twojego stoiska").click()
    page.get_by_role("heading", name=f"Strona Twojego stoiska: {INSTITUTION}", level=1).wait_for()
    page.get_by_label("Opis stoiska (po polsku)").fill("Drukujemy w 3D i programujemy drony.")
    page.get_by_label("Tytuł warsztatu (po polsku)").first.fill("Programujemy drona")
    page.get_by_label("Początek warsztatu").first.fill(f"{day}T11:00")
    page.get_by_label("Koniec warsztatu").first.fill(f"{day}T11:45")
    page.get_by_label("Liczba miejsc na warsztacie").first.fill("12")
    page.get_by_role("button", name="Zapisz stronę stoiska").click()
    page.get_by_text("Strona stoiska jest zapisana i opublikowana.").wait_for()
    page.get_by_role("link", name="Zobacz publiczną stronę stoiska").click()
    page.get_by_role("heading", name=INSTITUTION, level=1).wait_for()
    assert page.get_by_text("Drukujemy w 3D i programujemy drony.").is_visible()
    assert page.get_by_role("heading", name="Programujemy drona", level=3).is_visible()
    assert page.get_by_text(re.compile(r"11:00")).first.is_visible()

    # The same editor in English: the English description and the workshop's English title.
    page.goto(f"/en/wystawca/stoisko/{application.pk}/")
    page.get_by_role("heading", name=f"Your stand page: {INSTITUTION}", level=1).wait_for()
    assert page.get_by_label("Title of the workshop (Polish)").first.input_value() == "Programujemy drona"
    page.get_by_label("Description of the stand (English)").fill("We print in 3D and program drones.")
    page.get_by_label("Title of the workshop (English)").first.fill("Let's program a drone")
    page.get_by_role("button", name="Save the stand page").click()
    page.get_by_text("The stand page is saved and published.").wait_for()
    page.get_by_role("link", name="See the public stand page").click()
    page.get_by_role("heading", name=INSTITUTION, level=1).wait_for()
    assert page.url.startswith(f"{live_server.url}/en/")
    assert page.get_by_text("We print in 3D and program drones.").is_visible()
    assert page.get_by_role("heading", name="Let's program a drone", level=3).is_visible()

    # The exhibitor names two stand staff and downloads their passes.
    open_own_application(page, fair)
    page.get_by_role("link", name="Przepustki obsługi stoiska").click()
    page.get_by_role("heading", name="Przepustki obsługi stoiska", level=1).wait_for()
    for name, email in (("Jan Kowalski", "jan@example.org"), ("Żaneta Źrebiec", "")):
        page.get_by_label("Imię i nazwisko").fill(name)
        page.get_by_label("E-mail (nieobowiązkowo)").fill(email)
        page.get_by_role("button", name="Wystaw przepustkę").click()
        page.get_by_role("heading", name=name, level=3).wait_for()
    assert page.get_by_text("Pozostało przepustek do nazwania: 1.").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pobierz wszystkie przepustki (PDF)").click()
    content = open(download_info.value.path(), "rb").read()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Jan Kowalski" in text
    assert "Żaneta Źrebiec" in text
    assert INSTITUTION in text
    assert sorted(ExhibitorPass.objects.filter(application=application).values_list("name", flat=True)) == [
        "Jan Kowalski",
        "Żaneta Źrebiec",
    ]

    # A visitor tabs to the stand on the hall's plan and follows its mark to the stand page.
    visitor = new_page(browser, live_server)
    try:
        visitor.goto(fair.url)
        names = []
        for _press in range(200):
            visitor.keyboard.press("Tab")
            names.append(focused_name(visitor))
            if names[-1].startswith("Stoisko 7:"):
                break
        assert names[-3:] == [
            "Pomiń plan Hala A: przejdź do listy jego stoisk",
            "Stoisko 1: Uniwersytet Opolski",
            f"Stoisko 7: {INSTITUTION}",
        ]
        visitor.keyboard.press("Enter")
        visitor.get_by_role("heading", name=INSTITUTION, level=1).wait_for()
        assert visitor.url.startswith(f"{live_server.url}{fair.url}")
        assert visitor.get_by_text("Drukujemy w 3D i programujemy drony.").is_visible()
        assert visitor.get_by_role("heading", name="Programujemy drona", level=3).is_visible()
    finally:
        visitor.context.close()
