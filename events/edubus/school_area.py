"""The Edubus section of the school area (``cms.hooks.SCHOOL_AREA``): the visit requests sent from
the teacher's verified e-mail addresses, with their status and the planned stops."""

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cms.accounts import roles

from .models import Stop, VisitRequest


def requests_of(user):
    """Visit requests whose contact address is one of ``user``'s verified addresses (newest first)."""
    addresses = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    if not addresses:
        return VisitRequest.objects.none()
    match = Q()
    for address in addresses:
        match |= Q(contact_email__iexact=address)
    return (
        VisitRequest.objects.filter(match)
        .prefetch_related(
            Prefetch(
                "stops",
                queryset=Stop.objects.exclude(status=Stop.Status.CANCELLED).order_by("arrival"),
                to_attr="planned_stops",
            )
        )
        .order_by("-created_at")
    )


def section(request):
    visit_requests = list(requests_of(request.user))
    if not visit_requests and not roles.has_role(request.user, roles.SCHOOL_COORDINATOR):
        return None
    return {
        "order": 40,
        "id": "edubus",
        "title": _("Edubus requests"),
        "template": "edubus/school_area_section.html",
        "context": {"requests": visit_requests},
    }
