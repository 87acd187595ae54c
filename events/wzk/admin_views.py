"""Staff pages of the WZK in the Wagtail admin.

Roster: importing members from CSV or XLSX (upload → preview with each row's problems → confirm →
summary), the import template, and inviting members to sign in (one or all without an account)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import CSV_TYPE, XLSX_TYPE, Workbook, csv_bytes
from cms.links import absolute_url

from . import exports, queries, services
from .forms import (
    IMPORT_COLUMNS,
    CommentsPeriodForm,
    GuestForm,
    MinutesBodyForm,
    PublishForm,
    RosterImportConfirmForm,
    RosterImportForm,
    sign_rows,
)
from .models import Invitation, Meeting, Member, MinutesComment
from .pdf import attendance_pdf, quorum_line

# ---- Roster -----------------------------------------------------------------------------------

TEMPLATE_EXAMPLE = [
    "Anna",
    "Przykładowa",
    "anna.przykladowa@example.org",
    "Wojewódzki Urząd Pracy",
    "edukacja",
    "członek",
    "01.01.2026",
    "31.12.2029",
    "XII/123/2025",
    "15.12.2025",
    "1261",
    "",
]


@staff_required
def roster_import(request):
    """Upload shows the preview; nothing is saved until staff confirm the rows without errors."""
    if request.method == "POST" and "rows" in request.POST:
        confirm = RosterImportConfirmForm(request.POST)
        if confirm.is_valid():
            summary = services.import_members(rows=confirm.cleaned_data["rows"])
            return render(request, "wzk/roster/admin/import_done.html", {"summary": summary})
        for error in confirm.errors.get("rows", []):
            messages.error(request, error)
        return redirect("wzk_admin:roster_import")
    form = RosterImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": IMPORT_COLUMNS}
    if request.method == "POST" and form.is_valid():
        rows = form.rows
        invalid = [row for row in rows if not row.is_valid]
        context |= {
            "rows": rows,
            "invalid": invalid,
            "confirm": None if invalid else RosterImportConfirmForm(initial={"rows": sign_rows(rows)}),
        }
    return render(request, "wzk/roster/admin/import.html", context)


@staff_required
def roster_import_template(request, fmt):
    header = [heading for _key, heading, _required in IMPORT_COLUMNS]
    if fmt == "xlsx":
        workbook = Workbook()
        workbook.add_sheet(_("WZK members"), header, [TEMPLATE_EXAMPLE])
        response = HttpResponse(workbook.to_bytes(), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes([header, TEMPLATE_EXAMPLE]), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="sklad-wzk-szablon.{fmt}"'
    return response


@staff_required
def invite_member(request, pk):
    member = get_object_or_404(Member, pk=pk)
    if request.method == "POST":
        services.invite_member(member=member)
        messages.success(request, _("%(name)s has been invited to sign in.") % {"name": member.name})
        return redirect("wzk_member:index")
    return render(request, "wzk/roster/admin/invite.html", {"member": member})


@staff_required
def invite_members(request):
    if request.method == "POST":
        count = services.invite_members_without_account()
        messages.success(
            request,
            ngettext(
                "%(count)d member has been invited to sign in.",
                "%(count)d members have been invited to sign in.",
                count,
            )
            % {"count": count},
        )
        return redirect("wzk_member:index")
    members = list(queries.members_without_account())
    return render(request, "wzk/roster/admin/invite_all.html", {"members": members})


# --- meetings and invitations ------------------------------------------------------------------

REFRESH_SECONDS = 10


def _reply_row(invitation):
    return {
        "id": invitation.pk,
        "name": invitation.name,
        "institution": invitation.institution,
        "guest": invitation.is_guest,
        "answer": invitation.answer,
        "answer_label": str(invitation.get_answer_display()),
        "substitute": invitation.substitute_name,
        "substitute_institution": invitation.substitute_institution,
        "answered_at": _local(invitation.answered_at),
        "sent_at": _local(invitation.sent_at),
        "reminded_at": _local(invitation.reminded_at),
    }


def _local(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""


def _meeting_or_404(meeting_id):
    return get_object_or_404(Meeting.objects.select_related("event"), pk=meeting_id)


@staff_required
def replies(request, meeting_id):
    """The replies to a meeting's invitations, refreshed live by ``wzk/replies.js``; sending,
    reminding and naming guests."""
    meeting = _meeting_or_404(meeting_id)
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "counts": queries.reply_counts(meeting),
        "rows": [_reply_row(invitation) for invitation in queries.replies(meeting)],
        "guest_form": GuestForm(),
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "wzk/meetings/admin/replies.html", context)


@require_GET
@staff_required
def replies_data(request, meeting_id):
    meeting = _meeting_or_404(meeting_id)
    response = JsonResponse(
        {
            "counts": queries.reply_counts(meeting),
            "rows": [_reply_row(invitation) for invitation in queries.replies(meeting)],
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_required
def send(request, meeting_id):
    meeting = _meeting_or_404(meeting_id)
    sent = services.send_invitations(meeting=meeting, by=request.user)
    if sent:
        messages.success(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", len(sent))
            % {"count": len(sent)},
        )
    else:
        messages.info(request, _("Everyone has already been invited; no mail was sent."))
    return redirect("wzk_admin:replies", meeting.pk)


@require_POST
@staff_required
def remind(request, meeting_id):
    meeting = _meeting_or_404(meeting_id)
    reminded = services.remind_unanswered(meeting=meeting, by=request.user)
    messages.success(
        request,
        ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", len(reminded))
        % {"count": len(reminded)},
    )
    return redirect("wzk_admin:replies", meeting.pk)


@require_POST
@staff_required
def add_guest(request, meeting_id):
    meeting = _meeting_or_404(meeting_id)
    form = GuestForm(request.POST)
    if form.is_valid():
        services.invite_guest(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The guest has been added; send the invitations to mail them."))
        return redirect("wzk_admin:replies", meeting.pk)
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "counts": queries.reply_counts(meeting),
        "rows": [_reply_row(invitation) for invitation in queries.replies(meeting)],
        "guest_form": form,
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "wzk/meetings/admin/replies.html", context, status=400)


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


@staff_required
def attendance_meetings(request):
    """The meetings, each with its attendance and minutes."""
    return render(request, "wzk/minutes/admin/meetings.html", {"meetings": queries.meetings_for_attendance()})


def _staff_meeting_or_404(pk):
    meeting = queries.meeting_for_staff(pk)
    if meeting is None:
        raise Http404
    return meeting


@staff_required
def attendance(request, pk):
    """Who is invited and who is present (door check-ins, online confirmations), the quorum; staff
    tick presence (a check-in on the event's entrance list), print the list, draft the minutes,
    send the presentations."""
    meeting = _staff_meeting_or_404(pk)
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
    meeting = _staff_meeting_or_404(pk)
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


# --- recs: recommendations register export, a recommendation from a conclusion, feed for staff ---


@staff_required
@require_safe
def recommendations_xlsx(request):
    """The register of recommendations as XLSX, filtered as the list was (status, source, year)."""
    recommendations = queries.filter_register(
        queries.recommendation_register().order_by("created_at", "pk"),
        status=request.GET.get("status", ""),
        source=request.GET.get("source", ""),
        year=request.GET.get("year", ""),
    )
    body = exports.recommendations_xlsx(recommendations)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="rekomendacje-wzk.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_safe
def recommendation_from_conclusion(request, pk):
    """Open the new recommendation form filled from a conclusion of a partner morning."""
    conclusion = queries.conclusion_with_morning(pk)
    if conclusion is None:
        raise Http404
    return redirect(reverse("wzk_recommendation:add") + "?" + urlencode({"conclusion": conclusion.pk}))


@staff_required
@require_http_methods(["GET", "POST"])
def member_calendar(request, pk):
    """Staff turn a member's private feed on, copy it, or revoke it (the old address gives 404)."""
    member = get_object_or_404(Member, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(member=member)
            messages.success(
                request, _("A new private feed address was issued; the old one no longer works.")
            )
        else:
            services.turn_on_calendar_feed(member=member)
        return redirect("wzk_admin:member_calendar", pk=member.pk)
    feed_url = (
        absolute_url(reverse("wzk:member_feed", args=[member.calendar_token]))
        if member.calendar_token
        else ""
    )
    return TemplateResponse(
        request, "wzk/recs/admin/member_calendar.html", {"member": member, "feed_url": feed_url}
    )
