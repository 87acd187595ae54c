"""Reads of the fairs, each with the rows a page needs in a few queries."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from events.models import Zone

from .models import Application, ExhibitorCall, ExhibitorMember

# ---- Applications ----


def membership_of(user):
    """The first institution ``user`` acts for (their exhibitor area's), or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        ExhibitorMember.objects.filter(user=user)
        .select_related("exhibitor")
        .order_by("added_at", "pk")
        .first()
    )


def call_is_open(call, now=None):
    now = now or timezone.now()
    return call.opens_at <= now < call.closes_at


def open_calls(now=None):
    """Calls open now, of live fairs, soonest closing first."""
    now = now or timezone.now()
    return list(
        ExhibitorCall.objects.filter(opens_at__lte=now, closes_at__gt=now, event__live=True)
        .select_related("event")
        .order_by("closes_at", "pk")
    )


def open_call_of(event, now=None):
    """The fair's call when it is open now (the fair page shows "Apply for a stand"), else None;
    None for the preview of a fair not saved yet."""
    if event.pk is None:
        return None
    now = now or timezone.now()
    return ExhibitorCall.objects.filter(event=event, opens_at__lte=now, closes_at__gt=now).first()


def exhibitor_area(exhibitor, now=None):
    """The exhibitor area: the institution's people, its applications and the open calls."""
    now = now or timezone.now()
    applications = list(
        Application.objects.filter(exhibitor=exhibitor)
        .select_related("call__event", "preferred_zone", "stand__zone")
        .order_by("-call__closes_at", "pk")
    )
    applied = {application.call_id: application for application in applications}
    calls = open_calls(now)
    for call in calls:
        call.own_application = applied.get(call.pk)
    people = list(
        ExhibitorMember.objects.filter(exhibitor=exhibitor).select_related("user").order_by("added_at", "pk")
    )
    return {"exhibitor": exhibitor, "people": people, "applications": applications, "open_calls": calls}


def call_for_applying(pk):
    return ExhibitorCall.objects.select_related("event").filter(pk=pk).first()


def application_of(user, *, call_id, pk):
    """An application of the call that one of ``user``'s institutions made, else None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Application.objects.filter(pk=pk, call_id=call_id, exhibitor__memberships__user=user)
        .select_related("call__event", "exhibitor", "preferred_zone", "stand__zone")
        .first()
    )


def own_application_for_call(exhibitor, call):
    return Application.objects.filter(exhibitor=exhibitor, call=call).first()


def call_zones(call):
    """The zones an application may prefer: the call's, or every zone of the fair if none chosen."""
    chosen = call.zones.all()
    if chosen.exists():
        return Zone.objects.filter(pk__in=chosen.values("pk")).order_by("sort_order", "number", "name")
    return Zone.objects.filter(page=call.event_id).order_by("sort_order", "number", "name")


def application_for_mail(pk):
    return (
        Application.objects.filter(pk=pk)
        .select_related("call__event", "exhibitor", "preferred_zone", "stand__zone")
        .prefetch_related(
            Prefetch(
                "exhibitor__memberships",
                queryset=ExhibitorMember.objects.select_related("user").filter(Q(user__is_active=True)),
            )
        )
        .first()
    )
