"""CSV and XLSX exports of an event's registrations (formula injection neutralised in both)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cms.places import register as place_register

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def rows(registrations, questions):
    header = [
        _("ID"),
        _("Status"),
        _("Ticket"),
        _("Name"),
        _("E-mail"),
        _("Places"),
        _("Pupils"),
        _("Adults"),
        _("School"),
        _("RSPO"),
        _("Municipality"),
        _("Gmina"),
        _("County"),
        _("Voivodeship"),
        _("Phone"),
        _("Sessions"),
        _("Invitation code"),
        _("Language"),
        _("Registered"),
        *[question.label for question in questions],
    ]
    yield header
    places = place_register()
    for registration in registrations:
        answers = {answer.question_id: answer.value for answer in registration.answers.all()}
        yield [
            registration.pk,
            registration.get_status_display(),
            registration.ticket_type.name,
            registration.name,
            registration.email,
            registration.places,
            registration.pupils,
            registration.adults,
            registration.school_name,
            registration.school_rspo,
            registration.school_municipality,
            places.municipality_name(registration.school_municipality_code),
            places.county_name(registration.school_county),
            places.voivodeship_name(registration.school_voivodeship),
            registration.phone,
            "; ".join(session.title for session in registration.sessions.all()),
            registration.invitation_code.code if registration.invitation_code_id else "",
            registration.language,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            *[answers.get(question.pk, "") for question in questions],
        ]


def to_csv(registrations, questions):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(buffer, delimiter=";")
    for row in rows(registrations, questions):
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(registrations, questions):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in rows(registrations, questions):
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
