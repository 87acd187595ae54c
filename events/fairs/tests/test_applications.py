"""Exhibitor accounts and applications: sign-up, colleagues, the application form and its window."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory
from events.fairs import services
from events.fairs.models import Application, Exhibitor, ExhibitorCall, ExhibitorMember
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    ExhibitorFactory,
    exhibitor_person,
    make_fair,
)

SIGNUP = {
    "institution": "Uniwersytet Przykładowy",
    "kind": "university",
    "website": "https://uni.example.org/",
    "city": "Kraków",
    "first_name": "Ewa",
    "last_name": "Wystawczyni",
    "email": "ewa.wystawczyni@example.org",
    "password1": "Zielona-Gora-2026!",
    "password2": "Zielona-Gora-2026!",
}
FORM = {
    "contact_name": "Ewa Wystawczyni",
    "contact_email": "kontakt@uni.example.org",
    "contact_phone": "+48 600 100 200",
    "preferred_zone": "",
    "tables": "2",
    "chairs": "3",
    "power": "on",
    "floor_space": "",
    "other_needs": "",
    "showcase": "Roboty i rekrutacja.",
    "stand_staff": "3",
}


def test_exhibitor_signs_up_with_the_institution_and_lands_in_the_exhibitor_area(
    client, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/wystawca/rejestracja/", SIGNUP)

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert (exhibitor.name, exhibitor.kind, exhibitor.city) == (
        "Uniwersytet Przykładowy",
        "university",
        "Kraków",
    )
    member = ExhibitorMember.objects.get()
    assert member.user.email == "ewa.wystawczyni@example.org"
    assert list(member.user.groups.values_list("name", flat=True)) == ["Exhibitor"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    confirmed = client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert confirmed["Location"] == "/wystawca/"
    area = client.get("/wystawca/")
    assert area.status_code == 200
    assert "Uniwersytet Przykładowy" in area.content.decode()
    assert "private" in area["Cache-Control"]


def test_signup_errors_keep_what_was_typed(client, demo_site):
    response = client.post("/wystawca/rejestracja/", {**SIGNUP, "institution": "", "email": "zly"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Kraków"' in content
    assert Exhibitor.objects.count() == 0


def test_a_colleague_is_invited_and_sets_the_password(client, demo_site, django_capture_on_commit_callbacks):
    exhibitor = ExhibitorFactory(name="Instytut Łukasiewicza")
    client.force_login(exhibitor_person(exhibitor))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/wystawca/osoby/zapros/", {"email": "kolega@example.org", "first_name": "Jan"}
        )

    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["kolega@example.org"]
    path = re.search(r"https?://[^/\s]+(/wystawca/haslo/\S+/)", message.body).group(1)
    client.logout()
    form = client.get(path)
    assert form.status_code == 200
    done = client.post(path, {"password1": "Nowe-Haslo-2026!", "password2": "Nowe-Haslo-2026!"})
    assert done["Location"] == "/wystawca/"
    assert ExhibitorMember.objects.filter(exhibitor=exhibitor, user__email="kolega@example.org").count() == 1
    assert client.get(path).status_code == 404  # the link works once


def test_exhibitor_saves_a_draft_then_submits_and_people_get_the_mail(
    client, demo_site, django_capture_on_commit_callbacks
):
    call = ExhibitorCallFactory()
    exhibitor = ExhibitorFactory()
    person = exhibitor_person(exhibitor, email="osoba@example.org")
    client.force_login(person)
    zone = call.event.zones.first()

    draft = client.post(
        f"/wystawca/zgloszenia/{call.pk}/", {**FORM, "preferred_zone": zone.pk, "action": "draft"}
    )

    application = Application.objects.get()
    assert draft["Location"] == f"/wystawca/zgloszenia/{call.pk}/{application.pk}/"
    assert (application.status, application.tables, application.power, application.preferred_zone) == (
        "draft",
        2,
        True,
        zone,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(draft["Location"], {**FORM, "preferred_zone": zone.pk, "action": "submit"})

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.submitted_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == [
        "kontakt@uni.example.org",
        "osoba@example.org",
    ]
    assert "Zgłoszenie stoiska wysłane" in mail.outbox[0].subject
    page = client.get(draft["Location"]).content.decode()
    assert "Wysłane, czeka na decyzję" in page


def test_a_zone_of_another_fair_is_refused_and_the_form_keeps_the_input(client, demo_site):
    call = ExhibitorCallFactory()
    other = ExhibitorCallFactory()
    client.force_login(exhibitor_person(ExhibitorFactory()))

    response = client.post(
        f"/wystawca/zgloszenia/{call.pk}/",
        {**FORM, "preferred_zone": other.event.zones.first().pk, "showcase": "Mój pokaz"},
    )

    assert response.status_code == 400
    assert "Mój pokaz" in response.content.decode()
    assert Application.objects.count() == 0


def test_after_the_window_the_application_cannot_be_saved_or_sent(client, demo_site):
    call = ExhibitorCallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    application = ApplicationFactory(call=call, status="draft")
    client.force_login(exhibitor_person(application.exhibitor))
    url = f"/wystawca/zgloszenia/{call.pk}/{application.pk}/"

    page = client.get(url).content.decode()
    response = client.post(url, {**FORM, "action": "submit"})

    assert "Zgłoszenia w tym naborze zamknięto" in page
    assert response.status_code == 400
    assert "Zgłoszenia w tym naborze zamknięto" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"


def test_submit_outside_the_window_is_refused_by_the_service(db):
    call = ExhibitorCallFactory(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=5),
    )
    application = ApplicationFactory(call=call)

    with pytest.raises(ValidationError) as refused:
        services.submit_application(application=application, by=None)

    assert refused.value.code == "not_open"
    application.refresh_from_db()
    assert application.status == "draft"


def test_another_exhibitors_application_is_404(client, demo_site):
    application = ApplicationFactory(status="submitted")
    client.force_login(exhibitor_person(ExhibitorFactory()))

    assert client.get(f"/wystawca/zgloszenia/{application.call_id}/{application.pk}/").status_code == 404
    assert (
        client.post(f"/wystawca/zgloszenia/{application.call_id}/{application.pk}/wycofaj/").status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == "submitted"


def test_exhibitor_withdraws_a_submitted_application(client, demo_site):
    application = ApplicationFactory(status="submitted")
    client.force_login(exhibitor_person(application.exhibitor))

    response = client.post(f"/wystawca/zgloszenia/{application.call_id}/{application.pk}/wycofaj/")

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_the_decision_mail_names_the_reason(db, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status="declined", decision_reason="Brak miejsc w strefie.")

    with django_capture_on_commit_callbacks(execute=True):
        services.queue_decision_mail(application)

    assert OutgoingEmail.objects.count() == 1
    assert "Brak miejsc w strefie." in mail.outbox[0].body
    assert "odrzucone" in mail.outbox[0].body


def test_the_fair_page_shows_the_open_call(client, demo_site):
    call = ExhibitorCallFactory()

    content = client.get(call.event.url).content.decode()

    assert f"/wystawca/zgloszenia/{call.pk}/" in content


def _call_form(fair, zones, **fields):
    return {
        "event": fair.pk,
        "opens_at": "2026-03-01 08:00",
        "closes_at": "2026-03-20 16:00",
        "intro": "Zapraszamy wystawców.",
        "zones": [zone.pk for zone in zones],
        "staff_allowance": "4",
        **fields,
    }


def test_staff_open_a_call_for_a_fair_in_the_admin(client, demo_site):
    fair = make_fair(zones=3)
    client.force_login(StaffFactory())

    response = client.post("/admin/fairs/call/new/", _call_form(fair, fair.zones.all()[:2]))

    assert response.status_code == 302
    call = ExhibitorCall.objects.get()
    assert (call.event_id, call.staff_allowance, call.edits_need_moderation) == (fair.pk, 4, False)
    assert sorted(zone.number for zone in call.zones.all()) == [1, 2]
    assert timezone.localtime(call.opens_at).strftime("%Y-%m-%d %H:%M") == "2026-03-01 08:00"


def test_the_admin_refuses_zones_of_another_fair_and_a_window_that_ends_first(client, demo_site):
    fair, other = make_fair(), make_fair()
    client.force_login(StaffFactory())

    response = client.post(
        "/admin/fairs/call/new/",
        _call_form(fair, other.zones.all(), closes_at="2026-02-01 08:00"),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Te strefy należą do innych targów" in content
    assert "Nabór musi się kończyć po jego otwarciu." in content
    assert ExhibitorCall.objects.count() == 0


def test_the_application_form_offers_only_the_calls_zones(client, demo_site):
    call = ExhibitorCallFactory()
    call.zones.set([call.event.zones.get(number=2)])
    client.force_login(exhibitor_person(ExhibitorFactory()))

    form = client.get(f"/wystawca/zgloszenia/{call.pk}/").context["form"]

    assert [str(zone) for zone in form.fields["preferred_zone"].queryset] == ["2. Strefa 2"]


def test_the_submitted_mail_is_in_english_for_an_application_written_in_english(
    client, demo_site, django_capture_on_commit_callbacks
):
    call = ExhibitorCallFactory()
    client.force_login(exhibitor_person(ExhibitorFactory(), email="person@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/wystawca/zgloszenia/{call.pk}/", {**FORM, "action": "submit"})

    application = Application.objects.get()
    assert (application.status, application.language) == ("submitted", "en")
    contact = next(message for message in mail.outbox if message.to == ["kontakt@uni.example.org"])
    assert contact.subject.endswith(f"Application for a stand sent: {call.event.title}")
    assert f"/en/wystawca/zgloszenia/{call.pk}/{application.pk}/" in contact.body
    person = next(message for message in mail.outbox if message.to == ["person@example.org"])
    assert "Zgłoszenie stoiska wysłane" in person.subject  # the person signed up in Polish


def test_a_later_decision_drops_the_earlier_decision_mail(db, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status="waitlisted")

    with django_capture_on_commit_callbacks(execute=True):
        services.queue_decision_mail(application)
        Application.objects.filter(pk=application.pk).update(status="accepted")

    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.DROPPED
    assert mail.outbox == []


def test_an_exhibitors_person_lands_in_the_exhibitor_area_after_logging_in(client, demo_site):
    person = exhibitor_person(ExhibitorFactory(), email="wystawca.login@example.org")

    response = client.post(
        "/accounts/login/", {"login": "wystawca.login@example.org", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/wystawca/"
    assert client.get("/konto/")["Location"] == "/wystawca/"
    assert person.is_authenticated
