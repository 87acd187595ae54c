"""Public and member pages of the WZK."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cms.links import absolute_url

from . import calendar, queries, services

# --- recs: public recommendations, the member's private calendar feed ---------------------------


@require_safe
def recommendations(request):
    """``/wzk/rekomendacje/``: the recommendations the WZK adopted that staff marked public."""
    items = [
        {"recommendation": item, "source": queries.recommendation_source(item)}
        for item in queries.public_recommendations()
    ]
    return render(request, "wzk/recs/recommendations.html", {"items": items})


@require_safe
def member_feed(request, token):
    """``/wzk/kalendarz/<token>.ics``: the member's private feed; an unknown or revoked token is 404."""
    member = queries.member_by_calendar_token(token)
    if member is None:
        raise Http404
    response = HttpResponse(calendar.member_feed(member), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wzk.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def feed_url(member):
    if not member.calendar_token:
        return ""
    return absolute_url(reverse("wzk:member_feed", args=[member.calendar_token]))


@login_required
@require_http_methods(["GET", "POST"])
def member_calendar(request):
    """``/wzk/kalendarz/``: a current member turns their private feed on, copies it, or revokes it."""
    member = queries.member_for_user(request.user)
    if member is None:
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(member=member)
        else:
            services.turn_on_calendar_feed(member=member)
        return redirect("wzk:member_calendar")
    response = render(
        request, "wzk/recs/member_calendar.html", {"member": member, "feed_url": feed_url(member)}
    )
    response["Cache-Control"] = "private, no-store"
    return response
