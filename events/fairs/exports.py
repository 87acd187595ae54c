"""Staff downloads of the fairs (through ``cms.files.spreadsheets``, so no cell is a formula).
Each part of the app keeps its exports in its own block."""

from django.utils.translation import gettext as _

from cms.files import spreadsheets

# ---- Review -----------------------------------------------------------------------------------


def application_header():
    return [
        _("Institution"),
        _("Type of institution"),
        _("Town"),
        _("Institution's website"),
        _("Application status"),
        _("Contact person"),
        _("Contact person's e-mail"),
        _("Contact person's phone"),
        _("Preferred zone"),
        _("Tables needed"),
        _("Chairs needed"),
        _("Power socket needed"),
        _("Screen needed"),
        _("Internet needed"),
        _("Floor space needed (m²)"),
        _("Other needs"),
        _("What they will show"),
        _("Stand staff"),
        _("Application sent"),
        _("Decided"),
        _("Reason or note for the exhibitor"),
        _("Stand number"),
        _("Zone of the stand"),
        _("Stand size"),
    ]


def _yes_no(value):
    return _("yes") if value else _("no")


def application_rows(applications):
    for application in applications:
        exhibitor, stand = application.exhibitor, application.stand
        yield [
            exhibitor.name,
            str(exhibitor.get_kind_display()),
            exhibitor.city,
            exhibitor.website,
            str(application.get_status_display()),
            application.contact_name,
            application.contact_email,
            application.contact_phone,
            str(application.preferred_zone) if application.preferred_zone_id else "",
            application.tables,
            application.chairs,
            _yes_no(application.power),
            _yes_no(application.screen),
            _yes_no(application.internet),
            application.floor_space,
            application.other_needs,
            application.showcase,
            application.stand_staff,
            application.submitted_at,
            application.decided_at,
            application.decision_reason,
            stand.number if stand else "",
            str(stand.zone) if stand and stand.zone_id else "",
            stand.size if stand else "",
        ]


def applications_xlsx(call, applications):
    workbook = spreadsheets.Workbook()
    workbook.add_sheet(
        _("Applications"),
        application_header(),
        application_rows(applications),
        widths={15: 40, 16: 60, 20: 40},
        preamble=[[str(call.event.title)]],
    )
    return workbook.to_bytes()


def applications_csv(applications):
    return spreadsheets.csv_bytes([application_header(), *application_rows(applications)])
