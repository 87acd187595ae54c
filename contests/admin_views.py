"""Staff tools in the Wagtail admin: the list of entries and the formal check of one entry."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms.accounts.auth import staff_required

from . import queries, services
from .forms import CheckForm
from .models import Consent, ContestPage, Entry


@staff_required
def entry_list(request):
    entries = queries.entries_with_details().order_by("-submitted_at", "-pk")
    contest_id = request.GET.get("contest", "")
    status = request.GET.get("status", "")
    if contest_id.isdigit():
        entries = entries.filter(contest_id=int(contest_id))
    if status in Entry.Status.values:
        entries = entries.filter(status=status)
    return render(
        request,
        "contests/admin/entry_list.html",
        {
            "page_title": _("Contest entries"),
            "header_title": _("Contest entries"),
            "header_icon": "media",
            "entries": entries[:500],
            "contests": ContestPage.objects.order_by("-submissions_close_at"),
            "statuses": Entry.Status.choices,
            "selected_contest": contest_id,
            "selected_status": status,
        },
    )


@staff_required
def entry_check(request, pk):
    entry = get_object_or_404(queries.entries_with_details(), pk=pk)
    form = CheckForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "check":
                form = CheckForm(request.POST)
                if form.is_valid():
                    services.check_entry(
                        entry=entry,
                        decision=form.cleaned_data["decision"],
                        reason=form.cleaned_data["reason"],
                        user=request.user,
                    )
                    messages.success(request, _("The decision is saved and the teacher is informed."))
                    return redirect("contests_admin:entry_check", pk=entry.pk)
            elif action in ("paper", "withdraw"):
                consent = get_object_or_404(Consent, pk=request.POST.get("consent"), member__entry=entry)
                if action == "paper":
                    services.mark_consent_received_on_paper(consent=consent, user=request.user)
                    messages.success(request, _("Marked as received on paper."))
                else:
                    services.withdraw_consent(consent=consent, user=request.user, note=_("withdrawn (staff)"))
                    messages.success(
                        request, _("The consent is withdrawn: the film is no longer shown publicly.")
                    )
                return redirect("contests_admin:entry_check", pk=entry.pk)
            elif action in ("publish", "unpublish"):
                services.set_entry_published(entry=entry, published=action == "publish", user=request.user)
                messages.success(request, _("Saved."))
                return redirect("contests_admin:entry_check", pk=entry.pk)
        except services.ContestError as error:
            messages.error(request, error.message)
    film = queries.film_of(entry)
    members = [
        {
            "member": member,
            "consents": list(member.consents.all()),
            "events": [event for consent in member.consents.all() for event in consent.events.all()],
        }
        for member in entry.team.all()
    ]
    return render(
        request,
        "contests/admin/entry_check.html",
        {
            "page_title": entry.title,
            "header_title": entry.title,
            "header_icon": "media",
            "entry": entry,
            "film": film,
            "members": members,
            "form": form,
        },
    )
