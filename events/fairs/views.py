"""Public and exhibitor pages of the fairs (each part of the app in its own block)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cms.accounts.auth import staff_required
from cms.accounts.network import client_ip
from cms.accounts.ratelimit import over_limit
from cms.links import absolute_url

from . import access, queries, services
from .forms import VisitMaterialForm
from .models import EXHIBITOR
from .pdf import stand_label, visit_code_pdf

# ---- Visits ----------------------------------------------------------------------------------

# Visits one client address may add to one stand in an hour (a school's network is one address
# for a whole class, so the limit is generous); EDUFEST_STAND_VISIT_RATE_LIMIT overrides it.
STAND_VISIT_RATE_LIMIT = 60


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def visit_cookie_name(code):
    return f"stand_visit_{code.pk}"


@never_cache
@require_safe
def stand_visit(request, token):
    """The stand's material for the visitor who scanned its code. Opening it counts one visit in
    the current Warsaw hour, unless the same phone already counted this hour (a cookie holding
    only that hour) or its address went over the rate limit. Nothing about the visitor is kept."""
    code = queries.open_visit_code(token)
    if code is None:
        raise Http404
    now = timezone.now()
    hour = queries.hour_of(now)
    hour_key = hour.strftime("%Y%m%d%H")
    counted = request.COOKIES.get(visit_cookie_name(code)) == hour_key
    if request.method == "GET" and not counted:
        limit = getattr(settings, "EDUFEST_STAND_VISIT_RATE_LIMIT", STAND_VISIT_RATE_LIMIT)
        if not over_limit("stand-visit", f"{client_ip(request)}|{code.pk}", limit=limit, seconds=3600):
            services.count_stand_visit(stand=code.stand, at=now)
    stand = code.stand
    response = render(
        request,
        "fairs/visits/stand_visit.html",
        {
            "code": code,
            "stand": stand,
            "event": stand.event,
            "stand_label": stand_label(stand),
            "stand_page": getattr(stand, "page", None),
        },
    )
    if request.method == "GET" and not counted:
        next_hour = hour + datetime.timedelta(hours=1)
        response.set_cookie(
            visit_cookie_name(code),
            hour_key,
            max_age=max(int((next_hour - now).total_seconds()), 1),
            path=request.path,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _visits_application(request, application_id):
    """The accepted application of the signed-in exhibitor's person, its fair with stand visits on."""
    application = access.accepted_application_of(request.user, application_id)
    if application is None or not application.call.stand_visits_enabled:
        raise Http404
    return application


def visit_url(code):
    return absolute_url(reverse("fairs:stand_visit", args=[code.token]))


@never_cache
@staff_required(roles=(EXHIBITOR,))
@require_http_methods(["GET", "POST"])
def stand_visits(request, application_id):
    """The exhibitor's stand visits: the material visitors get, the QR to print, visits per hour."""
    application = _visits_application(request, application_id)
    stand = application.stand
    code = services.ensure_visit_code(stand=stand)
    status = 200
    if request.method == "POST":
        form = VisitMaterialForm(request.POST)
        if form.is_valid():
            services.save_visit_material(code=code, **form.cleaned_data)
            messages.success(request, _("The material for visitors is saved."))
            return redirect("fairs:stand_visits", application.pk)
        status = 400
    else:
        form = VisitMaterialForm(initial={"material": code.material, "material_url": code.material_url})
    days = queries.visit_days(stand)
    response = render(
        request,
        "fairs/visits/stand_visits.html",
        {
            "application": application,
            "stand": stand,
            "stand_label": stand_label(stand),
            "event": application.call.event,
            "code": code,
            "visit_url": visit_url(code),
            "form": form,
            "days": days,
            "total": sum(day["total"] for day in days),
        },
        status=status,
    )
    return _private(response)


@staff_required(roles=(EXHIBITOR,))
@require_safe
def stand_visit_code_pdf(request, application_id):
    application = _visits_application(request, application_id)
    code = services.ensure_visit_code(stand=application.stand)
    response = HttpResponse(visit_code_pdf(code=code, url=visit_url(code)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="stoisko-{application.stand.pk}-kod.pdf"'
    return _private(response)
