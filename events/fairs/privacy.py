"""Personal data of the fairs for data-subject requests (``PERSONAL_DATA`` hook, see cms.privacy).

What the fairs hold about a person, found by e-mail address: the applications where they are the
contact person, their memberships of exhibitors (the accounts that act for an institution), and
the exhibitor passes naming them. Erasing anonymises the contact person of each application but
keeps the application itself (the institution, its needs, the decision and the stand: the
institution's data and the fair's record); removes the memberships; erases the names and
addresses on the passes (the pass's registration and ticket are erased by the registrations'
source: a pass for a fair still to come is cancelled there, so its QR code stops working).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import ERASED_NAME, Application, ExhibitorMember, ExhibitorPass

OPEN_STATUSES = (
    Application.Status.DRAFT,
    Application.Status.SUBMITTED,
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
)


def export(email):
    applications = (
        Application.objects.filter(contact_email__iexact=email)
        .select_related("call__event", "exhibitor")
        .order_by("created_at", "pk")
    )
    memberships = (
        ExhibitorMember.objects.filter(user__email__iexact=email)
        .select_related("exhibitor")
        .order_by("added_at", "pk")
    )
    passes = (
        ExhibitorPass.objects.filter(email__iexact=email)
        .select_related("application__call__event", "application__exhibitor")
        .order_by("created_at", "pk")
    )
    return {
        "exhibitor_applications": [
            {
                "id": application.pk,
                "fair": application.call.event.title,
                "fair_starts_at": application.call.event.starts_at,
                "institution": application.exhibitor.name,
                "status": application.status,
                "contact_name": application.contact_name,
                "contact_email": application.contact_email,
                "contact_phone": application.contact_phone,
                "created_at": application.created_at,
                "submitted_at": application.submitted_at,
                "decided_at": application.decided_at,
                "decision_reason": application.decision_reason,
            }
            for application in applications
        ],
        "exhibitor_memberships": [
            {
                "institution": membership.exhibitor.name,
                "institution_kind": membership.exhibitor.kind,
                "added_at": membership.added_at,
            }
            for membership in memberships
        ],
        "exhibitor_passes": [
            {
                "id": exhibitor_pass.pk,
                "fair": exhibitor_pass.application.call.event.title,
                "institution": exhibitor_pass.application.exhibitor.name,
                "name": exhibitor_pass.name,
                "email": exhibitor_pass.email,
                "created_at": exhibitor_pass.created_at,
            }
            for exhibitor_pass in passes
        ],
    }


def erase(email):
    now = timezone.now()
    with transaction.atomic():
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .filter(contact_email__iexact=email)
            .select_related("call__event")
            .order_by("pk")
        )
        ongoing = 0
        for application in applications:
            if application.status in OPEN_STATUSES and application.call.event.ends_at > now:
                ongoing += 1
            application.contact_name = ERASED_NAME
            application.contact_email = application.anonymised_contact_email
            application.contact_phone = ""
        Application.objects.bulk_update(applications, ["contact_name", "contact_email", "contact_phone"])
        memberships = ExhibitorMember.objects.filter(user__email__iexact=email).delete()[0]
        passes = ExhibitorPass.objects.filter(email__iexact=email).update(name=ERASED_NAME, email="")
    kept = []
    if ongoing:
        kept.append(
            str(
                _(
                    "Applications for fairs still to come keep going without a contact person: "
                    "ask the institution to name a new one."
                )
            )
        )
    return Erasure(
        done={
            _("Exhibitor applications: contact person anonymised"): len(applications),
            _("Memberships of exhibitors removed"): memberships,
            _("Exhibitor passes: name and e-mail erased"): passes,
        },
        kept=kept,
    )


def source():
    return DataSource(
        key="fairs",
        label=_("Fair exhibitors"),
        export=export,
        erase=erase,
        retention_note=_(
            "An anonymised exhibitor application keeps the institution, its stand needs, the "
            "decision and the stand: they are the institution's data and the fair's record."
        ),
    )
