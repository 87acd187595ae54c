"""Exhibitor passes: an accepted exhibitor names its stand staff up to the call's allowance and gets
QR passes (registrations with tickets of the fair's "exhibitor" ticket type); changing, removing,
the PDF, the mail, the door (set-up day, the label) and reach (stand staff are not reached)."""

import datetime as dt
import io
import threading
import zoneinfo

import PIL.Image
import pytest
import zxingcpp
from django.db import connection
from django.test import Client

from cms.outbox.delivery import composers
from cms.outbox.models import OutgoingEmail
from events.checkin import queries as checkin_queries
from events.checkin.reach import reach_rows
from events.checkin.services import check_in
from events.checkin.tests.factories import (
    CheckInListFactory,
    RegistrationFactory,
    TicketTypeFactory,
    staff_user,
)
from events.fairs import services
from events.fairs.models import ExhibitorPass
from events.fairs.pdf import passes_pdf
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory, exhibitor_person, make_fair
from events.registration import queries as registration_queries
from events.registration.models import Registration, TicketType
from events.tests.factories import StandFactory
from tests.pdf import first_page_image, pdf_text

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def accepted(*, allowance=4, **fair_fields):
    """An accepted application with stand 12 in zone 1 of a fair (two days, 16-17 May 2026)."""
    fair_fields.setdefault("starts_at", dt.datetime(2026, 5, 16, 9, tzinfo=WARSAW))
    fair_fields.setdefault("ends_at", dt.datetime(2026, 5, 17, 16, tzinfo=WARSAW))
    fair = make_fair(title="Festiwal Uczelni Małopolska", **fair_fields)
    call = ExhibitorCallFactory(event=fair, staff_allowance=allowance)
    stand = StandFactory(
        event=fair, zone=fair.zones.first(), number="12", institution="Politechnika Krakowska"
    )
    return ApplicationFactory(
        call=call, status="accepted", stand=stand, exhibitor__name="Politechnika Krakowska"
    )


def signed_in(application):
    client = Client()
    client.force_login(exhibitor_person(application.exhibitor))
    return client


def test_a_named_pass_is_a_confirmed_registration_of_the_fairs_inactive_exhibitor_ticket_type():
    application = accepted()

    first = services.name_pass(application=application, name="Jan Kowalski", email="jan@example.org")
    second = services.name_pass(application=application, name="Ewa Nowak")

    registration = first.registration
    assert (registration.status, registration.name, registration.email, registration.school_name) == (
        "confirmed",
        "Jan Kowalski",
        "jan@example.org",
        "Politechnika Krakowska",
    )
    ticket_type = registration.ticket_type
    assert (ticket_type.kind, ticket_type.name, ticket_type.is_active, ticket_type.event_id) == (
        "exhibitor",
        "Wystawca",
        False,
        application.call.event_id,
    )
    assert second.registration.ticket_type == ticket_type
    assert TicketType.objects.filter(event=application.call.event, kind="exhibitor").count() == 1
    # Only the pass with an address is mailed, to that address.
    assert [(mail.to, mail.composer) for mail in OutgoingEmail.objects.all()] == [
        (["jan@example.org"], "fairs.exhibitor_pass")
    ]


def test_the_exhibitor_ticket_type_is_not_in_the_public_availability():
    application = accepted()
    public = TicketTypeFactory(event=application.call.event, name="Wstęp")
    services.name_pass(application=application, name="Jan Kowalski")

    listed = registration_queries.ticket_types_with_availability([application.call.event_id])

    assert [ticket_type.pk for ticket_type in listed] == [public.pk]


def test_the_allowance_refuses_one_pass_too_many_and_the_form_keeps_what_was_typed():
    application = accepted(allowance=2)
    client = signed_in(application)
    url = f"/wystawca/przepustki/{application.pk}/"

    for name in ("Jan Kowalski", "Ewa Nowak"):
        assert client.post(url, {"name": name, "email": ""}).status_code == 302
    response = client.post(url, {"name": "Trzecia Osoba", "email": "trzecia@example.org"})

    assert response.status_code == 400
    assert "Nazwano już tylu pracowników stoiska, na ilu pozwala nabór (2)." in response.text
    assert 'value="Trzecia Osoba"' in response.text
    assert ExhibitorPass.objects.filter(application=application).count() == 2
    assert response["Cache-Control"].startswith("private, no-store")


def test_an_empty_name_is_refused_with_a_polish_message():
    application = accepted()

    response = signed_in(application).post(
        f"/wystawca/przepustki/{application.pk}/", {"name": "  ", "email": "zly-adres"}
    )

    assert response.status_code == 400
    assert "Podaj imię i nazwisko osoby, która będzie na stoisku." in response.text
    assert 'value="zly-adres"' in response.text
    assert not ExhibitorPass.objects.exists()


def test_two_people_naming_the_last_pass_at_once_get_one_pass(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    application = accepted(allowance=1)
    barrier = threading.Barrier(4)
    outcomes = []

    def name(number):
        try:
            barrier.wait()
            services.name_pass(application=application, name=f"Osoba {number}")
            outcomes.append("ok")
        except services.PassError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=name, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["allowance", "allowance", "allowance", "ok"]
    assert Registration.objects.filter(ticket_type__kind="exhibitor", status="confirmed").count() == 1


def test_two_exhibitors_naming_a_fairs_first_passes_at_once_make_one_exhibitor_ticket_type(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    first = accepted()
    second = ApplicationFactory(call=first.call, status="accepted")
    barrier = threading.Barrier(2)
    errors = []

    def name(application):
        try:
            barrier.wait()
            services.name_pass(application=application, name="Osoba")
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=name, args=(application,)) for application in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert TicketType.objects.filter(event=first.call.event, kind="exhibitor").count() == 1
    assert ExhibitorPass.objects.count() == 2


def test_handing_a_pass_to_another_person_regenerates_the_qr_code_and_a_correction_keeps_it():
    application = accepted()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalsky")
    secret = exhibitor_pass.registration.ticket.secret

    corrected = services.change_pass(exhibitor_pass=exhibitor_pass, name="Jan Kowalski")
    assert corrected.registration.ticket.secret == secret

    handed = services.change_pass(
        exhibitor_pass=corrected, name="Anna Zastępcza", email="anna@example.org", new_person=True
    )
    registration = Registration.objects.select_related("ticket").get(pk=handed.registration_id)
    assert registration.ticket.secret != secret
    assert (registration.name, registration.email) == ("Anna Zastępcza", "anna@example.org")
    staff = staff_user()
    entrance = CheckInListFactory(event=application.call.event)
    assert check_in(secret=secret, checkin_list=entrance, scanned_by=staff).result == "unknown"
    assert OutgoingEmail.objects.get().to == ["anna@example.org"]


def test_removing_a_pass_cancels_its_registration_and_frees_the_allowance():
    application = accepted(allowance=1)
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")
    client = signed_in(application)

    response = client.post(f"/wystawca/przepustki/{application.pk}/{exhibitor_pass.pk}/usun/")

    assert response.status_code == 302
    assert Registration.objects.get(pk=exhibitor_pass.registration_id).status == "cancelled"
    staff = staff_user()
    entrance = CheckInListFactory(event=application.call.event)
    secret = exhibitor_pass.registration.ticket.secret
    assert check_in(secret=secret, checkin_list=entrance, scanned_by=staff).result == "cancelled"
    assert services.name_pass(application=application, name="Ewa Nowak").name == "Ewa Nowak"


def test_another_exhibitors_person_cannot_see_or_change_the_passes():
    application = accepted()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")
    other = ApplicationFactory(call=application.call, status="accepted")
    client = signed_in(other)

    for url in (
        f"/wystawca/przepustki/{application.pk}/",
        f"/wystawca/przepustki/{application.pk}/przepustki.pdf",
        f"/wystawca/przepustki/{application.pk}/{exhibitor_pass.pk}/",
        f"/wystawca/przepustki/{application.pk}/{exhibitor_pass.pk}.pdf",
        # the own application with another's pass
        f"/wystawca/przepustki/{other.pk}/{exhibitor_pass.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/wystawca/przepustki/{application.pk}/{exhibitor_pass.pk}/usun/").status_code == 404
    assert Registration.objects.get(pk=exhibitor_pass.registration_id).status == "confirmed"


def test_a_submitted_application_has_no_passes():
    application = accepted()
    application.status = "submitted"
    application.save()

    assert signed_in(application).get(f"/wystawca/przepustki/{application.pk}/").status_code == 404
    with pytest.raises(services.PassError) as refused:
        services.name_pass(application=application, name="Jan Kowalski")
    assert refused.value.code == "not_accepted"


def test_the_page_shows_each_pass_with_its_qr_code():
    application = accepted()
    services.name_pass(application=application, name="Jan Kowalski")

    response = signed_in(application).get(f"/wystawca/przepustki/{application.pk}/")

    assert response.status_code == 200
    assert 'aria-label="Kod QR przepustki: Jan Kowalski"' in response.text
    assert "1. Strefa 1, stoisko 12" in response.text
    assert "Pozostało przepustek do nazwania: 3." in response.text


def test_all_passes_in_one_a4_pdf_two_per_page_with_the_fair_institution_stand_name_and_qr_codes():
    application = accepted()
    first = services.name_pass(application=application, name="Jan Kowalski")
    second = services.name_pass(application=application, name="Żaneta Źrebiec")

    response = signed_in(application).get(f"/wystawca/przepustki/{application.pk}/przepustki.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    text = pdf_text(content)
    for expected in (
        "PRZEPUSTKA WYSTAWCY",
        "Festiwal Uczelni Małopolska",
        "Politechnika Krakowska",
        "1. Strefa 1, stoisko 12",
        "Jan Kowalski",
        "Żaneta Źrebiec",
    ):
        assert expected in text
    assert (
        content.count(b"/Type /Page\n") + content.count(b"/Type /Page>") + content.count(b"/Type /Page/") >= 1
    )
    decoded = sorted(code.text for code in zxingcpp.read_barcodes(first_page_image(content)))
    assert decoded == sorted([first.registration.ticket.secret, second.registration.ticket.secret])


def test_one_pass_pdf_holds_that_pass_only():
    application = accepted()
    services.name_pass(application=application, name="Jan Kowalski")
    second = services.name_pass(application=application, name="Ewa Nowak")

    content = passes_pdf([second], application)

    text = pdf_text(content)
    assert "Ewa Nowak" in text
    assert "Jan Kowalski" not in text
    assert [code.text for code in zxingcpp.read_barcodes(first_page_image(content))] == [
        second.registration.ticket.secret
    ]


def test_the_pass_mail_links_the_ticket_and_attaches_the_qr_code_and_is_dropped_once_removed(settings):
    settings.SITE_URL = "https://edufest.example.org"
    application = accepted()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski", email="jan@example.org")
    args = OutgoingEmail.objects.get().composer_args
    compose = composers()["fairs.exhibitor_pass"]

    mail = compose(**args)

    assert mail.subject == "Twoja przepustka wystawcy: Festiwal Uczelni Małopolska"
    secret = exhibitor_pass.registration.ticket.secret
    assert f"https://edufest.example.org/bilet/{secret}/" in mail.body_text
    assert "1. Strefa 1, stoisko 12" in mail.body_text
    png = next(content for name, content, _mime in mail.attachments if name == "przepustka-qr.png")
    assert [code.text for code in zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))] == [secret]
    services.remove_pass(exhibitor_pass=exhibitor_pass)
    assert compose(**args) is None


def test_the_door_admits_a_pass_on_the_set_up_day_before_a_day_list_and_shows_the_institution():
    application = accepted()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")
    event = application.call.event
    visitor = RegistrationFactory(ticket_type=TicketTypeFactory(event=event))
    day_one = CheckInListFactory(event=event, name="Dzień 1", day=dt.date(2026, 5, 16))
    set_up = dt.datetime(2026, 5, 15, 7, tzinfo=WARSAW)
    staff = staff_user()

    answer = check_in(
        secret=exhibitor_pass.registration.ticket.secret, checkin_list=day_one, scanned_by=staff, now=set_up
    )
    refused = check_in(secret=visitor.ticket.secret, checkin_list=day_one, scanned_by=staff, now=set_up)

    assert (answer.result, answer.name, answer.ticket_type, answer.school) == (
        "ok",
        "Jan Kowalski",
        "Wystawca – Politechnika Krakowska",  # noqa: RUF001
        "",
    )
    assert answer.valid_days == (dt.date(2026, 5, 15), dt.date(2026, 5, 16), dt.date(2026, 5, 17))
    assert refused.result == "wrong_day"


def test_a_pass_two_days_before_the_fair_is_refused_as_another_day():
    application = accepted()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")
    day_one = CheckInListFactory(event=application.call.event, day=dt.date(2026, 5, 16))

    answer = check_in(
        secret=exhibitor_pass.registration.ticket.secret,
        checkin_list=day_one,
        scanned_by=staff_user(),
        now=dt.datetime(2026, 5, 14, 12, tzinfo=WARSAW),
    )

    assert answer.result == "wrong_day"


def test_the_offline_list_carries_the_passes_days_and_label():
    application = accepted()
    services.name_pass(application=application, name="Jan Kowalski")
    day_one = CheckInListFactory(event=application.call.event, day=dt.date(2026, 5, 16))

    [row] = checkin_queries.offline_tickets(day_one)

    assert (row["name"], row["school"], row["ticket_type"], row["valid_days"]) == (
        "Jan Kowalski",
        "",
        "Wystawca – Politechnika Krakowska",  # noqa: RUF001
        ["2026-05-15", "2026-05-16", "2026-05-17"],
    )


def test_stand_staff_checked_in_are_not_people_reached():
    application = accepted()
    event = application.call.event
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")
    visitor = RegistrationFactory(ticket_type=TicketTypeFactory(event=event))
    entrance = CheckInListFactory(event=event)
    staff = staff_user()
    for secret in (exhibitor_pass.registration.ticket.secret, visitor.ticket.secret):
        assert check_in(secret=secret, checkin_list=entrance, scanned_by=staff).result == "ok"

    rows = list(reach_rows(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31)))

    assert [(row.activity_key, row.people, row.registrations) for row in rows] == [
        (f"event:{event.pk}", 1, 1)
    ]


def test_the_ticket_page_of_a_pass_names_the_institution():
    application = accepted()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")

    response = Client().get(f"/bilet/{exhibitor_pass.registration.ticket.secret}/")

    assert response.status_code == 200
    assert "<dt>Instytucja</dt><dd>Politechnika Krakowska</dd>" in response.text
    assert "<dt>Rodzaj biletu</dt><dd>Wystawca</dd>" in response.text


def test_the_page_in_english_and_an_english_pass_mail(settings):
    settings.SITE_URL = "https://edufest.example.org"
    application = accepted()
    client = signed_in(application)

    response = client.post(
        f"/en/wystawca/przepustki/{application.pk}/", {"name": "John Smith", "email": "john@example.org"}
    )
    page = client.get(f"/en/wystawca/przepustki/{application.pk}/")

    assert response.status_code == 302
    assert '<h1 id="passes-title">Stand staff passes</h1>' in page.text
    assert "1. Strefa 1, stand 12" in page.text
    mail = composers()["fairs.exhibitor_pass"](**OutgoingEmail.objects.get().composer_args)
    assert mail.subject == "Your exhibitor pass: Festiwal Uczelni Małopolska"
    secret = ExhibitorPass.objects.get().registration.ticket.secret
    assert f"https://edufest.example.org/en/bilet/{secret}/" in mail.body_text
