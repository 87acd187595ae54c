"""Every state change of the fairs: keyword-only verbs, one transaction each, mails queued with
the change (the outbox sends them after commit). Each part of the app keeps its verbs in its own
block."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.outbox.services import queue_composed_email, queue_email
from events.models import Stand

from . import queries
from .models import Application, ExhibitorCall

# ---- Review -----------------------------------------------------------------------------------

# The MAIL_COMPOSERS names of the review's mails (mails.py block "Decision mails").
DECISION_COMPOSER = "fairs.application_decided"
STAND_COMPOSER = "fairs.stand_assigned"

ACCEPT, WAITLIST, DECLINE = (
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.DECLINED,
)
DECISIONS = (ACCEPT, WAITLIST, DECLINE)
# What each decision may follow: a sent application, or one on the waiting list (accepted or
# declined later). An accepted or declined application keeps its decision.
DECIDABLE_FROM = {
    ACCEPT: (Application.Status.SUBMITTED, Application.Status.WAITLISTED),
    WAITLIST: (Application.Status.SUBMITTED,),
    DECLINE: (Application.Status.SUBMITTED, Application.Status.WAITLISTED),
}


def decisions_for(application):
    """The decisions staff may still take on an application, in the order the form offers them."""
    return [decision for decision in DECISIONS if application.status in DECIDABLE_FROM[decision]]


class ReviewError(Exception):
    """A decision or a stand staff cannot make; ``field`` names the form field it belongs to."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message, self.field = message, field


def decide_application(*, application, decision, reason="", by=None, now=None):
    """Accept, put on the waiting list or decline (a reason required) a sent application, and mail
    the decision to its contact and the exhibitor's people."""
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise ReviewError(_("Choose accept, waiting list or decline."), field="decision")
    if decision == DECLINE and not reason:
        raise ReviewError(_("Give the reason for declining: the exhibitor will read it."), field="reason")
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if application.status not in DECIDABLE_FROM[decision]:
            raise ReviewError(
                _("An application that is “%(status)s” cannot be given this decision.")
                % {"status": application.get_status_display()}
            )
        application.status = decision
        application.decision_reason = reason
        application.decided_at = now or timezone.now()
        application.decided_by = by
        application.save(
            update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"]
        )
        queue_decision_mail(application)
    return application


def queue_decision_mail(application):
    """The decision mail to every address of the application (one outbox row each), rendered by
    the worker in the state the application is in when it goes out."""
    application = queries.application_for_review(application.pk)
    for address in queries.exhibitor_addresses(application):
        queue_composed_email(to=[address], composer=DECISION_COMPOSER, args={"application": application.pk})


@dataclass(frozen=True)
class Assignment:
    stand: Stand
    created: bool


def assign_stand(*, application, zone, number, size="", by=None):
    """Give an accepted application its stand: create the fair's ``events.Stand`` (institution =
    the exhibitor's name) or move the one it has, and tell the exhibitor.

    Two staff at once cannot give the same number twice or overfill a zone: the call's row (one
    per fair) is locked while the numbers and the zone's count are checked and the stand written;
    the database's unique number per fair backs this up against the stand import and the snippet
    editor, which take no such lock."""
    number = (number or "").strip()
    size = (size or "").strip()
    if not number:
        raise ReviewError(_("Enter the stand number."), field="number")
    with transaction.atomic():
        call = ExhibitorCall.objects.select_for_update().get(pk=application.call_id)
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("exhibitor", "stand")
            .get(pk=application.pk)
        )
        if application.status != Application.Status.ACCEPTED:
            raise ReviewError(_("Only an accepted application gets a stand."))
        if zone.page_id != call.event_id:
            raise ReviewError(_("Choose a zone of this fair."), field="zone")
        current = application.stand
        holder = queries.stand_with_number(call.event_id, number, excluding=current)
        if holder is not None:
            raise ReviewError(
                _("Stand %(number)s of this fair is already given to %(institution)s.")
                % {"number": number, "institution": holder.institution},
                field="number",
            )
        moving_in = current is None or current.zone_id != zone.pk
        if moving_in and zone.capacity is not None:
            taken = queries.zone_stand_count(zone, excluding=current)
            if taken >= zone.capacity:
                raise ReviewError(
                    _("Zone “%(zone)s” is full: it holds %(capacity)d stands and all are given.")
                    % {"zone": zone.name, "capacity": zone.capacity},
                    field="zone",
                )
        created = current is None
        stand = current or Stand(event_id=call.event_id, url=application.exhibitor.website)
        stand.zone = zone
        stand.number = number
        stand.size = size
        stand.institution = application.exhibitor.name
        try:
            with transaction.atomic():
                stand.save()
        except IntegrityError as error:  # a stand written meanwhile without the lock (import, snippet)
            raise ReviewError(
                _("Stand %(number)s of this fair is already given.") % {"number": number}, field="number"
            ) from error
        if created:
            application.stand = stand
            application.save(update_fields=["stand", "updated_at"])
        for address in queries.exhibitor_addresses(queries.application_for_review(application.pk)):
            queue_composed_email(to=[address], composer=STAND_COMPOSER, args={"application": application.pk})
    return Assignment(stand=stand, created=created)


def message_accepted_exhibitors(*, call, subject, body, attachments=(), by=None):
    """Staff's mail to the accepted exhibitors of a call (e.g. the information pack and set-up
    times): one outbox row per address (each application's contact and the exhibitor's people,
    an address once however many applications share it), each with every attachment
    (``(filename, bytes, mimetype)``). Returns the number of mails queued."""
    attachments = list(attachments)
    sent = set()
    with transaction.atomic():
        for application in queries.accepted_applications(call):
            for address in queries.exhibitor_addresses(application):
                if address.lower() in sent:
                    continue
                sent.add(address.lower())
                queue_email(to=[address], subject=subject, body_text=body, attachments=attachments)
    return len(sent)
