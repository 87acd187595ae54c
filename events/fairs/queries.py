"""Reusable reads of the fairs (no writes). Each area keeps its reads in its own block."""

import secrets

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.links import absolute_url
from events.models import EventKind, EventPage, Stand
from events.queries import stand_number_sort_key
from events.registration import queries as registration_queries
from events.registration.models import Registration

from .models import ExhibitorPass, StandPage, StandWorkshop, VisitorPlan

# ---- Visitor's plan ----

# The visitor's session keeps ``{str(fair page id): plan token}``: one plan per fair and browser.
PLAN_SESSION_KEY = "fairs_visitor_plans"
PLAN_SECTION_ID = "plan-zwiedzania"
PLAN_TOKEN_LENGTH = VisitorPlan._meta.get_field("token").max_length


def plannable_stands():
    """Stands a visitor may put on a plan: those of a published fair."""
    return Stand.objects.filter(event__live=True, event__kind=EventKind.FAIR).select_related("event", "zone")


def plannable_workshops():
    """Workshops of live stand pages (which fair they belong to: ``workshop_fair``)."""
    return StandWorkshop.objects.filter(page__live=True).select_related("page")


def workshop_fair(workshop):
    """The published fair whose page holds the workshop's stand page, or None."""
    parent_path = workshop.page.path[: -StandPage.steplen]
    return EventPage.objects.live().filter(path=parent_path, kind=EventKind.FAIR).first()


def fair_workshops(event):
    """The workshops of the fair's live stand pages, by time (with their stand and zone)."""
    return (
        StandWorkshop.objects.filter(
            page__live=True, page__path__startswith=event.path, page__depth=event.depth + 1
        )
        .select_related("page__stand__zone")
        .order_by("starts_at", "ends_at", "pk")
    )


def plan_by_token(token):
    """The plan with exactly this secret token (indexed lookup, then a constant-time comparison),
    of a fair still published; None for any other token."""
    if not token or len(token) > PLAN_TOKEN_LENGTH:
        return None
    plan = VisitorPlan.objects.select_related("event").filter(token=token, event__live=True).first()
    if plan is None or not secrets.compare_digest(plan.token, token):
        return None
    return plan


def session_plan_token(session, event_id):
    return (session.get(PLAN_SESSION_KEY) or {}).get(str(event_id))


def plan_stands(plan):
    """The plan's stands of its fair by zone and number; ``stand.live_page`` is the stand's live
    stand page or None."""
    stands = list(plan.stands.filter(event=plan.event_id).select_related("zone"))
    pages = {
        page.stand_id: page
        for page in StandPage.objects.live().filter(stand__in=[stand.pk for stand in stands])
    }
    for stand in stands:
        stand.live_page = pages.get(stand.pk)
    return sorted(stands, key=stand_number_sort_key)


def plan_workshops(plan):
    """The plan's workshops that are still public, by time (with their stand and zone)."""
    event = plan.event
    return list(
        plan.workshops.filter(page__live=True, page__path__startswith=event.path, page__depth=event.depth + 1)
        .select_related("page__stand__zone")
        .order_by("starts_at", "ends_at", "pk")
    )


def plan_links(plan):
    """Absolute links of the plan: its page (to share or bookmark) and its ``.ics``."""
    return {
        "plan_url": absolute_url(reverse("fairs:plan", args=[plan.token])),
        "ics_url": absolute_url(reverse("fairs:plan_ics", args=[plan.token])),
    }


def plan_ticket_section(registration, *, for_mail=False):
    """The ticket page's and ticket mails' section (``cms.hooks.TICKET_SECTIONS``) of a fair's
    registration: its plan (stands, workshop times, links), or on the page a button to start one."""
    event = registration.event
    if event.kind != EventKind.FAIR or registration.status == Registration.Status.CANCELLED:
        return None
    if ExhibitorPass.objects.filter(registration=registration).exists():
        return None  # a stand staff member's pass: they work at the fair, they do not tour it
    plan = VisitorPlan.objects.select_related("event").filter(registration=registration).first()
    ticket = getattr(registration, "ticket", None)
    if plan is None and (for_mail or ticket is None):
        return None
    context = {"event": event, "plan": plan}
    language = (registration.language or "pl") if for_mail else translation.get_language()
    with translation.override(language):
        if plan is not None:
            context.update(stands=plan_stands(plan), workshops=plan_workshops(plan), **plan_links(plan))
        else:
            context["start_url"] = reverse("fairs:plan_for_ticket", args=[ticket.secret])
    return {
        "order": 10,
        "id": PLAN_SECTION_ID,
        "title": _("Your visit plan"),
        "template": "fairs/includes/ticket_plan.html",
        "text_template": "fairs/email/ticket_plan.txt",
        "context": context,
    }


def ticket_by_secret(secret):
    """The ticket (with its registration and event) at its secret, or None."""
    return registration_queries.ticket_by_secret(secret)
