"""The WZK's pages for members, invitees and the public."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import queries, services
from .access import invitation_is_open, is_member
from .forms import CommentForm
from .models import Meeting, MeetingDocument, Minutes
from .pdf import attendance_pdf, quorum_line

# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _open_invitation(token):
    invitation = queries.invitation_by_token(token)
    if invitation is None or not invitation_is_open(invitation):
        raise Http404
    return invitation


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_presence(request, token):
    """The invitee confirms presence at an online meeting through their personal link."""
    invitation = _open_invitation(token)
    meeting = invitation.meeting
    error = None
    if request.method == "POST":
        try:
            invitation = services.confirm_presence_online(invitation=invitation)
        except services.AttendanceError as refused:
            error = refused.message
        else:
            messages.success(request, _("Thank you: your presence is recorded."))
            return redirect("wzk:confirm_presence", invitation.token)
    opens, closes = queries.online_presence_window(meeting)
    now = timezone.now()
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "event": meeting.event,
        "opens": opens,
        "closes": closes,
        "window_open": opens <= now < closes and meeting.mode != Meeting.Mode.IN_PERSON,
        "in_person": meeting.mode == Meeting.Mode.IN_PERSON,
        "error": error,
    }
    status = 400 if error else 200
    return _private(render(request, "wzk/minutes/confirm_presence.html", context, status=status))


def _comments_page(request, invitation, minutes, *, post_url):
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_minutes_comment(
                minutes=minutes, invitation=invitation, text=form.cleaned_data["text"]
            )
        except services.AttendanceError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Thank you: your comment has been sent to the coordination office."))
            return redirect(post_url)
    context = {
        "invitation": invitation,
        "minutes": minutes,
        "meeting": minutes.meeting,
        "event": minutes.meeting.event,
        "form": form,
        "open": queries.comments_open(minutes),
        "comments": queries.own_comments(minutes, invitation),
        "post_url": post_url,
    }
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "wzk/minutes/comments.html", context, status=status))


def _minutes_in_comments(meeting_id):
    minutes = Minutes.objects.select_related("meeting__event").filter(meeting_id=meeting_id).first()
    if minutes is None or minutes.status != Minutes.Status.IN_COMMENTS:
        raise Http404
    return minutes


@never_cache
@require_http_methods(["GET", "POST"])
def minutes_comments_token(request, token):
    """The draft minutes and the comments form, through an invited member's personal link."""
    invitation = queries.invitation_by_token(token)
    if invitation is None or invitation.is_guest:
        raise Http404
    minutes = _minutes_in_comments(invitation.meeting_id)
    return _comments_page(request, invitation, minutes, post_url=request.path)


@never_cache
@require_http_methods(["GET", "POST"])
def minutes_comments(request, pk):
    """The same page for a signed-in member invited to the meeting."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    meeting = get_object_or_404(Meeting.objects.select_related("event"), pk=pk)
    invitation = queries.invitation_of_user(request.user, meeting)
    if invitation is None:
        raise Http404
    minutes = _minutes_in_comments(meeting.pk)
    return _comments_page(request, invitation, minutes, post_url=request.path)


def _published_minutes(request, pk):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting__event"), pk=pk)
    if minutes.status != Minutes.Status.PUBLISHED:
        raise Http404
    if not queries.minutes_visible_to(request.user, minutes):
        if not request.user.is_authenticated:
            return None
        raise Http404
    return minutes


@require_GET
def published_minutes(request, pk):
    """Published minutes with the attendance summary: public ones for all, the others for members."""
    minutes = _published_minutes(request, pk)
    if minutes is None:
        return redirect_to_login(request.get_full_path())
    attendance = queries.recorded_attendance(minutes)
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "event": minutes.meeting.event,
        "attendance": attendance,
        "quorum_line": quorum_line(attendance),
    }
    response = render(request, "wzk/minutes/published.html", context)
    if minutes.visibility == Minutes.Visibility.MEMBERS:
        _private(response)
    return response


@require_GET
def published_attendance_pdf(request, pk):
    """The attendance list attached to published minutes (who attended, the quorum)."""
    minutes = _published_minutes(request, pk)
    if minutes is None:
        return redirect_to_login(request.get_full_path())
    content = attendance_pdf(minutes.meeting, queries.recorded_attendance(minutes), record=True)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lista-obecnosci-{minutes.meeting.pk}.pdf"'
    if minutes.visibility == Minutes.Visibility.MEMBERS:
        _private(response)
    return response


def _document_response(item):
    document = item.document
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return _private(response)


@require_GET
def presentation_token(request, token, pk):
    """A presentation, through the personal link of someone who attended (the mail's links)."""
    invitation = queries.invitation_by_token(token)
    if invitation is None or not queries.presentation_link_open(invitation):
        raise Http404
    item = get_object_or_404(
        MeetingDocument.objects.select_related("document"),
        pk=pk,
        meeting_id=invitation.meeting_id,
        is_presentation=True,
    )
    return _document_response(item)


@require_GET
def presentation(request, meeting_pk, pk):
    """A presentation, for a signed-in member of the meeting (``access.is_member``)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    meeting = get_object_or_404(Meeting.objects.select_related("event"), pk=meeting_pk)
    if not is_member(request.user, meeting.event):
        raise Http404
    item = get_object_or_404(
        MeetingDocument.objects.select_related("document"), pk=pk, meeting=meeting, is_presentation=True
    )
    return _document_response(item)
