"""The WZK's mails, queued as outbox recipes and rendered by the worker when sent.

Attendance and minutes: the minutes out for comments (to each invited member, with their personal
link to the comments page) and the presentations (to each attendee, with links that accept their
personal link). A recipe that no longer applies (the minutes left the comments, the invitation was
deleted) is dropped.
"""

from django.urls import reverse
from django.utils import timezone, translation

from cms.links import absolute_url
from cms.outbox.services import ComposedEmail, render_templated

from . import queries
from .models import Invitation, Minutes

# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


def _invitation(pk):
    return Invitation.objects.select_related("meeting__event", "member").filter(pk=pk).first()


def _composed(template, context):
    with translation.override("pl"):
        subject, body_text, body_html = render_templated(template=template, context=context, language="pl")
    return ComposedEmail(subject=subject, body_text=body_text, body_html=body_html)


def compose_minutes_comments(*, invitation):
    invitation = _invitation(invitation)
    minutes = Minutes.objects.filter(meeting_id=invitation.meeting_id).first() if invitation else None
    if minutes is None or not queries.comments_open(minutes, timezone.now()):
        return None
    context = {
        "invitation": invitation,
        "meeting": invitation.meeting,
        "event": invitation.meeting.event,
        "minutes": minutes,
        "comments_url": absolute_url(reverse("wzk:minutes_comments_token", args=[invitation.token])),
    }
    return _composed("wzk/minutes/email/comments", context)


def compose_presentations(*, invitation):
    invitation = _invitation(invitation)
    if invitation is None:
        return None
    documents = queries.presentations_of(invitation.meeting)
    if not documents:
        return None
    links = [
        (
            item.document.title,
            absolute_url(reverse("wzk:presentation_token", args=[invitation.token, item.pk])),
        )
        for item in documents
    ]
    context = {
        "invitation": invitation,
        "name": invitation.substitute_name
        if invitation.answer == Invitation.Answer.SUBSTITUTE and invitation.substitute_name
        else invitation.name,
        "meeting": invitation.meeting,
        "event": invitation.meeting.event,
        "links": links,
        "days": queries.PRESENTATIONS_LINK_DAYS,
    }
    return _composed("wzk/minutes/email/presentations", context)


def composers():
    return {"wzk_minutes_comments": compose_minutes_comments, "wzk_presentations": compose_presentations}
