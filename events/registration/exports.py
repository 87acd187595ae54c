"""CSV and XLSX exports of an event's registrations, through the shared writer ``cms.files.spreadsheets``
(text cells are text, never formulas; real dates; county and voivodeship by name)."""

from django.utils.translation import gettext as _

from cms.files import spreadsheets as exports
from cms.places.queries import register as place_register


def header(questions):
    return [
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


def rows(registrations, questions):
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
            registration.created_at,
            *[answers.get(question.pk, "") for question in questions],
        ]


def to_csv(registrations, questions):
    return exports.csv_bytes([header(questions), *rows(registrations, questions)])


def to_xlsx(registrations, questions):
    workbook = exports.Workbook()
    workbook.add_sheet(_("Registrations"), header(questions), rows(registrations, questions))
    return workbook.to_bytes()
