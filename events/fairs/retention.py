"""Retention of the fairs' personal data (``cms.retention``).

Applications: the contact person's name, e-mail and phone go a period after the fair ends; the
application stays (institution, needs, decision, stand) as the fair's record. Passes: the stand
staff's names and e-mails go a period after the fair ends (their registrations and tickets are
anonymised by the registrations' own rule). The accounts of exhibitors' people are accounts like
any other (``cms.inactive_accounts`` covers unused ones).
"""

from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, RetentionRule

from .models import ANONYMISED_DOMAIN, ERASED_NAME, Application, ExhibitorPass

LEGAL_BASIS = _("Art. 6(1)(e) GDPR (public task): organising the fair with its exhibitors.")


def rules():
    return [
        RetentionRule(
            key="fairs.application_contacts",
            label=_("Exhibitor applications: contact person's name, e-mail and phone"),
            anchor=_("after the fair ends"),
            action=ANONYMISE,
            default_days=2 * 365,
            legal_basis=LEGAL_BASIS,
            model=Application,
            due=application_contacts_due,
            process=remove_application_contacts,
            order=80,
        ),
        RetentionRule(
            key="fairs.exhibitor_passes",
            label=_("Exhibitor passes: stand staff's names and e-mails"),
            anchor=_("after the fair ends"),
            action=ANONYMISE,
            default_days=365,
            legal_basis=LEGAL_BASIS,
            model=ExhibitorPass,
            due=passes_due,
            process=remove_pass_names,
            order=81,
        ),
    ]


def application_contacts_due(cutoff):
    return Application.objects.filter(call__event__ends_at__lt=cutoff).exclude(
        contact_email__endswith=f"@{ANONYMISED_DOMAIN}"
    )


def remove_application_contacts(rows, now):
    for application in rows:
        application.contact_name = ERASED_NAME
        application.contact_email = application.anonymised_contact_email
        application.contact_phone = ""
    Application.objects.bulk_update(rows, ["contact_name", "contact_email", "contact_phone"])
    return len(rows)


def passes_due(cutoff):
    return ExhibitorPass.objects.filter(application__call__event__ends_at__lt=cutoff).exclude(
        name=ERASED_NAME, email=""
    )


def remove_pass_names(rows, now):
    for exhibitor_pass in rows:
        exhibitor_pass.name = ERASED_NAME
        exhibitor_pass.email = ""
    ExhibitorPass.objects.bulk_update(rows, ["name", "email"])
    return len(rows)
