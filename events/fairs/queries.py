"""Reads of the fairs, with their joins. Each part of the app keeps its reads in its own block."""

from django.db.models import Count, Q

from events.models import Stand, Zone

from .models import Application, ExhibitorCall

# ---- Review -----------------------------------------------------------------------------------

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


def call_zones(call):
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
