"""Staff's pages of the fairs in the Wagtail admin (the "Fair exhibitors" menu group)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import CSV_TYPE, XLSX_TYPE
from cms.links import absolute_url

from . import exports, queries, services
from .forms import (
    DecisionForm,
    ExhibitorCallAdminForm,
    ExhibitorMailForm,
    PlacementForm,
    ReviewFilterForm,
    StandAssignmentForm,
)
from .models import Application, ExhibitorCall
from .pdf import stand_label, visit_codes_pdf
from .services import PlacementError, save_placements

EXHIBITOR_CALL_PANELS = [
    FieldPanel("event"),
    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Application window")),
    FieldPanel("intro"),
    FieldPanel("zones", widget=forms.CheckboxSelectMultiple),
    FieldPanel("staff_allowance"),
    FieldPanel("edits_need_moderation"),
    FieldPanel("stand_visits_enabled"),
]


class ExhibitorCallViewSet(ModelViewSet):
    """``/admin/fairs/call/``: a fair's call for exhibitors, its window, zones and switches."""

    name = "fairs_call"
    url_prefix = "fairs/call"
    model = ExhibitorCall
    icon = "form"
    menu_label = _("Calls for exhibitors")
    menu_order = 10
    edit_handler = ObjectList(EXHIBITOR_CALL_PANELS, base_form_class=ExhibitorCallAdminForm)
    list_display = ["event", "opens_at", "closes_at", "staff_allowance", "edits_need_moderation"]
    search_fields = ["event__title"]
    ordering = ["-opens_at"]
    list_per_page = 50
    inspect_view_enabled = True


"""Staff pages of the fairs in the Wagtail admin. Each part of the app keeps its views in its own
block."""


QUEUE_PAGE_SIZE = 50


def _call_or_404(call_id):
    call = queries.call_for_review(call_id)
    if call is None:
        raise Http404
    return call


@require_safe
@staff_required
def review_calls(request):
    """Every call for exhibitors with the counts of its applications."""
    calls = list(queries.calls_for_review())
    return render(request, "fairs/admin/review/calls.html", {"calls": calls})


@require_safe
@staff_required
def review_queue(request, call_id):
    call = _call_or_404(call_id)
    filter_form = ReviewFilterForm(request.GET or None, call=call)
    applications = queries.review_queue(call, **filter_form.filters())
    page = Paginator(applications, QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "fairs/admin/review/queue.html",
        {
            "call": call,
            "event": call.event,
            "filter_form": filter_form,
            "page": page,
            "query": query.urlencode(),
            "zones": queries.fair_zones_with_stands(call),
        },
    )


def _application_or_404(application_id):
    application = queries.application_for_review(application_id)
    if application is None or application.status == Application.Status.DRAFT:
        raise Http404  # a draft is the exhibitor's own until it is sent
    return application


@staff_required
def review_application(request, application_id):
    """All the data of one application; staff decide on it and give an accepted one its stand."""
    application = _application_or_404(application_id)
    call = application.call
    stand = application.stand
    decisions = services.decisions_for(application)
    decision_form = DecisionForm(prefix="decision", decisions=decisions)
    stand_form = StandAssignmentForm(
        prefix="stand",
        call=call,
        initial={
            "zone": stand.zone_id if stand else application.preferred_zone_id,
            "number": stand.number if stand else "",
            "size": stand.size if stand else "",
        },
    )
    action = request.POST.get("action")
    if request.method == "POST" and action == "decide":
        decision_form = DecisionForm(request.POST, prefix="decision", decisions=decisions)
        if decision_form.is_valid():
            try:
                services.decide_application(
                    application=application,
                    decision=decision_form.cleaned_data["decision"],
                    reason=decision_form.cleaned_data["reason"],
                    by=request.user,
                )
            except services.ReviewError as error:
                decision_form.add_error(error.field, error.message)
            else:
                messages.success(request, _("The decision is saved and the exhibitor is told by mail."))
                return redirect("fairs_admin:review_application", application.pk)
    elif request.method == "POST" and action == "assign":
        stand_form = StandAssignmentForm(request.POST, prefix="stand", call=call)
        if stand_form.is_valid():
            try:
                assignment = services.assign_stand(
                    application=application,
                    zone=stand_form.cleaned_data["zone"],
                    number=stand_form.cleaned_data["number"],
                    size=stand_form.cleaned_data["size"],
                    by=request.user,
                )
            except services.ReviewError as error:
                stand_form.add_error(error.field, error.message)
            else:
                messages.success(
                    request,
                    _("Stand %(number)s is given to %(institution)s; they are told by mail.")
                    % {"number": assignment.stand.number, "institution": application.exhibitor.name},
                )
                return redirect("fairs_admin:review_application", application.pk)
    elif request.method == "POST":
        return redirect("fairs_admin:review_application", application.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "fairs/admin/review/application.html",
        {
            "application": application,
            "call": call,
            "event": call.event,
            "exhibitor": application.exhibitor,
            "people": [membership.user for membership in application.exhibitor.memberships.all()],
            "decision_form": decision_form,
            "stand_form": stand_form,
            "can_decide": bool(services.decisions_for(application)),
            "can_assign": application.status == Application.Status.ACCEPTED,
            "zones": queries.fair_zones_with_stands(call),
        },
        status=status,
    )


@staff_required
def message_accepted(request, call_id):
    """Staff's mail to every accepted exhibitor of a call, with attachments."""
    call = _call_or_404(call_id)
    form = ExhibitorMailForm(request.POST or None, request.FILES or None)
    accepted = list(queries.accepted_applications(call))
    if request.method == "POST" and form.is_valid():
        count = services.message_accepted_exhibitors(
            call=call,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            attachments=form.cleaned_data["attachments"],
            by=request.user,
        )
        messages.success(
            request,
            ngettext("%(count)d mail is queued.", "%(count)d mails are queued.", count) % {"count": count},
        )
        return redirect("fairs_admin:review_queue", call.pk)
    return render(
        request,
        "fairs/admin/review/message.html",
        {"call": call, "event": call.event, "form": form, "accepted": accepted},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@staff_required
def export_applications(request, call_id, fmt):
    call = _call_or_404(call_id)
    applications = queries.applications_for_export(call)
    if fmt == "xlsx":
        response = HttpResponse(exports.applications_xlsx(call, applications), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(exports.applications_csv(applications), content_type=CSV_TYPE)
    name = slugify(call.event.slug or call.event.title) or "targi"
    response["Content-Disposition"] = f'attachment; filename="zgloszenia-wystawcow-{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


"""Staff pages of the fairs in the Wagtail admin (each part of the app in its own block)."""


@staff_required
@require_safe
def visits_index(request):
    """The fairs whose call has stand visit codes on."""
    return render(request, "fairs/admin/visits_index.html", {"fairs": queries.fairs_with_visits()})


@staff_required
@require_http_methods(["GET", "POST"])
def fair_visits(request, event_id):
    """Every stand of a fair with its visits per fair day; POST gives the stands without a visit
    code one."""
    event = queries.fair_for_visits(event_id)
    if event is None:
        raise Http404
    enabled = queries.visits_enabled(event)
    if request.method == "POST":
        if not enabled:
            messages.error(request, _("Stand visit codes are off in this fair's call for exhibitors."))
        else:
            made = services.ensure_visit_codes(event=event)
            messages.success(
                request,
                ngettext("%(count)d stand got a visit code.", "%(count)d stands got a visit code.", made)
                % {"count": made},
            )
        return redirect("fairs_admin:visits", event.pk)
    table = queries.stand_visit_table(event)
    for line in table["stands"]:
        line["label"] = stand_label(line["stand"])
    return render(
        request,
        "fairs/admin/fair_visits.html",
        {
            "event": event,
            "enabled": enabled,
            "table": table,
            "without_code": sum(1 for line in table["stands"] if line["code"] is None),
        },
    )


@staff_required
@require_safe
def fair_visit_codes_pdf(request, event_id):
    """Every stand's QR poster of the fair (the stands that have a code), one A4 page each."""
    event = queries.fair_for_visits(event_id)
    if event is None or not queries.visits_enabled(event):
        raise Http404
    codes = [
        (code, absolute_url(reverse("fairs:stand_visit", args=[code.token])))
        for code in queries.visit_codes_of(event)
    ]
    if not codes:
        messages.error(request, _("No stand of this fair has a visit code yet."))
        return redirect("fairs_admin:visits", event.pk)
    response = HttpResponse(visit_codes_pdf(event=event, codes=codes), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="targi-{event.pk}-kody-stoisk.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


"""Staff pages of the fairs in the Wagtail admin (``/admin/fairs/…``, namespace ``fairs_admin``)."""


@staff_required
def place_stands(request, pk):
    """The hall's plan with the fair's stands as marks: a click on the image puts the chosen stand
    there (``fairs/place_stands.js``); without the script staff type across/down per cent."""
    floor_plan = queries.floor_plan_for_placing(pk)
    if floor_plan is None:
        raise Http404
    stands = queries.stands_for_placing(floor_plan)
    form = PlacementForm(request.POST or None, floor_plan=floor_plan, stands=stands)
    if request.method == "POST" and form.is_valid():
        try:
            placed, removed = save_placements(floor_plan=floor_plan, positions=form.positions())
        except PlacementError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Saved: %(placed)d stands on the plan of %(hall)s, %(removed)d taken off it.")
                % {"placed": placed, "hall": floor_plan.name, "removed": removed},
            )
            return redirect("fairs_admin:place_stands", floor_plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "fairs/admin/place_stands.html",
        {"floor_plan": floor_plan, "form": form, "rendition_filter": queries.PLAN_FILTER},
        status=status,
    )
