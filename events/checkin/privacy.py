"""Personal data of check-in for data-subject requests: the check-ins of the person's tickets."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import CheckIn


def _checkins(email):
    return CheckIn.objects.filter(
        Q(ticket__registration__email__iexact=email) | Q(ticket__registration__teacher__email__iexact=email)
    ).select_related("ticket__registration__event", "checkin_list")


def export(email):
    return {
        "checkins": [
            {
                "registration": checkin.ticket.registration_id,
                "event": checkin.ticket.registration.event.title,
                "list": checkin.checkin_list.name,
                "people": checkin.people,
                "first_at": checkin.first_at,
                "last_at": checkin.last_at,
            }
            for checkin in _checkins(email).order_by("first_at", "pk")
        ]
    }


def erase(email):
    """Check-ins hold no name or address: they stay, tied to the anonymised registration."""
    return Erasure()


def source():
    return DataSource(
        key="checkins",
        label=_("Check-ins at events"),
        export=export,
        erase=erase,
        retention_note=_(
            "Check-ins (time and head-count) stay with the anonymised registration for the attendance figures."
        ),
    )
