"""Reusable reads of the WZK."""

from django.db.models import Count, Q

from .models import AgendaItem, Invitation, Meeting, MeetingDocument

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
