"""State changes of the WZK: keyword-only verbs, one transaction each, mail queued on commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.cache import bump_generation
from cms.outbox.services import queue_composed_email
from events.checkin import services as checkin_services
from events.checkin.models import ScanResult

from . import queries
from .models import Invitation, Meeting, Minutes, MinutesComment

# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------

MINUTES_COMMENTS_COMPOSER = "wzk_minutes_comments"
PRESENTATIONS_COMPOSER = "wzk_presentations"


class AttendanceError(Exception):
    """A refused step of attendance, the minutes or the presentations; ``message`` says why."""

    MESSAGES = {
        "too_early": gettext_lazy("Presence can be confirmed from 15 minutes before the meeting starts."),
        "closed": gettext_lazy("The meeting has ended; presence can no longer be confirmed."),
        "in_person": gettext_lazy("This meeting is held in person: presence is recorded at the door."),
        "no_ticket": gettext_lazy(
            "This invitation holds no ticket yet (no “yes” answer): record the answer first."
        ),
        "not_checked_in": gettext_lazy("The check-in was refused: %(result)s."),
        "wrong_status": gettext_lazy("The minutes are not in the right state for this step."),
        "comments_until_past": gettext_lazy("Choose a moment in the future."),
        "unresolved_comments": gettext_lazy("Resolve every comment before approving the minutes."),
        "comments_closed": gettext_lazy("The minutes are not open for comments."),
        "not_invited": gettext_lazy("Only members invited to the meeting may comment on its minutes."),
        "no_presentations": gettext_lazy("The meeting has no documents marked as presentations."),
        "no_attendees": gettext_lazy("Nobody has been recorded as present yet."),
    }

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self):
        text = str(self.MESSAGES[self.code])
        return text % self.params if self.params else text


def confirm_presence_online(*, invitation, now=None):
    """The invitee confirms through their personal link that they attend an online (or hybrid)
    meeting: from 15 minutes before the start until the end. Idempotent: the first confirmation's
    moment is kept."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("meeting__event").get(pk=invitation.pk)
        )
        if invitation.present_online_at is not None:
            return invitation
        meeting = invitation.meeting
        if meeting.mode == Meeting.Mode.IN_PERSON:
            raise AttendanceError("in_person")
        opens, closes = queries.online_presence_window(meeting)
        if now < opens:
            raise AttendanceError("too_early")
        if now >= closes:
            raise AttendanceError("closed")
        invitation.present_online_at = now
        invitation.save(update_fields=["present_online_at"])
    return invitation


def tick_presence(*, invitation, by, now=None):
    """Staff tick an invitee present from the meeting's attendance view: a check-in of the
    invitation's ticket on the event's entrance list, as if scanned at the door."""
    registration = invitation.registration
    ticket = getattr(registration, "ticket", None) if registration is not None else None
    if ticket is None:
        raise AttendanceError("no_ticket")
    checkin_list = checkin_services.default_list_for(invitation.meeting.event)
    answer = checkin_services.check_in(
        secret=ticket.secret, checkin_list=checkin_list, scanned_by=by, now=now
    )
    if not answer.admitted and answer.result != ScanResult.ALREADY_CHECKED_IN:
        raise AttendanceError("not_checked_in", result=dict(ScanResult.choices)[answer.result])
    return answer


def _agenda_body(meeting):
    items = "".join(
        f"<li>{escape(item.title)}{f' ({escape(item.presenter)})' if item.presenter else ''}</li>"
        for item in meeting.agenda_items.all()
    )
    heading = escape(_("Agenda"))
    discussion = escape(_("Discussion"))
    conclusions = escape(_("Conclusions"))
    agenda = f"<ol>{items}</ol>" if items else "<p></p>"
    return f"<h2>{heading}</h2>{agenda}<h2>{discussion}</h2><p></p><h2>{conclusions}</h2><p></p>"


def draft_minutes(*, meeting):
    """The meeting's minutes, made on first use with the agenda as their first section."""
    with transaction.atomic():
        minutes = Minutes.objects.filter(meeting=meeting).first()
        if minutes is None:
            minutes = Minutes.objects.create(meeting=meeting, body=_agenda_body(meeting))
    return minutes


def _locked(minutes):
    return Minutes.objects.select_for_update().select_related("meeting__event").get(pk=minutes.pk)


def save_minutes_body(*, minutes, body):
    """Staff edit the text while it is a draft or out for comments."""
    with transaction.atomic():
        minutes = _locked(minutes)
        if minutes.status not in (Minutes.Status.DRAFT, Minutes.Status.IN_COMMENTS):
            raise AttendanceError("wrong_status")
        minutes.body = body
        minutes.save(update_fields=["body"])
    return minutes


def send_minutes_for_comments(*, minutes, comments_until, now=None):
    """Send the draft to the members invited to the meeting for comments until ``comments_until``:
    each gets a mail with a link (their personal one) to the comments page."""
    now = now or timezone.now()
    with transaction.atomic():
        minutes = _locked(minutes)
        if minutes.status != Minutes.Status.DRAFT:
            raise AttendanceError("wrong_status")
        if comments_until <= now:
            raise AttendanceError("comments_until_past")
        minutes.status = Minutes.Status.IN_COMMENTS
        minutes.comments_until = comments_until
        minutes.sent_for_comments_at = now
        minutes.save(update_fields=["status", "comments_until", "sent_for_comments_at"])
        invitations = Invitation.objects.filter(meeting_id=minutes.meeting_id, member__isnull=False)
        for invitation in invitations.select_related("member"):
            queue_composed_email(
                to=[invitation.member.email],
                composer=MINUTES_COMMENTS_COMPOSER,
                args={"invitation": invitation.pk},
            )
    return minutes


def add_minutes_comment(*, minutes, invitation, text, now=None):
    """An invited member's comment on the minutes, while they are out for comments."""
    now = now or timezone.now()
    with transaction.atomic():
        minutes = _locked(minutes)
        if not queries.comments_open(minutes, now):
            raise AttendanceError("comments_closed")
        if not queries.may_comment(invitation, minutes, now):
            raise AttendanceError("not_invited")
        return MinutesComment.objects.create(minutes=minutes, invitation=invitation, text=text.strip())


def resolve_minutes_comment(*, comment, now=None):
    """Staff mark a comment dealt with (idempotent)."""
    with transaction.atomic():
        comment = MinutesComment.objects.select_for_update().get(pk=comment.pk)
        if comment.resolved_at is None:
            comment.resolved_at = now or timezone.now()
            comment.save(update_fields=["resolved_at"])
    return comment


def approve_minutes(*, minutes, by, now=None):
    """Approve minutes that have been out for comments (every comment resolved); the attendance
    and the quorum are recorded with them as they are now."""
    now = now or timezone.now()
    with transaction.atomic():
        minutes = _locked(minutes)
        if minutes.status != Minutes.Status.IN_COMMENTS:
            raise AttendanceError("wrong_status")
        if minutes.comments.filter(resolved_at__isnull=True).exists():
            raise AttendanceError("unresolved_comments")
        minutes.status = Minutes.Status.APPROVED
        minutes.approved_at = now
        minutes.approved_by = by
        minutes.attendance = queries.attendance_of(minutes.meeting).to_record()
        minutes.save(update_fields=["status", "approved_at", "approved_by", "attendance"])
    return minutes


def publish_minutes(*, minutes, visibility, now=None):
    """Publish approved minutes to the members only or to the public, with the attendance list."""
    if visibility not in Minutes.Visibility.values:
        raise ValueError(f"unknown visibility {visibility!r}")
    with transaction.atomic():
        minutes = _locked(minutes)
        if minutes.status not in (Minutes.Status.APPROVED, Minutes.Status.PUBLISHED):
            raise AttendanceError("wrong_status")
        minutes.status = Minutes.Status.PUBLISHED
        minutes.visibility = visibility
        minutes.published_at = minutes.published_at or now or timezone.now()
        minutes.save(update_fields=["status", "visibility", "published_at"])
        transaction.on_commit(bump_generation)  # the event page shows the minutes to anonymous visitors
    return minutes


def attendee_email(invitation):
    """Where an attendee's mail goes: a substitute's own address if named, else the invitation's."""
    if invitation.answer == Invitation.Answer.SUBSTITUTE and invitation.substitute_email:
        return invitation.substitute_email
    return invitation.email


def send_presentations(*, meeting, now=None):
    """Mail every attendee (present members, substitutes, guests) once the links to the meeting's
    presentations. Idempotent: a meeting whose presentations were sent sends nothing again;
    returns how many mails were queued."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("event").get(pk=meeting.pk)
        if meeting.presentations_sent_at is not None:
            return 0
        if not queries.presentations_of(meeting):
            raise AttendanceError("no_presentations")
        invitations = list(queries.invitations_with_presence(meeting))
        present = {
            attendee.invitation_id for attendee in queries.attendance_of(meeting, invitations).attendees
        }
        recipients = [invitation for invitation in invitations if invitation.pk in present]
        if not recipients:
            raise AttendanceError("no_attendees")
        for invitation in recipients:
            queue_composed_email(
                to=[attendee_email(invitation)],
                composer=PRESENTATIONS_COMPOSER,
                args={"invitation": invitation.pk},
            )
        meeting.presentations_sent_at = now
        meeting.save(update_fields=["presentations_sent_at"])
    return len(recipients)
