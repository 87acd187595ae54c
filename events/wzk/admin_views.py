"""Staff pages of the WZK in the Wagtail admin.

Roster: importing members from CSV or XLSX (upload → preview with each row's problems → confirm →
summary), the import template, and inviting members to sign in (one or all without an account)."""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import CSV_TYPE, XLSX_TYPE, Workbook, csv_bytes

from . import queries, services
from .forms import IMPORT_COLUMNS, GuestForm, RosterImportConfirmForm, RosterImportForm, sign_rows
from .models import Meeting, Member

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
