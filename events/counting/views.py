"""The counter page: staff and volunteers with the Counter role tap people in on a phone. With
JavaScript the taps are queued on the device and synced through the counting API; without it the
form posts each tap here."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

from cms.accounts.auth import staff_required

from . import queries
from .forms import CountForm
from .models import COUNTING_ROLES, Category
from .services import CountError, record_count


def _chosen(request):
    """The event (and zone) or the stop named by ``?event=``/``?stop=`` (POST: the form's fields)."""
    data = request.POST if request.method == "POST" else request.GET
    event_id, stop_id = data.get("event", ""), data.get("stop", "")
    if event_id.isdigit() and len(event_id) < 19:
        event = queries.event_for_counting(int(event_id))
        if event is None:
            raise Http404
        return event, None
    if stop_id.isdigit() and len(stop_id) < 19:
        stop = queries.stop_for_counting(int(stop_id))
        if stop is None:
            raise Http404
        return None, stop
    return None, None


def _page_url(event, stop, zone=None, category=""):
    params = {"event": event.pk} if event is not None else {"stop": stop.pk}
    if zone is not None:
        params["zone"] = zone.pk
    if category:
        params["category"] = category
    return f"{reverse('counting:counter')}?{urlencode(params)}"


@never_cache
@ensure_csrf_cookie
@staff_required(roles=COUNTING_ROLES)
def counter(request):
    event, stop = _chosen(request)
    zones = list(event.zones.all()) if event is not None else []
    form = None
    if event is not None or stop is not None:
        if request.method == "POST":
            form = CountForm(request.POST, zones=zones)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    recorded = record_count(
                        client_id=data["client_id"],
                        category=data["category"],
                        delta=data["delta"],
                        recorded_by=request.user,
                        event=event,
                        stop=stop,
                        zone=form.chosen_zone,
                        school_rspo=data["school_rspo"],
                        school_name=data["school_name"],
                    )
                except CountError as refused:
                    form.add_error(None, refused.message)
                else:
                    messages.success(
                        request,
                        _("Counted %(delta)+d (%(category)s).")
                        % {"delta": recorded.count.delta, "category": Category(data["category"]).label},
                    )
                    return redirect(_page_url(event, stop, form.chosen_zone, data["category"]))
        else:
            initial = {"category": request.GET.get("category", Category.PUPILS)}
            zone_id = request.GET.get("zone", "")
            if zone_id.isdigit() and int(zone_id) in {zone.pk for zone in zones}:
                initial["zone"] = int(zone_id)
            form = CountForm(initial=initial, zones=zones)
    zone = None
    if form is not None and zones:
        value = form.data.get("zone") if form.is_bound else form.initial.get("zone")
        zone = {str(z.pk): z for z in zones}.get(str(value or ""))
    hour = queries.hour_of(timezone.now())
    totals = (
        queries.hour_totals(event=event, stop=stop, zone=zone, hour=hour)
        if (event is not None or stop is not None)
        else None
    )
    return render(
        request,
        "counting/counter.html",
        {
            "events": queries.countable_events(),
            "stops": queries.countable_stops(),
            "event": event,
            "stop": stop,
            "zone": zone,
            "form": form,
            "totals": totals,
            "category_totals": [
                (value, label, totals["categories"][value]) for value, label in Category.choices
            ]
            if totals
            else [],
            "i18n": counter_texts(),
        },
    )


def counter_texts():
    """The counter's words for counter.js (JSON, no inline script)."""
    return {
        "online": _("Online"),
        "offline": _("Offline: counts are kept on this device"),
        "queued": _("Counts waiting to be sent: %(count)s"),
        "all_sent": _("All counts sent."),
        "counted": _("Counted %(delta)s (%(category)s)."),
        "forbidden": _("Your session has ended: log in again. The counts stay on this device."),
        "refused": _("The server refused a count: %(message)s"),
    }
