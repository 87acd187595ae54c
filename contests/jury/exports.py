"""Spreadsheets of the jury (``cms.files.spreadsheets``: titles and school names are text cells, never formulas)."""

from django.utils.translation import gettext as _

from cms.files import spreadsheets as exports

from . import scoring
from .models import juror_name


def round_workbook(table):
    """Two sheets: the ranking per category, and every juror's total per entry."""
    ranking, totals = [], []
    for group in table.categories:
        for row in group.rows:
            ranking.append(
                [
                    group.category.name,
                    row.rank,
                    _("yes") if row.tied else "",
                    row.entry.title,
                    row.entry.school.name,
                    float(scoring.round2(row.jury)),
                    row.public,
                    float(row.external) if row.external is not None else None,
                    float(scoring.round2(row.final)),
                ]
            )
            for juror, total in row.totals:
                totals.append(
                    [
                        group.category.name,
                        row.entry.title,
                        juror_name(juror),
                        float(scoring.round2(total)),
                    ]
                )
    workbook = exports.Workbook()
    workbook.add_sheet(
        _("Results"),
        [
            _("Category"),
            _("Place"),
            _("ex aequo"),
            _("Entry"),
            _("School"),
            _("Jury"),
            _("Public votes"),
            _("External figure"),
            _("Final score"),
        ],
        ranking,
    )
    workbook.add_sheet(_("Jurors' totals"), [_("Category"), _("Entry"), _("Juror"), _("Total")], totals)
    return workbook
