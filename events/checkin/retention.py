"""Retention of the check-in scan log (``cms.retention``): anonymised a period after the event ends.

A scan keeps its list, result, head-counts and times (the door's figures); the SHA-256 of the
scanned code, the link to the ticket, the device name, the staff member and the device's scan id
go, and so does the staff member on the ticket's check-in rows of that list.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, RetentionRule

from .models import CheckIn, Scan


def rules():
    return [
        RetentionRule(
            key="checkin.scans",
            label=_("Check-in scan log"),
            anchor=_("after the event ends"),
            action=ANONYMISE,
            default_days=90,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: admitting participants and settling disputes at the door, "
                "which do not arise months later."
            ),
            model=Scan,
            due=scans_due,
            process=anonymise_scans,
            order=20,
        )
    ]


def scans_due(cutoff):
    """Scans of lists whose event ended before ``cutoff``; a scan without a list counts from its time."""
    return Scan.objects.exclude(secret_hash="").filter(
        Q(checkin_list__event__ends_at__lt=cutoff) | Q(checkin_list__isnull=True, scanned_at__lt=cutoff)
    )


def anonymise_scans(rows, now):
    pairs = {
        (scan.ticket_id, scan.checkin_list_id) for scan in rows if scan.ticket_id and scan.checkin_list_id
    }
    for scan in rows:
        scan.secret_hash = ""
        scan.ticket = None
        scan.device = ""
        scan.scanned_by = None
        scan.scan_id = None
    Scan.objects.bulk_update(rows, ["secret_hash", "ticket", "device", "scanned_by", "scan_id"])
    for ticket_id, list_id in pairs:
        CheckIn.objects.filter(ticket_id=ticket_id, checkin_list_id=list_id).update(first_by=None)
    return len(rows)
