"""Staff pages of the WZK in the Wagtail admin."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from cms.accounts.auth import staff_required

from . import queries, services
from .forms import GuestForm
from .models import Meeting

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
