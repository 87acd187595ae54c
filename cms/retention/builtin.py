"""Retention rules of the data ``cms`` itself holds: the e-mail outbox and teachers' accounts."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.accounts import roles
from cms.outbox.models import OutgoingEmail

from .rules import ANONYMISE, DELETE, RetentionRule

ANONYMISED_USERNAME = "anonymised-{pk}"


def rules():
    return [
        RetentionRule(
            key="cms.outgoing_email",
            label=_("Outgoing e-mails (sent, failed or not needed)"),
            anchor=_("after the e-mail was queued"),
            action=DELETE,
            default_days=90,
            legal_basis=_("Art. 6(1)(e) GDPR: proof of delivery and resending; not needed longer."),
            model=OutgoingEmail,
            due=outgoing_email_due,
            process=delete_outgoing_emails,
            order=900,
        ),
        RetentionRule(
            key="cms.inactive_accounts",
            label=_("Inactive school coordinator accounts"),
            anchor=_("after the last sign-in (or sign-up, if never signed in)"),
            action=ANONYMISE,
            default_days=3 * 365,
            legal_basis=_(
                "Art. 5(1)(e) GDPR (storage limitation): an account unused for years no longer "
                "serves the public task. Staff, jurors and Edubus coordinators are never included."
            ),
            model=get_user_model(),
            due=inactive_accounts_due,
            process=anonymise_accounts,
            order=910,
        ),
    ]


def outgoing_email_due(cutoff):
    """Mail still waiting to be sent is never touched: the outbox must not lose it."""
    return OutgoingEmail.objects.filter(
        created_at__lt=cutoff,
        status__in=[OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED, OutgoingEmail.Status.DROPPED],
    )


def delete_outgoing_emails(rows, now):
    OutgoingEmail.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


def inactive_accounts_due(cutoff):
    """Accounts whose only role is school coordinator (or none), not staff, unused since ``cutoff``.

    Anonymised accounts have no e-mail address, which keeps them from being due again.
    """
    User = get_user_model()
    other_roles = Group.objects.exclude(name=roles.SCHOOL_COORDINATOR)
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .exclude(email="")
        .exclude(groups__in=other_roles)
        .exclude(user_permissions__isnull=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )


def anonymise_accounts(rows, now):
    """The account stays (entries and registrations keep pointing at a row) but can no longer sign
    in and holds no name or address; its e-mail addresses, MFA devices and sessions are deleted."""
    for user in rows:
        user.username = ANONYMISED_USERNAME.format(pk=user.pk)
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["username", "email", "first_name", "last_name", "is_active", "password"])
    pks = [user.pk for user in rows]
    EmailAddress.objects.filter(user_id__in=pks).delete()
    Authenticator.objects.filter(user_id__in=pks).delete()
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession  # noqa: PLC0415 — optional app: allauth.usersessions is imported only when installed

        UserSession.objects.filter(user_id__in=pks).delete()
    return len(rows)
