"""Personal data of feedback surveys for data-subject requests: the invitations mailed to the
person's registrations. Answers are anonymous (no link to anybody), so there are none to export."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import Invitation


def _invitations(email):
    return Invitation.objects.filter(
        Q(registration__email__iexact=email) | Q(registration__teacher__email__iexact=email)
    ).select_related("event_survey__event")


def export(email):
    return {
        "feedback_invitations": [
            {
                "event": invitation.event_survey.event.title,
                "sent_at": invitation.sent_at,
                "reminder_sent_at": invitation.reminder_sent_at,
                "answered": invitation.answered_at is not None,
            }
            for invitation in _invitations(email).order_by("sent_at", "pk")
        ]
    }


def erase(email):
    """The invitations go (their links stop working); the anonymous answers stay."""
    deleted, _by_model = _invitations(email).delete()
    return Erasure(
        done={str(_("feedback survey invitations deleted")): deleted} if deleted else {},
        kept=[str(_("Survey answers are anonymous: nothing ties them to the person, so they stay."))],
    )


def source():
    return DataSource(
        key="feedback",
        label=_("Feedback surveys"),
        export=export,
        erase=erase,
        retention_note=_("Survey answers are anonymous: nothing ties them to the person, so they stay."),
    )
