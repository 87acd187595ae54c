"""Staff tools in the Wagtail admin: review queue, schedule per vehicle, day sheet, cancel/postpone."""

import calendar
import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.accounts import roles
from cms.accounts.auth import staff_required

from . import queries, scheduling, services
from .forms import ApproveForm, CancelForm, DeclineForm, LocationForm, ProposeForm
from .models import Stop, Vehicle, VisitRequest

# The Edubus pages are for staff and the Edubus coordinators.
edubus_staff = staff_required(roles=(roles.STAFF, roles.EDUBUS_COORDINATOR))


@edubus_staff
def request_queue(request):
    return render(request, "edubus/admin/request_queue.html", {"requests": queries.review_queue()})


def _prefill(vehicle, suggestion):
    """What a suggestion puts into the approval form: the vehicle, the day, its first possible
    arrival and the vehicle's usual visit length."""
    arrival = timezone.localtime(suggestion.windows[0][0])
    return {
        "vehicle": vehicle.pk,
        "day": suggestion.day.isoformat(),
        "arrival": arrival.strftime("%H:%M"),
        "departure": (arrival + datetime.timedelta(minutes=vehicle.visit_minutes)).strftime("%H:%M"),
    }


@edubus_staff
def review_request(request, pk):
    visit_request = get_object_or_404(VisitRequest, pk=pk)
    suggestions = queries.suggestions_for(visit_request)
    review_url = reverse("edubus_admin:review", args=[visit_request.pk])
    rows = [
        (vehicle, suggestion, f"{review_url}?{urlencode(_prefill(vehicle, suggestion))}#approve")
        for vehicle, suggestion in suggestions
    ]
    initial = {"kind": "school" if visit_request.institution_kind == "school" else "open_event"}
    if suggestions:
        initial.update(ApproveForm.prefill(_prefill(*suggestions[0])))
    initial.update(ApproveForm.prefill(request.GET))
    approve_form = ApproveForm(initial=initial, prefix="approve")
    propose_form = ProposeForm(
        initial={f"date_{i + 1}": s.day for i, (_v, s) in enumerate(suggestions[:3])}, prefix="propose"
    )
    decline_form = DeclineForm(prefix="decline")
    location_form = LocationForm(
        initial={"latitude": visit_request.latitude, "longitude": visit_request.longitude}, prefix="location"
    )
    violations = []
    action = request.POST.get("action")
    if request.method == "POST" and action == "approve":
        approve_form = ApproveForm(request.POST, prefix="approve")
        if approve_form.is_valid():
            arrival, departure = approve_form.moments()
            data = approve_form.cleaned_data
            try:
                stop = services.approve_visit_request(
                    visit_request=visit_request,
                    vehicle=data["vehicle"],
                    arrival=arrival,
                    departure=departure,
                    kind=data["kind"],
                    is_public=data["is_public"],
                    message=data["message"],
                    override_reason=data["override_reason"],
                    by=request.user,
                )
            except services.ScheduleConflict as conflict:
                violations = conflict.violations
            else:
                messages.success(request, _("Approved: the stop is on the schedule and the host was told."))
                return redirect(_schedule_url(stop))
    elif request.method == "POST" and action == "locate":
        location_form = LocationForm(request.POST, prefix="location")
        if location_form.is_valid():
            services.set_visit_request_location(
                visit_request=visit_request,
                latitude=location_form.cleaned_data["latitude"],
                longitude=location_form.cleaned_data["longitude"],
                by=request.user,
            )
            messages.success(request, _("The point is saved; the suggested dates are computed for it."))
            return redirect(review_url)
    elif request.method == "POST" and action == "relocate":
        visit_request = services.locate_visit_request(visit_request=visit_request)
        if visit_request.has_coordinates:
            messages.success(request, _("The point was found again from the place name."))
        else:
            messages.warning(request, _("The place was not found; click the map to set the point."))
        return redirect(review_url)
    elif request.method == "POST" and action == "propose":
        propose_form = ProposeForm(request.POST, prefix="propose")
        if propose_form.is_valid():
            services.propose_dates(
                visit_request=visit_request,
                dates=propose_form.dates(),
                message=propose_form.cleaned_data["message"],
                by=request.user,
            )
            messages.success(request, _("The proposed dates were sent to the host."))
            return redirect("edubus_admin:requests")
    elif request.method == "POST" and action == "decline":
        decline_form = DeclineForm(request.POST, prefix="decline")
        if decline_form.is_valid():
            services.decline_visit_request(
                visit_request=visit_request, reason=decline_form.cleaned_data["reason"], by=request.user
            )
            messages.success(request, _("The request was declined and the host was told why."))
            return redirect("edubus_admin:requests")
    return render(
        request,
        "edubus/admin/review_request.html",
        {
            "visit_request": visit_request,
            "suggestions": rows,
            "approve_form": approve_form,
            "location_form": location_form,
            "propose_form": propose_form,
            "decline_form": decline_form,
            "violations": violations,
        },
    )


def _day_plans(vehicle, first, last):
    """Per local day: the stops and the route blocks (driving, set-up, stop, pack-up) of a vehicle."""
    stops = queries.vehicle_stops(vehicle, first, last)
    rules = queries.rules_for(vehicle)
    by_day = {}
    for stop in stops:
        by_day.setdefault(timezone.localtime(stop.arrival).date(), []).append(stop)
    plans = []
    day = first
    while day <= last:
        day_stops = by_day.get(day, [])
        live = [queries.slot_for(s) for s in day_stops if s.status != Stop.Status.CANCELLED]
        stops_by_key = {s.pk: s for s in day_stops}
        blocks = [(block, stops_by_key.get(block.key)) for block in scheduling.day_blocks(rules, live)]
        plans.append(
            {
                "day": day,
                "stops": day_stops,
                "blocks": blocks,
                "cancelled": [s for s in day_stops if s.status == Stop.Status.CANCELLED],
                "closed": scheduling.blackout_reason(day, queries.blackouts_for(vehicle, day, day)),
            }
        )
        day += datetime.timedelta(days=1)
    return plans


@edubus_staff
def schedule(request, vehicle_pk):
    vehicle = get_object_or_404(Vehicle, pk=vehicle_pk)
    view = "month" if request.GET.get("view") == "month" else "week"
    try:
        anchor = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        anchor = timezone.localdate()
    if view == "week":
        first = anchor - datetime.timedelta(days=anchor.weekday())
        last = first + datetime.timedelta(days=6)
        previous, following = first - datetime.timedelta(days=7), first + datetime.timedelta(days=7)
    else:
        first = anchor.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = last + datetime.timedelta(days=1)
    plans = _day_plans(vehicle, first, last)
    weeks = []
    if view == "month":
        padding = [None] * first.weekday()
        cells = padding + plans
        weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    return render(
        request,
        "edubus/admin/schedule.html",
        {
            "vehicle": vehicle,
            "vehicles": Vehicle.objects.filter(is_active=True),
            "view": view,
            "plans": plans,
            "weeks": weeks,
            "first": first,
            "last": last,
            "previous": previous,
            "following": following,
        },
    )


@edubus_staff
def day_sheet(request, vehicle_pk, day):
    vehicle = get_object_or_404(Vehicle, pk=vehicle_pk)
    try:
        day = datetime.date.fromisoformat(day)
    except ValueError as error:
        raise PermissionDenied from error
    (plan,) = _day_plans(vehicle, day, day)
    return render(
        request,
        "edubus/admin/day_sheet.html",
        {"vehicle": vehicle, "plan": plan, "crew": vehicle.crew.filter(is_active=True)},
    )


@edubus_staff
def cancel_stop(request, pk):
    stop = get_object_or_404(Stop.objects.select_related("vehicle", "replacement"), pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form.moves_to_a_new_date:
            try:
                services.postpone_stop(
                    stop=stop,
                    arrival=data["new_arrival"],
                    departure=data["new_departure"],
                    reason=data["reason"],
                    override_reason=data["override_reason"],
                    by=request.user,
                )
            except services.ScheduleConflict as conflict:
                for violation in conflict.violations:
                    form.add_error(None, str(violation))
            else:
                messages.success(
                    request, _("The stop is moved to the new date, the host was told and the feeds show it.")
                )
                return redirect(_schedule_url(stop))
        else:
            services.cancel_stop(
                stop=stop, reason=data["reason"], postponed=data["action"] == "postpone", by=request.user
            )
            messages.success(
                request, _("The stop is cancelled, the host was told and the feeds show the change.")
            )
            return redirect(_schedule_url(stop))
    return render(request, "edubus/admin/cancel_stop.html", {"stop": stop, "form": form})


def _schedule_url(stop):
    """The vehicle's schedule on the stop's week, scrolled to the stop's day."""
    day = timezone.localtime(stop.arrival).date().isoformat()
    return f"{reverse('edubus_admin:schedule', args=[stop.vehicle_id])}?date={day}#day-{day}"
