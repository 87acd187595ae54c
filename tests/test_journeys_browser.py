"""Each user's journey whole, in Chromium, on the demo data (``seed_demo``).

One typed address at the start of each journey (the home page, or the admin for staff); after that
only links and buttons a person sees are clicked, so a journey fails when a link it needs is
missing. A link read from a mail in the outbox is followed as the person would click it.
"""

import datetime
import os
import re
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from cms.demo import ADMIN_EMAIL
from cms.tests.factories import StaffFactory, add_totp, current_totp_code
from contests import samples
from contests.demo import DEMO_TEACHER_EMAIL, DEMO_TEACHER_PASSWORD
from contests.jury import services as jury_services
from contests.jury.demo import JURORS
from contests.jury.models import Assignment, Round
from contests.models import Entry, Film
from contests.services import check_entry
from events.models import EventPage
from events.registration import services as registration_services
from events.registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FESTIVAL = "Festiwal Zawodów Województwa Opolskiego"


@pytest.fixture
def demo(settings, tmp_path):
    """The demo data, as ``make run`` seeds it; the generated admin password is returned."""
    settings.VAR_DIR = tmp_path
    cache.clear()
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    return (tmp_path / "admin-password.txt").read_text().strip()


def _path_in(body, pattern):
    """The site path of the first link in a mail body that matches ``pattern`` (after SITE_URL)."""
    return re.search(re.escape(settings.SITE_URL) + pattern, body).group(1)


def test_visitor_switches_to_english_registers_a_class_and_cancels(page, demo):
    started = time.monotonic()
    page.goto("/")
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.locator(".main-nav").get_by_role("link", name="Events").click()
    page.get_by_role("link", name=FESTIVAL).first.click()
    page.get_by_role("link", name="Teachers: log in to register a class").click()

    page.get_by_label("Email").fill(DEMO_TEACHER_EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(DEMO_TEACHER_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()

    page.wait_for_url("**/en/zapisy/wydarzenie/*/klasa/")
    page.get_by_label("Teacher's phone").fill("600 100 200")
    page.get_by_label("School name").fill("Publiczna Szkoła Podstawowa nr 5 w Opolu")
    page.get_by_label("Town or village of the school").fill("Opole")
    page.get_by_label("Voivodeship").select_option("16")
    page.get_by_label("County (powiat)").select_option("1661")
    page.get_by_label("Number of pupils").fill("24")
    page.get_by_label("Accompanying adults").fill("2")
    page.get_by_role("checkbox", name=re.compile("^I have read the privacy")).check()
    page.get_by_role("button", name="Register the class").click()

    page.wait_for_selector('[data-status="confirmed"]')
    registration = Registration.objects.get(school_name="Publiczna Szkoła Podstawowa nr 5 w Opolu")
    assert (registration.places, registration.status) == (26, "confirmed")
    [confirmation] = [m for m in mail.outbox if m.to == [DEMO_TEACHER_EMAIL]]
    cancel_path = _path_in(confirmation.body, r"(/(?:en/)?zapisy/[^/\s]+/anuluj/)")

    page.get_by_role("link", name="Cancel this registration").click()
    assert page.url.endswith(cancel_path)
    page.get_by_role("button", name=re.compile("cancel", re.I)).click()

    page.wait_for_selector('[data-status="cancelled"]')
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert time.monotonic() - started < 60


def _judge_and_issue_diplomas(entry):
    """Staff and jury, through the services: accept the entry, every demo juror scores it, staff
    approve the final round, publish the results and issue the diplomas."""
    staff = StaffFactory()
    check_entry(entry=entry, decision="accept", user=staff)
    round = Round.objects.get(contest=entry.contest)
    jurors = get_user_model().objects.filter(email__in=[juror[0] for juror in JURORS])
    jury_services.assign_jurors(round=round, jurors=jurors)
    criteria = list(round.criteria.order_by("sort_order"))
    for assignment in Assignment.objects.filter(round=round, entry=entry):
        values = {
            criterion: (Decimal(value), "") for criterion, value in zip(criteria, [8, 7, 10], strict=True)
        }
        jury_services.save_score_sheet(assignment=assignment, values=values, submit=True)
    jury_services.approve_results(round=round, user=staff)
    contest = entry.contest
    contest.results_published_at = timezone.now()
    contest.save_revision().publish()
    jury_services.issue_diplomas(round=round)


def test_teacher_signs_up_submits_a_film_and_later_finds_the_diploma(page, demo, tmp_path):
    clip = tmp_path / "fryzjer.mp4"
    clip.write_bytes(samples.make_clip(seconds=121, fps=1, audio=False))  # the demo category: 2-3 min, 720p
    started = time.monotonic()

    # Signs up from the home page and follows the link in the verification mail.
    page.goto("/")
    page.locator(".account-nav").get_by_role("link", name="Zaloguj się").click()
    page.get_by_role("link", name=re.compile("^zarejestruj się$", re.I)).first.click()
    page.get_by_label("Imię").fill("Ewa")
    page.get_by_label("Nazwisko").fill("Kowalska")
    page.get_by_label("Email").fill("ewa@example.org")
    page.get_by_label(re.compile(r"^Hasło:?$")).fill("Zielona-Gora-2026!")
    page.get_by_label(re.compile(r"^Hasło \(ponownie\)")).fill("Zielona-Gora-2026!")
    page.get_by_role("button", name="Zarejestruj się").click()
    page.wait_for_url("**/accounts/confirm-email/")
    [verification] = [m for m in mail.outbox if m.to == ["ewa@example.org"]]
    page.goto(_path_in(verification.body, r"(/accounts/confirm-email/\S+/)"))
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url("**/szkola/")

    # The school profile, then a new entry for the open demo contest.
    page.get_by_role("link", name="Utwórz profil szkoły").click()
    page.get_by_label("Nazwa").first.fill("Szkoła Podstawowa nr 3 w Łodzi")
    page.locator("[name=street]").fill("ul. Piotrkowska 100")
    page.locator("[name=postal_code]").fill("90-004")
    page.locator("[name=municipality]").fill("Łódź")
    page.locator("[name=voivodeship]").select_option("10")
    page.locator("[name=county]").select_option("1061")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/szkola/")
    page.get_by_role("link", name=re.compile(r"^Nowe zgłoszenie\s*: Kręci Mnie Mój Zawód$")).click()
    page.locator("[name=title]").fill("Fryzjer — zawód z pasją")
    page.locator("[name=profession]").fill("fryzjer")
    page.locator("[name=description]").fill("Dzień w salonie fryzjerskim naszej absolwentki.")
    for number, (first, last) in enumerate([("Ala", "Nowak"), ("Olek", "Lis"), ("Ida", "Sowa")]):
        page.locator(f"[name$='-{number}-first_name']").fill(first)
        page.locator(f"[name$='-{number}-last_name']").fill(last)
        page.locator(f"[name$='-{number}-class_name']").fill("7A")
    page.locator("[name=rules_accepted]").check()
    page.locator("[name=rights_declared]").check()
    page.get_by_role("button", name="Zapisz", exact=True).click()

    # The film through Uppy's dashboard (tus), processed, then the entry is submitted.
    page.locator("input.uppy-Dashboard-input").first.set_input_files(str(clip))
    page.wait_for_selector("video.film-player", timeout=60_000)
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    page.get_by_role("button", name="Wycofaj, aby zmienić").wait_for()  # offered once it is submitted
    entry = Entry.objects.get(title="Fryzjer — zawód z pasją")
    assert (entry.status, Film.objects.get(entry=entry).status) == ("submitted", "ready")
    page.get_by_role("link", name="Wróć do strefy szkoły").click()
    assert page.locator("#konkursy, main").get_by_text("Fryzjer — zawód z pasją").first.is_visible()

    # Later: the results are public and the diplomas issued; the school area lists them.
    _judge_and_issue_diplomas(entry)
    page.reload()
    diplomas = page.get_by_role("table", name="Dyplomy i zaświadczenia")
    assert diplomas.get_by_role("row", name=re.compile("Ewa Kowalska")).is_visible()
    with page.expect_response(re.compile(r"/dyplom/[^/]+/pdf/$")) as response:
        diplomas.get_by_role("link", name=re.compile("Pobierz.*Ewa Kowalska")).click()
    assert (response.value.status, response.value.headers["content-type"]) == (200, "application/pdf")
    assert time.monotonic() - started < 60


def _log_in_with_totp(page, email, password):
    """allauth's login, then its second step: the code of the TOTP authenticator made in setup."""
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").last.click()
    page.locator("input[name=code]").fill(current_totp_code())
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_staff_set_up_an_event_with_ticket_types_in_the_admin_and_scan_a_ticket(page, demo):
    add_totp(get_user_model().objects.get(email=ADMIN_EMAIL))
    day = timezone.localdate() + datetime.timedelta(days=20)
    started = time.monotonic()

    page.goto("/admin/")
    _log_in_with_totp(page, ADMIN_EMAIL, demo)
    page.wait_for_url("**/admin/")

    # Pages → Wydarzenia → add a child page: the event, with its ticket type on the Registration tab.
    page.get_by_role("button", name="Strony").click()
    home = page.get_by_role("link", name=re.compile("^Wyświetl podstrony dla 'Edufest — uczenie"))
    home.first.click()
    page.get_by_role("link", name="Wydarzenia", exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    page.get_by_role("link", name=re.compile("Dodaj stronę podrzędną")).first.click()
    page.locator("#id_title").fill("Dzień otwarty Centrum Kształcenia Zawodowego")
    page.locator("#id_title").press("Tab")
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d} 09:00")
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d} 14:00")
    page.get_by_role("tab", name="Rejestracja").click()
    page.locator("#id_registration_enabled").check()
    page.get_by_role("button", name=re.compile("Dodaj rodzaj biletu", re.I)).click()
    page.locator("#id_ticket_types-0-name").fill("Wstęp indywidualny")
    page.locator("#id_ticket_types-0-capacity").fill("50")
    page.locator("#id_ticket_types-0-max_group_size").fill("1")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("button", name="Opublikuj").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    event = EventPage.objects.get(title="Dzień otwarty Centrum Kształcenia Zawodowego")
    assert event.live and event.registration_enabled
    [ticket_type] = event.ticket_types.all()
    assert (ticket_type.name, ticket_type.capacity) == ("Wstęp indywidualny", 50)
    registration = registration_services.register(
        ticket_type=ticket_type, name="Zofia Wiśniewska", email="zofia@example.org"
    )
    secret = registration.ticket.secret

    # The event's check-in list, then the scanner from the admin's menu.
    page.get_by_role("button", name="Wydarzenia", exact=True).click()
    page.get_by_role("link", name="Listy wejść").click()
    page.get_by_role("link", name=re.compile("^Dodaj")).first.click()
    page.get_by_role("button", name=re.compile("^Wybierz stronę")).first.click()
    page.locator(".modal input[name=q]").fill("Dzień otwarty")
    page.locator(".modal").get_by_role("link", name=event.title).click()
    page.locator("[name=name]").fill("Wejście główne")
    page.locator("form button[type=submit]").last.click()
    page.get_by_role("button", name="Wydarzenia", exact=True).click()
    page.get_by_role("link", name="Skaner i liczniki wejść").click()
    page.get_by_role("row", name=re.compile("Wejście główne")).get_by_role("link", name="Skaner").click()
    page.wait_for_selector("#scanner[data-ready=true]")
    page.locator("#manual-query").fill(secret)
    page.locator("#manual-query").press("Enter")
    page.wait_for_selector("#result[data-result=ok]")
    assert "Zofia Wiśniewska" in page.inner_text("#result")
    assert time.monotonic() - started < 60


def test_juror_signs_in_with_totp_and_scores_an_assigned_film(page, demo):
    juror_email = JURORS[0][0]
    juror = add_totp(get_user_model().objects.get(email=juror_email))
    entry = Entry.objects.get(title="Mechatronik — zawód przyszłości")
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.ACCEPTED)  # staff's formal check
    round = Round.objects.get(contest=entry.contest)
    jury_services.assign_jurors(round=round, jurors=[juror])
    page.on("dialog", lambda dialog: dialog.accept())
    started = time.monotonic()

    page.goto("/")
    page.locator(".account-nav").get_by_role("link", name="Zaloguj się").click()
    _log_in_with_totp(page, juror_email, demo)
    page.get_by_role("link", name="Moje karty ocen").click()
    page.get_by_role("link", name="Mechatronik — zawód przyszłości").click()
    numbers = page.locator("form input[type=number]")
    assert numbers.count() == 3
    for index, value in enumerate(["8", "7", "10"]):
        numbers.nth(index).fill(value)
    page.get_by_label(re.compile("^Sprawdziłem")).check()
    page.get_by_role("button", name="Wyślij kartę ocen").click()
    page.wait_for_selector("text=Oceny pozostałych jurorów")

    assignment = Assignment.objects.get(round=round, juror=juror, entry=entry)
    assert assignment.is_submitted
    assert sorted(score.value for score in assignment.scores.all()) == [7, 8, 10]
    assert time.monotonic() - started < 60
