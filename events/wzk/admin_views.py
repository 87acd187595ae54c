"""Staff pages of the WZK in the Wagtail admin."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms.accounts.auth import staff_required

from . import queries, services
from .forms import CommentsPeriodForm, MinutesBodyForm, PublishForm
from .models import Invitation, MinutesComment
from .pdf import attendance_pdf, quorum_line

# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


@staff_required
def attendance_meetings(request):
    """The meetings, each with its attendance and minutes."""
    return render(request, "wzk/minutes/admin/meetings.html", {"meetings": queries.meetings_for_attendance()})


def _meeting_or_404(pk):
    meeting = queries.meeting_for_staff(pk)
    if meeting is None:
        raise Http404
    return meeting


@staff_required
def attendance(request, pk):
    """Who is invited and who is present (door check-ins, online confirmations), the quorum; staff
    tick presence (a check-in on the event's entrance list), print the list, draft the minutes,
    send the presentations."""
    meeting = _meeting_or_404(pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "tick":
                invitation = get_object_or_404(
                    Invitation, pk=request.POST.get("invitation") or 0, meeting=meeting
                )
                services.tick_presence(invitation=invitation, by=request.user)
                messages.success(request, _("%(name)s is checked in.") % {"name": invitation.name})
            elif action == "draft_minutes":
                minutes = services.draft_minutes(meeting=meeting)
                return redirect("wzk_admin:minutes", minutes.pk)
            elif action == "send_presentations":
                sent = services.send_presentations(meeting=meeting)
                if sent:
                    messages.success(
                        request, _("The presentations were sent to %(count)s attendees.") % {"count": sent}
                    )
                else:
                    messages.info(
                        request, _("The presentations had already been sent; nothing was sent again.")
                    )
        except services.AttendanceError as refused:
            messages.error(request, refused.message)
        return redirect("wzk_admin:attendance", meeting.pk)
    invitations = list(queries.invitations_with_presence(meeting))
    current = queries.attendance_of(meeting, invitations)
    by_id = {invitation.pk: invitation for invitation in invitations}
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "attendance": current,
        "quorum_line": quorum_line(current),
        "rows": [
            (heading, [(attendee, by_id[attendee.invitation_id]) for attendee in attendees])
            for heading, attendees in (
                (_("Members"), current.members),
                (_("Substitutes (in a member's place)"), current.substitutes),
                (_("Guests"), current.guests),
            )
        ],
        "minutes": getattr(meeting, "minutes", None),
        "presentations": queries.presentations_of(meeting),
    }
    return render(request, "wzk/minutes/admin/attendance.html", context)


@staff_required
def attendance_list_pdf(request, pk):
    """The printable attendance list (to sign at the door); ``?record=1``: who attended, with the quorum."""
    meeting = _meeting_or_404(pk)
    record = request.GET.get("record") == "1"
    content = attendance_pdf(meeting, queries.attendance_of(meeting), record=record)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lista-obecnosci-{meeting.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def minutes(request, pk):
    """The minutes' workflow: edit the draft, send it for comments, resolve comments, approve, publish."""
    record = queries.minutes_with_comments(pk)
    if record is None:
        raise Http404
    body_form = MinutesBodyForm(instance=record, prefix="body")
    period_form = CommentsPeriodForm(prefix="period")
    publish_form = PublishForm(initial={"visibility": record.visibility}, prefix="publish")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "save":
                body_form = MinutesBodyForm(request.POST, instance=record, prefix="body")
                if body_form.is_valid():
                    services.save_minutes_body(minutes=record, body=body_form.cleaned_data["body"])
                    messages.success(request, _("The minutes are saved."))
                    return redirect("wzk_admin:minutes", record.pk)
            elif action == "send_for_comments":
                period_form = CommentsPeriodForm(request.POST, prefix="period")
                if period_form.is_valid():
                    services.send_minutes_for_comments(
                        minutes=record, comments_until=period_form.cleaned_data["comments_until"]
                    )
                    messages.success(request, _("The minutes were sent to the members for comments."))
                    return redirect("wzk_admin:minutes", record.pk)
            elif action == "resolve":
                comment = get_object_or_404(
                    MinutesComment, pk=request.POST.get("comment") or 0, minutes=record
                )
                services.resolve_minutes_comment(comment=comment)
                return redirect("wzk_admin:minutes", record.pk)
            elif action == "approve":
                services.approve_minutes(minutes=record, by=request.user)
                messages.success(
                    request, _("The minutes are approved; the attendance is recorded with them.")
                )
                return redirect("wzk_admin:minutes", record.pk)
            elif action == "publish":
                publish_form = PublishForm(request.POST, prefix="publish")
                if publish_form.is_valid():
                    services.publish_minutes(
                        minutes=record, visibility=publish_form.cleaned_data["visibility"]
                    )
                    messages.success(request, _("The minutes are published."))
                    return redirect("wzk_admin:minutes", record.pk)
        except services.AttendanceError as refused:
            messages.error(request, refused.message)
            return redirect("wzk_admin:minutes", record.pk)
    attendance_now = queries.recorded_attendance(record)
    context = {
        "minutes": record,
        "meeting": record.meeting,
        "event": record.meeting.event,
        "body_form": body_form,
        "period_form": period_form,
        "publish_form": publish_form,
        "comments": list(record.comments.all()),
        "editable": record.status in ("draft", "in_comments"),
        "quorum_line": quorum_line(attendance_now),
    }
    return render(request, "wzk/minutes/admin/minutes.html", context)
