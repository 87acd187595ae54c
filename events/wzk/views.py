"""Pages of the WZK."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.documents import get_document_model

from . import queries, services
from .access import invitation_is_open, is_member, view_for_invitation
from .forms import AnswerForm
from .models import Meeting

# --- meetings and invitations ------------------------------------------------------------------


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"  # the token never leaves in a Referer (the online link)
    return response


def _invitation_or_404(token):
    invitation = queries.invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The personal invitation page (the link is the capability, no login): the meeting with its
    member details, and the answer, which can change until the meeting starts. After the meeting
    has ended the link shows only that it has expired (410)."""
    invitation = _invitation_or_404(token)
    meeting = invitation.meeting
    event = meeting.event
    if not invitation_is_open(invitation):
        return _private(render(request, "wzk/meetings/invitation_expired.html", {"event": event}, status=410))
    substitutes = list(invitation.member.substitutes.all()) if invitation.member_id else []
    can_answer = services.answers_open(invitation)
    form = None
    if can_answer:
        initial = {
            "answer": invitation.answer if invitation.answer != invitation.Answer.PENDING else None,
            "substitute_name": invitation.substitute_name,
            "substitute_institution": invitation.substitute_institution,
            "substitute_email": invitation.substitute_email,
        }
        form = AnswerForm(request.POST or None, substitutes=substitutes, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                _invitation, changed = services.answer_invitation(
                    invitation=invitation, **form.answer_kwargs()
                )
            except services.AnswerClosed as closed:
                messages.error(request, closed.message)
            else:
                if changed:
                    messages.success(request, _("Thank you: your answer has been recorded."))
                else:
                    messages.info(request, _("Your answer was already recorded; nothing has changed."))
            return redirect("wzk:invitation", token=invitation.token)
    elif request.method == "POST":
        messages.error(request, str(services.AnswerClosed.message))
        return redirect("wzk:invitation", token=invitation.token)
    registration = invitation.registration
    ticket = getattr(registration, "ticket", None) if registration and registration.is_active else None
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "event": event,
        "event_view": view_for_invitation(invitation),
        "agenda": queries.agenda(meeting),
        "documents": queries.member_documents(meeting),
        "form": form,
        "can_answer": can_answer,
        "ticket": ticket,
    }
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "wzk/meetings/invitation.html", context, status=status))


def _document_response(document):
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _meeting_document(meeting, document_id):
    if document_id not in queries.meeting_document_ids(meeting):
        raise Http404
    return get_object_or_404(get_document_model(), pk=document_id)


def invitation_document(request, token, document_id):
    """A document for members of the meeting, through the personal link while it is open."""
    invitation = _invitation_or_404(token)
    if not invitation_is_open(invitation):
        raise Http404
    return _document_response(_meeting_document(invitation.meeting, document_id))


def member_document(request, meeting_id, document_id):
    """A document for members of a meeting, for a signed-in member (``events.wzk.access``, even
    when the meeting itself is public);
    anonymous visitors are asked to log in, everyone else gets 404."""
    meeting = get_object_or_404(Meeting.objects.select_related("event"), pk=meeting_id)
    if not is_member(request.user, meeting.event):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return _document_response(_meeting_document(meeting, document_id))
