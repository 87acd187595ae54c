"""The class registrations section of the school area (``cms.hooks.SCHOOL_AREA``)."""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts import roles
from events.models import EventIndexPage

from . import mails, queries
from .forms import GroupSizeForm
from .models import Registration

SECTION_ID = "klasy"


def size_form(registration, data=None):
    return GroupSizeForm(
        data,
        initial={"pupils": registration.pupils, "adults": registration.adults},
        prefix=f"r{registration.pk}",
        max_group_size=registration.ticket_type.max_group_size,
    )


def rows(registrations, now=None):
    """(registration, ticket link, head-count form or None) for each of the teacher's registrations.

    The head-count can change while the registration is active and the event has not started.
    """
    now = now or timezone.now()
    result = []
    for registration in registrations:
        active = registration.status != Registration.Status.CANCELLED
        upcoming = registration.event.starts_at is None or registration.event.starts_at > now
        result.append(
            {
                "registration": registration,
                "ticket_url": mails.ticket_path(registration)
                if registration.status == Registration.Status.CONFIRMED
                else "",
                "form": size_form(registration) if active and upcoming and registration.is_group else None,
                "upcoming": upcoming,
            }
        )
    return result


def section(request):
    """The teacher's class registrations with a head-count form each (three queries in all)."""
    registrations = list(queries.teacher_registrations(request.user))
    is_teacher = roles.has_role(request.user, roles.SCHOOL_COORDINATOR)
    if not registrations and not is_teacher:
        return None
    index = EventIndexPage.objects.live().first()
    return {
        "order": 10,
        "id": SECTION_ID,
        "title": _("Class registrations"),
        "template": "registration/school_area_section.html",
        "context": {"rows": rows(registrations), "events_url": index.url if index else ""},
    }


ACCOUNT_SECTION_ID = "zgloszenia"


def account_section(request):
    """A visitor's own registrations on their account page (``cms.hooks.ACCOUNT_SECTIONS``): those
    made with one of the account's verified addresses, each with its ticket, details and cancel
    links (the same links the confirmation mail carried to that address)."""
    emails = list(
        EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True)
    )
    index = EventIndexPage.objects.live().first()
    return {
        "order": 10,
        "id": ACCOUNT_SECTION_ID,
        "title": _("My registrations"),
        "template": "registration/account_section.html",
        "context": {
            "rows": rows(queries.registrations_of_addresses(emails)),
            "events_url": index.url if index else "",
        },
    }
