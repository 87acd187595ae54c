from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from cms.places.queries import register as place_register
from cms.privacy.forms import optional_consent_given

from . import queries, services
from .forms import VisitRequestForm
from .models import PRIVACY_NOTICE_VERSION


def stop_list(request):
    """Upcoming stops as a list (the primary view) and a map, filterable by county."""
    stops = list(queries.listed_stops())
    places = place_register()
    counties = sorted(
        {stop.county for stop in stops if stop.county}, key=lambda c: places.county_name(c) or c
    )
    county = request.GET.get("county", "")
    if county not in counties:
        county = ""
    if county:
        stops = [stop for stop in stops if stop.county == county]
    markers = [
        {
            "id": stop.pk,
            "title": stop.place_name,
            "town": stop.municipality,
            "when": f"{date_format(localtime(stop.arrival), 'l, j E Y')}, "
            f"{date_format(localtime(stop.starts_at), 'H:i')}-{date_format(localtime(stop.ends_at), 'H:i')}",
            "url": reverse("edubus:stop", args=[stop.pk]),
            "lat": float(stop.latitude),
            "lon": float(stop.longitude),
            "cancelled": stop.is_cancelled,
        }
        for stop in stops
        if stop.is_public and stop.has_coordinates
    ]
    return render(
        request,
        "edubus/stop_list.html",
        {
            "stops": stops,
            "markers": markers,
            "counties": [(code, places.county_label(code) or code) for code in counties],
            "county": county,
        },
    )


def stop_detail(request, pk):
    stop = queries.stop_for_page(pk)
    if stop is None:
        raise Http404
    return render(request, "edubus/stop_detail.html", {"stop": stop})


def request_visit(request):
    form = VisitRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.submit_visit_request(
            language=translation.get_language() or "pl",
            privacy_notice=form.shown_notice,
            optional_consent=optional_consent_given(form),
            **form.request_fields(),
        )
        return redirect("edubus:request_thanks")
    return render(
        request, "edubus/request_form.html", {"form": form, "privacy_notice_version": PRIVACY_NOTICE_VERSION}
    )


def request_thanks(request):
    return render(request, "edubus/request_thanks.html")
