"""Staff pages of the fairs in the Wagtail admin (each part of the app in its own block)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from cms.accounts.auth import staff_required
from cms.links import absolute_url

from . import queries, services
from .pdf import stand_label, visit_codes_pdf

# ---- Visits ----------------------------------------------------------------------------------


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
