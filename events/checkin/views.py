"""The staff scanner, its lists and live counts, and regenerating a ticket (the ticket page itself is
the registration app's)."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from cms.accounts.auth import staff_required
from events.registration.models import Ticket

from . import queries, services, signing
from .models import CheckInList, ScanResult

STORAGE_KEY_SESSION = "checkin_storage_key"


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def regenerate(request, pk):
    """Staff: give a ticket a new secret (e.g. a photo of it went round); the holder gets it by e-mail."""
    ticket = get_object_or_404(
        Ticket.objects.select_related("registration__event", "registration__ticket_type"), pk=pk
    )
    if request.method == "POST":
        ticket = services.regenerate_ticket(ticket=ticket, by=request.user)
        messages.success(
            request, _("The ticket has a new code; the old one no longer works. We sent it by e-mail.")
        )
        return redirect("registration:ticket", ticket.secret)
    return _private(
        render(request, "checkin/regenerate.html", {"ticket": ticket, "registration": ticket.registration})
    )


@never_cache
@ensure_csrf_cookie
@staff_required
def scanner(request):
    lists = list(queries.lists_for_scanning())
    chosen = None
    if request.GET.get("list", "").isdigit():
        chosen = CheckInList.objects.select_related("event", "zone").filter(pk=request.GET["list"]).first()
        if chosen and chosen not in lists:
            lists.append(chosen)  # a past event's list, opened from its link
    # The key this login session's scanner encrypts its offline copy with (AES-GCM, IndexedDB): a
    # copy left on the device after the session ends cannot be read, and the server's public key
    # the scanner verifies each downloaded list with.
    storage_key = request.session.get(STORAGE_KEY_SESSION)
    if not storage_key:
        storage_key = request.session[STORAGE_KEY_SESSION] = signing.new_storage_key()
    return render(
        request,
        "checkin/scanner.html",
        {
            "lists": lists,
            "chosen": chosen,
            "i18n": scanner_texts(),
            "storage_key": storage_key,
            "list_public_key": signing.public_key_spki(),
        },
    )


def scanner_texts():
    """The scanner's words, translated here and handed to scanner.js as JSON (no inline script)."""
    return {
        "online": _("Online"),
        "offline": _("Offline: scans are kept on this device"),
        "offline_ready": _("Offline list downloaded at %(time)s (tickets: %(count)s)"),
        "queued": _("Scans waiting to be sent: %(count)s"),
        "group_progress": _("%(done)s of %(size)s, %(left)s to come"),
        "checked_in_when": _("Checked in at %(time)s by %(by)s"),
        "decided_offline": _("Decided offline; it will be confirmed when the network returns."),
        "how_many": _("How many people arrived?"),
        "check_in": _("Check in"),
        "cancel": _("Close without checking in"),
        "valid_on": _("This list is for %(days)s."),
        "allow_other_day": _("Let in anyway"),
        "no_matches": _("Nothing found."),
        "regenerate": _("New code"),
        "unsynced_confirm": _("Scans not sent yet: %(count)s. Wipe them anyway?"),
        "unsigned_list": _(
            "The downloaded list is not signed by the server and was not kept: scan online only."
        ),
        "results": {
            "ok": _("Checked in"),
            "partial": _("Checked in (part of the group)"),
            "already_checked_in": _("Already checked in"),
            "cancelled": _("Cancelled registration"),
            "waitlisted": _("On the waiting list, not confirmed"),
            "unknown": _("Unknown ticket"),
            "wrong_event": _("Ticket for another event"),
            "wrong_list": _("Not valid here (another day, session or ticket type)"),
            "wrong_zone": _("Not valid in this zone"),
            "wrong_day": _("Ticket for another day"),
            "confirmed": _("confirmed"),
            "forbidden": _("Your session has ended: log in again"),
            "error": _("The server could not check this ticket"),
            "camera_error": _("The camera could not be started"),
        },
    }


@never_cache
@staff_required
def lists(request):
    """All current check-in lists with their scanner and live counts (linked from the admin menu)."""
    checkin_lists = list(queries.lists_for_scanning())
    return render(request, "checkin/lists.html", {"lists": checkin_lists})


@never_cache
@staff_required
def dashboard(request, pk):
    checkin_list = get_object_or_404(CheckInList.objects.select_related("event", "session", "zone"), pk=pk)
    stats = queries.list_stats(checkin_list)
    return render(
        request,
        "checkin/dashboard.html",
        {
            "checkin_list": checkin_list,
            "stats": stats,
            "scan_counts": [(value, label, stats["scans"][value]) for value, label in ScanResult.choices],
            "conflicts": queries.conflicts(checkin_list),
            "i18n": {
                "nobody": _("Nobody yet."),
                "no_conflicts": _("No conflicts."),
                "updated": _("Updated at"),
                "results": {value: str(label) for value, label in ScanResult.choices},
            },
        },
    )


@never_cache
@staff_required
def dashboard_data(request, pk):
    checkin_list = get_object_or_404(CheckInList, pk=pk)
    stats = queries.list_stats(checkin_list)
    stats["by_hour"] = [
        {"hour": row["hour"].isoformat(), "people": row["people"]} for row in stats["by_hour"]
    ]
    stats["conflicts"] = [queries.conflict_row(scan) for scan in queries.conflicts(checkin_list)]
    return JsonResponse(stats)
