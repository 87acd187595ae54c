"""Public-side pages of the WZK.

Roster: the member's own area (``/wzk/moje/``) and the page where an invited member sets the
password of their account (``/wzk/haslo/<uidb36>/<key>/``)."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import url_str_to_user_pk
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe
from wagtail.documents import get_document_model

from cms.links import absolute_url

from . import calendar, queries, services
from .access import invitation_is_open, is_member, view_for_invitation
from .forms import AnswerForm, CommentForm, MemberPasswordForm
from .models import Meeting, MeetingDocument, Minutes
from .pdf import attendance_pdf, quorum_line

# ---- Roster: the member's area and setting the password ---------------------------------------

MEMBER_LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@login_required
def member_area(request):
    """A member's (or former member's) appointments, invitations and published minutes."""
    context = queries.member_area(request.user)
    if not context["appointments"]:
        raise PermissionDenied
    return render(request, "wzk/roster/member_area.html", context)


def _invited_user(uidb36, key):
    try:
        pk = url_str_to_user_pk(uidb36)
    except (ValueError, TypeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not user.wzk_memberships.exists():
        return None
    return user if default_token_generator.check_token(user, key) else None


@never_cache
def set_password(request, uidb36, key):
    """The invitation's one-time link: the member chooses a password, is signed in and lands on
    their area. A used, expired or wrong link shows a 404 page that says so."""
    user = _invited_user(uidb36, key)
    if user is None:
        response = render(request, "wzk/roster/set_password_invalid.html", status=404)
    else:
        form = MemberPasswordForm(request.POST or None, user=user)
        if request.method == "POST" and form.is_valid():
            services.set_member_password(user=user, password=form.cleaned_data["password1"])
            login(request, user, backend=MEMBER_LOGIN_BACKEND)
            return redirect("wzk:member_area")
        response = render(request, "wzk/roster/set_password.html", {"form": form, "invited": user})
    response["Referrer-Policy"] = (
        "same-origin"  # the key never leaves the site (no-referrer breaks CSRF: Origin null)
    )
    return response


# --- meetings and invitations ------------------------------------------------------------------


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: Chromium sends "Origin: null" on a POST from a no-referrer
    # page and CSRF refuses it; the capability URL still never leaves for another site.
    response["Referrer-Policy"] = "same-origin"
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
        "presence_open": queries.online_presence_open(meeting),
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


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


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


def _presentation_response(item):
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
    return _presentation_response(item)


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
    return _presentation_response(item)


# --- recs: public recommendations, the member's private calendar feed ---------------------------


@require_safe
def recommendations(request):
    """``/wzk/rekomendacje/``: the recommendations the WZK adopted that staff marked public."""
    items = [
        {"recommendation": item, "source": queries.recommendation_source(item)}
        for item in queries.public_recommendations()
    ]
    return render(request, "wzk/recs/recommendations.html", {"items": items})


@require_safe
def member_feed(request, token):
    """``/wzk/kalendarz/<token>.ics``: the member's private feed; an unknown or revoked token is 404."""
    member = queries.member_by_calendar_token(token)
    if member is None:
        raise Http404
    response = HttpResponse(calendar.member_feed(member), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wzk.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def feed_url(member):
    if not member.calendar_token:
        return ""
    return absolute_url(reverse("wzk:member_feed", args=[member.calendar_token]))


@login_required
@require_http_methods(["GET", "POST"])
def member_calendar(request):
    """``/wzk/kalendarz/``: a current member turns their private feed on, copies it, or revokes it."""
    member = queries.member_for_user(request.user)
    if member is None:
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(member=member)
        else:
            services.turn_on_calendar_feed(member=member)
        return redirect("wzk:member_calendar")
    response = render(
        request, "wzk/recs/member_calendar.html", {"member": member, "feed_url": feed_url(member)}
    )
    response["Cache-Control"] = "private, no-store"
    return response
