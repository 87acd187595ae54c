"""The staff reach dashboard in the Wagtail admin: figures for a period and activity type."""

import datetime
import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import roles
from .reach import activity_types, collect_rows, filter_rows, summarise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReachFilterForm(forms.Form):
    # <input type="date"> takes only ISO dates (2026-01-01), whatever the language of the page.
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    activity_type = forms.CharField(label=gettext_lazy("Activity type"), required=False, widget=forms.Select)

    def offer_types(self, types):
        """The type choices come from the providers' rows of the period; unknown types are refused."""
        self.fields["activity_type"].widget.choices = [("", _("All activities")), *types]
        chosen = self.cleaned_data.get("activity_type") if hasattr(self, "cleaned_data") else ""
        if chosen and chosen not in dict(types):
            self.add_error("activity_type", _("No activity of this type in the chosen period."))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date cannot be before the start date."))
        return cleaned


def can_view_reach(user):
    return user.is_active and (user.is_superuser or roles.has_role(user, roles.STAFF))


def default_period(today=None):
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), today


def reach_dashboard(request):
    if not can_view_reach(request.user):
        raise PermissionDenied
    start, end = default_period()
    data = request.GET if "start" in request.GET else {"start": start, "end": end, "activity_type": ""}
    form = ReachFilterForm(data)
    summary = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    all_rows = collect_rows(start=start, end=end)
    types = activity_types(all_rows)
    form.offer_types(types)
    if form.is_valid():
        summary = summarise(filter_rows(all_rows, form.cleaned_data["activity_type"]))
        if request.GET.get("format") == "xlsx":
            return xlsx_response(summary, form.cleaned_data, dict(types))
    chart = None
    if summary is not None:
        chart = {
            "labels": [f"{c.county_name} ({c.voivodeship_name})" for c in summary.by_county],
            "datasets": [
                {"label": str(_("People reached")), "data": [c.people for c in summary.by_county]},
                {"label": str(_("Registrations")), "data": [c.registrations for c in summary.by_county]},
            ],
        }
    return render(
        request,
        "cms/admin/reach_dashboard.html",
        {"form": form, "summary": summary, "chart": chart, "export_query": request.GET.urlencode()},
    )


def xlsx_response(summary, filters, type_labels):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Summary")[:31]
    bold = Font(bold=True)
    sheet.append([_("Reach of activities")])
    sheet["A1"].font = bold
    sheet.append([_("From"), filters["start"]])
    sheet.append([_("To"), filters["end"]])
    sheet.append([_("Activity type"), type_labels.get(filters["activity_type"], _("All activities"))])
    sheet.append([])
    for label, value in _totals(summary):
        sheet.append([label, value])
    for row in sheet.iter_rows(min_row=2, max_row=4):
        row[1].number_format = "yyyy-mm-dd"

    counties = workbook.create_sheet(_("Counties")[:31])
    counties.append(_county_header())
    for cell in counties[1]:
        cell.font = bold
    for c in summary.by_county:
        counties.append(
            [
                c.voivodeship_name,
                c.county_name,
                c.activities,
                c.registrations,
                c.places,
                c.people,
                c.schools,
                c.municipalities,
            ]
        )
    types = workbook.create_sheet(_("Activity types")[:31])
    types.append(
        [_("Activity type"), _("Activities"), _("Registrations"), _("Registered places"), _("People reached")]
    )
    for cell in types[1]:
        cell.font = bold
    for t in summary.by_type:
        types.append([t.label, t.activities, t.registrations, t.places, t.people])
    for worksheet in workbook.worksheets:
        worksheet.column_dimensions["A"].width = 32
        worksheet.column_dimensions["B"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    filename = f"reach-{filters['start']:%Y%m%d}-{filters['end']:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _totals(summary):
    return [
        (_("Activities"), summary.activities),
        (_("Registrations"), summary.registrations),
        (_("Registered places"), summary.places),
        (_("People reached"), summary.people),
        (_("Schools"), summary.schools),
        (_("Municipalities"), summary.municipalities),
        (_("Counties"), summary.counties),
    ]


def _county_header():
    return [
        _("Voivodeship"),
        _("County"),
        _("Activities"),
        _("Registrations"),
        _("Registered places"),
        _("People reached"),
        _("Schools"),
        _("Municipalities"),
    ]
