"""Reads of the fairs: each part of the app keeps its reads in its own block."""

import datetime
import secrets
import zoneinfo

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from cms.i18n import default_language
from cms.links import absolute_url
from cms.pages import context_for
from events.dates import last_day
from events.models import EventKind, EventPage, Stand, Zone
from events.queries import stand_number_sort_key
from events.registration import queries as registration_queries
from events.registration.models import Registration

from .models import (
    Application,
    ExhibitorCall,
    ExhibitorMember,
    ExhibitorPass,
    FloorPlan,
    StandPage,
    StandPlacement,
    StandVisitCode,
    StandVisitHour,
    StandWorkshop,
    VisitorPlan,
)


def active_passes(application):
    """The application's passes whose registration is not cancelled, by name, with their tickets."""
    return list(
        ExhibitorPass.objects.filter(application=application)
        .exclude(registration__status="cancelled")
        .select_related("registration__ticket")
        .order_by("name", "pk")
    )


def pass_of(application, pass_id):
    """One active pass of the application, or None."""
    return (
        ExhibitorPass.objects.filter(application=application, pk=pass_id)
        .exclude(registration__status="cancelled")
        .select_related("registration__ticket")
        .first()
    )


def pass_for_mail(pass_id):
    """A pass with everything its mail and PDF show (fair, institution, stand, ticket)."""
    return (
        ExhibitorPass.objects.filter(pk=pass_id)
        .select_related(
            "registration__ticket",
            "application__call__event",
            "application__exhibitor",
            "application__stand__zone",
        )
        .first()
    )


def stand_line(application):
    """E.g. "Strefa 1. Uczelnie, stoisko 12"; "not assigned yet" while no stand is assigned."""
    stand = application.stand
    if stand is None:
        return _("not assigned yet")
    parts = []
    if stand.zone_id:
        parts.append(str(stand.zone))
    if stand.number:
        parts.append(_("stand %(number)s") % {"number": stand.number})
    return ", ".join(parts) or stand.institution


"""Reusable reads of the fairs (no writes). Each area keeps its reads in its own block."""


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


"""Reads of the fairs: page contexts and what the exhibitor's pages show. Each part of the app keeps
its reads in its own block."""


def lines(text):
    """The non-empty lines of a "one per line" field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def workshop_title(workshop):
    if translation.get_language() != default_language() and workshop.title_en:
        return workshop.title_en
    return workshop.title


@context_for(StandPage)
def stand_page_context(page, request):
    """What a stand page shows beside its fields: the stand (zone, number), the fair, the
    description in the active language, the lists and the workshops by time."""
    stand = Stand.objects.select_related("zone").filter(pk=page.stand_id).first() if page.stand_id else None
    description, description_lang = page.description_and_language()
    workshops = sorted(page.workshops.all(), key=lambda workshop: (workshop.starts_at, workshop.pk or 0))
    for workshop in workshops:
        workshop.shown_title = workshop_title(workshop)
    parent = page.get_parent() if page.depth else None
    fair = parent.specific if parent is not None else None
    return {
        "stand": stand,
        "fair": fair,
        "description": description,
        "description_lang": description_lang,
        "fields_of_study": lines(page.fields_of_study),
        "professions": lines(page.professions),
        "workshops": workshops,
    }


def stand_page_of(application):
    """The stand page of an application's stand (live or not), or ``None``."""
    if application.stand_id is None:
        return None
    return StandPage.objects.filter(stand_id=application.stand_id).first()


def stand_page_draft(page):
    """The page as its latest revision has it (what the exhibitor last saved), workshops included."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def stand_page_moderation(page):
    """The page's workflow state that is not finished (in moderation or changes requested), with
    its current task state, or ``None``."""
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES))
        .select_related("current_task_state")
        .order_by("-created_at")
        .first()
    )


"""Reads of the fairs, each with the rows a page needs in a few queries."""


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
    stand_ids = [a.stand_id for a in applications if a.status == Application.Status.ACCEPTED and a.stand_id]
    live_pages = {page.stand_id: page for page in StandPage.objects.live().filter(stand_id__in=stand_ids)}
    for application in applications:
        application.is_accepted = application.status == Application.Status.ACCEPTED
        application.live_stand_page = (
            live_pages.get(application.stand_id) if application.is_accepted else None
        )
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


"""Reads of the fairs, with their joins. Each part of the app keeps its reads in its own block."""


# The applications staff review: everything sent (a draft is still the exhibitor's own).
REVIEWED_STATUSES = (
    Application.Status.SUBMITTED,
    Application.Status.WAITLISTED,
    Application.Status.ACCEPTED,
    Application.Status.DECLINED,
    Application.Status.WITHDRAWN,
)


# The needs a queue can be filtered by: the field and its test.
NEEDS = {
    "power": Q(power=True),
    "screen": Q(screen=True),
    "internet": Q(internet=True),
    "floor_space": Q(floor_space__gt=0),
}


def calls_for_review():
    """Every call for exhibitors with its fair and the counts of its applications by status."""
    counts = {
        status: Count("applications", filter=Q(applications__status=status))
        for status in (
            Application.Status.SUBMITTED,
            Application.Status.WAITLISTED,
            Application.Status.ACCEPTED,
            Application.Status.DECLINED,
        )
    }
    return (
        ExhibitorCall.objects.select_related("event").annotate(**counts).order_by("-event__starts_at", "pk")
    )


def call_for_review(pk):
    return ExhibitorCall.objects.select_related("event").filter(pk=pk).first()


def review_queue(call, *, status="", zone=None, kind="", needs=(), search=""):
    """The sent applications of a call, oldest first, filtered as staff chose.

    ``zone`` is the preferred zone, ``kind`` the institution's type, ``needs`` the names of
    ``NEEDS`` the application must all ask for, ``search`` part of the institution's name."""
    applications = (
        Application.objects.filter(call=call, status__in=REVIEWED_STATUSES)
        .select_related("exhibitor", "preferred_zone", "stand", "stand__zone")
        .order_by("submitted_at", "pk")
    )
    if status:
        applications = applications.filter(status=status)
    if zone is not None:
        applications = applications.filter(preferred_zone=zone)
    if kind:
        applications = applications.filter(exhibitor__kind=kind)
    for need in needs:
        applications = applications.filter(NEEDS[need])
    if search:
        applications = applications.filter(exhibitor__name__icontains=search.strip())
    return applications


def application_for_review(pk):
    """One application (a draft too, so a link never breaks) with everything its page shows."""
    return (
        Application.objects.select_related(
            "call__event", "exhibitor", "preferred_zone", "stand", "stand__zone", "decided_by"
        )
        .prefetch_related("exhibitor__memberships__user")
        .filter(pk=pk)
        .first()
    )


def fair_zones_with_stands(call):
    """The zones a stand of the call's fair may be in: every zone of the fair, with the number of
    stands each holds now (``stand_count``)."""
    return (
        Zone.objects.filter(page=call.event)
        .annotate(stand_count=Count("stands"))
        .order_by("sort_order", "pk")
    )


def zone_stand_count(zone, *, excluding=None):
    stands = Stand.objects.filter(zone=zone)
    if excluding is not None:
        stands = stands.exclude(pk=excluding.pk)
    return stands.count()


def stand_with_number(event, number, *, excluding=None):
    stands = Stand.objects.filter(event=event, number=number)
    if excluding is not None:
        stands = stands.exclude(pk=excluding.pk)
    return stands.select_related("application__exhibitor").first()


def accepted_applications(call):
    """The accepted applications of a call with their exhibitors' people (bulk mail, export)."""
    return (
        Application.objects.filter(call=call, status=Application.Status.ACCEPTED)
        .select_related("exhibitor", "stand", "stand__zone")
        .prefetch_related("exhibitor__memberships__user")
        .order_by("exhibitor__name", "pk")
    )


def exhibitor_addresses(application):
    """The addresses an application's mails go to: the contact first, then the exhibitor's people
    (each once, case-insensitively; erased or empty addresses left out)."""
    addresses, seen = [], set()
    candidates = [application.contact_email] + [
        membership.user.email for membership in application.exhibitor.memberships.all()
    ]
    for address in candidates:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def applications_for_export(call):
    return (
        Application.objects.filter(call=call)
        .exclude(status=Application.Status.DRAFT)
        .select_related("exhibitor", "preferred_zone", "stand", "stand__zone")
        .order_by("exhibitor__name", "pk")
    )


def submitted_count():
    """Applications waiting for a first decision, over every call (the dashboard's line)."""
    return Application.objects.filter(status=Application.Status.SUBMITTED).count()


"""Reads of the fairs (each part of the app in its own block)."""


WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


# Hours shown for a fair day when the fair's own times say nothing useful (an all-day fair).
DEFAULT_OPENING = (8, 18)


def hour_of(moment):
    """The start of the Europe/Warsaw hour ``moment`` falls in (aware)."""
    return moment.astimezone(WARSAW).replace(minute=0, second=0, microsecond=0)


def open_visit_code(token):
    """The visit code of ``token`` with its stand and fair, while the fair's call has stand visits
    on; else None."""
    code = (
        StandVisitCode.objects.filter(token=token)
        .select_related("stand__event", "stand__zone", "stand__event__exhibitor_call")
        .first()
    )
    if code is None or not visits_enabled(code.stand.event):
        return None
    return code


def visits_enabled(event):
    try:
        return event.exhibitor_call.stand_visits_enabled
    except ExhibitorCall.DoesNotExist:
        return False


def visit_code_of(stand):
    return StandVisitCode.objects.filter(stand=stand).first()


def fair_days(event):
    """The Warsaw dates the fair covers, first to last."""
    first = timezone.localtime(event.starts_at).date()
    last = last_day(event.starts_at, event.ends_at, event.all_day)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def _opening_hours(event):
    if event.all_day:
        return DEFAULT_OPENING
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    closing = end.hour + (1 if end.minute or end.second else 0)
    if closing <= start.hour:
        return DEFAULT_OPENING
    return start.hour, closing


def visit_days(stand):
    """The stand's visits by Warsaw hour for each fair day (and any other day with visits, e.g.
    counted before the fair's dates were moved):
    ``[{"day": date, "total": n, "hours": [{"hour": aware datetime, "visits": n, "percent": 0-100}]}]``;
    every opening hour of the day is a row (zero if nobody came), plus the hours with visits
    outside it. ``percent`` is of the busiest hour of all days (for the bars)."""
    counts = {}
    for row in StandVisitHour.objects.filter(stand=stand).values("hour", "visits"):
        local = row["hour"].astimezone(WARSAW)
        counts[local] = counts.get(local, 0) + row["visits"]
    days = set(fair_days(stand.event)) | {hour.date() for hour in counts}
    opening, closing = _opening_hours(stand.event)
    busiest = max(counts.values(), default=0)
    result = []
    for day in sorted(days):
        hours = {
            datetime.datetime.combine(day, datetime.time(hour), tzinfo=WARSAW)
            for hour in range(opening, closing)
        }
        hours |= {hour for hour in counts if hour.date() == day}
        rows = [
            {
                "hour": hour,
                "visits": counts.get(hour, 0),
                "percent": round(100 * counts.get(hour, 0) / busiest) if busiest else 0,
            }
            for hour in sorted(hours)
        ]
        result.append({"day": day, "total": sum(row["visits"] for row in rows), "hours": rows})
    return result


def fair_for_visits(pk):
    return EventPage.objects.filter(pk=pk).select_related("exhibitor_call").first()


def fairs_with_visits():
    """Fairs whose call has stand visits on, newest first."""
    return (
        EventPage.objects.filter(exhibitor_call__stand_visits_enabled=True)
        .select_related("exhibitor_call")
        .order_by("-starts_at", "pk")
    )


def stand_visit_table(event):
    """Every stand of the fair with its visit code (or None), its visits in all and by fair day:
    ``{"days": [date], "stands": [{"stand", "code", "total", "by_day": [n per day]}], "totals": [...],
    "total": n}``. Two queries whatever the number of stands."""
    days = fair_days(event)
    stands = list(Stand.objects.filter(event=event).select_related("zone", "visit_code"))
    by_stand = {}
    for row in StandVisitHour.objects.filter(stand__event=event).values("stand_id", "hour", "visits"):
        day = row["hour"].astimezone(WARSAW).date()
        by_stand.setdefault(row["stand_id"], {}).setdefault(day, 0)
        by_stand[row["stand_id"]][day] += row["visits"]
    other_days = sorted({day for per_day in by_stand.values() for day in per_day} - set(days))
    days = days + other_days
    lines = []
    for stand in stands:
        per_day = by_stand.get(stand.pk, {})
        code = getattr(stand, "visit_code", None)
        lines.append(
            {
                "stand": stand,
                "code": code,
                "by_day": [per_day.get(day, 0) for day in days],
                "total": sum(per_day.values()),
            }
        )
    return {
        "days": days,
        "stands": lines,
        "totals": [sum(line["by_day"][n] for line in lines) for n in range(len(days))],
        "total": sum(line["total"] for line in lines),
    }


def stands_without_code(event):
    return Stand.objects.filter(event=event, visit_code__isnull=True)


def visit_codes_of(event):
    """The fair's stands' visit codes in the order of the stand list (zone, number, institution)."""
    return (
        StandVisitCode.objects.filter(stand__event=event)
        .select_related("stand__event", "stand__zone")
        .order_by("stand__zone__sort_order", "stand__number", "stand__institution", "pk")
    )


"""Reads of the fairs: the context of pages and admin views, with their rows prefetched."""


# The rendition a hall's plan is shown at (public page and the placing page): the marks are placed
# in per cent of the image, so any rendition of the same aspect ratio fits them.
PLAN_FILTER = "max-1600x1600"


def _with_rendition(queryset):
    images = get_image_model().objects.prefetch_renditions(PLAN_FILTER)
    return queryset.prefetch_related(Prefetch("image", images))


def fair_floor_plans(event):
    """The hall plans of a fair for its public page, in their order; each plan's ``marks`` are its
    placed stands in the order a visitor tabs through them (by zone, then stand number) and its
    ``zone_groups`` the same stands grouped by zone for the list alternative ``[(zone, [stand])]``.
    A stand's ``stand_page`` is its live stand page or None. Four queries for any number of stands."""
    if not event.pk:
        return []
    placements = StandPlacement.objects.select_related("stand__zone", "stand__page")
    plans = list(
        _with_rendition(FloorPlan.objects.filter(event=event))
        .prefetch_related(Prefetch("placements", placements))
        .order_by("position", "name", "pk")
    )
    for plan in plans:
        stands = []
        for placement in plan.placements.all():
            stand = placement.stand
            stand.x, stand.y = placement.x, placement.y
            page = getattr(stand, "page", None)
            stand.stand_page = page if page is not None and page.live else None
            stands.append(stand)
        plan.marks = sorted(stands, key=stand_number_sort_key)
        plan.zone_groups = _by_zone(plan.marks)
    return plans


def _by_zone(stands):
    groups = []
    for stand in stands:
        if groups and groups[-1][0] == stand.zone:
            groups[-1][1].append(stand)
        else:
            groups.append((stand.zone, [stand]))
    return groups


def floor_plan_for_placing(pk):
    """A hall plan with its fair and its image's rendition, or None."""
    return _with_rendition(FloorPlan.objects.select_related("event").filter(pk=pk)).first()


def stands_for_placing(floor_plan):
    """Every stand of the plan's fair (by zone and number), each with ``placement`` (this plan's or
    another hall's, with that plan) or None. One query."""
    stands = Stand.objects.filter(event_id=floor_plan.event_id).select_related(
        "zone", "placement__floor_plan"
    )
    rows = sorted(stands, key=stand_number_sort_key)
    for stand in rows:
        stand.current_placement = getattr(stand, "placement", None)
    return rows
