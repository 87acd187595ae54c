"""State changes of the WZK roster: the import, inviting members to sign in, their password."""

import datetime
import re
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.cache import bump_generation
from cms.links import absolute_url
from cms.outbox import services as mail
from cms.outbox.services import ComposedEmail, queue_composed_email, render_templated
from events.access import private_minutes_collection
from events.checkin import services as checkin_services
from events.checkin.models import ScanResult
from events.registration import services as registration

from . import queries
from .access import current_members_on, invitation_is_open, view_for_invitation
from .models import Invitation, Meeting, Member, Minutes, MinutesComment, Recommendation, new_token

IMPORTED_FIELDS = (
    "first_name",
    "last_name",
    "institution",
    "pillar",
    "role",
    "term_to",
    "resolution_number",
    "resolution_date",
    "county",
    "municipality_code",
)


@dataclass
class ImportSummary:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # unchanged rows


def import_members(*, rows):
    """Add or update the roster from checked import rows (``forms.check_rows``): a row with the
    e-mail and term start of an existing appointment updates it, so importing a file twice changes
    nothing the second time. All rows or none."""
    summary = ImportSummary()
    with transaction.atomic():
        for values in rows:
            email = values["email"].strip().lower()
            member = (
                Member.objects.select_for_update()
                .filter(email__iexact=email, term_from=values["term_from"])
                .first()
            )
            if member is None:
                member = Member.objects.create(
                    email=email,
                    term_from=values["term_from"],
                    **{key: values[key] or _empty(key) for key in IMPORTED_FIELDS},
                )
                summary.added.append(member)
                continue
            changed = [key for key in IMPORTED_FIELDS if (values[key] or _empty(key)) != getattr(member, key)]
            if not changed:
                summary.skipped.append(member)
                continue
            for key in changed:
                setattr(member, key, values[key] or _empty(key))
            member.save(update_fields=[*changed, "updated_at"])
            summary.updated.append(member)
    return summary


def _empty(key):
    return None if key in ("term_to", "resolution_date") else ""


def _account_for(member):
    """The account of ``member``'s address (linked, found by a verified or primary address, or new
    with an unusable password), its address verified: the invitation went to that mailbox."""
    User = get_user_model()
    user = member.user
    if user is None:
        address = EmailAddress.objects.filter(email__iexact=member.email).select_related("user").first()
        user = address.user if address else User.objects.filter(email__iexact=member.email).first()
    if user is None:
        username = member.email[:150]
        suffix = 1
        while User.objects.filter(username=username).exists():
            suffix += 1
            username = f"{member.email[:140]}-{suffix}"
        user = User(
            username=username, email=member.email, first_name=member.first_name, last_name=member.last_name
        )
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=member.email, defaults={"email": member.email, "verified": True}
    )
    if not EmailAddress.objects.filter(user=user, primary=True).exists():
        EmailAddress.objects.filter(user=user, email__iexact=member.email).update(primary=True)
    return user


def set_password_url(user):
    """The absolute one-time link where ``user`` sets a password (allauth's password-reset key,
    which stops working once the password has changed or after ``PASSWORD_RESET_TIMEOUT``)."""
    path = reverse(
        "wzk:set_password",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return absolute_url(path)


def invite_member(*, member, now=None):
    """Create or link the member's account and mail them the link to set its password."""
    now = now or timezone.now()
    with transaction.atomic():
        user = _account_for(member)
        Member.objects.filter(email__iexact=member.email, user__isnull=True).update(user=user)
        member.user = user
        member.invited_at = now
        member.save(update_fields=["user", "invited_at", "updated_at"])
        with translation.override(settings.LANGUAGE_CODE):
            url = set_password_url(user)
        mail.queue_templated_email(
            to=[member.email],
            template="wzk/roster/email/sign_in_invitation",
            context={
                "member": member,
                "url": url,
                "has_password": user.has_usable_password(),
                "valid_until": now + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
            },
            language=settings.LANGUAGE_CODE,
        )
    return user


def invite_members_without_account(*, now=None):
    """Invite every current member who has no account yet; returns how many were invited."""
    now = now or timezone.now()
    invited = 0
    with transaction.atomic():
        for member in queries.members_without_account().select_for_update():
            member.refresh_from_db(fields=["user"])  # linked meanwhile with another term of theirs
            if member.user_id is None:
                invite_member(member=member, now=now)
                invited += 1
    return invited


def set_member_password(*, user, password):
    """The member's own password, set from the invitation link; their address is theirs."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    return user


# --- meetings and invitations ------------------------------------------------------------------

INVITATION_COMPOSER = "wzk_invitation"
INVITATION_KINDS = ("invitation", "reminder")


class AnswerClosed(Exception):
    """The meeting has started: the answer can no longer change."""

    message = _("The meeting has started; the answer can no longer be changed.")


def meeting_language(meeting):
    locale = getattr(meeting.event, "locale", None)
    language = getattr(locale, "language_code", "") or "pl"
    return "en" if language.startswith("en") else "pl"


def answers_open(invitation, now=None):
    """An answer can be given or changed until the meeting starts."""
    return (now or timezone.now()) < invitation.meeting.event.starts_at


def keep_documents_private(*, meeting):
    """Move the meeting's documents for members and agenda attachments into the private
    collection, so ``/documents/<id>/…`` refuses everyone but staff (members download them
    through ``wzk:document`` and ``wzk:invitation_document``)."""
    collection = private_minutes_collection()
    moved = 0
    with transaction.atomic():
        for item in queries.member_documents(meeting):
            moved += _into(item.document, collection)
        for item in queries.agenda(meeting):
            if item.attachment is not None:
                moved += _into(item.attachment, collection)
    return moved


def _into(document, collection):
    if document.collection_id == collection.pk:
        return 0
    document.collection = collection
    document.save(update_fields=["collection"])
    return 1


def invite_guest(*, meeting, name, email, institution=""):
    """Name a guest of a meeting; an address already invited is not invited twice."""
    email = email.strip()
    with transaction.atomic():
        existing = Invitation.objects.filter(meeting=meeting, member=None, guest_email__iexact=email).first()
        if existing is not None:
            return existing
        return Invitation.objects.create(
            meeting=meeting, guest_name=name.strip(), guest_email=email, guest_institution=institution.strip()
        )


def send_invitations(*, meeting, by=None, now=None):
    """Invite every member current on the meeting's day and mail every invitation not sent yet
    (the members' and the guests' staff named). Sending again mails only those added since.
    Returns the invitations mailed now."""
    now = now or timezone.now()
    day = timezone.localtime(meeting.event.starts_at).date()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        invited = set(
            Invitation.objects.filter(meeting=meeting, member__isnull=False).values_list(
                "member_id", flat=True
            )
        )
        Invitation.objects.bulk_create(
            Invitation(meeting=meeting, member=member)
            for member in current_members_on(day).exclude(pk__in=invited)
        )
        to_send = list(
            Invitation.objects.filter(meeting=meeting, sent_at__isnull=True).select_related("member")
        )
        for invitation in to_send:
            _queue_invitation_mail(invitation, "invitation")
        Invitation.objects.filter(pk__in=[i.pk for i in to_send]).update(sent_at=now)
        meeting.invitations_sent_at = meeting.invitations_sent_at or now
        meeting.save(update_fields=["invitations_sent_at"])
    return to_send


def remind_unanswered(*, meeting, by=None, now=None):
    """Mail one reminder to every sent invitation still without an answer; records ``reminded_at``."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(queries.unanswered(meeting).select_related("member").select_for_update(of=("self",)))
        for invitation in pending:
            _queue_invitation_mail(invitation, "reminder")
        Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(reminded_at=now)
    return pending


def _queue_invitation_mail(invitation, kind):
    return queue_composed_email(
        to=[invitation.email], composer=INVITATION_COMPOSER, args={"invitation": invitation.pk, "kind": kind}
    )


def answer_invitation(
    *, invitation, answer, substitute_name="", substitute_institution="", substitute_email="", now=None
):
    """Record an invitee's answer (``Invitation.Answer``); the same answer again changes nothing.

    A yes holds a registration with a ticket on the event for the invitee, a substitute for the
    substitute (``registration.hold_invited_place``: the ticket is mailed with its QR code); a no
    cancels it. Raises ``AnswerClosed`` once the meeting has started. Returns
    ``(invitation, changed)``."""
    now = now or timezone.now()
    if answer == Invitation.Answer.SUBSTITUTE:
        substitute = (substitute_name.strip(), substitute_institution.strip(), substitute_email.strip())
    else:
        substitute = ("", "", "")
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("meeting__event", "member")
            .get(pk=invitation.pk)
        )
        if not answers_open(invitation, now):
            raise AnswerClosed
        current = (
            invitation.answer,
            invitation.substitute_name,
            invitation.substitute_institution,
            invitation.substitute_email,
        )
        if current == (answer, *substitute):
            return invitation, False
        invitation.answer = answer
        invitation.substitute_name, invitation.substitute_institution, invitation.substitute_email = (
            substitute
        )
        invitation.answered_at = now
        event = invitation.meeting.event
        language = meeting_language(invitation.meeting)
        if answer in (Invitation.Answer.YES, Invitation.Answer.SUBSTITUTE):
            name, email = (
                (invitation.name, invitation.email) if answer == Invitation.Answer.YES else substitute[0::2]
            )
            invitation.registration = registration.hold_invited_place(
                event=event,
                name=name,
                email=email,
                language=language,
                registration=invitation.registration,
                now=now,
            )
        elif invitation.registration is not None:
            registration.cancel(registration=invitation.registration, now=now)
        invitation.save(
            update_fields=[
                "answer",
                "substitute_name",
                "substitute_institution",
                "substitute_email",
                "answered_at",
                "registration",
            ]
        )
    return invitation, True


def compose_invitation(*, invitation, kind):
    """Render an invitation or a reminder when the worker sends it; None if it is outdated (the
    meeting has ended, or a reminder for an invitation already answered)."""
    invitation = Invitation.objects.select_related("meeting__event", "member").filter(pk=invitation).first()
    if invitation is None or kind not in INVITATION_KINDS or not invitation_is_open(invitation):
        return None
    if kind == "reminder" and invitation.answer != Invitation.Answer.PENDING:
        return None
    language = meeting_language(invitation.meeting)
    with translation.override(language):
        link = absolute_url(reverse("wzk:invitation", args=[invitation.token]))
    context = {
        "invitation": invitation,
        "meeting": invitation.meeting,
        "event": invitation.meeting.event,
        "event_view": view_for_invitation(invitation),
        "agenda": queries.agenda(invitation.meeting),
        "link": link,
        "kind": kind,
    }
    subject, body_text, body_html = render_templated(
        template=f"wzk/meetings/email/{kind}", context=context, language=language
    )
    return ComposedEmail(subject=subject, body_text=body_text, body_html=body_html)


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


# --- recs: recommendations, study visits, the member's calendar feed --------------------------

NUMBER = re.compile(r"^R/(\d{4})/(\d+)$")
# The order of the statuses: a later one keeps what the earlier ones needed.
STATUS_ORDER = [status for status, _label in Recommendation.Status.choices]


def suggest_recommendation_number(*, year=None):
    """``R/<year>/<n>``: one more than the highest ``n`` used in the year (gaps are not refilled)."""
    year = year or timezone.localdate().year
    used = [
        int(match.group(2))
        for number in queries.recommendation_numbers(year)
        if (match := NUMBER.match(number))
    ]
    return f"R/{year}/{max(used, default=0) + 1}"


def _reached(status, step):
    return STATUS_ORDER.index(status) >= STATUS_ORDER.index(step)


def recommendation_problems(
    *,
    status,
    adopted_at,
    sent_on,
    board_answer,
    answered_on,
    implemented_on,
    is_public,
    source_morning=None,
    source_meeting=None,
    source_visit=None,
):
    """``{field: message}`` of what the status and its dates lack (empty: consistent).

    Adopted needs the meeting; sent needs the date it went to the board; answered needs the board's
    answer and its date; implemented needs the date. Dates follow each other; only an adopted (or
    later) recommendation may be shown on the public site; there is exactly one source.
    """
    Status = Recommendation.Status
    problems = {}
    sources = [source for source in (source_morning, source_meeting, source_visit) if source is not None]
    if len(sources) != 1:
        problems["source_morning"] = _(
            "Choose the one source of the recommendation: a partner morning, a meeting or a study visit."
        )
    if _reached(status, Status.ADOPTED) and adopted_at is None:
        problems["adopted_at"] = _("An adopted recommendation needs the meeting at which the WZK adopted it.")
    if _reached(status, Status.SENT) and sent_on is None:
        problems["sent_on"] = _("Give the date the recommendation was sent to the board.")
    if _reached(status, Status.ANSWERED):
        if not (board_answer or "").strip():
            problems["board_answer"] = _("An answered recommendation needs the board's answer.")
        if answered_on is None:
            problems["answered_on"] = _("Give the date of the board's answer.")
    if _reached(status, Status.IMPLEMENTED) and implemented_on is None:
        problems["implemented_on"] = _("Give the date the recommendation was implemented.")
    if adopted_at is not None and sent_on is not None:
        adopted_day = timezone.localtime(adopted_at.event.starts_at).date()
        if sent_on < adopted_day and "sent_on" not in problems:
            problems["sent_on"] = _(
                "The recommendation cannot be sent to the board before the meeting that adopted it."
            )
    if sent_on and answered_on and answered_on < sent_on and "answered_on" not in problems:
        problems["answered_on"] = _("The board cannot answer before the recommendation was sent.")
    if answered_on and implemented_on and implemented_on < answered_on and "implemented_on" not in problems:
        problems["implemented_on"] = _("The implementation date cannot be before the board's answer.")
    if is_public and not _reached(status, Status.ADOPTED):
        problems["is_public"] = _(
            "Only a recommendation the WZK has adopted can be shown on the public site."
        )
    return problems


def _check(recommendation):
    problems = recommendation_problems(
        status=recommendation.status,
        adopted_at=recommendation.adopted_at,
        sent_on=recommendation.sent_on,
        board_answer=recommendation.board_answer,
        answered_on=recommendation.answered_on,
        implemented_on=recommendation.implemented_on,
        is_public=recommendation.is_public,
        source_morning=recommendation.source_morning,
        source_meeting=recommendation.source_meeting,
        source_visit=recommendation.source_visit,
    )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def save_recommendation(*, recommendation):
    """Save a recommendation whose status and dates are consistent (else ``ValidationError``)."""
    _check(recommendation)
    if not recommendation.number:
        recommendation.number = suggest_recommendation_number()
    recommendation.save()
    return recommendation


def recommendation_draft_from_conclusion(*, conclusion):
    """What a recommendation made from a conclusion starts with (the form's initial data)."""
    morning = conclusion.morning
    first_line = conclusion.text.strip().splitlines()[0] if conclusion.text.strip() else morning.topic
    return {
        "number": suggest_recommendation_number(),
        "title": first_line[:255],
        "text": conclusion.text,
        "source_morning": morning.pk,
        "conclusion": conclusion.pk,
        "status": Recommendation.Status.DRAFTED,
    }


@transaction.atomic
def turn_on_calendar_feed(*, member):
    """Give the member a private feed address if they have none yet (the existing one stays)."""
    if not member.calendar_token:
        member.calendar_token = new_token()
        member.save(update_fields=["calendar_token", "updated_at"])
    return member.calendar_token


@transaction.atomic
def revoke_calendar_feed(*, member):
    """A new private feed address; the old one answers 404 from now on."""
    member.calendar_token = new_token()
    member.save(update_fields=["calendar_token", "updated_at"])
    return member.calendar_token
