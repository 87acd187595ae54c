"""The head-counts of one event or stop as CSV and XLSX (``cms.files.spreadsheets``): every record,
and (XLSX) the zone x hour table."""

from django.utils.translation import gettext as _

from cms.files import spreadsheets

from . import queries


def header():
    return [
        _("Hour"),
        _("Zone"),
        _("Who"),
        _("People"),
        _("School RSPO number"),
        _("School"),
        _("Recorded by"),
        _("Recorded"),
        _("Counted offline"),
    ]


def rows(*, event=None, stop=None):
    for count in queries.records(event=event, stop=stop):
        yield [
            count.hour,
            str(count.zone) if count.zone_id else "",
            str(count.get_category_display()),
            count.delta,
            count.school_rspo,
            count.school_name,
            count.recorded_by.get_username() if count.recorded_by_id else "",
            count.recorded_at,
            _("yes") if count.offline else _("no"),
        ]


def to_csv(*, event=None, stop=None):
    return spreadsheets.csv_bytes([header(), *rows(event=event, stop=stop)])


def to_xlsx(*, event=None, stop=None):
    workbook = spreadsheets.Workbook()
    table = queries.table(event=event, stop=stop)
    columns = [label or _("No zone") for _zone, label in table["columns"]]
    workbook.add_sheet(
        _("Zones by hour"),
        [_("Hour"), *columns, _("Total")],
        [[hour, *cells, total] for hour, cells, total in table["grid"]]
        + [[_("Total"), *table["zone_totals"], table["total"]]],
    )
    workbook.add_sheet(
        _("By category"),
        [_("Who"), _("People")],
        [[label, people] for _v, label, people in table["categories"]],
    )
    workbook.add_sheet(_("Records"), header(), rows(event=event, stop=stop))
    return workbook.to_bytes()
