"""Retention of feedback surveys (``cms.retention``).

Invitations tie a registration to a link: they are deleted a period after they were sent (the
survey has closed by then). Responses are anonymous, but a text answer may hold whatever someone
typed: they are deleted a longer period after the event ends (the figures are reported by then).
"""

from django.utils.translation import gettext_lazy as _

from cms.retention.rules import DELETE, RetentionRule

from .models import Invitation, Response


def rules():
    return [
        RetentionRule(
            key="feedback.invitations",
            label=_("Feedback survey invitations"),
            anchor=_("after the invitation was sent"),
            action=DELETE,
            default_days=180,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: asking participants once for feedback and keeping each link to one "
                "answer, which is settled when the survey closes."
            ),
            model=Invitation,
            due=invitations_due,
            process=delete_rows,
            order=40,
        ),
        RetentionRule(
            key="feedback.responses",
            label=_("Feedback survey answers"),
            anchor=_("after the event ends"),
            action=DELETE,
            default_days=730,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: evaluating and improving the events; the answers are anonymous, but "
                "free text may name someone, so they are not kept for ever."
            ),
            model=Response,
            due=responses_due,
            process=delete_rows,
            order=41,
        ),
    ]


def invitations_due(cutoff):
    return Invitation.objects.filter(sent_at__lt=cutoff)


def responses_due(cutoff):
    return Response.objects.filter(event_survey__event__ends_at__lt=cutoff)


def delete_rows(rows, now):
    model = type(rows[0]) if rows else None
    if model is None:
        return 0
    model.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)
