"""Reads of the WZK roster: current and former members, the members without an account, and the
member's own area (``/wzk/moje/``)."""

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import AgendaItem, Invitation, Meeting, MeetingDocument, Member, Minutes

CURRENT, FORMER, ALL = "current", "former", "all"


def members_by_status(status, *, day=None, queryset=None):
    """Members whose term covers ``day`` (today) for ``current``; whose term has ended for
    ``former`` (the history); everybody for ``all``. A term that has not begun yet counts as current
    (the appointment is on the roster)."""
    day = day or timezone.localdate()
    queryset = Member.objects.all() if queryset is None else queryset
    ended = Q(term_to__isnull=False, term_to__lt=day)
    if status == FORMER:
        return queryset.filter(ended)
    if status == ALL:
        return queryset
    return queryset.exclude(ended)


def members_without_account(*, day=None):
    """Current members (and those appointed for a term to come) who cannot sign in yet."""
    return members_by_status(CURRENT, day=day).filter(user__isnull=True)


def appointments_of(user):
    """The WZK appointments of a signed-in person, newest term first, with their substitutes."""
    if not user.is_authenticated:
        return []
    return list(Member.objects.filter(user=user).prefetch_related("substitutes").order_by("-term_from", "pk"))


def is_on_the_roster(user):
    return user.is_authenticated and Member.objects.filter(user=user).exists()


def invitation_path(token):
    """The personal invitation page of ``token``: ``wzk:invitation`` when the meetings part of the
    app provides it, else its documented address ``/wzk/zaproszenie/<token>/``."""
    try:
        return reverse("wzk:invitation", kwargs={"token": token})
    except NoReverseMatch:
        return f"/wzk/zaproszenie/{token}/"


def member_invitations(members):
    """The invitations of ``members`` to meetings, newest meeting first, each with its ``path``."""
    invitations = list(
        Invitation.objects.filter(member__in=members)
        .select_related("meeting__event", "member")
        .order_by("-meeting__event__starts_at", "pk")
    )
    for invitation in invitations:
        invitation.path = invitation_path(invitation.token)
    return invitations


def published_minutes_for(members):
    """Published minutes of the meetings held during the terms of ``members`` (members-only and
    public ones), newest first."""
    terms = Q(pk__in=[])
    for member in members:
        term = Q(meeting__event__starts_at__date__gte=member.term_from)
        if member.term_to:
            term &= Q(meeting__event__starts_at__date__lte=member.term_to)
        terms |= term
    return list(
        Minutes.objects.filter(terms, status=Minutes.Status.PUBLISHED)
        .select_related("meeting__event")
        .order_by("-meeting__event__starts_at")
    )


def member_area(user):
    """What the member's area shows: appointments, invitations and published minutes (a constant
    number of queries whatever the number of invitations)."""
    appointments = appointments_of(user)
    today = timezone.localdate()
    return {
        "appointments": appointments,
        "is_current": any(member.is_current_on(today) or member.term_from > today for member in appointments),
        "invitations": member_invitations(appointments),
        "minutes": published_minutes_for(appointments),
    }


# --- meetings and invitations ------------------------------------------------------------------


def invitation_by_token(token):
    """The invitation of a personal link with its meeting and event, or None."""
    return (
        Invitation.objects.select_related("meeting__event", "member", "registration__ticket")
        .filter(token=token)
        .first()
    )


def meeting_of_event(event):
    return Meeting.objects.filter(event=event).first()


def meeting_with_details(meeting_id):
    return (
        Meeting.objects.select_related("event")
        .prefetch_related("agenda_items__attachment", "documents__document")
        .filter(pk=meeting_id)
        .first()
    )


def agenda(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting).select_related("attachment").order_by("sort_order")
    )


def member_documents(meeting):
    return list(
        MeetingDocument.objects.filter(meeting=meeting).select_related("document").order_by("sort_order")
    )


def meeting_document_ids(meeting):
    """Ids of every Wagtail document of a meeting meant for its members: documents and attachments."""
    ids = set(MeetingDocument.objects.filter(meeting=meeting).values_list("document_id", flat=True))
    ids |= set(
        AgendaItem.objects.filter(meeting=meeting, attachment__isnull=False).values_list(
            "attachment_id", flat=True
        )
    )
    return ids


def replies(meeting):
    """Every invitation of a meeting with the invitee, for the staff's replies list."""
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "guest_name", "pk")
    )


def reply_counts(meeting):
    """``{"total", "pending", "yes", "no", "substitute"}`` in one query."""
    answers = Invitation.Answer
    counts = Invitation.objects.filter(meeting=meeting).aggregate(
        total=Count("pk"),
        **{answer.value: Count("pk", filter=Q(answer=answer.value)) for answer in answers},
    )
    return counts


def unanswered(meeting):
    return Invitation.objects.filter(meeting=meeting, answer=Invitation.Answer.PENDING, sent_at__isnull=False)
