"""The staff reach dashboard in the Wagtail admin: figures for a period and activity type."""

import datetime

from django import forms
from django.apps import apps
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.accounts.auth import is_staff_member, staff_required
from cms.files import spreadsheets as exports
from cms.places.queries import register

from .figures import activity_lines, activity_types, collect_rows, drill_rows, filter_rows, summarise, totals


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


def last_quarter(today=None):
    """The last complete calendar quarter before ``today``'s."""
    today = today or timezone.localdate()
    this_quarter = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter - datetime.timedelta(days=1)
    return datetime.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end


def period_shortcuts(activity_type="", today=None):
    """ "Last quarter" and "This year": label and query of each (show it, or its XLSX in one click)."""
    shortcuts = []
    for label, (start, end) in (
        (_("Last quarter"), last_quarter(today)),
        (_("This year"), default_period(today)),
    ):
        query = {"start": start.isoformat(), "end": end.isoformat(), "activity_type": activity_type}
        shortcuts.append(
            {
                "label": label,
                "start": start,
                "end": end,
                "url": "?" + urlencode(query),
                "xlsx_url": "?" + urlencode({**query, "format": "xlsx"}),
            }
        )
    return shortcuts


KIND_LABELS = {
    "pupils": gettext_lazy("Pupils"),
    "teachers": gettext_lazy("Teachers and career advisers"),
    "adults": gettext_lazy("Parents and other adults"),
    "others": gettext_lazy("Other people"),
    "unknown": gettext_lazy("Not known"),
}
BASIS_LABELS = {
    "checked_in": gettext_lazy("Checked in at the door"),
    "counted": gettext_lazy("Counted at the entrance"),
    "report": gettext_lazy("From a report"),
    "participants": gettext_lazy("Named participants"),
}
INSTITUTION_LABELS = {
    "school": gettext_lazy("Schools"),
    "university": gettext_lazy("Universities"),
    "employer": gettext_lazy("Employers"),
    "public": gettext_lazy("Public institutions"),
    "other": gettext_lazy("Other institutions"),
}
INSTITUTION_FIELDS = {
    "school": "schools",
    "university": "universities",
    "employer": "employers",
    "public": "public",
    "other": "other_institutions",
}


def counting_rule():
    return (
        _(
            "People reached are counted once per unit of each activity and never twice: a registration "
            "counts the largest head-count checked in through any one door of its event (a class that "
            "came on two days or through two zones counts once); a head-count at an entrance counts only "
            "people who came in without a ticket; an Edubus stop counts the visitors of its report; a "
            "contest counts the named members of its entries. A person who took part in two activities "
            "counts in each (people reached are participations, not distinct persons: no one is "
            "identified across activities). Registered places are booked places, not people."
        )
        + " "
        + _(
            "At a fair with stand visit codes, visitors who scanned a stand's code are added only beyond "
            "those already known: the fair's extra counted visitors are the visits of its busiest stand "
            "minus the people checked in at its door and counted at its entrances (never below zero), "
            "because one visitor may scan several stands."
        )
    )


def _labelled(labels, figures, fields=None):
    fields = fields or {key: key for key in labels}
    return [
        {"key": key, "label": label, "value": getattr(figures, fields[key])} for key, label in labels.items()
    ]


def _filtered(request, *, drill_form=None):
    """The valid filter form, the period's rows of the chosen type and the type labels, or the
    form with its errors and ``None`` rows."""
    start, end = default_period()
    data = request.GET if "start" in request.GET else {"start": start, "end": end, "activity_type": ""}
    form = ReachFilterForm(data)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    all_rows = collect_rows(start=start, end=end)
    types = activity_types(all_rows)
    form.offer_types(types)
    if not form.is_valid():
        return form, None, dict(types)
    return form, filter_rows(all_rows, form.cleaned_data["activity_type"]), dict(types)


def _base_query(form):
    return {
        "start": form.cleaned_data["start"].isoformat(),
        "end": form.cleaned_data["end"].isoformat(),
        "activity_type": form.cleaned_data["activity_type"],
    }


@staff_required
def reach_dashboard(request):
    form, rows, type_labels = _filtered(request)
    summary = chart = None
    context = {"form": form, "export_query": request.GET.urlencode()}
    chosen_type = form.cleaned_data.get("activity_type", "") if hasattr(form, "cleaned_data") else ""
    context["shortcuts"] = period_shortcuts(chosen_type or "")
    if rows is not None:
        summary = summarise(rows)
        if request.GET.get("format") == "xlsx":
            return xlsx_response(summary, rows, form.cleaned_data, type_labels)
        chart = {
            "labels": [f"{c.county_name} ({c.voivodeship_name})" for c in summary.by_county],
            "datasets": [
                {"label": str(_("People reached")), "data": [c.people for c in summary.by_county]},
                {"label": str(_("Registrations")), "data": [c.registrations for c in summary.by_county]},
            ],
        }
        figures = summary.figures
        context.update(
            drill=_base_query(form),
            figures=figures,
            kinds=_labelled(KIND_LABELS, figures),
            bases=_labelled(BASIS_LABELS, figures),
            institutions=_labelled(INSTITUTION_LABELS, figures, INSTITUTION_FIELDS),
            kind_labels=list(KIND_LABELS.items()),
            basis_labels=list(BASIS_LABELS.items()),
            counting_rule=counting_rule(),
        )
    context.update(summary=summary, chart=chart)
    return render(request, "cms/admin/reach_dashboard.html", context)


class DrillForm(forms.Form):
    """What a dashboard figure adds to the period and type: one county, gmina, basis, kind..."""

    county = forms.CharField(required=False, max_length=4)
    gmina = forms.CharField(required=False, max_length=200)
    basis = forms.ChoiceField(required=False, choices=[("", ""), *BASIS_LABELS.items()])
    kind = forms.ChoiceField(required=False, choices=[("", ""), *KIND_LABELS.items()])
    institution = forms.ChoiceField(required=False, choices=[("", ""), *INSTITUTION_LABELS.items()])
    outside_capital = forms.ChoiceField(required=False, choices=[("", ""), ("1", "1"), ("0", "0")])


def _drill_description(filters, type_labels, activity_type):
    places = register()
    parts = [type_labels.get(activity_type, _("All activities"))]
    if filters["county"]:
        parts.append(_("county: %(name)s") % {"name": places.county_label(filters["county"])})
    if filters["gmina"]:
        gmina = filters["gmina"]
        name = places.municipality_label(gmina) if "|" not in gmina else gmina.split("|", 1)[1]
        parts.append(_("gmina: %(name)s") % {"name": name or gmina})
    if filters["basis"]:
        parts.append(str(BASIS_LABELS[filters["basis"]]))
    if filters["kind"]:
        parts.append(_("with %(kind)s") % {"kind": str(KIND_LABELS[filters["kind"]]).lower()})
    if filters["institution"]:
        parts.append(
            _("reaching %(kind)s") % {"kind": str(INSTITUTION_LABELS[filters["institution"]]).lower()}
        )
    if filters["outside_capital"] == "1":
        parts.append(_("outside the voivodeship capital"))
    elif filters["outside_capital"] == "0":
        parts.append(_("in the voivodeship capital"))
    return ", ".join(str(part) for part in parts)


@staff_required
def reach_rows_view(request):
    """The activities behind one dashboard figure, each with its figures and its records' link."""
    form, rows, type_labels = _filtered(request)
    drill_form = DrillForm(request.GET)
    context = {"form": form, "drill_form": drill_form, "lines": None}
    if rows is not None and drill_form.is_valid():
        chosen = drill_rows(rows, **drill_form.cleaned_data)
        context.update(
            lines=activity_lines(chosen),
            totals=totals(chosen),
            row_count=len(chosen),
            description=_drill_description(
                drill_form.cleaned_data, type_labels, form.cleaned_data["activity_type"]
            ),
            back_query=urlencode(_base_query(form)),
            kind_labels=list(KIND_LABELS.items()),
            basis_labels=list(BASIS_LABELS.items()),
        )
    elif rows is not None:
        context["drill_error"] = _("This figure cannot be traced: the link is not one of the dashboard's.")
    return render(request, "cms/admin/reach_rows.html", context)


FIGURE_COLUMNS = [
    (gettext_lazy("Activities"), "activities"),
    (gettext_lazy("Registrations"), "registrations"),
    (gettext_lazy("Registered places"), "places"),
    (gettext_lazy("People reached"), "people"),
    *((label, key) for key, label in KIND_LABELS.items()),
    *((label, key) for key, label in BASIS_LABELS.items()),
    (gettext_lazy("Schools"), "schools"),
    (gettext_lazy("Municipalities"), "municipalities"),
]
LINE_COLUMNS = [column for column in FIGURE_COLUMNS if column[1] not in ("activities", "municipalities")]


def _values(figures, columns):
    return [getattr(figures, key) for _label, key in columns]


def _summary_rows(figures):
    rows = [
        (_("Activities"), figures.activities),
        (_("Registrations"), figures.registrations),
        (_("Registered places"), figures.places),
        (_("People reached"), figures.people),
    ]
    rows += [
        (_("of whom: %(kind)s") % {"kind": label}, getattr(figures, key))
        for key, label in KIND_LABELS.items()
    ]
    rows += [
        (_("known as: %(basis)s") % {"basis": label}, getattr(figures, key))
        for key, label in BASIS_LABELS.items()
    ]
    rows += [
        (_("Schools"), figures.schools),
        (_("Schools with an RSPO number"), figures.schools_rspo),
        (_("Universities"), figures.universities),
        (_("Employers"), figures.employers),
        (_("Public institutions"), figures.public),
        (_("Other institutions"), figures.other_institutions),
        (_("Municipalities"), figures.municipalities),
        (_("Counties"), figures.counties),
        (_("Activities with a known venue"), figures.activities_located),
        (_("Activities outside the voivodeship capital"), figures.activities_outside_capital),
        (
            _("Share of activities outside the voivodeship capital (%)"),
            figures.activities_outside_capital_share,
        ),
        (_("People with a known gmina"), figures.people_located),
        (_("People from outside the voivodeship capital"), figures.people_outside_capital),
        (_("Share of people from outside the voivodeship capital (%)"), figures.people_outside_capital_share),
    ]
    return rows


def _unique_title(title, used):
    title = exports.sheet_title(title)
    candidate, number = title, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate = title[: exports.SHEET_TITLE_LENGTH - len(suffix)] + suffix
        number += 1
    used.add(candidate.casefold())
    return candidate


def xlsx_response(summary, rows, filters, type_labels):
    """The funder's workbook: a summary, overviews by type, county and gmina, then one sheet per
    activity type and one per county listing its activities; each sheet's header gives the period,
    the activity type chosen and the counting rule."""
    workbook = exports.Workbook()
    used = set()
    preamble = [
        [_("Reach of activities")],
        [_("From"), filters["start"]],
        [_("To"), filters["end"]],
        [_("Activity type"), type_labels.get(filters["activity_type"], _("All activities"))],
        [_("Counting rule"), counting_rule()],
    ]
    figures_header = [str(label) for label, _key in FIGURE_COLUMNS]
    workbook.add_sheet(
        _unique_title(_("Summary"), used),
        [_("Figure"), _("Value")],
        _summary_rows(summary.figures),
        widths={0: 48, 1: 24},
        preamble=preamble,
    )
    workbook.add_sheet(
        _unique_title(_("Activity types"), used),
        [_("Activity type"), *figures_header],
        ([t.label, *_values(t.figures, FIGURE_COLUMNS)] for t in summary.by_type),
        preamble=preamble,
    )
    workbook.add_sheet(
        _unique_title(_("Counties"), used),
        [_("Voivodeship"), _("County"), *figures_header],
        ([c.voivodeship_name, c.county_name, *_values(c.figures, FIGURE_COLUMNS)] for c in summary.by_county),
        preamble=preamble,
    )
    workbook.add_sheet(
        _unique_title(_("Gminas"), used),
        [_("Voivodeship"), _("County"), _("Gmina"), _("TERYT code"), *figures_header],
        (
            [m.voivodeship_name, m.county_name, m.name, m.municipality, *_values(m.figures, FIGURE_COLUMNS)]
            for m in summary.by_municipality
        ),
        preamble=preamble,
    )
    line_header = [_("Activity"), _("Activity type"), *(str(label) for label, _key in LINE_COLUMNS)]

    def line_rows(chosen):
        for line in activity_lines(chosen):
            yield [line.name, line.activity_type_label, *_values(line.figures, LINE_COLUMNS)]
        yield [_("Total"), "", *_values(totals(chosen), LINE_COLUMNS)]

    for t in summary.by_type:
        workbook.add_sheet(
            _unique_title(t.label, used),
            line_header,
            line_rows([row for row in rows if row.activity_type == t.activity_type]),
            preamble=[*preamble, [_("Sheet"), t.label]],
        )
    for c in summary.by_county:
        workbook.add_sheet(
            _unique_title(f"{c.county} {c.county_name}", used),
            line_header,
            line_rows(drill_rows(rows, county=c.county)),
            preamble=[*preamble, [_("Sheet"), f"{c.county_name} ({c.voivodeship_name})"]],
        )
    response = HttpResponse(workbook.to_bytes(), content_type=exports.XLSX_TYPE)
    filename = f"reach-{filters['start']:%Y%m%d}-{filters['end']:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
