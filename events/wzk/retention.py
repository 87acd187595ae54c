"""Retention of the WZK's personal data (``cms.retention``).

Roster: a former member's contact data (e-mail, phone, account link, the standing substitutes'
details) goes a number of years after the term ended; the name, institution, pillar, role and term
stay as the history of the appointments (the minutes name the members of a meeting)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, RetentionRule

from .models import ANONYMISED_DOMAIN, Invitation, Member, Substitute


def roster_rules():
    return [
        RetentionRule(
            key="wzk.former_member_contacts",
            label=_("WZK former members: e-mail, phone, account and substitutes"),
            anchor=_("after the end of the term"),
            action=ANONYMISE,
            default_days=5 * 365,
            legal_basis=_("Art. 6(1)(e) GDPR: the WZK's work under the board's resolution."),
            model=Member,
            due=former_member_contacts_due,
            process=remove_former_member_contacts,
            order=70,
        ),
    ]


def former_member_contacts_due(cutoff):
    return Member.objects.filter(term_to__lt=timezone.localdate(cutoff)).exclude(
        email__endswith=f"@{ANONYMISED_DOMAIN}", phone="", user__isnull=True
    )


def remove_former_member_contacts(rows, now):
    for member in rows:
        member.email = member.anonymised_email
        member.phone = ""
        member.user = None
        member.calendar_token = None
    Member.objects.bulk_update(rows, ["email", "phone", "user", "calendar_token"])
    Substitute.objects.filter(member__in=rows).update(email="")
    return len(rows)


def invitation_rules():
    return [
        RetentionRule(
            key="wzk.invitation_contacts",
            label=_("WZK meeting invitations: guests' and substitutes' e-mail addresses"),
            anchor=_("after the meeting"),
            action=ANONYMISE,
            default_days=2 * 365,
            legal_basis=_("Art. 6(1)(e) GDPR: the WZK's work under the board's resolution."),
            model=Invitation,
            due=invitation_contacts_due,
            process=remove_invitation_contacts,
            order=71,
        ),
    ]


def invitation_contacts_due(cutoff):
    """Invitations to meetings that ended before ``cutoff`` that still hold a guest's or a
    substitute's address (names stay: the minutes record who attended)."""
    return Invitation.objects.filter(meeting__event__ends_at__lt=cutoff).filter(
        (Q(member__isnull=True) & ~Q(guest_email__endswith=f"@{ANONYMISED_DOMAIN}")) | ~Q(substitute_email="")
    )


def remove_invitation_contacts(rows, now):
    rows = list(rows)
    for invitation in rows:
        if invitation.member_id is None:
            invitation.guest_email = f"gosc-{invitation.pk}@{ANONYMISED_DOMAIN}"
        invitation.substitute_email = ""
    Invitation.objects.bulk_update(rows, ["guest_email", "substitute_email"])
    return len(rows)
