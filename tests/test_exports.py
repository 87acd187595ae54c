"""Every spreadsheet export, opened as a spreadsheet program would: no formula cell anywhere.

A title or name like ``=HYPERLINK("http://x")`` comes back as that exact text (an XLSX string cell,
no apostrophe), and as ``'=HYPERLINK(...)`` in a CSV. ``test_every_export_is_covered`` keeps the list
honest: a new module writing a workbook or a CSV fails it until it is added here.
"""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.files import spreadsheets as exports
from cms.privacy.exports import build_zip
from cms.tests.factories import StaffFactory
from contests.jury.tests.factories import (
    AssignmentFactory,
    CriterionFactory,
    EntryFactory,
    JurorFactory,
    RoundFactory,
    make_contest,
    submit_sheet,
)
from events.counting.tests.factories import HeadCountFactory
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory, ExhibitorFactory
from events.feedback import services as feedback_services
from events.feedback.models import Invitation as FeedbackInvitation
from events.feedback.models import Question
from events.feedback.tests import factories as feedback_factories
from events.registration.tests.factories import SessionFactory, TicketTypeFactory, make_event, register
from events.tests.factories import ZoneFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x")'
ROOT = Path(__file__).resolve().parents[1]

# Every module that writes a spreadsheet, and the test below that opens its export.
WRITERS = {
    "cms/files/spreadsheets.py": "the shared writer itself",
    "cms/reach/admin_views.py": "test_reach_xlsx_has_no_formula_and_real_dates",
    "cms/privacy/exports.py": "test_privacy_export_csv_neutralises_formulas",
    "contests/jury/exports.py": "test_jury_results_xlsx_keeps_a_formula_title_as_text",
    "events/registration/exports.py": "test_registration_xlsx_is_typed_sized_frozen_and_formula_free",
    "events/counting/exports.py": "test_counted_visitors_exports_keep_a_formula_zone_and_school_as_text",
    "events/feedback/exports.py": "test_survey_results_xlsx_keeps_a_formula_text_answer_as_text",
    "events/wzk/exports.py": "events/wzk/tests/test_recs.py::test_the_register_exports_exact_cells",
    "events/wzk/admin_views.py": "test_wzk_roster_import_template_has_no_formula",
    "events/fairs/exports.py": "test_fair_applications_exports_keep_a_formula_institution_and_needs_as_text",
}


def formula_cells(content):
    workbook = load_workbook(io.BytesIO(content))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_every_export_is_covered():
    writing = re.compile(r"exports\.Workbook\(|csv_bytes\(|csv\.writer\(|openpyxl import Workbook|Workbook\(")
    found = {
        str(path.relative_to(ROOT))
        for folder in ("cms", "events", "contests")
        for path in (ROOT / folder).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and writing.search(path.read_text())
    }

    assert found == set(WRITERS)


def test_registration_xlsx_is_typed_sized_frozen_and_formula_free(staff_client):
    event = make_event()
    session = SessionFactory(page=event, title="+Warsztat")
    ticket_type = TicketTypeFactory(event=event)
    ticket_type.sessions.add(session)
    ticket_type.save()  # sessions of a ticket type are kept with the page (ParentalManyToMany)
    registration = register(
        ticket_type,
        1,
        name=EVIL,
        phone="+48 600 100 200",
        school_name="@Szkoła",
        school_county="1261",
        school_voivodeship="12",
        sessions=[session],
    )

    response = staff_client.get(reverse("registration_admin:export_xlsx", args=[event.pk]))

    assert response["Content-Type"] == exports.XLSX_TYPE
    assert formula_cells(response.content) == []
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, (cell for cell in sheet[2]), strict=True))
    assert row["Imię i nazwisko"].value == EVIL and row["Imię i nazwisko"].data_type == "s"
    assert row["Telefon"].value == "+48 600 100 200" and row["Telefon"].data_type == "s"
    assert row["Szkoła"].value == "@Szkoła"
    assert row["Sesje"].value == "+Warsztat"
    assert row["Powiat"].value == "Kraków"
    assert row["Województwo"].value == "małopolskie"
    registered = row["Zapisano"]
    assert registered.is_date and registered.number_format == "yyyy-mm-dd hh:mm"
    warsaw = timezone.localtime(registration.created_at).replace(tzinfo=None, microsecond=0)
    assert registered.value == warsaw
    assert sheet.freeze_panes == "A2"
    assert sheet[1][0].font.bold
    assert sheet.column_dimensions["D"].width == len(EVIL) + 2


def test_registration_csv_neutralises_formulas_and_writes_names(staff_client):
    ticket_type = TicketTypeFactory()
    register(ticket_type, 1, name=EVIL, school_name="-1+1", school_county="1261", school_voivodeship="12")

    response = staff_client.get(reverse("registration_admin:export_csv", args=[ticket_type.event_id]))

    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    values = dict(zip(header, row, strict=True))
    assert values["Imię i nazwisko"] == "'" + EVIL
    assert values["Szkoła"] == "'-1+1"
    assert values["Powiat"] == "Kraków"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", values["Zapisano"])


def test_jury_results_xlsx_keeps_a_formula_title_as_text(staff_client):
    contest = make_contest(results_published_at=timezone.now() - datetime.timedelta(hours=1))
    round = RoundFactory(contest=contest)
    CriterionFactory(round=round, name="Pomysł")
    entry = EntryFactory(contest=contest, title=EVIL)
    entry.school.name = "=1+1"
    entry.school.save()
    submit_sheet(AssignmentFactory(round=round, juror=JurorFactory(), entry=entry), (7,))

    response = staff_client.get(reverse("jury_admin:xlsx", args=[round.pk]))

    assert formula_cells(response.content) == []
    results, totals = load_workbook(io.BytesIO(response.content)).worksheets
    assert [results.cell(2, 4).value, results.cell(2, 5).value] == [EVIL, "=1+1"]
    assert totals.cell(2, 2).value == EVIL
    assert results.freeze_panes == totals.freeze_panes == "A2"


def test_reach_xlsx_has_no_formula_and_real_dates(staff_client):
    ticket_type = TicketTypeFactory(event=make_event(title=EVIL))
    register(ticket_type, 1, school_name=EVIL, school_county="1261", school_voivodeship="12")
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=30), today + datetime.timedelta(days=60)

    response = staff_client.get(
        "/admin/reach/", {"start": start.isoformat(), "end": end.isoformat(), "format": "xlsx"}
    )

    assert formula_cells(response.content) == []
    summary = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert (summary["B2"].value, summary["B2"].number_format) == (
        datetime.datetime.combine(start, datetime.time()),
        "yyyy-mm-dd",
    )
    assert summary["B3"].value == datetime.datetime.combine(end, datetime.time())
    assert summary.freeze_panes == "A7"  # under the title, period, type, counting rule and header


def test_privacy_export_csv_neutralises_formulas():
    data = {
        "sources": [{"key": "registrations", "tables": {"registrations": [{"name": EVIL, "phone": "+48 1"}]}}]
    }

    archive = zipfile.ZipFile(io.BytesIO(build_zip(data)))

    text = archive.read("csv/registrations-registrations.csv").decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["name", "phone"], ["'" + EVIL, "'+48 1"]]


def test_the_writer_drops_characters_xml_cannot_hold_and_writes_times_in_warsaw():
    workbook = exports.Workbook()
    summer = datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC)
    workbook.add_sheet("Arkusz: [1]", ["Tekst", "Czas"], [["a\x00b\x07c", summer]])

    sheet = load_workbook(io.BytesIO(workbook.to_bytes())).active

    assert sheet.title == "Arkusz   1"
    assert sheet["A2"].value == "abc"
    assert sheet["B2"].value == datetime.datetime(2026, 7, 1, 10, 30)


def test_counted_visitors_exports_keep_a_formula_zone_and_school_as_text(staff_client):
    zone = ZoneFactory(name=EVIL)
    HeadCountFactory(event=zone.page, zone=zone, delta=7, school_name="@Szkoła")
    url = f"/admin/counting/event/{zone.page.pk}/"

    xlsx = staff_client.get(url + "?format=xlsx")

    assert xlsx["Content-Type"] == exports.XLSX_TYPE
    assert formula_cells(xlsx.content) == []
    records = load_workbook(io.BytesIO(xlsx.content))["Zapisy"]
    assert [records[2][1].value, records[2][1].data_type, records[2][3].value] == [str(zone), "s", 7]
    zone.name, zone.number = EVIL, None
    zone.save()
    text = staff_client.get(url + "?format=csv").content.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[1] == f"'{EVIL}"
    assert row[5] == "'@Szkoła"


def test_survey_results_xlsx_keeps_a_formula_text_answer_as_text(staff_client):
    event_survey = feedback_factories.attach(send_after_hours=0)
    for n in range(5):  # results are broken down from 5 answers
        feedback_factories.checked_in(event_survey.event, email=f"osoba{n}@example.org")
    feedback_services.send_due_feedback_mail(now=timezone.now())
    tokens = FeedbackInvitation.objects.filter(event_survey=event_survey).values_list("token", flat=True)
    long_text = Question.objects.get(survey=event_survey.survey, kind="long_text")
    required = [
        feedback_services.AnswerValue(question_id=question.pk, number=4)
        if question.kind == "scale"
        else feedback_services.AnswerValue(question_id=question.pk, choices=[question.choice_list[0]])
        for question in Question.objects.filter(survey=event_survey.survey, required=True)
        if question.kind != "long_text"
    ]
    for token in tokens:
        feedback_services.submit_answers(
            token=token,
            answers=[*required, feedback_services.AnswerValue(question_id=long_text.pk, text=EVIL)],
            now=timezone.now(),
        )

    response = staff_client.get(f"/admin/feedback/{event_survey.pk}/wyniki.xlsx")

    assert formula_cells(response.content) == []
    texts = load_workbook(io.BytesIO(response.content))["Odpowiedzi tekstowe"]
    assert (texts[2][1].value, texts[2][1].data_type) == (EVIL, "s")


def test_wzk_roster_import_template_has_no_formula(staff_client):
    response = staff_client.get("/admin/wzk/sklad/import/szablon.xlsx")

    assert response["Content-Type"] == exports.XLSX_TYPE
    assert formula_cells(response.content) == []


def test_fair_applications_exports_keep_a_formula_institution_and_needs_as_text(staff_client):
    call = ExhibitorCallFactory()
    ApplicationFactory(
        call=call,
        status="submitted",
        exhibitor=ExhibitorFactory(name=EVIL, city="-Opole"),
        other_needs="+Woda",
        contact_phone="+48 600 100 200",
    )

    xlsx = staff_client.get(f"/admin/fairs/zgloszenia/{call.pk}/zgloszenia.xlsx")

    assert xlsx["Content-Type"] == exports.XLSX_TYPE
    assert formula_cells(xlsx.content) == []
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[2]]
    row = dict(zip(header, sheet[3], strict=True))
    assert (row["Instytucja"].value, row["Instytucja"].data_type) == (EVIL, "s")
    assert row["Miejscowość"].value == "-Opole"
    assert row["Inne potrzeby"].value == "+Woda"
    assert row["Telefon osoby do kontaktu"].value == "+48 600 100 200"
    text = staff_client.get(f"/admin/fairs/zgloszenia/{call.pk}/zgloszenia.csv").content.decode("utf-8-sig")
    header, values = list(csv.reader(io.StringIO(text), delimiter=";"))
    row = dict(zip(header, values, strict=True))
    assert row["Instytucja"] == f"'{EVIL}"
    assert row["Miejscowość"] == "'-Opole"
    assert row["Inne potrzeby"] == "'+Woda"
