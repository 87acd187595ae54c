"""Staff review the applications of a call: the queue and its filters, decisions with their mails,
stands given with their checks, the mail to accepted exhibitors and the exports."""

import importlib
import io

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.documents import get_document_model

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory
from events.fairs import services
from events.fairs.models import Application, InstitutionKind
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    ExhibitorFactory,
    exhibitor_person,
)
from events.models import Stand
from events.tests.factories import StandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def submitted(call, **fields):
    fields.setdefault("status", Application.Status.SUBMITTED)
    return ApplicationFactory(call=call, **fields)


def queue_names(response):
    return [application.exhibitor.name for application in response.context["page"]]


# ---- the queue ----------------------------------------------------------------------------------


def test_the_queue_lists_sent_applications_oldest_first_and_never_drafts(staff_client):
    call = ExhibitorCallFactory()
    first = submitted(call, exhibitor=ExhibitorFactory(name="Uniwersytet Opolski"))
    second = submitted(call, exhibitor=ExhibitorFactory(name="Politechnika Opolska"))
    Application.objects.filter(pk=first.pk).update(submitted_at="2026-11-01T10:00Z")
    Application.objects.filter(pk=second.pk).update(submitted_at="2026-11-02T10:00Z")
    ApplicationFactory(call=call, exhibitor=ExhibitorFactory(name="Szkic Sp. z o.o."))  # a draft

    response = staff_client.get(reverse("fairs_admin:review_queue", args=[call.pk]))

    assert response.status_code == 200
    assert queue_names(response) == ["Uniwersytet Opolski", "Politechnika Opolska"]


def test_the_queue_filters_by_status_zone_type_needs_and_name(staff_client):
    call = ExhibitorCallFactory()
    zone_1, zone_2 = call.event.zones.order_by("sort_order")
    submitted(
        call,
        exhibitor=ExhibitorFactory(name="Politechnika Krakowska", kind=InstitutionKind.UNIVERSITY),
        preferred_zone=zone_1,
        power=True,
        screen=True,
        internet=False,
    )
    submitted(
        call,
        exhibitor=ExhibitorFactory(name="Instytut Łukasiewicz", kind=InstitutionKind.LUKASIEWICZ_INSTITUTE),
        preferred_zone=zone_2,
        power=True,
        screen=False,
        internet=True,
        floor_space=6,
    )
    submitted(
        call,
        exhibitor=ExhibitorFactory(name="Akademia Górnicza", kind=InstitutionKind.UNIVERSITY),
        preferred_zone=zone_2,
        power=False,
        status=Application.Status.WAITLISTED,
    )
    url = reverse("fairs_admin:review_queue", args=[call.pk])

    def names(**query):
        return sorted(queue_names(staff_client.get(url, query)))

    assert names(status="waitlisted") == ["Akademia Górnicza"]
    assert names(zone=zone_2.pk) == ["Akademia Górnicza", "Instytut Łukasiewicz"]
    assert names(kind="university") == ["Akademia Górnicza", "Politechnika Krakowska"]
    assert names(needs=["power", "screen"]) == ["Politechnika Krakowska"]
    assert names(needs="internet") == ["Instytut Łukasiewicz"]
    assert names(needs="floor_space") == ["Instytut Łukasiewicz"]
    assert names(q="akademia") == ["Akademia Górnicza"]
    assert names(zone=zone_2.pk, kind="university") == ["Akademia Górnicza"]


def test_a_zone_of_another_fair_in_the_filter_is_an_error_not_a_500(staff_client):
    call = ExhibitorCallFactory()
    other = ExhibitorCallFactory()
    submitted(call)

    response = staff_client.get(
        reverse("fairs_admin:review_queue", args=[call.pk]), {"zone": other.event.zones.first().pk}
    )

    assert response.status_code == 200
    assert "zone" in response.context["filter_form"].errors


def test_the_detail_shows_all_the_data_of_the_application(staff_client):
    application = submitted(
        ExhibitorCallFactory(),
        exhibitor=ExhibitorFactory(name="Politechnika Śląska", city="Gliwice"),
        contact_name="Ewa Kowalska",
        contact_email="ewa@polsl.example.org",
        contact_phone="+48 32 000 00 00",
        other_needs="Dostęp do wody",
        showcase="Łazik marsjański",
        floor_space=12,
    )
    exhibitor_person(application.exhibitor, email="jan@polsl.example.org")

    response = staff_client.get(reverse("fairs_admin:review_application", args=[application.pk]))

    text = response.content.decode()
    for value in (
        "Politechnika Śląska",
        "Gliwice",
        "Ewa Kowalska",
        "ewa@polsl.example.org",
        "+48 32 000 00 00",
        "Dostęp do wody",
        "Łazik marsjański",
        "jan@polsl.example.org",
    ):
        assert value in text
    assert "private" in response["Cache-Control"]


def test_a_draft_has_no_review_page(staff_client):
    draft = ApplicationFactory()

    response = staff_client.get(reverse("fairs_admin:review_application", args=[draft.pk]))

    assert response.status_code == 404


# ---- decisions ----------------------------------------------------------------------------------


def test_accepting_saves_the_decision_and_mails_the_contact_and_the_people(
    staff_client, django_capture_on_commit_callbacks
):
    application = submitted(ExhibitorCallFactory(), contact_email="kontakt@uni.example.org")
    exhibitor_person(application.exhibitor, email="osoba@uni.example.org")
    exhibitor_person(application.exhibitor, email="KONTAKT@uni.example.org")  # the contact again

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("fairs_admin:review_application", args=[application.pk]),
            {"action": "decide", "decision-decision": "accepted", "decision-reason": ""},
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.decided_by == staff_client.staff
    assert application.decided_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == [
        "kontakt@uni.example.org",
        "osoba@uni.example.org",
    ]
    sent = mail.outbox[0]
    assert sent.subject == f"Stoisko na wydarzeniu {application.call.event.title}: zgłoszenie przyjęte"
    assert "zostało przyjęte." in sent.body
    assert "Stoisko zostanie wkrótce przydzielone." in sent.body


def test_declining_needs_a_reason_and_keeps_what_was_typed(staff_client):
    application = submitted(ExhibitorCallFactory())

    response = staff_client.post(
        reverse("fairs_admin:review_application", args=[application.pk]),
        {"action": "decide", "decision-decision": "declined", "decision-reason": "  "},
    )

    assert response.status_code == 400
    assert response.context["decision_form"].errors["reason"] == [
        "Podaj powód odmowy: wystawca go przeczyta."
    ]
    assert response.context["decision_form"]["decision"].value() == "declined"  # the choice is kept
    application.refresh_from_db()
    assert application.status == "submitted"
    assert OutgoingEmail.objects.count() == 0


def test_a_declined_application_mail_gives_the_reason(django_capture_on_commit_callbacks):
    application = submitted(ExhibitorCallFactory())

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(
            application=application, decision="declined", reason="Brak miejsc w strefie uczelni.", by=None
        )

    [sent] = mail.outbox
    assert sent.subject == f"Stoisko na wydarzeniu {application.call.event.title}: zgłoszenie odrzucone"
    assert "Brak miejsc w strefie uczelni." in sent.body


def test_the_service_refuses_a_decline_without_reason_and_a_second_decision():
    application = submitted(ExhibitorCallFactory())

    with pytest.raises(services.ReviewError) as declined:
        services.decide_application(application=application, decision="declined", reason="")
    assert declined.value.field == "reason"

    services.decide_application(application=application, decision="waitlisted")
    assert services.decisions_for(Application.objects.get(pk=application.pk)) == ["accepted", "declined"]
    with pytest.raises(services.ReviewError):
        services.decide_application(application=application, decision="waitlisted")
    services.decide_application(application=application, decision="accepted")
    with pytest.raises(services.ReviewError) as again:
        services.decide_application(application=application, decision="declined", reason="Jednak nie")
    status = Application.Status.ACCEPTED.label  # the foundation's catalogue translates the statuses
    assert again.value.message == f"Zgłoszenie o statusie „{status}” nie może otrzymać tej decyzji."
    assert Application.objects.get(pk=application.pk).status == "accepted"


def test_a_withdrawn_application_cannot_be_accepted():
    application = submitted(ExhibitorCallFactory(), status=Application.Status.WITHDRAWN)

    with pytest.raises(services.ReviewError):
        services.decide_application(application=application, decision="accepted")


# ---- stands ---------------------------------------------------------------------------------------


def accepted(call, **fields):
    return submitted(call, status=Application.Status.ACCEPTED, **fields)


def test_giving_a_stand_creates_the_fairs_stand_and_mails_it(
    staff_client, django_capture_on_commit_callbacks
):
    call = ExhibitorCallFactory()
    zone = call.event.zones.order_by("sort_order").last()
    application = accepted(
        call, exhibitor=ExhibitorFactory(name="Politechnika Opolska", website="https://po.example.org/")
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("fairs_admin:review_application", args=[application.pk]),
            {"action": "assign", "stand-zone": zone.pk, "stand-number": " B12 ", "stand-size": "3 x 2 m"},
        )

    assert response.status_code == 302
    application.refresh_from_db()
    stand = application.stand
    assert (stand.event_id, stand.zone, stand.number, stand.size, stand.institution, stand.url) == (
        call.event.pk,
        zone,
        "B12",
        "3 x 2 m",
        "Politechnika Opolska",
        "https://po.example.org/",
    )
    [sent] = mail.outbox
    assert sent.subject == f"Wasze stoisko B12 na targach {call.event.title}"
    assert "Twoje stoisko: B12, strefa 2. Strefa 2, wymiary stoiska 3 x 2 m" in sent.body


def test_changing_the_stand_moves_the_same_stand():
    call = ExhibitorCallFactory()
    zone_1, zone_2 = call.event.zones.order_by("sort_order")
    application = accepted(call)
    first = services.assign_stand(application=application, zone=zone_1, number="1", size="")

    second = services.assign_stand(application=application, zone=zone_2, number="7", size="2 x 2 m")

    assert (first.created, second.created) == (True, False)
    assert second.stand.pk == first.stand.pk
    assert Stand.objects.filter(event=call.event).count() == 1
    assert (second.stand.zone, second.stand.number) == (zone_2, "7")


def test_a_stand_number_is_never_given_twice_in_a_fair(staff_client):
    call = ExhibitorCallFactory()
    zone = call.event.zones.first()
    StandFactory(event=call.event, zone=zone, number="12", institution="Uniwersytet Ekonomiczny")
    application = accepted(call)

    response = staff_client.post(
        reverse("fairs_admin:review_application", args=[application.pk]),
        {"action": "assign", "stand-zone": zone.pk, "stand-number": "12", "stand-size": "3 x 3 m"},
    )

    assert response.status_code == 400
    assert response.context["stand_form"].errors["number"] == [
        "Stoisko 12 na tych targach ma już Uniwersytet Ekonomiczny."
    ]
    assert response.context["stand_form"]["size"].value() == "3 x 3 m"
    application.refresh_from_db()
    assert application.stand is None


def test_the_same_number_at_another_fair_is_fine():
    call = ExhibitorCallFactory()
    other = ExhibitorCallFactory()
    StandFactory(event=other.event, zone=other.event.zones.first(), number="12")

    assignment = services.assign_stand(
        application=accepted(call), zone=call.event.zones.first(), number="12", size=""
    )

    assert assignment.stand.number == "12"


def test_a_full_zone_takes_no_more_stands_but_a_stand_may_stay_in_it():
    call = ExhibitorCallFactory()
    zone, other_zone = call.event.zones.order_by("sort_order")
    zone.capacity = 2
    zone.save()
    StandFactory(event=call.event, zone=zone, number="1")
    staying = accepted(call)
    services.assign_stand(application=staying, zone=zone, number="2", size="")

    with pytest.raises(services.ReviewError) as full:
        services.assign_stand(application=accepted(call), zone=zone, number="3", size="")

    assert full.value.field == "zone"
    assert full.value.message == "Strefa „Strefa 1” jest pełna: mieści 2 stoiska i wszystkie są rozdane."
    services.assign_stand(application=staying, zone=zone, number="2A", size="4 x 2 m")  # stays in its zone
    assert Stand.objects.filter(zone=zone).count() == 2
    services.assign_stand(application=accepted(call), zone=other_zone, number="3", size="")  # no limit


def test_only_an_accepted_application_gets_a_stand_and_only_in_its_fair():
    call = ExhibitorCallFactory()
    with pytest.raises(services.ReviewError):
        services.assign_stand(application=submitted(call), zone=call.event.zones.first(), number="1", size="")
    with pytest.raises(services.ReviewError) as foreign:
        services.assign_stand(
            application=accepted(call), zone=ExhibitorCallFactory().event.zones.first(), number="1", size=""
        )
    assert foreign.value.field == "zone"
    assert not Stand.objects.exists()


def test_the_database_refuses_a_second_stand_with_the_same_number_in_a_fair():
    stand = StandFactory(number="5")
    with pytest.raises(IntegrityError), transaction.atomic():
        Stand.objects.create(event=stand.event, zone=stand.zone, number="5", institution="Druga")
    Stand.objects.create(event=stand.event, zone=stand.zone, number="", institution="Bez numeru 1")
    Stand.objects.create(event=stand.event, zone=stand.zone, number="", institution="Bez numeru 2")


def checks_now():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_migration_renames_duplicate_numbers_before_the_constraint():
    first = StandFactory(number="7")
    event, zone = first.event, first.zone
    checks_now()  # no pending foreign-key checks before the DDL (PostgreSQL)
    with connection.schema_editor() as editor:
        editor.remove_constraint(Stand, Stand._meta.constraints[0])
    second = Stand.objects.create(event=event, zone=zone, number="7", institution="B")
    third = Stand.objects.create(event=event, zone=zone, number="7", institution="C")
    taken = Stand.objects.create(event=event, zone=zone, number="7-2", institution="D")
    elsewhere = StandFactory(number="7")

    migration = importlib.import_module("events.migrations.0004_zone_capacity_stand_size_unique_number")
    migration.rename_duplicate_numbers(apps, None)
    checks_now()

    numbers = dict(Stand.objects.values_list("pk", "number"))
    assert [numbers[s.pk] for s in (first, second, third, taken, elsewhere)] == [
        "7",
        "7-3",
        "7-4",
        "7-2",
        "7",
    ]
    with connection.schema_editor() as editor:
        editor.add_constraint(Stand, Stand._meta.constraints[0])


# ---- mail to the accepted exhibitors ------------------------------------------------------------------


def test_the_mail_goes_once_to_every_address_of_accepted_exhibitors_with_the_attachments(
    staff_client, django_capture_on_commit_callbacks
):
    call = ExhibitorCallFactory()
    first = accepted(call, contact_email="a@example.org")
    exhibitor_person(first.exhibitor, email="b@example.org")
    accepted(call, contact_email="A@example.org")  # the same person for two institutions
    submitted(call, contact_email="czeka@example.org")
    accepted(ExhibitorCallFactory(), contact_email="inne-targi@example.org")
    document = get_document_model().objects.create(
        title="Regulamin", file=ContentFile(b"%PDF-1.4 regulamin", name="regulamin.pdf")
    )
    upload = ContentFile(b"Plan hali", name="plan-hali.txt")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("fairs_admin:review_message", args=[call.pk]),
            {
                "subject": "Montaż stoisk",
                "body": "Montaż w piątek od 14:00.",
                "files": [upload],
                "document_1": document.pk,
            },
        )

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    sent = mail.outbox[0]
    assert sent.subject == "Montaż stoisk"
    assert sent.body == "Montaż w piątek od 14:00."
    assert sorted((name, content, mime) for name, content, mime in sent.attachments) == [
        ("plan-hali.txt", "Plan hali", "text/plain"),  # text comes back decoded
        ("regulamin.pdf", b"%PDF-1.4 regulamin", "application/pdf"),
    ]


def test_the_mail_form_keeps_the_text_when_the_subject_is_missing(staff_client):
    call = ExhibitorCallFactory()
    accepted(call)

    response = staff_client.post(
        reverse("fairs_admin:review_message", args=[call.pk]), {"subject": "", "body": "Montaż od 8:00"}
    )

    assert response.status_code == 400
    assert "Montaż od 8:00" in response.content.decode()
    assert OutgoingEmail.objects.count() == 0


# ---- exports ----------------------------------------------------------------------------------------


def test_the_xlsx_export_has_every_sent_application_with_its_stand(staff_client):
    call = ExhibitorCallFactory()
    application = accepted(call, exhibitor=ExhibitorFactory(name="Uniwersytet Rolniczy"), floor_space=9)
    services.assign_stand(application=application, zone=call.event.zones.first(), number="4", size="3 x 3 m")
    ApplicationFactory(call=call)  # a draft: not exported

    response = staff_client.get(reverse("fairs_admin:review_export_xlsx", args=[call.pk]))

    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == call.event.title
    header, values = rows[1], rows[2]
    row = dict(zip(header, values, strict=True))
    assert len(rows) == 3
    assert row["Instytucja"] == "Uniwersytet Rolniczy"
    assert row["Status zgłoszenia"] == str(Application.Status.ACCEPTED.label)
    assert row["Numer stoiska"] == "4"
    assert row["Wymiary stoiska"] == "3 x 3 m"
    assert row["Gniazdo elektryczne"] == "tak"


def test_the_stand_editor_says_the_number_is_taken_instead_of_failing():
    stand = StandFactory(number="9")
    duplicate = Stand(event=stand.event, zone=stand.zone, number="9", institution="Druga uczelnia")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.messages == ["Te targi mają już stoisko o tym numerze."]
