"""The staff reach dashboard in the Wagtail admin: figures for a period and activity type."""

import datetime

from django import forms
from django.apps import apps
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.accounts.auth import is_staff_member, staff_required
from cms.files import spreadsheets as exports

from .figures import activity_types, collect_rows, filter_rows, summarise


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
    return is_staff_member(user)


def default_period(today=None):
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), today


@staff_required
def reach_dashboard(request):
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
    workbook = exports.Workbook()
    workbook.add_sheet(
        _("Summary"),
        [_("Figure"), _("Value")],
        _totals(summary),
        widths={0: 32, 1: 24},
        preamble=[
            [_("Reach of activities")],
            [_("From"), filters["start"]],
            [_("To"), filters["end"]],
            [_("Activity type"), type_labels.get(filters["activity_type"], _("All activities"))],
        ],
    )
    workbook.add_sheet(
        _("Counties"),
        _county_header(),
        (
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
            for c in summary.by_county
        ),
    )
    workbook.add_sheet(
        _("Activity types"),
        [
            _("Activity type"),
            _("Activities"),
            _("Registrations"),
            _("Registered places"),
            _("People reached"),
        ],
        ([t.label, t.activities, t.registrations, t.places, t.people] for t in summary.by_type),
    )
    response = HttpResponse(workbook.to_bytes(), content_type=exports.XLSX_TYPE)
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


def unmapped_places():
    """Records whose former place (django-localflavor keys) could not be mapped to the register.

    Found by field name across installed models (``place_unmapped`` of ``cms.places.fields.Address``,
    ``school_place_unmapped`` of registrations), so the base layer imports no domain app.
    """
    finder = AdminURLFinder()
    found = []
    for model in apps.get_models():
        names = [
            f.name for f in model._meta.get_fields() if f.name in ("place_unmapped", "school_place_unmapped")
        ]
        for name in names:
            for record in model._default_manager.exclude(**{name: ""}).order_by("pk")[:500]:
                found.append(
                    {
                        "kind": str(model._meta.verbose_name),
                        "record": str(record),
                        "unmapped": getattr(record, name),
                        "url": finder.get_edit_url(record),
                    }
                )
    return found


@staff_required
def unmapped_places_view(request):
    return render(request, "cms/admin/unmapped_places.html", {"records": unmapped_places()})
