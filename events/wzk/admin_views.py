"""Staff views of the WZK in the Wagtail admin."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import XLSX_TYPE
from cms.links import absolute_url

from . import exports, queries, services
from .models import Member

# --- recs: recommendations register export, a recommendation from a conclusion, feed for staff ---


@staff_required
@require_safe
def recommendations_xlsx(request):
    """The register of recommendations as XLSX, filtered as the list was (status, source, year)."""
    recommendations = queries.filter_register(
        queries.recommendation_register().order_by("created_at", "pk"),
        status=request.GET.get("status", ""),
        source=request.GET.get("source", ""),
        year=request.GET.get("year", ""),
    )
    body = exports.recommendations_xlsx(recommendations)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="rekomendacje-wzk.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_safe
def recommendation_from_conclusion(request, pk):
    """Open the new recommendation form filled from a conclusion of a partner morning."""
    conclusion = queries.conclusion_with_morning(pk)
    if conclusion is None:
        raise Http404
    return redirect(reverse("wzk_recommendation:add") + "?" + urlencode({"conclusion": conclusion.pk}))


@staff_required
@require_http_methods(["GET", "POST"])
def member_calendar(request, pk):
    """Staff turn a member's private feed on, copy it, or revoke it (the old address gives 404)."""
    member = get_object_or_404(Member, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(member=member)
            messages.success(
                request, _("A new private feed address was issued; the old one no longer works.")
            )
        else:
            services.turn_on_calendar_feed(member=member)
        return redirect("wzk_admin:member_calendar", pk=member.pk)
    feed_url = (
        absolute_url(reverse("wzk:member_feed", args=[member.calendar_token]))
        if member.calendar_token
        else ""
    )
    return TemplateResponse(
        request, "wzk/recs/admin/member_calendar.html", {"member": member, "feed_url": feed_url}
    )
